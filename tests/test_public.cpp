// Transcriptions of public årshjul (tests/public/, each citing its source in its header),
// compiled for the source's year and for 2026 and 2027, against dates worked out by hand.
#include <algorithm>
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

namespace {

const std::string kJensen = ARSHJUL_SOURCE_DIR "/tests/public/jensen_bro_2026.arshjul";
const std::string kKarlstad = ARSHJUL_SOURCE_DIR "/tests/public/karlstad_budget.arshjul";

using Days = std::vector<std::string>;

/// The rules of tests/public/`name` for `year`, which load without errors or warnings.
dsl::RuleSet clean_rules(const std::string& name, int year) {
  auto rules = dsl::load_rules({ARSHJUL_SOURCE_DIR "/tests/public/" + name}, year);
  REQUIRE(rules.ok());
  CHECK(rules.warnings.empty());
  return rules;
}

/// How many people the roster `csv` of tests/public/ gives the processes of `rules`; -1 when
/// it has errors.
int roster_size(const std::string& csv, dsl::RuleSet& rules) {
  std::vector<dsl::Diagnostic> errors;
  auto roster = engine::load_roster(ARSHJUL_SOURCE_DIR "/tests/public/" + csv, rules.processes,
                                    rules.sources, errors);
  return errors.empty() ? static_cast<int>(roster.people.size()) : -1;
}

/// The messages of loading `file` for `year`, in Swedish.
std::vector<std::string> messages(const std::string& file, int year) {
  return test::messages_sv(dsl::load_rules({file}, year).diagnostics);
}

}  // namespace

TEST_CASE("a school's läsårsdata (JENSEN Bro Mälarstrand 2026/27): terms, lov, study days",
          "[public]") {
  auto rules = dsl::load_rules({kJensen}, 2026);
  REQUIRE(rules.ok());
  CHECK(rules.warnings.empty());  // every event is on a school day, the lovdag says FLYTTA aldrig
  const auto& p = rules.processes.at(0);
  // Läsår 2026/27, term-relative: the kalender's ht 2026 and vt 2027.
  CHECK(days(p, "lasarsstart", 2026) == Days{"2026-08-18"});        // a Tuesday
  CHECK(days(p, "ht_sista_dag", 2026) == Days{"2026-12-18"});       // a Friday
  CHECK(days(p, "vt_forsta_dag", 2026) == Days{"2027-01-11"});      // a Monday
  CHECK(days(p, "terminsavslutning", 2026) == Days{"2027-06-11"});  // a Friday
  // Dated events on their day; the spring study day of 2026 belongs to läsår 2025/26.
  CHECK(days(p, "studiedag_ht", 2026) == Days{"2026-12-02"});
  CHECK(days(p, "academydag", 2026) == Days{"2027-03-15"});
  CHECK(days(p, "studiedag_vt", 2026).empty());
  // Holiday-anchored: Easter 2027 is 28 March, Kristi himmelsfärd 6 May, the lovdag the 7th
  // (a lov itself, and it stays there).
  CHECK(days(p, "lovdag_himmelsfard", 2026) == Days{"2027-05-07"});
  // The lov are closed days: a deadline on one moves to the working day before.
  CHECK(p.calendar.closed(dsl::Date(std::chrono::year(2026) / 10 / 28))->name == "höstlov");
  // Påsklov 30 March - 2 April 2027, after annandag påsk (29 March), påskdagen and
  // långfredagen (26 March): a deadline on 1 April moves to Thursday 25 March.
  CHECK(p.calendar.shift(dsl::Date(std::chrono::year(2027) / 4 / 1), dsl::Shift::before) ==
        dsl::Date(std::chrono::year(2027) / 3 / 25));
  // The kalender has no ht 2025 and no terms for 2027/28: an error naming the year.
  CHECK(messages(kJensen, 2025) ==
        std::vector<std::string>{"kalendern anger ingen ht för 2025: skriv 'termin ht 2025 "
                                 "ÅÅÅÅ-MM-DD - ÅÅÅÅ-MM-DD' under kalender",
                                 "kalendern anger ingen ht för 2025: skriv 'termin ht 2025 "
                                 "ÅÅÅÅ-MM-DD - ÅÅÅÅ-MM-DD' under kalender"});
  auto y2027 = messages(kJensen, 2027);
  CHECK(y2027.size() == 4);  // ht 2027 twice (start, last day), vt 2028 twice
  CHECK(std::count(y2027.begin(), y2027.end(),
                   "kalendern anger ingen vt för 2028: skriv 'termin vt 2028 ÅÅÅÅ-MM-DD - "
                   "ÅÅÅÅ-MM-DD' under kalender") == 2);
  CHECK(roster_size("jensen_bro_roster.csv", rules) == 2);  // and no errors
}

