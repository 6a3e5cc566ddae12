#include "web/snapshot_cache.hpp"

#include "engine/incremental.hpp"

namespace arshjul::web {

// The mark is read per request, one indexed query: the cache is never older than the last
// entry committed by anyone, this server, another server on the store, or a command.
std::string SnapshotCache::key_now(dsl::Date date) const {
  return dsl::iso(date) + "|" + std::to_string(mark_());
}

std::shared_ptr<CachedSnapshot> SnapshotCache::fresh(const std::string& key) {
  std::lock_guard lock(snapshot_mutex_);
  if (!snapshot_ || snapshot_->stale || snapshot_->key.substr(0, 11) != key.substr(0, 11))
    return nullptr;
  // While this server commits entries the store's mark moves ahead of the snapshot's: the
  // snapshot takes them as soon as they are committed (written()), before any of their
  // requests is answered, so a reader need not wait for the commit.
  return snapshot_->key == key || writing_ > 0 ? snapshot_ : nullptr;
}

Reading SnapshotCache::current(dsl::Date date) {
  // The mark is read before the store: an entry committed in between makes the next
  // request build again, so a snapshot is never older than its key says.
  std::string key = key_now(date);
  if (auto s = fresh(key)) return Reading(s);
  // One build at a time: after a write, a hundred readers wait for one evaluation instead
  // of each running their own.
  std::lock_guard build(build_mutex_);
  key = key_now(date);
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
  // Worked out while pages go on reading `s`: nothing they read changes until the commit
  // below, and only one writer at a time gets here (the build lock).
  auto prepared = engine::prepare_entries(s.snapshot, w.entries);
  std::optional<std::vector<engine::PlanFollowUp>> plans;
  bool taken = prepared && (!w.plans || reload_plans_);
  if (taken && w.plans) {
    try {
      plans = reload_plans_(s.snapshot);
    } catch (const engine::StoreError&) {
      taken = false;  // the entry is committed; the next page loads the snapshot anew
    }
  }
  if (!taken) {  // not taken: loaded anew by the next page
    s.stale = true;
    return;
  }
  std::optional<UrgentByUnit> by_unit;  // made once here, not by the pages after the write
  {
    std::lock_guard lock(s.by_unit_mutex);
    if (s.by_unit && !prepared->changed.empty())
      by_unit = web::urgent_by_unit(*s.by_unit->roster, prepared->urgent);
  }
  std::lock_guard gate(s.gate);    // no new reader until the entries are in
  std::unique_lock hold(s.mutex);  // readers finish their copies first
  auto changes = engine::commit_entries(s.snapshot, std::move(*prepared));
  if (plans) s.snapshot.plans = std::move(*plans);
  if (!changes.empty()) {  // none made above: made by the next page that needs it
    std::lock_guard lock(s.by_unit_mutex);
    s.by_unit = std::move(by_unit);
  }
  std::lock_guard lock(s.overview_mutex);
  for (const auto& c : changes) {
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
  if (!changes.empty()) s.overview.clear();
  s.key = std::move(key);
}

void SnapshotCache::written(const std::function<Written()>& write) {
  // The build lock: no snapshot is loaded while the store changes under it, and a reader
  // that sees the store's new mark waits here for the snapshot that has the entries.
  std::lock_guard build(build_mutex_);
  std::shared_ptr<CachedSnapshot> s;
  {
    std::lock_guard lock(snapshot_mutex_);
    s = snapshot_;
  }
  struct Writing {
    std::atomic<int>& n;
    explicit Writing(std::atomic<int>& count) : n(count) { ++n; }
    ~Writing() { --n; }
  } writing(writing_);
  Written w = write();
  if (!s || (w.entries.empty() && !w.plans)) return;  // nothing written: nothing to take
  // Only a snapshot of the store as it was just before this write can take it: the marks
  // were read in the write's transaction, so nothing else came between them. A snapshot
  // older than that misses another program's entries, and is loaded anew.
  std::string date = s->key.substr(0, s->key.find('|'));
  if (w.before >= 0 && w.after >= 0 && s->key == date + "|" + std::to_string(w.before))
    take(*s, w, date + "|" + std::to_string(w.after));
  else
    s->stale = true;
}

void write_marked(engine::Store& store, SnapshotCache::Written& w,
                  const std::function<bool()>& body) {
  store.transaction([&] {
    std::int64_t before = store.change_mark();  // the writers' lock is held from here
    bool all = body();
    w.before = all ? before : -1;
    w.after = all ? store.change_mark() : -1;
  });
}

}  // namespace arshjul::web
