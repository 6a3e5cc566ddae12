// The web view's server (issue 9) over real HTTP on loopback: sign-in by link, who may
// record what (own role and unit, or a process owner), CSRF on every POST, every text
// escaped, and records that say who made them. Rules, roster and store are real files.
#include <httplib.h>
#include <unistd.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <ctime>
#include <filesystem>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <thread>
#include <tuple>

#include "dsl/loader.hpp"
#include "dsl/text.hpp"
#include "engine/records.hpp"
#include "engine/roster.hpp"
#include "engine/store.hpp"
#include "tests/helpers.hpp"
#include "tests/web_site.hpp"
#include "web/access.hpp"
#include "web/dates.hpp"
#include "web/group_commit.hpp"
#include "web/server.hpp"
#include "web/task_link.hpp"
#include "web/token.hpp"

namespace fs = std::filesystem;
using namespace arshjul;
using test::contains;
using test::TempDir;

using namespace arshjul::test::web_site;

TEST_CASE("web: a person signs in by link and sees their own tasks only") {
  Site site;
  auto anna = site.sign_in("anna@example.se");
  auto my = site.get("/my", anna);
  CHECK(status_of(my) == 200);
  CHECK(contains(my->body, "data-step=\"läsa\" data-unit=\"Ekskolan\""));
  CHECK_FALSE(contains(my->body, "data-unit=\"Björkskolan\""));
  CHECK_FALSE(contains(my->body, "data-step=\"bedöma\""));  // Förvaltningschef's
  CHECK(my->get_header_value("Content-Security-Policy").find("default-src 'none'") == 0);

  auto fia = site.sign_in("FIA@example.se");  // addresses compare without case
  auto fia_my = site.get("/my", fia);
  REQUIRE(fia_my);
  CHECK(contains(fia_my->body, "data-step=\"bedöma\""));
  CHECK(contains(fia_my->body, "blockerad"));  // waits for läsa in both units
  CHECK(contains(fia_my->body, "2 av 2 enheter kvar"));
}

TEST_CASE("web: a step's LÄNK is a link on the task page and in the list, escaped") {
  Site site;
  auto anna = site.sign_in("anna@example.se");
  // The address as the HTML writer escapes it, in the href and as the link's text.
  const std::string link =
      "https://skola.example.se/läsa?a=1&amp;b=2#&quot;&gt;&lt;script&gt;x()&lt;/script&gt;";
  const std::string anchor = "<a class=\"link\" href=\"" + link + "\">" + link + "</a>";
  auto task = site.get("/task?p=skola&c=2026&s=l%C3%A4sa&u=Ekskolan&n=1", anna);
  REQUIRE(task);
  CHECK(contains(task->body, anchor));
  CHECK_FALSE(contains(task->body, "<script>x()"));
  auto my = site.get("/my", anna);
  REQUIRE(my);
  CHECK(contains(my->body, anchor));
  // A step without LÄNK has no link (Fia's bedöma).
  auto fia = site.sign_in("fia@example.se");
  auto bedoma = site.get("/task?p=skola&c=2026&s=bed%C3%B6ma&u=&n=1", fia);
  REQUIRE(bedoma);
  CHECK(status_of(bedoma) == 200);
  CHECK_FALSE(contains(bedoma->body, "class=\"link\""));
}

TEST_CASE("web: pages need a session, bad, expired and misused links are refused") {
  Site site;
  auto c = site.client();
  for (const char* path : {"/", "/my", "/audit", "/task?p=skola&c=2026&s=läsa&u=Ekskolan&n=1"}) {
    auto res = c.Get(path);
    CHECK(status_of(res) == 401);
  }
  auto expired = c.Get(("/signin?t=" + site.link_token("anna@example.se", now() - 1)).c_str());
  CHECK(status_of(expired) == 403);
  CHECK(contains(expired->body, "gått ut"));
  CHECK_FALSE(expired->has_header("Set-Cookie"));

  auto good = site.link_token("anna@example.se", now() + 600);
  std::string altered = good;
  altered[3] = altered[3] == 'A' ? 'B' : 'A';
  auto tampered = c.Get(("/signin?t=" + altered).c_str());
  CHECK(status_of(tampered) == 403);
  CHECK_FALSE(tampered->has_header("Set-Cookie"));

  auto stranger = c.Get(("/signin?t=" + site.link_token("eve@example.se", now() + 600)).c_str());
  CHECK(status_of(stranger) == 403);

  // A link token is not a session: put in the cookie by hand it signs nobody in.
  auto as_cookie = site.get("/my", "arshjul=" + good);
  CHECK(status_of(as_cookie) == 401);
}

