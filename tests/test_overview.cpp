// The overview at the size of a large administration: past kStatusRowsInFull rows it has a
// row per role (the sum over its units) and the units that need attention, and each role's
// units are on a page of their own (/enheter), paginated, most overdue first. Nothing is
// lost: every unit is on exactly one page, and the units' rows add up to the role's row.
#include <fmt/format.h>

#include <catch2/catch.hpp>
#include <regex>

#include "bench/rulegen.hpp"
#include "dsl/loader.hpp"
#include "dsl/text.hpp"
#include "engine/engine.hpp"
#include "engine/records.hpp"
#include "present/html.hpp"
#include "tests/helpers.hpp"
#include "tests/web_site.hpp"
#include "web/pages.hpp"
#include "web/status_counts.hpp"
#include "web/task_link.hpp"

using namespace arshjul;
using test::contains;

namespace {

using OverviewCounts = std::array<long, 5>;  // overdue, blocked, due soon, ready, done

/// A generated administration: 40 steps, `units` units in three områden, each unit's own
/// roles held; some of each unit's tasks done (a different share per unit), as of 2026-05-20.
struct LargeAdmin {
  test::TempDir dir{"overview-large"};
  dsl::RuleSet rules;
  engine::Roster roster;
  std::vector<engine::Task> tasks;

  explicit LargeAdmin(int units) {
    dir.write("rules/admin.arshjul", bench::generate_rules(40, 11));
    rules = dsl::load_rules({(dir.path() / "rules").string()}, 2026);
    REQUIRE(rules.ok());
    std::string text = "enhet,roll,namn,epost,område\n";
    const char* areas[] = {"Norr", "Söder", "Väster"};
    for (int u = 1; u <= units; ++u)
      for (const char* role : {"Enhetschef", "Personal", "Elevhälsa", "Skyddsombud"})
        text += fmt::format("Skola {0},{1},{1} {0},{2}{0}@example.se,{3}\n", u, role,
                            dsl::fold(role).substr(0, 3), areas[u % 3]);
    for (const char* role : {"Förvaltningschef", "Nämnd", "Controller", "Kvalitetsstrateg",
                             "Nämndsekreterare", "HR-specialist"})
      text += fmt::format(",{0},{0},{1}@example.se,\n", role, dsl::fold(role).substr(0, 4));
    std::vector<dsl::Diagnostic> errors;
    roster = engine::parse_roster(text, "roster.csv", rules.processes, errors);
    REQUIRE(errors.empty());
    const auto date = *engine::parse_date("2026-05-20");
    engine::Records none(rules.processes, roster);
    auto first = engine::evaluate(rules.processes, roster, none, date, {});
    // Unit u did the tasks whose step index and u give a remainder: the units differ.
    engine::Records records(rules.processes, roster);
    for (const auto& t : first) {
      if (t.unit.empty() || t.window.deadline > date) continue;
      int u = std::stoi(t.unit.substr(t.unit.rfind(' ') + 1));
      if ((static_cast<int>(t.step) + u) % (2 + u % 5) == 0) continue;
      engine::Completion c;
      c.process = rules.processes[t.process].id;
      c.cycle = t.cycle;
      c.step = rules.processes[t.process].steps[t.step].id;
      c.unit = t.unit;
      c.occurrence = t.occurrence;
      c.done_on = t.window.deadline;
      records.add(c);
    }
    tasks = engine::evaluate(rules.processes, roster, records, date, {});
  }
};

/// The counts of an HTML table row (its data-state cells, in the table's order).
OverviewCounts row_counts(const std::string& row) {
  OverviewCounts n{};
  std::size_t i = 0;
  // Grouped by three as people read them ("258 742", a no-break space between).
  static const std::regex cell("data-state=\"[a-z_]+\">(-?[0-9]{1,3}(\xC2\xA0[0-9]{3})*)<");
  for (auto m = std::sregex_iterator(row.begin(), row.end(), cell);
       m != std::sregex_iterator() && i < n.size(); ++m) {
    std::string digits = (*m)[1];
    std::erase_if(digits, [](char c) { return c != '-' && (c < '0' || c > '9'); });
    n[i++] = std::stol(digits);
  }
  CHECK(i == n.size());  // every count read: none written otherwise
  return n;
}

/// The rows `<tr data-role="R" data-unit="U"...>...</tr>` of a page: unit -> its row.
std::vector<std::pair<std::string, std::string>> unit_rows(const std::string& html) {
  std::vector<std::pair<std::string, std::string>> rows;
  static const std::regex tr("<tr data-role=\"[^\"]*\" data-unit=\"([^\"]*)\"[^>]*>(.*?)</tr>");
  for (auto m = std::sregex_iterator(html.begin(), html.end(), tr); m != std::sregex_iterator();
       ++m)
    rows.emplace_back((*m)[1], (*m)[2]);
  return rows;
}

/// The row of `role` in the overview's table per role.
std::string role_row(const std::string& html, const std::string& role) {
  auto at = html.find("<tr data-role=\"" + role + "\"");
  REQUIRE(at != std::string::npos);
  return html.substr(at, html.find("</tr>", at) - at);
}

void add_to(OverviewCounts& sum, const OverviewCounts& n) {
  for (std::size_t i = 0; i < sum.size(); ++i) sum[i] += n[i];
}

}  // namespace

