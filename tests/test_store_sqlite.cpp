// The SQLite store as a file (tests of the SQLite back-end only, tagged [sqlite]): created in
// WAL mode at the current schema, older schemas migrated, files it must not touch (junk, a
// newer or unknown schema, a lock) refused without changing them, no connection left behind.
#include <sqlite3.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "engine/store.hpp"
#include "tests/sqlite_raw.hpp"
#include "tests/store_fixture.hpp"

namespace {

using arshjul::test::completion_rows;
using arshjul::test::Raw;
using namespace arshjul::test::store;  // tests/store_fixture.hpp

/// The store at `path`, written by an older schema, opened (which migrates it): it is at the
/// current schema afterwards.
std::unique_ptr<Store> opened_and_migrated(const fs::path& path) {
  auto store = std::make_unique<Store>(path.string());
  CHECK(Raw(path).integer("PRAGMA user_version") == Store::kSchemaVersion);
  return store;
}

}  // namespace

TEST_CASE("store: created on first use at the current schema version, in WAL mode",
          "[store][sqlite]") {
  TempDir tmp(unique("create"));
  const auto path = tmp.path() / "arshjul.db";
  REQUIRE_FALSE(fs::exists(path));
  {
    Store s(path.string());
    CHECK(s.path() == path.string());
  }
  REQUIRE(fs::exists(path));
  Raw raw(path);
  CHECK(Store::kSchemaVersion >= 1);
  CHECK(raw.integer("PRAGMA user_version") == Store::kSchemaVersion);
  CHECK(raw.text("PRAGMA journal_mode") == "wal");
  CHECK(raw.integer("SELECT count(*) FROM completion") == 0);
  // Opening again neither migrates nor changes anything.
  {
    Store again(path.string());
    CHECK(again.load(2000, 2100).empty());
  }
  CHECK(raw.integer("PRAGMA user_version") == Store::kSchemaVersion);
}