TEST_CASE("web: a completion dated after today is refused, nothing recorded") {
  Site site;  // today is pinned to 2026-10-15
  auto anna = site.sign_in("anna@example.se");
  auto form = done_form(site.csrf(anna), "läsa", "Ekskolan");
  form.erase("date");
  form.emplace("date", "2027-06-01");
  auto res = site.post_done(anna, form);
  REQUIRE(res);
  CHECK(res->status == 400);
  CHECK(contains(res->body, "Datumet ligger efter idag."));
  CHECK(site.records().empty());
}

TEST_CASE("web: a person records a task of their own role and unit, never another's") {
  Site site;
  auto anna = site.sign_in("anna@example.se");
  auto csrf = site.csrf(anna);

  auto other_unit = site.post_done(anna, done_form(csrf, "läsa", "Björkskolan"));
  CHECK(status_of(other_unit) == 403);
  auto other_role = site.post_done(anna, done_form(csrf, "bedöma", "", "bra"));
  CHECK(status_of(other_role) == 403);
  CHECK(site.records().empty());

  auto own = site.post_done(anna, done_form(csrf, "läsa", "Ekskolan"));
  CHECK(status_of(own) == 303);
  CHECK(contains(own->get_header_value("Location"), "saved=1"));
  auto recs = site.records();
  REQUIRE(recs.size() == 1);
  CHECK(recs[0].unit == "Ekskolan");
  CHECK(recs[0].done_by == "anna@example.se");           // who made it
  CHECK(recs[0].recorded_at == "2026-10-15T08:00:00Z");  // and when
  CHECK(recs[0].note == "klart <i>nu</i>");

  // A correction is a new entry; the page shows both and the latest counts.
  auto again = site.post_done(anna, with_note(done_form(csrf, "läsa", "Ekskolan"), "rättat"));
  CHECK(status_of(again) == 303);
  CHECK(site.records().size() == 2);
  // The same form sent again (a double click) adds nothing: it equals the latest entry.
  CHECK(status_of(site.post_done(anna, with_note(done_form(csrf, "läsa", "Ekskolan"), "rättat"))) ==
        303);
  CHECK(site.records().size() == 2);
  auto page = site.get("/task?p=skola&c=2026&s=l%C3%A4sa&u=Ekskolan&n=1", anna);
  REQUIRE(page);
  CHECK(contains(page->body, "data-state=\"done\""));
  CHECK(contains(page->body, "Spara rättelse"));
  CHECK(contains(page->body, "klart &lt;i&gt;nu&lt;/i&gt;"));
  CHECK(contains(page->body, "Anna A &lt;anna@example.se&gt;"));
}

TEST_CASE("web: a process owner may record every task, an outcome step needs its outcome") {
  Site site;
  auto nils = site.sign_in("nils@example.se");
  auto csrf = site.csrf(nils);
  auto res = site.post_done(nils, done_form(csrf, "läsa", "Björkskolan"));
  CHECK(status_of(res) == 303);

  auto missing = site.post_done(nils, done_form(csrf, "bedöma", ""));
  CHECK(status_of(missing) == 400);
  CHECK(contains(missing->body, "role=\"alert\""));
  // The same check and words as `arshjul done` (engine::resolve_record).
  CHECK(contains(missing->body, "har UTFALL: ange ett av bra, dåligt"));
  auto wrong = site.post_done(nils, done_form(csrf, "bedöma", "", "<kanske>"));
  CHECK(status_of(wrong) == 400);
  CHECK(contains(wrong->body, "&lt;kanske&gt;"));
  CHECK_FALSE(contains(wrong->body, "<kanske>"));
  auto ok = site.post_done(nils, done_form(csrf, "bedöma", "", "bra"));
  CHECK(status_of(ok) == 303);
  auto recs = site.records();
  REQUIRE(recs.size() == 2);
  CHECK(recs[1].outcome == "bra");
  CHECK(recs[1].done_by == "nils@example.se");
}

