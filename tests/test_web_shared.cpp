// Issue 20, items 3 and 6: several servers and the nightly job on one store (an SQLite file, or
// a PostgreSQL database in the PostgreSQL run: these are [store] tests), and the load
// balancer's /healthz. Real HTTP, real stores, the real binary for the processes.
#include <httplib.h>
#include <unistd.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <thread>

#include "engine/store.hpp"
#include "tests/helpers.hpp"
#include "tests/serve.hpp"
#include "tests/store_fixture.hpp"
#include "tests/web_site.hpp"
#include "web/server.hpp"
#include "web/token.hpp"

namespace fs = std::filesystem;
using namespace arshjul;
using namespace arshjul::test::web_site;

namespace {

/// The Rektor/Ekskolan row of the overview.
std::string ekskolan_row(const std::string& body) {
  auto at = body.find("data-role=\"Rektor\" data-unit=\"Ekskolan\"");
  REQUIRE(at != std::string::npos);
  return body.substr(at, body.find("</tr>", at) - at);
}

/// A server of the test's rules on `store`, its key in `key`, in a folder named `name`.
std::unique_ptr<Site> site_on(const std::string& store, const std::string& key,
                              const std::string& name, int per_task = 0) {
  return std::make_unique<Site>(
      kRules, false,
      [&](web::ServeOptions& o) {
        o.store = store;
        o.key_file = key;
        if (per_task) o.entries_per_task = per_task;
      },
      name);
}

/// A new store under test (tests/store_fixture.hpp) and a key file beside it, in a folder of
/// the test's own.
struct Shared {
  explicit Shared(const std::string& name)
      : tmp(test::store::unique(name)),
        store(test::store::fresh_store(tmp.path())),
        key((tmp.path() / "links.key").string()) {}
  test::TempDir tmp;
  std::string store, key;
};

/// The database's name in a PostgreSQL address of tests/store_fixture.hpp (.../NAME?host=...).
std::string database_of(const std::string& address) {
  auto end = address.find('?');
  auto start = address.rfind('/', end) + 1;
  return address.substr(start, end - start);
}

}  // namespace

TEST_CASE("serve: two servers on one store: a write on one is on the other's next page",
          "[store][web]") {
  Shared on("shared");
  auto a = site_on(on.store, on.key, "shared-a", 2);
  auto b = site_on(on.store, on.key, "shared-b", 2);
  // Signed in on one, known on the other: the session is a row of the shared store.
  auto anna = a->sign_in("anna@example.se");
  auto before = b->get("/", anna);
  REQUIRE(before);
  REQUIRE(before->status == 200);
  CHECK(contains(ekskolan_row(before->body), "data-state=\"done\">0<"));  // cached on b now

  auto res = a->post_done(anna, done_form(a->csrf(anna), "läsa", "Ekskolan"));
  REQUIRE(status_of(res) == 303);
  auto after = b->get("/", anna);
  REQUIRE(after);
  CHECK(contains(ekskolan_row(after->body), "data-state=\"done\">1<"));
  auto task = b->get("/task?p=skola&c=2026&s=l%C3%A4sa&u=Ekskolan&n=1", anna);
  REQUIRE(task);
  CHECK(contains(task->body, "data-state=\"done\""));

  // The limit per task counts what both servers wrote: the third entry is refused on b.
  CHECK(status_of(b->post_done(
            anna, with_note(done_form(b->csrf(anna), "läsa", "Ekskolan"), "rättat på b"))) == 303);
  CHECK(status_of(a->post_done(
            anna, with_note(done_form(a->csrf(anna), "läsa", "Ekskolan"), "en tredje"))) == 429);
  CHECK(a->records().size() == 2);
}

TEST_CASE("healthz: 200 while the store answers, 503 once it cannot be reached", "[store][web]") {
  Shared on("healthz");
  const auto& store = on.store;
  auto site = site_on(store, on.key, "healthz");
  auto c = site->client();
  // No session needed, and a load balancer asking often is never turned away.
  for (int i = 0; i < 50; ++i) {
    auto res = c.Get("/healthz");
    REQUIRE(res);
    REQUIRE(res->status == 200);
  }
  auto ok = c.Get("/healthz");
  CHECK(contains(ok->body, "ok: lagret svarar, 1 processer laddade"));
  CHECK(contains(ok->get_header_value("Content-Type"), "text/plain"));

  if (test::store::on_postgres()) {
    // The database gone under the running server (its connections ended with it).
    test::store::pg_text(test::store::postgres_server(),
                         "DROP DATABASE " + database_of(store) + " WITH (FORCE)");
  } else {
    fs::remove(store + "-wal");
    fs::remove(store + "-shm");
    std::ofstream(store, std::ios::trunc) << std::string(4096, 'z');
  }
  for (int i = 0; i < 2; ++i) {  // a kept connection and a new one both fail
    auto res = c.Get("/healthz");
    REQUIRE(res);
    CHECK(res->status == 503);
    CHECK(res->body == "fel: lagret går inte att nå\n");
  }
}

