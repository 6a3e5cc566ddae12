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

TEST_CASE("utf8_decode and utf8_encode round-trip valid text and mark invalid bytes") {
  CHECK(utf8_decode("aÄ–😀") == U"aÄ–😀");
  CHECK(utf8_encode(U"aÄ–😀") == "aÄ–😀");
  for (char32_t c :
       {U'\x7F', U'\x80', U'\u07FF', U'\u0800', U'\uFFFD', U'\U00010000', U'\U0010FFFF'})
    CHECK(utf8_decode(utf8_encode(std::u32string(1, c))) == std::u32string(1, c));
  CHECK(utf8_decode("a\xC3") == U"a\uFFFD");                    // truncated
  CHECK(utf8_decode("\xC0\xAF") == U"\uFFFD\uFFFD");            // overlong '/'
  CHECK(utf8_decode("\xED\xA0\x80") == U"\uFFFD\uFFFD\uFFFD");  // a surrogate
  CHECK(utf8_decode("\x80x") == U"\uFFFDx");                    // a stray continuation byte
  CHECK(utf8_length("\x80x") == 2);                             // counted as one, as documented
  std::size_t at = 1;
  CHECK(next_code_point("aÄb", at) == U'Ä');
  CHECK(at == 3);
}

TEST_CASE("wrap_words breaks at spaces under any measure of width") {
  auto bytes = [](std::string_view s) { return static_cast<double>(s.size()); };
  CHECK(wrap_words("", 10, bytes).empty());
  CHECK(wrap_words("ett två tre fyra", 7, bytes) ==
        std::vector<std::string>{"ett", "två", "tre", "fyra"});  // "två" is 4 bytes
  CHECK(wrap_words("ett två tre fyra", 9, bytes) ==
        std::vector<std::string>{"ett två", "tre fyra"});
  auto chars = [](std::string_view s) { return static_cast<double>(utf8_length(s)); };
  CHECK(wrap_words("ett två tre fyra", 7, chars) ==
        std::vector<std::string>{"ett två", "tre", "fyra"});
  CHECK(wrap_words("ordsomärlängreänraden kort", 5, chars) ==
        std::vector<std::string>{"ordsomärlängreänraden", "kort"});
  CHECK(wrap_words("a  b", 10, bytes) == std::vector<std::string>{"a  b"});  // spaces kept
  // A measure that is not additive (say, pixels with kerning) is asked about the whole line.
  auto wide_pairs = [](std::string_view s) { return s.find("b c") != s.npos ? 100.0 : 1.0; };
  CHECK(wrap_words("a b c d", 10, wide_pairs) == std::vector<std::string>{"a b", "c d"});
}

TEST_CASE("base64 in the standard and URL-safe alphabets, both ways") {
  // RFC 4648, section 10.
  const char* plain[] = {"", "f", "fo", "foo", "foob", "fooba", "foobar"};
  const char* coded[] = {"", "Zg==", "Zm8=", "Zm9v", "Zm9vYg==", "Zm9vYmE=", "Zm9vYmFy"};
  for (int i = 0; i < 7; ++i) {
    CHECK(base64_encode(plain[i]) == coded[i]);
    CHECK(base64_decode(coded[i]) == std::optional<std::string>(plain[i]));
    std::string url = coded[i];
    url.erase(url.find_last_not_of('=') + 1);
    CHECK(base64_encode(plain[i], Base64::url) == url);
    CHECK(base64_decode(url, Base64::url) == std::optional<std::string>(plain[i]));
  }
  CHECK(base64_encode("\xfb\xff") == "+/8=");
  CHECK(base64_encode("\xfb\xff", Base64::url) == "-_8");
  CHECK_FALSE(base64_decode("-_8=").has_value());
  CHECK_FALSE(base64_decode("+/8", Base64::url).has_value());
  CHECK_FALSE(base64_decode("Zm9", Base64::standard).has_value());  // padding missing
  CHECK_FALSE(base64_decode("Zm9vY", Base64::url).has_value());     // 4n+1 characters
  CHECK_FALSE(base64_decode("Zm=v").has_value());                   // '=' inside
}

TEST_CASE("join puts the separator between elements, of any range and projection") {
  CHECK(join(std::vector<std::string>{}, ", ").empty());
  CHECK(join(std::vector<std::string>{"a"}, ", ") == "a");
  CHECK(join(std::vector<std::string>{"a", "b", "c"}, ", ") == "a, b, c");
  std::vector<int> numbers{1, 2, 3};
  CHECK(join(numbers, "-", [](int n) { return std::to_string(n * 10); }) == "10-20-30");
}

TEST_CASE("FoldedIndex and folded_equal compare as fold() does, without building the text") {
  const std::vector<std::string> words{"Nämnd",
                                       "NAMND",
                                       "namnd",
                                       "Förvaltningschef",
                                       "forvaltningschef",
                                       "ÅÄÖ",
                                       "aao",
                                       "élevhälsa",
                                       "Elevhalsa",
                                       "x",
                                       "",
                                       "ämne_2",
                                       "amne_2",
                                       "amne_3"};
  for (const auto& a : words)
    for (const auto& b : words) CHECK(folded_equal(a, b) == (fold(a) == fold(b)));

  FoldedIndex index;
  CHECK_FALSE(index.find("Nämnd"));
  CHECK_FALSE(index.insert("Nämnd", 0));
  CHECK(index.insert("NAMND", 1) == std::optional<std::size_t>(0));  // the first one's value
  CHECK_FALSE(index.insert("Förvaltningschef", 2));
  CHECK(index.find("namnd") == std::optional<std::size_t>(0));
  CHECK(index.find("FORVALTNINGSCHEF") == std::optional<std::size_t>(2));
  CHECK_FALSE(index.find("namn"));
  CHECK_FALSE(index.find("namndx"));

  // Thousands of names: the table grows and every one is found by its own value.
  for (std::size_t i = 0; i < 5000; ++i)
    CHECK_FALSE(index.insert("Steg_" + std::to_string(i), i + 10));
  for (std::size_t i = 0; i < 5000; i += 7)
    CHECK(index.find("STEG_" + std::to_string(i)) == std::optional<std::size_t>(i + 10));
  CHECK_FALSE(index.find("steg_5000"));
  FoldedIndex copy = index;  // independent of the original
  index.clear();
  CHECK_FALSE(index.find("steg_1"));
  CHECK(copy.find("steg_1") == std::optional<std::size_t>(11));
}
