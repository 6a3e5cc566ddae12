#pragma once
// `show`: a process's cycle as the seeds' NÄR / VEM / VAD table in date order, then its plan
// (goals, activities, measures), as plain-text tables.
#include <string>

#include "dsl/model.hpp"

namespace arshjul::present {

/// The heading, the cycle's table of cycle `year` and the plan's tables of `p`.
std::string show_text(const dsl::Process& p, int year, dsl::Lang lang);

}  // namespace arshjul::present
