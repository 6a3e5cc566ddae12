// Terms, lov and days counted from a term, a holiday or another step (issue 14, item 3):
// every form against dates worked out by hand from a calendar.
#include <catch2/catch.hpp>
#include <utility>
#include <vector>

#include "dsl/schedule.hpp"
#include "tests/helpers.hpp"

using namespace arshjul::dsl;
using arshjul::test::compile_text;

namespace {

// Läsår 2026/27 and the autumn of 2027, as a municipality decides them.
const char* const kCalendar =
    "kalender\n"
    "  termin ht 2026 2026-08-17 - 2026-12-22\n"
    "  termin vt 2027 2027-01-11 - 2027-06-11\n"
    "  termin ht 2027 2027-08-16 - 2027-12-21\n"
    "  lov höstlov 2026 vecka 44\n"
    "  lov jullov 2026-12-23 - 2027-01-08\n"
    "  lov 2027-05-07\n";

/// A process (läsår or kalenderår) with the calendar above, a weekly meeting and one step
/// whose NÄR is `when`.
std::string rules(const std::string& when, bool school_year) {
  return std::string("process p \"P\"\n  cykel ") + (school_year ? "läsår" : "kalenderår") + "\n" +
         kCalendar +
         "roll R\n"
         "steg nämndmöte\n  NÄR varje måndag september–oktober\n  VEM R\n  VAD möte\n  TYP möte\n"
         "steg s\n  NÄR " +
         when + "\n  VEM R\n  VAD gör\n";
}

/// The windows of step `s` as "start..deadline" texts; `shifted` applies FLYTTA (the
/// process's: the working day before).
std::vector<std::string> windows_of(const std::string& when, int year, bool school_year = true,
                                    bool shifted = false) {
  std::vector<Diagnostic> errors;
  auto p = compile_text(rules(when, school_year), year, errors);
  INFO(when);
  // the meeting on 26 October 2026 is in the höstlov: a warning, not an error
  std::erase_if(errors, [](const Diagnostic& d) { return d.warning; });
  for (const auto& e : errors) INFO(render(e.msg, e.args, Lang::sv));
  REQUIRE(errors.empty());
  REQUIRE(p);
  const Step& s = p->steps[*p->find_step("s")];
  return arshjul::test::spans_text(shifted ? windows(*p, s, year, errors)
                                           : windows(s, p->cycle, year, errors, &*p));
}

/// The messages (Swedish) of compiling `when` for `year`.
std::vector<std::string> errors_of(const std::string& text, int year) {
  std::vector<Diagnostic> errors;
  (void)compile_text(text, year, errors);
  return arshjul::test::messages_sv(errors);
}

using Windows = std::vector<std::string>;

}  // namespace

TEST_CASE("term forms give the kalender's days for the cycle's terms") {
  // Läsår 2026: ht 2026 (17 Aug - 22 Dec) and vt 2027 (11 Jan - 11 Jun).
  const std::vector<std::pair<const char*, Windows>> cases{
      {"ht", {"2026-08-17..2026-12-22"}},
      {"vt", {"2027-01-11..2027-06-11"}},
      {"höstterminen", {"2026-08-17..2026-12-22"}},
      {"spring term", {"2027-01-11..2027-06-11"}},
      {"terminsstart ht", {"2026-08-17..2026-08-17"}},
      {"terminsslut vt", {"2027-06-11..2027-06-11"}},
      {"terminsstart", {"2026-08-17..2026-08-17", "2027-01-11..2027-01-11"}},
      {"term end", {"2026-12-22..2026-12-22", "2027-06-11..2027-06-11"}},
      {"2 veckor före terminsstart ht", {"2026-08-03..2026-08-03"}},  // a Monday
      {"3 dagar före terminsstart ht", {"2026-08-14..2026-08-14"}},   // a Friday
      {"dagen före terminsslut vt", {"2027-06-10..2027-06-10"}},
      {"1 vecka efter terminsslut", {"2026-12-29..2026-12-29", "2027-06-18..2027-06-18"}},
      {"inför varje termin", {"2026-08-03..2026-08-16", "2026-12-28..2027-01-10"}},
      {"before each term", {"2026-08-03..2026-08-16", "2026-12-28..2027-01-10"}},
      {"terminsstart – 2 veckor efter terminsstart",  // a range pairs up per term
       {"2026-08-17..2026-08-31", "2027-01-11..2027-01-25"}},
  };
  for (const auto& [when, expected] : cases) CHECK(windows_of(when, 2026) == expected);
}

TEST_CASE("a kalenderår takes the vt and the ht of its own year") {
  CHECK(windows_of("terminsstart", 2027, false) ==
        Windows{"2027-01-11..2027-01-11", "2027-08-16..2027-08-16"});
  CHECK(windows_of("ht", 2027, false) == Windows{"2027-08-16..2027-12-21"});
}

TEST_CASE("deadlines counted from a term move off a lov like off a stängt day") {
  // 29 December is in the jullov, 16 August a Sunday, 10 January a Sunday in the jullov.
  CHECK(windows_of("1 vecka efter terminsslut", 2026, true, true) ==
        Windows{"2026-12-22..2026-12-22", "2027-06-18..2027-06-18"});
  CHECK(windows_of("inför varje termin", 2026, true, true) ==
        Windows{"2026-08-03..2026-08-14", "2026-12-22..2026-12-22"});
  // A lovdag: 7 May 2027 (the Friday after Kristi himmelsfärd) moves to Wednesday 5 May.
  CHECK(windows_of("7 maj", 2026, true, true) == Windows{"2027-05-05..2027-05-05"});
}

