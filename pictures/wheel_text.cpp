#include "pictures/wheel_text.hpp"

#include <string_view>

#include "dsl/text.hpp"
#include "pictures/wheel.hpp"

namespace arshjul::pictures {
namespace {

// Advance widths of DejaVu Sans in 1/1000 em for ' '..'~' and then kExtras, regular and
// bold, as measured in Chromium (canvas measureText). The wheel names DejaVu Sans first;
// Verdana is about as wide, Arial and Helvetica narrower, so what fits here fits there.
constexpr int kRegular[] = {
    318, 401, 460, 838, 636, 950, 780, 275, 390, 390, 500, 838, 318, 361, 318,  337, 636, 636,
    636, 636, 636, 636, 636, 636, 636, 636, 337, 337, 838, 838, 838, 531, 1000, 684, 686, 698,
    770, 632, 575, 775, 752, 295, 295, 656, 557, 863, 748, 787, 603, 787, 695,  635, 611, 732,
    684, 989, 685, 611, 685, 390, 337, 390, 838, 500, 500, 613, 635, 550, 635,  615, 352, 635,
    634, 278, 278, 579, 278, 974, 634, 612, 635, 635, 411, 521, 392, 634, 592,  818, 592, 592,
    525, 636, 337, 636, 838, 613, 613, 612, 684, 684, 787, 615, 634, 732, 500,  1000};
constexpr int kBold[] = {
    348, 456,  521, 838, 696, 1002, 872, 306, 457, 457, 523, 838, 380, 415, 380,  365, 696, 696,
    696, 696,  696, 696, 696, 696,  696, 696, 400, 400, 838, 838, 838, 580, 1000, 774, 762, 734,
    830, 683,  683, 821, 837, 372,  372, 775, 637, 995, 837, 850, 733, 850, 770,  720, 682, 812,
    774, 1103, 771, 724, 725, 457,  365, 457, 838, 500, 500, 675, 716, 593, 716,  678, 435, 716,
    712, 343,  343, 665, 343, 1042, 712, 687, 716, 716, 493, 595, 478, 712, 652,  924, 645, 652,
    582, 712,  365, 712, 838, 675,  675, 687, 774, 774, 850, 678, 712, 812, 500,  1000};
constexpr char32_t kExtras[] = U"åäöÅÄÖéüÜ–…";

double char_width(char32_t c, bool bold) {
  const int* table = bold ? kBold : kRegular;
  if (c >= 0x20 && c < 0x7F) return table[c - 0x20] / 1000.0;
  for (std::size_t i = 0; kExtras[i]; ++i)
    if (kExtras[i] == c) return table[95 + i] / 1000.0;
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
