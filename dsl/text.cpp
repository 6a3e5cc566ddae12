#include "dsl/text.hpp"

#include <algorithm>
#include <bit>
#include <charconv>
#include <cstdint>
#include <cstring>
#include <numeric>

namespace arshjul::dsl {

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

namespace {

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
  FoldCursor cursor(s);
  for (int c = cursor.next(); c >= 0; c = cursor.next()) out += static_cast<char>(c);
}
}  // namespace

char32_t next_code_point(std::string_view s, std::size_t& at) {
  static constexpr char32_t kMin[] = {0, 0x80, 0x800, 0x10000};
  auto b = static_cast<unsigned char>(s[at]);
  int n = b < 0x80 ? 0 : (b >> 5) == 6 ? 1 : (b >> 4) == 14 ? 2 : (b >> 3) == 30 ? 3 : -1;
  char32_t c = n <= 0 ? b : n == 1 ? (b & 0x1F) : n == 2 ? (b & 0x0F) : (b & 0x07);
  bool ok = n >= 0 && at + static_cast<std::size_t>(n) < s.size();
  for (int k = 1; ok && k <= n; ++k) {
    auto cb = static_cast<unsigned char>(s[at + k]);
    if ((cb >> 6) != 2) ok = false;
    c = (c << 6) | (cb & 0x3F);
  }
  if (ok && n > 0 && (c < kMin[n] || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))) ok = false;
  if (!ok) {
    ++at;
    return U'\uFFFD';
  }
  at += static_cast<std::size_t>(n) + 1;
  return c;
}

std::u32string utf8_decode(std::string_view s) {
  std::u32string out;
  for (std::size_t at = 0; at < s.size();) out += next_code_point(s, at);
  return out;
}

void append_utf8(std::string& out, char32_t c) {
  if (c < 0x80) {
    out += static_cast<char>(c);
    return;
  }
  int tail = c < 0x800 ? 1 : c < 0x10000 ? 2 : 3;
  static constexpr unsigned char kLead[] = {0, 0xC0, 0xE0, 0xF0};
  out += static_cast<char>(kLead[tail] | (c >> (6 * tail)));
  for (int k = tail - 1; k >= 0; --k) out += static_cast<char>(0x80 | ((c >> (6 * k)) & 0x3F));
}

std::string utf8_encode(std::u32string_view s) {
  std::string out;
  for (char32_t c : s) append_utf8(out, c);
  return out;
}

std::size_t utf8_length(std::string_view s) {
  std::size_t n = 0;
  for (std::size_t at = 0; at < s.size(); ++n) next_code_point(s, at);
  return n;
}

std::string printable(std::string_view s) {
  std::string out;
  for (std::size_t at = 0; at < s.size();) {
    const std::size_t start = at;
    auto fault = check_text(s.substr(start), false);
    std::size_t good = fault ? fault->at : s.size() - start;
    out.append(s.substr(start, good));
    at = start + good;
    if (at < s.size()) {
      next_code_point(s, at);
      out += "\xEF\xBF\xBD";
    }
  }
  return out;
}

namespace {

// True when each of the 8 bytes of `w` is printable ASCII (0x20-0x7E), a TAB, or (with
// `line_breaks`) a LF. Per byte, without carries between bytes: each test adds to the low
// seven bits only (at most 0x7F + 0x7F).
bool plain8(std::uint64_t w, bool line_breaks) {
  constexpr std::uint64_t kOnes = 0x0101010101010101ULL, kHigh = 0x8080808080808080ULL;
  constexpr std::uint64_t kLow = ~kHigh;
  if (w & kHigh) return false;  // a byte past ASCII
  const std::uint64_t at_least_space = (w + kOnes * (0x80 - 0x20)) & kHigh;
  const std::uint64_t not_del = ((w ^ (kOnes * 0x7F)) + kLow) & kHigh;
  const std::uint64_t tab = ~((w ^ (kOnes * '\t')) + kLow) & kHigh;
  const std::uint64_t lf = line_breaks ? ~((w ^ (kOnes * '\n')) + kLow) & kHigh : 0;
  return ((at_least_space & not_del) | tab | lf) == kHigh;
}

}  // namespace

