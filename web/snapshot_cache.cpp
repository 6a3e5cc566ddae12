#include "web/snapshot_cache.hpp"

#include <fmt/format.h>
#include <sys/stat.h>

#include "engine/incremental.hpp"

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

std::string SnapshotCache::key_of(dsl::Date date) const {
  return dsl::iso(date) + "|" + store_stamp(store_path_);
}

std::shared_ptr<CachedSnapshot> SnapshotCache::fresh(const std::string& key) {
  std::lock_guard lock(snapshot_mutex_);
  if (!snapshot_ || snapshot_->stale || snapshot_->key.substr(0, 11) != key.substr(0, 11))
    return nullptr;
  // While this server commits entries the store's stamp moves ahead of the snapshot's: the
  // snapshot takes them as soon as they are committed (written()), before any of their
  // requests is answered, so a reader need not wait for the commit.
  return snapshot_->key == key || writing_ > 0 ? snapshot_ : nullptr;
}

Reading SnapshotCache::current(dsl::Date date) {
  // The stamp is read before the store: an entry committed in between makes the next
  // request build again, so a snapshot is never older than its key says.
  std::string key = key_of(date);
  if (auto s = fresh(key)) return Reading(s);
  // One build at a time: after a write, a hundred readers wait for one evaluation instead
  // of each running their own.
  std::lock_guard build(build_mutex_);
  key = key_of(date);
  if (auto s = fresh(key)) return Reading(s);
  auto s = std::make_shared<CachedSnapshot>();
  s->key = key;
  s->snapshot = load_(date);
  std::lock_guard lock(snapshot_mutex_);
  snapshot_ = s;
  return Reading(s);
}

const UrgentByUnit& CachedSnapshot::urgent_by_unit(const engine::Roster& roster) {
  std::lock_guard lock(by_unit_mutex);
  if (!by_unit) by_unit = web::urgent_by_unit(roster, snapshot.urgent);
  return *by_unit;
}

void SnapshotCache::take(CachedSnapshot& s, const Written& w, std::string key) {
  std::lock_guard gate(s.gate);    // no new reader until the entries are in
  std::unique_lock hold(s.mutex);  // readers finish their page first
  auto changes = engine::apply_entries(s.snapshot, w.entries);
  bool plans = !w.plans || reload_plans_;
  if (changes && w.plans && reload_plans_) {
    try {
      reload_plans_(s.snapshot);
    } catch (const engine::StoreError&) {
      plans = false;  // the entry is committed; the next page loads the snapshot anew
    }
  }
  if (!changes || !plans) {  // not taken: loaded anew by the next page
    s.stale = true;
    return;
  }
  std::lock_guard lock(s.overview_mutex);
  for (const auto& c : *changes) {
    const auto& now = s.snapshot.tasks[c.index];
    if (s.counts) {
      s.counts->add(s.snapshot.processes(), c.before, -1);
      s.counts->add(s.snapshot.processes(), now, 1);
    }
    if (c.before.state != now.state)  // what a wheel's arcs show
      std::erase_if(s.wheels, [&](const auto& wheel) {
        return wheel.second.shown == now.process && wheel.second.year == now.cycle;
      });
  }
  if (!changes->empty()) s.overview.clear(), s.by_unit.reset();
  s.key = std::move(key);
}

void SnapshotCache::written(const std::function<Written()>& write) {
  // The build lock: no snapshot is loaded while the store changes under it, and a reader
  // that sees the store's new stamp waits here for the snapshot that has the entries.
  std::lock_guard build(build_mutex_);
  std::shared_ptr<CachedSnapshot> s;
  {
    std::lock_guard lock(snapshot_mutex_);
    s = snapshot_;
  }
  // Only a snapshot of the store as it is before this write can take it: one older than
  // that misses entries written by another program, and is loaded anew.
  std::string date = s ? s->key.substr(0, s->key.find('|')) : "";
  bool current = s && s->key == date + "|" + store_stamp(store_path_);
  if (s && !current) s->stale = true;
  struct Writing {
    std::atomic<int>& n;
    explicit Writing(std::atomic<int>& count) : n(count) { ++n; }
    ~Writing() { --n; }
  } writing(writing_);
  Written w = write();
  if (current) take(*s, w, date + "|" + store_stamp(store_path_));
}

}  // namespace arshjul::web
