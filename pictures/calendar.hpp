#pragma once
// The cycle as an RFC 5545 calendar (ICS), written with libical.
#include <ctime>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "dsl/model.hpp"
#include "engine/roster.hpp"
#include "engine/task_id.hpp"

namespace arshjul::pictures {

struct CalendarOptions {
  int year = 0;
  std::optional<std::string> role;  ///< only steps with this role in VEM
  std::optional<std::string> unit;  ///< per-unit steps for this unit (else one event per step)
  /// With `unit`: a per-unit step none of whose per-unit roles the unit has is left out.
  const engine::Roster* roster = nullptr;
  bool windows = false;  ///< each window as a multi-day event instead of a day on its deadline
  std::time_t now = 0;   ///< DTSTAMP
  dsl::Lang lang = dsl::Lang::sv;
  /// When set (a link base is configured): the web view's address of a task, the event's URL.
  std::function<std::string(const engine::TaskId&)> task_url;
  std::string web_home;  ///< the web view's address, for an event that is no single task
  /// When the rule file at a path last changed (see calendar_versions.hpp); 0 when unknown.
  std::function<std::time_t(const std::string&)> file_changed;
  std::string previous;  ///< the previous export's text, for SEQUENCE and LAST-MODIFIED
};

/// One VEVENT per task (per occurrence; per unit when `unit` is set), all-day on its deadline
/// (over its window with `windows`; a timed event at its time), with a UID that depends only
/// on process, cycle, step, unit and occurrence, so re-importing updates events instead of
/// duplicating them, and SEQUENCE and LAST-MODIFIED as calendar_versions.hpp says. SUMMARY is
/// "Title (unit)" (dsl::step_label), DESCRIPTION holds VAD, NÄR, VEM and EFTER, CATEGORIES
/// the roles, URL the task in the web view (else the step's LÄNK); X-WR-CALNAME names it.
std::string render_calendar(const std::vector<dsl::Process>& processes,
                            const CalendarOptions& options);

}  // namespace arshjul::pictures
