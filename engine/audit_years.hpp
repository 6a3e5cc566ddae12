#pragma once
// The audit of several cycles side by side (`audit --years 2022-2026`): per cycle only the
// tallies (on time, late, missing) in total, per role and per unit, so that five years of a
// large administration need no more memory than one audit.
#include <vector>

#include "engine/audit.hpp"
#include "engine/roster.hpp"
#include "engine/store.hpp"

namespace arshjul::engine {

struct YearTallies {
  int cycle = 0;
  Tally total;
  TallyMap roles, units;
};

/// The tallies of one audit: every process summed, per role and per unit.
YearTallies year_tallies(const AuditReport& report);

/// Audits the cycles `first`..`last` as of `as_of`, each by its rules in force (the recorded
/// version, else `files`) and with the store's start date, as `arshjul audit` does one.
/// Throws StoreError.
std::vector<YearTallies> audit_years(const std::vector<dsl::Process>& files, const Roster& roster,
                                     const Store& store, int first, int last, dsl::Date as_of);

}  // namespace arshjul::engine
