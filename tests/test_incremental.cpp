// The incremental snapshot (engine/incremental.hpp) against the full evaluation: after every
// write of random sequences of entries (random tasks, units, dates, outcomes, corrections,
// entries after the date, of cycles not read, naming unknown units) to a real SQLite store,
// the snapshot that took the entries one batch at a time equals load_snapshot of the store,
// compared as a canonical text of every task, the order "most urgent first" and the plans.
#include <fmt/format.h>

#include <catch2/catch.hpp>
#include <random>

#include "bench/rulegen.hpp"
#include "dsl/loader.hpp"
#include "engine/incremental.hpp"
#include "engine/records.hpp"
#include "engine/snapshot.hpp"
#include "tests/helpers.hpp"
#include "tests/random_entries.hpp"

using namespace arshjul;

namespace {

namespace fs = std::filesystem;

std::string task_text(const engine::Snapshot& s, const engine::Task& t) {
  const auto& p = s.processes()[t.process];
  std::string out =
      fmt::format("{}/{}/{}/{}/{} {} {} {}..{} done={} vacant={} area={} unit#{}", p.id, t.cycle,
                  p.steps[t.step].id, t.unit, t.occurrence, static_cast<int>(t.state), t.days,
                  dsl::iso(t.window.start), dsl::iso(t.window.deadline),
                  t.done_on ? dsl::iso(*t.done_on) : "-", t.vacant, t.area, t.unit_index);
  for (const auto& b : t.blocked_by)
    out += fmt::format(" [{} {}/{} p{} c{} {}]", b.step, b.units_missing, b.units_total, b.process,
                       b.cycle,
                       b.linked ? b.linked->process + "." + b.linked->step : std::string("-"));
  return out;
}

/// Everything a page reads from a snapshot, one line per item.
std::string canonical(const engine::Snapshot& s) {
  std::string out =
      fmt::format("date {} ignored {} tasks {}\n", dsl::iso(s.date), s.ignored, s.tasks.size());
  for (const auto& t : s.tasks) out += task_text(s, t) + "\n";
  out += "urgent\n";
  for (const auto* t : s.urgent) out += task_text(s, *t) + "\n";
  for (const auto& f : s.plans) {
    out += fmt::format("plan {} {}\n", f.process->id, f.year);
    for (const auto& a : f.activities)
      out += fmt::format("  {} {} {} {}\n", a.activity->id, a.unit,
                         a.latest ? a.latest->status : "-", a.overdue);
    for (const auto& m : f.measures)
      out += fmt::format("  {} {} T{} {} {}\n", m.measure->id, m.unit, m.tertial,
                         m.value ? fmt::format("{}", m.value->value) : "-", m.missing);
  }
  return out;
}

/// An administration, its store, and the snapshot kept up to date beside it.
struct Case {
  dsl::RuleSet rules;
  engine::Roster roster;
  dsl::Date date;
  std::string store_path;

  /// Incremental (read and classified on two threads), or as every command loads it.
  engine::Snapshot load(const engine::Store& store, bool incremental) const {
    engine::SnapshotOptions so;
    so.plans = true;
    so.incremental = incremental;
    return engine::load_snapshot(rules.processes, roster, &store, date, so);
  }
};

void run_sequence(const Case& k, unsigned seed, int writes) {
  std::mt19937 rng(seed);
  engine::Store store(k.store_path);
  auto live = k.load(store, true);
  REQUIRE(canonical(live) == canonical(k.load(store, false)));
  REQUIRE(live.evaluation);
  std::size_t changed = 0;
  for (int w = 0; w < writes; ++w) {
    auto batch = test::random_batch(live, rng);
    store.record(batch);
    auto changes = engine::apply_entries(live, batch);
    REQUIRE(changes);
    changed += changes->size();
    auto full = k.load(store, false);
    INFO("seed " << seed << ", write " << w);
    REQUIRE(canonical(live) == canonical(full));
  }
  CHECK(changed > 0);  // the writes changed something, so the comparison compared that
}

/// run_sequence on a new store for each date.
void run_on_dates(Case& k, const fs::path& dir, std::initializer_list<const char*> dates,
                  unsigned seed) {
  for (const char* date : dates) {
    k.date = *engine::parse_date(date);
    k.store_path = (dir / fmt::format("{}.db", date)).string();
    run_sequence(k, seed, 40);
  }
}

engine::Roster roster_of(const dsl::RuleSet& rules, const std::string& text) {
  std::vector<dsl::Diagnostic> errors;
  auto roster = engine::parse_roster(text, "roster.csv", rules.processes, errors);
  REQUIRE(errors.empty());
  return roster;
}

}  // namespace

