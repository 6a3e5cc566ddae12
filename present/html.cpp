#include "present/html.hpp"

#include "pictures/wheel.hpp"

namespace arshjul::present {

std::string escape_html(std::string_view text) {
  return pictures::escape_xml(text);
}

std::size_t plain_prefix(std::string_view text) {
  return pictures::xml_plain_prefix(text);
}

Html& Html::begin_page(std::string_view lang, std::string_view title, std::string_view style) {
  return format(
      "<!DOCTYPE html>\n<html lang=\"{}\"><head><meta charset=\"utf-8\"><meta "
      "name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{}</title>"
      "<style>{}</style></head><body>\n",
      lang, title, trusted(style));
}

}  // namespace arshjul::present
