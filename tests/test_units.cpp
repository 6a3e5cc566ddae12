// Units with attributes, the område level and closed days per kind of unit, on the
// transcription of Göteborg's quality work (tests/public/goteborg_kvalitet/) and small files.
// Every expected answer below is worked out by hand from the rule file and its roster.
#include <catch2/catch.hpp>

#include "dsl/canonical.hpp"
#include "dsl/compare.hpp"
#include "dsl/loader.hpp"
#include "dsl/source.hpp"
#include "engine/audit.hpp"
#include "engine/cycle.hpp"
#include "engine/engine.hpp"
#include "engine/records.hpp"
#include "engine/reminders.hpp"
#include "engine/roster.hpp"
#include "engine/units.hpp"
#include "tests/admin.hpp"
#include "tests/helpers.hpp"
#include "web/pages.hpp"

using namespace arshjul;

namespace {

using arshjul::test::day;  // tests/admin.hpp

const std::string kDir = ARSHJUL_SOURCE_DIR "/tests/public/goteborg_kvalitet/";

/// The Göteborg rules and roster, checked for the läsår 2026/27.
struct Goteborg {
  dsl::RuleSet rules = dsl::load_rules({kDir + "goteborg_kvalitet.arshjul"}, 2026);
  std::vector<dsl::Diagnostic> errors;
  engine::Roster roster =
      engine::load_roster(kDir + "goteborg_roster.csv", rules.processes, rules.sources, errors);
  const dsl::Process& p() const { return rules.processes.at(0); }

  /// The tasks of the cycle 2026 as of `date`, with `done` recorded (step, unit, date).
  std::vector<engine::Task> tasks(
      dsl::Date date,
      const std::vector<std::tuple<std::string, std::string, std::string>>& done = {}) {
    engine::Records records(rules.processes, roster);
    for (const auto& [step, unit, day] : done)
      records.add(
          {0, "goteborg_kvalitet", 2026, step, unit, 1, *engine::parse_date(day), "", "", "", ""});
    return engine::evaluate_cycle(rules.processes, 0, 2026, roster, records, date, {});
  }
};

/// The nightly job's plan for the tasks as of `date`, nothing sent before.
engine::ReminderPlan plan_on(const Goteborg& g, const std::vector<engine::Task>& tasks,
                             dsl::Date date) {
  engine::ReminderOptions o;
  o.run_date = date;
  return engine::plan_reminders(g.rules.processes, g.roster, tasks, {}, o);
}

/// Per recipient, the units of the tasks they are told of (of one kind, or all).
std::map<std::string, std::set<std::string>> told(
    const engine::ReminderPlan& plan, std::optional<engine::ReminderKind> kind = std::nullopt) {
  std::map<std::string, std::set<std::string>> out;
  for (const auto& r : plan.reminders)
    for (const auto& item : r.items)
      if (item.task && (!kind || item.kind == *kind)) out[r.to->name].insert(item.task->unit);
  return out;
}

/// "unit deadline" of every task of `step`, in the order the engine gives them (units in
/// Swedish order, then områden).
std::vector<std::string> of_step(const std::vector<engine::Task>& tasks, const dsl::Process& p,
                                 const std::string& step) {
  std::vector<std::string> out;
  for (const auto& t : tasks)
    if (p.steps[t.step].id == step) out.push_back(t.unit + " " + dsl::iso(t.window.deadline));
  return out;
}

const engine::Task& find(const std::vector<engine::Task>& tasks, const dsl::Process& p,
                         const std::string& step, const std::string& unit) {
  for (const auto& t : tasks)
    if (p.steps[t.step].id == step && t.unit == unit) return t;
  throw std::runtime_error("no task " + step + " " + unit);
}

}  // namespace

TEST_CASE("units: Göteborg's quality work checks, and its roster with skolform and område",
          "[units][public]") {
  Goteborg g;
  REQUIRE(g.rules.ok());
  CHECK(g.errors.empty());
  CHECK(g.roster.columns == std::vector<std::string>{"skolform", "område"});
  CHECK(g.roster.units == std::vector<std::string>{"Bergsskolan", "Bergsskolans fritidshem",
                                                   "Dalskolan", "Dalskolans fritidshem",
                                                   "Sjöskolan", "Älvskolan"});
  CHECK(g.roster.areas == std::vector<std::string>{"Nord", "Syd"});
  CHECK(g.roster.area_of("Älvskolan") == "Nord");
  CHECK(g.roster.area_of("Sjöskolan") == "Syd");
  CHECK(g.roster.area_of("Nord") == "Nord");
}

