#pragma once
// A snapshot kept up to date entry by entry: after a write, only the tasks the new entries can
// change are classified again (the task itself, the tasks that wait for it or whose OM reads
// it, spread over units and områden as the engine spreads them), instead of reading the store
// and evaluating every task anew. The result equals load_snapshot's after the same entries
// (tests/test_incremental.cpp checks it after every write of random sequences).
#include <cstddef>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

#include "engine/engine.hpp"
#include "engine/snapshot.hpp"
#include "engine/store.hpp"

namespace arshjul::engine {

/// A task apply_entries classified anew and found changed: its place in Snapshot::tasks and
/// how it was before.
struct Reclassified {
  std::size_t index = 0;
  Task before;
};

/// What the entries change, worked out without changing what readers of the snapshot read
/// (its tasks, "most urgent first", `ignored`): the tasks whose classification changed, as
/// they are now, and the order "most urgent first" with them, so that commit_entries changes
/// the snapshot in O(changed tasks) while pages wait.
struct Prepared {
  std::vector<std::pair<std::size_t, Task>> changed;  ///< place in Snapshot::tasks, the task now
  std::vector<const Task*> urgent;  ///< Snapshot::urgent after the change (into its tasks)
  std::size_t ignored = 0;
};

/// Adds `entries` (written to the store after the snapshot was loaded, oldest first) to the
/// evaluation of a snapshot loaded with SnapshotOptions::incremental and re-classifies the
/// tasks they can change, for commit_entries. Entries of cycles the snapshot did not read, or
/// done after its date, change nothing, as in load_snapshot. Changes only the evaluation,
/// which pages do not read: they may read the snapshot meanwhile, but only one call of
/// prepare_entries or apply_entries at a time, each followed by its commit_entries. Nullopt
/// (the snapshot untouched) when it was not loaded incrementally: then load it again.
std::optional<Prepared> prepare_entries(const Snapshot& snapshot,
                                        const std::vector<Completion>& entries);

/// Puts what prepare_entries worked out into the snapshot: O(changed tasks), "most urgent
/// first" merged, not sorted again. Returns the tasks whose classification changed.
std::vector<Reclassified> commit_entries(Snapshot& snapshot, Prepared&& prepared);

/// prepare_entries and commit_entries in one.
std::optional<std::vector<Reclassified>> apply_entries(Snapshot& snapshot,
                                                       const std::vector<Completion>& entries);

/// The plan's follow-up of the snapshot read again from `store` (after an activity status or a
/// measured value was written), for Snapshot::plans; nullopt when the snapshot keeps none.
/// Throws StoreError.
std::optional<std::vector<PlanFollowUp>> reload_plans(const Snapshot& snapshot, const Store& store);

/// A task classified anew: its place in Snapshot::tasks and its classification now.
struct Moved {
  std::size_t index = 0;
  const Task* now = nullptr;
};
/// Prepared::changed as Moved.
std::vector<Moved> moved(const std::vector<std::pair<std::size_t, Task>>& changed);
/// `list` (tasks of `snapshot` most urgent first: Snapshot::urgent or a part of it, ordered as
/// the tasks are classified now) with the `moved` tasks taken out where they are in it and put
/// back where their new classification goes when they need attention: the order order_urgent
/// gives once they are committed, found with O(moved * log(list)) comparisons and the list
/// copied in runs around them. Call it before the moved tasks are committed.
std::vector<const Task*> merged_urgent(const Snapshot& snapshot,
                                       const std::vector<const Task*>& list,
                                       const std::vector<Moved>& moved);

/// For load_snapshot: fills Snapshot::urgent (the tasks that need attention, most urgent first).
void order_urgent(Snapshot& snapshot);
/// For load_snapshot with SnapshotOptions::incremental: keeps `records` (of cycles
/// `cycles`), the roster (which must outlive the snapshot) and the options in `snapshot`;
/// `plans`: the plan's follow-up was read (reload_plans reads it again).
void keep_evaluation(Snapshot& snapshot, std::unique_ptr<Records> records, const Roster& roster,
                     const EngineOptions& options, std::pair<int, int> cycles, bool plans);

/// The tasks of `step` of `process` (an index of processes()) in `cycle`, in the engine's
/// order: found directly in an incremental snapshot, by a look at every task otherwise.
std::vector<const Task*> tasks_of(const Snapshot& snapshot, std::size_t process, int cycle,
                                  std::size_t step);

/// True when the two tasks are classified alike (state, days, what they wait for, when done).
bool same_classification(const Task& a, const Task& b);

}  // namespace arshjul::engine