TEST_CASE("web: a POST without the session's CSRF value is refused") {
  Site site;
  auto anna = site.sign_in("anna@example.se");
  auto bo = site.sign_in("bo@example.se");
  auto anna_csrf = site.csrf(anna);
  for (const std::string& csrf :
       {std::string(), std::string("x"), site.csrf(bo), anna_csrf.substr(1)}) {
    auto res = site.post_done(anna, done_form(csrf, "läsa", "Ekskolan"));
    CHECK(status_of(res) == 403);
  }
  // Nor is a valid CSRF value without the session it belongs to.
  auto c = site.client();
  auto no_cookie = c.Post("/done", done_form(anna_csrf, "läsa", "Ekskolan"));
  CHECK(status_of(no_cookie) == 401);
  auto signout =
      c.Post("/signout", httplib::Headers{{"Cookie", anna}}, httplib::Params{{"csrf", "x"}});
  CHECK(status_of(signout) == 403);
  CHECK(site.records().empty());
}

TEST_CASE("web: texts from rules and roster are escaped on every page") {
  Site site;
  auto bo = site.sign_in("bo@example.se");
  for (const std::string path :
       {"/", "/my", "/task?p=skola&c=2026&s=l%C3%A4sa&u=Bj%C3%B6rkskolan&n=1",
        "/audit?year=2026"}) {
    auto res = site.get(path, bo);
    REQUIRE(res);
    INFO(path);
    CHECK(res->status == 200);
    CHECK_FALSE(contains(res->body, "<script"));
    CHECK_FALSE(contains(res->body, "<b>år</b>"));
    CHECK_FALSE(contains(res->body, "Bo <B>"));
  }
  auto task = site.get("/task?p=skola&c=2026&s=l%C3%A4sa&u=Bj%C3%B6rkskolan&n=1", bo);
  REQUIRE(task);
  CHECK(contains(
      task->body,
      "Läs &lt;script&gt;document.title=&#39;HACKED&#39;&lt;/script&gt; &amp; &quot;citat&quot;"));
  auto overview = site.get("/", bo);
  REQUIRE(overview);
  CHECK(contains(overview->body, "Skolans &lt;b&gt;år&lt;/b&gt;"));
  CHECK(contains(overview->body, "<svg"));
}

TEST_CASE("web: pages that only read change no byte of the store and leave no file") {
  Site site;
  auto nils = site.sign_in("nils@example.se");
  REQUIRE(status_of(site.post_done(nils, done_form(site.csrf(nils), "läsa", "Ekskolan"))) == 303);
  auto state = [&] {
    std::set<std::string> files;
    for (const auto& e : fs::directory_iterator(site.dir().path()))
      files.insert(e.path().filename().string());
    return std::tuple{files, test::slurp(site.store()), fs::last_write_time(site.store())};
  };
  const auto before = state();
  for (const char* path : {"/", "/my", "/audit", "/audit?year=2026",
                           "/task?p=skola&c=2026&s=l%C3%A4sa&u=Ekskolan&n=1"}) {
    INFO(path);
    CHECK(status_of(site.get(path, nils)) == 200);
    CHECK(state() == before);
  }
}

