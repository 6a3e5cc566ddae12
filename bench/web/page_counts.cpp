// page_counts: the server's own work per page of the web view, counted by callgrind rather than
// timed (not a test: nothing here is registered with ctest). The counts do not depend on what
// else the machine runs, so a change to a page can be weighed on a busy machine.
//
//   valgrind --tool=callgrind --instr-atstart=no
//     --toggle-collect='httplib::Server::process_request*'
//     build/page_counts DIR --page /my [--requests 20] [--people 20] [--writes 0]
//
// Starts `arshjul serve`'s server in this process on a copy of DIR's store (DIR as gen_admin
// makes it: rules/, roster.csv, arshjul.db; the original is only read) as of 2026-05-20, signs
// in as the roster's first --people rektorer (as bench/web/large.sh does), asks each page once
// (the cache is built then, not counted), then --requests pages with callgrind's
// instrumentation on: `/` (the overview), `/my` (each rektor's own) or `/task` (the tasks
// listed on their /my, up to 10 each; with --writes N, each first marked done N times, on
// days before, so that its history is as the load test leaves it). The toggle counts only the
// server's handling of each request (reading it, the page, writing the answer), not the client's.
// Without valgrind it prints the same figures with no counts.
#include <httplib.h>
#include <unistd.h>
#include <valgrind/callgrind.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <regex>
#include <string>
#include <thread>
#include <vector>

#include "dsl/loader.hpp"
#include "dsl/schedule.hpp"
#include "dsl/text.hpp"
#include "engine/roster.hpp"
#include "web/server.hpp"
#include "web/token.hpp"

using namespace arshjul;
namespace fs = std::filesystem;