TEST_CASE("incremental: a generated administration equals its full evaluation after each write",
          "[incremental]") {
  test::TempDir dir("incremental-generated");
  Case k;
  dir.write("rules/admin.arshjul", bench::generate_rules(60, 7));
  k.rules = dsl::load_rules({(dir.path() / "rules").string()}, 2026);
  REQUIRE(k.rules.ok());
  k.roster = roster_of(k.rules, test::generated_roster());
  run_on_dates(k, dir.path(), {"2026-05-20", "2026-11-20"}, 1);
}

TEST_CASE("incremental: the shipped rules with the example's record, after each write",
          "[incremental]") {
  test::TempDir dir("incremental-shipped");
  Case k;
  k.rules = dsl::load_rules({ARSHJUL_SOURCE_DIR "/rules"}, 2026);
  REQUIRE(k.rules.ok());
  k.roster = roster_of(k.rules, test::slurp(ARSHJUL_SOURCE_DIR "/examples/roster.csv"));
  k.store_path = (dir.path() / "store.db").string();
  {
    // The example's whole record first (OM on an outcome, läsår and kalenderår side by side).
    dsl::Sources sources;
    std::vector<dsl::Diagnostic> errors;
    auto rows = engine::read_import(ARSHJUL_SOURCE_DIR "/examples/records.csv", sources, errors);
    std::vector<engine::Completion> entries;
    for (const auto& r : rows.steps)
      if (auto c = engine::resolve_record(r, k.rules.processes, k.roster, "2026-01-01", errors))
        entries.push_back(*c);
    REQUIRE(entries.size() > 1000);
    engine::Store(k.store_path).record(entries);
  }
  k.date = *engine::parse_date("2026-10-15");
  run_sequence(k, 2, 60);
}

TEST_CASE("incremental: links across processes and cycles, områden and ENHETER, after each write",
          "[incremental]") {
  for (const char* folder : {"nacka", "goteborg_kvalitet"}) {
    test::TempDir dir(std::string("incremental-") + folder);
    Case k;
    std::string path = std::string(ARSHJUL_SOURCE_DIR "/tests/public/") + folder;
    k.rules = dsl::load_rules({path}, 2026);
    REQUIRE(k.rules.ok());
    for (const auto& f : fs::directory_iterator(path))
      if (f.path().extension() == ".csv") k.roster = roster_of(k.rules, test::slurp(f.path()));
    run_on_dates(k, dir.path(), {"2026-02-10", "2026-12-10"}, 3);
  }
}

TEST_CASE("incremental: a snapshot loaded without it is refused, and loaded again by the caller",
          "[incremental]") {
  test::TempDir dir("incremental-refused");
  auto rules = dsl::load_rules({ARSHJUL_SOURCE_DIR "/rules"}, 2026);
  REQUIRE(rules.ok());
  auto roster = roster_of(rules, test::slurp(ARSHJUL_SOURCE_DIR "/examples/roster.csv"));
  engine::Store store((dir.path() / "s.db").string());
  auto plain =
      engine::load_snapshot(rules.processes, roster, &store, *engine::parse_date("2026-10-15"), {});
  CHECK_FALSE(plain.evaluation);
  CHECK_FALSE(engine::apply_entries(plain, {}));
}
