#pragma once
// The web view's evaluation cache: the engine's snapshot as of a date for one state of the
// store, shared by the overview and "my tasks" until the store or the date changes. Entries
// this server writes are taken into the snapshot where it is (engine::apply_entries: only the
// tasks they can change are classified again) instead of evaluating every task anew.
#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "dsl/schedule.hpp"
#include "engine/incremental.hpp"
#include "engine/snapshot.hpp"
#include "engine/store.hpp"
#include "engine/task_id.hpp"
#include "web/access.hpp"
#include "web/pages.hpp"
#include "web/status_counts.hpp"

namespace arshjul::web {

struct CachedSnapshot {
  std::string date;  ///< the date it was built for (ISO 8601); never changes
  /// The store's change mark it holds every entry up to: the mark read before it was loaded,
  /// then the mark after each write it took (marks only grow: the store is insert-only).
  std::atomic<std::int64_t> mark{-1};
  engine::Snapshot snapshot;
  /// Readers hold it shared while they read `snapshot`; taking entries holds it alone.
  std::shared_mutex mutex;
  /// Passed by readers before they take `mutex`, held by a writer while it waits for it: a
  /// stream of readers cannot keep the entries out.
  std::mutex gate;
  /// Another program or server wrote before this server's write: loaded anew.
  std::atomic<bool> stale{false};
  std::mutex overview_mutex;
  /// The rendered body per process, shared with the pages being sent (a write drops it here).
  std::map<std::size_t, std::shared_ptr<const std::string>> overview;
  std::optional<StatusCounts> counts;  ///< the overview's table, once counted
  /// The urgent tasks per unit, for "my tasks": made on first use, then changed by each write
  /// where its tasks are (beside it, before pages wait for it).
  const UrgentByUnit& urgent_by_unit(const engine::Roster& roster);
  std::mutex by_unit_mutex;
  std::optional<UrgentByUnit> by_unit;
  /// A task's history (engine::EntryCounts::entries_of) as the task page shows it, when kept
  /// with this snapshot: nullopt when it was not (read it with entries_at_mark, then offer it
  /// to keep_history).
  std::optional<std::vector<engine::Completion>> history(const engine::TaskId& id);
  /// Keeps `entries`, read from the store at change mark `at_mark`, as `id`'s history, if
  /// that is this snapshot's mark now: a history read before a write this snapshot has taken
  /// in (or one another program committed) is not kept. Taken writes add their entries to the
  /// kept histories (SnapshotCache::take), under the same lock as they move the mark.
  void keep_history(const engine::TaskId& id, std::vector<engine::Completion> entries,
                    std::int64_t at_mark);
  /// The history kept, else `read()`'s (the entries and the mark they are of), kept if it may be.
  std::vector<engine::Completion> history_or(
      const engine::TaskId& id,
      const std::function<std::pair<std::vector<engine::Completion>, std::int64_t>()>& read);
  /// A taken write: its entries added to the kept histories, and the mark moved to `after`.
  void took(const std::vector<engine::Completion>& entries, std::int64_t after);
  std::mutex history_mutex;
  std::unordered_map<std::string, std::vector<engine::Completion>> histories;  ///< by text()
  /// What "my tasks" says of each step of the snapshot's rules (a write never changes them):
  /// made on first use, in `lang` (the server's one language).
  const StepTexts& step_texts(dsl::Lang lang);
  std::once_flag step_texts_once;
  std::optional<StepTexts> step_texts_made;
  /// The overview's wheel per process, until a task of the cycle it shows changes state.
  std::map<std::size_t, OverviewWheel> wheels;
  /// The states a wheel shows per process version and cycle, made with its first wheel and
  /// moved by each write (with overview_mutex): a wheel drawn again after a write reads them,
  /// not every task.
  std::map<std::pair<std::size_t, int>, pictures::StateTally> tallies;
};

/// A cached snapshot held for reading: it does not change while this is locked. A page copies
/// what it shows (a few tasks) and unlocks before it writes the page, so that a write waits
/// only for those copies, and the pages after it only for the write's O(changed tasks) part.
class Reading {
 public:
  explicit Reading(std::shared_ptr<CachedSnapshot> s) : s_(std::move(s)) {
    std::lock_guard gate(s_->gate);
    lock_ = std::shared_lock(s_->mutex);
  }
  const engine::Snapshot& snapshot() const { return s_->snapshot; }
  CachedSnapshot& cached() const { return *s_; }
  /// The snapshot may change from here (its tasks, plans and order): only what a write never
  /// changes may be read after it (processes(), the date), as long as this lives.
  void unlock() { lock_.unlock(); }

 private:
  std::shared_ptr<CachedSnapshot> s_;
  std::shared_lock<std::shared_mutex> lock_;
};

/// The store's change mark read for many requests at once: a request needs a read that
/// started after it arrived (then its page holds every entry committed before it was asked
/// for), and one read at a time serves every request that arrived before it started. A
/// hundred readers on PostgreSQL made a hundred round trips per page turn, and PostgreSQL's
/// processes took a core from the pages.
class SharedMarkRead {
 public:
  explicit SharedMarkRead(std::function<std::int64_t()> read) : read_(std::move(read)) {}
  /// The mark from a read started after this call began; throws what the read throws (to the
  /// request that made it: the ones waiting make their own).
  std::int64_t get();

