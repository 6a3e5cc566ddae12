// The audit as managers read it (issue 18 items 1 and 7): the page leads with the summary and
// the findings grouped by role and unit, counts beside shares, abbreviations expanded, the
// tasks on time only with --all; a large administration's findings listed up to a limit; and
// `audit --years`: the shares per year, role and unit from a store with known completions,
// as JSON and as an SVG chart with a table beside it.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <regex>
#include <string>
#include <vector>

#include "present/audit.hpp"
#include "tests/helpers.hpp"

using namespace arshjul::test;

namespace {

// Two years of one cycle: läsa per unit (Rektor) in February, besluta (LG) in March.
const std::string kYearsRules = R"(process skola "Skolans år"
  cykel kalenderår

roll Rektor per enhet
roll LG alias Ledningsgrupp

steg läsa
  NÄR   februari
  VEM   Rektor
  VAD   Rektor läser underlaget

steg besluta
  NÄR   mars
  VEM   LG
  VAD   Ledningsgruppen beslutar
  EFTER läsa
)";

const std::string kYearsRoster =
    "enhet,roll,namn,epost\nAskskolan,Rektor,Anna A,anna@example.se\n"
    "Björkskolan,Rektor,Bo B,bo@example.se\n,LG,Lena L,lena@example.se\n";

// 2024: Askskolan on time, Björkskolan late (due Thursday 29 February), besluta on time.
// 2025: both schools on time, besluta never done (missing as of 2025-12-31).
const std::string kYearsRecords =
    "process,år,steg,enhet,datum,av,utfall,anteckning\n"
    "skola,2024,läsa,Askskolan,2024-02-10,Rektor,,\n"
    "skola,2024,läsa,Björkskolan,2024-03-05,Rektor,,\n"
    "skola,2024,besluta,,2024-03-20,LG,,\n"
    "skola,2025,läsa,Askskolan,2025-02-11,Rektor,,\n"
    "skola,2025,läsa,Björkskolan,2025-02-12,Rektor,,\n";

struct YearsStore {
  TempDir dir;
  explicit YearsStore(const std::string& name) : dir("audit-pages-" + name) {
    const std::pair<const char*, const std::string*> files[] = {{"regler.arshjul", &kYearsRules},
                                                                {"enheter.csv", &kYearsRoster},
                                                                {"poster.csv", &kYearsRecords}};
    for (const auto& [file, text] : files) dir.write(file, *text);
    auto r = run({"import", "poster.csv"});
    INFO(r.out << r.err);
    REQUIRE(r.exit_code == 0);
  }
  CommandResult run(std::vector<std::string> args) const {
    for (const char* a :
         {"--rules", "regler.arshjul", "--roster", "enheter.csv", "--store", "lager.db"})
      args.push_back(a);
    return run_arshjul(dir.path(), args, dir.path() / "run");
  }
};

std::vector<std::string> all_matches(const std::string& text, const std::string& pattern) {
  std::vector<std::string> out;
  std::regex re(pattern);
  for (auto it = std::sregex_iterator(text.begin(), text.end(), re); it != std::sregex_iterator();
       ++it)
    out.push_back((*it)[1].str());
  return out;
}

std::size_t count_of(const std::string& text, const std::string& part) {
  std::size_t n = 0;
  for (auto i = text.find(part); i != std::string::npos; i = text.find(part, i + 1)) ++n;
  return n;
}

}  // namespace

