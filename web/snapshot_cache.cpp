#include "web/snapshot_cache.hpp"

namespace arshjul::web {

// The mark is read per request, one indexed query: the cache is never older than the last
// entry committed by anyone, this server, another server on the store, or a command.
std::string SnapshotCache::key_now(dsl::Date date) const {
  return dsl::iso(date) + "|" + std::to_string(mark_());
}

std::shared_ptr<CachedSnapshot> SnapshotCache::fresh(const std::string& key) {
  std::lock_guard lock(snapshot_mutex_);
  return snapshot_ && snapshot_->key == key ? snapshot_ : nullptr;
}

std::shared_ptr<CachedSnapshot> SnapshotCache::current(dsl::Date date) {
  // The mark is read before the store: an entry committed in between makes the next
  // request build again, so a snapshot is never older than its key says.
  std::string key = key_now(date);
  if (auto s = fresh(key)) return s;
  // One build at a time: after a write, a hundred readers wait for one evaluation instead
  // of each running their own.
  std::lock_guard build(build_mutex_);
  key = key_now(date);
  if (auto s = fresh(key)) return s;
  auto s = std::make_shared<CachedSnapshot>();
  s->key = key;
  s->snapshot = load_(date);
  std::lock_guard lock(snapshot_mutex_);
  snapshot_ = s;
  return s;
}

}  // namespace arshjul::web
