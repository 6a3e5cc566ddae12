#include "dsl/text.hpp"

#include <algorithm>
#include <bit>
#include <numeric>

namespace arshjul::dsl {
namespace {

// Two-byte UTF-8 sequences (0xC3 xx) of Latin-1 letters and their ASCII fold.
char fold_latin1(unsigned char second) {
  unsigned cp = 0xC0 + (second & 0x3F);
  if (cp >= 0xC0 && cp <= 0xC5) return 'a';
  if (cp >= 0xE0 && cp <= 0xE5) return 'a';
  if ((cp >= 0xD2 && cp <= 0xD6) || cp == 0xD8 || (cp >= 0xF2 && cp <= 0xF6) || cp == 0xF8)
    return 'o';
  if ((cp >= 0xC8 && cp <= 0xCB) || (cp >= 0xE8 && cp <= 0xEB)) return 'e';
  if ((cp >= 0xD9 && cp <= 0xDC) || (cp >= 0xF9 && cp <= 0xFC)) return 'u';
  if ((cp >= 0xCC && cp <= 0xCF) || (cp >= 0xEC && cp <= 0xEF)) return 'i';
  return 0;
}

// The edit distance of a and b, or `limit` when it is `limit` or more: a row whose every
// cell has reached the limit can only grow, so the rest is not computed. `row` is scratch.
std::size_t edit_distance(std::string_view a, std::string_view b, std::size_t limit,
                          std::vector<std::size_t>& row) {
  row.resize(b.size() + 1);
  std::iota(row.begin(), row.end(), 0);
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diag = row[0];
    row[0] = i;
    std::size_t smallest = row[0];
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diag = up;
      smallest = std::min(smallest, row[j]);
    }
    if (smallest >= limit) return limit;
  }
  return std::min(row[b.size()], limit);
}

void fold_into(std::string_view s, std::string& out);

}  // namespace

std::string fold(std::string_view s) {
  std::string out;
  fold_into(s, out);
  return out;
}

namespace {
void fold_into(std::string_view s, std::string& out) {
  out.clear();
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c == 0xC3 && i + 1 < s.size()) {
      if (char f = fold_latin1(static_cast<unsigned char>(s[i + 1]))) {
        out += f;
        ++i;
        continue;
      }
    }
    out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : static_cast<char>(c);
  }
}
}  // namespace

std::size_t utf8_length(std::string_view s) {
  return static_cast<std::size_t>(std::count_if(
      s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

namespace {
// One bit per character class (byte value modulo 64): an edit changes at most two bits, so
// half the differing bits, rounded up, is a lower bound of the edit distance.
std::uint64_t letters_of(std::string_view s) {
  std::uint64_t bits = 0;
  for (char c : s) bits |= std::uint64_t{1} << (static_cast<unsigned char>(c) % 64);
  return bits;
}
}  // namespace

Suggester::Suggester(std::vector<std::string> candidates) : candidates_(std::move(candidates)) {
  folded_.reserve(candidates_.size());
  for (const auto& c : candidates_) {
    folded_.push_back(fold(c));
    letters_.push_back(letters_of(folded_.back()));
  }
}

std::optional<std::string> Suggester::closest(std::string_view word) const {
  const std::string w = fold(word);
  const std::uint64_t bits = letters_of(w);
  std::optional<std::size_t> best;
  std::size_t best_distance = std::max<std::size_t>(1, utf8_length(w) / 3) + 1;
  std::vector<std::size_t> row;
  for (std::size_t i = 0; i < folded_.size(); ++i) {
    const std::string& f = folded_[i];
    // The lengths and the letters alone bound the distance from below: most candidates of a
    // large file end here.
    std::size_t gap = f.size() > w.size() ? f.size() - w.size() : w.size() - f.size();
    if (gap >= best_distance) continue;
    if ((static_cast<std::size_t>(std::popcount(bits ^ letters_[i])) + 1) / 2 >= best_distance)
      continue;
    auto d = edit_distance(w, f, best_distance, row);
    if (d < best_distance) {
      best_distance = d;
      best = i;
    }
  }
  if (!best) return std::nullopt;
  return candidates_[*best];
}

std::optional<std::string> closest(std::string_view word,
                                   const std::vector<std::string>& candidates) {
  return Suggester(candidates).closest(word);
}

}  // namespace arshjul::dsl