 private:
  std::function<std::int64_t()> read_;
  std::mutex mutex_;
  std::condition_variable done_;
  std::uint64_t started_ = 0, finished_ = 0;  ///< reads started, and the last one finished
  bool reading_ = false;
  std::int64_t value_ = -1;  ///< what the last finished read found
};

class SnapshotCache {
 public:
  /// Builds the snapshot of a date from the store (called with no lock of the cache held
  /// but the build lock: one build at a time); load it with SnapshotOptions::incremental for
  /// written() to take entries into it.
  using Load = std::function<engine::Snapshot(dsl::Date)>;
  /// The store's engine::Store::change_mark() now (throws engine::StoreError).
  using Mark = std::function<std::int64_t()>;
  /// Reads the plans' follow-up again after an activity status or a measured value
  /// (engine::reload_plans: nullopt when the snapshot keeps none).
  using ReloadPlans =
      std::function<std::optional<std::vector<engine::PlanFollowUp>>(const engine::Snapshot&)>;
  SnapshotCache(Mark mark, Load load, ReloadPlans reload_plans = {})
      : mark_(std::move(mark)), load_(std::move(load)), reload_plans_(std::move(reload_plans)) {}

  /// The snapshot for `date` and the store as it is now: the cached one, or a new one when the
  /// store's change mark moved since (a write by another server on the same store or a
  /// command; this server's own writes are taken in by written()). Throws engine::StoreError
  /// when the store cannot be read.
  Reading current(dsl::Date date);

  /// What a write gave the store: the completions written (oldest first), whether plan
  /// entries (statuses, values) were, and the store's change mark just before and just after
  /// them, both read inside the write's transaction (writers take turns on both back-ends, so
  /// nothing else is committed between the two). Marks left unknown (-1) after a write: the
  /// snapshot is loaded anew. Nothing written (no entries, no plans): the snapshot is kept.
  struct Written {
    std::vector<engine::Completion> entries;
    bool plans = false;
    std::int64_t before = -1, after = -1;
  };
  /// Called by a write inside its transaction, after its entries and its marks and before its
  /// commit (write_marked calls it): works out what the entries change while pages go on
  /// reading the snapshot, so that pages asked after the commit wait only for that to be put
  /// in, not for it to be worked out.
  using BeforeCommit = std::function<void(const Written&)>;
  /// Runs `write` (which commits to the store, calls its argument just before the commit and
  /// says what it wrote) with no snapshot being built meanwhile; then the cached snapshot, if
  /// its mark is the mark just before the write, takes what was written and is marked with
  /// the mark just after. Otherwise (another program or server committed since it was loaded,
  /// or `write` did not call its argument) the next current() loads anew. Rethrows what `write`
  /// throws (the snapshot untouched, or loaded anew when the write failed after its entries
  /// were worked out).
  void written(const std::function<Written(const BeforeCommit&)>& write);

 private:
  /// The cached snapshot if it is of `date` and holds every entry up to `mark`; while this
  /// server's write is taken into it, waits for that (not for the write's commit).
  std::shared_ptr<CachedSnapshot> fresh(const std::string& date, std::int64_t mark);
  /// What a write's entries change, worked out before its commit.
  struct Prepared {
    std::optional<engine::Prepared> entries;
    /// The lists of CachedSnapshot::by_unit the entries change, made here, not by the pages
    /// after the write (none when it was not made yet).
    std::optional<UrgentByUnit::Changes> by_unit;
  };
  /// Works out what `w` changes in `s` (pages go on reading it: only one writer at a time gets
  /// here, the build lock).
  static Prepared prepare(CachedSnapshot& s, const Written& w);
  /// Puts `p` into `s` (held alone for O(changed tasks)), marked w.after afterwards; the plans
  /// read again first when `w` wrote plan entries.
  void take(CachedSnapshot& s, const Written& w, Prepared& p);
  /// Wakes the readers fresh() holds back (after `s` took a write, went stale, or a write ended).
  void taken();

  SharedMarkRead mark_;
  Load load_;
  ReloadPlans reload_plans_;
  std::mutex snapshot_mutex_, build_mutex_;
  std::condition_variable taken_;  ///< with snapshot_mutex_: see taken()
  std::shared_ptr<CachedSnapshot> snapshot_;
  std::atomic<int> writing_{0};  ///< written() calls under way
};

/// Runs `body` in one transaction of `store` (a writer's connection) with the store's change
/// mark read first and last in it, into w.before and w.after (writers take turns on both
/// back-ends, so nothing else is committed between the two), then `before_commit`. `body` returns
/// false when it left entries out (sent twice): the marks are then left unknown and the snapshot is
/// loaded anew. Throws what `body` or the store throws (nothing written).
void write_marked(engine::Store& store, SnapshotCache::Written& w,
                  const std::function<bool()>& body,
                  const SnapshotCache::BeforeCommit& before_commit);

}  // namespace arshjul::web
