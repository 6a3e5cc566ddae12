// Issue 17: the web view against a hostile visitor and an unlucky operator, over real HTTP:
// the key file deleted while the server runs, sessions that end, links of bounded use,
// entries the rules do not give, limits on entries, large forms, numbers that would
// overflow, and 503 pages that tell a visitor nothing about the server.
#include <httplib.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <string>

#include "engine/store.hpp"
#include "tests/helpers.hpp"
#include "tests/web_site.hpp"
#include "web/server.hpp"
#include "web/token.hpp"

namespace fs = std::filesystem;
using namespace arshjul;
using namespace arshjul::test::web_site;

namespace {

/// The cookie's "arshjul=..." part of a sign-in answer.
std::string cookie_of(const httplib::Result& res) {
  auto c = res->get_header_value("Set-Cookie");
  return c.substr(0, c.find(';'));
}

httplib::Result sign_out(const Site& site, const std::string& cookie, bool everywhere) {
  httplib::Params form{{"csrf", site.csrf(cookie)}};
  if (everywhere) form.emplace("everywhere", "1");
  return site.post("/signout", cookie, form);
}

}  // namespace

TEST_CASE("web hardening: deleting the key ends links and sessions at once, a new key works") {
  Site site;
  auto anna = site.sign_in("anna@example.se");
  auto old_link = site.link_token("anna@example.se", now() + 600);
  REQUIRE(status_of(site.get("/my", anna)) == 200);

  fs::remove(web::secret_path(site.store()));
  CHECK(status_of(site.get("/my", anna)) == 401);
  auto c = site.client();
  CHECK(status_of(c.Get(("/signin?t=" + old_link).c_str())) == 403);

  // `arshjul token` makes a new key; its links sign in without restarting the server.
  site.reread_key();
  auto again = site.sign_in("anna@example.se");
  CHECK(status_of(site.get("/my", again)) == 200);
  CHECK(status_of(site.get("/my", anna)) == 401);  // the old session stays ended
}

TEST_CASE("web hardening: sign-out ends the session, sign out everywhere ends them all") {
  Site site;
  auto first = site.sign_in("anna@example.se");
  auto second = site.sign_in("anna@example.se");
  auto bo = site.sign_in("bo@example.se");
  auto unused_link = site.link_token("anna@example.se", now() + 600);

  // A copied cookie no longer works once its owner signed out.
  CHECK(status_of(sign_out(site, first, false)) == 200);
  CHECK(status_of(site.get("/my", first)) == 401);
  CHECK(status_of(site.get("/my", second)) == 200);

  sleep(1);  // a link made after the sign-out everywhere, in a later second, still works
  CHECK(status_of(sign_out(site, second, true)) == 200);
  CHECK(status_of(site.get("/my", second)) == 401);
  CHECK(status_of(site.get("/my", bo)) == 200);  // only her own
  auto c = site.client();
  CHECK(status_of(c.Get(("/signin?t=" + unused_link).c_str())) == 403);
  sleep(1);
  auto fresh = site.sign_in("anna@example.se");
  CHECK(status_of(site.get("/my", fresh)) == 200);
}

TEST_CASE("web hardening: a link signs in at most kLinkUses times") {
  Site site;
  auto link = "/signin?t=" + site.link_token("bo@example.se", now() + 600);
  auto c = site.client();
  auto look = c.Head(link.c_str());  // a mail scanner checking the link uses none of it
  CHECK(status_of(look) == 200);
  CHECK_FALSE(look->has_header("Set-Cookie"));
  for (int i = 0; i < web::kLinkUses; ++i) CHECK(status_of(c.Get(link.c_str())) == 200);
  auto used_up = c.Get(link.c_str());
  CHECK(status_of(used_up) == 403);
  CHECK(contains(used_up->body, "förbrukad"));
  CHECK_FALSE(used_up->has_header("Set-Cookie"));
}

TEST_CASE("web hardening: two sign-ins in the same second get different sessions and CSRF") {
  Site site;
  auto c = site.client();
  auto t1 = site.link_token("anna@example.se", now() + 600);
  auto r1 = c.Get(("/signin?t=" + t1).c_str());
  auto r2 = c.Get(("/signin?t=" + t1).c_str());
  REQUIRE(status_of(r1) == 200);
  REQUIRE(status_of(r2) == 200);
  CHECK(cookie_of(r1) != cookie_of(r2));
  CHECK(site.csrf(cookie_of(r1)) != site.csrf(cookie_of(r2)));
}

