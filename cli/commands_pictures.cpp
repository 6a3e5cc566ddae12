// wheel, report and calendar: the cycle as a picture (SVG), as one page for a manager
// (HTML) and as a calendar to import (ICS).
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <variant>

#include "cli/inputs.hpp"
#include "dsl/text.hpp"
#include "engine/engine.hpp"
#include "engine/records.hpp"
#include "engine/roster.hpp"
#include "engine/snapshot.hpp"
#include "engine/store.hpp"
#include "pictures/calendar.hpp"
#include "pictures/wheel.hpp"
#include "present/report.hpp"
#include "web/task_link.hpp"

namespace arshjul::cli {
namespace {

struct PictureOptions {
  std::string file, out, role, unit, process;
  int year = 0;
  std::string store, date, roster, format = "html";
  bool windows = false, deadlines = false;
  std::string previous;   ///< calendar: the earlier export to version the events against
  std::string link_base;  ///< calendar: the web view's address (default: the configuration's)
};

/// The roster at --roster or the configuration's, for rules that may be one file of several:
/// rows for roles these rules do not have are left out without a word; any other error in the
/// roster is an error here as everywhere. kExitOk, or the exit code.
int read_roster(const PictureOptions& o, dsl::RuleSet& rules, const GlobalOptions& g,
                engine::Roster& out) {
  auto path = setting(o.roster, g.config.roster, "--roster", g);
  if (!path) return kExitBadInput;
  std::vector<dsl::Diagnostic> errors, real;
  out = engine::load_roster(*path, rules.processes, rules.sources, errors);
  for (auto& d : errors)
    if (d.msg != dsl::Msg::unknown_role) real.push_back(std::move(d));
  for (const auto& d : real) std::cerr << dsl::format(d, rules.sources, g.language());
  return real.empty() ? kExitOk : kExitBadInput;
}

int run_calendar(const PictureOptions& o, const GlobalOptions& g) {
  if (!plausible_year(o.year, g)) return kExitBadInput;
  auto rules = dsl::load_rules({o.file}, o.year);
  if (!report(rules, g)) return kExitBadInput;
  pictures::CalendarOptions co;
  co.year = o.year;
  if (!known_role(o.role, rules.processes, g)) return kExitBadInput;
  if (!o.role.empty()) co.role = o.role;
  // A unit's calendar: its own events of per-unit steps, none of a role it does not have.
  engine::Roster roster;
  if (!o.unit.empty()) {
    if (int rc = read_roster(o, rules, g, roster)) return rc;
    if (!known_unit(o.unit, roster, g)) return kExitBadInput;
    co.unit = *roster.find_unit(o.unit);
    co.roster = &roster;
  }
  co.windows = o.windows;
  co.now = std::time(nullptr);
  co.lang = g.language();
  if (const auto& base = o.link_base.empty() ? g.config.link_base : o.link_base; !base.empty()) {
    co.web_home = base.back() == '/' ? base : base + "/";
    co.task_url = [home = co.web_home](const engine::TaskId& id) {
      return home + "task?" + web::task_query(id);
    };
  }
  co.file_changed = [](const std::string& file) -> std::time_t {
    std::error_code ec;
    auto t = std::filesystem::last_write_time(file, ec);
    if (ec) return 0;
    return std::chrono::system_clock::to_time_t(
        std::chrono::time_point_cast<std::chrono::system_clock::duration>(
            std::chrono::file_clock::to_sys(t)));
  };
  // The export this one replaces: its events' versions (pictures/calendar_versions.hpp).
  std::string previous = !o.previous.empty() ? o.previous : o.out;
  if (!previous.empty() && previous != "-") {
    std::ifstream in(previous, std::ios::binary);
    co.previous.assign(std::istreambuf_iterator<char>(in), {});
  }
  return write_output(pictures::render_calendar(rules.processes, co), o.out, g.language());
}

/// What the wheel and the report draw: the rules, the date, and with a store the task states.
struct CycleState {
  dsl::RuleSet rules;
  dsl::Date date;
  std::vector<engine::Task> tasks;
  engine::Roster roster;    ///< with --store: who holds the roles (the report names them)
  std::size_t process = 0;  ///< the process drawn (--process, else the first with steps)
  std::optional<std::size_t> only_role;  ///< --role: that role's ring only
};

/// Which process and ring: --process, else the first with steps (a plan-only process has no
/// arcs); --role's ring only. The exit code of a bad name, else kExitOk.
int choose_process(CycleState& out, const PictureOptions& o, const GlobalOptions& g) {
  const auto& ps = out.rules.processes;
  if (!o.process.empty()) {
    auto it = std::find_if(ps.begin(), ps.end(), [&](const dsl::Process& p) {
      return dsl::fold(p.id) == dsl::fold(o.process);
    });
    if (it == ps.end()) {
      std::vector<std::string> ids;
      for (const auto& p : ps) ids.push_back(p.id);
      refuse_unknown(dsl::Msg::record_unknown_process, o.process, ids, g);
      return kExitBadInput;
    }
    out.process = static_cast<std::size_t>(it - ps.begin());
  } else {
    auto it =
        std::find_if(ps.begin(), ps.end(), [](const dsl::Process& p) { return !p.steps.empty(); });
    if (it != ps.end()) out.process = static_cast<std::size_t>(it - ps.begin());
  }
  if (o.role.empty()) return kExitOk;
  const auto& p = ps[out.process];
  out.only_role = p.find_role(o.role);
  if (out.only_role) return kExitOk;
  std::vector<std::string> roles;
  for (const auto& r : p.roles) {
    roles.push_back(r.name);
    roles.insert(roles.end(), r.aliases.begin(), r.aliases.end());
  }
  refuse_unknown(dsl::Msg::unknown_role, o.role, roles, g);
  return kExitBadInput;
}

/// With --store: the tasks of cycle --year on --date, so arcs take the colour of their state.
int load_tasks(CycleState& out, const PictureOptions& o, const GlobalOptions& g) {
  const auto& ps = out.rules.processes;
  // The roster gives the units of per-unit steps.
  engine::Roster& roster = out.roster;
  if (int rc = read_roster(o, out.rules, g, roster)) return rc;
  try {
    auto store = open_existing_store(o.store);
    engine::SnapshotOptions so;
    so.cycle = o.year;
    so.recorded_rules = false;  // a picture of the rule file given: its steps, its indices
    out.tasks = engine::load_snapshot(ps, roster, &store, out.date, so).tasks;
  } catch (const engine::StoreError& e) {
    std::cerr << "arshjul: " << e.text(g.language()) << "\n";
    return kExitStoreError;
  }
  return kExitOk;
}

/// Loads FILE, --date and (with --store) the tasks of cycle --year; prints the errors and
/// returns the exit code when something is wrong.
std::variant<CycleState, int> load_cycle_state(const PictureOptions& o, const GlobalOptions& g) {
  CycleState out;
  if (!plausible_year(o.year, g)) return kExitBadInput;
  out.rules = dsl::load_rules({o.file}, o.year);
  if (!report(out.rules, g)) return kExitBadInput;
  out.date = today();
  if (!o.date.empty()) {
    auto d = engine::parse_date(o.date);
    if (!d) {
      std::cerr << "arshjul: " << dsl::render(dsl::Msg::record_bad_date, {o.date}, g.language())
                << "\n";
      return kExitBadInput;
    }
    out.date = *d;
  }
  if (out.rules.processes.empty()) {
    std::cerr << tr<Msg::no_process_in>(g.language()) << o.file << "\n";
    return kExitBadInput;
  }
  if (int rc = choose_process(out, o, g); rc != kExitOk) return rc;
  if (!o.store.empty())
    if (int rc = load_tasks(out, o, g); rc != kExitOk) return rc;
  return out;
}

// The chosen process of FILE (see CycleState::process).
std::string wheel_svg(const CycleState& c, const PictureOptions& o, const GlobalOptions& g,
                      bool heading = true) {
  pictures::WheelOptions wo;
  wo.heading = heading;
  wo.year = o.year;
  wo.lang = g.language();
  if (!o.store.empty() || !o.date.empty()) wo.today = c.date;
  wo.tasks = o.store.empty() ? nullptr : &c.tasks;
  wo.process_index = c.process;
  wo.only_role = c.only_role;
  return pictures::render_wheel(c.rules.processes[c.process], wo);
}

int run_wheel(const PictureOptions& o, const GlobalOptions& g) {
  auto loaded = load_cycle_state(o, g);
  if (auto* rc = std::get_if<int>(&loaded)) return *rc;
  return write_output(wheel_svg(std::get<CycleState>(loaded), o, g), o.out, g.language());
}

// --- report: one page for a manager ---------------------------------------------------------

int run_report(const PictureOptions& o, const GlobalOptions& g) {
  auto loaded = load_cycle_state(o, g);
  if (auto* rc = std::get_if<int>(&loaded)) return *rc;
  const auto& c = std::get<CycleState>(loaded);
  present::ReportPage page;
  page.process = &c.rules.processes[c.process];
  page.process_index = c.process;
  page.tasks = o.store.empty() ? nullptr : &c.tasks;
  page.roster = o.store.empty() ? nullptr : &c.roster;
  page.year = o.year;
  page.date = c.date;
  page.wheel_svg = wheel_svg(c, o, g, false);  // the page's <h1> names the process
  page.lang = g.language();
  return write_output(present::report_html(page), o.out, g.language());
}

/// FILE, --year, --store, --roster, --date and -o: what the wheel and the report both read.
void add_cycle_state_options(CLI::App* cmd, PictureOptions& o, const std::string& output,
                             const GlobalOptions& g) {
  add_rules_argument(cmd, o.file, tr<Msg::cli_help_rule_file_or_folder>(g.language()), g);
  cmd->add_option("--process", o.process, tr<Msg::cli_help_picture_process>(g.language()));
  cmd->add_option("--role", o.role, tr<Msg::cli_help_picture_role>(g.language()));
  cmd->add_option("--year", o.year, tr<Msg::cli_help_cycle_year>(g.language()))
      ->check(CLI::Range(dsl::kFirstYear, dsl::kLastYear));
  cmd->add_option("--store", o.store, tr<Msg::cli_help_picture_store>(g.language()));
  cmd->add_option("--roster", o.roster, tr<Msg::cli_help_picture_roster>(g.language()));
  cmd->add_option("--date", o.date, tr<Msg::cli_help_picture_date>(g.language()));
  cmd->add_option("-o,--output", o.out, output);
  cmd->fallthrough();  // `arshjul wheel FILE --lang en` as well as `arshjul --lang en wheel FILE`
}

}  // namespace

int write_output(const std::string& text, const std::string& out, dsl::Lang language) {
  if (out.empty() || out == "-") {
    std::cout << text;
    return kExitOk;
  }
  std::ofstream f(out, std::ios::binary);
  f << text;
  if (!f) {
    std::cerr << say<Msg::cannot_write_output>(language, out);
    return kExitBadInput;
  }
  return kExitOk;
}

void add_picture_commands(CLI::App& app, const GlobalOptions& g, int& exit_code) {
  static PictureOptions c, w, r;
  c.year = w.year = r.year = current_year();
  auto* wheel = app.add_subcommand("wheel", tr<Msg::cli_help_wheel>(g.language()));
  add_cycle_state_options(wheel, w, tr<Msg::cli_help_wheel_output>(g.language()), g);
  wheel->callback([&] { exit_code = run_wheel(w, g); });
  auto* rep = app.add_subcommand("report", tr<Msg::cli_help_report>(g.language()));
  add_cycle_state_options(rep, r, tr<Msg::cli_help_report_output>(g.language()), g);
  rep->add_option("--format", r.format, "html")->check(CLI::IsMember({"html"}));
  rep->callback([&] { exit_code = run_report(r, g); });
  auto* cal = app.add_subcommand("calendar", tr<Msg::cli_help_calendar>(g.language()));
  add_rules_argument(cal, c.file, tr<Msg::cli_help_rule_file_or_folder>(g.language()), g);
  cal->add_option("--year", c.year, tr<Msg::cli_help_cycle_year>(g.language()))
      ->check(CLI::Range(dsl::kFirstYear, dsl::kLastYear));
  add_text_options(cal,
                   {{"--role", &c.role, Msg::cli_help_calendar_role},
                    {"--unit", &c.unit, Msg::cli_help_calendar_unit},
                    {"--roster", &c.roster, Msg::cli_help_calendar_roster},
                    {"--previous", &c.previous, Msg::cli_help_calendar_previous},
                    {"--link-base", &c.link_base, Msg::cli_help_calendar_link_base},
                    {"-o,--output", &c.out, Msg::cli_help_calendar_output}},
                   g);
  cal->add_flag("--windows", c.windows, tr<Msg::cli_help_calendar_windows>(g.language()));
  cal->add_flag("--deadlines", c.deadlines, tr<Msg::cli_help_calendar_deadlines>(g.language()));
  cal->callback([&] { exit_code = run_calendar(c, g); });
}

}  // namespace arshjul::cli