TEST_CASE("audit --years: the numbers per year, role and unit from the store") {
  YearsStore s("json");
  auto r = s.run({"audit", "--years", "2024-2025", "--as-of", "2025-12-31", "--format", "json"});
  INFO(r.err);
  REQUIRE(r.exit_code == 1);  // 2024 has a late task, 2025 a missing one
  auto j = nlohmann::json::parse(r.out);
  REQUIRE(j["years"].size() == 2);
  auto tally = [](const nlohmann::json& t) {
    return std::vector<int>{t["due"], t["on_time"], t["late"], t["missing"]};
  };
  const auto &y24 = j["years"][0], &y25 = j["years"][1];
  CHECK(y24["cycle"] == 2024);
  CHECK(tally(y24["total"]) == std::vector{3, 2, 1, 0});
  CHECK(tally(y25["total"]) == std::vector{3, 2, 0, 1});
  CHECK(tally(y24["by_role"]["Rektor"]) == std::vector{2, 1, 1, 0});
  CHECK(tally(y25["by_role"]["Rektor"]) == std::vector{2, 2, 0, 0});
  CHECK(tally(y24["by_role"]["LG"]) == std::vector{1, 1, 0, 0});
  CHECK(tally(y25["by_role"]["LG"]) == std::vector{1, 0, 0, 1});
  CHECK(tally(y24["by_unit"]["Björkskolan"]) == std::vector{1, 0, 1, 0});
  CHECK(tally(y25["by_unit"]["Björkskolan"]) == std::vector{1, 1, 0, 0});

  auto text = s.run({"audit", "--years", "2024-2025", "--as-of", "2025-12-31"});
  CHECK(contains(text.out, "Granskning av cyklerna 2024–2025 per 2025-12-31"));
  CHECK(contains(text.out, "2 (67 %)"));  // 2024: two of three on time
}

TEST_CASE("audit --years html: a chart per group with bars in proportion and a table beside") {
  YearsStore s("svg");
  auto r = s.run({"audit", "--years", "2024-2025", "--as-of", "2025-12-31", "--format", "html"});
  REQUIRE(r.exit_code == 1);
  const auto& html = r.out;
  // Groups: all tasks, two roles, two units; each a chart and a table of the two years.
  CHECK(count_of(html, "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\"") == 5);
  CHECK(count_of(html, "<div class=\"pair\">") == 5);
  CHECK(count_of(html, "<g data-year=\"2024\">") == 5);
  CHECK(contains(html, "aria-label=\"Andel i tid, sena och saknas per år: LG\""));
  CHECK(contains(html, "<h3>LG (Ledningsgrupp)</h3>"));

  // The first chart (all tasks): 2024 is 2/3 on time, 1/3 late; 2025 2/3 on time, 1/3 missing.
  auto first = html.substr(html.find("<svg xmlns"),
                           html.find("</svg>", html.find("<svg xmlns")) - html.find("<svg xmlns"));
  auto kinds = all_matches(first, "data-kind=\"([a-z_]+)\"");
  CHECK(kinds ==
        std::vector<std::string>{"on_time", "late", "missing", "on_time", "late", "missing"});
  auto counts = all_matches(first, "data-count=\"([0-9]+)\"");
  CHECK(counts == std::vector<std::string>{"2", "1", "0", "2", "0", "1"});
  auto widths = all_matches(first, "width=\"([0-9.]+)\" height=\"18\"");
  REQUIRE(widths.size() == 6);
  CHECK(std::stod(widths[0]) == Approx(260.0 * 2 / 3).margin(0.01));
  CHECK(std::stod(widths[1]) == Approx(260.0 / 3).margin(0.01));
  CHECK(std::stod(widths[2]) == Approx(0.0));
  CHECK(std::stod(widths[5]) == Approx(260.0 / 3).margin(0.01));
  // The table beside it: counts and shares, the text alternative of the chart.
  CHECK(contains(html,
                 "<th scope=\"row\">2024</th><td data-l=\"Att ha gjort\" class=\"n\">3</td>"
                 "<td data-l=\"I tid\" class=\"n\">2 (67 %)</td>"
                 "<td data-l=\"Sena\" class=\"n\">1 (33 %)</td>"));
}

TEST_CASE("audit --years: a range that is not one is refused with exit 2") {
  YearsStore s("bad");
  for (const char* bad : {"2026-2022", "1999-2001", "2020-2060", "20x2-2026", "2022-"}) {
    auto r = s.run({"audit", "--years", bad});
    INFO(bad << ": " << r.err);
    CHECK(r.exit_code == 2);
    CHECK(contains(r.err, "ogiltigt intervall av år '" + std::string(bad) + "'"));
  }
  CHECK(s.run({"audit", "--years", "2025", "--as-of", "2025-12-31"}).exit_code == 1);
}

