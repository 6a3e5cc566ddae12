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
  // The wheel of cycle 2026 starts at November 2026 and ends with October 2027.
  test::TempDir dir("public-wheel");
  auto wheel =
      test::run_arshjul(dir.path(), {"wheel", kKarlstad, "--year", "2026"}, dir.path() / "wheel");
  REQUIRE(wheel.exit_code == 0);
  std::vector<std::string> months;
  for (auto at = wheel.out.find("data-month=\""); at != std::string::npos;
       at = wheel.out.find("data-month=\"", at + 1)) {
    auto value = wheel.out.substr(at + 12, wheel.out.find('"', at + 12) - at - 12);
    if (months.empty() || months.back() != value) months.push_back(value);
  }
  CHECK(months == Days{"11", "12", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10"});
  CHECK(test::contains(wheel.out, "cykel från november 2026/27"));
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

TEST_CASE(
    "a school's läsårsdata with national tests (GKC gymnasieskolan 2025/26): tests in 2026, "
    "APL every Thursday and Friday around the lov",
    "[public]") {
  const std::string file = ARSHJUL_SOURCE_DIR "/tests/public/gkc_gy_2025.arshjul";
  auto rules = dsl::load_rules({file}, 2025);
  REQUIRE(rules.ok());
  const auto& p = rules.processes.at(0);
  // Term-relative and holiday-anchored: easter 2026 is 5 April, Kristi himmelsfärd 14 May.
  CHECK(days(p, "ht_start", 2025) == Days{"2025-08-14"});  // a Thursday
  CHECK(days(p, "vt_slut", 2025) == Days{"2026-06-10"});   // a Wednesday
  CHECK(days(p, "lovdag_himmelsfard", 2025) == Days{"2026-05-15"});
  CHECK(days(p, "foraldramote", 2025) == Days{"2025-09-02 17:0"});
  // Skolverket's days for 2025/26 as the school lists them, all on their day in 2026
  // (Ma 4 in December 2025).
  CHECK(days(p, "np_sv1", 2025) == Days{"2026-04-20", "2026-04-24"});  // Monday, Friday
  CHECK(days(p, "np_sv3", 2025) == Days{"2026-04-15"});
  CHECK(days(p, "np_en6", 2025) == Days{"2026-04-21", "2026-04-23"});
  CHECK(days(p, "np_en1", 2025) == Days{"2026-04-27", "2026-04-29"});
  CHECK(days(p, "np_ma3", 2025) == Days{"2026-05-18"});
  CHECK(days(p, "np_ma2", 2025) == Days{"2026-05-19"});
  CHECK(days(p, "np_ma1", 2025) == Days{"2026-05-20"});
  CHECK(days(p, "np_ma4", 2025) == Days{"2025-12-17"});
  // "från v 11": Monday of ISO week 11 of 2026 to the last day of the spring term.
  std::vector<dsl::Diagnostic> ignored;
  auto oral = dsl::windows(p, p.steps[*p.find_step("np_muntliga")], 2025, ignored);
  CHECK(test::spans_text(oral) == Days{"2026-03-09..2026-06-10"});
  CHECK(days(p, "friluftsdagar", 2025) == Days{"2025-12-19", "2026-02-05", "2026-06-09"});
  // APL Thursday and Friday, weeks 35-23: 2 + 39 + 39 + 2 days. Around the höstlov (week 44,
  // 27 October - 2 November 2025) they stay on their days, the two in it included.
  auto apl = days(p, "apl_bf24", 2025);
  REQUIRE(apl.size() == 82);
  CHECK(Days(apl.begin(), apl.begin() + 2) == Days{"2025-08-28", "2025-08-29"});
  auto lov = std::find(apl.begin(), apl.end(), "2025-10-23");
  REQUIRE(std::distance(lov, apl.end()) >= 6);
  CHECK(Days(lov, lov + 6) ==
        Days{"2025-10-23", "2025-10-24", "2025-10-30", "2025-10-31", "2025-11-06", "2025-11-07"});
  // Around the sportlov 2026 (week 7, 9-13 February) and the påsklov (6-10 April, after
  // långfredagen 3 April) likewise.
  auto sportlov = std::find(apl.begin(), apl.end(), "2026-02-05");
  REQUIRE(std::distance(sportlov, apl.end()) >= 6);
  CHECK(Days(sportlov, sportlov + 6) ==
        Days{"2026-02-05", "2026-02-06", "2026-02-12", "2026-02-13", "2026-02-19", "2026-02-20"});
  auto easter = std::find(apl.begin(), apl.end(), "2026-04-02");
  REQUIRE(std::distance(easter, apl.end()) >= 6);
  CHECK(Days(easter, easter + 6) ==
        Days{"2026-04-02", "2026-04-03", "2026-04-09", "2026-04-10", "2026-04-16", "2026-04-17"});
  CHECK(Days(apl.end() - 2, apl.end()) == Days{"2026-06-04", "2026-06-05"});
  // Each APL day on a lov or a holiday is warned about: the studiedag 18 September, the two
  // höstlov days, juldagen, annandag jul, nyårsdagen, two sportlov days, långfredagen, two
  // påsklov days, första maj, Kristi himmelsfärd and the day after.
  CHECK(rules.warnings.size() == 14);
  CHECK(std::count_if(rules.warnings.begin(), rules.warnings.end(), [](const auto& w) {
          return test::messages_sv({w}).at(0).find("2025-10-30, en stängd dag (höstlov)") !=
                 std::string::npos;
        }) == 1);
  // `gäller 2025`: no terms, no warnings and no errors for 2026/27 (the school has not
  // published them; Skolverket's 2026/27 days were not found either).
  CHECK(messages(file, 2026).empty());
  CHECK(dsl::load_rules({file}, 2026).warnings.empty());
  CHECK(roster_size("gkc_gy_roster.csv", rules) == 2);  // and no errors
}

TEST_CASE(
    "a council's meetings by their rule (Kungsbacka): the second Tuesday, and what is due "
    "before and after each meeting, in 2026 and 2027",
    "[public]") {
  auto rules = clean_rules("kungsbacka_kf.arshjul", 2026);
  clean_rules("kungsbacka_kf.arshjul", 2027);
  const auto& p = rules.processes.at(0);
  // The second Tuesday of every month but January and July, at 18; the agenda a week before
  // each meeting, the papers the Thursday before, the minutes a week after. The Thursday
  // before 11 May 2027 is Kristi himmelsfärdsdag (6 May): those papers are due the day before.
  // Per meeting, by hand: the meeting, the agenda, the papers, the minutes.
  const Days by_hand = {
      "2026-02-10 2026-02-03 2026-02-05 2026-02-17", "2026-03-10 2026-03-03 2026-03-05 2026-03-17",
      "2026-04-14 2026-04-07 2026-04-09 2026-04-21", "2026-05-12 2026-05-05 2026-05-07 2026-05-19",
      "2026-06-09 2026-06-02 2026-06-04 2026-06-16", "2026-08-11 2026-08-04 2026-08-06 2026-08-18",
      "2026-09-08 2026-09-01 2026-09-03 2026-09-15", "2026-10-13 2026-10-06 2026-10-08 2026-10-20",
      "2026-11-10 2026-11-03 2026-11-05 2026-11-17", "2026-12-08 2026-12-01 2026-12-03 2026-12-15",
      "2027-02-09 2027-02-02 2027-02-04 2027-02-16", "2027-03-09 2027-03-02 2027-03-04 2027-03-16",
      "2027-04-13 2027-04-06 2027-04-08 2027-04-20", "2027-05-11 2027-05-04 2027-05-05 2027-05-18",
      "2027-06-08 2027-06-01 2027-06-03 2027-06-15", "2027-08-10 2027-08-03 2027-08-05 2027-08-17",
      "2027-09-14 2027-09-07 2027-09-09 2027-09-21", "2027-10-12 2027-10-05 2027-10-07 2027-10-19",
      "2027-11-09 2027-11-02 2027-11-04 2027-11-16", "2027-12-14 2027-12-07 2027-12-09 2027-12-21"};
  const std::vector<std::string> steps = {"sammanträde", "dagordning", "handlingar", "protokoll"};
  for (int year : {2026, 2027}) {
    for (std::size_t column = 0; column < steps.size(); ++column) {
      Days expected;
      for (const auto& row : by_hand)
        if (row.rfind(std::to_string(year), 0) == 0)
          expected.push_back(row.substr(column * 11, 10) + (column == 0 ? " 18:0" : ""));
      INFO(steps[column] << " " << year);
      CHECK(days(p, steps[column], year) == expected);
    }
  }
  // The source's own year followed the rule "vanligtvis": its 5 February 2019 was the first
  // Tuesday; the rule gives the second (the header says so).
  CHECK(days(p, "sammanträde", 2019).front() == "2019-02-12 18:0");
  CHECK(roster_size("kungsbacka_kf_roster.csv", rules) == 2);  // and no errors
}

namespace {

/// "DTSTART DTEND" of each timed event, one a line, in the ICS that `arshjul calendar` writes
/// for tests/public/`file` in `year`, as Debian's python3-icalendar reads it.
std::string timed_events(const std::string& file, int year) {
  test::TempDir dir("public-ics");
  auto ics = dir.path() / "kf.ics";
  auto run = test::run_arshjul(dir.path(),
                               {"calendar", ARSHJUL_SOURCE_DIR "/tests/public/" + file, "--year",
                                std::to_string(year), "-o", ics.string()},
                               dir.path() / "calendar");
  REQUIRE(run.exit_code == 0);
  auto py = dir.write("parse.py",
                      "import sys, icalendar\n"
                      "cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())\n"
                      "for e in cal.walk('VEVENT'):\n"
                      "    s = e.decoded('DTSTART')\n"
                      "    if hasattr(s, 'hour'):\n"
                      "        print(s.isoformat(), e.decoded('DTEND').isoformat())\n");
  auto out = test::run_command("/usr/bin/python3 " + py.string() + " " + ics.string(),
                               dir.path() / "python");
  REQUIRE(out.exit_code == 0);
  return out.out;
}

}  // namespace

TEST_CASE(
    "a school's and its preschool's läsårsdata (Bromma Enskilda 2025/26 and 2026/27): terms, "
    "lov, study and closing days, national tests in 2026, holiday-anchored closing times",
    "[public]") {
  const std::string file = "bromma_enskilda_2026.arshjul";
  auto y2025 = clean_rules(file, 2025);  // every event on a lov says FLYTTA aldrig
  auto y2026 = clean_rules(file, 2026);
  CHECK(roster_size("bromma_enskilda_roster.csv", y2025) == 3);  // and no errors
  const auto& p = y2026.processes.at(0);
  // Term-relative, läsår 2025/26: the school starts Monday 18 August 2025, so the planning
  // day, "fredagen före terminsstart ht", is Friday 15 August (stängt, and it stays there).
  CHECK(days(p, "skolstart", 2025) == Days{"2025-08-18"});
  CHECK(days(p, "planering", 2025) == Days{"2025-08-15"});
  CHECK(days(p, "ht_slut", 2025) == Days{"2025-12-19"});
  CHECK(days(p, "vt_start", 2025) == Days{"2026-01-07"});  // a Wednesday
  CHECK(days(p, "vt_slut", 2025) == Days{"2026-06-09"});   // a Tuesday
  // Läsår 2026/27: the school starts Tuesday 18 August 2026; the Friday before is 14 August.
  CHECK(days(p, "skolstart", 2026) == Days{"2026-08-18"});
  CHECK(days(p, "planering", 2026) == Days{"2026-08-14"});
  CHECK(days(p, "ht_slut", 2026) == Days{"2026-12-18"});
  CHECK(days(p, "vt_start", 2026) == Days{"2027-01-11"});
  CHECK(days(p, "vt_slut", 2026) == Days{"2027-06-11"});
  // Holiday-anchored, worked out by hand. Alla helgons dag is the Saturday from 31 October to
  // 6 November: 1 November 2025 and 31 October 2026; the day before is Friday 31 October 2025
  // and Friday 30 October 2026, both in the höstlov (week 44: 27 October - 2 November 2025,
  // 26 October - 1 November 2026), where the preschool is open: the event stays, at 15.
  CHECK(days(p, "stanger_alla_helgon", 2025) == Days{"2025-10-31 15:0"});
  CHECK(days(p, "stanger_alla_helgon", 2026) == Days{"2026-10-30 15:0"});
  // Easter Sunday is 5 April 2026 and 28 March 2027: långfredagen 3 April and 26 March, the
  // day before it Thursday 2 April 2026 and Thursday 25 March 2027, as the source says.
  CHECK(days(p, "stanger_skartorsdag", 2025) == Days{"2026-04-02 15:0"});
  CHECK(days(p, "stanger_skartorsdag", 2026) == Days{"2027-03-25 15:0"});
  // Kristi himmelsfärdsdag is Easter + 39 days: Thursday 14 May 2026, Thursday 6 May 2027;
  // the klämdag after it is Friday 15 May 2026 and Friday 7 May 2027 (a lov: it stays).
  CHECK(days(p, "klamdag", 2025) == Days{"2026-05-15"});
  CHECK(days(p, "klamdag", 2026) == Days{"2027-05-07"});
  // Events on their dates, at 15, in the läsår that contains them.
  CHECK(days(p, "stanger_valborg", 2025).empty());
  CHECK(days(p, "stanger_valborg", 2026) == Days{"2027-04-30 15:0"});
  CHECK(days(p, "konferenser_ht", 2025) ==
        Days{"2025-09-02 15:0", "2025-10-08 15:0", "2025-11-13 15:0"});
  CHECK(days(p, "konferenser_ht", 2026) ==
        Days{"2026-09-08 15:0", "2026-10-14 15:0", "2026-11-19 15:0"});
  CHECK(days(p, "konferenser_vt", 2026) ==
        Days{"2027-02-02 15:0", "2027-03-10 15:0", "2027-04-22 15:0"});
  // National tests, spring 2026 (the source gives none for 2026/27): year 6 on two days in
  // each of weeks 13, 16 and 19: 25 and 27 March (Wednesday, Friday), 14 and 16 April
  // (Tuesday, Thursday), 6 and 8 May (Wednesday, Friday), none on a lov.
  CHECK(days(p, "np_ak6", 2025) ==
        Days{"2026-03-25", "2026-03-27", "2026-04-14", "2026-04-16", "2026-05-06", "2026-05-08"});
  CHECK(days(p, "np_ak6", 2026).empty());
  std::vector<dsl::Diagnostic> ignored;
  auto ak3 = dsl::windows(p, p.steps[*p.find_step("np_ak3")], 2025, ignored);
  CHECK(test::spans_text(ak3) == Days{"2026-03-09..2026-05-15"});  // "9/3 – 15/5 (v. 11–20)"
  // The lov are closed: week 44 of 2026, week 9 of 2027 (1-7 March), week 13 of 2027 (29
  // March - 4 April). A deadline on Wednesday 31 March 2027 moves back past the påsklov,
  // påskdagen, påskafton and långfredagen (26 March) to Thursday 25 March.
  using std::chrono::year;
  CHECK(p.calendar.closed(dsl::Date(year(2026) / 10 / 28))->name == "höstlov");
  CHECK(p.calendar.closed(dsl::Date(year(2027) / 3 / 3))->name == "sportlov");
  CHECK(p.calendar.closed(dsl::Date(year(2027) / 3 / 31))->name == "påsklov");
  CHECK(p.calendar.shift(dsl::Date(year(2027) / 3 / 31), dsl::Shift::before) ==
        dsl::Date(year(2027) / 3 / 25));
  // The preschool's summer closing, weeks 28-31 of 2026: 6 July - 2 August.
  CHECK(p.calendar.closed(dsl::Date(year(2026) / 7 / 6)));
  CHECK(p.calendar.closed(dsl::Date(year(2026) / 8 / 2)));
  CHECK_FALSE(p.calendar.closed(dsl::Date(year(2026) / 8 / 3)));
  // `gäller 2025-2026`: no terms are needed for 2027/28 (the school has not published them).
  CHECK(messages(ARSHJUL_SOURCE_DIR "/tests/public/" + file, 2027).empty());
}

TEST_CASE(
    "a council's published meeting dates (Sala 2026): the notice a week before each meeting, "
    "decisions on their meeting",
    "[public]") {
  auto rules = clean_rules("sala_kf_2026.arshjul", 2026);
  const auto& p = rules.processes.at(0);
  // The source's eleven Mondays at 18.00, and the notice a week (seven days) before each,
  // worked out by hand: no notice falls on a holiday (annandag påsk is 6 April, Kristi
  // himmelsfärd 14 May, nationaldagen a Saturday).
  const Days meetings = {"2026-01-26", "2026-02-23", "2026-03-23", "2026-04-27",
                         "2026-05-25", "2026-06-15", "2026-08-31", "2026-09-28",
                         "2026-10-26", "2026-11-30", "2026-12-14"};
  const Days notices = {"2026-01-19", "2026-02-16", "2026-03-16", "2026-04-20",
                        "2026-05-18", "2026-06-08", "2026-08-24", "2026-09-21",
                        "2026-10-19", "2026-11-23", "2026-12-07"};
  Days at_18;
  for (const auto& day : meetings) at_18.push_back(day + " 18:0");
  CHECK(days(p, "sammanträde", 2026) == at_18);
  CHECK(days(p, "kungörelse", 2026) == notices);
  CHECK(days(p, "bokslutsbeslut", 2026) == Days{"2026-04-27"});
  CHECK(days(p, "delårsrapport", 2026) == Days{"2026-10-26"});
  CHECK(days(p, "budgetbeslut", 2026) == Days{"2026-11-30"});
  // `gäller 2026`: the plan for 2027 is not published; no meetings and no error for 2027.
  CHECK(messages(ARSHJUL_SOURCE_DIR "/tests/public/sala_kf_2026.arshjul", 2027).empty());
  CHECK(days(p, "kungörelse", 2027).empty());
  CHECK(roster_size("sala_kf_roster.csv", rules) == 2);  // and no errors
}

TEST_CASE("the councils' meetings at 18 are timed events in Swedish local time, winter and summer",
          "[public][icalendar]") {
  struct Expected {
    std::string file;
    long meetings;
    std::vector<std::string> lines;
  };
  // Each meeting lasts an hour from 18:00 local time: UTC+1 until 29 March 2026, UTC+2 from
  // then until 25 October. Kungsbacka's ten by its rule (February, June, December); Sala's
  // eleven published ones, the one on Monday 26 October after the change back to UTC+1.
  const std::vector<Expected> expected = {
      {"kungsbacka_kf.arshjul",
       10,
       {"2026-02-10T18:00:00+01:00 2026-02-10T19:00:00+01:00",
        "2026-06-09T18:00:00+02:00 2026-06-09T19:00:00+02:00",
        "2026-12-08T18:00:00+01:00 2026-12-08T19:00:00+01:00"}},
      {"sala_kf_2026.arshjul",
       11,
       {"2026-03-23T18:00:00+01:00 2026-03-23T19:00:00+01:00",
        "2026-04-27T18:00:00+02:00 2026-04-27T19:00:00+02:00",
        "2026-09-28T18:00:00+02:00 2026-09-28T19:00:00+02:00",
        "2026-10-26T18:00:00+01:00 2026-10-26T19:00:00+01:00"}}};
  for (const auto& e : expected) {
    INFO(e.file);
    auto out = timed_events(e.file, 2026);
    CHECK(std::count(out.begin(), out.end(), '\n') == e.meetings);
    for (const auto& line : e.lines) CHECK(test::contains(out, line));
  }
}