TEST_CASE("units: ENHETER gives each unit its own steps, per område one task per område",
          "[units][public]") {
  Goteborg g;
  REQUIRE(g.rules.ok());
  auto tasks = g.tasks(day("2026-09-01"));
  // Every unit does the lägesbedömning: due Friday 30 October 2026, except the fritidshem,
  // closed that day, whose deadline moves to Thursday 29 October (FLYTTA före, the default).
  CHECK(of_step(tasks, g.p(), "lägesbedömning") ==
        std::vector<std::string>{"Bergsskolan 2026-10-30", "Bergsskolans fritidshem 2026-10-29",
                                 "Dalskolan 2026-10-30", "Dalskolans fritidshem 2026-10-29",
                                 "Sjöskolan 2026-10-30", "Älvskolan 2026-10-30"});
  // The dialog: grundskola and grundsärskola only (not the fritidshem). November ends on a
  // Monday: 2026-11-30.
  CHECK(of_step(tasks, g.p(), "kvalitetsdialog") ==
        std::vector<std::string>{"Bergsskolan 2026-11-30", "Dalskolan 2026-11-30",
                                 "Sjöskolan 2026-11-30", "Älvskolan 2026-11-30"});
  // The fritidshem's follow-up on Friday 8 January 2027: closed 7-8 January for fritidshem,
  // 6 January is trettondedag jul: moved to Tuesday 5 January.
  CHECK(of_step(tasks, g.p(), "fritidshem_uppföljning") ==
        std::vector<std::string>{"Bergsskolans fritidshem 2027-01-05",
                                 "Dalskolans fritidshem 2027-01-05"});
  const auto& moved = find(tasks, g.p(), "fritidshem_uppföljning", "Dalskolans fritidshem");
  REQUIRE(moved.window.moved_from);
  CHECK(dsl::iso(*moved.window.moved_from) == "2027-01-08");
  // One analysis per område (31 December 2026 is nyårsafton: the 30th), and one report.
  CHECK(of_step(tasks, g.p(), "områdets_analys") ==
        std::vector<std::string>{"Nord 2026-12-30", "Syd 2026-12-30"});
  CHECK(find(tasks, g.p(), "områdets_analys", "Syd").area == "Syd");
  CHECK(find(tasks, g.p(), "lägesbedömning", "Älvskolan").area == "Nord");
  CHECK(of_step(tasks, g.p(), "kvalitetsrapport") == std::vector<std::string>{" 2027-03-31"});
}

TEST_CASE("units: an område's analysis waits for its own units only", "[units][public]") {
  Goteborg g;
  REQUIRE(g.rules.ok());
  // On 1 December 2026 the dialogs of Bergsskolan and Älvskolan (Nord) are done, none of Syd.
  auto tasks = g.tasks(day("2026-12-01"), {{"kvalitetsdialog", "Bergsskolan", "2026-11-20"},
                                           {"kvalitetsdialog", "Älvskolan", "2026-11-25"}});
  const auto& nord = find(tasks, g.p(), "områdets_analys", "Nord");
  const auto& syd = find(tasks, g.p(), "områdets_analys", "Syd");
  CHECK(nord.blocked_by.empty());
  CHECK(nord.state == engine::State::ready);
  REQUIRE(syd.blocked_by.size() == 1);
  CHECK(syd.state == engine::State::blocked);
  CHECK(g.p().steps[syd.blocked_by[0].step].id == "kvalitetsdialog");
  CHECK(syd.blocked_by[0].units_missing == 2);  // Dalskolan, Sjöskolan
  CHECK(syd.blocked_by[0].units_total == 2);
  // The report waits for both områden's analyses and both fritidshem's follow-ups.
  auto later = g.tasks(day("2027-02-01"));
  const auto& report = find(later, g.p(), "kvalitetsrapport", "");
  REQUIRE(report.blocked_by.size() == 2);
  CHECK(report.blocked_by[0].units_total == 2);  // Nord, Syd
  CHECK(report.blocked_by[1].units_total == 2);  // the two fritidshem
}

