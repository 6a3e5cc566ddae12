// The month table (dsl/months.hpp) against the grammar's month keywords: every name of the
// table, in each of its forms, is read as its own month and as no other, so the table and
// the PEGTL keywords cannot drift apart.
#include <catch2/catch.hpp>
#include <cctype>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "dsl/grammar.hpp"
#include "dsl/months.hpp"
#include "dsl/parser.hpp"

using namespace arshjul;
namespace gr = arshjul::dsl::grammar;
namespace pg = tao::pegtl;

namespace {

using MonthRules = std::tuple<gr::m_jan, gr::m_feb, gr::m_mar, gr::m_apr, gr::m_may, gr::m_jun,
                              gr::m_jul, gr::m_aug, gr::m_sep, gr::m_oct, gr::m_nov, gr::m_dec>;

template <typename Rule>
bool accepts(const std::string& word) {
  pg::memory_input in(word, "month");
  return pg::parse<pg::seq<Rule, pg::eof>>(in);
}

/// The months (1-12) whose keyword accepts `word` as a whole.
template <std::size_t... I>
std::vector<unsigned> months_accepting(const std::string& word, std::index_sequence<I...>) {
  std::vector<unsigned> out;
  ((accepts<std::tuple_element_t<I, MonthRules>>(word) ? out.push_back(I + 1) : void()), ...);
  return out;
}

std::vector<unsigned> months_accepting(const std::string& word) {
  return months_accepting(word, std::make_index_sequence<12>{});
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
      CHECK(months_accepting(form) == std::vector<unsigned>{m});
    }
  }
  for (auto [form, m] : dsl::kMonthAbbreviations) {
    INFO(form);
    CHECK(months_accepting(std::string(form)) == std::vector<unsigned>{m});
  }
  CHECK(months_accepting("juno").empty());
}

TEST_CASE("months: names in both languages, and the parser's suggestions from the same table") {
  CHECK(dsl::month_name(1, dsl::Lang::sv) == "januari");
  CHECK(dsl::month_name(5, dsl::Lang::en) == "May");
  CHECK(dsl::month_name(12, dsl::Lang::en) == "December");
  REQUIRE(dsl::month_names().size() == 12);
  for (unsigned m = 1; m <= 12; ++m)
    CHECK(dsl::month_names()[m - 1] == dsl::month_name(m, dsl::Lang::sv));
}
