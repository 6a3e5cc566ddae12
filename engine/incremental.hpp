#pragma once
// A snapshot kept up to date entry by entry: after a write, only the tasks the new entries can
// change are classified again (the task itself, the tasks that wait for it or whose OM reads
// it, spread over units and områden as the engine spreads them), instead of reading the store
// and evaluating every task anew. The result equals load_snapshot's after the same entries
// (tests/test_incremental.cpp checks it after every write of random sequences).
#include <cstddef>
#include <memory>
#include <optional>
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

/// Adds `entries` (written to the store after the snapshot was loaded, oldest first) to a
/// snapshot loaded with SnapshotOptions::incremental, re-classifies the tasks they can change
/// and orders Snapshot::urgent again. Entries of cycles the snapshot did not read, or done after
/// its date, change nothing, as in load_snapshot. Returns the tasks whose classification
/// changed; nullopt (and the snapshot untouched) when it was not loaded incrementally: then
/// load it again.
std::optional<std::vector<Reclassified>> apply_entries(Snapshot& snapshot,
                                                       const std::vector<Completion>& entries);

/// The plan's follow-up of the snapshot read again from `store` (after an activity status or a
/// measured value was written). Throws StoreError.
void reload_plans(Snapshot& snapshot, const Store& store);

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
