// `arshjul store copy FROM TO` (issue 20, item 6): an SQLite store into the store under test
// (a PostgreSQL database in the PostgreSQL run, another SQLite file in the plain run) and back
// into a new SQLite file, the entries and their checksum equal at every step; a target that is
// not empty refused; a copy that fails leaves the target as it was.
#include <catch2/catch.hpp>
#include <filesystem>
#include <string>
#include <vector>

#include "engine/sessions.hpp"
#include "engine/store_copy.hpp"
#include "tests/helpers.hpp"
#include "tests/sqlite_raw.hpp"
#include "tests/store_fixture.hpp"

namespace {

using namespace arshjul::test::store;  // tests/store_fixture.hpp

/// The checksum `store copy` printed ("... checksum of the entries HEX in both").
std::string printed_checksum(const std::string& out) {
  const std::string said = "kontrollsumma för posterna ";
  auto at = out.find(said);
  REQUIRE(at != std::string::npos);
  at += said.size();
  return out.substr(at, 64);
}

/// Copies `from` into `to` with the binary and checks what it printed against both stores.
void copy_and_compare(const std::string& from, const std::string& to, const TempDir& tmp) {
  auto r = run_arshjul({"store", "copy", from, to}, tmp);
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);
  auto source = arshjul::engine::summarize(Store(from, Store::read_only));
  auto target = arshjul::engine::summarize(Store(to, Store::read_only));
  CHECK(target == source);
  CHECK(printed_checksum(r.out) == source.checksum);
  CHECK(r.out.find("  completion: " + std::to_string(source.rows[0].second) + " rader") !=
        std::string::npos);
}

/// The entries of `address`, every field, ids included.
std::vector<Completion> entries_of(const std::string& address) {
  return Store(address, Store::read_only).load(1900, 2200);
}

bool same_entries(const std::vector<Completion>& a, const std::vector<Completion>& b) {
  auto key = [](const Completion& c) {
    return std::tie(c.id, c.process, c.cycle, c.step, c.unit, c.occurrence, c.done_by, c.outcome,
                    c.note, c.recorded_at);
  };
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (key(a[i]) != key(b[i]) || !(a[i].done_on == b[i].done_on)) return false;
  return true;
}

/// A store the shape of the benchmark's, smaller: 45,000 completions over 3 years and 300
/// units (more than two of the parts PostgreSQL is read in), corrections, notes with tabs,
/// line breaks, backslashes and non-ASCII, statuses, values that are not round in binary,
/// reminders, a start date, rules in force and a session that has not ended (a NULL).
void fill_benchmark_like(const std::string& path) {
  Store s(path);
  std::vector<Completion> batch;
  for (int i = 0; i < 45000; ++i) {
    auto c = entry(2024 + i % 3, "steg" + std::to_string(i % 50), "enhet" + std::to_string(i % 300),
                   "2025-0" + std::to_string(1 + i % 9) + "-1" + std::to_string(i % 10));
    c.note = (i % 7 == 0 ? "rad\tett\nrad två \\ å ä ö " : "") + std::to_string(i);
    c.outcome = i % 11 == 0 ? "bra" : "";
    batch.push_back(c);
  }
  s.record(batch);
  std::vector<arshjul::engine::StatusReport> statuses;
  std::vector<arshjul::engine::MeasuredValue> values;
  for (int i = 0; i < 500; ++i) {
    statuses.push_back({0, "p", 2025, "akt" + std::to_string(i % 20), "enhet" + std::to_string(i),
                        batch[0].done_on, "pågående", "kommentar\t" + std::to_string(i), "Rektor",
                        "2025-03-01T08:00:00Z"});
    values.push_back({0, "p", 2025, "mått", "enhet" + std::to_string(i), 1 + i % 3, 0.1 * i + 0.2,
                      "Rektor", "", "2025-03-01T08:00:00Z"});
  }
  s.record(statuses);
  s.record(values);
  s.set_start_date(batch[0].done_on);
  s.record_sent({{"anna@example.se", "p/2025/steg1/enhet1/1", "overdue", batch[0].done_on,
                  "2025-03-02T02:00:00Z"}});
  arshjul::engine::SessionTable(s).sign_in("länk", 100, 10000000000, "session", "anna@example.se",
                                           200, 10000000000, 5);
}

}  // namespace