TEST_CASE("overview: a large administration has a row per role and the units needing attention",
          "[overview][web]") {
  LargeAdmin admin(120);
  web::StatusCounts counts(admin.rules.processes, admin.tasks);
  REQUIRE(counts.rows().size() > web::kStatusRowsInFull);
  const auto html = web::overview_table(counts, dsl::Lang::sv);
  CHECK(contains(html, "<h2>Läge per roll</h2>"));
  CHECK_FALSE(contains(html, "<table id=\"status\" class=\"stack\">"));
  // Every per-unit role links to its units' page and counts 120 units.
  for (const char* role : {"Enhetschef", "Personal", "Elevhälsa", "Skyddsombud"}) {
    INFO(role);
    CHECK(contains(
        role_row(html, role),
        fmt::format(
            "<a href=\"/enheter?roll={}\">{}</a></th><td class=\"n\" data-l=\"enheter\">120</td>",
            web::url_encode(role), role)));
  }
  // A role of the administration as a whole: no link, no units.
  CHECK(contains(role_row(html, "Förvaltningschef"), "Förvaltningschef</th><td></td>"));
  // The units that need attention: at most kAttentionRows, most overdue first, then "and N
  // more" by role, adding up to every unit with an overdue or blocked task.
  auto attention = html.substr(html.find("<table id=\"attention\" class=\"stack\">"));
  auto listed = unit_rows(attention.substr(0, attention.find("</table>")));
  REQUIRE(listed.size() == web::kAttentionRows);
  for (std::size_t i = 1; i < listed.size(); ++i)
    CHECK(row_counts(listed[i - 1].second)[0] >= row_counts(listed[i].second)[0]);
  std::size_t needing = 0;
  long most_overdue = 0;
  for (const auto& [key, row] : counts.rows())
    if (!key[2].empty() && (row.n[static_cast<int>(engine::State::overdue)] > 0 ||
                            row.n[static_cast<int>(engine::State::blocked)] > 0)) {
      ++needing;
      most_overdue = std::max<long>(most_overdue, row.n[static_cast<int>(engine::State::overdue)]);
    }
  CHECK(row_counts(listed[0].second)[0] == most_overdue);
  CHECK(contains(
      html, fmt::format("<p id=\"attention-more\">och {} till:", needing - web::kAttentionRows)));
  // Large counts grouped by three, as people read them ("1 234").
  CHECK(std::regex_search(html, std::regex("data-state=\"done\">[0-9]{1,3}\xC2\xA0[0-9]{3}<")));
  // The overview is small: a row per role, ten units.
  CHECK(html.size() < 12000);
}

TEST_CASE("overview: a role's units page by page add up to the role's row, nothing lost",
          "[overview][web]") {
  LargeAdmin admin(120);
  web::StatusCounts counts(admin.rules.processes, admin.tasks);
  const auto overview = web::overview_table(counts, dsl::Lang::sv);
  for (const char* role : {"Enhetschef", "Elevhälsa"}) {
    INFO(role);
    std::set<std::string> seen;
    OverviewCounts sum{};
    long previous = -1;
    std::string last_body;
    for (int page = 1; page <= 3; ++page) {
      auto p = web::units_page(counts, {role, "", page}, dsl::Lang::sv);
      REQUIRE(p);
      CHECK(p->title == std::string(role) + ": läget per enhet");
      auto rows = unit_rows(p->body);
      CHECK(rows.size() == (page < 3 ? 50u : 20u));
      for (const auto& [unit, row] : rows) {
        CHECK(seen.insert(unit).second);  // on one page only
        auto n = row_counts(row);
        if (previous >= 0) CHECK(n[0] <= previous);  // most overdue first, across pages
        previous = n[0];
        add_to(sum, n);
      }
      CHECK(contains(p->body, fmt::format("Sida {} av 3", page)));
      CHECK(contains(p->body, "rel=\"next\"") == (page < 3));
      CHECK(contains(p->body, "rel=\"prev\"") == (page > 1));
      // The sum of every unit, on every page.
      auto total = p->body.substr(p->body.find("<tr class=\"total\""));
      CHECK(row_counts(total) == row_counts(role_row(overview, role)));
      last_body = p->body;
    }
    CHECK(seen.size() == 120);
    CHECK(sum == row_counts(role_row(overview, role)));
    // A page past the last shows the last.
    auto past = web::units_page(counts, {role, "", 9}, dsl::Lang::sv);
    REQUIRE(past);
    CHECK(past->body == last_body);
  }
}

