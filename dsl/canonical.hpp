#pragma once
// The compiled model of a process as canonical text: every field that gives the process its
// meaning, in a fixed order, and nothing of where it was written (no file names, lines or
// columns, no comments or layout). Two rule files with the same canonical text mean the same
// thing: `arshjul fmt` checks its result with it, and it is what a comparison of versions or
// a hash of the rules in force reads.
#include <string>

#include "dsl/model.hpp"

namespace arshjul::dsl {

/// One line per element ("step t1_rapport", "  when maj 0:5/0-0/... ", ...); stable across
/// runs and machines. A field added to the model must be added here (tests/test_fmt.cpp
/// checks that every shipped process round-trips through `arshjul fmt` with the same text).
std::string canonical_text(const Process& p);

/// The canonical text of one item of `p`'s plan (the lines canonical_text(p) has for it).
std::string canonical_text(const Process& p, const Goal& g);
std::string canonical_text(const Process& p, const Activity& a);
std::string canonical_text(const Process& p, const Measure& m);

}  // namespace arshjul::dsl
