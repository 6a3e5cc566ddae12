#pragma once
// How wide text is in the wheel's font, and text shortened to fit a width (wheel_layout.cpp).
#include <cstddef>
#include <string>

namespace arshjul::pictures {

/// `text` shortened to fit `width` at font size `size`: the start and the end kept with '…'
/// between (ids often differ at the end: nämndmål_beslut, nämndmål_dialog); empty when not
/// even two characters and the ellipsis fit.
std::string fit(const std::string& text, double width, double size, bool bold = false);

/// `text` shortened to fit `width` at font size `size` at a word boundary: as many whole
/// words as fit, then '…' ("Skolans kvalitets…" never; "Skolans …" rather); when not even the
/// first word fits, its start with '…' (at least three characters); else empty.
std::string fit_words(const std::string& text, double width, double size, bool bold = false);

/// The first word of `text` (up to its first space).
std::string first_word(const std::string& text);

/// At most `n` code points of `text`, shortened in the middle as `fit` does.
std::string first_chars(const std::string& text, std::size_t n);

}  // namespace arshjul::pictures
