#pragma once
// A small administration for engine and audit tests: the shipped rules, two units.
#include <catch2/catch.hpp>

#include "dsl/loader.hpp"
#include "engine/engine.hpp"
#include "engine/records.hpp"

namespace arshjul::test {

using engine::Task;

inline dsl::Date day(const char* iso) {
  return *engine::parse_date(iso);
}

/// The shipped rules with a roster of two schools.
struct Admin {
  dsl::RuleSet rules = dsl::load_rules({ARSHJUL_SOURCE_DIR "/rules"}, 2026);
  engine::Roster roster;
  std::vector<engine::Completion> log;

  Admin() {
    REQUIRE(rules.ok());
    std::vector<dsl::Diagnostic> errors;
    roster = engine::parse_roster(
        "enhet,roll,namn,epost\n"
        "Ekbackens skola,Rektor,Anna A,anna@k.se\n"
        "Förskolan Humlan,Förskolechef,Bo B,bo@k.se\n"
        ",Förvaltningschef,Cia C,cia@k.se\n"
        ",Nämnd,Dan D,dan@k.se\n",
        "roster.csv", rules.processes, errors);
    REQUIRE(errors.empty());
  }

  void done(const std::string& step, int cycle, const std::string& unit, const char* date,
            const std::string& outcome = "", const std::string& by = "") {
    engine::Completion c;
    c.process = process_of(step);
    c.cycle = cycle;
    c.step = step;
    c.unit = unit;
    c.done_on = day(date);
    c.outcome = outcome;
    c.done_by = by;
    log.push_back(c);
  }

  std::string process_of(const std::string& step) const {
    for (const auto& p : rules.processes)
      if (p.find_step(step)) return p.id;
    FAIL("no step " << step);
    return {};
  }

  std::vector<Task> at(const char* date) const {
    engine::Records records(rules.processes, roster);
    for (const auto& c : log) records.add(c);
    return engine::evaluate(rules.processes, roster, records, day(date), {});
  }

  const Task& task(const std::vector<Task>& tasks, const std::string& step, int cycle,
                   const std::string& unit = "") const {
    for (const auto& t : tasks) {
      const auto& p = rules.processes[t.process];
      if (p.steps[t.step].id == step && t.cycle == cycle && t.unit == unit) return t;
    }
    FAIL("no task " << step << " " << cycle << " " << unit);
    throw;
  }
};

inline const std::string kEk = "Ekbackens skola", kHumlan = "Förskolan Humlan";

}  // namespace arshjul::test
