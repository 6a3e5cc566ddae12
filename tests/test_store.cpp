// The store of completions, on real SQLite files in temp dirs (never mocks): created on first
// use at the current schema version (schema 1 stores are migrated), insert-only, refusing
// files it must not touch (junk, a newer schema, a lock) without changing them; `arshjul done` and
// `arshjul import` through the real binary, writing nothing for refused input; and a kill -9 in the
// middle of a large import, which must leave all or none of it.
#include <fcntl.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "engine/csv.hpp"
#include "engine/files.hpp"
#include "engine/store.hpp"
#include "tests/helpers.hpp"
#include "tests/sqlite_raw.hpp"

using arshjul::test::shell_quote;
using arshjul::test::slurp;

namespace {

namespace fs = std::filesystem;
namespace ch = std::chrono;
using arshjul::engine::Completion;
using arshjul::engine::Store;
using arshjul::engine::StoreError;
using arshjul::test::Raw;
using arshjul::test::TempDir;

/// A temp dir whose name is unique to this process: ctest runs test cases in parallel.
std::string unique(const std::string& name) {
  return "store-" + name + "-" + std::to_string(getpid());
}

long long count_rows(const fs::path& db) {
  return Raw(db).integer("SELECT count(*) FROM completion");
}

/// The entries of cycle 2026 in `db`, after checking that the store holds exactly `rows`.
std::vector<Completion> stored_2026(const fs::path& db, long long rows) {
  REQUIRE(count_rows(db) == rows);
  auto all = Store(db.string()).load(2026, 2026);
  REQUIRE(all.size() == static_cast<std::size_t>(rows));
  return all;
}

/// True when nothing was written: no store file at all, or one without entries.
bool nothing_written(const fs::path& db) {
  return !fs::exists(db) || count_rows(db) == 0;
}

Completion entry(int cycle, const std::string& step, const std::string& unit,
                 const std::string& date) {
  Completion c;
  c.process = "resultatuppfoljning";
  c.cycle = cycle;
  c.step = step;
  c.unit = unit;
  int y = 0;
  unsigned m = 0, d = 0;
  std::sscanf(date.c_str(), "%d-%u-%u", &y, &m, &d);
  c.done_on = ch::year(y) / ch::month(m) / ch::day(d);
  c.done_by = "Enhetschef";
  c.recorded_at = "2026-10-15T08:00:00Z";
  return c;
}

// --- the binary ----------------------------------------------------------------------------

/// Runs the built binary from the source dir (so rules/ and examples/roster.csv are the
/// shipped ones) with Swedish messages; `args` are quoted one by one.
arshjul::test::CommandResult run_arshjul(const std::vector<std::string>& args, const TempDir& tmp) {
  return arshjul::test::run_arshjul(ARSHJUL_SOURCE_DIR, args, tmp.path() / "arshjul");
}

const std::string kHeader = "process,år,steg,enhet,datum,av,utfall,anteckning\n";

/// Imports a CSV of kHeader and `rows`, written as `name` in `tmp`, into `db` through the binary.
arshjul::test::CommandResult import_rows(const TempDir& tmp, const fs::path& db,
                                         const std::string& rows,
                                         const std::string& name = "klart.csv") {
  auto csv = tmp.write(name, kHeader + rows);
  return run_arshjul({"import", csv.string(), "--store", db.string()}, tmp);
}

}  // namespace

// --- the store itself ------------------------------------------------------------------------

