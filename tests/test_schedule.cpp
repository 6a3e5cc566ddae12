// Every NÄR form becomes the right concrete window for a cycle year.
#include <catch2/catch.hpp>

#include "tests/helpers.hpp"

using namespace arshjul::dsl;
using arshjul::test::compile_text;

namespace {

/// The windows of a one-step process whose NÄR is `when`, as "start..deadline" texts.
std::vector<std::string> windows_of(const std::string& when, int year, bool school_year = false,
                                    const std::string& extra = "") {
  std::string text = "process p \"P\"\n  cykel " +
                     std::string(school_year ? "läsår" : "kalenderår") +
                     "\nroll R\nsteg s\n  NÄR " + when + "\n  VEM R\n  VAD gör\n" + extra;
  std::vector<Diagnostic> errors;
  auto p = compile_text(text, year, errors);
  INFO(when);
  REQUIRE(errors.empty());
  REQUIRE(p);
  std::vector<std::string> out;
  for (const auto& w : windows(p->steps[0], p->cycle, year, errors))
    out.push_back(iso(w.start) + ".." + iso(w.deadline));
  return out;
}

using Windows = std::vector<std::string>;

}  // namespace

TEST_CASE("NÄR forms give concrete windows in a calendar year") {
  struct Case {
    const char* when;
    int year;
    Windows expected;
  };
  const std::vector<Case> cases{
      {"augusti", 2026, {"2026-08-01..2026-08-31"}},
      {"Aug", 2026, {"2026-08-01..2026-08-31"}},
      {"aug.", 2026, {"2026-08-01..2026-08-31"}},
      {"AUGUSTI", 2026, {"2026-08-01..2026-08-31"}},
      {"februari–mars", 2026, {"2026-02-01..2026-03-31"}},
      {"februari - mars", 2026, {"2026-02-01..2026-03-31"}},
      {"maj — juni", 2026, {"2026-05-01..2026-06-30"}},
      {"april-maj", 2026, {"2026-04-01..2026-05-31"}},
      {"5 maj", 2022, {"2022-05-05..2022-05-05"}},
      {"31 maj", 2026, {"2026-05-31..2026-05-31"}},
      {"tidigt i augusti", 2022, {"2022-08-01..2022-08-10"}},
      {"början av augusti", 2022, {"2022-08-01..2022-08-10"}},
      {"i början av augusti", 2022, {"2022-08-01..2022-08-10"}},
      {"mitten av maj", 2026, {"2026-05-11..2026-05-20"}},
      {"slutet av februari", 2026, {"2026-02-21..2026-02-28"}},
      {"slutet av februari", 2028, {"2028-02-21..2028-02-29"}},  // leap year
      {"29 februari", 2028, {"2028-02-29..2028-02-29"}},
      {"februari", 2024, {"2024-02-01..2024-02-29"}},
      {"vecka 12", 2026, {"2026-03-16..2026-03-22"}},
      {"v. 12", 2026, {"2026-03-16..2026-03-22"}},
      {"v 12", 2026, {"2026-03-16..2026-03-22"}},
      {"vecka 12-14", 2026, {"2026-03-16..2026-04-05"}},
      {"vecka 1", 2026, {"2025-12-29..2026-01-04"}},   // ISO week 1 starts in December
      {"vecka 53", 2026, {"2026-12-28..2027-01-03"}},  // 2026 has 53 ISO weeks
      {"vecka 53", 2020, {"2020-12-28..2021-01-03"}},
      {"Q1", 2026, {"2026-01-01..2026-03-31"}},
      {"q4", 2026, {"2026-10-01..2026-12-31"}},
      {"T1", 2026, {"2026-01-01..2026-04-30"}},
      {"T2", 2026, {"2026-05-01..2026-08-31"}},
      {"T3", 2026, {"2026-09-01..2026-12-31"}},
      {"under året", 2026, {"2026-01-01..2026-12-31"}},
      {"under aret", 2026, {"2026-01-01..2026-12-31"}},
      {"januari nästa år", 2026, {"2027-01-01..2027-01-31"}},
      {"januari nasta ar", 2026, {"2027-01-01..2027-01-31"}},
      {"januari–februari nästa år", 2026, {"2027-01-01..2027-02-28"}},
      {"december–januari", 2026, {"2026-12-01..2027-01-31"}},
      // `nästa år` is worked out in the next year: its leap day and its ISO weeks
      {"februari nästa år", 2027, {"2028-02-01..2028-02-29"}},
      {"29 februari nästa år", 2027, {"2028-02-29..2028-02-29"}},
      {"vecka 10 nästa år", 2026, {"2027-03-08..2027-03-14"}},
      {"april, augusti, december",
       2026,
       {"2026-04-01..2026-04-30", "2026-08-01..2026-08-31", "2026-12-01..2026-12-31"}},
      {"Q1-Q2", 2026, {"2026-01-01..2026-06-30"}},
      {"5 maj - 17 maj", 2022, {"2022-05-05..2022-05-17"}},
      // English aliases
      {"august", 2026, {"2026-08-01..2026-08-31"}},
      {"early august", 2022, {"2022-08-01..2022-08-10"}},
      {"end of may", 2026, {"2026-05-21..2026-05-31"}},
      {"week 12", 2026, {"2026-03-16..2026-03-22"}},
      {"january next year", 2026, {"2027-01-01..2027-01-31"}},
      {"whole year", 2026, {"2026-01-01..2026-12-31"}},
  };
  for (const auto& c : cases) {
    DYNAMIC_SECTION(c.when << " " << c.year) {
      CHECK(windows_of(c.when, c.year) == c.expected);
    }
  }
}