TEST_CASE("web access: who holds and may record a task") {
  TempDir dir("web-access-" + std::to_string(getpid()));
  dir.write("regler.arshjul", kRules);
  auto rules = dsl::load_rules({dir.path() / "regler.arshjul"}, 2026);
  REQUIRE(rules.ok());
  std::vector<dsl::Diagnostic> errors;
  auto roster = engine::parse_roster(kRoster + "Ekskolan,Rektor,Fia F,fia@example.se\n", "e.csv",
                                     rules.processes, errors);
  REQUIRE(errors.empty());
  const auto& p = rules.processes[0];
  const auto& read = p.steps[*p.find_step("läsa")];
  const auto& judge = p.steps[*p.find_step("bedöma")];
  auto fia = web::find_viewer(roster, "fia@example.se", {});
  REQUIRE(fia);
  CHECK(fia->rows.size() == 2);  // Förvaltningschef and Rektor of Ekskolan: one person
  CHECK(web::may_record(*fia, p, judge, ""));
  CHECK(web::may_record(*fia, p, read, "Ekskolan"));
  CHECK(web::may_record(*fia, p, read, "ekskolan"));
  CHECK_FALSE(web::may_record(*fia, p, read, "Björkskolan"));
  auto nils = web::find_viewer(roster, "Nils N", {dsl::fold("Nämnd")});
  REQUIRE(nils);
  CHECK(nils->owner);
  CHECK_FALSE(web::holds_task(*nils, p, read, "Björkskolan"));
  CHECK(web::may_record(*nils, p, read, "Björkskolan"));
  auto plain = web::find_viewer(roster, "nils@example.se", {});
  REQUIRE(plain);
  CHECK_FALSE(web::may_record(*plain, p, read, "Björkskolan"));
  CHECK_FALSE(web::find_viewer(roster, "eve@example.se", {}).has_value());
}

TEST_CASE(
    "web group commit: concurrent entries share commits, and each learns its own batch's fate") {
  std::mutex m;
  std::vector<std::size_t> batch_sizes;
  std::set<std::string> written;
  std::atomic<int> fail_next{0};
  web::GroupCommit group([&](const std::vector<engine::Completion>& batch) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));  // a commit's fsync
    if (fail_next.exchange(0))
      throw engine::StoreError(dsl::Msg::store_sql_failed, {"test.db", "disk full"});
    std::lock_guard lock(m);
    batch_sizes.push_back(batch.size());
    std::vector<bool> refused;  // entries noted "refuse..." are refused, the others written
    for (const auto& c : batch) {
      refused.push_back(c.note.rfind("refuse", 0) == 0);
      if (!refused.back()) written.insert(c.note);
    }
    return refused;
  });
  auto entry = [](const std::string& note) {
    engine::Completion c;
    c.note = note;
    return c;
  };
  std::vector<std::thread> threads;
  std::atomic<int> returned{0};
  for (int t = 0; t < 16; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < 20; ++i) {
        CHECK(group.record(entry(std::to_string(t) + "-" + std::to_string(i))));
        if (i % 5 == 0) CHECK_FALSE(group.record(entry("refuse-" + std::to_string(t))));
        std::lock_guard lock(m);
        // Returning means committed: the entry is already written.
        if (written.count(std::to_string(t) + "-" + std::to_string(i))) ++returned;
      }
    });
  for (auto& th : threads) th.join();
  CHECK(returned == 16 * 20);
  CHECK(written.size() == 16 * 20);     // each entry learnt its own fate, none of the refused
  CHECK(batch_sizes.size() < 16 * 20);  // some commits carried several entries

  fail_next = 1;
  CHECK_THROWS_AS(group.record(entry("lost")), engine::StoreError);
  CHECK(written.count("lost") == 0);
  group.record(entry("after"));  // a failure leaves the writer usable
  CHECK(written.count("after") == 1);
}

TEST_CASE("web: remind --link-base gives each person a link that signs them in") {
  TempDir dir("web-remind-" + std::to_string(getpid()));
  dir.write("regler.arshjul", kRules);
  dir.write("enheter.csv", kRoster);
  { engine::Store store((dir.path() / "lager.db").string()); }  // remind reads an existing store
  auto out = dir.path() / "mail.jsonl";
  std::string cmd =
      "cd " + test::shell_quote(dir.path().string()) + " && " + test::shell_quote(ARSHJUL_BINARY) +
      " remind --rules regler.arshjul --roster enheter.csv --store lager.db --date 2026-12-18"
      " --format json --quiet --link-base https://arshjul.example >" +
      test::shell_quote(out.string());
  REQUIRE(std::system(cmd.c_str()) == 0);
  auto secret = web::load_or_create_secret((dir.path() / "lager.db.key").string());
  std::istringstream lines(test::slurp(out));
  std::set<std::string> signed_in;
  for (std::string line; std::getline(lines, line);) {
    auto mail = nlohmann::json::parse(line);
    std::string body = mail["body"];
    const std::string prefix = "https://arshjul.example/signin?t=";
    auto at = body.find(prefix);
    REQUIRE(at != std::string::npos);
    at += prefix.size();
    auto token = body.substr(at, body.find('\n', at) - at);
    auto v = web::verify_token(secret, web::TokenKind::link, token, now());
    REQUIRE(v);
    CHECK(v.subject == mail["to"].get<std::string>());
    CHECK(v.expires_at > now() + 13 * 86400);  // 14 days by default
    CHECK(v.expires_at <= now() + 14 * 86400 + 60);
    signed_in.insert(v.subject);
  }
  // Friday 2026-12-18: last cycle overdue for all three, this cycle's läsa due soon.
  CHECK(signed_in == std::set<std::string>{"anna@example.se", "bo@example.se", "fia@example.se"});
}

