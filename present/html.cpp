#include "present/html.hpp"

#include "pictures/wheel.hpp"

namespace arshjul::present {

std::string escape_html(std::string_view text) {
  return pictures::escape_xml(text);
}

// Exactly what escape_xml copies unchanged, no more: a byte or sequence it would change (or
// any it might, such as a four-byte one) ends the prefix, and the rest goes through it.
std::size_t plain_prefix(std::string_view text) {
  auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  auto follows = [&](std::size_t i) { return i < text.size() && (byte(i) & 0xC0) == 0x80; };
  std::size_t n = 0;
  while (n < text.size()) {
    const unsigned char b = byte(n);
    if (b >= 0x20 && b < 0x7F) {
      if (b == '&' || b == '<' || b == '>' || b == '"' || b == '\'') break;
      ++n;
    } else if (b >= 0xC3 && b <= 0xDF && follows(n + 1)) {  // U+00C0..U+07FF
      n += 2;
    } else if (b == 0xC2 && n + 1 < text.size() && byte(n + 1) >= 0xA0 &&
               byte(n + 1) <= 0xBF) {  // U+00A0..U+00BF (no-break space), not C1 controls
      n += 2;
    } else if (((b >= 0xE1 && b <= 0xEC) || b == 0xEE || b == 0xEF) && follows(n + 1) &&
               follows(n + 2)) {  // U+1000..U+FFFF but surrogates
      if (b == 0xEF && byte(n + 1) == 0xBF && byte(n + 2) >= 0xBE) break;  // U+FFFE, U+FFFF
      n += 3;
    } else {
      break;
    }
  }
  return n;
}

Html& Html::begin_page(std::string_view lang, std::string_view title, std::string_view style) {
  return format(
      "<!DOCTYPE html>\n<html lang=\"{}\"><head><meta charset=\"utf-8\"><meta "
      "name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{}</title>"
      "<style>{}</style></head><body>\n",
      lang, title, trusted(style));
}

}  // namespace arshjul::present
