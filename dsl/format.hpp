#pragma once
// The canonical layout of a rule file (`arshjul fmt`): what changes is white space only.
//
//   - headers start in column 1, with single spaces between their words (quoted titles are
//     kept as written);
//   - fields are indented two spaces and their values start in one column per kind of block,
//     as in the shipped files: steps after `EFTER `, activities after `KLART  `, goals after
//     `PERSPEKTIV  `, measures after `UPPFÖLJNING  `; a longer keyword (`SENAST`, `UTFALL`)
//     and the fields of process and kalender are followed by one space;
//   - VAD continuation lines start under the VAD's value;
//   - comments stay where they are: a comment line in column 1 stays there, an indented one is
//     indented two spaces; a comment after code keeps its column (at least two spaces after
//     the code);
//   - one blank line between blocks, none inside a block, none at the start or end; no
//     trailing white space; `\n` line ends, no byte-order mark.
// Keywords, names, values and comments are never rewritten, so the compiled model is the same
// (the tests check this on every shipped rule file).
#include <string>
#include <string_view>

namespace arshjul::dsl {

/// `text` in the canonical layout. The text must be a rule file that parses (check it first):
/// the layout follows the parser's reading of indentation (which indented lines continue a
/// VAD), and of a file with syntax errors it cannot know what a line was meant to be.
/// Idempotent: format_rules(format_rules(t)) == format_rules(t).
std::string format_rules(std::string_view text);

}  // namespace arshjul::dsl