TEST_CASE("units: a rektor's late task is escalated to their own område's chief",
          "[units][public]") {
  Goteborg g;
  REQUIRE(g.rules.ok());
  // Monday 16 November 2026: the lägesbedömning is 17 days late (due 30 October), past
  // ESKALERING 14; the fritidshem's 18 days (due 29 October). Nobody has done it.
  auto tasks = g.tasks(day("2026-11-16"));
  auto plan = plan_on(g, tasks, day("2026-11-16"));
  // Who hears of which unit's lägesbedömning by escalation (the only task escalated then).
  auto escalated = told(plan, engine::ReminderKind::escalation);
  CHECK(escalated["Lena Norrman"] ==
        std::set<std::string>{"Bergsskolan", "Bergsskolans fritidshem", "Älvskolan"});
  // Syd's, with Sjöskolan's vacant rektor: the escalation still reaches the chief of Syd.
  CHECK(escalated["Olof Söder"] ==
        std::set<std::string>{"Dalskolan", "Dalskolans fritidshem", "Sjöskolan"});
  CHECK(escalated.size() == 2);
  // Nobody holds Rektor at Sjöskolan.
  bool listed = false;
  for (const auto& u : plan.roles_without_people)
    if (u.role == "Rektor")
      listed = std::find(u.units.begin(), u.units.end(), "Sjöskolan") != u.units.end();
  CHECK(listed);
}

TEST_CASE("units: no reminder about a fritidshem's task on the fritidshem's closed day",
          "[units][public]") {
  Goteborg g;
  // Friday 30 October 2026 is closed for the fritidshem only: their lägesbedömning (due the
  // 29th) is overdue, but they hear nothing that day; the schools' (due today) is due soon,
  // except at Sjöskolan, where nobody holds Rektor.
  const auto tasks = g.tasks(day("2026-10-30"));
  std::set<std::string> units;
  for (const auto& [who, theirs] : told(plan_on(g, tasks, day("2026-10-30"))))
    units.insert(theirs.begin(), theirs.end());
  CHECK(units == std::set<std::string>{"Bergsskolan", "Dalskolan", "Älvskolan"});
  CHECK(find(tasks, g.p(), "lägesbedömning", "Bergsskolans fritidshem").state ==
        engine::State::overdue);
}

TEST_CASE("units: a unit whose role nobody holds is a vacancy, not left out", "[units][public]") {
  Goteborg g;
  REQUIRE(g.rules.ok());
  auto vacancies = engine::vacancies(g.rules.processes, g.roster);
  REQUIRE(vacancies.size() == 1);
  CHECK(g.p().roles[vacancies[0].role].name == "Rektor");
  CHECK(vacancies[0].unit == "Sjöskolan");
  CHECK(vacancies[0].steps.size() == 2);  // lägesbedömning, kvalitetsdialog
  auto tasks = g.tasks(day("2026-12-01"));
  CHECK(find(tasks, g.p(), "kvalitetsdialog", "Sjöskolan").vacant);
  CHECK_FALSE(find(tasks, g.p(), "kvalitetsdialog", "Dalskolan").vacant);
  CHECK_FALSE(find(tasks, g.p(), "områdets_analys", "Syd").vacant);
  // The audit counts it missing and says it is vacant; it tallies per område too.
  auto audit = engine::audit(g.rules.processes, g.roster, 2026, day("2026-12-01"), {});
  const auto& pa = audit.processes.at(0);
  bool said = false;
  for (const auto& t : pa.tasks)
    if (t.unit == "Sjöskolan" && g.p().steps[t.step].id == "lägesbedömning") {
      CHECK(t.outcome == engine::Outcome::missing);
      auto fs = engine::findings(t);
      said = std::any_of(fs.begin(), fs.end(), [](const engine::Finding& f) {
        return f.kind == engine::FindingKind::vacant;
      });
    }
  CHECK(said);
  // Due by 1 December: lägesbedömning (6 units) and kvalitetsdialog (4, due 30 November).
  CHECK(pa.by_area.at("Nord").missing == 5);  // Bergsskolan, its fritidshem, Älvskolan; 2 dialogs
  CHECK(pa.by_area.at("Syd").missing == 5);
  CHECK(pa.by_unit.count("Nord") == 0);
}

TEST_CASE("units: the new forms in English and without diacritics mean the same", "[units]") {
  const std::string sv = R"(process p
  stängt 2026-10-30 för skolform = fritidshem
roll Chef per område
roll Rektor per enhet rapporterar till Chef
steg a
  NÄR      maj
  VEM      Rektor
  VAD      Något
  ENHETER  skolform = grundskola, anpassad grundskola; område = Nord
steg b
  NÄR    juni
  VEM    Chef
  VAD    Mer
  EFTER  a
)";
  const std::string en = R"(process p
  closed 2026-10-30 for skolform = fritidshem
role Chef per area
role Rektor per unit reports to Chef
step a
  WHEN   maj
  WHO    Rektor
  WHAT   Något
  UNITS  skolform = grundskola, anpassad grundskola; område = Nord