TEST_CASE("web hardening: a sign-in is a page that goes on to /my, never a redirect") {
  // A redirect ending a navigation from webmail would not carry the SameSite=Strict cookie
  // (tests/e2e/web.test.mjs clicks such a link in Chromium).
  Site site;
  auto c = site.client();
  auto res = c.Get(("/signin?t=" + site.link_token("anna@example.se", now() + 600)).c_str());
  REQUIRE(status_of(res) == 200);
  CHECK_FALSE(res->has_header("Location"));
  CHECK(res->get_header_value("Refresh") == "0; url=/my");
  CHECK(contains(res->body, "href=\"/my\""));
  CHECK(contains(res->get_header_value("Set-Cookie"), "SameSite=Strict"));
}

TEST_CASE("web hardening: an occurrence or a cycle the rules do not give is refused") {
  Site site(kRules + kPlanRules);
  auto anna = site.sign_in("anna@example.se");
  auto csrf = site.csrf(anna);
  auto form = done_form(csrf, "läsa", "Ekskolan");
  form.erase("n");
  form.emplace("n", "999");
  CHECK(status_of(site.post_done(anna, form)) == 404);
  auto far = done_form(csrf, "läsa", "Ekskolan");
  far.erase("c");
  far.emplace("c", "2030");
  CHECK(status_of(site.post_done(anna, far)) == 400);
  CHECK(site.records().empty());

  for (const char* year : {"2030", "2100"}) {
    auto res = site.post("/measure", anna,
                         {{"csrf", csrf},
                          {"p", "skola"},
                          {"c", year},
                          {"m", "närvaro"},
                          {"u", "Ekskolan"},
                          {"t", "T2"},
                          {"value", "95"}});
    CHECK(status_of(res) == 400);
  }
  CHECK(engine::Store(site.store(), false).values(2000, 2100).empty());
}

TEST_CASE("web hardening: at most kEntriesPerTask entries per task, and a daily limit per person") {
  Site site;
  auto anna = site.sign_in("anna@example.se");
  auto csrf = site.csrf(anna);
  // Each a different entry (one equal to the task's latest would not be added at all).
  auto form = [&](int i) {
    return with_note(done_form(csrf, "läsa", "Ekskolan"), "rättelse " + std::to_string(i));
  };
  for (int i = 0; i < web::kEntriesPerTask; ++i)
    REQUIRE(status_of(site.post_done(anna, form(i))) == 303);
  auto over = site.post_done(anna, form(web::kEntriesPerTask));
  CHECK(status_of(over) == 429);
  CHECK(site.records().size() == static_cast<std::size_t>(web::kEntriesPerTask));

  Site daily(kRules, false, [](web::ServeOptions& o) { o.entries_per_person_per_day = 2; });
  auto nils = daily.sign_in("nils@example.se");
  auto nils_csrf = daily.csrf(nils);
  CHECK(status_of(daily.post_done(nils, done_form(nils_csrf, "läsa", "Ekskolan"))) == 303);
  CHECK(status_of(daily.post_done(nils, done_form(nils_csrf, "läsa", "Björkskolan"))) == 303);
  CHECK(status_of(daily.post_done(nils, done_form(nils_csrf, "bedöma", "", "bra"))) == 429);
}

TEST_CASE("web hardening: forms up to 64 KB are taken, larger ones get a 413 page that says so") {
  Site site;
  auto anna = site.sign_in("anna@example.se");
  auto csrf = site.csrf(anna);
  auto form = done_form(csrf, "läsa", "Ekskolan");
  form.erase("note");
  std::string note(40 * 1024, 'x');
  form.emplace("note", note);
  CHECK(status_of(site.post_done(anna, form)) == 303);
  auto recs = site.records();
  REQUIRE(recs.size() == 1);
  CHECK(recs[0].note == note);

  form.erase("note");
  form.emplace("note", std::string(70 * 1024, 'y'));
  auto big = site.post_done(anna, form);
  CHECK(status_of(big) == 413);
  CHECK(contains(big->body, "Formuläret är för stort"));
  CHECK_FALSE(contains(big->body, "Sidan finns inte"));

  // A form refused for its content gives the note back to be sent again.
  auto bad = done_form(csrf, "läsa", "Ekskolan");
  bad.erase("date");
  bad.emplace("date", "2026-02-30");
  bad.erase("note");
  bad.emplace("note", "min långa anteckning");
  auto refused = site.post_done(anna, bad);
  CHECK(status_of(refused) == 400);
  CHECK(contains(refused->body, ">min långa anteckning</textarea>"));
}