TEST_CASE("store copy: the example store there and back, the same entries and checksum",
          "[store][cli]") {
  TempDir tmp(unique("copy-example"));
  const auto source = (tmp.path() / "exempel.db").string();
  REQUIRE(run_arshjul({"import", std::string(ARSHJUL_SOURCE_DIR) + "/examples/records.csv",
                       "--store", source},
                      tmp)
              .exit_code == 0);
  REQUIRE(run_arshjul({"remind", "--date", "2026-10-15", "--out", (tmp.path() / "mail").string(),
                       "--store", source},
                      tmp)
              .exit_code == 0);
  const auto middle = fresh_store(tmp.path());
  const auto back = (tmp.path() / "tillbaka.db").string();
  copy_and_compare(source, middle, tmp);
  copy_and_compare(middle, back, tmp);
  CHECK(same_entries(entries_of(source), entries_of(back)));
  CHECK(Store(back, Store::read_only).sent_keys().size() ==
        Store(source, Store::read_only).sent_keys().size());
  CHECK_FALSE(Store(back, Store::read_only).sent_keys().empty());
}

TEST_CASE("store copy: a benchmark-like store there and back, ids kept, numbering goes on",
          "[store][cli]") {
  TempDir tmp(unique("copy-bench"));
  const auto source = (tmp.path() / "stor.db").string();
  fill_benchmark_like(source);
  const auto middle = fresh_store(tmp.path());
  const auto back = (tmp.path() / "tillbaka.db").string();
  copy_and_compare(source, middle, tmp);
  copy_and_compare(middle, back, tmp);
  CHECK(same_entries(entries_of(source), entries_of(back)));
  // PostgreSQL has its planner's statistics of the copy at once (a server started right
  // after the copy would otherwise sort the entries on disk for its first page).
  if (on_postgres())
    CHECK(pg_text(middle, "SELECT reltuples::bigint FROM pg_class WHERE relname = 'completion'") ==
          "45000");
  // The copy numbers its next entry after the copied ones, as the source would.
  Store target(middle);
  REQUIRE(target.record(std::vector{entry(2026, "ny", "", "2026-01-02")}) == 1);
  CHECK(target.load(2026, 2026).back().id == 45001);
}

TEST_CASE(
    "store copy: a target with rows is refused (exit 2) unless --overwrite, and the same store "
    "too",
    "[store][cli]") {
  TempDir tmp(unique("copy-refused"));
  const auto source = (tmp.path() / "källa.db").string();
  Store(source).record(std::vector{entry(2026, "a", "", "2026-01-02")});
  const auto target = fresh_store(tmp.path());
  Store(target).record(
      std::vector{entry(2026, "b", "", "2026-01-03"), entry(2026, "c", "", "2026-01-03")});
  auto r = run_arshjul({"store", "copy", source, target}, tmp);
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("är inte tomt (completion 2); inget skrevs. Ange --overwrite") !=
        std::string::npos);
  CHECK(count_rows(target) == 2);
  r = run_arshjul({"store", "copy", source, target, "--overwrite"}, tmp);
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK(count_rows(target) == 1);
  CHECK(entries_of(target).at(0).step == "a");
  r = run_arshjul({"store", "copy", source, source}, tmp);
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("är både källa och mål") != std::string::npos);
}

TEST_CASE("store copy: a copy that fails half way leaves the target as it was (exit 3)",
          "[store][cli]") {
  TempDir tmp(unique("copy-fails"));
  const auto source = (tmp.path() / "källa.db").string();
  {
    Store s(source);
    s.record(std::vector{entry(2026, "a", "", "2026-01-02")});
    s.record_sent({{"anna@example.se", "t", "overdue", entry(2026, "a", "", "2026-01-02").done_on,
                    "2026-01-02T02:00:00Z"}});
  }
  const auto target = fresh_store(tmp.path());
  Store(target).record(std::vector{entry(2026, "b", "", "2026-01-03")});
  // The target refuses reminders (a trigger): the copy fails after its entries were written.
  if (on_postgres()) {
    pg_text(target,
            "CREATE FUNCTION no_reminders() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE"
            " EXCEPTION 'inga påminnelser'; END $$");
    pg_text(target,
            "CREATE TRIGGER no_reminders BEFORE INSERT ON reminder FOR EACH ROW EXECUTE FUNCTION"
            " no_reminders()");
  } else {
    arshjul::test::Raw raw(target);
    REQUIRE(raw.exec("CREATE TRIGGER no_reminders BEFORE INSERT ON reminder BEGIN SELECT"
                     " RAISE(ABORT, 'inga påminnelser'); END") == "");
  }
  auto r = run_arshjul({"store", "copy", source, target, "--overwrite"}, tmp);
  CHECK(r.exit_code == 3);
  CHECK(r.err.find("inga påminnelser") != std::string::npos);
  auto left = entries_of(target);
  REQUIRE(left.size() == 1);
  CHECK(left[0].step == "b");
}
