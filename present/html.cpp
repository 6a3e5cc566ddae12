#include "present/html.hpp"

#include "pictures/wheel.hpp"

namespace arshjul::present {

std::string escape_html(std::string_view text) {
  return pictures::escape_xml(text);
}

}  // namespace arshjul::present
