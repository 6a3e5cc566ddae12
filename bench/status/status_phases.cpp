// status_phases: where the time of `arshjul status` goes, phase by phase, with the engine
// library's own calls (the same ones cli/commands_status.cpp makes).
//
//   status_phases DIR [--date 2026-05-20] [--reps 3]
//
// DIR is a gen_admin output folder. For each phase it prints the best of --reps runs (CPU ms) and
// the peak RSS after the last run. The phases after `evaluate` (entries per role, filter, sort,
// print) live in cli/ and are not a library; they are the difference to the full command.
//
// With --what-if it also times alternatives that are not in the engine (for the README's
// suggestions; the engine is not changed): the same store query without ORDER BY id, the same
// reading only the columns Records uses, and the cost of evaluating the next cycle alone
// (evaluate builds it and drops it again when its planning has not started), reading only
// the cycles evaluate looks at (y-1..y+1 for kalenderår processes), and all three store
// changes together.
#include <fmt/format.h>
#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "dsl/loader.hpp"
#include "engine/engine.hpp"
#include "engine/roster.hpp"
#include "engine/store.hpp"

namespace ch = std::chrono;

namespace {

long status_kb(const char* field) {
  std::ifstream f("/proc/self/status");
  std::string line;
  while (std::getline(f, line))
    if (line.rfind(field, 0) == 0) return std::stol(line.substr(std::string(field).size()));
  return -1;
}
long peak_rss_kb() {
  return status_kb("VmHWM:");
}
std::string memory_now() {
  return fmt::format("[RSS {:.0f} MB, peak so far {:.0f} MB]", status_kb("VmRSS:") / 1024.0,
                     peak_rss_kb() / 1024.0);
}

struct Phase {
  std::string name;
  double best_ms = 1e300;
  std::string detail = {};
};

// Reads cycles first..last with raw SQLite (read only) into `records`, like Store::for_each
// but with the given SELECT; returns the number of rows.
std::size_t read_raw(const std::string& db_path, const char* sql, int first, int last,
                     bool all_columns, arshjul::engine::Records& records) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(db_path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK)
    std::exit(1);
  sqlite3_stmt* st = nullptr;
  if (sqlite3_prepare_v2(db, sql, -1, &st, nullptr) != SQLITE_OK) {
    std::cerr << sqlite3_errmsg(db) << "\n";
    std::exit(1);
  }
  sqlite3_bind_int(st, 1, first);
  sqlite3_bind_int(st, 2, last);
  auto text = [&](int i) {
    auto p = sqlite3_column_text(st, i);
    return p ? std::string(reinterpret_cast<const char*>(p), sqlite3_column_bytes(st, i))
             : std::string();
  };
  std::size_t rows = 0;
  arshjul::engine::Completion c;
  while (sqlite3_step(st) == SQLITE_ROW) {
    c.id = sqlite3_column_int64(st, 0);
    c.process = text(1);
    c.cycle = sqlite3_column_int(st, 2);
    c.step = text(3);
    c.unit = text(4);
    c.occurrence = sqlite3_column_int(st, 5);
    auto d = reinterpret_cast<const char*>(sqlite3_column_text(st, 6));
    int y = 0;
    unsigned m = 0, dd = 0;
    if (d && std::sscanf(d, "%d-%u-%u", &y, &m, &dd) == 3)
      c.done_on = ch::year(y) / ch::month(m) / ch::day(dd);
    c.outcome = text(7);
    if (all_columns) {
      c.done_by = text(8);
      c.note = text(9);
      c.recorded_at = text(10);
    }
    records.add(c);
    ++rows;
  }
  sqlite3_finalize(st);
  sqlite3_close(db);
  return rows;
}

