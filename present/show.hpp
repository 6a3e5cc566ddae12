#pragma once
// `check` and `show`: a process's summary line; its cycle as the seeds' NÄR / VEM / VAD table
// in date order, then its plan (goals, activities, measures), as plain-text tables.
#include <string>

#include "dsl/model.hpp"

namespace arshjul::present {

/// `check`'s line for `p`: "FILE: process ID: N steg, N roller, N beroenden" and its plan's
/// counts.
std::string check_text(const dsl::Process& p, dsl::Lang lang);

/// The heading, the cycle's table of cycle `year` and the plan's tables of `p`.
std::string show_text(const dsl::Process& p, int year, dsl::Lang lang);

}  // namespace arshjul::present
