#include "pictures/wheel_text.hpp"

#include <algorithm>
#include <iterator>
#include <string_view>

#include "dsl/text.hpp"
#include "pictures/wheel.hpp"

namespace arshjul::pictures {
namespace {

// Advance widths of DejaVu Sans in 1/1000 em for ' '..'~' and then kExtras, regular and
// bold side by side, as measured in Chromium (canvas measureText). The wheel names DejaVu Sans
// first; Verdana is about as wide, Arial and Helvetica narrower, so what fits here fits there.
struct Width {
  int regular, bold;
};
constexpr Width kWidths[] = {
    {318, 348},  {401, 456}, {460, 521}, {838, 838}, {636, 696},   {950, 1002}, {780, 872},
    {275, 306},  {390, 457}, {390, 457}, {500, 523}, {838, 838},   {318, 380},  {361, 415},
    {318, 380},  {337, 365}, {636, 696}, {636, 696}, {636, 696},   {636, 696},  {636, 696},
    {636, 696},  {636, 696}, {636, 696}, {636, 696}, {636, 696},   {337, 400},  {337, 400},
    {838, 838},  {838, 838}, {838, 838}, {531, 580}, {1000, 1000}, {684, 774},  {686, 762},
    {698, 734},  {770, 830}, {632, 683}, {575, 683}, {775, 821},   {752, 837},  {295, 372},
    {295, 372},  {656, 775}, {557, 637}, {863, 995}, {748, 837},   {787, 850},  {603, 733},
    {787, 850},  {695, 770}, {635, 720}, {611, 682}, {732, 812},   {684, 774},  {989, 1103},
    {685, 771},  {611, 724}, {685, 725}, {390, 457}, {337, 365},   {390, 457},  {838, 838},
    {500, 500},  {500, 500}, {613, 675}, {635, 716}, {550, 593},   {635, 716},  {615, 678},
    {352, 435},  {635, 716}, {634, 712}, {278, 343}, {278, 343},   {579, 665},  {278, 343},
    {974, 1042}, {634, 712}, {612, 687}, {635, 716}, {635, 716},   {411, 493},  {521, 595},
    {392, 478},  {634, 712}, {592, 652}, {818, 924}, {592, 645},   {592, 652},  {525, 582},
    {636, 712},  {337, 365}, {636, 712}, {838, 838}, {613, 675},   {613, 675},  {612, 687},
    {684, 774},  {684, 774}, {787, 850}, {615, 678}, {634, 712},   {732, 812},  {500, 500},
    {1000, 1000}};
constexpr char32_t kExtras[] = U"åäöÅÄÖéüÜ–…";
static_assert(std::size(kWidths) == 95 + std::size(kExtras) - 1, "a width for every character");

double char_width(char32_t c, bool bold) {
  auto of = [bold](const Width& w) { return (bold ? w.bold : w.regular) / 1000.0; };
  if (c >= 0x20 && c < 0x7F) return of(kWidths[c - 0x20]);
  for (std::size_t i = 0; kExtras[i]; ++i)
    if (kExtras[i] == c) return of(kWidths[95 + i]);
  if (c >= 0x2E80) return 1.0;  // CJK and other wide scripts: a full em
  return bold ? 0.85 : 0.8;     // other letters: wider than any Latin letter but W and M
}

double width_of(std::u32string_view s, double size, bool bold) {
  double w = 0;
  for (char32_t c : s) w += char_width(c, bold);
  return w * size;
}

}  // namespace

std::string fit(const std::string& text, double width, double size, bool bold) {
  std::u32string s = dsl::utf8_decode(text);
  if (width_of(s, size, bold) <= width) return text;
  for (std::size_t keep = s.size() - 1; keep >= 2; --keep) {
    std::size_t tail = keep * 2 / 5, head = keep - tail;
    std::u32string t = s.substr(0, head) + U"…" + s.substr(s.size() - tail);
    if (width_of(t, size, bold) <= width) return dsl::utf8_encode(t);
  }
  return {};
}

std::string fit_words(const std::string& text, double width, double size, bool bold) {
  std::u32string s = dsl::utf8_decode(text);
  if (width_of(s, size, bold) <= width) return text;
  // Whole words: the longest run of them that fits with the ellipsis.
  for (std::size_t end = s.rfind(U' '); end != std::u32string::npos && end > 0;
       end = s.rfind(U' ', end - 1)) {
    std::u32string t = s.substr(0, end);
    while (!t.empty() && (t.back() == U',' || t.back() == U':' || t.back() == U' ')) t.pop_back();
    if (!t.empty() && width_of(t + U"…", size, bold) <= width) return dsl::utf8_encode(t + U"…");
  }
  // Not even the first word: its start.
  std::size_t first = std::min(s.find(U' '), s.size());
  for (std::size_t keep = first; keep-- > 3;)
    if (width_of(s.substr(0, keep) + U"…", size, bold) <= width)
      return dsl::utf8_encode(s.substr(0, keep) + U"…");
  return {};
}

std::string first_word(const std::string& text) {
  return text.substr(0, std::min(text.find(' '), text.size()));
}

std::string first_chars(const std::string& text, std::size_t n) {
  std::u32string s = dsl::utf8_decode(text);
  if (s.size() <= n) return text;
  std::size_t keep = n - 1, tail = keep * 2 / 5, head = keep - tail;
  return dsl::utf8_encode(s.substr(0, head) + U"…" + s.substr(s.size() - tail));
}

double text_width(const std::string& text, double size, bool bold) {
  return width_of(dsl::utf8_decode(text), size, bold);
}

}  // namespace arshjul::pictures