// CPU time of the process (user + system) in ms: steadier than the wall clock on a machine
// that is busy with other work, and the same when it is not (everything here is one thread).
double cpu_ms() {
  timespec t{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

template <class F>
double timed(F&& f) {
  double t0 = cpu_ms();
  f();
  return cpu_ms() - t0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: status_phases DIR [--date YYYY-MM-DD] [--reps N]\n";
    return 2;
  }
  std::string dir = argv[1], date_text = "2026-05-20";
  int reps = 3;
  bool what_if = false;
  for (int i = 2; i < argc; ++i) {
    std::string o = argv[i];
    if (o == "--what-if")
      what_if = true;
    else if (o == "--date" && i + 1 < argc)
      date_text = argv[++i];
    else if (o == "--reps" && i + 1 < argc)
      reps = std::max(1, std::stoi(argv[++i]));
  }
  int y = 0;
  unsigned m = 0, d = 0;
  if (std::sscanf(date_text.c_str(), "%d-%u-%u", &y, &m, &d) != 3) return 2;
  const arshjul::dsl::Date date = ch::year(y) / ch::month(m) / ch::day(d);

  std::vector<Phase> phases = {{"load_rules"},
                               {"load_roster"},
                               {"store: query + decode rows (no-op visitor)"},
                               {"store + Records::add (what status does)"},
                               {"evaluate"}};
  if (what_if) {
    phases.push_back({"what-if: store + add, no ORDER BY id"});
    phases.push_back({"what-if: store + add, 8 columns, no ORDER BY"});
    phases.push_back({"what-if: evaluate_cycle of the next cycle"});
    phases.push_back({"what-if: store + add, cycles y-1..y+1 only"});
    phases.push_back({"what-if: the three store changes together"});
  }
  for (int rep = 0; rep < reps; ++rep) {
    arshjul::dsl::RuleSet rules;
    phases[0].best_ms = std::min(
        phases[0].best_ms, timed([&] { rules = arshjul::dsl::load_rules({dir + "/rules"}, y); }));
    if (!rules.ok()) {
      std::cerr << "status_phases: the rules do not check\n";
      return 1;
    }
    arshjul::engine::Roster roster;
    std::vector<arshjul::dsl::Diagnostic> errors;
    phases[1].best_ms = std::min(phases[1].best_ms, timed([&] {
                                   roster = arshjul::engine::load_roster(
                                       dir + "/roster.csv", rules.processes, rules.sources, errors);
                                 }));
    std::size_t rows = 0;
    phases[2].best_ms = std::min(
        phases[2].best_ms, timed([&] {
          arshjul::engine::Store store(dir + "/arshjul.db", false);
          store.for_each(y - 2, y + 1, [&](const arshjul::engine::Completion&) { ++rows; });
        }));
    phases[2].detail = fmt::format("{} rows of cycles {}..{}", rows, y - 2, y + 1);
    if (rep == 0) phases[2].detail += " " + memory_now();
    arshjul::engine::Records records(rules.processes, roster);
    phases[3].best_ms =
        std::min(phases[3].best_ms, timed([&] {
                   arshjul::engine::Store store(dir + "/arshjul.db", false);
                   store.for_each(y - 2, y + 1,
                                  [&](const arshjul::engine::Completion& c) { records.add(c); });
                 }));
    if (rep == 0) phases[3].detail = memory_now();
    std::vector<arshjul::engine::Task> tasks;
    phases[4].best_ms =
        std::min(phases[4].best_ms, timed([&] {
                   tasks = arshjul::engine::evaluate(rules.processes, roster, records, date,
                                                     arshjul::engine::EngineOptions{});
                 }));
    if (rep == 0)
      phases[4].detail = fmt::format("{} tasks kept, sizeof(Task) = {} B {}", tasks.size(),
                                     sizeof(arshjul::engine::Task), memory_now());
    if (!what_if) continue;
    const std::string db = dir + "/arshjul.db";
    phases[5].best_ms = std::min(
        phases[5].best_ms, timed([&] {
          arshjul::engine::Records r(rules.processes, roster);
          read_raw(
              db,
              "SELECT id, process, cycle, step, unit, occurrence, done_on, outcome, done_by, note,"
              " recorded_at FROM completion WHERE cycle BETWEEN ? AND ?",
              y - 2, y + 1, true, r);
        }));
    phases[6].best_ms =
        std::min(phases[6].best_ms, timed([&] {
                   arshjul::engine::Records r(rules.processes, roster);
                   read_raw(db,
                            "SELECT id, process, cycle, step, unit, occurrence, done_on, outcome"
                            " FROM completion WHERE cycle BETWEEN ? AND ?",
                            y - 2, y + 1, false, r);
                 }));
    std::size_t next_tasks = 0;
    phases[7].best_ms = std::min(
        phases[7].best_ms, timed([&] {
          for (std::size_t p = 0; p < rules.processes.size(); ++p)
            next_tasks += arshjul::engine::evaluate_cycle(
                              rules.processes, p,
                              arshjul::engine::cycle_of(rules.processes[p].cycle, date) + 1, roster,
                              records, date, arshjul::engine::EngineOptions{})
                              .size();
        }));
    phases[7].detail = fmt::format("{} tasks built", next_tasks);
    phases[8].best_ms = std::min(
        phases[8].best_ms, timed([&] {
          arshjul::engine::Records r(rules.processes, roster);
          arshjul::engine::Store store(db, false);
          store.for_each(y - 1, y + 1, [&](const arshjul::engine::Completion& c) { r.add(c); });
        }));
    std::size_t rows_needed = 0;
    phases[9].best_ms =
        std::min(phases[9].best_ms, timed([&] {
                   arshjul::engine::Records r(rules.processes, roster);
                   rows_needed = read_raw(
                       db,
                       "SELECT id, process, cycle, step, unit, occurrence, done_on, outcome"
                       " FROM completion WHERE cycle BETWEEN ? AND ?",
                       y - 1, y + 1, false, r);
                 }));
    phases[8].detail = phases[9].detail = fmt::format("{} rows", rows_needed);
  }
  double total = 0;
  for (std::size_t i = 0; i < 5; ++i)
    if (i != 2) total += phases[i].best_ms;
  for (const auto& p : phases)
    std::cout << fmt::format("{:<46} {:>8.1f} ms CPU  {}\n", p.name, p.best_ms, p.detail);
  std::cout << fmt::format("{:<46} {:>8.1f} ms CPU  (rules + roster + store/add + evaluate)\n",
                           "engine total", total);
  std::cout << fmt::format("{:<46} {:>8.1f} MB\n", "peak RSS", peak_rss_kb() / 1024.0);
  return 0;
}
