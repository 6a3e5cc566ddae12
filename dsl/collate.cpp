#include "dsl/collate.hpp"

#include <array>
#include <cstdint>
#include <vector>

namespace arshjul::dsl {
namespace {

/// One character's weights: the letter (primary), its accent and its case.
struct Weight {
  std::uint32_t primary = 0;
  std::uint8_t accent = 0, upper = 0;
};

constexpr std::uint32_t kDigits = 200, kLetters = 300;

std::uint32_t letter(char c) {
  return kLetters + static_cast<std::uint32_t>(c - 'a');
}

// Latin-1 letters (U+00C0..U+00FF, upper and lower case alike): the base letter a Swedish
// dictionary sorts them as, 0 for å, ä, ö (their own letters) and for what is no letter.
constexpr std::array<char, 32> kBase = {'a', 'a', 'a', 'a', 0,   0,   0,   'c', 'e', 'e', 'e',
                                        'e', 'i', 'i', 'i', 'i', 'd', 'n', 'o', 'o', 'o', 'o',
                                        0,   0,   0,   'u', 'u', 'u', 'y', 'y', 0,   'y'};

Weight weigh(char32_t c) {
  if (c < 0x80) {
    if (c >= 'a' && c <= 'z') return {letter(static_cast<char>(c)), 0, 0};
    if (c >= 'A' && c <= 'Z') return {letter(static_cast<char>(c - 'A' + 'a')), 0, 1};
    if (c >= '0' && c <= '9') return {kDigits + (c - '0'), 0, 0};
    return {static_cast<std::uint32_t>(c) + 1, 0, 0};  // space and punctuation first
  }
  if (c >= 0xC0 && c <= 0xFF && c != 0xD7 && c != 0xF7) {
    std::uint8_t upper = c < 0xE0 ? 1 : 0;
    char32_t lower = c | 0x20;
    if (lower == 0xE5) return {letter('z') + 1, 0, upper};                               // å
    if (lower == 0xE4 || lower == 0xE6) return {letter('z') + 2, lower == 0xE6, upper};  // ä æ
    if (lower == 0xF6 || lower == 0xF8) return {letter('z') + 3, lower == 0xF8, upper};  // ö ø
    if (char base = kBase[lower - 0xE0]) return {letter(base), 1, upper};
  }
  return {0x10000 + static_cast<std::uint32_t>(c), 0, 0};  // anything else after the letters
}

/// The code points of UTF-8 text (a stray byte stands for itself).
std::vector<Weight> weights(std::string_view s) {
  std::vector<Weight> out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    auto b = static_cast<unsigned char>(s[i]);
    int len = b < 0x80 ? 1 : (b >> 5) == 6 ? 2 : (b >> 4) == 14 ? 3 : (b >> 3) == 30 ? 4 : 1;
    if (i + len > s.size()) len = 1;
    char32_t c = len == 1 ? b : b & (0x7F >> len);
    for (int k = 1; k < len; ++k) c = (c << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    out.push_back(weigh(c));
    i += static_cast<std::size_t>(len);
  }
  return out;
}

template <typename Field>
int compare_by(const std::vector<Weight>& a, const std::vector<Weight>& b, Field field) {
  for (std::size_t i = 0; i < a.size() && i < b.size(); ++i)
    if (a[i].*field != b[i].*field) return a[i].*field < b[i].*field ? -1 : 1;
  return a.size() == b.size() ? 0 : a.size() < b.size() ? -1 : 1;
}

}  // namespace

int swedish_compare(std::string_view a, std::string_view b) {
  if (a == b) return 0;
  auto wa = weights(a), wb = weights(b);
  if (int c = compare_by(wa, wb, &Weight::primary)) return c;
  if (int c = compare_by(wa, wb, &Weight::accent)) return c;
  if (int c = compare_by(wa, wb, &Weight::upper)) return c;
  return a < b ? -1 : 1;
}

}  // namespace arshjul::dsl
