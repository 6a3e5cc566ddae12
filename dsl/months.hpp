#pragma once
// The names of the months: one table for the parser's suggestions and messages, the
// schedule's messages, the dependency graph's clusters and the wheel's month band. The
// grammar (grammar.hpp) spells the same names as PEGTL keywords; tests/test_months.cpp checks
// that it reads every name and abbreviation here as its month.
#include <array>
#include <string_view>
#include <utility>

#include "dsl/messages.hpp"

namespace arshjul::dsl {

/// As rule files and Swedish text write them: lower case.
inline constexpr std::array<std::string_view, 12> kSwedishMonths{
    "januari", "februari", "mars",      "april",   "maj",      "juni",
    "juli",    "augusti",  "september", "oktober", "november", "december"};
/// As English text writes them (rule files may use them too, in any case).
inline constexpr std::array<std::string_view, 12> kEnglishMonths{
    "January", "February", "March",     "April",   "May",      "June",
    "July",    "August",   "September", "October", "November", "December"};
/// The abbreviations rule files may use, and their month (1-12).
inline constexpr std::pair<std::string_view, unsigned> kMonthAbbreviations[]{
    {"jan", 1}, {"feb", 2},  {"mar", 3},  {"apr", 4},  {"jun", 6},  {"jul", 7}, {"aug", 8},
    {"sep", 9}, {"sept", 9}, {"okt", 10}, {"oct", 10}, {"nov", 11}, {"dec", 12}};

/// The name of `month` (1-12) in `lang`.
constexpr std::string_view month_name(unsigned month, Lang lang) {
  // The rule language's own month names: rule files are written in them and they are parsed.
  return (lang == Lang::sv ? kSwedishMonths : kEnglishMonths)[month - 1];  // vocabulary: parsed
}

}  // namespace arshjul::dsl