TEST_CASE("a budget process from November (Karlstad): the November cycle", "[public]") {
  for (int year : {2026, 2027}) {
    auto rules = dsl::load_rules({kKarlstad}, year);
    REQUIRE(rules.ok());
    CHECK(rules.warnings.empty());
  }
  auto rules = dsl::load_rules({kKarlstad}, 2026);
  const auto& p = rules.processes.at(0);
  // Cycle 2026: 1 November 2026 - 31 October 2027.
  CHECK(days(p, "forutsattningar", 2026) == Days{"2026-11-30"});
  CHECK(days(p, "utkast_ramar", 2026) == Days{"2026-12-30"});  // 31 Dec is nyårsafton
  CHECK(days(p, "anvisningar", 2026) == Days{"2027-01-29"});   // 31 Jan 2027 is a Sunday
  CHECK(days(p, "budgetskrivelser", 2026) == Days{"2027-04-30"});
  CHECK(days(p, "kommunledningsutskottet", 2026) == Days{"2027-05-31"});
  CHECK(days(p, "kommunfullmaktige", 2026) == Days{"2027-06-30"});
  CHECK(days(p, "internbudget", 2026) == Days{"2027-10-29"});  // 31 Oct 2027 is a Sunday
  std::vector<dsl::Diagnostic> ignored;
  auto internbudget = dsl::windows(p, p.steps[*p.find_step("internbudget")], 2026, ignored);
  CHECK(dsl::iso(internbudget.at(0).start) == "2027-09-01");
  // Cycle 2027: 1 November 2027 - 31 October 2028.
  CHECK(days(p, "forutsattningar", 2027) == Days{"2027-11-30"});
  CHECK(days(p, "utkast_ramar", 2027) == Days{"2027-12-30"});
  CHECK(days(p, "anvisningar", 2027) == Days{"2028-01-31"});        // a Monday
  CHECK(days(p, "kommunfullmaktige", 2027) == Days{"2028-06-30"});  // a Friday
  CHECK(dsl::cycle_name(p.cycle, dsl::Lang::sv) == "cykel från november");
  CHECK(roster_size("karlstad_budget_roster.csv", rules) == 5);  // and no errors
}

TEST_CASE("a school's national tests (Fredsbergsskola 2022/23): weekdays of a week, a lov",
          "[public]") {
  auto rules = clean_rules("fredsbergsskola_2022.arshjul", 2022);
  const auto& p = rules.processes.at(0);
  CHECK(days(p, "ht_start", 2022) == Days{"2022-08-22"});
  CHECK(days(p, "vt_slut", 2022) == Days{"2023-06-15"});
  // Skolverket's days as the source writes them, "v.11 tis 14 mars 2023": week 11 of 2023
  // runs from Monday 13 March.
  CHECK(days(p, "np6_svenska", 2022) == Days{"2023-03-14", "2023-03-16"});
  CHECK(days(p, "np6_engelska", 2022) == Days{"2023-03-28", "2023-03-30"});
  CHECK(days(p, "np6_matematik", 2022) == Days{"2023-04-25", "2023-04-27"});
  std::vector<dsl::Diagnostic> ignored;
  auto oral = dsl::windows(p, p.steps[*p.find_step("np6_muntliga")], 2022, ignored);
  CHECK(test::spans_text(oral) == Days{"2022-11-07..2022-12-09"});  // "7 nov – 9 dec 2022"
  // The year-3 test period ends on 17 May 2023, a lovdag: due the day before.
  CHECK(days(p, "np3", 2022) == Days{"2023-05-16"});
  // The kalender has no terms for 2026, but the file says `gäller 2022`: no error.
  CHECK(messages(ARSHJUL_SOURCE_DIR "/tests/public/fredsbergsskola_2022.arshjul", 2026).empty());
  CHECK(roster_size("fredsbergsskola_roster.csv", rules) == 2);  // and no errors
}

TEST_CASE("a council's meetings (Svalöv 2021-2022): the notice a week before each meeting",
          "[public]") {
  auto rules = clean_rules("svalov_kf_2022.arshjul", 2022);
  const auto& p = rules.processes.at(0);
  CHECK(days(p, "sammanträde", 2022).size() == 12);  // with the election on 17 October
  CHECK(days(p, "sammanträde", 2022).front() == "2022-01-31 18:30");
  // One notice per meeting, a week before it; 18 April 2022 is annandag påsk and
  // 15 April långfredagen: that notice is due Thursday 14 April.
  CHECK(days(p, "kallelse", 2022) == Days{"2022-01-24", "2022-02-21", "2022-03-21", "2022-04-14",
                                          "2022-05-23", "2022-06-13", "2022-08-22", "2022-09-19",
                                          "2022-10-10", "2022-10-24", "2022-11-21", "2022-12-12"});
  CHECK(days(p, "kallelse", 2021).size() == 11);
  CHECK(days(p, "kallelse", 2021).front() == "2021-01-18");
  // The source's years only: no meetings, and so no notices, in 2026 or 2027 (no error).
  for (int year : {2026, 2027}) {
    CHECK(dsl::load_rules({ARSHJUL_SOURCE_DIR "/tests/public/svalov_kf_2022.arshjul"}, year).ok());
    CHECK(days(p, "kallelse", year).empty());
  }
  CHECK(roster_size("svalov_kf_roster.csv", rules) == 2);  // and no errors
}