std::optional<TextFault> check_text(std::string_view s, bool line_breaks) {
  // Printable ASCII, TAB and (where allowed) LF: nearly every byte of a rule file.
  auto plain = [line_breaks](unsigned char b) {
    return (b >= 0x20 && b < 0x7F) || b == '\t' || (b == '\n' && line_breaks);
  };
  for (std::size_t at = 0; at < s.size();) {
    for (std::uint64_t w; at + 8 <= s.size(); at += 8) {  // eight plain bytes at once
      std::memcpy(&w, s.data() + at, 8);
      if (!plain8(w, line_breaks)) break;
    }
    while (at < s.size() && plain(static_cast<unsigned char>(s[at]))) ++at;
    if (at == s.size()) break;
    const std::size_t start = at;
    const auto byte = static_cast<unsigned char>(s[at]);
    if (byte == 0xC3 && at + 1 < s.size() &&
        (static_cast<unsigned char>(s[at + 1]) & 0xC0) == 0x80) {
      at += 2;  // U+00C0-U+00FF (å, ä, ö, é): the other characters most rule files have
      continue;
    }
    const char32_t c = next_code_point(s, at);
    if (c == U'\uFFFD' && at - start == 1 && byte >= 0x80)
      return TextFault{TextFault::Kind::not_utf8, start, byte};
    const bool allowed_break =
        line_breaks && (c == '\n' || (c == '\r' && at < s.size() && s[at] == '\n'));
    if (((c < 0x20 && c != '\t') || (c >= 0x7F && c < 0xA0)) && !allowed_break)
      return TextFault{TextFault::Kind::control, start, static_cast<unsigned>(c)};
  }
  return std::nullopt;
}

std::vector<std::string> wrap_words(std::string_view text, double width,
                                    const WidthMeasure& measure) {
  std::vector<std::string> lines;
  std::string line;
  std::size_t at = 0;
  while (at < text.size()) {
    std::size_t space = std::min(text.find(' ', at), text.size());
    std::string_view word = text.substr(at, space - at);
    at = space + 1;
    std::string tried = line.empty() ? std::string(word) : line + " " + std::string(word);
    if (!line.empty() && measure(tried) > width) {
      lines.push_back(std::move(line));
      line = word;
    } else {
      line = std::move(tried);
    }
  }
  if (!line.empty()) lines.push_back(std::move(line));
  return lines;
}

namespace {
constexpr std::string_view kBase64Standard =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
constexpr std::string_view kBase64Url =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
}  // namespace

std::string base64_encode(std::string_view bytes, Base64 alphabet) {
  const std::string_view digits = alphabet == Base64::url ? kBase64Url : kBase64Standard;
  std::string out;
  for (std::size_t i = 0; i < bytes.size(); i += 3) {
    std::size_t n = std::min<std::size_t>(3, bytes.size() - i);  // bytes in this group
    unsigned v = 0;
    for (std::size_t k = 0; k < 3; ++k)
      v = v << 8 | (k < n ? static_cast<unsigned char>(bytes[i + k]) : 0u);
    for (std::size_t k = 0; k <= n; ++k) out += digits[(v >> (18 - 6 * k)) & 63];
    if (alphabet == Base64::standard) out.append(3 - n, '=');
  }
  return out;
}

std::optional<std::string> base64_decode(std::string_view text, Base64 alphabet) {
  const std::string_view digits = alphabet == Base64::url ? kBase64Url : kBase64Standard;
  if (alphabet == Base64::standard) {
    if (text.size() % 4 != 0) return std::nullopt;
    for (int k = 0; k < 2 && !text.empty() && text.back() == '='; ++k) text.remove_suffix(1);
  }
  if (text.size() % 4 == 1) return std::nullopt;
  std::string out;
  unsigned v = 0;
  int bits = 0;
  for (char c : text) {
    std::size_t d = digits.find(c);
    if (d == std::string_view::npos) return std::nullopt;
    v = (v << 6) | static_cast<unsigned>(d);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((v >> bits) & 0xFF);
    }
  }
  // Canonical only: the bits of the last character beyond the last byte must be zero, or
  // four texts would decode to the same bytes (a signature could be altered and still match).
  if ((v & ((1u << bits) - 1)) != 0) return std::nullopt;
  return out;
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

std::optional<int> read_number(std::string_view text, int min, int max) {
  int v = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size() || v < min || v > max)
    return std::nullopt;
  return v;
}

std::optional<int> read_year(std::string_view text) {
  return read_number(text, kFirstYear, kLastYear);
}

std::optional<std::pair<int, int>> read_years(std::string_view text) {
  constexpr std::string_view kEnDash = "\u2013";
  auto dash = text.find('-', 1);  // not a minus sign in front
  auto skip = std::size_t{1};
  if (dash == std::string_view::npos && (dash = text.find(kEnDash)) != std::string_view::npos)
    skip = kEnDash.size();
  auto first = read_year(text.substr(0, dash));
  auto last = dash == std::string_view::npos ? first : read_year(text.substr(dash + skip));
  if (!first || !last || *first > *last || *last - *first >= kMostYears) return std::nullopt;
  return std::pair{*first, *last};
}

}  // namespace arshjul::dsl