TEST_CASE("web: no entry is lost while remind writes to the same store") {
  Site site(kRules, false, [](web::ServeOptions& o) { o.entries_per_task = 1000; });
  site.dir().write("enheter.csv", kRoster);
  { engine::Store store((site.dir().path() / "lager.db").string()); }  // remind reads it
  const std::string people[] = {"anna@example.se", "bo@example.se", "nils@example.se"};
  const std::string units[] = {"Ekskolan", "Björkskolan", "Ekskolan"};
  std::vector<std::string> cookies, csrfs;
  for (const auto& p : people)
    cookies.push_back(site.sign_in(p)), csrfs.push_back(site.csrf(cookies.back()));

  std::atomic<bool> posting{true};
  std::atomic<int> remind_runs{0}, remind_failures{0};
  std::thread nightly([&] {
    // Weekdays after the pinned date, each with reminders to send and record.
    const char* dates[] = {"2026-10-16", "2026-10-19", "2026-10-20", "2026-10-21", "2026-10-22"};
    for (int i = 0; posting || i < 2; ++i) {
      std::string cmd =
          "cd " + test::shell_quote(site.dir().path().string()) + " && " +
          test::shell_quote(ARSHJUL_BINARY) +
          " remind --rules regler.arshjul --roster enheter.csv --store lager.db --date " +
          dates[i % 5] + " --out mail --quiet 2>/dev/null";
      (std::system(cmd.c_str()) == 0 ? remind_runs : remind_failures)++;
    }
  });
  std::atomic<int> confirmed{0}, other{0};
  std::vector<std::thread> clients;
  for (int t = 0; t < 12; ++t)
    clients.emplace_back([&, t] {
      int who = t % 3;
      for (int i = 0; i < 25; ++i) {
        auto res = site.post_done(
            cookies[who], with_note(done_form(csrfs[who], "läsa", units[who]),
                                    "post " + std::to_string(t * 100 + i)));  // each its own entry
        (res && res->status == 303 ? confirmed : other)++;
      }
    });
  for (auto& c : clients) c.join();
  posting = false;
  nightly.join();
  CHECK(other == 0);
  CHECK(confirmed == 12 * 25);
  CHECK(site.records().size() == static_cast<std::size_t>(confirmed));
  CHECK(remind_failures == 0);
  CHECK(remind_runs >= 2);
  CHECK_FALSE(engine::Store(site.store(), false).sent_keys().empty());
}