namespace {

/// `arshjul remind` for `date` into `mail`, as the nightly job runs it.
std::string remind_command(const fs::path& dir, const std::string& store, const std::string& key,
                           const std::string& date) {
  return "cd " + test::shell_quote(dir.string()) + " && " + test::shell_quote(ARSHJUL_BINARY) +
         " remind --rules regler.arshjul --roster enheter.csv --store " + test::shell_quote(store) +
         " --key-file " + test::shell_quote(key) + " --link-base http://127.0.0.1/ --date " + date +
         " --out mail --quiet 2>>remind.err";
}

/// The Message-ID of every message in `dir`, with how many files carry it.
std::map<std::string, int> message_ids(const fs::path& dir) {
  std::map<std::string, int> ids;
  if (!fs::exists(dir)) return ids;
  for (const auto& f : fs::directory_iterator(dir)) {
    auto text = test::slurp(f.path());
    auto at = text.find("Message-ID: ");
    if (at != std::string::npos) ids[text.substr(at, text.find('\r', at) - at)]++;
  }
  return ids;
}

}  // namespace

TEST_CASE("serve: two serve processes and two nightly loops on one store lose and double nothing",
          "[store][web][cli]") {
  Shared on("two-servers");
  const auto& tmp = on.tmp;
  const auto &store = on.store, &key = on.key;
  tmp.write("regler.arshjul", kRules);
  tmp.write("enheter.csv", kRoster);
  const std::vector<std::string> args{"--rules",
                                      "regler.arshjul",
                                      "--roster",
                                      "enheter.csv",
                                      "--store",
                                      store,
                                      "--key-file",
                                      key,
                                      "--date",
                                      "2026-10-15",
                                      "--entries-per-task",
                                      "100000",
                                      "--owner-role",
                                      "Nämnd"};
  test::Serve one(tmp.path(), args), two(tmp.path(), args);
  REQUIRE(one.port() > 0);
  REQUIRE(two.port() > 0);
  const auto secret = web::load_or_create_secret(key);
  const std::string people[] = {"anna@example.se", "bo@example.se", "nils@example.se"};
  const std::string units[] = {"Ekskolan", "Björkskolan", "Ekskolan"};
  struct Client {
    std::unique_ptr<httplib::Client> http;
    std::string cookie, csrf;
  };
  // Each person signed in on each server (a link signs in up to five times).
  std::vector<Client> clients;
  for (int port : {one.port(), two.port()})
    for (const auto& p : people) {
      Client c{std::make_unique<httplib::Client>("127.0.0.1", port), "", ""};
      auto link = web::sign_token(secret, web::TokenKind::link, p, now() + 600, now());
      auto res = c.http->Get(("/signin?t=" + link).c_str());
      REQUIRE(status_of(res) == 200);
      auto set = res->get_header_value("Set-Cookie");
      c.cookie = set.substr(0, set.find(';'));
      auto my = c.http->Get("/my", httplib::Headers{{"Cookie", c.cookie}});
      REQUIRE(status_of(my) == 200);
      auto at = my->body.find("name=\"csrf\" value=\"") + 19;
      c.csrf = my->body.substr(at, my->body.find('"', at) - at);
      clients.push_back(std::move(c));
    }

  std::atomic<bool> posting{true};
  std::atomic<int> remind_runs{0}, remind_failures{0};
  auto nightly = [&] {
    const char* dates[] = {"2026-10-16", "2026-10-19", "2026-10-20", "2026-10-21"};
    for (int i = 0; posting || i < 2; ++i)
      (std::system(remind_command(tmp.path(), store, key, dates[i % 4]).c_str()) == 0
           ? remind_runs
           : remind_failures)++;
  };
  std::thread night_one(nightly), night_two(nightly);
  std::atomic<int> confirmed{0}, other{0};
  std::vector<std::thread> writers;
  for (int t = 0; t < 6; ++t)
    writers.emplace_back([&, t] {
      auto& c = clients[t];
      httplib::Client http("127.0.0.1", t < 3 ? one.port() : two.port());
      for (int i = 0; i < 15; ++i) {
        auto form = with_note(done_form(c.csrf, "läsa", units[t % 3]),
                              "post " + std::to_string(t * 100 + i));
        auto res = http.Post("/done", httplib::Headers{{"Cookie", c.cookie}}, form);
        (status_of(res) == 303 ? confirmed : other)++;
      }
    });
  for (auto& w : writers) w.join();
  posting = false;
  night_one.join();
  night_two.join();
  CHECK(other == 0);
  CHECK(confirmed == 6 * 15);
  // Every confirmed entry exactly once.
  std::multiset<std::string> notes;
  for (const auto& e : engine::Store(store, false).load(2026, 2026)) notes.insert(e.note);
  CHECK(notes.size() == static_cast<std::size_t>(confirmed));
  for (int t = 0; t < 6; ++t)
    for (int i = 0; i < 15; ++i) CHECK(notes.count("post " + std::to_string(t * 100 + i)) == 1);
  // Each on the other server's next page: both overviews count the same.
  auto page = [&](int port, const Client& c) {
    httplib::Client http("127.0.0.1", port);
    auto res = http.Get("/", httplib::Headers{{"Cookie", c.cookie}});
    REQUIRE(status_of(res) == 200);
    return ekskolan_row(res->body);
  };
  CHECK(page(one.port(), clients[0]) == page(two.port(), clients[3]));
  CHECK(contains(page(two.port(), clients[3]), "data-state=\"done\">1<"));
  // No reminder twice: every message is its own (a doubled one would repeat its Message-ID).
  INFO(test::slurp(tmp.path() / "remind.err"));
  CHECK(remind_failures == 0);
  CHECK(remind_runs >= 4);
  auto ids = message_ids(tmp.path() / "mail");
  CHECK_FALSE(ids.empty());
  for (const auto& [id, n] : ids) CHECK(n == 1);
}