TEST_CASE("store: a schema 1 store is migrated on open and keeps its entries", "[store][sqlite]") {
  TempDir tmp(unique("v1"));
  const auto path = tmp.path() / "arshjul.db";
  {
    // Exactly what the first release (schema 1) wrote.
    Raw raw(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    REQUIRE(raw.exec("PRAGMA journal_mode=WAL") == "");
    REQUIRE(
        raw.exec(
            "CREATE TABLE completion ("
            "  id INTEGER PRIMARY KEY, process TEXT NOT NULL, cycle INTEGER NOT NULL,"
            "  step TEXT NOT NULL, unit TEXT NOT NULL DEFAULT '',"
            "  occurrence INTEGER NOT NULL DEFAULT 1, done_on TEXT NOT NULL,"
            "  done_by TEXT NOT NULL, outcome TEXT NOT NULL DEFAULT '',"
            "  note TEXT NOT NULL DEFAULT '', recorded_at TEXT NOT NULL);"
            "CREATE INDEX completion_by_cycle ON completion(cycle, process, step, unit);"
            "INSERT INTO completion(process, cycle, step, unit, occurrence, done_on, done_by,"
            "  outcome, note, recorded_at) VALUES ('resultatuppfoljning', 2026, 't1_uppföljning',"
            "  'Hagaskolan', 1, '2026-04-20', 'Enhetschef', '', 'från schema 1',"
            "  '2026-04-20T09:00:00Z');"
            "PRAGMA user_version=1;") == "");
  }
  auto s = opened_and_migrated(path);
  auto all = s->load(2026, 2026);
  REQUIRE(all.size() == 1);
  CHECK(all[0].note == "från schema 1");
  CHECK(all[0].unit == "Hagaskolan");
  s->record({entry(2026, "t1_uppföljning", "Norrskolan", "2026-04-21")});
  CHECK(completion_rows(path) == 2);
}

TEST_CASE(
    "store: activity statuses and measure values round-trip, also in a store migrated from schema "
    "1",
    "[store][sqlite]") {
  TempDir tmp(unique("plan"));
  const auto path = tmp.path() / "arshjul.db";
  {
    Raw raw(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    REQUIRE(
        raw.exec(
            "CREATE TABLE completion (id INTEGER PRIMARY KEY, process TEXT NOT NULL, cycle INTEGER "
            "NOT NULL,"
            " step TEXT NOT NULL, unit TEXT NOT NULL DEFAULT '', occurrence INTEGER NOT NULL "
            "DEFAULT 1,"
            " done_on TEXT NOT NULL, done_by TEXT NOT NULL, outcome TEXT NOT NULL DEFAULT '',"
            " note TEXT NOT NULL DEFAULT '', recorded_at TEXT NOT NULL); PRAGMA user_version=1;") ==
        "");
  }
  Store s(path.string());
  arshjul::engine::StatusReport st;
  st.process = "verksamhetsplan_2019";
  st.cycle = 2019;
  st.activity = "e-handel";
  st.reported_on = std::chrono::year(2019) / 4 / 30;
  st.status = "pågående";
  st.comment = "Uppföljning av projektet pågår, \"citat\"";
  st.reported_by = "Förvaltningschef";
  st.recorded_at = "2019-04-30T10:00:00Z";
  s.record(std::vector{st});
  arshjul::engine::MeasuredValue v;
  v.process = "malkedja";
  v.cycle = 2026;
  v.measure = "närvaro";
  v.unit = "Hagaskolan";
  v.tertial = 2;
  v.value = 93.25;
  v.reported_by = "Rektor";
  v.note = "ny mätmetod";
  v.recorded_at = "2026-08-31T10:00:00Z";
  auto earlier = v;  // a first value, then a correction: two entries
  earlier.value = 91;
  s.record(std::vector{earlier, v});
  CHECK(s.record(std::vector{v}) == 0);  // the same as the latest again: not added
  auto statuses = s.statuses(2019, 2019);
  REQUIRE(statuses.size() == 1);
  CHECK(statuses[0].id > 0);
  CHECK(statuses[0].activity == "e-handel");
  CHECK(statuses[0].reported_on == st.reported_on);
  CHECK(statuses[0].comment == st.comment);
  CHECK(statuses[0].reported_by == "Förvaltningschef");
  auto values = s.values(2026, 2026);
  REQUIRE(values.size() == 2);  // insert-only: a second entry, never an update
  CHECK(values[0].id < values[1].id);
  CHECK(values[1].value == 93.25);
  CHECK(values[1].tertial == 2);
  CHECK(values[1].unit == "Hagaskolan");
  CHECK(values[1].note == "ny mätmetod");
  CHECK(s.values(2025, 2025).empty());
  // the table refuses a tertial that does not exist, and nothing of the batch is kept
  v.tertial = 4;
  auto good = v;
  good.tertial = 1;
  CHECK_THROWS_AS(s.record(std::vector{good, v}), StoreError);
  CHECK(s.values(2026, 2026).size() == 2);
}

TEST_CASE("store: schema 4 rewrites the Swedish reminder kinds of older stores as neutral keys",
          "[store][sqlite]") {
  TempDir tmp(unique("kinds"));
  const auto path = tmp.path() / "arshjul.db";
  { Store created(path.string()); }
  {
    // What schema 3 wrote: the same tables, with Swedish words in them.
    Raw raw(path);
    REQUIRE(raw.exec("INSERT INTO reminder(recipient, task, kind, run_date, sent_at) VALUES"
                     " ('a@k.se', 'p/2026/s/Ekskolan/1', 'snart', '2026-03-01', 't'),"
                     " ('a@k.se', 'p/2026/s/Ekskolan/1', 'försenad', '2026-03-02', 't'),"
                     " ('a@k.se', 'p/2026/s/Ekskolan/1', 'försenad@14', '2026-03-16', 't'),"
                     " ('b@k.se', 'p/2026/s/Ekskolan/1', 'eskalerad@28', '2026-03-30', 't'),"
                     " ('a@k.se', 'p/2026/aktivitet:läsprojekt/', 'försenad', '2026-07-01', 't'),"
                     " ('a@k.se', 'p/2026/mätetal:närvaro/Ekskolan/T1', 'saknas', '2026-05-01', "
                     "'t'); PRAGMA user_version=3;") == "");
  }
  auto s = opened_and_migrated(path);
  auto keys = s->sent_keys();
  std::sort(keys.begin(), keys.end());
  CHECK(keys == std::vector<std::string>{"a@k.se\tp/2026/activity:läsprojekt/\toverdue",
                                         "a@k.se\tp/2026/measure:närvaro/Ekskolan/T1\tmissing",
                                         "a@k.se\tp/2026/s/Ekskolan/1\tdue_soon",
                                         "a@k.se\tp/2026/s/Ekskolan/1\toverdue",
                                         "a@k.se\tp/2026/s/Ekskolan/1\toverdue@14",
                                         "b@k.se\tp/2026/s/Ekskolan/1\tescalation@28"});
}

TEST_CASE("store: create=false refuses a missing file and does not create it", "[store][sqlite]") {
  TempDir tmp(unique("nocreate"));
  const auto path = tmp.path() / "saknas.db";
  REQUIRE_THROWS_AS(Store(path.string(), false), StoreError);
  CHECK_FALSE(fs::exists(path));
}

TEST_CASE("store: read_only writes nothing, leaves no file and refuses an older schema",
          "[store][sqlite]") {
  TempDir tmp(unique("readonly"));
  const auto path = tmp.path() / "arshjul.db";
  Store(path.string()).record({entry(2026, "t2_redovisning", "", "2026-09-22")});
  REQUIRE_THROWS_AS(Store((tmp.path() / "saknas.db").string(), Store::read_only), StoreError);
  CHECK_FALSE(fs::exists(tmp.path() / "saknas.db"));
  {
    Store r(path.string(), Store::read_only);
    CHECK(r.load(2026, 2026).size() == 1);
    CHECK_THROWS_AS(r.record({entry(2026, "t2_redovisning", "", "2026-09-23")}), StoreError);
  }
  CHECK(completion_rows(path) == 1);
  CHECK_FALSE(fs::exists(path.string() + "-wal"));
  CHECK_FALSE(fs::exists(path.string() + "-shm"));
  REQUIRE(Raw(path).exec("PRAGMA user_version=5") == "");
  const auto bytes = slurp(path);
  try {
    Store old(path.string(), Store::read_only);
    FAIL("an older schema was opened for reading");
  } catch (const StoreError& e) {
    CHECK(std::string(e.what()).find("arshjul store migrate") != std::string::npos);
  }
  CHECK(slurp(path) == bytes);
  CHECK_FALSE(fs::exists(path.string() + "-wal"));  // closed, not left to the process's exit
  CHECK(Raw(path).integer("PRAGMA user_version") == 5);
}

TEST_CASE("store: a file that is not a database is refused and left as it was", "[store][sqlite]") {
  TempDir tmp(unique("junk"));
  std::string junk;
  for (int i = 0; i < 4096; ++i) junk += static_cast<char>((i * 131 + 17) % 256);
  junk.replace(0, 24, "enhet,roll,namn,epost\n\x01\x02");  // not the SQLite header
  const auto path = tmp.write("arshjul.db", junk);
  try {
    Store s(path.string());
    FAIL("opened a junk file as a store");
  } catch (const StoreError& e) {
    std::string msg = e.what();
    INFO(msg);
    CHECK(msg.find(path.string()) != std::string::npos);             // names the file
    CHECK(msg.find("inte ett arshjul-lager") != std::string::npos);  // says what is wrong
  }
  CHECK(slurp(path) == junk);
  for (const char* suffix : {"-journal", "-wal", "-shm"})
    CHECK_FALSE(fs::exists(path.string() + suffix));
  // Also with create=false: the same error, still untouched.
  CHECK_THROWS_AS(Store(path.string(), false), StoreError);
  CHECK(slurp(path) == junk);
}

/// How many file descriptors this process has open.
std::size_t open_descriptors() {
  return static_cast<std::size_t>(
      std::distance(fs::directory_iterator("/proc/self/fd"), fs::directory_iterator()));
}

TEST_CASE("store: a store refused on opening leaves no connection open (found by LeakSanitizer)",
          "[store][sqlite]") {
  // The web view opens the store for every request: each refusal used to keep SQLite's
  // connection, its memory and the file's descriptor, for the life of the server.
  TempDir tmp(unique("refused-leak"));
  const auto junk = tmp.write("junk.db", std::string(4096, 'x'));
  const auto newer = tmp.path() / "newer.db";
  { Store created(newer.string()); }
  REQUIRE(Raw(newer).exec("PRAGMA user_version=99") == "");
  const auto before = open_descriptors();
  for (int i = 0; i < 20; ++i) {
    CHECK_THROWS_AS(Store(junk.string()), StoreError);
    CHECK_THROWS_AS(Store(newer.string(), false), StoreError);
  }
  CHECK(open_descriptors() == before);
}

TEST_CASE("store: a store of a schema this build does not know is refused untouched",
          "[store][sqlite]") {
  // 99: from a newer arshjul; -1: written by something else (it would index before the
  // migrations, and crashed every command before).
  const int version = GENERATE(99, -1);
  const std::string why = version > 0 ? "nyare" : "inte ett arshjul-lager";
  TempDir tmp(unique("schema"));
  const auto path = tmp.path() / "arshjul.db";
  {
    Raw raw(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    REQUIRE(raw.exec("CREATE TABLE completion_v99(id INTEGER PRIMARY KEY, what TEXT);"
                     "INSERT INTO completion_v99(what) VALUES ('från framtiden');"
                     "PRAGMA user_version=" +
                     std::to_string(version) + ";") == "");
  }
  const std::string before = slurp(path);
  REQUIRE_FALSE(before.empty());
  try {
    Store s(path.string());
    FAIL("opened a store with schema " << version);
  } catch (const StoreError& e) {
    std::string msg = e.what();
    INFO(msg);
    CHECK(msg.find(path.string()) != std::string::npos);
    CHECK(msg.find(why) != std::string::npos);
    CHECK(msg.find(std::to_string(version)) != std::string::npos);
  }
  // A read command says so and exits 3: a store it cannot read.
  auto status = run_arshjul({"status", "--date", "2026-05-01", "--store", path.string()}, tmp);
  CHECK(status.exit_code == 3);
  CHECK(status.err.find(why) != std::string::npos);
  CHECK(slurp(path) == before);
  Raw raw(path);
  CHECK(raw.integer("PRAGMA user_version") == version);
  CHECK(raw.text("PRAGMA journal_mode") == "delete");  // not switched to WAL either
}

TEST_CASE("store: a store locked by another connection fails after the busy timeout",
          "[store][sqlite]") {
  TempDir tmp(unique("locked"));
  const auto path = tmp.path() / "arshjul.db";
  constexpr int kBusyMs = 200;
  Store s(path.string(), true, kBusyMs);
  s.record({entry(2026, "t1_uppföljning", "Hagaskolan", "2026-04-20")});

  Raw other(path);
  REQUIRE(other.exec("BEGIN EXCLUSIVE") == "");
  const auto t0 = ch::steady_clock::now();
  try {
    s.record({entry(2026, "t1_uppföljning", "Norrskolan", "2026-04-21"),
              entry(2026, "t1_uppföljning", "Västerskolan", "2026-04-22")});
    FAIL("recorded into a locked store");
  } catch (const StoreError& e) {
    std::string msg = e.what();
    INFO(msg);
    CHECK(msg.find(path.string()) != std::string::npos);
  }
  const auto waited = ch::duration_cast<ch::milliseconds>(ch::steady_clock::now() - t0).count();
  CHECK(waited >= kBusyMs * 8 / 10);  // it waited for the lock ...
  CHECK(waited < 5000);               // ... but not the default 5 s
  REQUIRE(other.exec("ROLLBACK") == "");

  CHECK(completion_rows(path) == 1);  // nothing of the refused batch
  // The same Store works once the lock is gone.
  s.record({entry(2026, "t1_uppföljning", "Norrskolan", "2026-04-21")});
  CHECK(completion_rows(path) == 2);
}

// --- done through the binary -----------------------------------------------------------------
