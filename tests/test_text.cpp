#include <catch2/catch.hpp>

#include "dsl/text.hpp"

using namespace arshjul::dsl;

TEST_CASE("fold compares Swedish words with and without diacritics") {
  CHECK(fold("NÄMND") == "namnd");
  CHECK(fold("Förvaltningschef") == "forvaltningschef");
  CHECK(fold("läsår") == fold("LASAR"));
  CHECK(fold("Åsa") == "asa");
}

TEST_CASE("closest suggests likely typos only") {
  std::vector<std::string> months{"januari", "augusti", "april"};
  CHECK(closest("agusti", months) == std::optional<std::string>("augusti"));
  CHECK(closest("AUGUSTI", months) == std::optional<std::string>("augusti"));
  CHECK_FALSE(closest("xyzzy", months).has_value());
}

TEST_CASE("utf8_length counts characters") {
  CHECK(utf8_length("NÄR") == 3);
  CHECK(utf8_length("–") == 1);
}

namespace {
// The rule closest() implements, written plainly: full edit distance over every candidate,
// the first with the smallest distance below the limit wins.
std::optional<std::string> closest_reference(const std::string& word,
                                             const std::vector<std::string>& candidates) {
  auto distance = [](const std::string& a, const std::string& b) {
    std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
    for (std::size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
    for (std::size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i)
      for (std::size_t j = 1; j <= b.size(); ++j)
        d[i][j] = std::min(
            {d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
    return d[a.size()][b.size()];
  };
  std::string w = fold(word);
  std::size_t limit = std::max<std::size_t>(1, utf8_length(w) / 3) + 1;
  std::optional<std::string> best;
  for (const auto& c : candidates) {
    auto d = distance(w, fold(c));
    if (d < limit) limit = d, best = c;
  }
  return best;
}
}  // namespace

TEST_CASE("Suggester finds what the plain rule finds, for thousands of ids and typos") {
  // Ids like the shipped files' (Swedish words joined by '_'), and typos of them: a letter
  // dropped, doubled, swapped or replaced, å/ä/ö written without dots, or a different word.
  const std::vector<std::string> words{"nämndmål", "dialog", "beslut",      "förvaltning",
                                       "enhet",    "plan",   "uppföljning", "tertial",
                                       "rapport",  "läsår",  "skiss",       "möte"};
  std::vector<std::string> ids;
  std::uint32_t state = 12345;
  auto next = [&] { return state = state * 1664525u + 1013904223u; };
  for (int i = 0; i < 600; ++i)
    ids.push_back(words[next() % words.size()] + "_" + words[next() % words.size()] +
                  (next() % 2 ? "_" + std::to_string(next() % 50) : ""));
  Suggester suggester(ids);
  int suggested = 0;
  for (int i = 0; i < 800; ++i) {
    std::string typo = ids[next() % ids.size()];
    std::size_t at = next() % typo.size();
    switch (next() % 5) {
      case 0:
        typo.erase(at, 1);
        break;
      case 1:
        typo.insert(at, 1, typo[at]);
        break;
      case 2:
        if (at + 1 < typo.size()) std::swap(typo[at], typo[at + 1]);
        break;
      case 3:
        typo[at] = 'x';
        break;
      case 4:
        typo = words[next() % words.size()] + "_zz";
        break;
    }
    INFO(typo);
    auto expected = closest_reference(typo, ids);
    CHECK(suggester.closest(typo) == expected);
    CHECK(closest(typo, ids) == expected);
    suggested += expected.has_value();
  }
  CHECK(suggested > 400);  // the comparison covered both outcomes
  CHECK(suggested < 800);
}
