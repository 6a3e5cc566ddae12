#pragma once
// The web view's evaluation cache: the engine's snapshot as of a date for one state of the
// store, shared by the overview and "my tasks" until the store or the date changes. Entries
// this server writes are taken into the snapshot where it is (engine::apply_entries: only the
// tasks they can change are classified again) instead of evaluating every task anew.
#include <atomic>
#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <string>
#include <vector>

#include "dsl/schedule.hpp"
#include "engine/snapshot.hpp"
#include "engine/store.hpp"
#include "web/access.hpp"
#include "web/pages.hpp"
#include "web/status_counts.hpp"

namespace arshjul::web {

struct CachedSnapshot {
  std::string key;  ///< the date and the store's stamp it was built for
  engine::Snapshot snapshot;
  /// Readers hold it shared while they read `snapshot`; taking entries holds it alone.
  std::shared_mutex mutex;
  /// Passed by readers before they take `mutex`, held by a writer while it waits for it: a
  /// stream of readers cannot keep the entries out.
  std::mutex gate;
  /// The store changed under it by another program while this server wrote: loaded anew.
  std::atomic<bool> stale{false};
  std::mutex overview_mutex;
  std::map<std::size_t, std::string> overview;  ///< rendered body per process
  std::optional<StatusCounts> counts;           ///< the overview's table, once counted
  /// The urgent tasks per unit, for "my tasks": made on first use after each change.
  const UrgentByUnit& urgent_by_unit(const engine::Roster& roster);
  std::mutex by_unit_mutex;
  std::optional<UrgentByUnit> by_unit;
  /// The overview's wheel per process, until a task of the cycle it shows changes state.
  std::map<std::size_t, OverviewWheel> wheels;
};

/// A cached snapshot held for reading: it does not change while this lives.
class Reading {
 public:
  explicit Reading(std::shared_ptr<CachedSnapshot> s) : s_(std::move(s)) {
    std::lock_guard gate(s_->gate);
    lock_ = std::shared_lock(s_->mutex);
  }
  const engine::Snapshot& snapshot() const { return s_->snapshot; }
  CachedSnapshot& cached() const { return *s_; }

 private:
  std::shared_ptr<CachedSnapshot> s_;
  std::shared_lock<std::shared_mutex> lock_;
};

/// What a reader of the store would see, as the file system tells it (modification times and
/// sizes of the file and its WAL).
std::string store_stamp(const std::string& path);

class SnapshotCache {
 public:
  /// Builds the snapshot of a date from the store (called with no lock of the cache held
  /// but the build lock: one build at a time); load it with SnapshotOptions::incremental for
  /// written() to take entries into it.
  using Load = std::function<engine::Snapshot(dsl::Date)>;
  /// Reads the plans' follow-up again after an activity status or a measured value.
  using ReloadPlans = std::function<void(engine::Snapshot&)>;
  SnapshotCache(std::string store_path, Load load, ReloadPlans reload_plans = {})
      : store_path_(std::move(store_path)),
        load_(std::move(load)),
        reload_plans_(std::move(reload_plans)) {}

  /// The snapshot for `date` and the store as it is now: the cached one, or a new one.
  Reading current(dsl::Date date);

  /// What a write gave the store: the completions written (oldest first), and whether plan
  /// entries (statuses, values) were.
  struct Written {
    std::vector<engine::Completion> entries;
    bool plans = false;
  };
  /// Runs `write` (which commits to the store and says what it wrote) with no snapshot being
  /// built meanwhile; then the cached snapshot, if it was of the store as it was just before,
  /// takes what was written and is kept for the store as it is after. Otherwise the next
  /// current() loads anew. Rethrows what `write` throws (the snapshot untouched).
  void written(const std::function<Written()>& write);

 private:
  std::shared_ptr<CachedSnapshot> fresh(const std::string& key);
  std::string key_of(dsl::Date date) const;
  /// Takes `w` into `s` (held alone), keyed `key` afterwards.
  void take(CachedSnapshot& s, const Written& w, std::string key);

  std::string store_path_;
  Load load_;
  ReloadPlans reload_plans_;
  std::mutex snapshot_mutex_, build_mutex_;
  std::shared_ptr<CachedSnapshot> snapshot_;
  std::atomic<int> writing_{0};  ///< written() calls under way
};

}  // namespace arshjul::web
