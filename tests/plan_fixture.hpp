#pragma once
// What the plan's tests share (test_plan.cpp on the engine's follow-up, test_plan_cli.cpp on
// the commands): the plan of seed 002's shape, its roster, a sandbox where the binary runs
// with them, and builders of status reports and measured values.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <stdexcept>
#include <tuple>

#include "engine/plan.hpp"
#include "engine/roster.hpp"
#include "tests/helpers.hpp"

namespace arshjul::test::plan_fixture {

namespace fs = std::filesystem;
namespace ch = std::chrono;

inline const std::string kSource = ARSHJUL_SOURCE_DIR;
inline const std::string kBinary = ARSHJUL_BINARY;

inline dsl::Date ymd(int y, unsigned m, unsigned d) {
  return ch::year(y) / ch::month(m) / ch::day(d);
}

inline std::string tmp_name(const std::string& what) {
  return "plan-" + what;
}

inline std::vector<std::string> split(const std::string& line, char sep) {
  std::vector<std::string> out;
  std::string cell;
  std::istringstream in(line);
  while (std::getline(in, cell, sep)) out.push_back(cell);
  if (!line.empty() && line.back() == sep) out.emplace_back();
  return out;
}

inline std::string trim(const std::string& s) {
  auto b = s.find_first_not_of(' ');
  auto e = s.find_last_not_of(' ');
  return b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
}

/// One activity row of the markdown report, with the perspective and goal headings above it.
struct ReportRow {
  std::string perspective, goal, activity, due, status, comment;
  bool operator<(const ReportRow& o) const {
    return std::tie(perspective, goal, activity, due, status, comment) <
           std::tie(o.perspective, o.goal, o.activity, o.due, o.status, o.comment);
  }
  bool operator==(const ReportRow& o) const { return !(*this < o) && !(o < *this); }
};

inline std::vector<ReportRow> activity_rows(const std::string& markdown) {
  std::vector<ReportRow> rows;
  std::string perspective, goal;
  std::istringstream in(markdown);
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("### ", 0) == 0)
      perspective = line.substr(4);
    else if (line.rfind("#### ", 0) == 0)
      goal = line.substr(line.find(": ") + 2);
    else if (line.rfind("| ", 0) == 0 && line.find("| Aktivitet |") != 0 &&
             line.find("| Mätetal |") != 0) {
      auto cells = split(line.substr(1), '|');
      if (cells.size() < 4) continue;
      rows.push_back(
          {perspective, goal, trim(cells[0]), trim(cells[1]), trim(cells[2]), trim(cells[3])});
    }
  }
  return rows;
}

// A plan with a goal chain, a per-unit measure each way, and activities with and without KLART.
inline const std::string kPlan = R"(process plan "Plan 2026"
  cykel kalenderår

roll Förvaltningschef
roll Rektor per enhet

perspektiv verksamhet "Verksamhet"

mål kunskap "Maximalt lärande"
  NIVÅ        nämndmål
  PERSPEKTIV  verksamhet
  VAD         Alla elever når så långt som möjligt.

mål behörighet "Ökad behörighet"
  NIVÅ   förvaltningsmål
  UNDER  kunskap

mål läsning "Läsande skola"
  NIVÅ   enhetsmål
  UNDER  behörighet

aktivitet läsprojekt
  VAD    Starta läsprojekt
  MÅL    läsning, kunskap
  VEM    Förvaltningschef
  KLART  Q2

aktivitet löpande
  VAD    Löpande arbete
  MÅL    kunskap
  VEM    Förvaltningschef

mätetal närvaro "Närvaro"
  MÅL          läsning
  VEM          Rektor
  ENHET        procent
  RIKTNING     högre
  MÅLVÄRDE     92,5
  UPPFÖLJNING  T1, T2

mätetal frånvaroanmälningar "Anmälningar om frånvaro"
  MÅL          behörighet
  VEM          Förvaltningschef
  RIKTNING     lägre
  MÅLVÄRDE     5
  UPPFÖLJNING  T1
)";

