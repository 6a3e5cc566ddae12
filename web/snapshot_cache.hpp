#pragma once
// The web view's evaluation cache: the engine's snapshot as of a date for one state of the
// store, shared by the overview and "my tasks" until the store or the date changes.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "dsl/schedule.hpp"
#include "engine/snapshot.hpp"

namespace arshjul::web {

struct CachedSnapshot {
  std::string key;  ///< the date and the store's change mark it was built for
  engine::Snapshot snapshot;
  std::mutex overview_mutex;
  std::map<std::size_t, std::string> overview;  ///< rendered body per process
};

class SnapshotCache {
 public:
  /// Builds the snapshot of a date from the store (called with no lock of the cache held
  /// but the build lock: one build at a time).
  using Load = std::function<engine::Snapshot(dsl::Date)>;
  /// The store's engine::Store::change_mark() now (throws engine::StoreError).
  using Mark = std::function<std::int64_t()>;
  SnapshotCache(Mark mark, Load load) : mark_(std::move(mark)), load_(std::move(load)) {}

  /// The snapshot for `date` and the store as it is now: the cached one, or a new one when the
  /// store's change mark moved since (a write by this server, another server on the same
  /// store, or a command). Throws engine::StoreError when the store cannot be read.
  std::shared_ptr<CachedSnapshot> current(dsl::Date date);

 private:
  std::shared_ptr<CachedSnapshot> fresh(const std::string& key);

  std::string key_now(dsl::Date date) const;

  Mark mark_;
  Load load_;
  std::mutex snapshot_mutex_, build_mutex_;
  std::shared_ptr<CachedSnapshot> snapshot_;
};

}  // namespace arshjul::web