TEST_CASE("a lov is closed and named in what check says of an event on it") {
  auto text = rules("28 oktober kl 18", true) + "  TYP möte\n";
  CHECK(errors_of(text, 2026) ==
        std::vector<std::string>{
            // the meeting on Monday 26 October, in the höstlov too
            "'nämndmöte' är en händelse som infaller 2026-10-26, en stängd dag (höstlov); skriv "
            "FLYTTA före eller efter för att flytta den, FLYTTA aldrig om dagen är rätt",
            "'s' är en händelse som infaller 2026-10-28, en stängd dag (höstlov); skriv FLYTTA "
            "före eller efter för att flytta den, FLYTTA aldrig om dagen är rätt"});
}

TEST_CASE("a NÄR needing a term the kalender lacks is an error naming the year") {
  CHECK(errors_of(rules("terminsstart", true), 2027) ==
        std::vector<std::string>{"kalendern anger ingen vt för 2028: skriv 'termin vt 2028 "
                                 "ÅÅÅÅ-MM-DD - ÅÅÅÅ-MM-DD' under kalender"});
  CHECK(errors_of(rules("ht", false), 2025) ==
        std::vector<std::string>{"kalendern anger ingen ht för 2025: skriv 'termin ht 2025 "
                                 "ÅÅÅÅ-MM-DD - ÅÅÅÅ-MM-DD' under kalender"});
  // ... but not for a year the process does not apply to (gäller)
  std::string limited = rules("ht", false);
  limited.insert(limited.find("\nkalender"), "\n  gäller 2026");
  CHECK(errors_of(limited, 2025).empty());
}

TEST_CASE("days from a holiday are the holiday of the cycle") {
  struct Case {
    const char* when;
    int year;
    bool school_year;
    Windows expected;
  };
  // Easter 2026 is 5 April, Easter 2027 28 March; första advent 2026 is 29 November.
  const std::vector<Case> cases{
      {"dagen före långfredagen", 2026, false, {"2026-04-02..2026-04-02"}},
      {"dagen före långfredagen", 2026, true, {"2027-03-25..2027-03-25"}},
      {"the day before good friday", 2026, true, {"2027-03-25..2027-03-25"}},
      {"dagen fore langfredagen", 2026, true, {"2027-03-25..2027-03-25"}},
      {"måndagen efter första advent", 2026, true, {"2026-11-30..2026-11-30"}},
      {"mandagen efter forsta advent", 2026, true, {"2026-11-30..2026-11-30"}},
      {"2 dagar efter annandag påsk", 2026, true, {"2027-03-31..2027-03-31"}},
      {"2 days after easter monday", 2026, false, {"2026-04-08..2026-04-08"}},
      {"fredagen före midsommarafton", 2026, false, {"2026-06-12..2026-06-12"}},
      {"midsommarafton", 2027, false, {"2027-06-25..2027-06-25"}},
      {"dagen efter kristi himmelsfärd", 2026, true, {"2027-05-07..2027-05-07"}},
  };
  for (const auto& c : cases) CHECK(windows_of(c.when, c.year, c.school_year) == c.expected);
}

TEST_CASE("weekdays inside an ISO week") {
  CHECK(windows_of("tisdag–torsdag vecka 39", 2026) == Windows{"2026-09-22..2026-09-24"});
  CHECK(windows_of("onsdag v. 12", 2026) == Windows{"2027-03-24..2027-03-24"});  // läsår: 2027
  CHECK(windows_of("tuesday-thursday week 12", 2026, false) == Windows{"2026-03-17..2026-03-19"});
}

TEST_CASE("days from another step: one window per occurrence of that step") {
  // The Mondays of September-October 2026: 7, 14, 21, 28 September, 5, 12, 19, 26 October.
  CHECK(windows_of("7 dagar före nämndmöte", 2026, false) ==
        Windows{"2026-08-31..2026-08-31", "2026-09-07..2026-09-07", "2026-09-14..2026-09-14",
                "2026-09-21..2026-09-21", "2026-09-28..2026-09-28", "2026-10-05..2026-10-05",
                "2026-10-12..2026-10-12", "2026-10-19..2026-10-19"});
  CHECK(windows_of("dagen efter nämndmöte", 2026, false).size() == 8);
  CHECK(windows_of("fredagen före nämndmöte", 2026, false).front() == "2026-09-04..2026-09-04");
}

TEST_CASE("steps counting from each other round in a circle are an error naming it") {
  std::string text =
      "process p\nroll R\n"
      "steg a\n  NÄR 7 dagar före b\n  VEM R\n  VAD a\n"
      "steg b\n  NÄR 2 dagar efter a\n  VEM R\n  VAD b\n";
  CHECK(errors_of(text, 2026) ==
        std::vector<std::string>{"NÄR räknas runt i en cirkel: a -> b -> a"});
}

TEST_CASE("the kalender's lines in English: term and break") {
  std::string text =
      "process p \"P\"\n  cycle school-year\ncalendar\n"
      "  term ht 2026 2026-08-17 - 2026-12-22\n  term vt 2027 2027-01-11 - 2027-06-11\n"
      "  break autumn 2026 week 44\nrole R\n"
      "step s\n  WHEN 3 days before term start ht, term end vt\n  WHO R\n  WHAT do\n";
  std::vector<Diagnostic> errors;
  auto p = compile_text(text, 2026, errors);
  REQUIRE(errors.empty());
  REQUIRE(p);
  CHECK(arshjul::test::spans_text(windows(*p, p->steps[0], 2026, errors)) ==
        Windows{"2026-08-14..2026-08-14", "2027-06-11..2027-06-11"});
  // week 44 of 2026 is 26 October - 1 November, named after the break
  CHECK(p->calendar.closed(Date(std::chrono::year(2026) / 11 / 1))->name == "autumn");
}
