#pragma once
// What the store tests share (tests/test_store*.cpp): entries, the binary, and the store under
// test. The tests tagged [store] and not [sqlite] run twice: on a new SQLite file (the plain
// run) and on a new PostgreSQL database (the PostgreSQL run, where tests/postgres.sh sets
// ARSHJUL_TEST_POSTGRES to the address of the server it started for the whole run).
#include <unistd.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <pqxx/pqxx>
#include <string>
#include <vector>

#include "engine/store.hpp"
#include "tests/helpers.hpp"

namespace arshjul::test::store {

namespace fs = std::filesystem;
namespace ch = std::chrono;
using engine::Completion;
using engine::Store;
using engine::StoreError;
using test::slurp;
using test::TempDir;

/// A temp dir whose name is unique to this process: ctest runs test cases in parallel.
inline std::string unique(const std::string& name) {
  return "store-" + name + "-" + std::to_string(getpid());
}

/// The address of the PostgreSQL server of this run, or "" in the SQLite run.
inline std::string postgres_server() {
  const char* address = std::getenv("ARSHJUL_TEST_POSTGRES");
  return address ? address : "";
}

inline bool on_postgres() {
  return !postgres_server().empty();
}

/// Runs `sql` on the database at `address` (PostgreSQL only): to look at a store from outside.
inline std::string pg_text(const std::string& address, const std::string& sql) {
  pqxx::connection c(address);
  pqxx::nontransaction n(c);
  auto r = n.exec(sql);
  return r.empty() || r[0][0].is_null() ? std::string() : std::string(r[0][0].c_str());
}

/// The store a test writes: `dir`/arshjul.db in the SQLite run (not yet made); in the
/// PostgreSQL run a new empty database on the run's server (a store is made in it on first use).
inline std::string fresh_store(const fs::path& dir) {
  const auto server = postgres_server();
  if (server.empty()) return (dir / "arshjul.db").string();
  static std::atomic<int> made{0};
  const std::string name = "t" + std::to_string(getpid()) + "_" + std::to_string(++made);
  pg_text(server, "CREATE DATABASE " + name);
  const auto at = server.find("/postgres?");
  REQUIRE(at != std::string::npos);
  return server.substr(0, at) + "/" + name + server.substr(at + 9);
}

/// How many completions the store at `address` holds (0 when there is no store).
inline long long count_rows(const std::string& address) {
  try {
    return static_cast<long long>(
        engine::Store(address, engine::Store::read_only).load(1900, 2200).size());
  } catch (const engine::StoreError&) {
    return 0;
  }
}

/// True when nothing was written: no store at all, or one without entries.
inline bool nothing_written(const std::string& address) {
  return count_rows(address) == 0;
}

/// The entries of cycle 2026, after checking that the store holds exactly `rows`.
inline std::vector<engine::Completion> stored_2026(const std::string& address, long long rows) {
  REQUIRE(count_rows(address) == rows);
  auto all = engine::Store(address).load(2026, 2026);
  REQUIRE(all.size() == static_cast<std::size_t>(rows));
  return all;
}

/// A completion of `step` for `unit` in `cycle`, done on `date` (YYYY-MM-DD) by Enhetschef.
inline engine::Completion entry(int cycle, const std::string& step, const std::string& unit,
                                const std::string& date) {
  namespace ch = std::chrono;
  engine::Completion c;
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

/// Runs the built binary from the source dir (so rules/ and examples/roster.csv are the
/// shipped ones) with Swedish messages; `args` are quoted one by one.
inline CommandResult run_arshjul(const std::vector<std::string>& args, const TempDir& tmp) {
  return test::run_arshjul(ARSHJUL_SOURCE_DIR, args, tmp.path() / "arshjul");
}

inline const std::string kHeader = "process,år,steg,enhet,datum,av,utfall,anteckning\n";

/// Imports a CSV of kHeader and `rows`, written as `name` in `tmp`, into `store` through the
/// binary.
inline CommandResult import_rows(const TempDir& tmp, const std::string& store,
                                 const std::string& rows, const std::string& name = "klart.csv") {
  auto csv = tmp.write(name, kHeader + rows);
  return run_arshjul({"import", csv.string(), "--store", store}, tmp);
}

}  // namespace arshjul::test::store
