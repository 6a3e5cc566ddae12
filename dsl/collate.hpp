#pragma once
// Swedish collation: the one order of every sorted list of names (units, roles, people).
// Letters as in Swedish dictionaries: a-z, then å, ä, ö (æ with ä, ø with ö, ü with y); other
// accents and case decide only between names otherwise equal (unaccented and lower case first).
#include <string>
#include <string_view>

namespace arshjul::dsl {

/// <0, 0 or >0 as `a` sorts before, with or after `b` (equal only when the bytes are).
int swedish_compare(std::string_view a, std::string_view b);

/// The comparison as a function object, for std::sort and std::map.
struct SwedishLess {
  using is_transparent = void;
  bool operator()(std::string_view a, std::string_view b) const {
    return swedish_compare(a, b) < 0;
  }
};

}  // namespace arshjul::dsl
