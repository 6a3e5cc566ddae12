#pragma once
// The audit: for one cycle, was every step done, on time, in order, by the right role?
// Pure: rules, roster, the cycle's entries and an "as of" date in, findings out.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "dsl/collate.hpp"
#include "dsl/model.hpp"
#include "dsl/schedule.hpp"
#include "engine/engine.hpp"
#include "engine/outcome.hpp"
#include "engine/plan.hpp"
#include "engine/roster.hpp"
#include "engine/store.hpp"

namespace arshjul::engine {

/// The audit's view of the engine's state: done -> on time, done late -> late, overdue ->
/// missing, not applicable as it is, every other state (not due yet) -> pending.
Outcome outcome_of(State state);

/// A task done before a task it depends on was done (or while that was never done).
struct OrderIssue {
  std::size_t step = 0;
  std::string unit;
  std::optional<dsl::Date> done_on;  ///< empty: never done
  std::size_t process = 0;           ///< the step's process: another than the task's for a link
  int cycle = 0;  ///< the step's cycle: another than the audit's for `förra cykeln`
  std::optional<LinkedStep> linked;  ///< set when the step is of another process or cycle
};

struct AuditTask {
  std::size_t step = 0;
  std::string unit;
  int occurrence = 1;
  dsl::Window window;
  Outcome outcome = Outcome::pending;
  int days_late = 0;
  std::optional<dsl::Date> done_on;
  std::string done_by;
  bool conditional = false;  ///< an OM step whose condition was met: it had to run
  std::vector<OrderIssue> out_of_order;
  bool wrong_role = false;                  ///< done by someone outside its VEM
  std::optional<dsl::Date> corrected_from;  ///< a later entry replaced one with this date
  bool vacant = false;  ///< nobody in the roster holds its role at its unit (Task::vacant)
  std::string area;     ///< the område of its unit (or the område of an område's task)
};

/// An entry of the cycle that matches no task.
struct UnmatchedRecord {
  Completion record;
  enum class Why { unknown_process, unknown_step, unknown_unit } why;
};

struct Tally {
  int on_time = 0, late = 0, missing = 0;
  int before_start = 0;  ///< due before the store's start and not recorded: not counted as due
  int due() const { return on_time + late + missing; }
};

/// Tallies by role or unit name, in Swedish order (dsl/collate.hpp).
using TallyMap = std::map<std::string, Tally, dsl::SwedishLess>;

struct ProcessAudit {
  std::size_t process = 0;
  std::vector<AuditTask> tasks;
  Tally total;
  TallyMap by_role;
  TallyMap by_unit;
  TallyMap by_area;  ///< by område, when the roster has them
};

struct AuditReport {
  int cycle = 0;
  dsl::Date as_of;
  std::vector<ProcessAudit> processes;
  std::vector<UnmatchedRecord> unmatched;

  /// late + missing + out of order + wrong role + unmatched records.
  int findings() const;
  /// Units by share of due tasks late or missing, worst first (at most `n`).
  std::vector<std::pair<std::string, Tally>> worst_units(std::size_t n) const;
};

/// Audits cycle `cycle` of every process as of `as_of` (tasks due later are pending) from
/// `entries`, the store entries oldest first (those done after `as_of` are left out): the
/// cycle's, and those of the cycles either side, which only links read (an entry of another
/// cycle is never an unmatched record).
/// With `start` (the store's start date) an unrecorded task due before it is before_start.
AuditReport audit(const std::vector<dsl::Process>& processes, const Roster& roster, int cycle,
                  dsl::Date as_of, const std::vector<Completion>& entries,
                  std::optional<dsl::Date> start = std::nullopt);

// --- findings: what the audit says about a task, as data (its words are in present/) ------

/// What one finding says. The first five mirror Outcome; a task has exactly one of those and
/// any number of the others.
enum class FindingKind {
  on_time,
  late,
  missing,
  pending,
  not_applicable,
  before_start,
  out_of_order,
  wrong_role,
  corrected,
  vacant  ///< a fact beside a missing task: nobody holds its role there
};

/// Late, missing, out of order and wrong role are findings (they make the audit exit 1); the
/// others are facts shown beside them.
constexpr bool is_finding(FindingKind k) {
  return k == FindingKind::late || k == FindingKind::missing || k == FindingKind::out_of_order ||
         k == FindingKind::wrong_role;
}

/// One finding about a task and the facts its sentence needs.
struct Finding {
  FindingKind kind = FindingKind::pending;
  const OrderIssue* order = nullptr;  ///< out_of_order: the task it was done before
};

/// The findings of `t`: first its outcome, then one per order issue, wrong role, correction,
/// and a vacancy when it is missing or not yet due.
std::vector<Finding> findings(const AuditTask& t);
/// The kind the task is shown as: its last finding that is one, else its outcome.
FindingKind headline(const std::vector<Finding>& fs);

/// One finding about the plan: an activity against KLART, or a measure value of a tertial.
struct PlanFinding {
  const PlanFollowUp* plan = nullptr;
  const ActivityLine* activity = nullptr;  ///< one of activity and measure is set
  const MeasureLine* measure = nullptr;
  FindingKind kind = FindingKind::pending;
  int days_late = 0;  ///< activities late or missing: days after KLART
};

/// The plan's activities and measure values as of `as_of`; with `all` false only the
/// activities late or missing, the values missing and the items before start (not findings:
/// a reader counts them apart, as the audit's tally does tasks).
std::vector<PlanFinding> plan_findings(const std::vector<PlanFollowUp>& plans, dsl::Date as_of,
                                       bool all);

}  // namespace arshjul::engine
