// bench_compile [--reps N] [--seed S] [--assert]: times the rule language on generated files
// of 1,000 and 10,000 steps: parse_rules alone, and the whole load_rules (read the file,
// parse, compile, build the graph, check dates) on a temporary file.
// With --assert it exits 1 when the 10,000-step load_rules median exceeds 100 ms.
#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <string>
#include <string_view>
#include <vector>

#include "bench/rulegen.hpp"
#include "dsl/loader.hpp"
#include "dsl/parser.hpp"

namespace fs = std::filesystem;
using arshjul::dsl::load_rules;
using arshjul::dsl::parse_rules;

namespace {

constexpr int kCheckYear = 2026;
constexpr double kBudgetMs = 100.0;

struct Stats {
  double min, median, max;  // wall-clock ms
  double cpu_median;        // CPU ms of this thread: less disturbed by other processes
};

double cpu_ms() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

double median_of(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  std::size_t n = v.size();
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

Stats measure(int reps, const std::function<std::size_t()>& run) {
  std::vector<double> wall, cpu;
  volatile std::size_t sink = run();  // warm-up (page cache, allocator); keeps `run` observable
  for (int i = 0; i < reps; ++i) {
    double c0 = cpu_ms();
    auto t0 = std::chrono::steady_clock::now();
    sink = sink + run();
    auto t1 = std::chrono::steady_clock::now();
    cpu.push_back(cpu_ms() - c0);
    wall.push_back(std::chrono::duration<double, std::milli>(t1 - t0).count());
  }
  (void)sink;
  auto [lo, hi] = std::minmax_element(wall.begin(), wall.end());
  return {*lo, median_of(wall), *hi, median_of(cpu)};
}

void print(std::string_view what, std::size_t steps, const Stats& s) {
  std::cout << fmt::format(
      "{:<12} {:>6} steps  min {:7.2f}  median {:7.2f}  max {:7.2f} ms  "
      "{:>8.0f} steps/s  (cpu median {:7.2f} ms)\n",
      what, steps, s.min, s.median, s.max, steps / (s.median / 1000.0), s.cpu_median);
}

}  // namespace

int main(int argc, char** argv) {
  int reps = 20;
  std::uint64_t seed = 1;
  bool check_budget = false;
  for (int i = 1; i < argc; ++i) {
    std::string_view a = argv[i];
    auto number = [&](auto& out) {
      if (i + 1 >= argc) return false;
      std::string_view v = argv[++i];
      auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), out);
      return ec == std::errc() && p == v.data() + v.size();
    };
    if (a == "--assert")
      check_budget = true;
    else if (a == "--reps" && number(reps) && reps > 0)
      continue;
    else if (a == "--seed" && number(seed))
      continue;
    else {
      std::cerr << "usage: bench_compile [--reps N] [--seed S] [--assert]\n";
      return 2;
    }
  }

  const fs::path dir =
      fs::temp_directory_path() /
      fmt::format("arshjul-bench-{}", std::chrono::steady_clock::now().time_since_epoch().count());
  fs::create_directories(dir);
  double load_median_10k = 0;
  bool valid = true;
  std::cout << fmt::format("{} repetitions each, check year {}, seed {}\n", reps, kCheckYear, seed);
  for (std::size_t steps : {std::size_t{1000}, std::size_t{10000}}) {
    const std::string text = arshjul::bench::generate_rules(steps, seed);
    const fs::path file = dir / fmt::format("bench_{}.arshjul", steps);
    std::ofstream(file, std::ios::binary) << text;

    // The generated file must be valid, or the error paths would be measured instead.
    auto once = load_rules({file}, kCheckYear);
    std::size_t deps = once.processes.empty() ? 0 : once.processes.front().dependency_count();
    std::cout << fmt::format("{} steps: {:.1f} KiB, {} lines, {} dependencies, {} diagnostics\n",
                             steps, text.size() / 1024.0,
                             std::count(text.begin(), text.end(), '\n'), deps,
                             once.diagnostics.size());
    if (!once.ok() || once.processes.size() != 1) valid = false;

    const std::string path = file.string();
    print("parse_rules", steps,
          measure(reps, [&] { return parse_rules(text, path).file.steps.size(); }));
    Stats load = measure(reps, [&] { return load_rules({file}, kCheckYear).processes.size(); });
    print("load_rules", steps, load);
    if (steps == 10000) load_median_10k = load.median;
  }
  std::error_code ec;
  fs::remove_all(dir, ec);

  if (!valid) {
    std::cerr << "bench_compile: a generated file has errors (see the diagnostics count)\n";
    return 1;
  }
  if (check_budget && load_median_10k > kBudgetMs) {
    std::cerr << fmt::format(
        "bench_compile: 10,000-step load_rules median {:.1f} ms exceeds {} ms\n", load_median_10k,
        kBudgetMs);
    return 1;
  }
  return 0;
}
