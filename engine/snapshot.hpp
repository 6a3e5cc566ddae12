#pragma once
// The engine's one entry point for every front-end (status, next, remind, the report and the
// wheel, the web view): rules, roster, store, date and options in; the tasks, the plan's
// follow-up and the order "most urgent first" out.
#include <memory>
#include <optional>
#include <vector>

#include "dsl/model.hpp"
#include "dsl/schedule.hpp"
#include "engine/engine.hpp"
#include "engine/plan.hpp"
#include "engine/roster.hpp"
#include "engine/store.hpp"
#include "engine/task_id.hpp"
#include "engine/versions.hpp"

namespace arshjul::engine {

struct SnapshotOptions {
  EngineOptions engine;
  /// Unset: the cycles around the date, as `evaluate` chooses them (status, remind, the web
  /// view). Set: every task of that one cycle, whatever the date (the wheel, the report, a
  /// task's page); the entries of the cycle before are read too, as a step may wait for one.
  std::optional<int> cycle;
  /// With `cycle`: only this process.
  std::optional<std::size_t> process;
  /// The plan's follow-up of each process's current cycle as of the date (current_plans).
  bool plans = false;
  /// Keep the store entries of this task, oldest first (a task's history).
  std::optional<TaskId> history_of;
  /// Each cycle by the rules the store records for it (engine/versions.hpp), else by the
  /// files; false: every cycle by the rules given (a picture or a comparison of rule files).
  bool recorded_rules = true;
  /// Keep what apply_entries (engine/incremental.hpp) needs to take later entries without
  /// evaluating everything again: the records and the engine's options (not with `cycle`).
  bool incremental = false;
};

struct Evaluation;  // engine/incremental.cpp: what an incremental snapshot keeps

/// Everything a front-end shows about one date. Moves keep the pointers valid; it is not
/// copied.
struct Snapshot {
  dsl::Date date;
  std::vector<Task> tasks;          ///< evaluated, in the engine's order
  std::vector<const Task*> urgent;  ///< the tasks that need attention, most urgent first
  std::vector<PlanFollowUp> plans;  ///< when SnapshotOptions::plans
  std::vector<Completion> history;  ///< when SnapshotOptions::history_of
  std::size_t ignored = 0;          ///< entries naming no known process, step or unit
  /// The rules the cycles were evaluated by: a task's `process` indexes processes().
  RulesInForce rules;
  const std::vector<dsl::Process>& processes() const { return rules.processes(); }
  /// Set with SnapshotOptions::incremental.
  std::shared_ptr<Evaluation> evaluation;

  Snapshot() = default;
  Snapshot(Snapshot&&) = default;
  Snapshot& operator=(Snapshot&&) = default;
  Snapshot(const Snapshot&) = delete;
  Snapshot& operator=(const Snapshot&) = delete;
};

/// Reads what the snapshot needs from `store` (none: nothing recorded yet) and evaluates it
/// as of `date`, each cycle by the rules in force for it (see SnapshotOptions::recorded_rules);
/// `processes` must outlive the snapshot. Throws StoreError.
Snapshot load_snapshot(const std::vector<dsl::Process>& processes, const Roster& roster,
                       const Store* store, dsl::Date date, const SnapshotOptions& options = {});

}  // namespace arshjul::engine
