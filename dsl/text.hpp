#pragma once
// Text helpers: UTF-8 decoding and encoding, folding case and diacritics, "did you mean",
// word wrapping under any measure of width, base64, and joining.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace arshjul::dsl {

/// Lower-cases ASCII and folds å/ä/à/á->a, ö/ø/ó->o, é/è->e, ü->u (either case), so that
/// `Nämnd`, `NAMND` and `namnd` compare equal: rule files are typed with and without å/ä/ö.
std::string fold(std::string_view s);

/// The ASCII letter the Latin-1 letter whose UTF-8 form is 0xC3 `second` folds to, or 0.
char fold_latin1(unsigned char second);

/// The bytes of fold(s) one at a time, without building the string: for comparing and
/// hashing names folded where a lookup must not allocate.
class FoldCursor {
 public:
  explicit FoldCursor(std::string_view s) : s_(s) {}
  /// The next byte of fold(s), or -1 at the end.
  int next() {
    if (at_ >= s_.size()) return -1;
    auto c = static_cast<unsigned char>(s_[at_++]);
    if (c == 0xC3 && at_ < s_.size())
      if (char f = fold_latin1(static_cast<unsigned char>(s_[at_]))) {
        ++at_;
        return f;
      }
    return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
  }

 private:
  std::string_view s_;
  std::size_t at_ = 0;
};

/// fold(a) == fold(b), without building either.
bool folded_equal(std::string_view a, std::string_view b);

/// Names compared folded (fold()) mapped to numbers, for lookups that must not allocate:
/// the folded names are kept back to back in one string, found by an open-addressing hash
/// table. Copies are independent (no pointers into itself).
class FoldedIndex {
 public:
  /// Adds `name` with `value`, unless a name equal to it folded is there: then nothing is
  /// added and that name's value is returned.
  std::optional<std::size_t> insert(std::string_view name, std::size_t value);
  /// The value of the name equal to `name` folded, if any.
  std::optional<std::size_t> find(std::string_view name) const;
  void clear();
  void reserve(std::size_t names);

 private:
  struct Entry {
    std::uint64_t hash;
    std::uint32_t offset, length;  // of the folded name in folded_
    std::size_t value;
  };
  /// The slot holding `name` (hash `hash`), or the empty slot where it would go.
  std::size_t slot_of(std::string_view name, std::uint64_t hash) const;
  void rehash(std::size_t slots);
  std::string folded_;
  std::vector<Entry> entries_;
  std::vector<std::uint32_t> slots_;  // 1 + index into entries_, 0 when empty; a power of two
};

/// The code point of `s` that starts at byte `at`, and `at` moved past it. A byte that does
/// not start a valid UTF-8 sequence (a stray continuation byte, a truncated or overlong
/// sequence, a surrogate, a value past U+10FFFF) is one U+FFFD and moves `at` by one.
char32_t next_code_point(std::string_view s, std::size_t& at);

/// The code points of `s` (invalid bytes as U+FFFD, as next_code_point reads them).
std::u32string utf8_decode(std::string_view s);

/// Appends `c` to `out` as UTF-8.
void append_utf8(std::string& out, char32_t c);

/// `s` as UTF-8.
std::string utf8_encode(std::u32string_view s);

/// Number of UTF-8 code points in `s` (invalid bytes count as one each).
std::size_t utf8_length(std::string_view s);

/// What is wrong with text that enters the system (a rule file, a CSV cell, a note): a byte
/// that is not valid UTF-8, or a control character. The one gate for such text: what passes
/// it can be written to JSON, HTML, mail and the terminal as it is.
struct TextFault {
  enum class Kind { not_utf8, control } kind;
  std::size_t at = 0;  ///< byte offset in the text
  unsigned code = 0;   ///< the byte (not_utf8) or the code point (control)
};
/// Line breaks are allowed where the field allows them (`line_breaks`: LF, and CR before LF);
/// TAB always. Other C0 controls, DEL and the C1 controls are faults.
std::optional<TextFault> check_text(std::string_view s, bool line_breaks);

/// `s` with every fault check_text would find (line breaks included) replaced by U+FFFD, one
/// per character: what a terminal may be shown of text that did not pass the gate.
std::string printable(std::string_view s);

/// The width of a piece of text, in whatever unit a wrapper works in (bytes, characters,
/// the units of a drawing).
using WidthMeasure = std::function<double(std::string_view)>;

/// `text` in lines no wider than `width` as `measure` says, broken at single spaces (the
/// words between them are kept as they are, so two spaces keep an empty word); a word wider
/// than `width` gets a line of its own. No line for empty text.
std::vector<std::string> wrap_words(std::string_view text, double width,
                                    const WidthMeasure& measure);

/// The alphabets of RFC 4648: the standard one (with '=' padding) and the URL-safe one
/// (without padding, as in JWTs and our tokens).
enum class Base64 { standard, url };

std::string base64_encode(std::string_view bytes, Base64 alphabet = Base64::standard);

/// The bytes of `text`, or nothing when it is not base64 of that alphabet (a character
/// outside it, a length no encoding has; '=' padding only in the standard one, at the end; a last
/// character whose unused bits are not zero, so each byte string has exactly one text).
std::optional<std::string> base64_decode(std::string_view text, Base64 alphabet = Base64::standard);

/// The elements of `items` as text, `sep` between them; `text_of` turns an element into text
/// (by default the element itself).
template <typename Range, typename TextOf = std::identity>
std::string join(const Range& items, std::string_view sep, TextOf text_of = {}) {
  std::string out;
  bool first = true;
  for (const auto& item : items) {
    if (!first) out += sep;
    first = false;
    out += std::invoke(text_of, item);
  }
  return out;
}

/// The candidate closest to `word` (compared folded) when it is close enough to be a
/// likely typo: at most a third of the word's length in edits, and at least one.
std::optional<std::string> closest(std::string_view word,
                                   const std::vector<std::string>& candidates);

/// closest() for many words against the same candidates: each candidate is folded once, and
/// candidates are passed over by cheap lower bounds (length, the set of letters) before the
/// edit distance is computed.
class Suggester {
 public:
  explicit Suggester(std::vector<std::string> candidates);
  std::optional<std::string> closest(std::string_view word) const;

 private:
  std::vector<std::string> candidates_;
  std::vector<std::string> folded_;
  std::vector<std::uint64_t> letters_;  // which characters occur, one bit per class
};

/// The years arshjul works with: a cycle, `--year`, the web view's year parameters. Every
/// reading of a year goes through read_year, so none overflows an int or a std::chrono::year.
constexpr int kFirstYear = 2000;
constexpr int kLastYear = 2100;

/// `text` as a whole decimal number (an optional '-', digits, nothing else) within
/// [min, max]; nullopt otherwise, also when it would not fit an int.
std::optional<int> read_number(std::string_view text, int min, int max);

/// `text` as a year within [kFirstYear, kLastYear]; nullopt otherwise.
std::optional<int> read_year(std::string_view text);

/// At most this many cycles side by side (`audit --years`, the web's /audit?years=).
constexpr int kMostYears = 30;
/// "2022-2026" (a hyphen or an en dash between, or one year alone) as its first and last
/// year; nullopt unless both are years (read_year) in order, at most kMostYears of them.
std::optional<std::pair<int, int>> read_years(std::string_view text);

}  // namespace arshjul::dsl
