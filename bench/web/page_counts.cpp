// page_counts: the server's own work per page of the web view, counted by callgrind rather than
// timed (not a test: nothing here is registered with ctest). The counts do not depend on what
// else the machine runs, so a change to a page can be weighed on a busy machine.
//
//   valgrind --tool=callgrind --instr-atstart=no
//     --toggle-collect='httplib::Server::process_request*'
//     build/page_counts DIR --page /my [--requests 20] [--people 20]
//
// Starts `arshjul serve`'s server in this process on a copy of DIR's store (DIR as gen_admin
// makes it: rules/, roster.csv, arshjul.db; the original is only read) as of 2026-05-20, signs
// in as the roster's first --people rektorer (as bench/web/large.sh does), asks each page once
// (the cache is built then, not counted), then --requests pages with callgrind's
// instrumentation on: `/` (the overview), `/my` (each rektor's own) or `/task` (the tasks
// listed on their /my, up to 10 each). The toggle counts only the server's handling of each
// request (reading it, the page, writing the answer), not the client's. Without valgrind it
// prints the same figures with no counts.
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
};

Options parse(int argc, char** argv) {
  Options o;
  o.dir = argv[1];
  for (int i = 2; i + 1 < argc; i += 2) {
    std::string a = argv[i];
    if (a == "--page") o.page = argv[i + 1];
    if (a == "--requests") o.requests = std::stoi(argv[i + 1]);
    if (a == "--people") o.people = std::stoi(argv[i + 1]);
  }
  return o;
}

std::int64_t now() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
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

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr,
                 "usage: page_counts DIR [--page /|/my|/task] [--requests N] [--people N]\n");
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
    // Each rektor's cookie and the pages asked for as them.
    std::vector<std::pair<std::string, std::string>> asks;  // cookie, path
    int people = 0;
    for (const auto& person : roster.people) {
      if (person.role != "Rektor" || people == opt.people) continue;
      ++people;
      auto link = web::sign_token(secret, web::TokenKind::link, dsl::fold(person.email),
                                  now() + 3600, now());
      auto in = client.Get(("/signin?t=" + link).c_str());
      if (!in || in->status != 200) return 3;
      auto cookie = in->get_header_value("Set-Cookie");
      cookie = cookie.substr(0, cookie.find(';'));
      auto my = client.Get("/my", httplib::Headers{{"Cookie", cookie}});
      if (!my || my->status != 200) return 3;
      if (opt.page == "/task")
        for (const auto& href : task_links(my->body)) asks.emplace_back(cookie, href);
      else
        asks.emplace_back(cookie, opt.page);
    }
    if (asks.empty()) return 3;
    auto ask = [&](std::size_t i) {
      const auto& [cookie, path] = asks[i % asks.size()];
      auto r = client.Get(path.c_str(), httplib::Headers{{"Cookie", cookie}});
      return r && r->status == 200 ? r->body.size() : std::size_t{0};
    };
    for (std::size_t i = 0; i < asks.size(); ++i) ask(i);  // every page once: caches made
    std::size_t bytes = 0;
    CALLGRIND_ZERO_STATS;
    CALLGRIND_START_INSTRUMENTATION;
    for (int i = 0; i < opt.requests; ++i) {
      std::size_t n = ask(static_cast<std::size_t>(i));
      if (n == 0) status = 1;
      bytes += n;
    }
    CALLGRIND_STOP_INSTRUMENTATION;
    CALLGRIND_DUMP_STATS_AT(opt.page.c_str());
    std::printf("%s: %d requests over %zu pages, %zu bytes in all%s\n", opt.page.c_str(),
                opt.requests, asks.size(), bytes, status ? " (some failed)" : "");
    server.stop();
    serving.join();
  }
  fs::remove_all(work);
  return status;
}
