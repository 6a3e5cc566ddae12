// The sketch's example file must parse unchanged and compile to the process it describes.
#include <catch2/catch.hpp>

#include "dsl/loader.hpp"
#include "dsl/schedule.hpp"

using namespace arshjul::dsl;

TEST_CASE("the sketch's example file compiles unchanged") {
  auto rules = load_rules({ARSHJUL_SOURCE_DIR "/tests/data/sketch_example.arshjul"}, 2026);
  REQUIRE(rules.diagnostics.empty());
  REQUIRE(rules.processes.size() == 1);
  const Process& p = rules.processes.front();
  CHECK(p.id == "mal_och_handlingsplaner");
  CHECK(p.title == "Framtagande av mål, mätetal och handlingsplaner");
  CHECK(p.cycle == CycleKind::calendar_year);
  CHECK(p.roles.size() == 4);
  CHECK(p.steps.size() == 7);
  CHECK(p.dependency_count() == 6);

  const Step& skiss = p.steps[*p.find_step("skiss")];
  CHECK(skiss.task ==
        "Delger förvaltningschef skiss på särskilda utvecklingsområden som behöver fokuseras på "
        "nästa år");
  CHECK(p.per_unit(skiss));

  const Step& personal = p.steps[*p.find_step("mål_till_personal")];
  REQUIRE(personal.roles.size() == 2);
  CHECK(personal.roles[1].if_needed);
  CHECK(p.roles[personal.roles[1].role].name == "Förvaltningschef");

  CHECK(p.find_role("Rektor") == p.find_role("Enhetschef"));
  CHECK(p.find_step("namndmal_beslut") == p.find_step("nämndmål_beslut"));
  CHECK(p.steps[*p.find_step("nämndmål_beslut")].type == StepType::decision);
}

TEST_CASE("the sketch's cross-year steps fall in the next calendar year") {
  auto rules = load_rules({ARSHJUL_SOURCE_DIR "/tests/data/sketch_example.arshjul"}, 2026);
  REQUIRE(rules.ok());
  const Process& p = rules.processes.front();
  std::vector<Diagnostic> errors;
  auto vp = windows(p.steps[*p.find_step("verksamhetsplan")], p.cycle, 2026, errors);
  auto report = windows(p.steps[*p.find_step("vp_till_nämnd")], p.cycle, 2026, errors);
  REQUIRE(vp.size() == 1);
  REQUIRE(report.size() == 1);
  CHECK(iso(vp[0].deadline) == "2026-12-31");
  CHECK(iso(report[0].start) == "2027-01-01");
  CHECK(iso(report[0].deadline) == "2027-01-31");
  CHECK(errors.empty());
}
