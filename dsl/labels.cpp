#include "dsl/labels.hpp"

#include "dsl/text.hpp"

namespace arshjul::dsl {
namespace {

constexpr std::size_t kLabelChars = 60;

std::string squeezed(std::string_view text) {
  std::string out;
  for (char c : text) {
    bool space = c == ' ' || c == '\n' || c == '\r' || c == '\t';
    if (space && (out.empty() || out.back() == ' ')) continue;
    out += space ? ' ' : c;
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

// The VAD's first sentence or clause: up to ". ", ": " or "; " when that leaves a few words.
std::string first_clause(const std::string& text) {
  constexpr std::size_t kAtLeast = 12;  // "Beslut tas." is a label; "Ca." is not
  std::size_t end = text.size();
  for (std::string_view stop : {". ", ": ", "; "}) {
    auto at = text.find(stop);
    if (at != std::string::npos && at >= kAtLeast) end = std::min(end, at);
  }
  std::string out = text.substr(0, end);
  if (!out.empty() && out.back() == '.') out.pop_back();
  return out;
}

}  // namespace

std::string shortened(std::string_view text, std::size_t max_chars) {
  std::string s = squeezed(text);
  if (utf8_length(s) <= max_chars) return s;
  // The longest prefix of whole words that leaves room for the ellipsis.
  std::string out;
  std::size_t at = 0;
  while (at < s.size()) {
    std::size_t space = std::min(s.find(' ', at), s.size());
    std::string tried = out.empty() ? s.substr(0, space) : out + s.substr(at - 1, space - at + 1);
    if (utf8_length(tried) + 1 > max_chars) break;
    out = std::move(tried);
    at = space + 1;
  }
  if (out.empty()) {  // one long word: whole code points up to the limit
    std::size_t i = 0;
    for (std::size_t n = 0; i < s.size() && n + 1 < max_chars; ++n) next_code_point(s, i);
    out = s.substr(0, i);
  }
  while (!out.empty() && (out.back() == ',' || out.back() == ' ')) out.pop_back();
  return out + "…";
}

std::string step_label(const Step& step) {
  if (!step.title.empty()) return step.title;
  std::string vad = squeezed(step.task);
  if (vad.empty()) return step.id;
  return shortened(first_clause(vad), kLabelChars);
}

}  // namespace arshjul::dsl
