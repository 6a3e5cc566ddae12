#pragma once
// How a task of the cycle, or an activity of a plan, ended up as the audit sees it on a date.
// One enumeration for both: the audit's words and exit code derive from it (FindingKind).

namespace arshjul::engine {

/// on time, late, missing (due and not done), pending (not due yet), not applicable (a step
/// whose condition was not met; an activity without a planned date), before start (a task due
/// before the store's start date with nothing recorded: neither due nor a finding).
enum class Outcome { on_time, late, missing, pending, not_applicable, before_start };

}  // namespace arshjul::engine
