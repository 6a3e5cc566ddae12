// arshjul report: one self-contained page: the status per role and what is overdue or due soon
// first (task, unit, person), then the wheel and the table.
#include <catch2/catch.hpp>
#include <cstdlib>

#include "tests/browser.hpp"
#include "tests/helpers.hpp"

using arshjul::test::contains;
using arshjul::test::shell_quote;
using arshjul::test::slurp;
using arshjul::test::TempDir;

namespace {

const char* kReportRules = R"(process granskning "Plan <b>2026</b>"
roll Rektor per enhet
roll Nämnd
steg läsa
  NÄR   februari
  VEM   Rektor
  VAD   Läs <script>document.title='HACKED'</script> & "citat"
steg besluta
  NÄR   mars
  VEM   Nämnd
  VAD   Nämnden beslutar
  EFTER läsa
)";

/// The report of cycle 2026 as of 2026-04-15 with one unit's reading done late.
std::filesystem::path make_report(const TempDir& dir) {
  auto rules = dir.write("plan.arshjul", kReportRules);
  auto roster = dir.write(
      "enheter.csv",
      "enhet,roll,namn,epost\nEkskolan,Rektor,Anna A,anna@example.se\n,Nämnd,Bo B,bo@example.se\n");
  auto csv = dir.write("poster.csv",
                       "process,år,steg,enhet,datum,av,utfall,anteckning\ngranskning,2026,läsa,"
                       "Ekskolan,2026-03-04,Rektor,,\n");
  auto store = dir.path() / "lager.db";
  auto out = dir.path() / "rapport.html";
  std::string base = shell_quote(ARSHJUL_BINARY) + " --lang sv ";
  std::string common =
      " --rules " + shell_quote(rules.string()) + " --roster " + shell_quote(roster.string());
  REQUIRE(std::system((base + "import " + shell_quote(csv.string()) + common + " --store " +
                       shell_quote(store.string()) + " >/dev/null")
                          .c_str()) == 0);
  REQUIRE(std::system((base + "report " + shell_quote(rules.string()) +
                       " --year 2026 --date 2026-04-15 --store " + shell_quote(store.string()) +
                       " --roster " + shell_quote(roster.string()) + " --format html -o " +
                       shell_quote(out.string()))
                          .c_str()) == 0);
  return out;
}

}  // namespace

TEST_CASE("report: one self-contained page with wheel, status per role and the cycle table") {
  TempDir dir("report");
  auto html = slurp(make_report(dir));
  CHECK(contains(html, "<svg"));
  // The title once, then the numbers and the overdue list, then the wheel and the table.
  CHECK(html.find("<h1>") == html.rfind("<h1>"));
  // ... and the wheel does not draw it again (only its text alternative's <title> names it).
  CHECK_FALSE(contains(html, "font-size=\"30\" font-weight=\"bold\""));
  auto status = html.find("<h2>Läge per roll</h2>"),
       urgent = html.find("<h2>Försenat och snart</h2>"), wheel = html.find("<h2>Årshjulet</h2>"),
       cycle = html.find("<h2>Cykeln</h2>");
  REQUIRE(cycle != std::string::npos);
  CHECK(status < urgent);
  CHECK(urgent < wheel);
  CHECK(wheel < cycle);
  // Nämnd's decision is overdue on 15 April: its task text, unit (none), person, days late.
  CHECK(contains(html,
                 "<tr class=\"overdue\"><td data-l=\"Uppgift\">Nämnden beslutar</td>"
                 "<td data-l=\"Enhet\"></td><td data-l=\"Ansvarig\">Bo B</td>"
                 "<td data-l=\"Senast\"><span class=\"d\">2026-03-31</span></td>"
                 "<td data-l=\"Läge\">försenad, 15 dagar sen</td></tr>"));
  // Every text from the rule file is escaped; nothing is loaded from elsewhere.
  CHECK(contains(
      html,
      "Läs &lt;script&gt;document.title=&#39;HACKED&#39;&lt;/script&gt; &amp; &quot;citat&quot;"));
  CHECK(contains(html, "Plan &lt;b&gt;2026&lt;/b&gt;"));
  CHECK_FALSE(contains(html, "<script"));
  // (the inline SVG's xmlns names a namespace; it loads nothing)
  CHECK_FALSE(contains(html, "href=\"http"));
  CHECK_FALSE(contains(html, "url(http"));
  CHECK_FALSE(contains(html, "@import"));
  CHECK_FALSE(contains(html, "src="));
}

TEST_CASE("report: renders in headless Chromium and runs nothing from the rule file",
          "[chromium]") {
  TempDir dir("report-browser");
  auto page = make_report(dir);
  arshjul::test::Chromium chromium(dir.path());
  auto dom = chromium.dump_dom(page);
  REQUIRE(dom.ok());
  CHECK(contains(dom.out, "<title>Plan &lt;b&gt;2026&lt;/b&gt; 2026</title>"));  // not HACKED
  CHECK(contains(dom.out, "<h1>Plan &lt;b&gt;2026&lt;/b&gt; 2026</h1>"));
  CHECK(contains(dom.out, "<svg"));
}