step b
  WHEN   juni
  WHO    Chef
  WHAT   Mer
  AFTER  a
)";
  std::string plain = sv;
  for (auto [from, to] :
       {std::pair{"stängt", "stangt"}, {"för", "for"}, {"per område", "per omrade"}})
    plain.replace(plain.find(from), std::string(from).size(), to);
  std::vector<dsl::Diagnostic> errors;
  auto a = test::compile_text(sv, 2026, errors);
  auto b = test::compile_text(en, 2026, errors);
  auto c = test::compile_text(plain, 2026, errors);
  REQUIRE(errors.empty());
  REQUIRE((a && b && c));
  CHECK(dsl::canonical_text(*a) == dsl::canonical_text(*b));
  CHECK(dsl::canonical_text(*a) == dsl::canonical_text(*c));
  CHECK(a->roles[0].per_area);
  CHECK(a->steps[0].units.size() == 2);
  CHECK(dsl::filter_text(a->steps[0].units) ==
        "skolform = grundskola, anpassad grundskola; område = Nord");
  REQUIRE(a->unit_closed.size() == 1);
  CHECK(dsl::filter_text(a->unit_closed[0].filter) == "skolform = fritidshem");
  // The model written back as a rule file means the same (what a store keeps per cycle).
  auto back = test::compile_text(dsl::source_text(*a), 2026, errors);
  REQUIRE(back);
  CHECK(dsl::canonical_text(*back) == dsl::canonical_text(*a));
}

TEST_CASE("units: both conditions of ENHETER must hold", "[units]") {
  Goteborg g;
  REQUIRE(g.rules.ok());
  auto rules = g.rules.processes;
  auto& step = rules[0].steps[*rules[0].find_step("lägesbedömning")];
  step.units = {{{"skolform", {}}, {{"grundskola", {}}, {"grundsärskola", {}}}},
                {{"omrade", {}}, {{"nord", {}}}}};  // folded: område = Nord
  engine::Records records(rules, g.roster);
  auto tasks = engine::evaluate_cycle(rules, 0, 2026, g.roster, records, day("2026-09-01"), {});
  CHECK(of_step(tasks, rules[0], "lägesbedömning") ==
        std::vector<std::string>{"Bergsskolan 2026-10-30", "Älvskolan 2026-10-30"});
}

TEST_CASE("units: diff names a changed ENHETER, role level and unit closure", "[units][diff]") {
  Goteborg g;
  REQUIRE(g.rules.ok());
  auto after = g.rules.processes;
  after[0].steps[*after[0].find_step("kvalitetsdialog")].units[0].values.pop_back();
  auto changes = dsl::compare(g.rules.processes, after, 2026);
  REQUIRE(changes.size() == 1);
  CHECK(changes[0].field == "ENHETER");
  CHECK(changes[0].before == "skolform = grundskola, grundsärskola");
  CHECK(changes[0].after == "skolform = grundskola");
}

TEST_CASE("units: two rows that give a unit different values are an error", "[units]") {
  Goteborg g;
  REQUIRE(g.rules.ok());
  std::vector<dsl::Diagnostic> errors;
  engine::parse_roster(
      "enhet,roll,namn,epost,skolform,område\n"
      "Bergsskolan,Rektor,Anna,anna@example.se,grundskola,Nord\n"
      "Bergsskolan,Förstelärare,Eva,eva@example.se,fritidshem,\n"
      ",Utbildningschef,Lena,lena@example.se,,\n",
      "r.csv", g.rules.processes, errors);
  // (then the rules' filters: no unit of this roster has grundsärskola or fritidshem)
  REQUIRE(errors.size() >= 2);
  CHECK(errors[0].msg == dsl::Msg::roster_attribute_conflict);
  CHECK(errors[0].where.line == 3);
  CHECK(errors[0].args ==
        std::vector<std::string>{"Bergsskolan", "skolform", "grundskola", "r.csv:2"});
  CHECK(errors[1].msg == dsl::Msg::roster_missing_area);
  CHECK(errors[1].where.line == 4);
}

