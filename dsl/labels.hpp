#pragma once
// What a person reads as a step's name: its title, else the start of its VAD. Ids are for
// rule files and machines; mail, calendars and pages show this instead.
#include <cstddef>
#include <string>
#include <string_view>

#include "dsl/model.hpp"

namespace arshjul::dsl {

/// `text` with its runs of white space as one space, cut at a word boundary to at most
/// `max_chars` code points with "…" added when anything was cut (a first word longer than
/// that is cut inside it).
std::string shortened(std::string_view text, std::size_t max_chars);

/// A step's name for people: its title (`steg x "Titel"`) when it has one, else its VAD up
/// to the first sentence or colon, shortened to about 60 characters; the id only when the
/// VAD is empty.
std::string step_label(const Step& step);

}  // namespace arshjul::dsl