TEST_CASE("web hardening: numbers that would overflow are refused, not wrapped") {
  Site site;
  auto anna = site.sign_in("anna@example.se");
  CHECK(status_of(site.get("/audit?year=2147483647", anna)) == 400);
  CHECK(status_of(site.get("/audit?year=-2147483648", anna)) == 400);
  auto audit = site.get("/audit?year=2026", anna);
  REQUIRE(status_of(audit) == 200);
  // The findings only, with a link to the page with every task (in a collapsed section).
  CHECK(contains(audit->body, "<a href=\"/audit?year=2026&amp;all=1\">"));
  CHECK_FALSE(contains(audit->body, "<details>"));
  auto all = site.get("/audit?year=2026&all=1", anna);
  REQUIRE(status_of(all) == 200);
  CHECK(contains(all->body, "<details><summary>Alla uppgifter ("));
  // The cycles side by side: a range of years, else refused.
  auto years = site.get("/audit?years=2024-2026", anna);
  REQUIRE(status_of(years) == 200);
  CHECK(contains(years->body, "Granskning av cyklerna 2024–2026"));
  CHECK(contains(years->body, "<g data-year=\"2025\">"));
  for (const char* bad : {"2026-2024", "2024-2147483648", "x", "2000-2100"})
    CHECK(status_of(site.get(std::string("/audit?years=") + bad, anna)) == 400);
  CHECK(dsl::read_years("2022-2026") == std::pair{2022, 2026});
  CHECK(dsl::read_years("2022\u20132026") == std::pair{2022, 2026});
  CHECK(dsl::read_years("2025") == std::pair{2025, 2025});
  CHECK_FALSE(dsl::read_years("2026-2022"));
  CHECK_FALSE(dsl::read_years("-2022"));
  CHECK(status_of(site.get("/task?p=skola&c=-2147483648&s=l%C3%A4sa&u=Ekskolan&n=1", anna)) == 404);
  CHECK(status_of(site.get("/task?p=skola&c=2026&s=l%C3%A4sa&u=Ekskolan&n=2147483648", anna)) ==
        404);
  CHECK(dsl::read_year("2026") == 2026);
  CHECK_FALSE(dsl::read_year("32768"));
  CHECK_FALSE(dsl::read_year("2026x"));
  CHECK_FALSE(dsl::read_number("99999999999", 0, 1 << 30));
}

TEST_CASE("web hardening: show and audit --year 32768 are refused instead of wrapping") {
  TempDir dir("web-year-" + std::to_string(getpid()));
  dir.write("regler.arshjul", kRules);
  dir.write("enheter.csv", kRoster);
  auto r = test::run_arshjul(dir.path(), {"show", "regler.arshjul", "--year", "32768"},
                             dir.path() / "run");
  CHECK(r.exit_code == 2);
  CHECK_FALSE(contains(r.out, "-32768"));
  auto audit = test::run_arshjul(dir.path(),
                                 {"audit", "--rules", "regler.arshjul", "--roster", "enheter.csv",
                                  "--store", "lager.db", "--year", "32768"},
                                 dir.path() / "run");
  CHECK(audit.exit_code == 2);
  CHECK_FALSE(contains(audit.out + audit.err, "-32768"));
  auto t = test::run_arshjul(dir.path(),
                             {"token", "anna@example.se", "--roster", "enheter.csv", "--rules",
                              "regler.arshjul", "--store", "lager.db", "--days", "2147483647"},
                             dir.path() / "run");
  CHECK(t.exit_code == 2);
}

TEST_CASE("web hardening: a 503 page shows neither the store's path nor SQLite's words") {
  Site site;
  auto anna = site.sign_in("anna@example.se");
  // The store replaced by something that is not one, under the running server.
  fs::remove(site.store() + "-wal");
  fs::remove(site.store() + "-shm");
  std::ofstream(site.store(), std::ios::trunc) << std::string(4096, 'z');
  auto res = site.get("/audit?year=2026", anna);
  REQUIRE(res);
  CHECK(res->status == 503);
  CHECK_FALSE(contains(res->body, site.store()));
  CHECK_FALSE(contains(res->body, "lager.db"));
  CHECK_FALSE(contains(res->body, "database"));
  CHECK(contains(res->body, "Inget sparades"));
}