TEST_CASE(
    "web: the plan on my tasks: own activities and measure values, reported by form with CSRF and "
    "located errors") {
  Site site(kRules + kPlanRules);
  auto anna = site.sign_in("anna@example.se");
  auto my = site.get("/my", anna);
  REQUIRE(my);
  CHECK(contains(my->body, "<h2 id=\"plan\">Verksamhetsplanen</h2>"));
  CHECK(contains(my->body, "data-activity=\"läsprojekt\" data-unit=\"Ekskolan\""));
  CHECK(contains(my->body, "Starta &lt;läsprojekt&gt;"));
  CHECK_FALSE(contains(my->body, "data-unit=\"Björkskolan\""));
  CHECK(contains(my->body, "data-measure=\"närvaro\" data-unit=\"Ekskolan\" data-tertial=\"2\""));
  CHECK(contains(my->body, "data-measure=\"närvaro\" data-unit=\"Ekskolan\" data-tertial=\"3\""));
  CHECK(contains(my->body, "<b>försenad</b>"));  // KLART september, 15 October today
  std::string csrf = site.csrf(anna);
  auto form = [&](httplib::Params extra) {
    httplib::Params f{{"csrf", csrf}, {"p", "skola"}, {"c", "2026"}};
    for (auto& kv : extra) f.insert(kv);
    return f;
  };

  auto res = site.post("/progress", anna,
                       form({{"a", "läsprojekt"},
                             {"u", "Ekskolan"},
                             {"status", "genomfört"},
                             {"date", "2026-10-01"},
                             {"comment", "Klart <b>nu</b>"}}));
  CHECK(status_of(res) == 303);
  CHECK(res->get_header_value("Location") == "/my?saved=1#plan");
  res = site.post("/measure", anna,
                  form({{"m", "närvaro"}, {"u", "Ekskolan"}, {"t", "T2"}, {"value", "91,5"}}));
  CHECK(status_of(res) == 303);
  my = site.get("/my?saved=1", anna);
  CHECK(contains(my->body, "Sparat."));
  CHECK(contains(my->body, "Klart &lt;b&gt;nu&lt;/b&gt;"));
  CHECK(contains(my->body, "91,5 · uppnått"));
  CHECK_FALSE(contains(my->body, "<b>försenad</b>"));

  // another unit's item: 403; without the CSRF value: 403; bad values: 400 with the reasons
  res = site.post("/measure", anna,
                  form({{"m", "närvaro"}, {"u", "Björkskolan"}, {"t", "T2"}, {"value", "80"}}));
  CHECK(status_of(res) == 403);
  res = site.post("/progress", anna,
                  {{"p", "skola"},
                   {"c", "2026"},
                   {"a", "läsprojekt"},
                   {"u", "Ekskolan"},
                   {"status", "pågående"},
                   {"date", "2026-10-02"}});
  CHECK(status_of(res) == 403);
  res = site.post("/progress", anna,  // after today (15 October): refused, as a step done is
                  form({{"a", "läsprojekt"},
                        {"u", "Ekskolan"},
                        {"status", "pågående"},
                        {"date", "2026-10-16"}}));
  CHECK(status_of(res) == 400);
  CHECK(contains(res->body, "Datumet ligger efter idag."));
  res = site.post("/measure", anna,
                  form({{"m", "närvaro"}, {"u", "Ekskolan"}, {"t", "T1"}, {"value", "9x"}}));
  CHECK(status_of(res) == 400);
  CHECK(
      contains(res->body, "mätetalet &#39;närvaro&#39; följs inte upp i T1 (UPPFÖLJNING: T2, T3)"));
  CHECK(contains(res->body, "&#39;9x&#39; är inget tal"));

  // what was stored, and by whom: the signed-in person
  engine::Store store(site.store(), false);
  auto statuses = store.statuses(2026, 2026);
  REQUIRE(statuses.size() == 1);
  CHECK(statuses[0].status == "genomfört");
  CHECK(statuses[0].unit == "Ekskolan");
  CHECK(statuses[0].reported_by == "anna@example.se");
  auto values = store.values(2026, 2026);
  REQUIRE(values.size() == 1);
  CHECK(values[0].value == 91.5);
  CHECK(values[0].reported_by == "anna@example.se");

  // the process owner (Nämnd) may report for any unit
  auto nils = site.sign_in("nils@example.se");
  res = site.post("/measure", nils,
                  {{"csrf", site.csrf(nils)},
                   {"p", "skola"},
                   {"c", "2026"},
                   {"m", "närvaro"},
                   {"u", "Björkskolan"},
                   {"t", "T2"},
                   {"value", "88"}});
  CHECK(status_of(res) == 303);
}

TEST_CASE(
    "web: --secure-cookie marks the session cookie Secure, for a server behind an HTTPS proxy") {
  {
    Site plain;
    plain.sign_in("anna@example.se");
    CHECK_FALSE(contains(plain.last_cookie(), "Secure"));
  }
  Site site(kRules, true);
  site.sign_in("anna@example.se");
  CHECK(contains(site.last_cookie(), "; Secure"));
}

