// The web view's snapshot cache (web/snapshot_cache.hpp) while this server writes: a page asked
// during a write, before its commit, is answered from the snapshot without waiting for the
// write; a page asked after the commit shows the entry, though the entry is still being taken
// into the snapshot. A real SQLite store, the shipped rules and the example's roster.
#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <mutex>
#include <random>
#include <thread>
#include <vector>

#include "bench/rulegen.hpp"
#include "dsl/loader.hpp"
#include "engine/incremental.hpp"
#include "engine/sessions.hpp"
#include "engine/snapshot.hpp"
#include "tests/helpers.hpp"
#include "tests/random_entries.hpp"
#include "web/snapshot_cache.hpp"

using namespace arshjul;

namespace {

/// A one-time signal between two threads.
struct Signal {
  std::mutex m;
  std::condition_variable cv;
  bool set = false;
  void raise() {
    std::lock_guard l(m);
    set = true;
    cv.notify_all();
  }
  void wait() {
    std::unique_lock l(m);
    cv.wait(l, [&] { return set; });
  }
};

struct Fixture {
  test::TempDir dir{"snapshot-cache"};
  dsl::RuleSet rules = dsl::load_rules({ARSHJUL_SOURCE_DIR "/rules"}, 2026);
  engine::Roster roster;
  std::string path = (dir.path() / "store.db").string();
  engine::Store store{path};  // the writer's connection
  dsl::Date date = *engine::parse_date("2026-10-15");
  /// Called with each change mark a page reads (after it is read).
  std::function<void()> on_mark = [] {};
  web::SnapshotCache cache{[this] {
                             auto mark =
                                 engine::Store(path, engine::Store::read_only).change_mark();
                             on_mark();
                             return mark;
                           },
                           [this](dsl::Date d) {
                             engine::Store reader(path, engine::Store::read_only);
                             engine::SnapshotOptions so;
                             so.incremental = true;
                             return engine::load_snapshot(rules.processes, roster, &reader, d, so);
                           }};

  Fixture() {
    REQUIRE(rules.ok());
    std::vector<dsl::Diagnostic> errors;
    roster = engine::parse_roster(test::slurp(ARSHJUL_SOURCE_DIR "/examples/roster.csv"),
                                  "roster.csv", rules.processes, errors);
    REQUIRE(errors.empty());
  }

  /// An entry that makes the most urgent task done on the date, and the task's place.
  std::pair<engine::Completion, std::size_t> done_entry() {
    auto reading = cache.current(date);
    const auto& s = reading.snapshot();
    REQUIRE(!s.urgent.empty());
    const auto& t = *s.urgent.front();
    const auto& p = s.processes()[t.process];
    engine::Completion c;
    c.process = p.id;
    c.cycle = t.cycle;
    c.step = p.steps[t.step].id;
    c.unit = t.unit;
    c.occurrence = t.occurrence;
    c.done_on = date;
    if (!p.steps[t.step].outcomes.empty()) c.outcome = p.steps[t.step].outcomes.front();
    c.done_by = "prov@example.se";
    c.recorded_at = "2026-10-15T08:00:00Z";
    return {c, static_cast<std::size_t>(&t - s.tasks.data())};
  }

  /// Writes `c` as the server does (group commit's write), running `committed` after the
  /// commit and `before` before it, both inside the write.
  void write(const engine::Completion& c, const std::function<void()>& before,
             const std::function<void()>& committed) {
    cache.written([&](const web::SnapshotCache::BeforeCommit& before_commit) {
      web::SnapshotCache::Written w;
      w.entries = {c};
      before();
      web::write_marked(
          store, w, [&] { return store.record(w.entries) == 1; }, before_commit);
      committed();
      return w;
    });
  }
};

bool done(engine::State s) {
  return s == engine::State::done || s == engine::State::done_late;
}

}  // namespace

TEST_CASE("snapshot cache: a page during a write, before its commit, does not wait for it",
          "[incremental][web]") {
  Fixture f;
  auto [entry, at] = f.done_entry();
  bool answered = false;
  f.write(
      entry,
      [&] {
        // Joined inside the write: were the page to wait for the write, this would never end.
        std::thread page([&] {
          auto reading = f.cache.current(f.date);
          answered = !done(reading.snapshot().tasks[at].state);  // the store as it is
        });
        page.join();
      },
      [] {});
  CHECK(answered);
  CHECK(done(f.cache.current(f.date).snapshot().tasks[at].state));
}

TEST_CASE("snapshot cache: a page asked after a write's commit shows its entry",
          "[incremental][web]") {
  Fixture f;
  auto [entry, at] = f.done_entry();
  Signal committed, mark_read;
  std::atomic<bool> after_commit{false};
  f.on_mark = [&] {
    if (after_commit) mark_read.raise();
  };
  std::optional<engine::State> seen;
  std::thread page([&] {
    committed.wait();
    auto reading = f.cache.current(f.date);  // reads the store's mark, now past the snapshot's
    seen = reading.snapshot().tasks[at].state;
  });
  f.write(
      entry, [] {},
      [&] {
        after_commit = true;
        committed.raise();
        mark_read.wait();  // the page has read the mark; its entry is not in the snapshot yet
      });
  page.join();
  REQUIRE(seen);
  CHECK(done(*seen));
}

