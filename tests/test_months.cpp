// The month table (dsl/months.hpp) against the grammar's month keywords: every name of the
// table, in each of its forms, is read as its own month (never as an earlier one the grammar
// tries first), so the table and the PEGTL keywords cannot drift apart. Read through the whole
// parser and compiler (a step whose NÄR is the word), not by instantiating the grammar's rules
// here: that made this the slowest file of the suite to compile.
#include <catch2/catch.hpp>
#include <cctype>
#include <string>
#include <vector>

#include "dsl/months.hpp"
#include "dsl/parser.hpp"
#include "tests/helpers.hpp"

using namespace arshjul;

namespace {

/// The month (1-12) a step with `NÄR word` falls in for 2026, or 0 when `word` is no month.
unsigned month_read(const std::string& word) {
  std::vector<dsl::Diagnostic> errors;
  auto p = test::compile_text(
      "process p\nroll R\nsteg s\n  NÄR   " + word + "\n  VEM   R\n  VAD   Något\n", 2026, errors);
  if (!p || !errors.empty()) return 0;
  auto ws = dsl::windows(*p, p->steps.front(), 2026, errors);
  if (ws.size() != 1) return 0;
  const auto& w = ws.front();
  unsigned first = static_cast<unsigned>(w.start.month()),
           last = static_cast<unsigned>(w.deadline.month());
  return first == last && static_cast<unsigned>(w.start.day()) == 1 ? first : 0;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

TEST_CASE("months: the grammar reads every name of the month table as its month") {
  for (unsigned m = 1; m <= 12; ++m) {
    std::string en(dsl::kEnglishMonths[m - 1]);
    for (const auto& form : {std::string(dsl::kSwedishMonths[m - 1]), lower(en), en, en + "."}) {
      INFO(form);
      CHECK(month_read(form) == m);
    }
  }
  for (auto [form, m] : dsl::kMonthAbbreviations) {
    INFO(form);
    CHECK(month_read(std::string(form)) == m);
  }
  CHECK(month_read("juno") == 0);
}

TEST_CASE("months: names in both languages, and the parser's suggestions from the same table") {
  CHECK(dsl::month_name(1, dsl::Lang::sv) == "januari");
  CHECK(dsl::month_name(5, dsl::Lang::en) == "May");
  CHECK(dsl::month_name(12, dsl::Lang::en) == "December");
  REQUIRE(dsl::month_names().size() == 12);
  for (unsigned m = 1; m <= 12; ++m)
    CHECK(dsl::month_names()[m - 1] == dsl::month_name(m, dsl::Lang::sv));
}