TEST_CASE("units: check --roster lists the vacancies, and status groups by område and marks them",
          "[units][cli]") {
  test::TempDir dir("units_cli");
  const std::string rules = kDir + "goteborg_kvalitet.arshjul",
                    roster = kDir + "goteborg_roster.csv";
  auto check =
      test::run_arshjul(dir.path(), {"check", rules, "--roster", roster}, dir.path() / "c");
  CHECK(check.exit_code == 0);
  CHECK(test::contains(check.out,
                       "vakant: Rektor vid Sjöskolan (goteborg_kvalitet: lägesbedömning, "
                       "kvalitetsdialog)\n"));
  auto in = [&](std::vector<std::string> args) {
    args.insert(args.end(), {"--rules", rules, "--roster", roster, "--store", "s.db"});
    return test::run_arshjul(dir.path(), args, dir.path() / "r");
  };
  // An område's task is recorded by its område's name.
  auto done =
      in({"done", "områdets_analys", "--year", "2026", "--unit", "Nord", "--date", "2026-11-02"});
  CHECK(done.exit_code == 0);
  auto wrong =
      in({"done", "områdets_analys", "--year", "2026", "--unit", "Nordd", "--date", "2026-11-02"});
  CHECK(wrong.exit_code == 2);
  CHECK(test::contains(wrong.err, "menade du 'Nord'?"));
  auto status = in({"status", "--date", "2026-11-16"});
  CHECK(status.exit_code == 0);
  CHECK(test::contains(status.out, "\nRektor · Syd · Sjöskolan\n"));
  CHECK(test::contains(status.out, "\nRektor · Nord · Bergsskolans fritidshem\n"));
  CHECK(test::contains(status.out, "vakant: ingen i förteckningen har rollen här"));
  auto json = in({"status", "--date", "2026-11-16", "--format", "json"});
  CHECK(test::contains(json.out, "\"vacant\": true"));
  CHECK(test::contains(json.out, "\"area\": \"Syd\""));
}

TEST_CASE("units: the web view's overview has a column of områden", "[units][web]") {
  Goteborg g;
  auto tasks = g.tasks(day("2026-12-01"));
  auto html = web::overview_body(g.rules.processes, g.rules.processes, tasks, 0, day("2026-12-01"),
                                 dsl::Lang::sv);
  CHECK(test::contains(
      html,
      "<th scope=\"col\">roll</th><th scope=\"col\">område</th><th scope=\"col\">enhet</th>"));
  CHECK(test::contains(html, "<tr data-role=\"Rektor\" data-unit=\"Sjöskolan\""));
  CHECK(test::contains(html,
                       "<th scope=\"row\">Rektor</th><td data-l=\"område\">Syd</td>"
                       "<td data-l=\"enhet\">Sjöskolan</td>"));
  CHECK(test::contains(html,
                       "<th scope=\"row\">Utbildningschef</th><td data-l=\"område\">Nord</td>"
                       "<td data-l=\"enhet\">Nord</td>"));
}

TEST_CASE("units: a unit or område is found by its name folded, the index as a look at all",
          "[units]") {
  Goteborg g;
  REQUIRE(g.errors.empty());
  // Two units equal folded: the first in the roster's order is the one found, either way.
  engine::Roster twins;
  twins.units = {"Asa skola", "Åsa skola"};
  twins.areas = {"Norr"};
  for (const engine::Roster* parsed : {&g.roster, &twins}) {
    engine::Roster plain;  // not indexed: every name compared
    plain.units = parsed->units;
    plain.areas = parsed->areas;
    engine::Roster indexed = plain;
    indexed.index_names();
    std::vector<std::string> asked{"", "Okänd skola", "asa SKOLA", "ÅSA skola", "nord", "NORR"};
    for (const auto& name : parsed->units) asked.insert(asked.end(), {name, dsl::fold(name)});
    for (const auto& name : parsed->areas) asked.insert(asked.end(), {name, dsl::fold(name)});
    for (const auto& name : asked) {
      INFO(name);
      CHECK(indexed.find_unit(name) == plain.find_unit(name));
      CHECK(indexed.find_area(name) == plain.find_area(name));
      if (parsed == &g.roster) CHECK(parsed->find_unit(name) == plain.find_unit(name));
      // Spelled exactly: the place in `units`, found alike.
      auto exact = std::find(plain.units.begin(), plain.units.end(), name);
      auto place = exact == plain.units.end()
                       ? std::nullopt
                       : std::optional(static_cast<std::size_t>(exact - plain.units.begin()));
      CHECK(indexed.unit_at(name) == place);
      CHECK(plain.unit_at(name) == place);
    }
  }
  CHECK(g.roster.find_unit("alvskolan") == "Älvskolan");
  CHECK(g.roster.find_area("SYD") == "Syd");
  CHECK(!g.roster.find_unit("Nord"));
  twins.index_names();
  CHECK(twins.find_unit("åsa skola") == "Asa skola");
  CHECK(twins.unit_at("Åsa skola") == 1u);  // behind "Asa skola", which the index names
  CHECK(!twins.unit_at("åsa skola"));
}
