#pragma once
// The cycle as an RFC 5545 calendar (ICS), written with libical.
#include <ctime>
#include <optional>
#include <string>
#include <vector>

#include "dsl/model.hpp"
#include "engine/roster.hpp"

namespace arshjul::pictures {

struct CalendarOptions {
  int year = 0;
  std::optional<std::string> role;  ///< only steps with this role in VEM
  std::optional<std::string> unit;  ///< per-unit steps for this unit (else one event per step)
  /// With `unit`: a per-unit step none of whose per-unit roles the unit has is left out.
  const engine::Roster* roster = nullptr;
  bool deadlines_only = false;  ///< a one-day event on each deadline instead of the window
  std::time_t now = 0;          ///< DTSTAMP
  dsl::Lang lang = dsl::Lang::sv;
};

/// One VEVENT per task (per occurrence; per unit when `unit` is set), all-day over its window
/// (or on its deadline), with a UID that depends only on process, cycle, step, unit and
/// occurrence, so re-importing updates events instead of duplicating them. SUMMARY is the
/// step and its VAD, DESCRIPTION holds VAD, VEM and EFTER, CATEGORIES the roles.
std::string render_calendar(const std::vector<dsl::Process>& processes,
                            const CalendarOptions& options);

}  // namespace arshjul::pictures
