// wheel and calendar: the cycle as a picture (SVG) and as a calendar to import (ICS).
#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <iostream>

#include "cli/inputs.hpp"
#include "engine/engine.hpp"
#include "engine/records.hpp"
#include "engine/roster.hpp"
#include "engine/store.hpp"
#include "pictures/calendar.hpp"
#include "pictures/wheel.hpp"

namespace arshjul::cli {
namespace {

struct PictureOptions {
  std::string file, out, role, unit;
  int year = 0;
  std::string store, date, roster;
  bool deadlines = false;
};

int write_output(const std::string& text, const std::string& out) {
  if (out.empty() || out == "-") {
    std::cout << text;
    return kExitOk;
  }
  std::ofstream f(out, std::ios::binary);
  f << text;
  if (!f) {
    std::cerr << fmt::format("arshjul: kan inte skriva {}\n", out);
    return kExitBadInput;
  }
  return kExitOk;
}

int run_calendar(const PictureOptions& o, const GlobalOptions& g) {
  auto rules = dsl::load_rules({o.file}, o.year);
  if (!report(rules, g)) return kExitBadInput;
  pictures::CalendarOptions co;
  co.year = o.year;
  if (!o.role.empty()) co.role = o.role;
  if (!o.unit.empty()) co.unit = o.unit;
  co.deadlines_only = o.deadlines;
  co.now = std::time(nullptr);
  co.lang = g.language();
  return write_output(pictures::render_calendar(rules.processes, co), o.out);
}

int run_wheel(const PictureOptions& o, const GlobalOptions& g) {
  dsl::RuleSet rules = dsl::load_rules({o.file}, o.year);
  if (!report(rules, g)) return kExitBadInput;
  dsl::Date date = today();
  if (!o.date.empty()) {
    auto d = engine::parse_date(o.date);
    if (!d) {
      std::cerr << "arshjul: " << dsl::render(dsl::Msg::record_bad_date, {o.date}, g.language()) << "\n";
      return kExitBadInput;
    }
    date = *d;
  }
  const auto& ps = rules.processes;
  if (ps.empty()) {
    std::cerr << (g.language() == dsl::Lang::sv ? "arshjul: ingen process i " : "arshjul: no process in ") << o.file
              << "\n";
    return kExitBadInput;
  }
  std::vector<engine::Task> tasks;
  if (!o.store.empty()) {  // with a store, arcs take the colour of their state on --date
    // The roster gives the units of per-unit steps. It serves every process, and the wheel
    // reads one file: rows for roles this file does not have are left out without a word;
    // any other error in the roster is an error here as everywhere.
    std::string roster_path = o.roster;
    if (roster_path.empty())
      roster_path = std::filesystem::exists("examples/roster.csv")
                        ? "examples/roster.csv"
                        : (std::filesystem::path(ARSHJUL_DATA_DIR) / "examples/roster.csv").string();
    std::vector<dsl::Diagnostic> errors, real;
    auto roster = engine::load_roster(roster_path, ps, rules.sources, errors);
    for (auto& d : errors)
      if (d.msg != dsl::Msg::unknown_role) real.push_back(std::move(d));
    for (const auto& d : real) std::cerr << dsl::format(d, rules.sources, g.language());
    if (!real.empty()) return kExitBadInput;
    engine::Records records(ps, roster);
    if (std::filesystem::exists(o.store)) {
      try {
        // The cycle before too: a step may wait for one done last cycle.
        engine::Store(o.store, false).for_each(o.year - 1, o.year, [&](const engine::Completion& c) { records.add(c); });
      } catch (const engine::StoreError& e) {
        std::cerr << "arshjul: " << e.what() << "\n";
        return kExitStoreError;
      }
    }
    for (std::size_t p = 0; p < ps.size(); ++p) {
      auto t = engine::evaluate_cycle(ps, p, o.year, roster, records, date, {});
      tasks.insert(tasks.end(), t.begin(), t.end());
    }
  }
  // The first process of FILE (a folder's first file in name order).
  pictures::WheelOptions wo;
  wo.year = o.year;
  wo.lang = g.language();
  if (!o.store.empty() || !o.date.empty()) wo.today = date;
  wo.tasks = o.store.empty() ? nullptr : &tasks;
  wo.process_index = 0;
  return write_output(pictures::render_wheel(ps[0], wo), o.out);
}

}  // namespace

void add_picture_commands(CLI::App& app, const GlobalOptions& g, int& exit_code) {
  static PictureOptions c, w;
  c.year = w.year = current_year();
  auto* wheel = app.add_subcommand("wheel", "årshjulet som cirkel (SVG)");
  wheel->add_option("FILE", w.file, "regelfil (en mapp: dess första process)")->required();
  wheel->add_option("--year", w.year, "cykel (standard: i år)");
  wheel->add_option("--store", w.store, "färglägg efter läget i lagret");
  wheel->add_option("--roster", w.roster, "enhetslista med --store (standard: examples/roster.csv)");
  wheel->add_option("--date", w.date, "dagens datum för visaren och läget (standard: i dag)");
  wheel->add_option("-o,--output", w.out, "SVG-fil (standard: standard ut)");
  wheel->fallthrough();  // `arshjul wheel FILE --lang en` as well as `arshjul --lang en wheel FILE`
  wheel->callback([&] { exit_code = run_wheel(w, g); });
  auto* cal = app.add_subcommand("calendar", "kalender att importera (ICS, RFC 5545)");
  cal->add_option("FILE", c.file, "regelfil eller mapp")->required();
  cal->add_option("--year", c.year, "cykel (standard: i år)");
  cal->add_option("--role", c.role, "bara steg där rollen finns i VEM");
  cal->add_option("--unit", c.unit, "enhetens egna händelser för steg per enhet");
  cal->add_flag("--deadlines", c.deadlines, "en heldagshändelse på sista dagen i stället för hela fönstret");
  cal->add_option("-o,--output", c.out, "ICS-fil (standard: standard ut)");
  cal->callback([&] { exit_code = run_calendar(c, g); });
}

}  // namespace arshjul::cli