TEST_CASE("web: a task's address is its TaskId as p, c, s, u and n, and reads back", "[web]") {
  engine::TaskId id{"resultatuppfoljning", 2026, "t1_uppföljning", "Ekbackens skola", 2};
  CHECK(web::task_query(id) ==
        "p=resultatuppfoljning&c=2026&s=t1_uppf%C3%B6ljning&u=Ekbackens%20skola&n=2");
  // What the server's request holds once httplib has decoded the query.
  std::map<std::string, std::string> params{
      {"p", id.process}, {"c", "2026"}, {"s", id.step}, {"u", id.unit}, {"n", "2"}};
  auto read = [&] {
    return web::task_id_of([&](const char* name) -> std::optional<std::string> {
      auto it = params.find(name);
      if (it == params.end()) return std::nullopt;
      return it->second;
    });
  };
  CHECK(read() == id);
  params.erase("n");  // the first occurrence when none is named
  REQUIRE(read());
  CHECK(read()->occurrence == 1);
  params["c"] = "20x6";
  CHECK_FALSE(read());
  params.erase("c");
  CHECK_FALSE(read());
}

TEST_CASE("web: a note that is not UTF-8 or holds a control character is refused, not stored") {
  Site site;
  auto anna = site.sign_in("anna@example.se");
  auto csrf = site.csrf(anna);
  for (const std::string note : {std::string("x\xC3\x28"), std::string("rad\x1B[31m")}) {
    auto form = done_form(csrf, "läsa", "Ekskolan");
    form.erase("note");
    form.emplace("note", note);  // comment=%C3%28 as a hostile form sends it
    auto res = site.post_done(anna, form);
    CHECK(status_of(res) == 400);
  }
  CHECK(site.records().empty());
  auto ok = site.post_done(anna, done_form(csrf, "läsa", "Ekskolan"));  // the page still works
  CHECK(status_of(ok) == 303);
  CHECK(site.records().size() == 1);
}

TEST_CASE("web: dates as people read them, a recorded time in Swedish time", "[web]") {
  namespace ch = std::chrono;
  const std::string nb = "\u00a0";  // never broken inside
  CHECK(web::readable_date(ch::year(2026) / 10 / 15, dsl::Lang::sv) ==
        "15" + nb + "okt" + nb + "2026");
  CHECK(web::readable_date(ch::year(2026) / 5 / 1, dsl::Lang::en) ==
        "1" + nb + "May" + nb + "2026");
  struct Case {
    const char* iso;
    const char* shown;  // with spaces for the no-break spaces
  };
  const Case cases[] = {
      {"2026-11-29T18:26:10Z", "29 nov 2026 19:26"},  // winter: UTC+1
      {"2026-06-01T10:00:00Z", "1 jun 2026 12:00"},   // summer: UTC+2
      {"2026-03-29T00:59:59Z", "29 mar 2026 01:59"},  // the last minute of winter time
      {"2026-03-29T01:00:00Z", "29 mar 2026 03:00"},  // summer time from 01:00 UTC
      {"2026-10-25T00:59:00Z", "25 okt 2026 02:59"},
      {"2026-10-25T01:00:00Z", "25 okt 2026 02:00"},  // back to winter time
      {"2026-12-31T23:30:00Z", "1 jan 2027 00:30"},   // into the next day and year
      {"2026-10-15T08:00", "15 okt 2026 10:00"},      // without seconds and Z
  };
  for (const auto& c : cases) {
    INFO(c.iso);
    auto shown = web::readable_timestamp(c.iso, dsl::Lang::sv);
    REQUIRE(shown.has_value());
    std::string spaced = *shown;
    for (auto at = spaced.find(nb); at != std::string::npos; at = spaced.find(nb))
      spaced.replace(at, nb.size(), " ");
    CHECK(spaced == c.shown);
  }
  for (const char* bad : {"", "igår", "2026-13-01T10:00:00Z", "2026-02-30T10:00Z", "2026-10-15"})
    CHECK_FALSE(web::readable_timestamp(bad, dsl::Lang::sv).has_value());
}