inline const std::string kRoster =
    "enhet,roll,namn,epost\n"
    ",Förvaltningschef,Anna Berg,anna@example.se\n"
    "Ekskolan,Rektor,Per Ek,per@example.se\n"
    "Björkskolan,Rektor,Eva Björk,eva@example.se\n";

/// Rule folder and roster of a Sandbox that live elsewhere (the shipped ones).
struct Paths {
  std::string rules, roster;
};

/// A temp folder where the real binary runs with one set of --rules, --roster and --store.
struct Sandbox {
  TempDir dir;
  std::string common;
  /// With `plan` written as rules/plan.arshjul and `roster` as roster.csv.
  explicit Sandbox(const std::string& name, const std::string& plan = kPlan,
                   const std::string& roster = kRoster)
      : dir(tmp_name(name)) {
    dir.write("rules/plan.arshjul", plan);
    dir.write("roster.csv", roster);
    set({(dir.path() / "rules").string(), (dir.path() / "roster.csv").string()});
  }
  Sandbox(const std::string& name, const Paths& paths) : dir(tmp_name(name)) { set(paths); }
  std::string db() const { return (dir.path() / "s.db").string(); }
  CommandResult run(const std::string& args) const {
    return run_command(kBinary + " " + args + common, dir.path() / "cmd");
  }
  /// The messages `remind --format json` plans on `date`, by recipient.
  std::map<std::string, nlohmann::json> reminders(const std::string& date) const {
    auto r = run("remind --format json --date " + date);
    INFO(r.err);
    CHECK(r.exit_code == 0);
    std::map<std::string, nlohmann::json> by_to;
    std::istringstream in(r.out);
    for (std::string l; std::getline(in, l);) {
      auto j = nlohmann::json::parse(l);
      by_to[j["to"].get<std::string>()] = j;
    }
    return by_to;
  }

 private:
  void set(const Paths& p) {
    common = " --rules " + shell_quote(p.rules) + " --roster " + shell_quote(p.roster) +
             " --store " + shell_quote(db());
    engine::Store store(db());  // the read commands read an existing store
  }
};

struct PlanFixture {
  std::vector<dsl::Process> processes;  // the follow-up points into these
  engine::Roster roster;
  PlanFixture() {
    std::vector<dsl::Diagnostic> errors;
    auto p = compile_text(kPlan, 2026, errors);
    REQUIRE(errors.empty());
    REQUIRE(p);
    processes.push_back(std::move(*p));
    roster = engine::parse_roster(kRoster, "roster.csv", processes, errors);
    REQUIRE(errors.empty());
  }
  const dsl::Process& process() const { return processes.front(); }
  std::vector<engine::PlanFollowUp> run(const engine::PlanRecords& records, int tertial,
                                        dsl::Date as_of) const {
    return engine::follow_up(processes, roster, records, 2026, tertial, as_of);
  }
};

// An entry `id` of the plan's cycle 2026: the fields status reports and measured values share.
template <class Entry>
inline Entry of_plan_2026(std::int64_t id) {
  Entry e;
  e.id = id;
  e.process = "plan";
  e.cycle = 2026;
  return e;
}

inline engine::StatusReport status(const std::string& activity, dsl::Date on,
                                   const std::string& word, std::int64_t id = 1) {
  auto s = of_plan_2026<engine::StatusReport>(id);
  s.activity = activity;
  s.reported_on = on;
  s.status = word;
  return s;
}

inline engine::MeasuredValue value(const std::string& measure, const std::string& unit, int tertial,
                                   double v, std::int64_t id = 1) {
  auto m = of_plan_2026<engine::MeasuredValue>(id);
  m.measure = measure;
  m.unit = unit;
  m.tertial = tertial;
  m.value = v;
  return m;
}

inline const engine::MeasureLine& line(const engine::PlanFollowUp& f, const std::string& measure,
                                       const std::string& unit, int tertial) {
  for (const auto& m : f.measures)
    if (m.measure->id == measure && m.unit == unit && m.tertial == tertial) return m;
  FAIL("no line for " << measure << " " << unit << " T" << tertial);
  throw std::logic_error("unreachable");
}

}  // namespace arshjul::test::plan_fixture
