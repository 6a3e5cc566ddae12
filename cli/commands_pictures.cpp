// calendar (and later wheel): the cycle as a calendar to import and as a picture.
#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <iostream>

#include "cli/inputs.hpp"
#include "pictures/calendar.hpp"

namespace arshjul::cli {
namespace {

struct PictureOptions {
  std::string file, out, role, unit;
  int year = 0;
  std::string store, date;
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

}  // namespace

void add_picture_commands(CLI::App& app, const GlobalOptions& g, int& exit_code) {
  static PictureOptions c;
  c.year = current_year();
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
