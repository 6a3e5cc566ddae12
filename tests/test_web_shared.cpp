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
#include <vector>

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

/// The Rektor row of `unit` in the overview.
std::string ekskolan_row(const std::string& body, const std::string& unit = "Ekskolan") {
  auto at = body.find("data-role=\"Rektor\" data-unit=\"" + unit + "\"");
  REQUIRE(at != std::string::npos);
  return body.substr(at, body.find("</tr>", at) - at);
}

/// A server of the test's rules on `store`, its key in `key`, in a folder named `name`.
std::unique_ptr<Site> site_on(const std::string& store, const std::string& key,
                              const std::string& name, int per_task = 0,
                              const std::string& rules = kRules) {
  return std::make_unique<Site>(
      rules, false,
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

/// Two servers (`name`-a and `name`-b) on one new store, at most `per_task` entries per task.
struct Pair {
  Pair(const std::string& name, int per_task, const std::string& rules = kRules)
      : on(name),
        a(site_on(on.store, on.key, name + "-a", per_task, rules)),
        b(site_on(on.store, on.key, name + "-b", per_task, rules)) {}
  Shared on;
  std::unique_ptr<Site> a, b;
};

/// The database's name in a PostgreSQL address of tests/store_fixture.hpp (.../NAME?host=...).
std::string database_of(const std::string& address) {
  auto end = address.find('?');
  auto start = address.rfind('/', end) + 1;
  return address.substr(start, end - start);
}

/// The one-time keys of the forms on `page` (their hidden fields "submission"), in order.
std::vector<std::string> submissions_on(const std::string& page) {
  std::vector<std::string> keys;
  const std::string field = "name=\"submission\" value=\"";
  for (auto at = page.find(field); at != std::string::npos; at = page.find(field, at)) {
    at += field.size();
    keys.push_back(page.substr(at, page.find('"', at) - at));
  }
  return keys;
}

/// The key of the one form on `page`.
std::string submission_on(const std::string& page) {
  auto keys = submissions_on(page);
  REQUIRE(keys.size() == 1);
  return keys[0];
}

}  // namespace

TEST_CASE("serve: two servers on one store: a write on one is on the other's next page",
          "[store][web]") {
  Pair pair("shared", 2);
  auto &a = pair.a, &b = pair.b;
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

// A server takes its own entries into its cached evaluation only when that evaluation is of
// the store as it was just before them (the change mark read in the write's transaction):
// had `a` taken its entry into an evaluation made before b's, and keyed it by the mark after
// its own write, b's entry would stay hidden on a's pages until the next write.
TEST_CASE("serve: an entry of another server before this one's own is on this server's pages",
          "[store][web]") {
  Shared on("shared-turns");
  auto a = site_on(on.store, on.key, "turns-a");
  auto b = site_on(on.store, on.key, "turns-b");
  auto anna = a->sign_in("anna@example.se");
  auto bo = a->sign_in("bo@example.se");
  std::string csrf_a = a->csrf(bo), csrf_b = b->csrf(anna);
  auto before = a->get("/", anna);  // cached on a now
  REQUIRE(before);
  CHECK(contains(ekskolan_row(before->body), "data-state=\"done\">0<"));

  REQUIRE(status_of(b->post_done(anna, done_form(csrf_b, "läsa", "Ekskolan"))) == 303);
  REQUIRE(status_of(a->post_done(bo, done_form(csrf_a, "läsa", "Björkskolan"))) == 303);
  auto after = a->get("/", anna);
  REQUIRE(after);
  CHECK(contains(ekskolan_row(after->body), "data-state=\"done\">1<"));
  CHECK(contains(ekskolan_row(after->body, "Björkskolan"), "data-state=\"done\">1<"));
  // And the next write of a's own is taken in on top of both.
  REQUIRE(status_of(a->post_done(
              bo, with_note(done_form(csrf_a, "läsa", "Björkskolan"), "igen"))) == 303);
  auto again = a->get("/", anna);
  REQUIRE(again);
  CHECK(contains(ekskolan_row(again->body), "data-state=\"done\">1<"));
  CHECK(contains(ekskolan_row(again->body, "Björkskolan"), "data-state=\"done\">1<"));
}

// A task page's history is kept with the server's cached evaluation and its own writes added
// to it (web/snapshot_cache.hpp): after every write it must be what the store holds, as a
// server that reads it from the store shows it.
TEST_CASE("serve: a task page's kept history shows every entry, as read from the store",
          "[store][web]") {
  Pair pair("history", 0);
  auto &a = pair.a, &b = pair.b;
  auto anna = a->sign_in("anna@example.se");
  auto history = [&](Site& site) {
    auto page = site.get("/task?p=skola&c=2026&s=l%C3%A4sa&u=Ekskolan&n=1", anna);
    REQUIRE(page);
    REQUIRE(page->status == 200);
    auto at = page->body.find("<table id=\"history\" class=\"stack\">");
    if (at == std::string::npos) return std::string();
    return page->body.substr(at, page->body.find("</table>", at) - at);
  };
  auto post = [&](Site& site, const std::string& note) {
    REQUIRE(status_of(site.post_done(
                anna, with_note(done_form(site.csrf(anna), "läsa", "Ekskolan"), note))) == 303);
  };
  CHECK(history(*a).empty());  // kept empty on a
  post(*a, "först");
  CHECK(contains(history(*a), "först"));  // a's own write added to what a kept
  post(*b, "på b");                       // another server's: a reads the store again
  auto both = history(*a);
  CHECK(contains(both, "först"));
  CHECK(contains(both, "på b"));
  post(*a, "tredje");  // added to the history a kept after b's write
  auto kept = history(*a);
  CHECK(kept.find("först") < kept.find("på b"));
  CHECK(kept.find("på b") < kept.find("tredje"));
  CHECK(kept == history(*b));  // b read it from the store, a's write being new to it
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

// A form sent twice (a double tap on Klar, a reload, a POST the browser retries after its
// connection broke, to either server behind the load balancer) records one entry, and every
// sending is answered as the first was: 303 to the task page, saying it is saved.
TEST_CASE("serve: a form sent twice, to either server of a pair, records one entry",
          "[store][web]") {
  Pair pair("twice", 3);
  auto &a = pair.a, &b = pair.b;
  auto anna = a->sign_in("anna@example.se");
  const std::string task = "/task?p=skola&c=2026&s=l%C3%A4sa&u=Ekskolan&n=1";
  auto page = a->get(task, anna);
  REQUIRE(status_of(page) == 200);
  const auto first_key = submission_on(page->body);
  CHECK(submission_on(a->get(task, anna)->body) != first_key);  // a new key per page shown
  const auto csrf = a->csrf(anna);
  auto first = with_note(done_form(csrf, "läsa", "Ekskolan"), "först");
  first.emplace("submission", first_key);
  auto res = a->post_done(anna, first);
  REQUIRE(status_of(res) == 303);
  const auto saved = res->get_header_value("Location");
  CHECK(contains(saved, "&saved=1"));
  // A correction from a new page: a new key, a new entry.
  auto second = with_note(done_form(csrf, "läsa", "Ekskolan"), "rättat");
  second.emplace("submission", submission_on(b->get(task, anna)->body));
  REQUIRE(status_of(b->post_done(anna, second)) == 303);
  // The first form again, later, on either server: not the latest entry's twin any more, but
  // its key is known. Answered as saved (not refused by the limit of 3 per task), not written.
  for (const auto* site : {a.get(), b.get()}) {
    auto again = site->post_done(anna, first);
    REQUIRE(status_of(again) == 303);
    CHECK(again->get_header_value("Location") == saved);
  }
  REQUIRE(a->records().size() == 2);
  CHECK(a->records()[0].note == "först");
  CHECK(a->records()[1].note == "rättat");
  // A double tap: the same form four times at once, two to each server (one batch of a's
  // group commit, or the next). One entry; every answer the same.
  auto tap = with_note(done_form(csrf, "läsa", "Ekskolan"), "dubbeltryck");
  tap.emplace("submission", submission_on(a->get(task, anna)->body));
  std::atomic<int> answered{0};
  std::vector<std::thread> taps;
  for (int i = 0; i < 4; ++i)
    taps.emplace_back([&, i] {
      auto r = (i % 2 ? b : a)->post_done(anna, tap);
      if (status_of(r) == 303 && r->get_header_value("Location") == saved) ++answered;
    });
  for (auto& t : taps) t.join();
  CHECK(answered == 4);
  auto notes = a->records();
  REQUIRE(notes.size() == 3);
  CHECK(notes[2].note == "dubbeltryck");
  // At the limit (3 per task), a new form is refused; the one already taken is still saved.
  auto fourth = with_note(done_form(csrf, "läsa", "Ekskolan"), "en fjärde");
  fourth.emplace("submission", submission_on(a->get(task, anna)->body));
  CHECK(status_of(b->post_done(anna, fourth)) == 429);
  CHECK(status_of(b->post_done(anna, tap)) == 303);
  CHECK(a->records().size() == 3);
}

TEST_CASE("serve: a plan form sent twice, to either server, records one report", "[store][web]") {
  Pair pair("plan-twice", 0, kRules + kPlanRules);
  auto &a = pair.a, &b = pair.b;
  auto anna = a->sign_in("anna@example.se");
  auto my = a->get("/my", anna);
  REQUIRE(status_of(my) == 200);
  auto keys = submissions_on(my->body);  // one per form: the activity's and each tertial's
  REQUIRE(keys.size() == 3);
  CHECK(std::set<std::string>(keys.begin(), keys.end()).size() == 3);
  const auto csrf = a->csrf(anna);
  httplib::Params report{{"csrf", csrf},         {"p", "skola"},       {"c", "2026"},
                         {"a", "läsprojekt"},    {"u", "Ekskolan"},    {"status", "pågående"},
                         {"date", "2026-10-01"}, {"comment", "först"}, {"submission", keys[0]}};
  httplib::Params value{{"csrf", csrf},    {"p", "skola"},         {"c", "2026"},
                        {"m", "närvaro"},  {"u", "Ekskolan"},      {"t", "T2"},
                        {"value", "91,5"}, {"submission", keys[1]}};
  auto send = [&](const Site& site, const httplib::Params& report_form,
                  const httplib::Params& value_form) {
    for (const auto& [path, form] :
         {std::pair{"/progress", &report_form}, {"/measure", &value_form}}) {
      auto res = site.post(path, anna, *form);
      REQUIRE(status_of(res) == 303);
      CHECK(res->get_header_value("Location") == "/my?saved=1#plan");
    }
  };
  send(*a, report, value);
  // Another report and value from a new page: the first forms sent again are then no longer
  // equal to the latest, and are left out by their keys, on either server.
  auto later = submissions_on(a->get("/my", anna)->body);
  REQUIRE(later.size() == 3);
  auto r = report, v = value;
  r.erase("comment"), r.erase("submission"), v.erase("value"), v.erase("submission");
  r.emplace("comment", "sedan"), r.emplace("submission", later[0]);
  v.emplace("value", "80"), v.emplace("submission", later[1]);
  send(*a, r, v);
  send(*b, report, value);
  send(*a, report, value);
  engine::Store store(pair.on.store, false);
  CHECK(store.statuses(2026, 2026).size() == 2);
  CHECK(store.values(2026, 2026).size() == 2);
}
