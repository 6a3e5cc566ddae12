#pragma once
// The names of the months: one table for the parser's suggestions and messages, the
// schedule's messages, the dependency graph's clusters and the wheel's month band. The
// grammar (grammar.hpp) spells the same names as PEGTL keywords; tests/test_months.cpp checks
// that it accepts every name of this table as its month.
#include <array>
#include <string_view>

#include "dsl/messages.hpp"

namespace arshjul::dsl {

struct MonthNames {
  std::string_view sv;                          ///< as in rule files and Swedish text: lower case
  std::string_view en;                          ///< as in English text: capitalised
  std::array<std::string_view, 2> short_forms;  ///< abbreviations rule files may use, or empty
};

inline constexpr std::array<MonthNames, 12> kMonths{{
    {"januari", "January", {"jan", ""}},
    {"februari", "February", {"feb", ""}},
    {"mars", "March", {"mar", ""}},
    {"april", "April", {"apr", ""}},
    {"maj", "May", {"", ""}},
    {"juni", "June", {"jun", ""}},
    {"juli", "July", {"jul", ""}},
    {"augusti", "August", {"aug", ""}},
    {"september", "September", {"sep", "sept"}},
    {"oktober", "October", {"okt", "oct"}},
    {"november", "November", {"nov", ""}},
    {"december", "December", {"dec", ""}},
}};

/// The name of `month` (1-12) in `lang`.
constexpr std::string_view month_name(unsigned month, Lang lang) {
  const MonthNames& m = kMonths[month - 1];
  return lang == Lang::sv ? m.sv : m.en;
}

}  // namespace arshjul::dsl
