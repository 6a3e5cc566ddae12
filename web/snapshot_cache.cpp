#include "web/snapshot_cache.hpp"

#include <fmt/format.h>
#include <sys/stat.h>

namespace arshjul::web {

// Every commit grows or touches the WAL file, every checkpoint the main file. Comparing these
// is far cheaper than evaluating every task again, and a writer outside the server (`done`,
// `import`) is seen too.
std::string store_stamp(const std::string& path) {
  std::string stamp;
  for (const auto& p : {path, path + "-wal"}) {
    struct stat st {};
    if (stat(p.c_str(), &st) == 0)
      stamp += fmt::format("{}.{}:{};", st.st_mtim.tv_sec, st.st_mtim.tv_nsec, st.st_size);
    else
      stamp += "-;";
  }
  return stamp;
}

std::shared_ptr<CachedSnapshot> SnapshotCache::fresh(const std::string& key) {
  std::lock_guard lock(snapshot_mutex_);
  return snapshot_ && snapshot_->key == key ? snapshot_ : nullptr;
}

std::shared_ptr<CachedSnapshot> SnapshotCache::current(dsl::Date date) {
  // The stamp is read before the store: an entry committed in between makes the next
  // request build again, so a snapshot is never older than its key says.
  std::string key = dsl::iso(date) + "|" + store_stamp(store_path_);
  if (auto s = fresh(key)) return s;
  // One build at a time: after a write, a hundred readers wait for one evaluation instead
  // of each running their own.
  std::lock_guard build(build_mutex_);
  key = dsl::iso(date) + "|" + store_stamp(store_path_);
  if (auto s = fresh(key)) return s;
  auto s = std::make_shared<CachedSnapshot>();
  s->key = key;
  s->snapshot = load_(date);
  std::lock_guard lock(snapshot_mutex_);
  snapshot_ = s;
  return s;
}

}  // namespace arshjul::web
