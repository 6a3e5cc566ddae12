#pragma once
// The plan's follow-up: where each activity stands and whether each measure met its target,
// for one cycle as of a date. Read by `followup`, the nightly job and the audit.
#include <optional>
#include <string>
#include <vector>

#include "dsl/model.hpp"
#include "dsl/schedule.hpp"
#include "engine/outcome.hpp"
#include "engine/roster.hpp"
#include "engine/store.hpp"

namespace arshjul::engine {

/// The status words of seed 002 ("Pågående", "Genomfört", "Kvarstår", "Klart").
enum class ActivityStatus { ongoing, done, pending, closed };

/// The status for a word in Swedish or English, compared without case and diacritics.
std::optional<ActivityStatus> parse_status(std::string_view word);
/// "pågående" / "ongoing".
std::string status_word(ActivityStatus status, dsl::Lang lang);
/// Genomfört and Klart end an activity; Pågående and Kvarstår leave it open.
inline bool finished(ActivityStatus s) {
  return s == ActivityStatus::done || s == ActivityStatus::closed;
}

/// The planned completion of `activity` in the cycle starting in `year`: the end of its
/// KLART window (Q4: 31 December). Nullopt without KLART.
std::optional<dsl::Date> planned_completion(const dsl::Process& process,
                                            const dsl::Activity& activity, int year);
/// Tertial `n` (1-3) of the cycle starting in `year`: T1 January-April, T2 May-August, T3
/// September-December (of the calendar year the cycle's tertial falls in).
dsl::Window tertial_window(const dsl::Process& process, int year, int n);
/// "T1".."T3" (or "t2") as 1-3; nullopt for anything else.
std::optional<int> parse_tertial(std::string_view text);

/// One activity (for one unit, for per-unit activities) as of a date.
struct ActivityLine {
  const dsl::Process* process = nullptr;
  int year = 0;  ///< the cycle
  const dsl::Activity* activity = nullptr;
  std::string unit;
  std::optional<dsl::Date> planned;      ///< from KLART
  std::optional<StatusReport> latest;    ///< the last report on or before the date
  std::optional<ActivityStatus> status;  ///< of `latest`
  bool overdue = false;  ///< the planned completion has passed and it is not finished
  std::optional<dsl::Date> finished_on;  ///< when finished: the first report of the finished run
  /// Planned before the store's start date and not finished: "before start", neither overdue
  /// nor a finding (a finished run reported from before the start counts as usual).
  bool before_start = false;
};

/// Whether an activity was finished by its KLART, as an audit sees it on a date; one without
/// KLART is not applicable, one before start (ActivityLine::before_start) is before_start.
struct ActivityJudgement {
  Outcome outcome = Outcome::not_applicable;
  int days_late = 0;  ///< late: finished this long after KLART; missing: open this long after it
};
ActivityJudgement judge(const ActivityLine& line, dsl::Date as_of);

/// One measure (for one unit, for per-unit measures) in one tertial.
struct MeasureLine {
  const dsl::Process* process = nullptr;
  int year = 0;  ///< the cycle
  const dsl::Measure* measure = nullptr;
  std::string unit;
  int tertial = 0;
  dsl::Date due;                       ///< the end of the tertial
  std::optional<MeasuredValue> value;  ///< the latest entry
  bool missing = false;                ///< the tertial has reached its last day with no value given
  bool before_start = false;           ///< no value and the tertial ended before the store's start
  std::optional<bool> met() const {
    if (!value) return std::nullopt;
    return measure->met(value->value);
  }
};

/// The follow-up of one process's plan for one cycle.
struct PlanFollowUp {
  const dsl::Process* process = nullptr;
  int year = 0;
  std::vector<ActivityLine> activities;  ///< in file order, units in roster order
  std::vector<MeasureLine> measures;     ///< in file order, then tertial, then unit
};

/// The entries of the store that the plan's follow-up reads, and the store's start date:
/// items due before it and not done are before start, as tasks are.
struct PlanRecords {
  std::vector<StatusReport> statuses;
  std::vector<MeasuredValue> values;
  std::optional<dsl::Date> start;
};
PlanRecords load_plan_records(const Store& store, int first_cycle, int last_cycle);

/// Follows up every process that has a plan and applies to `year`. Measures are listed
/// for the tertials up to `last_tertial` (1-3) that they are followed up in; `as_of` decides
/// which status reports count and what is overdue or missing.
std::vector<PlanFollowUp> follow_up(const std::vector<dsl::Process>& processes,
                                    const Roster& roster, const PlanRecords& records, int year,
                                    int last_tertial, dsl::Date as_of);

/// The follow-up of every plan in its process's current cycle as of `date` (what is overdue
/// or missing now): what the nightly job, `status` and the web view's "my tasks" show.
std::vector<PlanFollowUp> current_plans(const std::vector<dsl::Process>& processes,
                                        const Roster& roster, const Store& store, dsl::Date date);

/// A measured or target value as users write it: "92,5" in Swedish, "92.5" in English.
std::string number_text(double value, dsl::Lang lang);

/// The units an item is followed up for: every roster unit when its roles are per unit,
/// else one empty unit.
std::vector<std::string> units_for(const dsl::Process& process,
                                   const std::vector<dsl::RoleRef>& roles, const Roster& roster);

}  // namespace arshjul::engine
