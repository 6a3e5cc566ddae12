// overview_render: what the web view's overview costs to make, part by part, on a gen_admin
// administration (not a test: nothing here is registered with ctest).
//
//   overview_render DIR [--date 2026-05-20] [--reps 20]
//
// Loads the snapshot as `arshjul serve` does (the cycles around the date, by the rules in
// force), then prints the best of --reps runs (CPU ms) and the bytes of each part: the counts
// of the table, the table per role and unit in full (what the overview had for any size, and
// still has up to web::kStatusRowsInFull rows) made anew and with its rows kept (what a write
// cost it before), the table per role with the units that need attention (what a write costs
// it now), the wheel with its list, and the pages of a role's units and of the wheel's steps.
#include <fmt/format.h>

#include <cstdio>
#include <ctime>
#include <functional>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

#include "dsl/loader.hpp"
#include "engine/records.hpp"
#include "engine/roster.hpp"
#include "engine/snapshot.hpp"
#include "engine/store.hpp"
#include "engine/versions.hpp"
#include "pictures/wheel.hpp"
#include "pictures/wheel_layout.hpp"
#include "web/pages.hpp"

using namespace arshjul;

namespace {

double cpu_ms() {
  timespec t{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

/// The best CPU time of `reps` runs of `run`, and the bytes of what it made.
void measure(const char* name, int reps, const std::function<std::size_t()>& run) {
  double best = std::numeric_limits<double>::max();
  std::size_t bytes = 0;
  for (int i = 0; i < reps; ++i) {
    double t0 = cpu_ms();
    bytes = run();
    best = std::min(best, cpu_ms() - t0);
  }
  fmt::print("{:<68} {:>9.3f} ms {:>10} bytes\n", name, best, bytes);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: overview_render DIR [--date D] [--reps N]\n");
    return 2;
  }
  std::string dir = argv[1], date_text = "2026-05-20";
  int reps = 20;
  for (int i = 2; i + 1 < argc; i += 2) {
    std::string a = argv[i];
    if (a == "--date") date_text = argv[i + 1];
    if (a == "--reps") reps = std::stoi(argv[i + 1]);
  }
  const auto date = *engine::parse_date(date_text);
  auto rules = dsl::load_rules({dir + "/rules"}, static_cast<int>(date.year()));
  if (!rules.ok()) return 2;
  std::vector<dsl::Diagnostic> errors;
  dsl::Sources sources;
  auto roster = engine::load_roster(dir + "/roster.csv", rules.processes, sources, errors);
  if (!errors.empty()) return 2;
  engine::Store store(dir + "/arshjul.db", engine::Store::read_only);
  engine::SnapshotOptions so;
  so.incremental = true;  // as the server loads it
  double t0 = cpu_ms();
  auto snap = engine::load_snapshot(rules.processes, roster, &store, date, so);
  fmt::print("snapshot: {} tasks in {:.0f} ms (not part of the overview)\n", snap.tasks.size(),
             cpu_ms() - t0);
  const auto& ps = rules.processes;
  const auto& in_force = snap.processes();
  const auto lang = dsl::Lang::sv;
  std::optional<web::StatusCounts> counts;
  measure("counts (StatusCounts, once per snapshot)", reps, [&] {
    counts.emplace(in_force, snap.tasks);
    return counts->rows().size();
  });
  measure("table per role and unit, every row made anew", reps, [&] {
    for (const auto& [key, row] : counts->rows()) row.html.clear();
    return web::overview_table(*counts, lang, std::numeric_limits<std::size_t>::max()).size();
  });
  measure("table per role and unit, rows kept (a write, before)", reps, [&] {
    return web::overview_table(*counts, lang, std::numeric_limits<std::size_t>::max()).size();
  });
  measure("table per role and attention (a write, now)", reps,
          [&] { return web::overview_table(*counts, lang).size(); });
  web::OverviewWheel wheel;
  measure("wheel and its list, every task looked at (a state changed, before)", reps, [&] {
    wheel = web::overview_wheel(ps, in_force, snap.tasks, 0, date, lang);
    return wheel.html.size();
  });
  {
    // What the server does after a write that changed a state: the wheel from the states it
    // keeps counted (web::CachedSnapshot::tallies), moved by the write.
    const auto [shown, year] = web::wheel_shown(ps, in_force, 0, date);
    pictures::StateTally tally(snap.tasks, shown, year);
    measure("wheel and its list from the kept tally (a state changed, now)", reps, [&] {
      wheel = web::overview_wheel(ps, in_force, snap.tasks, 0, date, lang, &tally);
      return wheel.html.size();
    });
    measure("  the tally made (once per snapshot)", reps,
            [&] { return pictures::StateTally(snap.tasks, shown, year).of(0, 1) ? 1 : 0; });
  }
  {
    // The wheel's two halves: where everything goes, and its SVG.
    pictures::WheelOptions wo;
    wo.year = engine::cycle_of(ps[0].cycle, date);
    wo.process_index = engine::process_in_force(in_force, ps[0].id, wo.year).value_or(0);
    wo.today = date;
    wo.tasks = &snap.tasks;
    wo.layout_data = wo.description = false;
    const auto& p = in_force[wo.process_index];
    pictures::WheelLayout layout;
    measure("  of which the layout (pictures::layout_wheel, every task looked at)", reps, [&] {
      layout = pictures::layout_wheel(p, wo);
      return layout.arcs.size();
    });
    measure("  of which its SVG (pictures::write_wheel_svg)", reps,
            [&] { return pictures::write_wheel_svg(layout).size(); });
  }
  measure("  of which the list of steps (on /steg past 60 steps)", 1,
          [&] { return wheel.list.size(); });
  measure("overview body (top, wheel, table)", reps, [&] {
    return (web::overview_top(ps, 0, date, lang) + wheel.html + web::overview_table(*counts, lang))
        .size();
  });
  for (int page : {1, 20})
    measure(fmt::format("/enheter?roll=Rektor&sida={}", page).c_str(), reps, [&] {
      return web::units_page(*counts, {"Rektor", "", page}, lang)->body.size();
    });
  measure("/steg", reps, [&] { return web::steps_body(wheel, lang).size(); });
  return 0;
}