TEST_CASE("overview: a role's units per område add up to all of them", "[overview][web]") {
  LargeAdmin admin(90);
  web::StatusCounts counts(admin.rules.processes, admin.tasks);
  auto all = web::units_page(counts, {"Personal", "", 1}, dsl::Lang::sv);
  REQUIRE(all);
  // The chooser of områden: a plain form, every område once.
  CHECK(contains(all->body, "<form method=\"get\" action=\"/enheter\" class=\"filter\">"));
  CHECK(contains(all->body, "<option>Norr</option><option>Söder</option><option>Väster</option>"));
  OverviewCounts sum{};
  for (const char* area : {"Norr", "Söder", "Väster"}) {
    INFO(area);
    auto p = web::units_page(counts, {"personal", area, 1}, dsl::Lang::sv);  // any case
    REQUIRE(p);
    CHECK(contains(p->body, fmt::format("<option selected>{}</option>", area)));
    auto rows = unit_rows(p->body);
    CHECK(rows.size() == 30);
    for (const auto& [unit, row] : rows)
      CHECK(contains(row, fmt::format("<td data-l=\"område\">{}</td>", area)));
    add_to(sum, row_counts(p->body.substr(p->body.find("<tr class=\"total\""))));
    CHECK(contains(p->body, "Enheter 1–30 av 30"));
    CHECK_FALSE(contains(p->body, "<nav class=\"pages\""));  // one page
  }
  CHECK(sum == row_counts(all->body.substr(all->body.find("<tr class=\"total\""))));
  // An område no unit has: no rows, said in words.
  auto none = web::units_page(counts, {"Personal", "Öster", 1}, dsl::Lang::sv);
  REQUIRE(none);
  CHECK(contains(none->body, "<p>Inga enheter.</p>"));
  // A role without units, or none of that name: no page.
  CHECK_FALSE(web::units_page(counts, {"Förvaltningschef", "", 1}, dsl::Lang::sv));
  CHECK_FALSE(web::units_page(counts, {"Vaktmästare", "", 1}, dsl::Lang::sv));
  // In English too.
  auto en = web::units_page(counts, {"Personal", "", 2}, dsl::Lang::en);
  REQUIRE(en);
  CHECK(contains(en->body, "Units 51–90 of 90, the most overdue first."));
  CHECK(contains(en->body, "All 90 units"));
}

TEST_CASE("overview: a small administration keeps its table per role and unit", "[overview][web]") {
  LargeAdmin admin(20);  // 80 rows of units and six of the administration
  web::StatusCounts counts(admin.rules.processes, admin.tasks);
  REQUIRE(counts.rows().size() <= web::kStatusRowsInFull);
  const auto html = web::overview_table(counts, dsl::Lang::sv);
  CHECK(contains(html, "<h2>Läget per roll och enhet</h2>"));
  CHECK(contains(html, "<table id=\"status\" class=\"stack\">"));
  CHECK(unit_rows(html).size() == counts.rows().size());
  CHECK_FALSE(contains(html, "id=\"roles\""));
}

