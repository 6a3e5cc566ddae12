// A kill -9 in the middle of a large import must leave all of it or none; a file size limit
// or a full disk is a disk error (exit 3), not a crash. SQLite's files (its write-ahead log)
// are watched, so these are tests of the SQLite back-end ([sqlite]).
#include <fcntl.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "engine/csv.hpp"
#include "engine/files.hpp"
#include "tests/sqlite_raw.hpp"
#include "tests/store_fixture.hpp"

namespace {

using namespace arshjul::test::store;  // tests/store_fixture.hpp
using arshjul::test::completion_rows;
using arshjul::test::Raw;
using arshjul::test::shell_quote;

}  // namespace

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
          "[store][sqlite][crash]") {
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
    CHECK(completion_rows(db) == rows);
    CHECK(Raw(db).text("PRAGMA integrity_check") == "ok");
    REQUIRE_NOTHROW(s->record({entry(2026, "t1_uppföljning", "Hagaskolan", "2026-04-20")}));
    CHECK(completion_rows(db) == rows + 1);
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
    CHECK(completion_rows(tmp.path() / "utan-wal.db") == 0);  // the database file alone: nothing
    check_store(tmp.path() / "krasch.db", kRows);             // with its WAL: every row
  }
}

// --- a file size limit (ulimit -f) or a full disk -------------------------------------------

TEST_CASE("files: a write past the file size limit fails (EFBIG), no temporary file left",
          "[store][sqlite]") {
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
          "[store][sqlite]") {
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