TEST_CASE("a läsår cycle puts August-December in the start year, January-July in the next") {
  CHECK(windows_of("augusti", 2026, true) == Windows{"2026-08-01..2026-08-31"});
  CHECK(windows_of("mars", 2026, true) == Windows{"2027-03-01..2027-03-31"});
  CHECK(windows_of("under året", 2026, true) == Windows{"2026-08-01..2027-07-31"});
  CHECK(windows_of("november–februari", 2026, true) == Windows{"2026-11-01..2027-02-28"});
  CHECK(windows_of("oktober, februari, maj", 2022, true) ==
        Windows{"2022-10-01..2022-10-31", "2023-02-01..2023-02-28", "2023-05-01..2023-05-31"});
  CHECK(windows_of("vecka 34", 2026, true) == Windows{"2026-08-17..2026-08-23"});
  CHECK(windows_of("vecka 3", 2026, true) == Windows{"2027-01-18..2027-01-24"});
}

TEST_CASE("varje månad gives one window per month of the cycle") {
  auto cal = windows_of("varje månad", 2026);
  REQUIRE(cal.size() == 12);
  CHECK(cal.front() == "2026-01-01..2026-01-31");
  CHECK(cal[1] == "2026-02-01..2026-02-28");
  CHECK(cal.back() == "2026-12-01..2026-12-31");
  auto school = windows_of("varje månad", 2026, true);
  REQUIRE(school.size() == 12);
  CHECK(school.front() == "2026-08-01..2026-08-31");
  CHECK(school.back() == "2027-07-01..2027-07-31");
}

TEST_CASE("SENAST sets the deadline of the window") {
  CHECK(windows_of("december", 2026, false, "  SENAST 20 december\n") ==
        Windows{"2026-12-01..2026-12-20"});
  CHECK(windows_of("december", 2026, false, "  SENAST 15 januari nästa år\n") ==
        Windows{"2026-12-01..2027-01-15"});
  CHECK(windows_of("mars", 2026, true, "  DEADLINE 10 april\n") ==
        Windows{"2027-03-01..2027-04-10"});
}

TEST_CASE("VART runs a step only in its years") {
  auto in = [](int year) {
    return windows_of("september", year, false, "  VART 4:e år från 2022\n").size();
  };
  CHECK(in(2022) == 1);
  CHECK(in(2026) == 1);
  CHECK(in(2018) == 1);
  CHECK(in(2024) == 0);
  CHECK(in(2023) == 0);
  CHECK(windows_of("september", 2025, false, "  EVERY 2 YEARS FROM 2021\n").size() == 1);
}

TEST_CASE("dates that do not exist in the checked year are located errors") {
  auto errors_of = [](const std::string& when, int year) {
    std::vector<Diagnostic> errors;
    compile_text("process p\nroll R\nsteg s\n  NÄR " + when + "\n  VEM R\n  VAD x\n", year, errors);
    return errors;
  };
  auto leap = errors_of("29 februari", 2027);
  REQUIRE(leap.size() == 1);
  CHECK(leap[0].msg == Msg::date_not_in_year);
  CHECK(leap[0].args == std::vector<std::string>{"29 februari", "2027"});
  CHECK(leap[0].where.line == 4);
  CHECK(leap[0].where.column == 8);  // bytes: "NÄR" is 4 bytes
  CHECK(errors_of("29 februari", 2028).empty());

  auto week = errors_of("vecka 53", 2027);
  REQUIRE(week.size() == 1);
  CHECK(week[0].args == std::vector<std::string>{"vecka 53", "2027"});
  CHECK(errors_of("vecka 53", 2026).empty());
}

TEST_CASE("VART with a huge interval neither overflows nor runs every year") {
  Recurrence r{2147483647, 0};
  CHECK_FALSE(r.runs_in(2052));
  CHECK(r.runs_in(0));
  CHECK(Recurrence{4, 2022}.runs_in(2026));
}