TEST_CASE("snapshot cache: a task's history is kept only as of the snapshot's mark, then grows",
          "[incremental][web]") {
  Fixture f;
  auto [entry, at] = f.done_entry();
  const engine::TaskId id{entry.process, entry.cycle, entry.step, entry.unit, entry.occurrence};
  engine::Store reader(f.path, engine::Store::read_only);
  auto read = [&] { return engine::EntryCounts(reader).entries_at_mark(id); };
  {
    // Read before a write, offered after the write was taken in: not kept.
    auto reading = f.cache.current(f.date);
    reading.unlock();
    auto [before, mark] = read();
    CHECK(before.empty());
    f.write(
        entry, [] {}, [] {});
    reading.cached().keep_history(id, before, mark);
    CHECK_FALSE(reading.cached().history(id));
  }
  {
    // Read after a commit, offered before the write is taken in: not kept either (taken in, the
    // write would add its entry a second time).
    auto second = entry;
    second.note = "andra";
    auto reading = f.cache.current(f.date);
    reading.unlock();
    f.write(
        second, [] {},
        [&] {
          auto [after_commit, mark] = read();
          CHECK(after_commit.size() == 2);
          reading.cached().keep_history(id, after_commit, mark);
        });
    CHECK_FALSE(reading.cached().history(id));
  }
  // Read at the snapshot's mark: kept, and each later write of this server added to it.
  auto reading = f.cache.current(f.date);
  reading.unlock();
  auto [now, mark] = read();
  reading.cached().keep_history(id, now, mark);
  REQUIRE(now.size() == 2);
  REQUIRE(reading.cached().history(id));
  CHECK(reading.cached().history(id)->size() == 2);
  auto third = entry;
  third.note = "tredje";
  f.write(
      third, [] {}, [] {});
  auto kept = f.cache.current(f.date).cached().history(id);
  auto stored = engine::EntryCounts(reader).entries_of(id);
  REQUIRE(kept);
  REQUIRE(kept->size() == 3);
  REQUIRE(stored.size() == 3);
  for (std::size_t i = 0; i < stored.size(); ++i) {
    INFO(i);
    CHECK(std::tie((*kept)[i].done_on, (*kept)[i].done_by, (*kept)[i].outcome, (*kept)[i].note,
                   (*kept)[i].recorded_at) == std::tie(stored[i].done_on, stored[i].done_by,
                                                       stored[i].outcome, stored[i].note,
                                                       stored[i].recorded_at));
  }
}

TEST_CASE("snapshot cache: my tasks through the urgent tasks per unit are those of a look at all",
          "[incremental][web]") {
  namespace fs = std::filesystem;
  // The shipped rules and roster; a roster with områden, ENHETER and single roles.
  for (std::string folder : {std::string(ARSHJUL_SOURCE_DIR "/rules"),
                             std::string(ARSHJUL_SOURCE_DIR "/tests/public/nacka")}) {
    auto rules = dsl::load_rules({folder}, 2026);
    REQUIRE(rules.ok());
    std::string roster_path = ARSHJUL_SOURCE_DIR "/examples/roster.csv";
    for (const auto& f : fs::directory_iterator(folder))
      if (f.path().extension() == ".csv") roster_path = f.path().string();
    std::vector<dsl::Diagnostic> errors;
    auto roster =
        engine::parse_roster(test::slurp(roster_path), "roster.csv", rules.processes, errors);
    REQUIRE(errors.empty());
    for (const char* date : {"2026-02-10", "2026-10-15"}) {
      auto s = engine::load_snapshot(rules.processes, roster, nullptr, *engine::parse_date(date));
      auto by_unit = web::urgent_by_unit(roster, s.urgent);
      std::size_t people = 0, tasks = 0;
      for (const auto& person : roster.people) {
        auto v = web::find_viewer(roster, person.email, {});
        REQUIRE(v);
        auto near = web::my_tasks(*v, s.processes(), s.urgent, &by_unit);
        INFO(folder << " " << date << " " << person.email);
        CHECK(near == web::my_tasks(*v, s.processes(), s.urgent));
        ++people, tasks += near.size();
      }
      CHECK(people >= 3);
      CHECK(tasks > 0);
    }
  }
}

TEST_CASE(
    "snapshot cache: a shared mark read started after the request sees every commit before it",
    "[web][snapshot_cache]") {
  // Each request commits (the counter) and then asks; a read takes the counter as it starts
  // and then takes a while, so that requests arriving meanwhile would get an older mark if
  // they were given the read under way.
  std::atomic<std::int64_t> committed{0};
  std::atomic<int> reads{0};
  web::SharedMarkRead shared([&] {
    ++reads;
    std::int64_t seen = committed.load();
    std::this_thread::sleep_for(std::chrono::microseconds(300));
    return seen;
  });
  constexpr int kThreads = 8, kEach = 100;
  std::atomic<int> older{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i)
    threads.emplace_back([&] {
      for (int k = 0; k < kEach; ++k) {
        std::int64_t mine = ++committed;
        if (shared.get() < mine) ++older;
      }
    });
  for (auto& t : threads) t.join();
  CHECK(older == 0);
  // Shared: fewer reads than requests (eight threads asking at once share most of them).
  CHECK(reads < kThreads * kEach);
}