namespace {

struct Options {
  std::string dir, page = "/";
  int requests = 20, people = 20;
  int writes = 0;  ///< entries made on each task page's task before counting (its history)
};

Options parse(int argc, char** argv) {
  Options o;
  o.dir = argv[1];
  for (int i = 2; i + 1 < argc; i += 2) {
    std::string a = argv[i];
    if (a == "--page") o.page = argv[i + 1];
    if (a == "--requests") o.requests = std::stoi(argv[i + 1]);
    if (a == "--people") o.people = std::stoi(argv[i + 1]);
    if (a == "--writes") o.writes = std::stoi(argv[i + 1]);
  }
  return o;
}

std::int64_t now() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

/// The value of the first CSRF field on a page.
std::string csrf_of(const std::string& page) {
  static const std::regex field("name=\"csrf\" value=\"([^\"]*)\"");
  std::smatch m;
  return std::regex_search(page, m, field) ? m[1].str() : "";
}

/// The hrefs of the task links on a /my page (&amp; read back as &), up to 10.
std::vector<std::string> task_links(const std::string& page) {
  std::vector<std::string> out;
  static const std::regex href("href=\"(/task\\?[^\"]*)\"");
  for (auto it = std::sregex_iterator(page.begin(), page.end(), href);
       it != std::sregex_iterator() && out.size() < 10; ++it)
    out.push_back(std::regex_replace((*it)[1].str(), std::regex("&amp;"), "&"));
  return out;
}

using Asks = std::vector<std::pair<std::string, std::string>>;  // cookie, path

/// A history as the load test leaves it: `n` entries for the task of `href`, on days before.
bool mark_done(httplib::Client& client, const std::string& cookie, const std::string& csrf,
               const std::string& href, int n, dsl::Date date) {
  for (int k = 0; k < n; ++k) {
    auto day = std::chrono::year_month_day(std::chrono::sys_days(date) - std::chrono::days(k));
    auto form = "csrf=" + csrf + "&" + href.substr(6) + "&date=" + dsl::iso(day) + "&note=bench";
    auto done = client.Post("/done", httplib::Headers{{"Cookie", cookie}}, form,
                            "application/x-www-form-urlencoded");
    if (!done || done->status != 303) return false;
  }
  return true;
}

/// Signs in as the roster's first opt.people rektorer: each one's cookie and the pages asked
/// for as them (empty when something failed).
Asks sign_in(httplib::Client& client, const engine::Roster& roster, const std::string& secret,
             const Options& opt, dsl::Date date) {
  Asks asks;
  int people = 0;
  for (const auto& person : roster.people) {
    if (person.role != "Rektor" || people == opt.people) continue;
    ++people;
    auto link =
        web::sign_token(secret, web::TokenKind::link, dsl::fold(person.email), now() + 3600, now());
    auto in = client.Get(("/signin?t=" + link).c_str());
    if (!in || in->status != 200) return {};
    auto cookie = in->get_header_value("Set-Cookie");
    cookie = cookie.substr(0, cookie.find(';'));
    auto my = client.Get("/my", httplib::Headers{{"Cookie", cookie}});
    if (!my || my->status != 200) return {};
    if (opt.page != "/task") {
      asks.emplace_back(cookie, opt.page);
      continue;
    }
    for (const auto& href : task_links(my->body)) {
      asks.emplace_back(cookie, href);
      if (!mark_done(client, cookie, csrf_of(my->body), href, opt.writes, date)) return {};
    }
  }
  return asks;
}

/// opt.requests pages of `asks` in turn, counted by callgrind; 0 when one failed.
std::size_t count(httplib::Client& client, const Asks& asks, const Options& opt) {
  auto ask = [&](std::size_t i) {
    const auto& [cookie, path] = asks[i % asks.size()];
    auto r = client.Get(path.c_str(), httplib::Headers{{"Cookie", cookie}});
    return r && r->status == 200 ? r->body.size() : std::size_t{0};
  };
  for (std::size_t i = 0; i < asks.size(); ++i) ask(i);  // every page once: caches made
  std::size_t bytes = 0;
  bool failed = false;
  CALLGRIND_ZERO_STATS;
  CALLGRIND_START_INSTRUMENTATION;
  for (int i = 0; i < opt.requests; ++i) {
    std::size_t n = ask(static_cast<std::size_t>(i));
    failed = failed || n == 0;
    bytes += n;
  }
  CALLGRIND_STOP_INSTRUMENTATION;
  CALLGRIND_DUMP_STATS_AT(opt.page.c_str());
  return failed ? 0 : bytes;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr,
                 "usage: page_counts DIR [--page /|/my|/task] [--requests N] [--people N] "
                 "[--writes N]\n");
    return 2;
  }
  const Options opt = parse(argc, argv);
  const dsl::Date date{std::chrono::year(2026), std::chrono::month(5), std::chrono::day(20)};
  auto rules = dsl::load_rules({opt.dir + "/rules"}, 2026);
  if (!rules.ok()) return 2;
  std::vector<dsl::Diagnostic> errors;
  dsl::Sources sources;
  auto roster = engine::load_roster(opt.dir + "/roster.csv", rules.processes, sources, errors);
  if (!errors.empty()) return 2;
  const fs::path work =
      fs::temp_directory_path() / ("arshjul-page-counts-" + std::to_string(getpid()));
  fs::create_directories(work);
  fs::copy_file(opt.dir + "/arshjul.db", work / "arshjul.db");
  int status = 0;
  {
    web::ServeOptions o;
    o.store = (work / "arshjul.db").string();
    o.key_file = (work / "links.key").string();
    o.today = [date] { return date; };
    o.now_timestamp = [] { return std::string("2026-05-20T08:00:00Z"); };
    o.now_seconds = now;
    o.threads = 4;
    o.log_slower_than_ms = -1;
    const std::string secret = web::load_or_create_secret(o.key_file);
    web::Server server(rules, roster, o);
    const int port = server.bind("127.0.0.1", 0);
    std::thread serving([&] { server.run(); });
    httplib::Client client("127.0.0.1", port);
    client.set_read_timeout(600, 0);
    auto asks = sign_in(client, roster, secret, opt, date);
    std::size_t bytes = asks.empty() ? 0 : count(client, asks, opt);
    status = bytes == 0 ? 3 : 0;
    std::printf("%s: %d requests over %zu pages, %zu bytes in all%s\n", opt.page.c_str(),
                opt.requests, asks.size(), bytes, status ? " (failed)" : "");
    server.stop();
    serving.join();
  }
  fs::remove_all(work);
  return status;
}
