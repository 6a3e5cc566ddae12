// Pure functions behind the reminders and the calendar: who is told of a per-unit step's
// tasks as their own (engine::reminded_of_each_unit; the messages themselves are tested end to
// end in test_remind.cpp) and what a person reads as a step's name (dsl::step_label).
#include <catch2/catch.hpp>

#include "dsl/labels.hpp"
#include "engine/reminders.hpp"
#include "tests/helpers.hpp"

using namespace arshjul;

namespace {

const std::string kRoles =
    "process p \"P\"\n  cykel kalenderår\n"
    "roll Rektor per enhet rapporterar till Chef\n"
    "roll Chef rapporterar till Nämnd\n"
    "roll Nämnd\n"
    "roll Sekreterare\n";

dsl::Process compiled(const std::string& steps) {
  std::vector<dsl::Diagnostic> errors;
  auto p = test::compile_text(kRoles + steps, 2026, errors);
  REQUIRE(p);
  return *p;
}

}  // namespace

TEST_CASE(
    "reminded_of_each_unit: a role above another single role of a per-unit step hears "
    "by escalation") {
  struct Case {
    const char* vem;
    const char* role;
    bool told;
  };
  const Case cases[] = {
      {"Rektor", "Rektor", true},
      {"Rektor & Chef", "Chef", true},                      // the meeting partner of each school
      {"Chef, Rektor & Nämnd", "Chef", true},               // the lowest single role
      {"Chef, Rektor & Nämnd", "Nämnd", false},             // Chef reports to Nämnd
      {"Chef, Rektor & Nämnd", "Rektor", true},             // per unit: always
      {"Chef, Rektor (vid behov) & Nämnd", "Nämnd", true},  // not a per-unit step
      {"Rektor & Nämnd", "Nämnd", true},                    // nobody of the step reports to it
      {"Chef, Rektor & Sekreterare", "Sekreterare", true},  // not in Chef's chain
      {"Chef & Nämnd", "Nämnd", true},                      // a single task: one item anyway
  };
  for (const auto& c : cases) {
    INFO(c.vem << " / " << c.role);
    auto p = compiled(std::string("steg s\n  NÄR mars\n  VEM ") + c.vem + "\n  VAD Gör det\n");
    auto role = p.find_role(c.role);
    REQUIRE(role);
    CHECK(engine::reminded_of_each_unit(p, p.steps[0], *role) == c.told);
  }
}

TEST_CASE("step_label: the title, else the VAD's first sentence, shortened at a word") {
  struct Case {
    const char* step;
    const char* label;
  };
  const Case cases[] = {
      {"steg s \"Kvalitetsrapport\"\n  NÄR mars\n  VEM Rektor\n  VAD Lång text här\n",
       "Kvalitetsrapport"},
      {"steg s\n  NÄR mars\n  VEM Rektor\n  VAD Nämnden beslutar. Sedan mer.\n",
       "Nämnden beslutar"},
      {"steg s\n  NÄR mars\n  VEM Rektor\n  VAD Ca. tre saker: en, två\n", "Ca. tre saker"},
      {"steg s\n  NÄR mars\n  VEM Rektor\n  VAD Tertialrapport 2 till utbildnings- och "
       "arbetsmarknadsnämnden om verksamheternas kvalitet\n",
       "Tertialrapport 2 till utbildnings- och…"},
  };
  for (const auto& c : cases) {
    INFO(c.step);
    auto p = compiled(c.step);
    CHECK(dsl::step_label(p.steps[0]) == c.label);
  }
  CHECK(dsl::shortened("Enordsomärmycketlångtochintefårplats", 10) == "Enordsomä…");
  CHECK(dsl::shortened("  två   ord \n", 20) == "två ord");
}
