#include "web/snapshot_cache.hpp"

#include "engine/incremental.hpp"
#include "web/turns.hpp"

namespace arshjul::web {

std::int64_t SharedMarkRead::get() {
  std::unique_lock lock(mutex_);
  // The next read to start starts after this call: a read under way may have begun before
  // an entry this request must see was committed.
  const std::uint64_t needed = started_ + 1;
  while (finished_ < needed) {
    if (!reading_) {
      reading_ = true;
      const std::uint64_t mine = ++started_;
      lock.unlock();
      std::int64_t value = -1;
      try {
        value = read_();
      } catch (...) {
        lock.lock();
        reading_ = false;
        done_.notify_all();  // a waiting request reads for itself
        throw;
      }
      lock.lock();
      reading_ = false;
      finished_ = mine;  // one read at a time: they finish in the order they start
      value_ = value;
      done_.notify_all();
      return value;
    }
    done_.wait(lock);
  }
  return value_;
}

// The mark is read per request (shared by the requests that arrive during a read), one indexed
// query: the cache is never older than the last entry committed by anyone, this server, another
// server on the store, or a command.
std::shared_ptr<CachedSnapshot> SnapshotCache::fresh(const std::string& date, std::int64_t mark) {
  std::unique_lock lock(snapshot_mutex_);
  auto usable = [&] {
    return snapshot_ && !snapshot_->stale && snapshot_->date == date && snapshot_->mark >= mark;
  };
  // A mark ahead of the snapshot while this server writes: its entries are committed and
  // are being taken into the snapshot (written()), a few milliseconds: the page waits for
  // that, so that it shows them. A mark that a write of another program or server moved is
  // not reached that way: the wait ends with the writes (or with the snapshot gone stale when
  // the next write finds the store moved under it), and the page loads anew.
  taken_.wait(lock, [&] { return usable() || writing_ == 0 || !snapshot_ || snapshot_->stale; });
  return usable() ? snapshot_ : nullptr;
}

void SnapshotCache::taken() {
  { std::lock_guard lock(snapshot_mutex_); }  // a reader between its test and its wait sees it
  taken_.notify_all();
}

Reading SnapshotCache::current(dsl::Date date) {
  // The mark is read before the store: an entry committed in between makes the next
  // request build again, so a snapshot never holds less than its mark says.
  const std::string day = dsl::iso(date);
  std::int64_t mark = -1;
  {
    Turns::Away away;  // waiting for the store, not using a core
    mark = mark_.get();
  }
  if (auto s = fresh(day, mark)) return Reading(s);
  // One build at a time: after a write, a hundred readers wait for one evaluation instead
  // of each running their own.
  std::lock_guard build(build_mutex_);
  // Read keeping the page's turn: pages waiting for the build lock hold theirs, and a page
  // that gave its turn up here would wait for one of them while they wait for it.
  mark = mark_.get();
  if (auto s = fresh(day, mark)) return Reading(s);  // no write under way: no wait
  auto s = std::make_shared<CachedSnapshot>();
  s->date = day;
  s->mark = mark;
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

std::optional<std::vector<engine::Completion>> CachedSnapshot::history(const engine::TaskId& id) {
  std::lock_guard lock(history_mutex);
  auto at = histories.find(id.text());
  if (at == histories.end()) return std::nullopt;
  return at->second;
}

// Why the mark decides: `entries` hold what was committed up to `at_mark`. This snapshot's
// mark moves only in take(), under history_mutex, when it adds the write's entries to the
// histories kept. So a history kept at the snapshot's mark m holds every entry up to m, and
// each later write this snapshot takes is added exactly once: were it committed before the
// read, the read's mark is past m until take() moves m, and take() runs under this lock.
void CachedSnapshot::keep_history(const engine::TaskId& id, std::vector<engine::Completion> entries,
                                  std::int64_t at_mark) {
  std::lock_guard lock(history_mutex);
  if (at_mark != mark) return;
  if (histories.size() > 100000) histories.clear();  // a bound: the tasks pages were asked of
  histories.insert_or_assign(id.text(), std::move(entries));
}

std::vector<engine::Completion> CachedSnapshot::history_or(
    const engine::TaskId& id,
    const std::function<std::pair<std::vector<engine::Completion>, std::int64_t>()>& read) {
  if (auto kept = history(id)) return std::move(*kept);
  auto [entries, at_mark] = read();
  keep_history(id, entries, at_mark);
  return std::move(entries);
}

void CachedSnapshot::took(const std::vector<engine::Completion>& entries, std::int64_t after) {
  std::lock_guard lock(history_mutex);
  for (auto e : entries) {
    auto at =
        histories.find(engine::TaskId{e.process, e.cycle, e.step, e.unit, e.occurrence}.text());
    if (at == histories.end()) continue;
    e.submission.clear();  // as entries_of reads it (its id is not read back: the page needs none)
    at->second.push_back(std::move(e));
  }
  mark = after;
}

const StepTexts& CachedSnapshot::step_texts(dsl::Lang lang) {
  std::call_once(step_texts_once, [&] { step_texts_made.emplace(snapshot.processes(), lang); });
  return *step_texts_made;
}

SnapshotCache::Prepared SnapshotCache::prepare(CachedSnapshot& s, const Written& w) {
  Prepared p;
  p.entries = engine::prepare_entries(s.snapshot, w.entries);
  std::lock_guard lock(s.by_unit_mutex);
  if (p.entries && !p.entries->changed.empty() && s.by_unit)
    p.by_unit = urgent_changes(*s.by_unit, s.snapshot, engine::moved(p.entries->changed));
  return p;
}

void SnapshotCache::take(CachedSnapshot& s, const Written& w, Prepared& p) {
  std::optional<std::vector<engine::PlanFollowUp>> plans;
  bool ok = p.entries && (!w.plans || reload_plans_);
  if (ok && w.plans) {
    try {
      plans = reload_plans_(s.snapshot);  // committed now: a reader's connection sees them
    } catch (const engine::StoreError&) {
      ok = false;  // the entry is committed; the next page loads the snapshot anew
    }
  }
  if (!ok) {  // not taken: loaded anew by the next page
    s.stale = true;
    return;
  }
  std::lock_guard gate(s.gate);    // no new reader until the entries are in
  std::unique_lock hold(s.mutex);  // readers finish their copies first
  auto changes = engine::commit_entries(s.snapshot, std::move(*p.entries));
  if (plans) s.snapshot.plans = std::move(*plans);
  if (!changes.empty()) {  // none made above: made by the next page that needs it
    std::lock_guard lock(s.by_unit_mutex);
    if (p.by_unit && s.by_unit)
      put_urgent_changes(*s.by_unit, std::move(*p.by_unit));
    else
      s.by_unit.reset();
  }
  std::lock_guard lock(s.overview_mutex);
  for (const auto& c : changes) {
    const auto& now = s.snapshot.tasks[c.index];
    if (s.counts) {
      s.counts->add(s.snapshot.processes(), c.before, -1);
      s.counts->add(s.snapshot.processes(), now, 1);
    }
    if (c.before.state == now.state) continue;  // what a wheel's arcs show
    if (auto t = s.tallies.find({now.process, now.cycle}); t != s.tallies.end()) {
      t->second.add(c.before, -1);
      t->second.add(now, 1);
    }
    std::erase_if(s.wheels, [&](const auto& wheel) {
      return wheel.second.shown == now.process && wheel.second.year == now.cycle;
    });
  }
  if (!changes.empty()) s.overview.clear();
  s.took(w.entries, w.after);
}

void SnapshotCache::written(const std::function<Written(const BeforeCommit&)>& write) {
  // The build lock: no snapshot is loaded while the store changes under it, and a reader
  // that sees the store's new mark waits in fresh() for the snapshot that has the entries.
  std::lock_guard build(build_mutex_);
  std::shared_ptr<CachedSnapshot> s;
  {
    std::lock_guard lock(snapshot_mutex_);
    s = snapshot_;
  }
  struct Writing {  // the readers held back by fresh() go on when the write is over
    SnapshotCache& cache;
    explicit Writing(SnapshotCache& c) : cache(c) { ++cache.writing_; }
    ~Writing() {
      --cache.writing_;
      cache.taken();
    }
  } writing(*this);
  // Only a snapshot of the store as it was just before this write can take it: the marks
  // are read in the write's transaction, so nothing else came between them. A snapshot
  // older than that misses another program's entries, and is loaded anew.
  auto takes = [&](const Written& w) {
    return s && w.before >= 0 && w.after >= 0 && s->mark == w.before;
  };
  std::optional<Prepared> p;
  Written w;
  try {
    w = write([&](const Written& in) {
      if (takes(in)) p = prepare(*s, in);
    });
  } catch (...) {
    if (p) s->stale = true;  // its evaluation took entries that were not committed
    throw;
  }
  if (!s || (w.entries.empty() && !w.plans)) return;  // nothing written: nothing to take
  if (p && takes(w)) {
    take(*s, w, *p);
    taken();
  } else {
    s->stale = true;
  }
}

void write_marked(engine::Store& store, SnapshotCache::Written& w,
                  const std::function<bool()>& body,
                  const SnapshotCache::BeforeCommit& before_commit) {
  store.transaction([&] {
    std::int64_t before = store.change_mark();  // the writers' lock is held from here
    bool all = body();
    w.before = all ? before : -1;
    w.after = all ? store.change_mark() : -1;
    before_commit(w);
  });
}

}  // namespace arshjul::web