TEST_CASE("store: created on first use at the current schema version, in WAL mode", "[store]") {
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

TEST_CASE("store: a schema 1 store is migrated on open and keeps its entries", "[store]") {
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
  Store s(path.string());
  CHECK(Raw(path).integer("PRAGMA user_version") == Store::kSchemaVersion);
  auto all = s.load(2026, 2026);
  REQUIRE(all.size() == 1);
  CHECK(all[0].note == "från schema 1");
  CHECK(all[0].unit == "Hagaskolan");
  s.record({entry(2026, "t1_uppföljning", "Norrskolan", "2026-04-21")});
  CHECK(count_rows(path) == 2);
}

TEST_CASE(
    "store: activity statuses and measure values round-trip, also in a store migrated from schema "
    "1",
    "[store]") {
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
          "[store]") {
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
  Store s(path.string());
  CHECK(Raw(path).integer("PRAGMA user_version") == Store::kSchemaVersion);
  auto keys = s.sent_keys();
  std::sort(keys.begin(), keys.end());
  CHECK(keys == std::vector<std::string>{"a@k.se\tp/2026/activity:läsprojekt/\toverdue",
                                         "a@k.se\tp/2026/measure:närvaro/Ekskolan/T1\tmissing",
                                         "a@k.se\tp/2026/s/Ekskolan/1\tdue_soon",
                                         "a@k.se\tp/2026/s/Ekskolan/1\toverdue",
                                         "a@k.se\tp/2026/s/Ekskolan/1\toverdue@14",
                                         "b@k.se\tp/2026/s/Ekskolan/1\tescalation@28"});
}

TEST_CASE("store: create=false refuses a missing file and does not create it", "[store]") {
  TempDir tmp(unique("nocreate"));
  const auto path = tmp.path() / "saknas.db";
  REQUIRE_THROWS_AS(Store(path.string(), false), StoreError);
  CHECK_FALSE(fs::exists(path));
}

TEST_CASE("store: read_only writes nothing, leaves no file and refuses an older schema",
          "[store]") {
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
  CHECK(count_rows(path) == 1);
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

TEST_CASE("store: an entry round-trips with every field", "[store]") {
  TempDir tmp(unique("roundtrip"));
  const auto path = (tmp.path() / "arshjul.db").string();
  Completion c = entry(2026, "t2_redovisning", "", "2026-09-22");
  c.process = "resultatuppfoljning";
  c.occurrence = 3;
  c.done_by = "Förvaltningschef Margareta Holm";
  c.outcome = "förbättringsbehov";
  c.note = "Åtgärder: \"läsning\", matematik; se protokoll §12\nandra raden";
  c.recorded_at = "2026-09-23T07:45:12Z";
  Completion u = entry(2026, "t1_uppföljning", "Förskolan Blåklinten", "2026-04-28");
  {
    Store s(path);
    s.record({c, u});
  }
  Store s(path);  // a new connection: read back from the file, not from memory
  auto all = s.load(2026, 2026);
  REQUIRE(all.size() == 2);
  const auto& r = all[0];
  CHECK(r.id > 0);
  CHECK(r.process == c.process);
  CHECK(r.cycle == 2026);
  CHECK(r.step == "t2_redovisning");
  CHECK(r.unit.empty());
  CHECK(r.occurrence == 3);
  CHECK(r.done_on == c.done_on);
  CHECK(r.done_by == c.done_by);
  CHECK(r.outcome == "förbättringsbehov");
  CHECK(r.note == c.note);
  CHECK(r.recorded_at == c.recorded_at);
  CHECK(all[1].id > r.id);
  CHECK(all[1].unit == "Förskolan Blåklinten");
  CHECK(all[1].step == "t1_uppföljning");
  CHECK(all[1].occurrence == 1);
  CHECK(all[1].done_on == u.done_on);
}

TEST_CASE("store: a later entry for the same task is a new row (insert-only)", "[store]") {
  TempDir tmp(unique("insertonly"));
  const auto path = tmp.path() / "arshjul.db";
  Store s(path.string());
  s.record({entry(2026, "t1_uppföljning", "Hagaskolan", "2026-04-20")});
  Completion fix = entry(2026, "t1_uppföljning", "Hagaskolan", "2026-04-14");
  fix.note = "rättelse: gjordes 14 april";
  s.record({fix});
  s.record(
      std::vector<arshjul::engine::Completion>{});  // an empty batch is fine and writes nothing
  CHECK(count_rows(path) == 2);
  auto all = s.load(2026, 2026);
  REQUIRE(all.size() == 2);
  CHECK(all[0].id < all[1].id);  // oldest first
  CHECK(all[0].done_on == entry(2026, "x", "", "2026-04-20").done_on);
  CHECK(all[1].done_on == fix.done_on);
  CHECK(all[1].note == fix.note);
  CHECK(all[0].note.empty());  // the first entry is untouched
}

TEST_CASE("store: load and for_each filter by cycle", "[store]") {
  TempDir tmp(unique("filter"));
  Store s((tmp.path() / "arshjul.db").string());
  s.record({entry(2024, "t1_uppföljning", "Hagaskolan", "2024-04-10"),
            entry(2025, "t1_uppföljning", "Hagaskolan", "2025-04-10"),
            entry(2026, "t1_uppföljning", "Hagaskolan", "2026-04-10"),
            entry(2027, "t1_uppföljning", "Hagaskolan", "2027-04-10"),
            entry(2026, "t2_uppföljning", "Norrskolan", "2026-08-20")});
  auto cycles = [](const std::vector<Completion>& cs) {
    std::vector<int> out;
    for (const auto& c : cs) out.push_back(c.cycle);
    return out;
  };
  CHECK(cycles(s.load(2026, 2026)) == std::vector<int>{2026, 2026});
  CHECK(cycles(s.load(2025, 2026)) == std::vector<int>{2025, 2026, 2026});
  CHECK(cycles(s.load(2024, 2027)) == std::vector<int>{2024, 2025, 2026, 2027, 2026});
  CHECK(s.load(2028, 2030).empty());
  int seen = 0;
  s.for_each(2027, 2027, [&](const Completion& c) {
    ++seen;
    CHECK(c.cycle == 2027);
  });
  CHECK(seen == 1);
}

TEST_CASE("store: a file that is not a database is refused and left as it was", "[store]") {
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
          "[store]") {
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

TEST_CASE("store: a store of a schema this build does not know is refused untouched", "[store]") {
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

TEST_CASE("store: a store locked by another connection fails after the busy timeout", "[store]") {
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

  CHECK(count_rows(path) == 1);  // nothing of the refused batch
  // The same Store works once the lock is gone.
  s.record({entry(2026, "t1_uppföljning", "Norrskolan", "2026-04-21")});
  CHECK(count_rows(path) == 2);
}

// --- done through the binary -----------------------------------------------------------------

TEST_CASE("done: records one entry", "[store][cli]") {
  TempDir tmp(unique("done-ok"));
  const auto db = tmp.path() / "arshjul.db";
  auto r =
      run_arshjul({"done", "t1_uppföljning", "--year", "2026", "--unit", "hagaskolan", "--date",
                   "2026-04-20", "--note", "klart i Stratsys", "--store", db.string()},
                  tmp);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.find("t1_uppföljning (Hagaskolan)") != std::string::npos);
  auto all = stored_2026(db, 1);
  CHECK(all[0].process == "resultatuppfoljning");
  CHECK(all[0].step == "t1_uppföljning");
  CHECK(all[0].unit == "Hagaskolan");  // as the roster spells it
  CHECK(all[0].done_on == entry(2026, "x", "", "2026-04-20").done_on);
  CHECK(all[0].done_by == "Enhetschef");  // the step's first role
  CHECK(all[0].occurrence == 1);
  CHECK(all[0].note == "klart i Stratsys");
  CHECK(all[0].recorded_at.size() == 20);  // 2026-10-15T08:00:00Z

  // An outcome from UTFALL, written in another case, is stored as UTFALL spells it.
  r = run_arshjul({"done", "t2_redovisning", "--year", "2026", "--date", "2026-09-22", "--outcome",
                   "FÖRBÄTTRINGSBEHOV", "--store", db.string()},
                  tmp);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  all = stored_2026(db, 2);
  CHECK(all[1].outcome == "förbättringsbehov");
  CHECK(all[1].unit.empty());
}

TEST_CASE("done: refused input exits 2 with a located message and writes nothing", "[store][cli]") {
  TempDir tmp(unique("done-refused"));
  const auto db = tmp.path() / "arshjul.db";
  struct Case {
    const char* name;
    std::string args;  // after "done", split at spaces
    std::string message;
  };
  const std::vector<Case> cases = {
      {"unknown step, with did-you-mean",
       "t1_uppfoljnng --year 2026 --unit Hagaskolan --date 2026-04-20",
       "okänt steg 't1_uppfoljnng'; menade du 't1_uppföljning'?"},
      {"unit not in the roster", "t1_uppföljning --year 2026 --unit Hagskolan --date 2026-04-20",
       "enheten 'Hagskolan' finns inte i enhetslistan; menade du 'Hagaskolan'?"},
      {"per-unit step without --unit", "t1_uppföljning --year 2026 --date 2026-04-20",
       "'t1_uppföljning' görs per enhet: ange enhet"},
      {"--unit on a single-instance step",
       "t1_godkännande --year 2026 --unit Hagaskolan --date 2026-05-26",
       "'t1_godkännande' görs inte per enhet"},
      {"a date that does not exist",
       "t1_uppföljning --year 2026 --unit Hagaskolan --date 2026-02-30",
       "'2026-02-30' är inget datum som finns"},
      {"a date far outside the cycle",
       "t1_uppföljning --year 2026 --unit Hagaskolan --date 1999-01-01",
       "datumet 1999-01-01 ligger orimligt långt från cykel 2026"},
      {"an outcome not in UTFALL", "t2_redovisning --year 2026 --date 2026-09-22 --outcome bra",
       "steget 't2_redovisning' har inget utfall 'bra' (UTFALL: förbättringsbehov, inga_åtgärder)"},
      {"an outcome on a step without UTFALL",
       "t1_godkännande --year 2026 --date 2026-05-26 --outcome godkänd",
       "steget 't1_godkännande' har inga UTFALL att ange"},
  };
  for (const auto& c : cases) {
    DYNAMIC_SECTION(c.name) {
      auto r = run_arshjul(arshjul::test::words("done " + c.args + " --store " + db.string()), tmp);
      INFO(r.err);
      CHECK(r.exit_code == 2);
      CHECK(r.err.rfind("kommandoraden: error: ", 0) == 0);  // located: where it was given
      CHECK(r.err.find(c.message) != std::string::npos);
      CHECK(r.err.find("1 fel; inget sparades") != std::string::npos);
      CHECK(r.out.empty());
      CHECK(nothing_written(db));
    }
  }
}

// --- import through the binary ---------------------------------------------------------------

TEST_CASE("import: a valid CSV imports every row", "[store][cli]") {
  TempDir tmp(unique("import-ok"));
  const auto db = tmp.path() / "arshjul.db";
  auto r =
      import_rows(tmp, db,
                  "resultatuppfoljning,2026,t1_uppföljning,Hagaskolan,2026-04-20,,,\n"
                  ",2026,t1_uppföljning,Norrskolan,2026-04-22,Ingrid Jansson,,\"sent, men klart\"\n"
                  "styrning_och_uppfoljning,2026,t1_rapport,Åsens skola,2026-05-25,,,\n"
                  "resultatuppfoljning,2026,t1_rapport,,2026-05-28,,,\n"
                  "resultatuppfoljning,2026,t2_redovisning,,2026-09-22,,inga_åtgärder,\n"
                  "vp_tidplan,2026,verksamhetsdialog_rektor,Hagaskolan,2026-05-12,,,\n");
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.find("importerade 6 nya poster") != std::string::npos);
  auto all = stored_2026(db, 6);
  CHECK(all[1].process == "resultatuppfoljning");  // found from the step id alone
  CHECK(all[1].done_by == "Ingrid Jansson");
  CHECK(all[1].note == "sent, men klart");
  CHECK(all[2].process == "styrning_och_uppfoljning");
  CHECK(all[2].unit == "Åsens skola");
  CHECK(all[3].unit.empty());
  CHECK(all[4].outcome == "inga_åtgärder");
  CHECK(all[5].occurrence == 2);  // May: the second of februari, maj, oktober
}

TEST_CASE("import: one bad row among good ones imports nothing and is located", "[store][cli]") {
  TempDir tmp(unique("import-bad"));
  const auto db = tmp.path() / "arshjul.db";
  const std::string rows =
      "resultatuppfoljning,2026,t1_uppföljning,Hagaskolan,2026-04-20,,,\n"
      "resultatuppfoljning,2026,t1_uppföljning,Norrskolan,2026-04-22,,,\n"
      "resultatuppfoljning,2026,t1_uppföljning,Hagskolan,2026-04-23,,,\n"
      "resultatuppfoljning,2026,t1_uppföljning,Västerskolan,2026-04-24,,,\n";
  auto r = import_rows(tmp, db, rows);
  INFO(r.err);
  CHECK(r.exit_code == 2);
  // Line 4 (the header is line 1); the unit is in column 41, counted in characters:
  // "resultatuppfoljning,2026,t1_uppföljning," is 40 characters (41 bytes).
  CHECK(r.err.find((tmp.path() / "klart.csv").string() + ":4:41: error: ") != std::string::npos);
  CHECK(r.err.find("'Hagskolan'") != std::string::npos);
  CHECK(r.err.find("1 fel; inget sparades") != std::string::npos);
  CHECK(r.out.empty());
  CHECK(nothing_written(db));

  SECTION("nor into a store that already has entries") {
    REQUIRE(import_rows(tmp, db,
                        "resultatuppfoljning,2026,t1_uppföljning,Hagaskolan,2026-04-20,,,\n",
                        "ok.csv")
                .exit_code == 0);
    REQUIRE(count_rows(db) == 1);
    CHECK(import_rows(tmp, db, rows).exit_code == 2);
    CHECK(count_rows(db) == 1);
  }
}

// --- kill -9 in the middle of an import ------------------------------------------------------

namespace {

/// The units of the example roster, in file order.
std::vector<std::string> roster_units() {
  const auto path = fs::path(ARSHJUL_SOURCE_DIR) / "examples" / "roster.csv";
  std::vector<arshjul::dsl::Diagnostic> errors;
  std::vector<std::string> units;
  for (const auto& row : arshjul::engine::read_csv(slurp(path), path.string(), errors))
    if (!row.empty() && !row[0].text.empty() && row[0].text != "enhet" &&
        std::find(units.begin(), units.end(), row[0].text) == units.end())
      units.push_back(row[0].text);
  return units;
}

/// `rows` valid rows of the per-unit step t1_uppföljning: every roster unit, 30 April days,
/// cycles 2001..2099 in turn, with a note long enough that the write takes a while.
std::string big_import(int rows) {
  const auto units = roster_units();
  REQUIRE(units.size() >= 10);
  std::string out = kHeader;
  out.reserve(static_cast<std::size_t>(rows) * 250);
  char buf[512];
  for (int i = 0; i < rows; ++i) {
    int year = 2001 + (i / (30 * 30)) % 99;
    int day = 1 + i % 30;
    const auto& unit = units[(i / 30) % units.size()];
    std::snprintf(buf, sizeof buf,
                  "resultatuppfoljning,%d,t1_uppföljning,%s,%d-04-%02d,,,"
                  "rad %d: uppföljning av tertial 1 med analys av aktiviteter och mål i Stratsys;"
                  " underlaget gicks igenom med ledningsgruppen och avvikelser noterades\n",
                  year, unit.c_str(), year, day, i);
    out += buf;
  }
  return out;
}

/// A child process that is killed and reaped if a failed assertion leaves it running.
struct Child {
  pid_t pid = -1;
  bool reaped = false;
  int status = 0;
  ~Child() {
    if (pid > 0 && !reaped) {
      kill(pid, SIGKILL);
      waitpid(pid, nullptr, 0);
    }
  }
  void wait() {
    if (reaped) return;
    REQUIRE(waitpid(pid, &status, 0) == pid);
    reaped = true;
  }
};

/// Starts `arshjul import csv --store db` from the source dir; stdout and stderr dropped.
/// With `file_limit`, no file the import writes may grow past that many bytes: the write that
/// would fails (EFBIG; arshjul ignores SIGXFSZ).
pid_t start_import(const std::string& csv, const std::string& db,
                   std::optional<rlim_t> file_limit = std::nullopt) {
  const std::string src = ARSHJUL_SOURCE_DIR, bin = ARSHJUL_BINARY;
  pid_t pid = fork();
  if (pid == 0) {
    if (chdir(src.c_str()) != 0) _exit(126);
    if (file_limit) {
      const rlimit limit{*file_limit, *file_limit};
      if (setrlimit(RLIMIT_FSIZE, &limit) != 0) _exit(125);
    }
    int null = open("/dev/null", O_WRONLY);
    if (null >= 0) dup2(null, 1), dup2(null, 2);
    const std::string config = std::string(ARSHJUL_SOURCE_DIR) + "/examples/arshjul.toml";
    execl(bin.c_str(), bin.c_str(), "--lang", "sv", "--config", config.c_str(), "import",
          csv.c_str(), "--store", db.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  return pid;
}

/// What SQLite's write-ahead log holds (https://www.sqlite.org/fileformat.html#walformat):
/// its whole frames of this WAL generation, and how many of them end a transaction (a commit
/// frame carries the database size in pages; every other frame carries 0).
struct WalFrames {
  long frames = 0, commits = 0;
};

WalFrames read_wal(const fs::path& wal) {
  const std::string bytes = slurp(wal);
  auto be32 = [&](std::size_t at) {
    std::uint32_t v = 0;
    for (std::size_t i = 0; i < 4; ++i) v = v << 8 | static_cast<unsigned char>(bytes[at + i]);
    return v;
  };
  WalFrames w;
  if (bytes.size() < 32) return w;  // no header yet: nothing written
  const std::size_t frame = 24 + be32(8);
  for (std::size_t at = 32; at + frame <= bytes.size(); at += frame) {
    if (be32(at + 8) != be32(16) || be32(at + 12) != be32(20)) break;  // salts of the header
    ++w.frames;
    if (be32(at + 4) != 0) ++w.commits;
  }
  return w;
}

/// Polls the WAL until `done` says yes, then stops the child (SIGSTOP) and returns the WAL as
/// it is with the child stopped; nullopt when the child ended first.
template <class Done>
std::optional<WalFrames> stop_when(const fs::path& wal, Child& child, Done done) {
  for (;;) {
    if (waitpid(child.pid, &child.status, WNOHANG) == child.pid) {
      child.reaped = true;
      return std::nullopt;
    }
    if (done(read_wal(wal))) {
      kill(child.pid, SIGSTOP);
      return read_wal(wal);
    }
    std::this_thread::sleep_for(ch::microseconds(200));
  }
}

void kill_and_reap(Child& child) {
  kill(child.pid, SIGKILL);  // a no-op on a child that has already finished
  child.wait();
}

}  // namespace

// The points of the kill are facts SQLite wrote, not times: the child is stopped when its
// write-ahead log shows a given state, the state is read while it is stopped, then it is
// killed. 20,000 rows (about 5 MB) are more than SQLite's page cache (2 MB), so the import's
// one transaction writes pages into the WAL long before its commit frame.
TEST_CASE("store: a kill -9 in the middle of an import leaves all of it or none",
          "[store][crash]") {
  TempDir tmp(unique("crash"));
  constexpr int kRows = 20000;
  const auto csv = tmp.write("stor.csv", big_import(kRows)).string();

  // A fresh store already at the current schema (so the child only opens it and writes), no -wal
  // file: SQLite removes it when the last connection closes cleanly.
  auto fresh_store = [&](const std::string& name) {
    auto db = tmp.path() / name;
    { Store s(db.string()); }
    REQUIRE(fs::exists(db));
    REQUIRE_FALSE(fs::exists(db.string() + "-wal"));
    return db;
  };
  // The store opens (SQLite rolls back what was not committed), holds `rows` rows, is intact,
  // and takes new entries.
  auto check_store = [&](const fs::path& db, long long rows) {
    std::unique_ptr<Store> s;
    REQUIRE_NOTHROW(s = std::make_unique<Store>(db.string()));
    CHECK(count_rows(db) == rows);
    CHECK(Raw(db).text("PRAGMA integrity_check") == "ok");
    REQUIRE_NOTHROW(s->record({entry(2026, "t1_uppföljning", "Hagaskolan", "2026-04-20")}));
    CHECK(count_rows(db) == rows + 1);
  };

  SECTION("killed inside the transaction: none of it") {
    const auto db = fresh_store("mitt.db");
    const auto wal = fs::path(db.string() + "-wal");
    // Stopped as soon as the WAL holds a first page (a stat, cheap enough to poll often: the
    // import still has about 3 MB of its 5 MB of pages to write before its commit), then
    // killed; the WAL read while it is stopped shows the transaction open.
    Child child{start_import(csv, db.string())};
    REQUIRE(child.pid > 0);
    std::optional<WalFrames> at_kill;
    for (;;) {
      if (waitpid(child.pid, &child.status, WNOHANG) == child.pid) {
        child.reaped = true;
        break;
      }
      std::error_code ec;
      if (fs::file_size(wal, ec) > 32 + 4096 && !ec) {
        kill(child.pid, SIGSTOP);
        at_kill = read_wal(wal);
        break;
      }
      std::this_thread::sleep_for(ch::microseconds(100));
    }
    INFO("wait status of the import if it ended first: " << child.status);
    REQUIRE(at_kill);
    kill_and_reap(child);
    REQUIRE(WIFSIGNALED(child.status));
    CHECK(WTERMSIG(child.status) == SIGKILL);
    CHECK(at_kill->frames > 0);
    REQUIRE(at_kill->commits == 0);
    check_store(db, 0);
  }

  SECTION("a file size limit in the middle of the transaction: exit 3, none of it") {
    const auto db = fresh_store("grans.db");
    const auto wal = fs::path(db.string() + "-wal");
    // The WAL may not pass 1 MB: the import (about 5 MB of pages in one transaction) hits
    // the limit in the middle of writing them. SIGXFSZ is ignored, so the write fails with
    // EFBIG and the import rolls back and exits 3 (it used to die of the signal).
    Child child{start_import(csv, db.string(), rlim_t{1} << 20)};
    REQUIRE(child.pid > 0);
    child.wait();
    INFO("wait status of the import: " << child.status);
    REQUIRE(WIFEXITED(child.status));
    CHECK(WEXITSTATUS(child.status) == 3);
    CHECK(read_wal(wal).commits == 0);
    check_store(db, 0);
  }

  SECTION("killed once it committed: all of it, even with nothing in the database file yet") {
    const auto db = fresh_store("klar.db");
    const auto wal = fs::path(db.string() + "-wal");
    // A reader from before the import: no checkpoint may copy the import's pages into the
    // database file while it reads, so once committed the import is only in the WAL.
    Raw reader(db);
    REQUIRE(reader.exec("BEGIN") == "");
    REQUIRE(reader.text("SELECT count(*) FROM completion") == "0");
    Child child{start_import(csv, db.string())};
    REQUIRE(child.pid > 0);
    auto at_kill = stop_when(wal, child, [](const WalFrames& w) { return w.commits > 0; });
    INFO("wait status of the import if it ended first: " << child.status);
    if (at_kill) kill_and_reap(child);
    REQUIRE(child.reaped);
    // The files as the kill left them, copied while the reader still holds the WAL back.
    CHECK(read_wal(wal).commits > 0);
    for (const char* suffix : {"", "-wal"})
      fs::copy_file(db.string() + suffix, tmp.path() / ("krasch.db" + std::string(suffix)));
    fs::copy_file(db, tmp.path() / "utan-wal.db");
    REQUIRE(reader.exec("COMMIT") == "");
    CHECK(count_rows(tmp.path() / "utan-wal.db") == 0);  // the database file alone: nothing
    check_store(tmp.path() / "krasch.db", kRows);        // with its WAL: every row
  }
}

// --- a file size limit (ulimit -f) or a full disk -------------------------------------------

TEST_CASE("files: a write past the file size limit fails (EFBIG), no temporary file left",
          "[store]") {
  TempDir dir(unique("efbig"));
  const auto path = dir.path() / "brev.eml";
  rlimit saved{};
  REQUIRE(getrlimit(RLIMIT_FSIZE, &saved) == 0);
  auto* old_handler = ::signal(SIGXFSZ, SIG_IGN);  // as arshjul's main does
  rlimit small = saved;
  small.rlim_cur = 4096;
  REQUIRE(setrlimit(RLIMIT_FSIZE, &small) == 0);
  const bool written = arshjul::engine::write_file_atomically(path, std::string(65536, 'x'));
  const int error = errno;
  REQUIRE(setrlimit(RLIMIT_FSIZE, &saved) == 0);
  ::signal(SIGXFSZ, old_handler);
  CHECK_FALSE(written);
  CHECK(error == EFBIG);
  CHECK_FALSE(fs::exists(path));
  CHECK(fs::is_empty(dir.path()));  // not even a zero-byte temporary file
}

TEST_CASE("store: under ulimit -f, import exits 3 with a disk error, not a signal or 'not a store'",
          "[store]") {
  TempDir tmp(unique("ulimit"));
  const auto csv = tmp.write("stor.csv", big_import(2000)).string();
  const auto db = tmp.path() / "u.db";
  const std::string bin = ARSHJUL_BINARY;
  auto r = arshjul::test::run_command(
      "cd " + shell_quote(ARSHJUL_SOURCE_DIR) + " && ulimit -f 64 && " + shell_quote(bin) +
          " --lang sv import " + shell_quote(csv) +
          " --rules rules --roster examples/roster.csv --store " + shell_quote(db.string()),
      tmp.path() / "run");
  INFO(r.err);
  CHECK(r.exit_code == 3);
  CHECK(r.err.find("fel vid läsning eller skrivning av disken") != std::string::npos);
  CHECK(r.err.find("inte ett arshjul-lager") == std::string::npos);
}