TEST_CASE("snapshot cache: a failed shared mark read fails its own request, not the next",
          "[web][snapshot_cache]") {
  int calls = 0;
  web::SharedMarkRead shared([&]() -> std::int64_t {
    if (++calls == 1)
      throw engine::StoreError(dsl::Msg::store_sql_failed, {"test.db", "unreachable"});
    return 42;
  });
  CHECK_THROWS_AS(shared.get(), engine::StoreError);
  CHECK(shared.get() == 42);
  CHECK(calls == 2);
}

namespace {

/// Writes random batches to a store at `path` and takes them into an incremental snapshot of
/// it with the urgent tasks per unit changed list by list (as the cache does): after each,
/// those equal the lists made anew from the snapshot, and "my tasks" through them equal a
/// look at all the urgent tasks for every person of the roster.
void check_urgent_by_unit(const dsl::RuleSet& rules, const engine::Roster& roster,
                          const std::string& path, const char* date, unsigned seed) {
  engine::Store store(path);
  engine::SnapshotOptions so;
  so.incremental = true;
  auto s = engine::load_snapshot(rules.processes, roster, &store, *engine::parse_date(date), so);
  auto by_unit = web::urgent_by_unit(roster, s.urgent);
  std::mt19937 rng(seed);
  std::size_t moved = 0;
  for (int w = 0; w < 40; ++w) {
    auto batch = test::random_batch(s, rng);
    store.record(batch);
    auto prepared = engine::prepare_entries(s, batch);
    REQUIRE(prepared);
    auto changes = web::urgent_changes(by_unit, s, engine::moved(prepared->changed));
    moved += prepared->changed.size();
    engine::commit_entries(s, std::move(*prepared));
    web::put_urgent_changes(by_unit, std::move(changes));
    INFO(date << " seed " << seed << ", write " << w);
    REQUIRE(by_unit == web::urgent_by_unit(roster, s.urgent));
    for (const auto& person : roster.people) {
      auto v = web::find_viewer(roster, person.email, {});
      REQUIRE(v);
      INFO(person.email);
      REQUIRE(web::my_tasks(*v, s.processes(), s.urgent, &by_unit) ==
              web::my_tasks(*v, s.processes(), s.urgent));
    }
  }
  CHECK(moved > 0);  // the writes moved tasks, so the comparison compared that
}

}  // namespace

TEST_CASE("snapshot cache: the urgent tasks per unit after each write equal those made anew",
          "[incremental][web]") {
  test::TempDir dir("urgent-by-unit");
  // The shipped rules with the example's roster; generated rules with områden, single roles
  // (tasks of no unit) and a vacancy.
  auto shipped = dsl::load_rules({ARSHJUL_SOURCE_DIR "/rules"}, 2026);
  dir.write("generated/admin.arshjul", bench::generate_rules(60, 7));
  auto generated = dsl::load_rules({(dir.path() / "generated").string()}, 2026);
  REQUIRE(shipped.ok());
  REQUIRE(generated.ok());
  std::vector<dsl::Diagnostic> errors;
  auto example = engine::parse_roster(test::slurp(ARSHJUL_SOURCE_DIR "/examples/roster.csv"),
                                      "roster.csv", shipped.processes, errors);
  auto areas =
      engine::parse_roster(test::generated_roster(), "roster.csv", generated.processes, errors);
  REQUIRE(errors.empty());
  REQUIRE(!areas.areas.empty());
  for (const char* date : {"2026-05-20", "2026-10-15"}) {
    check_urgent_by_unit(shipped, example, (dir.path() / fmt::format("s{}.db", date)).string(),
                         date, 5);
    check_urgent_by_unit(generated, areas, (dir.path() / fmt::format("g{}.db", date)).string(),
                         date, 6);
  }
}

TEST_CASE("snapshot cache: a write changes the kept urgent tasks per unit as made anew",
          "[incremental][web]") {
  Fixture f;
  const web::CachedSnapshot* kept = nullptr;
  {
    auto reading = f.cache.current(f.date);
    reading.cached().urgent_by_unit(f.roster);  // made before the writes, then changed by them
    kept = &reading.cached();
  }
  std::mt19937 rng(7);
  for (int w = 0; w < 12; ++w) {
    engine::Completion c;
    {
      auto reading = f.cache.current(f.date);
      c = test::random_entry(reading.snapshot(), rng);
    }
    f.write(
        c, [] {}, [] {});
    auto reading = f.cache.current(f.date);
    INFO("write " << w);
    REQUIRE(&reading.cached() == kept);  // taken in, not loaded anew
    REQUIRE(reading.cached().by_unit);
    CHECK(*reading.cached().by_unit == web::urgent_by_unit(f.roster, reading.snapshot().urgent));
  }
}
