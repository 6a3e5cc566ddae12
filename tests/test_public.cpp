// Transcriptions of public årshjul (tests/public/, each citing its source in its header),
// compiled for the source's year and for 2026 and 2027, against dates worked out by hand.
#include <catch2/catch.hpp>

#include "dsl/loader.hpp"
#include "dsl/schedule.hpp"
#include "engine/engine.hpp"
#include "engine/roster.hpp"
#include "tests/helpers.hpp"

using namespace arshjul;

namespace {

const std::string kGrindstugan = ARSHJUL_SOURCE_DIR "/tests/public/grindstugan_2018.arshjul";

/// "YYYY-MM-DD" of the step's windows (deadline) in the cycle `year`, with " HH:MM" for timed
/// ones.
std::vector<std::string> days(const dsl::Process& p, const std::string& step, int year) {
  std::vector<dsl::Diagnostic> ignored;
  std::vector<std::string> out;
  for (const auto& w : dsl::windows(p, p.steps.at(*p.find_step(step)), year, ignored)) {
    std::string s = dsl::iso(w.deadline);
    if (w.time)
      s += " " + std::to_string(w.time->start / 60) + ":" + std::to_string(w.time->start % 60);
    out.push_back(s);
  }
  return out;
}

}  // namespace

TEST_CASE("a preschool's calendar (Grindstugan 2018/19): events on their day, times of day",
          "[public]") {
  auto rules = dsl::load_rules({kGrindstugan}, 2018);
  REQUIRE(rules.ok());
  CHECK(rules.warnings.empty());  // the two Sunday städdagar say FLYTTA aldrig
  const auto& p = rules.processes.at(0);
  // The source's year: läsår 2018/19.
  CHECK(days(p, "städdag_höst", 2018) == std::vector<std::string>{"2018-10-07 10:0"});  // Sunday
  CHECK(days(p, "städdag_vår", 2018) == std::vector<std::string>{"2019-04-07 10:0"});   // Sunday
  CHECK(days(p, "lucia", 2018) == std::vector<std::string>{"2018-12-13 7:30"});
  CHECK(days(p, "årsstämma", 2018) == std::vector<std::string>{"2018-10-10 18:30"});
  CHECK(days(p, "planeringsdag_höst", 2018) == std::vector<std::string>{"2018-08-31"});  // stängt
  CHECK(days(p, "utvärderingsdag", 2018) == std::vector<std::string>{"2019-05-29"});
  // 2026/27: Lucia on Sunday 13 December 2026 stays there (a warning, no move); the
  // parents' meeting is a Friday, Förskolans dag 2027 is Pingstdagen and stays too.
  auto y2026 = dsl::load_rules({kGrindstugan}, 2026);
  REQUIRE(y2026.ok());
  CHECK(days(p, "lucia", 2026) == std::vector<std::string>{"2026-12-13 7:30"});
  CHECK(days(p, "föräldramöte", 2026) == std::vector<std::string>{"2026-09-25 18:0"});
  CHECK(days(p, "förskolans_dag", 2026) == std::vector<std::string>{"2027-05-16 15:0"});
  CHECK(y2026.warnings.size() == 4);  // årsstämma, lucia, reflexstigen, förskolans_dag
  // 2027/28: Lucia is a Monday; the parents' meeting on Saturday 25 September stays.
  CHECK(days(p, "lucia", 2027) == std::vector<std::string>{"2027-12-13 7:30"});
  CHECK(days(p, "föräldramöte", 2027) == std::vector<std::string>{"2027-09-25 18:0"});
  // 13-14 November 2027 is a weekend: a two-day window, due the Friday before.
  CHECK(days(p, "utvecklingssamtal", 2027) == std::vector<std::string>{"2027-11-12"});
  // Its roster fills every role.
  std::vector<dsl::Diagnostic> errors;
  auto roster = engine::load_roster(ARSHJUL_SOURCE_DIR "/tests/public/grindstugan_roster.csv",
                                    rules.processes, rules.sources, errors);
  CHECK(errors.empty());
  CHECK(roster.people.size() == 2);
}
