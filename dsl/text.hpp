#pragma once
// Text helpers for Swedish identifiers: folding case and diacritics, and "did you mean".
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace arshjul::dsl {

/// Lower-cases ASCII and folds å/ä/à/á->a, ö/ø/ó->o, é/è->e, ü->u (either case), so that
/// `Nämnd`, `NAMND` and `namnd` compare equal: rule files are typed with and without å/ä/ö.
std::string fold(std::string_view s);

/// Number of UTF-8 code points in `s` (invalid bytes count as one each).
std::size_t utf8_length(std::string_view s);

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

}  // namespace arshjul::dsl
