// The store itself on both back-ends (the same tests on an SQLite file and, in the PostgreSQL
// run, on a PostgreSQL database; never mocks): every field round-trips, entries are insert-only,
// loads filter by cycle, a store of a newer schema is refused untouched; and what only
// PostgreSQL has: the nightly lock as an advisory lock that dies with its session.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "engine/sessions.hpp"
#include "engine/store.hpp"
#include "engine/store_postgres_schema.hpp"
#include "engine/versions.hpp"
#include "tests/sqlite_raw.hpp"
#include "tests/store_fixture.hpp"

namespace {

using namespace arshjul::test::store;  // tests/store_fixture.hpp
using arshjul::test::Raw;

}  // namespace

// --- the store itself ------------------------------------------------------------------------

TEST_CASE("store: an entry round-trips with every field", "[store]") {
  TempDir tmp(unique("roundtrip"));
  const auto path = fresh_store(tmp.path());
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
  const auto path = fresh_store(tmp.path());
  Store s(path);
  s.record({entry(2026, "t1_uppföljning", "Hagaskolan", "2026-04-20")});
  Completion fix = entry(2026, "t1_uppföljning", "Hagaskolan", "2026-04-14");
  fix.note = "rättelse: gjordes 14 april";
  s.record({fix});
  s.record(std::vector<Completion>{});  // an empty batch is fine and writes nothing
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
  Store s(fresh_store(tmp.path()));
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

namespace {

/// Makes the store at `address` claim schema `version`, from outside arshjul.
void set_schema_version(const std::string& address, int version) {
  if (on_postgres())
    arshjul::test::store::pg_text(address,
                                  "UPDATE arshjul_schema SET version = " + std::to_string(version));
  else
    REQUIRE(Raw(address).exec("PRAGMA user_version=" + std::to_string(version)) == "");
}

/// How many tables the store at `address` has (0: nothing was made).
long long table_count(const std::string& address) {
  if (on_postgres())
    return std::stoll(arshjul::test::store::pg_text(
        address,
        "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema()"));
  if (!fs::exists(address)) return 0;
  return Raw(address).integer("SELECT count(*) FROM sqlite_master WHERE type = 'table'");
}

arshjul::engine::StatusReport status_report(const std::string& activity, const std::string& word) {
  arshjul::engine::StatusReport r;
  r.process = "vp";
  r.cycle = 2026;
  r.activity = activity;
  r.reported_on = entry(2026, "x", "", "2026-05-02").done_on;
  r.status = word;
  r.reported_by = "Rektor";
  r.recorded_at = "2026-05-02T10:00:00Z";
  return r;
}

arshjul::engine::MeasuredValue measured_value(const std::string& unit, int tertial, double v) {
  arshjul::engine::MeasuredValue m;
  m.process = "vp";
  m.cycle = 2026;
  m.measure = "närvaro";
  m.unit = unit;
  m.tertial = tertial;
  m.value = v;
  m.reported_by = "Rektor";
  m.note = "mätt i \"Skola24\"\tflik 2";
  m.recorded_at = "2026-05-02T10:00:00Z";
  return m;
}

}  // namespace

TEST_CASE("store: create=false and read_only refuse a store that is not there and make none",
          "[store]") {
  TempDir tmp(unique("missing"));
  const auto path = fresh_store(tmp.path());
  for (bool read_only : {false, true}) {
    try {
      if (read_only)
        Store(path, Store::read_only);
      else
        Store(path, false);
      FAIL("opened a store that is not there");
    } catch (const StoreError& e) {
      CHECK(std::string(e.what()).find("lagret finns inte") != std::string::npos);
    }
    CHECK(table_count(path) == 0);
  }
}

TEST_CASE("store: read_only reads, refuses every write and leaves the store as it was", "[store]") {
  TempDir tmp(unique("readonly-any"));
  const auto path = fresh_store(tmp.path());
  Store(path).record({entry(2026, "t2_redovisning", "", "2026-09-22")});
  Store r(path, Store::read_only);
  CHECK(r.load(2026, 2026).size() == 1);
  CHECK_THROWS_AS(r.record({entry(2026, "t2_redovisning", "", "2026-09-23")}), StoreError);
  CHECK_THROWS_AS(r.set_start_date(entry(2026, "x", "", "2026-01-01").done_on), StoreError);
  CHECK(count_rows(path) == 1);
  set_schema_version(path, 5);
  try {
    Store old(path, Store::read_only);
    FAIL("an older schema was opened for reading");
  } catch (const StoreError& e) {
    CHECK(std::string(e.what()).find("arshjul store migrate") != std::string::npos);
  }
}

TEST_CASE("store: a store of a newer schema is refused, by readers and writers, untouched",
          "[store]") {
  TempDir tmp(unique("newer"));
  const auto path = fresh_store(tmp.path());
  Store(path).record({entry(2026, "t2_redovisning", "", "2026-09-22")});
  set_schema_version(path, 99);
  for (bool read_only : {false, true}) {
    try {
      if (read_only)
        Store(path, Store::read_only);
      else
        Store opened(path);
      FAIL("opened a store of schema 99");
    } catch (const StoreError& e) {
      CHECK(std::string(e.what()).find("nyare arshjul (schema 99") != std::string::npos);
    }
  }
  set_schema_version(path, Store::kSchemaVersion);
  CHECK(count_rows(path) == 1);
}

TEST_CASE("store: a batch leaves out an entry equal to its task's latest, also within the batch",
          "[store]") {
  TempDir tmp(unique("dedup"));
  Store s(fresh_store(tmp.path()));
  auto a = entry(2026, "t1_uppföljning", "Hagaskolan", "2026-04-20");
  auto b = entry(2026, "t1_uppföljning", "Hagaskolan", "2026-04-14");
  auto other = entry(2026, "t1_uppföljning", "Norrskolan", "2026-04-20");
  CHECK(s.record({a, a, other, b, b, a}) == 4);  // a, other, b, a
  CHECK(s.record({a}) == 0);                     // the latest already
  CHECK(s.record({b}) == 1);                     // not the latest: a correction back
  // An import again: every entry already there for its task is left out, also repeats in it.
  CHECK(s.record({a, b, other, other}, Store::Duplicates::any) == 0);
  auto c = entry(2026, "t1_uppföljning", "Hagaskolan", "2026-04-15");
  CHECK(s.record({c, a, c}, Store::Duplicates::any) == 1);
  std::vector<std::string> order;
  for (const auto& e : s.load(2026, 2026))
    order.push_back(e.unit.substr(0, 4) + arshjul::dsl::iso(e.done_on).substr(8));
  CHECK(order ==
        std::vector<std::string>{"Haga20", "Norr20", "Haga14", "Haga20", "Haga14", "Haga15"});
  int last_id = 0;
  s.for_each(2026, 2026, [&](const Completion& e) {
    CHECK(e.id > last_id);
    last_id = static_cast<int>(e.id);
  });
}

TEST_CASE("store: activity statuses and measure values round-trip, duplicates left out",
          "[store]") {
  TempDir tmp(unique("plan-any"));
  Store s(fresh_store(tmp.path()));
  CHECK(s.record({status_report("läsprojekt", "pågående"), status_report("läsprojekt", "pågående"),
                  status_report("läsprojekt", "genomfört")}) == 2);
  CHECK(s.record({measured_value("Hagaskolan", 1, 0.9371), measured_value("Hagaskolan", 1, 0.9371),
                  measured_value("Hagaskolan", 2, 1e-7)}) == 2);
  auto statuses = s.statuses(2026, 2026);
  REQUIRE(statuses.size() == 2);
  CHECK(statuses[1].status == "genomfört");
  CHECK(statuses[1].reported_on == status_report("x", "y").reported_on);
  CHECK(statuses[0].id < statuses[1].id);
  auto values = s.values(2026, 2026);
  REQUIRE(values.size() == 2);
  CHECK(values[0].value == 0.9371);
  CHECK(values[1].value == 1e-7);
  CHECK(values[1].tertial == 2);
  CHECK(values[0].note == measured_value("", 1, 0).note);
  CHECK(s.values(2027, 2030).empty());
}

TEST_CASE("store: reminders are recorded once, the start date set once", "[store]") {
  TempDir tmp(unique("sent"));
  Store s(fresh_store(tmp.path()));
  const auto day = entry(2026, "x", "", "2026-03-01").done_on;
  arshjul::engine::SentReminder r{"a@k.se", "p/2026/s/Ekskolan/1", "due_soon", day, "t"};
  s.record_sent({r});
  s.record_sent({r});  // delivered again after a crash before the record: still one row
  CHECK(s.sent_keys() == std::vector<std::string>{"a@k.se\tp/2026/s/Ekskolan/1\tdue_soon"});
  CHECK_FALSE(s.start_date());
  s.set_start_date(day);
  CHECK(s.start_date() == day);
  CHECK_THROWS_AS(s.set_start_date(day), StoreError);
}

TEST_CASE("store: one transaction holds several writes, all or none", "[store]") {
  TempDir tmp(unique("transaction"));
  const auto path = fresh_store(tmp.path());
  Store s(path);
  CHECK_THROWS_AS(s.transaction([&] {
    s.record({entry(2026, "t1_uppföljning", "Hagaskolan", "2026-04-20")});
    throw StoreError(arshjul::dsl::Msg::store_cannot_write, {path, "test"});
  }),
                  StoreError);
  CHECK(count_rows(path) == 0);
  s.transaction([&] {
    s.record({entry(2026, "t1_uppföljning", "Hagaskolan", "2026-04-20")});
    s.record({entry(2026, "t1_uppföljning", "Norrskolan", "2026-04-20")});
  });
  CHECK(count_rows(path) == 2);
}

TEST_CASE("store: the nightly run lock has one holder at a time", "[store]") {
  TempDir tmp(unique("runlock"));
  const auto path = fresh_store(tmp.path());
  Store first(path), second(path);
  auto alive = [](const std::string&, const std::string&) { return false; };
  CHECK_FALSE(first.try_lock("remind", "värd:1", "2026-10-15T02:00:00Z", alive));
  auto other = second.try_lock("remind", "värd:2", "2026-10-15T02:01:00Z", alive);
  REQUIRE(other);
  CHECK(*other == "värd:1 sedan 2026-10-15T02:00:00Z");
  first.unlock("remind", "värd:1");
  CHECK_FALSE(second.try_lock("remind", "värd:2", "2026-10-15T02:02:00Z", alive));
  second.unlock("remind", "värd:2");
}

TEST_CASE("store: the side tables: rules in force per cycle and the web view's sign-ins",
          "[store]") {
  TempDir tmp(unique("side"));
  Store s(fresh_store(tmp.path()));
  arshjul::engine::RuleVersion v{"vp", 2026, arshjul::engine::sha256_hex("NÄR"), "NÄR", "",
                                 "",   false};
  auto w = v;
  w.cycle = 2027;
  CHECK(arshjul::engine::record_versions(s, {v, w}, "2026-01-01T00:00:00Z", true) == 2);
  CHECK(arshjul::engine::record_versions(s, {v}, "2026-01-02T00:00:00Z", true) == 0);
  auto in_force = arshjul::engine::recorded_versions(s, 2026, 2027);
  REQUIRE(in_force.size() == 2);
  CHECK(in_force[0].text == "NÄR");  // the text once, by its hash (INSERT OR IGNORE)
  CHECK(in_force[1].cycle == 2027);
  CHECK(in_force[1].recorded_at == "2026-01-01T00:00:00Z");

  arshjul::engine::SessionTable sessions(s);
  CHECK(sessions.sign_in("länk", 100, 1000, "s1", "a@k.se", 200, 900, 2));
  CHECK(sessions.sign_in("länk", 100, 1000, "s2", "a@k.se", 210, 900, 2));
  CHECK_FALSE(sessions.sign_in("länk", 100, 1000, "s3", "a@k.se", 220, 900, 2));  // used twice
  CHECK(sessions.live("s1", "a@k.se", 300));
  sessions.end("s1", 310);
  CHECK_FALSE(sessions.live("s1", "a@k.se", 320));
  sessions.end_everywhere("a@k.se", 330);
  CHECK_FALSE(sessions.live("s2", "a@k.se", 340));
  // An identity provider's sign-in: its state is used once, its session begins with no link.
  CHECK(sessions.use_once("oidc-state:a", 400, 1000));
  CHECK_FALSE(sessions.use_once("oidc-state:a", 401, 1000));  // the same answer again
  CHECK(sessions.use_once("oidc-state:b", 402, 1000));
  CHECK(sessions.use_once("oidc-state:c", 1000, 1600));  // a's and b's rows go as they expire
  CHECK(
      sessions.use_once("oidc-state:a", 1001, 1600));  // (by then the state is refused as expired)
  sessions.begin("s4", "a@k.se", 403, 900);            // after "everywhere": a new sign-in counts
  CHECK(sessions.live("s4", "a@k.se", 404));
  sessions.end("s4", 405);
  CHECK_FALSE(sessions.live("s4", "a@k.se", 406));
  s.record({entry(2026, "t1_uppföljning", "Hagaskolan", "2026-04-20")});
  arshjul::engine::EntryCounts counts(s);
  CHECK(counts.of_task({"resultatuppfoljning", 2026, "t1_uppföljning", "Hagaskolan", 1}) == 1);
  CHECK(counts.by_person_on("Enhetschef", "2026-10-15") == 1);  // recorded_at up to "day~"
  CHECK(counts.by_person_on("Enhetschef", "2026-10-16") == 0);
}

// --- PostgreSQL only -------------------------------------------------------------------------

TEST_CASE("store: on PostgreSQL a killed run's lock goes with its session", "[store][postgres]") {
  TempDir tmp(unique("pg-lock"));
  const auto path = fresh_store(tmp.path());
  { Store made(path); }
  auto alive = [](const std::string&, const std::string&) { return false; };
  int ready[2];
  REQUIRE(pipe(ready) == 0);
  pid_t child = fork();
  if (child == 0) {
    Store s(path);
    if (s.try_lock("remind", "värd:1", "2026-10-15T02:00:00Z", alive)) _exit(1);
    (void)!write(ready[1], "x", 1);
    pause();  // holds the lock until killed, as a run that hangs
    _exit(0);
  }
  REQUIRE(child > 0);
  char byte = 0;
  REQUIRE(read(ready[0], &byte, 1) == 1);
  Store s(path);
  auto other = s.try_lock("remind", "värd:2", "2026-10-15T02:01:00Z", alive);
  REQUIRE(other);
  CHECK(other->find("värd:1") == 0);
  kill(child, SIGKILL);
  REQUIRE(waitpid(child, nullptr, 0) == child);
  // The server ends the session when it sees the connection close; until then the lock holds.
  std::optional<std::string> after = other;
  for (int i = 0; i < 200 && after; ++i) {
    std::this_thread::sleep_for(ch::milliseconds(25));
    after = s.try_lock("remind", "värd:2", "2026-10-15T02:02:00Z", alive);
  }
  CHECK_FALSE(after);
  // ... and the row naming the holder is the new one's.
  CHECK(arshjul::test::store::pg_text(path, "SELECT holder FROM run_lock") == "värd:2");
  s.unlock("remind", "värd:2");
  close(ready[0]);
  close(ready[1]);
}

TEST_CASE("store: on PostgreSQL a database with tables of another program is refused untouched",
          "[store][postgres]") {
  TempDir tmp(unique("pg-other"));
  const auto path = fresh_store(tmp.path());
  arshjul::test::store::pg_text(path,
                                "CREATE TABLE kund (namn text); INSERT INTO kund VALUES ('x')");
  try {
    Store s(path);
    FAIL("took over another program's database");
  } catch (const StoreError& e) {
    CHECK(std::string(e.what()).find("tabeller från ett annat program") != std::string::npos);
  }
  CHECK(table_count(path) == 1);
}

TEST_CASE("store: on PostgreSQL an older schema is migrated in one step and keeps its entries",
          "[store][postgres]") {
  TempDir tmp(unique("pg-migrate"));
  const auto path = fresh_store(tmp.path());
  // A schema 5 store as an arshjul of schema 5 would have made it.
  std::string older =
      "CREATE TABLE arshjul_schema (version INTEGER NOT NULL);"
      " INSERT INTO arshjul_schema VALUES (5);";
  for (int v = 0; v < 5; ++v)
    older += std::string(arshjul::engine::postgres::kMigrations[v]) + "\n";
  older +=
      " INSERT INTO completion(process, cycle, step, unit, done_on, done_by, recorded_at)"
      " VALUES ('resultatuppfoljning', 2026, 't1_uppföljning', 'Hagaskolan', '2026-04-20',"
      " 'Enhetschef', '2026-04-20T08:00:00Z')";
  pg_text(path, older);
  CHECK_THROWS_AS(Store(path, Store::read_only), StoreError);  // a reader changes nothing
  CHECK(pg_text(path, "SELECT version FROM arshjul_schema") == "5");
  Store s(path);
  CHECK(pg_text(path, "SELECT version FROM arshjul_schema") ==
        std::to_string(Store::kSchemaVersion));
  REQUIRE(s.load(2026, 2026).size() == 1);
  CHECK(s.load(2026, 2026)[0].unit == "Hagaskolan");
  s.set_start_date(entry(2026, "x", "", "2026-01-01").done_on);  // schema 6's table is there
  CHECK(s.start_date());
}
