#pragma once
// The compiled model of a process written back as a rule file: the form a store keeps the
// rules in force for a cycle in (engine/versions.hpp). It depends on the model only, never on
// how the files were written: keywords, layout, comments, the order of fields and which file
// declared a role (includes are resolved: the roles of every included library are written
// into it) leave no trace, so two sets of files that compile to the same process give the
// same text. The names, the VAD texts and each NÄR/KLART as written are kept, as the outputs
// show them. The text is a complete rule file without includes: compiled on its own it gives
// the same process again (tests/test_versions.cpp checks this on every rule file it can find).
#include <string>

#include "dsl/model.hpp"

namespace arshjul::dsl {

/// `p` as a self-contained rule file, in the language's English keywords (which the parser
/// reads as it reads the Swedish ones), one field a line, in a fixed order.
std::string source_text(const Process& p);

}  // namespace arshjul::dsl
