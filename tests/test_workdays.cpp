// Working days: Swedish holidays against the official list, closed periods, moved deadlines
// and reminder days.
#include <catch2/catch.hpp>
#include <sstream>

#include "dsl/loader.hpp"
#include "dsl/workdays.hpp"
#include "engine/records.hpp"
#include "tests/admin.hpp"
#include "tests/helpers.hpp"

using namespace arshjul;
using dsl::WorkCalendar;

namespace {

using arshjul::test::day;  // tests/admin.hpp

std::vector<std::string> official(int year) {
  std::vector<std::string> out;
  for (const auto& h : dsl::swedish_holidays(year))
    if (h.official) out.push_back(dsl::iso(h.date) + " " + h.name);
  return out;
}

std::vector<dsl::Window> step_windows(const std::string& rules, int year) {
  std::vector<dsl::Diagnostic> errors;
  auto p = test::compile_text(rules, year, errors);
  INFO((errors.empty() ? "" : dsl::render(errors[0].msg, errors[0].args, dsl::Lang::sv)));
  REQUIRE(errors.empty());
  return dsl::windows(*p, p->steps[0], year, errors);
}

}  // namespace

TEST_CASE("Swedish public holidays 2024-2030 are the official ones") {
  // Allmänna helgdagar (lagen 1989:253) as published for each year.
  // One line a year: the year, then the month-day of each official holiday in date order.
  const std::string kOfficial = R"(
2024 01-01 01-06 03-29 03-31 04-01 05-01 05-09 05-19 06-06 06-22 11-02 12-25 12-26
2025 01-01 01-06 04-18 04-20 04-21 05-01 05-29 06-06 06-08 06-21 11-01 12-25 12-26
2026 01-01 01-06 04-03 04-05 04-06 05-01 05-14 05-24 06-06 06-20 10-31 12-25 12-26
2027 01-01 01-06 03-26 03-28 03-29 05-01 05-06 05-16 06-06 06-26 11-06 12-25 12-26
2028 01-01 01-06 04-14 04-16 04-17 05-01 05-25 06-04 06-06 06-24 11-04 12-25 12-26
2029 01-01 01-06 03-30 04-01 04-02 05-01 05-10 05-20 06-06 06-23 11-03 12-25 12-26
2030 01-01 01-06 04-19 04-21 04-22 05-01 05-30 06-06 06-09 06-22 11-02 12-25 12-26
)";
  std::istringstream lines(kOfficial);
  int years_checked = 0;
  for (std::string line; std::getline(lines, line);) {
    if (line.empty()) continue;
    std::istringstream words(line);
    std::string year_text, month_day;
    words >> year_text;
    std::vector<std::string> dates;
    while (words >> month_day) dates.push_back(year_text + "-" + month_day);
    const int year = std::stoi(year_text);
    ++years_checked;
    std::vector<std::string> got;
    for (const auto& h : official(year)) got.push_back(h.substr(0, 10));
    std::sort(got.begin(), got.end());
    INFO(year);
    CHECK(got == dates);
  }
  CHECK(years_checked == 7);
  const std::map<int, std::string> kMidsummerEve{
      {2024, "2024-06-21"}, {2025, "2025-06-20"}, {2026, "2026-06-19"}, {2027, "2027-06-25"},
      {2028, "2028-06-23"}, {2029, "2029-06-22"}, {2030, "2030-06-21"}};
  WorkCalendar cal;
  for (const auto& [year, eve] : kMidsummerEve) {
    auto closed = cal.closed(day(eve.c_str()));
    REQUIRE(closed);
    CHECK(closed->name == "Midsommarafton");
    CHECK_FALSE(cal.is_working_day(day((std::to_string(year) + "-12-24").c_str())));
    CHECK_FALSE(cal.is_working_day(day((std::to_string(year) + "-12-31").c_str())));
  }
}

TEST_CASE("working days skip weekends and holidays") {
  WorkCalendar cal;
  CHECK(cal.is_working_day(day("2026-05-29")));        // Friday
  CHECK_FALSE(cal.is_working_day(day("2026-05-30")));  // Saturday
  CHECK_FALSE(cal.is_working_day(day("2026-05-14")));  // Kristi himmelsfärdsdag
  CHECK(cal.working_day_on_or_before(day("2026-05-31")) == day("2026-05-29"));
  CHECK(cal.working_day_on_or_after(day("2026-05-31")) == day("2026-06-01"));
  // Easter 2026: långfredag to annandag påsk
  CHECK(cal.working_day_on_or_after(day("2026-04-03")) == day("2026-04-07"));
}