TEST_CASE(
    "audit html: the summary and the findings by role and unit first, on time only with --all") {
  YearsStore s("page");
  auto r = s.run({"audit", "--year", "2024", "--as-of", "2025-12-31", "--format", "html"});
  REQUIRE(r.exit_code == 1);
  const auto& html = r.out;
  // One landmark holds it all; the role's abbreviation says what it stands for.
  CHECK(contains(html, "<body>\n<main>\n<h1>Granskning av cykel 2024 per 2025-12-31</h1>"));
  CHECK(contains(html, "<th scope=\"row\">LG (Ledningsgrupp)</th>"));
  // Counts beside shares, per role and per unit.
  CHECK(contains(html,
                 "<th scope=\"row\">Rektor</th><td data-l=\"Att ha gjort\" class=\"n\">2</td>"
                 "<td data-l=\"I tid\" class=\"n\">1 (50 %)</td>"));
  // The findings before the table per unit; only the late one listed, under its role.
  auto findings = html.find("<h2>Uppgifter med avvikelser (1)</h2>");
  REQUIRE(findings != std::string::npos);
  CHECK(findings < html.find("<h2>Per enhet</h2>"));
  CHECK(html.find("<h3>Rektor (1)</h3>", findings) != std::string::npos);
  CHECK(contains(html,
                 "<tr class=\"late\"><td data-l=\"Enhet\">Björkskolan</td>"
                 "<td data-l=\"Steg\">Rektor läser underlaget</td>"
                 "<td data-l=\"Senast\" class=\"date\">2024-02-29</td>"));
  // Dates in sentences do not break: each is a span of its own.
  CHECK(contains(html, "<span class=\"d\">2024-03-05</span>"));
  CHECK_FALSE(contains(html, "class=\"on_time\""));
  CHECK_FALSE(contains(html, "<details>"));
  CHECK(contains(html, "arshjul audit --all"));

  auto all =
      s.run({"audit", "--year", "2024", "--as-of", "2025-12-31", "--format", "html", "--all"});
  CHECK(contains(all.out, "<details><summary>Alla uppgifter (3)</summary>"));
  CHECK(count_of(all.out, "<tr class=\"on_time\">") == 2);
}

TEST_CASE("audit html: past the limit, the findings of the units that followed it least") {
  // More units than the page lists findings: one task each, none done.
  TempDir dir("audit-pages-many");
  dir.write("regler.arshjul", kYearsRules);
  std::string roster = "enhet,roll,namn,epost\n,LG,Lena L,lena@example.se\n";
  const std::size_t units = arshjul::present::kListedFindings + 50;
  for (std::size_t i = 0; i < units; ++i)
    roster += "Enhet " + std::to_string(1000 + i) + ",Rektor,R " + std::to_string(i) + ",r" +
              std::to_string(i) + "@example.se\n";
  dir.write("enheter.csv", roster);
  dir.write("poster.csv",
            "process,år,steg,enhet,datum,av,utfall,anteckning\n"
            "skola,2024,läsa,Enhet 1000,2024-03-05,Rektor,,\n");
  REQUIRE(run_arshjul(dir.path(),
                      {"import", "poster.csv", "--rules", "regler.arshjul", "--roster",
                       "enheter.csv", "--store", "lager.db"},
                      dir.path() / "run")
              .exit_code == 0);
  auto r =
      run_arshjul(dir.path(),
                  {"audit", "--year", "2024", "--as-of", "2025-12-31", "--rules", "regler.arshjul",
                   "--roster", "enheter.csv", "--store", "lager.db", "--format", "html"},
                  dir.path() / "run");
  REQUIRE(r.exit_code == 1);
  // units late or missing, and besluta: all counted, kListedFindings listed.
  CHECK(contains(r.out, "<h2>Uppgifter med avvikelser (" + std::to_string(units + 1) + ")</h2>"));
  std::size_t rows =
      count_of(r.out, "<tr class=\"missing\">") + count_of(r.out, "<tr class=\"late\">");
  CHECK(rows == arshjul::present::kListedFindings);
  CHECK(contains(r.out,
                 "Här listas 400 av dem, först de enheter som har flest; 51 till i 51 enheter "
                 "räknas i tabellen per enhet."));
  // The one without a unit (besluta) is always listed.
  CHECK(contains(r.out, "<h3>LG (Ledningsgrupp) (1)</h3>"));
}
