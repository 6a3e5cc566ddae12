// The one-time key of a web form kept with its entry (schema 8), on both back-ends: an entry
// whose key the store or its batch has already is left out, of every kind; entries without a
// key (the command line, imports) are as before; an older store is migrated and keeps its
// entries; `store copy` carries the keys and its checksum tells them apart.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "engine/sessions.hpp"
#include "engine/store_copy.hpp"
#include "engine/store_postgres_schema.hpp"
#include "engine/store_sqlite_schema.hpp"
#include "tests/sqlite_raw.hpp"
#include "tests/store_fixture.hpp"

namespace {

using namespace arshjul::test::store;  // tests/store_fixture.hpp
using arshjul::engine::EntryCounts;
using arshjul::engine::MeasuredValue;
using arshjul::engine::StatusReport;

/// A completion for Ekskolan with `note` and the submission key `key`.
Completion keyed(const std::string& note, const std::string& key) {
  auto c = entry(2026, "t1_uppföljning", "Ekskolan", "2026-04-20");
  c.note = note;
  c.submission = key;
  return c;
}

/// Runs `sql` on the store at `address` from outside arshjul: "" when it succeeded, else the
/// database's message.
std::string run_outside(const std::string& address, const std::string& sql) {
  if (arshjul::engine::is_postgres_address(address)) {
    try {
      pg_text(address, sql);
      return "";
    } catch (const std::exception& e) {
      return e.what();
    }
  }
  arshjul::test::Raw raw(address);
  return raw.exec(sql);
}

/// A store at `address` as a schema 7 build made it (every migration up to 7, the version
/// said), holding one completion.
void make_schema_7(const std::string& address) {
  std::string sql;
  const std::string row =
      "INSERT INTO completion(process, cycle, step, unit, done_on, done_by, recorded_at) VALUES"
      " ('resultatuppfoljning', 2026, 't1_uppföljning', 'Hagaskolan', '2026-04-20',"
      " 'Enhetschef', '2026-04-20T08:00:00Z');";
  if (arshjul::engine::is_postgres_address(address)) {
    sql =
        "CREATE TABLE arshjul_schema (version INTEGER NOT NULL);"
        " INSERT INTO arshjul_schema VALUES (7);";
    for (int v = 0; v < 7; ++v)
      sql += std::string(arshjul::engine::postgres::kMigrations[v]) + "\n";
    REQUIRE(run_outside(address, sql + row) == "");
    return;
  }
  arshjul::test::Raw raw(address, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  for (int v = 0; v < 7; ++v) sql += arshjul::engine::sqlite::kMigrations[v];
  REQUIRE(raw.exec(sql + row + "PRAGMA user_version=7;") == "");
}

}  // namespace

TEST_CASE("store: an entry's submission key is kept once: sent again it is left out", "[store]") {
  TempDir tmp(unique("submission"));
  const auto path = fresh_store(tmp.path());
  Store s(path);
  CHECK(s.record({keyed("första", "key-0123456789abcdef")}) == 1);
  // The same key again, later or twice in one batch: left out, whatever the entry says.
  CHECK(s.record({keyed("andra", "key-0123456789abcdef")}) == 0);
  CHECK(s.record({keyed("tredje", "key-fedcba9876543210"), keyed("fjärde", "key-fedcba9876543210"),
                  keyed("femte", "key-000000000000000a")}) == 2);
  // Entries without a key (the command line, imports) are not affected by each other.
  CHECK(s.record({keyed("utan nyckel 1", ""), keyed("utan nyckel 2", "")}) == 2);
  auto all = s.load(2026, 2026);
  REQUIRE(all.size() == 5);
  CHECK(all[0].note == "första");
  CHECK(all[1].note == "tredje");
  CHECK(all[2].note == "femte");
  EntryCounts counts(s);
  CHECK(counts.submitted("key-0123456789abcdef"));
  CHECK_FALSE(counts.submitted("key-ffffffffffffffff"));
  CHECK_FALSE(counts.submitted(""));  // no key: never "sent before"
  // Unique in the schema itself, not only in record(): a second row with the key is refused.
  CHECK(run_outside(path,
                    "UPDATE completion SET submission = 'key-0123456789abcdef' WHERE note ="
                    " 'femte'") != "");
  CHECK(run_outside(path, "UPDATE completion SET submission = NULL WHERE note = 'femte'") == "");
}

TEST_CASE("store: status reports and measured values keep their submission keys once", "[store]") {
  TempDir tmp(unique("submission-plan"));
  Store s(fresh_store(tmp.path()));
  StatusReport st{0,
                  "p",
                  2026,
                  "akt",
                  "Ekskolan",
                  entry(2026, "x", "", "2026-04-20").done_on,
                  "pågående",
                  "",
                  "Rektor",
                  "2026-04-20T08:00:00Z",
                  "status-key-0123456789"};
  auto other = st;
  other.status = "genomfört";  // another report, the same form sent again
  CHECK(s.record(std::vector{st}) == 1);
  CHECK(s.record(std::vector{other}) == 0);
  MeasuredValue v{0,
                  "p",
                  2026,
                  "mått",
                  "Ekskolan",
                  2,
                  91.5,
                  "Rektor",
                  "",
                  "2026-08-31T08:00:00Z",
                  "value-key-0123456789"};
  auto again = v;
  again.value = 80;
  CHECK(s.record(std::vector{v, again}) == 1);
  again.submission.clear();
  CHECK(s.record(std::vector{again}) == 1);  // without a key: a correction, as before
  CHECK(s.statuses(2026, 2026).size() == 1);
  REQUIRE(s.values(2026, 2026).size() == 2);
  CHECK(s.values(2026, 2026)[0].value == 91.5);
  EntryCounts counts(s);
  CHECK(counts.submitted("status-key-0123456789"));
  CHECK(counts.submitted("value-key-0123456789"));
}

TEST_CASE("store: a schema 7 store is migrated in one step, its entries kept without keys",
          "[store]") {
  TempDir tmp(unique("submission-migrate"));
  const auto path = fresh_store(tmp.path());
  make_schema_7(path);
  CHECK_THROWS_AS(Store(path, Store::read_only), StoreError);  // a reader changes nothing
  Store s(path);
  auto all = s.load(2026, 2026);
  REQUIRE(all.size() == 1);
  CHECK(all[0].unit == "Hagaskolan");
  CHECK(run_outside(path, "SELECT 1 FROM completion WHERE submission IS NULL") == "");
  CHECK(s.record({keyed("med nyckel", "key-0123456789abcdef")}) == 1);
  CHECK(s.record({keyed("igen", "key-0123456789abcdef")}) == 0);
  CHECK(s.record({keyed("utan", "")}) == 1);
  CHECK(s.load(2026, 2026).size() == 3);
  Store reader(path, Store::read_only);  // now at this build's version
  CHECK(EntryCounts(s).submitted("key-0123456789abcdef"));
  // Migrated again from 7 (a store whose version was set back has the columns already): the
  // step runs again without harm, as the IF NOT EXISTS of earlier ones do.
  REQUIRE(run_outside(path, arshjul::engine::is_postgres_address(path)
                                ? "UPDATE arshjul_schema SET version = 7"
                                : "PRAGMA user_version=7") == "");
  Store again(path);
  CHECK(again.load(2026, 2026).size() == 3);
  CHECK(again.record({keyed("en gång till", "key-0123456789abcdef")}) == 0);
}

TEST_CASE("store copy: submission keys go along, and the checksum tells them apart",
          "[store][cli]") {
  TempDir tmp(unique("submission-copy"));
  const auto source = (tmp.path() / "källa.db").string();
  {
    Store s(source);
    s.record({keyed("med", "key-0123456789abcdef"), keyed("utan", "")});
    s.record(std::vector{StatusReport{0, "p", 2026, "akt", "",
                                      entry(2026, "x", "", "2026-04-20").done_on, "pågående", "",
                                      "Rektor", "2026-04-20T08:00:00Z", "status-key-0123456789"}});
    s.record(std::vector{MeasuredValue{0, "p", 2026, "mått", "", 2, 0.1, "Rektor", "",
                                       "2026-08-31T08:00:00Z", "value-key-0123456789"}});
  }
  const auto middle = fresh_store(tmp.path());
  auto r = run_arshjul({"store", "copy", source, middle}, tmp);
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);
  const auto back = (tmp.path() / "tillbaka.db").string();
  REQUIRE(run_arshjul({"store", "copy", middle, back}, tmp).exit_code == 0);
  auto sum = [](const std::string& at) {
    return arshjul::engine::summarize(Store(at, Store::read_only));
  };
  CHECK(sum(middle) == sum(source));
  CHECK(sum(back) == sum(source));
  for (const auto& at : {middle, back}) {
    Store s(at);
    EntryCounts counts(s);
    CHECK(counts.submitted("key-0123456789abcdef"));
    CHECK(counts.submitted("status-key-0123456789"));
    CHECK(counts.submitted("value-key-0123456789"));
    CHECK(s.record({keyed("igen", "key-0123456789abcdef")}) == 0);  // still unique there
  }
  // Another key, or none where there was one: another checksum.
  const auto before = sum(back).checksum;
  REQUIRE(run_outside(back,
                      "UPDATE completion SET submission = 'key-x123456789abcdef' WHERE"
                      " submission = 'key-0123456789abcdef'") == "");
  const auto other_key = sum(back).checksum;
  REQUIRE(run_outside(back,
                      "UPDATE completion SET submission = NULL WHERE submission ="
                      " 'key-x123456789abcdef'") == "");
  const auto no_key = sum(back).checksum;
  CHECK(other_key != before);
  CHECK(no_key != before);
  CHECK(no_key != other_key);
}
