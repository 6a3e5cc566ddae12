#pragma once
// The audit: for one cycle, was every step done, on time, in order, by the right role?
// Pure: rules, roster, the cycle's entries and an "as of" date in, findings out.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "dsl/model.hpp"
#include "dsl/schedule.hpp"
#include "engine/engine.hpp"
#include "engine/roster.hpp"
#include "engine/store.hpp"

namespace arshjul::engine {

/// How a task of the cycle ended up.
enum class Outcome { on_time, late, missing, pending, not_applicable };
/// The audit's view of the engine's state: done -> on time, done late -> late, overdue ->
/// missing, not applicable as it is, every other state (not due yet) -> pending.
Outcome outcome_of(State state);

/// A task done before a task it depends on was done (or while that was never done).
struct OrderIssue {
  std::size_t step = 0;
  std::string unit;
  std::optional<dsl::Date> done_on;  ///< empty: never done
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
};

/// An entry of the cycle that matches no task.
struct UnmatchedRecord {
  Completion record;
  enum class Why { unknown_process, unknown_step, unknown_unit } why;
};

struct Tally {
  int on_time = 0, late = 0, missing = 0;
  int due() const { return on_time + late + missing; }
};

struct ProcessAudit {
  std::size_t process = 0;
  std::vector<AuditTask> tasks;
  Tally total;
  std::map<std::string, Tally> by_role;
  std::map<std::string, Tally> by_unit;
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
/// `entries`, the cycle's store entries oldest first.
AuditReport audit(const std::vector<dsl::Process>& processes, const Roster& roster, int cycle,
                  dsl::Date as_of, const std::vector<Completion>& entries);

}  // namespace arshjul::engine
