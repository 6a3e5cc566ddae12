// The shipped rule files in rules/ are the seeds written in the rule language: these tests
// load the real files and check the seeds' rows, months, roles, dependencies and conditions.
#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "dsl/loader.hpp"
#include "dsl/schedule.hpp"
#include "dsl/text.hpp"

using namespace arshjul::dsl;

namespace {

const std::string kRules = ARSHJUL_SOURCE_DIR "/rules/";

std::string all_errors(const RuleSet& rules) {
  std::string out;
  for (const auto& d : rules.diagnostics) out += arshjul::dsl::format(d, rules.sources, Lang::sv);
  return out;
}

/// The one process of `file` in rules/, checked for `year`; fails the test on any error.
Process load_process(const std::string& file, int year = 2026) {
  auto rules = load_rules({kRules + file}, year);
  INFO(all_errors(rules));
  REQUIRE(rules.ok());
  REQUIRE(rules.processes.size() == 1);
  return rules.processes.front();
}

const Step& step(const Process& p, const std::string& id) {
  auto i = p.find_step(id);
  INFO("step " << id);
  REQUIRE(i);
  return p.steps[*i];
}

/// The windows of a step as "start..deadline", in date order.
std::vector<std::string> windows_of(const Process& p, const Step& s, int year) {
  std::vector<Diagnostic> errors;
  std::vector<std::string> out;
  for (const auto& w : windows(s, p.cycle, year, errors))
    out.push_back(iso(w.start) + ".." + iso(w.deadline));
  CHECK(errors.empty());
  return out;
}

/// VEM as written in `show`: role names joined by ", ", "(vid behov)" after optional ones.
std::string who(const Process& p, const Step& s) {
  std::string out;
  for (const auto& r : s.roles) {
    if (!out.empty()) out += ", ";
    out += p.roles[r.role].name;
    if (r.if_needed) out += " (vid behov)";
  }
  return out;
}

std::vector<std::string> deps(const Process& p, const Step& s) {
  std::vector<std::string> out;
  for (const auto& d : s.deps) out.push_back(p.steps[d.step].id);
  return out;
}

/// One row of a seed's NÄR / VEM / VAD table as the rule file must encode it.
struct Row {
  const char* id;
  std::vector<std::string> windows;  // for the cycle of the test's year
  const char* who;
  std::vector<std::string> after;
  StepType type;
  const char* task_part;  // a phrase of the seed's VAD, with å/ä/ö restored
};

/// `p` has cycle `kind` and, for the cycle of `year`, the steps `rows`.
void check_rows(const Process& p, CycleKind kind, const std::vector<Row>& rows, int year) {
  CHECK(p.cycle == kind);
  for (const auto& row : rows) {
    INFO("step " << row.id);
    const Step& s = step(p, row.id);
    CHECK(windows_of(p, s, year) == row.windows);
    CHECK(who(p, s) == row.who);
    CHECK(deps(p, s) == row.after);
    CHECK(s.type == row.type);
    CHECK_THAT(s.task, Catch::Contains(row.task_part));
  }
}

std::vector<std::string> rule_files() {
  std::vector<std::string> files;
  for (const auto& e : std::filesystem::directory_iterator(kRules))
    if (e.path().extension() == ".arshjul") files.push_back(e.path().string());
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace

TEST_CASE("every shipped rule file checks clean, for several cycle years") {
  auto files = rule_files();
  REQUIRE(files.size() >= 5);  // the four processes and roller.arshjul
  for (int year : {2022, 2024, 2026, 2027, 2028}) {
    INFO("year " << year);
    auto rules = load_rules({files.begin(), files.end()}, year);  // like `check rules/*.arshjul`
    INFO(all_errors(rules));
    CHECK(rules.ok());
    std::set<std::string> ids;
    for (const auto& p : rules.processes) ids.insert(p.id);
    for (const char* id : {"mal_och_handlingsplaner", "resultatuppfoljning",
                           "styrning_och_uppfoljning", "vp_tidplan"})
      CHECK(ids.count(id) == 1);
  }
  auto folder = load_rules({kRules}, 2026);  // like `check rules`: the library is skipped
  INFO(all_errors(folder));
  CHECK(folder.ok());
  CHECK(folder.processes.size() == files.size() - 1);
}

TEST_CASE("roller.arshjul holds seed 000's shared roles") {
  const Process p = load_process("mal_och_handlingsplaner.arshjul");
  auto enhetschef = p.find_role("Enhetschef");
  REQUIRE(enhetschef);
  // "Befattning enhetschef används med betydelsen enhetschef, rektor, förskolechef el.dyl."
  CHECK(p.find_role("Rektor") == enhetschef);
  CHECK(p.find_role("förskolechef") == enhetschef);
  CHECK(p.roles[*enhetschef].per_unit);
  auto fc = p.find_role("Förvaltningschef");
  auto namnd = p.find_role("Nämnd");
  REQUIRE(fc);
  REQUIRE(namnd);
  CHECK(p.roles[*enhetschef].reports_to == fc);
  CHECK(p.roles[*fc].reports_to == namnd);
  CHECK_FALSE(p.roles[*fc].per_unit);
  CHECK_FALSE(p.roles[*namnd].per_unit);
  auto personal = p.find_role("Personal");
  REQUIRE(personal);
  CHECK(p.roles[*personal].per_unit);
  CHECK(p.find_role("KS") == p.find_role("Kommunstyrelse"));
  CHECK(p.find_role("KF") == p.find_role("Kommunfullmäktige"));
  CHECK(p.find_role("KF").has_value());
}

TEST_CASE("seed 000, first table: framtagande av mål, mätetal och handlingsplaner") {
  const Process p = load_process("mal_och_handlingsplaner.arshjul");
  const std::string sep_nov = "2026-09-01..2026-11-30";
  const std::vector<Row> rows{
      {"skiss",
       {"2026-02-01..2026-03-31"},
       "Enhetschef",
       {},
       StepType::report,
       "Enhetschef delger förvaltningschef skiss på särskilda utvecklingsområden som behöver "
       "fokuseras på nästa år"},
      {"verksamhetsbesök",
       {"2026-04-01..2026-05-31"},
       "Nämnd",
       {},
       StepType::activity,
       "Politiker besöker verksamheterna"},
      {"nämndmål_dialog",
       {"2026-05-01..2026-06-30"},
       "Förvaltningschef, Nämnd",
       {"skiss", "verksamhetsbesök"},
       StepType::meeting,
       "Framtagande av nästa års nämndmål i dialog mellan förvaltningschef och nämnd"},
      {"nämndmål_beslut",
       {"2026-08-01..2026-08-31"},
       "Nämnd",
       {"nämndmål_dialog"},
       StepType::decision,
       "Beslut tas om nämndmål"},
      {"nämndmål_information",
       {"2026-08-01..2026-08-31"},
       "Förvaltningschef",
       {"nämndmål_beslut"},
       StepType::activity,
       "Förvaltningschef informerar enhetschefer om antagna nämndmål"},
      {"handlingsplan_inriktning",
       {sep_nov},
       "Enhetschef, Förvaltningschef",
       {"nämndmål_information"},
       StepType::meeting,
       "inriktning på handlingsplan tas fram avseende hur förvaltningen ska nå fastslagna "
       "nämndmål"},
      {"mätetal_och_målvärden",
       {sep_nov},
       "Enhetschef, Förvaltningschef",
       {"handlingsplan_inriktning"},
       StepType::activity,
       "Relevanta mätetal tas fram till nämndmålen och rimliga målvärden utses"},
      {"förvaltningsmål_behov",
       {sep_nov},
       "Enhetschef",
       {"nämndmål_information"},
       StepType::report,
       "Enhetschef redovisar eventuella behov av att skapa förvaltningsmål till "
       "förvaltningschef"},
      {"förvaltningsmål_beslut",
       {sep_nov},
       "Förvaltningschef",
       {"förvaltningsmål_behov"},
       StepType::decision,
       "Förvaltningschef beslutar om förvaltningsmål"},
      {"inriktning_till_nämnd",
       {"2026-11-01..2026-11-30"},
       "Förvaltningschef, Nämnd",
       {"handlingsplan_inriktning", "mätetal_och_målvärden"},
       StepType::meeting,
       "Dialog för överenskommelse om handlingsplanernas inriktning"},
      {"verksamhetsplan",
       {"2026-12-01..2026-12-31"},
       "Enhetschef",
       {"inriktning_till_nämnd", "förvaltningsmål_beslut"},
       StepType::activity,
       "Mål, mätetal och aktiviteter registreras i Stratsys"},
      {"vp_till_nämnd",
       {"2027-01-01..2027-01-31"},
       "Förvaltningschef",
       {"verksamhetsplan"},
       StepType::report,
       "Förvaltningschef redovisar verksamhetsplan för nämnd"},
      {"mål_till_personal",
       {"2027-01-01..2027-02-28"},
       "Enhetschef, Förvaltningschef (vid behov)",
       {"vp_till_nämnd"},
       StepType::meeting,
       "Enhetschef redovisar nämnd- och förvaltningsmål till personalen"},
  };
  check_rows(p, CycleKind::calendar_year, rows, 2026);
  CHECK(p.steps.size() == rows.size());  // every row, and nothing the table does not have

  const Step& vp = step(p, "verksamhetsplan");
  REQUIRE(vp.deadline);  // SENAST 31 december
  CHECK(vp.deadline->day == 31);
  CHECK(vp.deadline->month == 12);
  CHECK(p.per_unit(vp));                              // each enhetschef makes a plan
  CHECK_FALSE(p.per_unit(step(p, "vp_till_nämnd")));  // so this waits for every unit
  CHECK(p.per_unit(step(p, "mål_till_personal")));    // Förvaltningschef only vid behov
}

TEST_CASE("seed 000, second table: resultatuppföljning och analys") {
  const Process p = load_process("resultatuppfoljning.arshjul");
  const std::vector<Row> rows{
      {"t1_uppföljning",
       {"2026-04-01..2026-04-30"},
       "Enhetschef",
       {},
       StepType::activity,
       "Enhetschefer följer upp resultat tertial 1 med analys av aktiviteter och mål i Stratsys"},
      {"t1_möte",
       {"2026-04-01..2026-04-30"},
       "Förvaltningschef (vid behov), Enhetschef (vid behov)",
       {"t1_uppföljning"},
       StepType::meeting,
       "angående T1-resultat vid behov"},
      {"t1_rapport",
       {"2026-05-01..2026-05-31"},
       "Förvaltningschef",
       {"t1_uppföljning"},
       StepType::report,
       "Förvaltningschef klar med förvaltningens T1-rapport"},
      {"t1_godkännande",
       {"2026-05-01..2026-05-31"},
       "Nämnd",
       {"t1_rapport"},
       StepType::decision,
       "godkännande av delårsrapport tertial 1"},
      {"inspirationsmöte",
       {"2026-08-01..2026-08-31"},
       "Förvaltningschef",
       {},
       StepType::meeting,
       "möte med all personal inom Utbildningsförvaltningen"},
      {"t2_uppföljning",
       {"2026-08-01..2026-08-31"},
       "Enhetschef",
       {},
       StepType::activity,
       "Enhetschefer följer upp resultat tertial 2"},
      {"t2_möte",
       {"2026-08-01..2026-08-31"},
       "Förvaltningschef, Enhetschef",
       {"t2_uppföljning"},
       StepType::meeting,
       "har möte angående T2-resultat"},
      {"t2_rapport",
       {"2026-09-01..2026-09-30"},
       "Förvaltningschef",
       {"t2_möte"},
       StepType::report,
       "Förvaltningschef klar med förvaltningens T2-rapport"},
      {"t2_redovisning",
       {"2026-09-01..2026-09-30"},
       "Förvaltningschef, Enhetschef (vid behov), Nämnd",
       {"t2_rapport"},
       StepType::meeting,
       "(För UN avser tertial 2-redovisningen läsåret.)"},
      {"tillägg_förvaltningsmål",
       {"2026-09-01..2026-10-31"},
       "Förvaltningschef",
       {"t2_redovisning"},
       StepType::activity,
       "Förslag om tillägg med ytterligare förvaltningsmål nästa år"},
      {"t2_godkännande",
       {"2026-09-01..2026-09-30"},
       "Nämnd",
       {"t2_rapport"},
       StepType::decision,
       "godkännande av delårsrapport tertial 2"},
      {"t3_uppföljning",
       {"2026-12-01..2026-12-31"},
       "Enhetschef",
       {},
       StepType::activity,
       "följer upp verksamheten för året (tertial 3)"},
      {"årsresultat_möte",
       {"2026-12-01..2026-12-31"},
       "Förvaltningschef, Enhetschef",
       {"t3_uppföljning"},
       StepType::meeting,
       "har möte om årets resultat"},
      {"årsredovisning",
       {"2027-01-01..2027-01-31"},
       "Förvaltningschef",
       {"t3_uppföljning", "årsresultat_möte"},
       StepType::report,
       "Förvaltningschef klar med förvaltningens årsredovisning"},
      {"årsresultat_till_nämnd",
       {"2027-01-01..2027-02-28"},
       "Förvaltningschef, Enhetschef (vid behov)",
       {"årsredovisning"},
       StepType::meeting,
       "Förvaltningschef presenterar årets resultat för nämnden"},
      {"årsredovisning_godkännande",
       {"2027-02-01..2027-02-28"},
       "Nämnd",
       {"årsredovisning", "årsresultat_till_nämnd"},
       StepType::decision,
       "Därefter antas rapporten av KS och KF"},
      {"årsresultat_till_personal",
       {"2027-01-01..2027-02-28"},
       "Enhetschef, Förvaltningschef (vid behov)",
       {"årsresultat_möte"},
       StepType::meeting,
       "Enhetschefer informerar personalen om föregående års resultat"},
      {"samrådsmöten",
       {"2026-01-01..2026-12-31"},
       "Nämnd",
       {},
       StepType::meeting,
       "Politiker deltar i samrådsmöten med verksamheterna och föräldrar"},
  };
  check_rows(p, CycleKind::calendar_year, rows, 2026);
  CHECK(p.steps.size() == rows.size());

  using Tags = std::vector<std::string>;
  CHECK(step(p, "t2_redovisning").tags == Tags{"politikerdialog"});
  CHECK(step(p, "årsresultat_till_nämnd").tags == Tags{"politikerdialog"});
  CHECK(step(p, "årsresultat_möte").tags == Tags{"förvaltningsdialog"});
  CHECK(step(p, "inspirationsmöte").tags == Tags{"inspirationsmöte"});
  // The T1 meeting is held only "vid behov": no required role, so it is one meeting.
  CHECK_FALSE(p.per_unit(step(p, "t1_möte")));
}

TEST_CASE("seed 000: förbättringsbehov after the T2 dialogue leads to more förvaltningsmål") {
  const Process p = load_process("resultatuppfoljning.arshjul");
  const Step& dialog = step(p, "t2_redovisning");
  CHECK(dialog.outcomes == std::vector<std::string>{"förbättringsbehov", "inga_åtgärder"});
  const Step& addition = step(p, "tillägg_förvaltningsmål");
  REQUIRE(addition.condition);
  CHECK(p.steps[addition.condition->step].id == "t2_redovisning");
  CHECK(addition.condition->outcome == "förbättringsbehov");
  // Only that step is conditional.
  for (const auto& s : p.steps)
    if (s.id != addition.id) CHECK_FALSE(s.condition);
}

TEST_CASE("seed 000: December's tertial 3 leads to January's årsredovisning the next year") {
  const Process p = load_process("resultatuppfoljning.arshjul");
  for (int year : {2026, 2027, 2028}) {
    INFO("year " << year);
    std::string y = std::to_string(year), next = std::to_string(year + 1);
    CHECK(windows_of(p, step(p, "t3_uppföljning"), year) ==
          std::vector<std::string>{y + "-12-01.." + y + "-12-31"});
    CHECK(windows_of(p, step(p, "årsredovisning"), year) ==
          std::vector<std::string>{next + "-01-01.." + next + "-01-31"});
    CHECK(windows_of(p, step(p, "årsredovisning_godkännande"), year).front().substr(0, 10) ==
          next + "-02-01");
  }
  const auto after = deps(p, step(p, "årsredovisning"));
  CHECK(std::find(after.begin(), after.end(), "t3_uppföljning") != after.end());
}

// `nästa år` resolves the month in the next year, so February of a leap year has a 29th.
TEST_CASE("seed 000: årsredovisningen approved in February of a leap year may take the 29th",
          "[seeds]") {
  const Process p = load_process("resultatuppfoljning.arshjul");
  CHECK(windows_of(p, step(p, "årsredovisning_godkännande"), 2027) ==
        std::vector<std::string>{"2028-02-01..2028-02-29"});
  CHECK(windows_of(p, step(p, "årsresultat_till_nämnd"), 2027) ==
        std::vector<std::string>{"2028-01-01..2028-02-29"});
}

TEST_CASE("seed 000: the VAD texts have their å, ä and ö back") {
  // Words as the OCR scan has them; none may survive in a task text.
  const std::vector<std::string> scanned{
      "namnd", "forvaltning", "matetal",       "malvarden", "arets", "moéte",   "férvaltning",
      "ndmnd", "godkdnnande", "delarsrapport", "foljer",    " pa ",  "nasta ar"};
  for (const char* file : {"mal_och_handlingsplaner.arshjul", "resultatuppfoljning.arshjul"}) {
    const Process p = load_process(file);
    for (const auto& s : p.steps) {
      INFO(s.id << ": " << s.task);
      std::string lower = s.task;
      std::transform(lower.begin(), lower.end(), lower.begin(),
                     [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
      for (const auto& w : scanned) CHECK(lower.find(w) == std::string::npos);
      CHECK(fold(s.task) != s.task);  // every seed 000 text has at least one å, ä or ö
    }
  }
}

TEST_CASE("seed 001: styrnings- och uppföljningsprocessen") {
  const Process p = load_process("styrning_och_uppfoljning.arshjul");
  const std::vector<Row> rows{
      {"nämndmål_implementeras",
       {"2026-01-01..2026-01-31"},
       "Enhetschef, Förvaltningschef",
       {},
       StepType::activity,
       "Nämndens beslutade mål för verksamhetsåret implementeras"},
      {"lokala_mål",
       {"2026-01-01..2026-02-28"},
       "Enhetschef",
       {"nämndmål_implementeras"},
       StepType::decision,
       "lokalt beslutade politiska mål, nationell styrning"},
      {"verksamhetsplan",
       {"2026-02-01..2026-03-31"},
       "Enhetschef",
       {"lokala_mål"},
       StepType::activity,
       "Mål och aktiviteter beskrivs i en verksamhetsplan"},
      {"utmaningar_och_kostnader",
       {"2026-03-01..2026-04-30"},
       "Nämnd, Förvaltningschef, Kommunledning, Kommunstyrelse",
       {},
       StepType::report,
       "utmaningar och kostnader som finns inför kommande budgetår"},
      {"t1_rapport",
       {"2026-05-01..2026-05-31"},
       "Förvaltningschef, Enhetschef, Nämnd",
       {},
       StepType::report,
       "trygghet och studiero"},
      {"budgetramar",
       {"2026-06-01..2026-06-30"},
       "Kommunfullmäktige",
       {"utmaningar_och_kostnader", "t1_rapport"},
       StepType::decision,
       "beslut om budgetramar för kommande verksamhetsår"},
      {"t2_rapport",
       {"2026-09-01..2026-09-30"},
       "Förvaltningschef, Enhetschef, Nämnd",
       {"t1_rapport"},
       StepType::report,
       "nyckeltal, till exempel betygsresultat"},
      {"t3_rapport",
       {"2027-02-01..2027-02-28"},
       "Förvaltningschef, Enhetschef, Nämnd",
       {"t2_rapport"},
       StepType::report,
       "Tertialrapport 3"},
      {"internkontrollrapport",
       {"2026-11-01..2026-11-30"},
       "Förvaltningschef, Nämnd",
       {},
       StepType::report,
       "internkontrollrapport till nämnden utifrån beslutad internkontrollplan"},
      {"internkontrollplan",
       {"2026-12-01..2026-12-31"},
       "Nämnd",
       {"internkontrollrapport"},
       StepType::decision,
       "beslutar om ny internkontrollplan"},
      {"planeringsseminarium",
       {"2026-10-01..2026-10-31"},
       "Nämnd, Enhetschef",
       {"t2_rapport"},
       StepType::meeting,
       "planeringsseminarium"},
      {"nya_mål",
       {"2026-11-01..2026-11-30"},
       "Nämnd",
       {"budgetramar", "t2_rapport", "planeringsseminarium", "verksamhetsbesök",
        "löpande_rapporter"},
       StepType::decision,
       "Nya mål för kommande verksamhetsår"},
      {"systematiskt_kvalitetsarbete",
       {"2026-01-01..2026-12-31"},
       "Enhetschef",
       {},
       StepType::activity,
       "huvudmannens nulägesbedömning"},
  };
  check_rows(p, CycleKind::calendar_year, rows, 2026);

  // Visits and reports at every board meeting: every month but July.
  for (const char* id : {"verksamhetsbesök", "löpande_rapporter"}) {
    INFO(id);
    auto w = windows_of(p, step(p, id), 2026);
    CHECK(w.size() == 11);
    CHECK(w.front() == "2026-01-01..2026-01-31");
    CHECK(w.back() == "2026-12-01..2026-12-31");
    CHECK(std::none_of(w.begin(), w.end(),
                       [](const std::string& s) { return s.substr(0, 7) == "2026-07"; }));
  }
  CHECK(p.find_role("Kommunledning").has_value());
  CHECK(p.steps.size() == rows.size() + 2);
}

TEST_CASE("seed 003: the VP timetable for läsår 2022-2023 falls in spring and August 2022") {
  const Process p = load_process("vp_tidplan.arshjul", 2022);
  CHECK(p.cycle == CycleKind::calendar_year);
  using W = std::vector<std::string>;
  CHECK(windows_of(p, step(p, "vp_uppdrag_förslag"), 2022) == W{"2022-05-05..2022-05-05"});
  CHECK(windows_of(p, step(p, "avstämning_lg_sg"), 2022) == W{"2022-05-17..2022-05-17"});
  CHECK(windows_of(p, step(p, "avstämning_lg"), 2022) == W{"2022-05-31..2022-05-31"});
  CHECK(windows_of(p, step(p, "vp_klar"), 2022) == W{"2022-08-01..2022-08-10"});
  CHECK(windows_of(p, step(p, "förankring"), 2022) == W{"2022-04-01..2022-05-31"});
  CHECK(windows_of(p, step(p, "preliminär_version"), 2022) == W{"2022-05-01..2022-06-30"});
  CHECK(windows_of(p, step(p, "vp_beslut"), 2022) == W{"2022-08-01..2022-08-31"});
  CHECK(step(p, "vp_beslut").type == StepType::decision);

  CHECK(who(p, step(p, "avstämning_lg_sg")) == "LG, SG");
  CHECK(who(p, step(p, "avstämning_lg")) == "LG");
  CHECK(deps(p, step(p, "avstämning_lg_sg")) == W{"vp_uppdrag_förslag"});
  CHECK(deps(p, step(p, "avstämning_lg")) == W{"avstämning_lg_sg"});
  CHECK(deps(p, step(p, "vp_klar")) == W{"preliminär_version"});
  CHECK(deps(p, step(p, "vp_beslut")) == W{"vp_klar"});
}

TEST_CASE("seed 003: verksamhetsdialoger three times a year at both levels of the chain") {
  const Process p = load_process("vp_tidplan.arshjul", 2022);
  const std::vector<std::string> three{"2022-02-01..2022-02-28", "2022-05-01..2022-05-31",
                                       "2022-10-01..2022-10-31"};
  const Step& rektor = step(p, "verksamhetsdialog_rektor");
  const Step& huvudman = step(p, "verksamhetsdialog_huvudman");
  CHECK(windows_of(p, rektor, 2022) == three);
  CHECK(windows_of(p, huvudman, 2022) == three);
  CHECK(who(p, rektor) == "Verksamhetschef, Rektor");
  CHECK(who(p, huvudman) == "Utbildningsdirektör, Verksamhetschef");
  CHECK(p.per_unit(rektor));          // one dialogue per school
  CHECK_FALSE(p.per_unit(huvudman));  // one dialogue on huvudmannanivå, after all schools'
  CHECK(deps(p, huvudman) == std::vector<std::string>{"verksamhetsdialog_rektor"});
  CHECK(windows_of(p, rektor, 2024).size() == 3);  // every year, leap year included
  auto rektor_role = p.find_role("Rektor");
  REQUIRE(rektor_role);
  REQUIRE(p.roles[*rektor_role].reports_to);
  CHECK(p.roles[*p.roles[*rektor_role].reports_to].name == "Verksamhetschef");
}

TEST_CASE("seed 003: the September election every fourth year from 2022") {
  const Process p = load_process("vp_tidplan.arshjul", 2022);
  const Step& before = step(p, "beslut_före_valet");
  REQUIRE(before.every);
  CHECK(before.every->every_years == 4);
  CHECK(before.every->from_year == 2022);
  CHECK(windows_of(p, before, 2022) == std::vector<std::string>{"2022-04-01..2022-08-31"});
  CHECK(windows_of(p, before, 2026) == std::vector<std::string>{"2026-04-01..2026-08-31"});
  CHECK(windows_of(p, before, 2030).size() == 1);
  for (int off : {2023, 2024, 2025, 2027}) {
    INFO("year " << off);
    CHECK(windows_of(p, before, off).empty());
    CHECK(windows_of(p, step(p, "stöd_efter_valet"), off).empty());
  }
  // Decisions are prepared before the election (second Sunday of September).
  std::vector<Diagnostic> errors;
  auto w2026 = windows(before, p.cycle, 2026, errors);
  REQUIRE(w2026.size() == 1);
  CHECK(iso(w2026.front().deadline) < "2026-09-01");
  // "Om BUN-målen ändras så kommer VP att uppdateras."
  const Step& update = step(p, "vp_uppdatering");
  REQUIRE(update.condition);
  CHECK(p.steps[update.condition->step].id == "bun_mål_efter_valet");
  CHECK(update.condition->outcome == "ändrade");
  // Steps that do not depend on the election run every year.
  CHECK(windows_of(p, step(p, "vp_klar"), 2024).size() == 1);
}