TEST_CASE("a deadline on Sunday 31 May 2026 moves to Friday 29 May, and show says why") {
  auto w = step_windows("process p\nroll R\nsteg s\n  NÄR 31 maj\n  VEM R\n  VAD x\n", 2026);
  REQUIRE(w.size() == 1);
  CHECK(w[0].deadline == day("2026-05-29"));
  CHECK(w[0].moved_from == day("2026-05-31"));
  CHECK(w[0].moved_because->kind == dsl::ClosedReason::Kind::weekend);
  // FLYTTA efter moves it to Monday, FLYTTA aldrig leaves it.
  CHECK(step_windows("process p\nroll R\nsteg s\n  NÄR 31 maj\n  FLYTTA efter\n  VEM R\n  VAD x\n",
                     2026)[0]
            .deadline == day("2026-06-01"));
  CHECK(step_windows("process p\n  FLYTTA aldrig\nroll R\nsteg s\n  NÄR maj\n  VEM R\n  VAD x\n",
                     2026)[0]
            .deadline == day("2026-05-31"));
}

TEST_CASE("a July deadline with a declared summer break moves before it (or after it)") {
  const std::string rules =
      "process p\n  stängt 1 juli - 31 juli   # sommaruppehåll\n"
      "roll R\nsteg s\n  NÄR juni-juli\n  VEM R\n  VAD x\n";
  auto w = step_windows(rules, 2026);
  REQUIRE(w.size() == 1);
  CHECK(w[0].deadline == day("2026-06-30"));
  CHECK(w[0].moved_because->kind == dsl::ClosedReason::Kind::closed);
  auto after = step_windows(rules + "  FLYTTA efter\n", 2026);
  CHECK(after[0].deadline == day("2026-08-03"));  // Monday after the break
}

TEST_CASE("a calendar block in an included file closes days for the process") {
  test::TempDir dir("calendar");
  dir.write("kalender.arshjul",
            "kalender\n  stängt 2026-10-12   # studiedag\n  stängt 20 december - 6 januari\n");
  auto main = dir.write("p.arshjul",
                        "process p\ninkludera \"kalender.arshjul\"\nroll R\n"
                        "steg s\n  NÄR 12 oktober\n  VEM R\n  VAD x\n"
                        "steg t\n  NÄR december\n  VEM R\n  VAD y\n");
  auto rules = dsl::load_rules({main}, 2026);
  REQUIRE(rules.ok());
  const auto& p = rules.processes[0];
  std::vector<dsl::Diagnostic> errors;
  CHECK(dsl::windows(p, p.steps[0], 2026, errors)[0].deadline == day("2026-10-09"));
  CHECK(dsl::windows(p, p.steps[1], 2026, errors)[0].deadline == day("2026-12-18"));
  CHECK_FALSE(p.calendar.is_working_day(day("2027-01-05")));  // the break runs over the new year
  CHECK(p.calendar.is_working_day(day("2027-01-07")));
}

TEST_CASE("reminders never fall on a closed day") {
  WorkCalendar cal;
  // Deadline 2026-06-26 (Friday), 7 days' lead: due on Midsommarafton 19 June -> sent the 18th.
  CHECK(cal.reminder_day(day("2026-06-26"), 7) == day("2026-06-18"));
  WorkCalendar summer({{7, 1, 7, 31, std::nullopt, {}}});
  // 28 days before 2026-08-14 is 17 July, inside the summer break: sent the first working day
  // after.
  CHECK(summer.reminder_day(day("2026-08-14"), 28) == day("2026-08-03"));
}

TEST_CASE("ISO week numbers across 2026/2027 agree with ISO 8601") {
  CHECK(
      step_windows("process p\n  FLYTTA aldrig\nroll R\nsteg s\n  NÄR vecka 53\n  VEM R\n  VAD x\n",
                   2026)[0]
          .start == day("2026-12-28"));
  auto w1 = step_windows(
      "process p\n  FLYTTA aldrig\nroll R\nsteg s\n  NÄR vecka 1\n  VEM R\n  VAD x\n", 2027);
  CHECK(w1[0].start == day("2027-01-04"));
  CHECK(w1[0].deadline == day("2027-01-10"));
  std::vector<dsl::Diagnostic> errors;
  test::compile_text("process p\nroll R\nsteg s\n  NÄR vecka 53\n  VEM R\n  VAD x\n", 2027, errors);
  CHECK(errors.size() == 1);  // 2027 has 52 weeks
}

TEST_CASE("calendar syntax errors are located") {
  std::vector<dsl::Diagnostic> errors;
  test::compile_text(
      "process p\n  stängt 31 juni\n  FLYTTA sen\nroll R\nsteg s\n  NÄR maj\n  stängt 1 maj\n  VEM "
      "R\n  VAD x\n",
      2026, errors);
  REQUIRE(errors.size() == 3);
  CHECK(errors[0].msg == dsl::Msg::day_not_in_month);
  CHECK(errors[1].msg == dsl::Msg::expected_shift);
  CHECK(errors[2].msg == dsl::Msg::field_outside_block);
}
