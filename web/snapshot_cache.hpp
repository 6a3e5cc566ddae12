#pragma once
// The web view's evaluation cache: the engine's snapshot as of a date for one state of the
// store, shared by the overview and "my tasks" until the store or the date changes.
#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "dsl/schedule.hpp"
#include "engine/snapshot.hpp"

namespace arshjul::web {

struct CachedSnapshot {
  std::string key;  ///< the date and the store's stamp it was built for
  engine::Snapshot snapshot;
  std::mutex overview_mutex;
  std::map<std::size_t, std::string> overview;  ///< rendered body per process
};

/// What a reader of the store would see, as the file system tells it (modification times and
/// sizes of the file and its WAL).
std::string store_stamp(const std::string& path);

class SnapshotCache {
 public:
  /// Builds the snapshot of a date from the store (called with no lock of the cache held
  /// but the build lock: one build at a time).
  using Load = std::function<engine::Snapshot(dsl::Date)>;
  SnapshotCache(std::string store_path, Load load)
      : store_path_(std::move(store_path)), load_(std::move(load)) {}

  /// The snapshot for `date` and the store as it is now: the cached one, or a new one.
  std::shared_ptr<CachedSnapshot> current(dsl::Date date);

 private:
  std::shared_ptr<CachedSnapshot> fresh(const std::string& key);

  std::string store_path_;
  Load load_;
  std::mutex snapshot_mutex_, build_mutex_;
  std::shared_ptr<CachedSnapshot> snapshot_;
};

}  // namespace arshjul::web