TEST_CASE(
    "overview: the pages of a role's units and of the wheel's steps, signed in only, the "
    "small overview as it was, its wheel leaner",
    "[overview][web]") {
  test::web_site::Site site;
  auto anna = site.sign_in("anna@example.se");
  auto units = site.get("/enheter?roll=Rektor", anna);
  REQUIRE(units);
  CHECK(units->status == 200);
  CHECK(contains(units->body, "<h1>Rektor: läget per enhet</h1>"));
  CHECK(contains(units->body, "data-unit=\"Ekskolan\""));
  CHECK(contains(units->body, "data-unit=\"Björkskolan\""));
  CHECK(contains(units->body, "Alla 2 enheter"));
  auto unknown = site.get("/enheter?roll=Vaktm%C3%A4stare", anna);
  REQUIRE(unknown);
  CHECK(unknown->status == 404);
  CHECK(contains(unknown->body, "Ingen sådan roll"));
  auto odd_page = site.get("/enheter?roll=Rektor&sida=x", anna);  // read as the first
  REQUIRE(odd_page);
  CHECK(odd_page->status == 200);
  auto steps = site.get("/steg?process=skola", anna);
  REQUIRE(steps);
  CHECK(steps->status == 200);
  CHECK(contains(steps->body,
                 "<h1>Hjulets steg i datumordning: Skolans &lt;b&gt;år&lt;/b&gt; 2026</h1>"));
  CHECK(contains(steps->body, "<li data-step=\"läsa\">"));
  CHECK(contains(steps->body, "<li data-step=\"bedöma\">"));
  // The small overview keeps its list below the wheel and its table per role and unit.
  auto overview = site.get("/", anna);
  REQUIRE(overview);
  const auto& body = overview->body;
  // Its wheel leaves out the layout's test attributes, and says once in its style sheet what
  // every arc would repeat; no coordinate ends in ".0".
  for (const char* part : {"<a href=\"#steps\">", "<table id=\"status\" class=\"stack\">",
                           "<g class=\"arc\" data-step=\"läsa\" data-role=\"Rektor\"",
                           ".arc .fill { stroke-width: 1.4; }"})
    CHECK(contains(body, part));
  for (const char* part : {"data-f0=", "data-room=", ".0,", "<desc"})
    CHECK_FALSE(contains(body, part));
  auto fill = body.find("<path class=\"fill\"");
  REQUIRE(fill != std::string::npos);
  CHECK_FALSE(contains(body.substr(fill, body.find('>', fill) - fill), "stroke-width"));
  for (const char* path : {"/enheter?roll=Rektor", "/steg"}) {
    auto anonymous = site.client().Get(path);
    REQUIRE(anonymous);
    CHECK(anonymous->status == 401);
  }
}

TEST_CASE("web: the overview counts each role and unit's tasks and follows the store",
          "[overview][web]") {
  using namespace arshjul::test::web_site;
  Site site;
  auto anna = site.sign_in("anna@example.se");
  auto row = [&](const std::string& body) {
    auto at = body.find("data-role=\"Rektor\" data-unit=\"Ekskolan\"");
    REQUIRE(at != std::string::npos);
    return body.substr(at, body.find("</tr>", at) - at);
  };
  auto before = site.get("/", anna);
  REQUIRE(before);
  CHECK(contains(row(before->body), "data-state=\"ready\">1<"));
  CHECK(contains(row(before->body), "data-state=\"done\">0<"));
  auto res = site.post_done(anna, done_form(site.csrf(anna), "läsa", "Ekskolan"));
  REQUIRE(res);
  REQUIRE(res->status == 303);
  auto after = site.get("/", anna);
  REQUIRE(after);
  CHECK(contains(row(after->body), "data-state=\"ready\">0<"));
  CHECK(contains(row(after->body), "data-state=\"done\">1<"));
  // The wheel drawn again from the states the write moved (not from every task): its arc of
  // läsa, done in one of two units.
  auto arc = [&](const std::string& body) {
    auto at = body.find("<g class=\"arc\" data-step=\"läsa\"");
    REQUIRE(at != std::string::npos);
    return body.substr(at, body.find('>', at) - at);
  };
  CHECK(contains(arc(before->body), "data-done=\"0\""));
  CHECK(contains(arc(after->body), "data-done=\"1\" data-total=\"2\""));
}

TEST_CASE("web: a task's link is its address, and as an href that address escaped", "[web]") {
  dsl::Process p;
  p.id = "resultatuppföljning";
  p.steps.emplace_back().id = "t1_uppföljning";
  engine::Task t;
  t.step = 0;
  t.cycle = 2026;
  t.unit = "Ek & Björk <skola>";
  t.occurrence = 2;
  CHECK(web::task_url(p, t) == "/task?" + web::task_query(engine::task_id(t, p)));
  CHECK(web::task_href(p, t) == present::escape_html(web::task_url(p, t)));
  CHECK(web::task_href(p, t) ==
        "/task?p=resultatuppf%C3%B6ljning&amp;c=2026&amp;s=t1_uppf%C3%B6ljning&amp;"
        "u=Ek%20%26%20Bj%C3%B6rk%20%3Cskola%3E&amp;n=2");
}
