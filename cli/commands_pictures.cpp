// wheel, report and calendar: the cycle as a picture (SVG), as one page for a manager
// (HTML) and as a calendar to import (ICS).
#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
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

namespace arshjul::cli {
namespace {

struct PictureOptions {
  std::string file, out, role, unit, process;
  int year = 0;
  std::string store, date, roster, format = "html";
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

/// What the wheel and the report draw: the rules, the date, and with a store the task states.
struct CycleState {
  dsl::RuleSet rules;
  dsl::Date date;
  std::vector<engine::Task> tasks;
  std::size_t process = 0;  ///< the process drawn (--process, else the first with steps)
  std::optional<std::size_t> only_role;  ///< --role: that role's ring only
};

/// With --store: the tasks of cycle --year as of the date into `out`; an exit code when the
/// roster or the store is wrong (printed), else kExitOk.
int load_tasks(const PictureOptions& o, const GlobalOptions& g, CycleState& out) {
  const auto& ps = out.rules.processes;
  // The roster gives the units of per-unit steps. It serves every process, and the wheel
  // reads one file: rows for roles this file does not have are left out without a word;
  // any other error in the roster is an error here as everywhere.
  std::string roster_path = o.roster;
  if (roster_path.empty())
    roster_path = std::filesystem::exists("examples/roster.csv")
                      ? "examples/roster.csv"
                      : (std::filesystem::path(ARSHJUL_DATA_DIR) / "examples/roster.csv").string();
  std::vector<dsl::Diagnostic> errors, real;
  auto roster = engine::load_roster(roster_path, ps, out.rules.sources, errors);
  for (auto& d : errors)
    if (d.msg != dsl::Msg::unknown_role) real.push_back(std::move(d));
  for (const auto& d : real) std::cerr << dsl::format(d, out.rules.sources, g.language());
  if (!real.empty()) return kExitBadInput;
  try {
    std::optional<engine::Store> store;
    if (std::filesystem::exists(o.store)) store.emplace(o.store, false);
    engine::SnapshotOptions so;
    so.cycle = o.year;
    out.tasks = engine::load_snapshot(ps, roster, store ? &*store : nullptr, out.date, so).tasks;
  } catch (const engine::StoreError& e) {
    std::cerr << "arshjul: " << e.what() << "\n";
    return kExitStoreError;
  }
  return kExitOk;
}

/// Loads FILE, --date and (with --store) the tasks of cycle --year; prints the errors and
/// returns the exit code when something is wrong.
std::variant<CycleState, int> load_cycle_state(const PictureOptions& o, const GlobalOptions& g) {
  CycleState out;
  dsl::RuleSet& rules = out.rules;
  rules = dsl::load_rules({o.file}, o.year);
  if (!report(rules, g)) return kExitBadInput;
  dsl::Date date = today();
  if (!o.date.empty()) {
    auto d = engine::parse_date(o.date);
    if (!d) {
      std::cerr << "arshjul: " << dsl::render(dsl::Msg::record_bad_date, {o.date}, g.language())
                << "\n";
      return kExitBadInput;
    }
    date = *d;
  }
  out.date = date;
  const auto& ps = rules.processes;
  if (ps.empty()) {
    std::cerr << (g.language() == dsl::Lang::sv ? "arshjul: ingen process i "
                                                : "arshjul: no process in ")
              << o.file << "\n";
    return kExitBadInput;
  }
  // Which process: --process, else the first with steps (a plan-only process has no arcs).
  std::vector<std::string> ids;
  for (const auto& p : ps) ids.push_back(p.id);
  if (!o.process.empty()) {
    auto it = std::find_if(ps.begin(), ps.end(), [&](const dsl::Process& p) {
      return dsl::fold(p.id) == dsl::fold(o.process);
    });
    if (it == ps.end()) {
      auto hint = dsl::closest(o.process, ids);
      std::cerr << "arshjul: "
                << dsl::render(dsl::Msg::record_unknown_process, {o.process}, g.language())
                << (hint ? dsl::render(dsl::Msg::did_you_mean, {*hint}, g.language()) : "") << "\n";
      return kExitBadInput;
    }
    out.process = static_cast<std::size_t>(it - ps.begin());
  } else {
    auto it =
        std::find_if(ps.begin(), ps.end(), [](const dsl::Process& p) { return !p.steps.empty(); });
    if (it != ps.end()) out.process = static_cast<std::size_t>(it - ps.begin());
  }
  if (!o.role.empty()) {
    const auto& p = ps[out.process];
    out.only_role = p.find_role(o.role);
    if (!out.only_role) {
      std::vector<std::string> roles;
      for (const auto& r : p.roles) {
        roles.push_back(r.name);
        roles.insert(roles.end(), r.aliases.begin(), r.aliases.end());
      }
      auto hint = dsl::closest(o.role, roles);
      std::cerr << "arshjul: " << dsl::render(dsl::Msg::unknown_role, {o.role}, g.language())
                << (hint ? dsl::render(dsl::Msg::did_you_mean, {*hint}, g.language()) : "") << "\n";
      return kExitBadInput;
    }
  }
  // With a store, arcs take the colour of their state on --date.
  if (!o.store.empty())
    if (int rc = load_tasks(o, g, out)) return rc;
  return out;
}

// The chosen process of FILE (see CycleState::process).
std::string wheel_svg(const CycleState& c, const PictureOptions& o, const GlobalOptions& g) {
  pictures::WheelOptions wo;
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
  return write_output(wheel_svg(std::get<CycleState>(loaded), o, g), o.out);
}

// --- report: one page for a manager ---------------------------------------------------------

/// Per role of the process: how many tasks are in each state that needs attention.
std::string status_table(const CycleState& c, dsl::Lang lang) {
  using engine::State;
  const auto& p = c.rules.processes[c.process];
  const std::vector<State> shown{State::overdue, State::blocked,   State::due_soon,
                                 State::ready,   State::done_late, State::done};
  std::map<std::string, std::map<State, int>> counts;
  for (const auto& t : c.tasks) {
    if (t.process != c.process) continue;
    for (const auto& r : p.steps[t.step].roles)
      if (!r.if_needed) counts[p.roles[r.role].name][t.state]++;
  }
  std::string html =
      "<table><tr><th>" + std::string(lang == dsl::Lang::sv ? "roll" : "role") + "</th>";
  for (auto s : shown) html += "<th>" + escape_html(engine::state_name(s, lang)) + "</th>";
  html += "</tr>\n";
  for (const auto& [role, by_state] : counts) {
    html += "<tr><td>" + escape_html(role) + "</td>";
    for (auto s : shown) {
      auto it = by_state.find(s);
      html += fmt::format("<td class=\"n\">{}</td>", it == by_state.end() ? 0 : it->second);
    }
    html += "</tr>\n";
  }
  return html + "</table>\n";
}

/// The overdue and due-soon tasks, most urgent first.
std::string urgent_list(const CycleState& c, dsl::Lang lang) {
  using engine::State;
  const auto& p = c.rules.processes[c.process];
  std::vector<const engine::Task*> urgent;
  for (const auto& t : c.tasks)
    if (t.process == c.process && (t.state == State::overdue || t.state == State::due_soon))
      urgent.push_back(&t);
  std::stable_sort(urgent.begin(), urgent.end(), [](const engine::Task* a, const engine::Task* b) {
    return engine::more_urgent(*a, *b);
  });
  if (urgent.empty())
    return lang == dsl::Lang::sv ? "<p>Inget försenat eller snart.</p>\n"
                                 : "<p>Nothing overdue or due soon.</p>\n";
  std::string html = "<ul>\n";
  for (const auto* t : urgent) {
    std::string days =
        fmt::format(fmt::runtime(t->state == State::overdue
                                     ? (lang == dsl::Lang::sv ? "{} dagar sen" : "{} days late")
                                     : (lang == dsl::Lang::sv ? "{} dagar kvar" : "{} days left")),
                    t->days);
    html += "<li class=\"" + std::string(t->state == State::overdue ? "overdue" : "soon") + "\">" +
            escape_html(p.steps[t->step].id + (t->unit.empty() ? "" : " (" + t->unit + ")")) +
            " — " + escape_html(deadline_text(t->window, lang)) + ", " + days + "</li>\n";
  }
  return html + "</ul>\n";
}

/// The cycle as the seeds' NÄR / VEM / VAD table, in date order.
std::string cycle_table(const CycleState& c, int year, dsl::Lang lang) {
  const auto& p = c.rules.processes[c.process];
  bool sv = lang == dsl::Lang::sv;
  struct Row {
    dsl::Window w;
    const dsl::Step* s;
  };
  std::vector<Row> rows;
  for (const auto& s : p.steps) {
    std::vector<dsl::Diagnostic> ignored;
    for (const auto& w : dsl::windows(p, s, year, ignored)) rows.push_back({w, &s});
  }
  std::stable_sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) {
    return std::chrono::sys_days(a.w.start) < std::chrono::sys_days(b.w.start);
  });
  std::string html = std::string("<table><tr><th>") +
                     (sv ? "NÄR</th><th>från</th><th>senast</th><th>VEM</th><th>VAD</th><th>EFTER"
                         : "WHEN</th><th>from</th><th>due</th><th>WHO</th><th>WHAT</th><th>AFTER") +
                     "</th></tr>\n";
  for (const auto& r : rows) {
    std::string deps = p.dependency_ids(*r.s);
    html += "<tr><td>" + escape_html(r.s->when.text) + "</td><td class=\"date\">" +
            dsl::iso(r.w.start) + "</td><td>" + escape_html(deadline_text(r.w, lang)) +
            "</td><td>" + escape_html(roles_text(p, *r.s, lang)) + "</td><td><b>" +
            escape_html(r.s->id) + "</b> " + escape_html(task_text(p, *r.s, lang)) + "</td><td>" +
            escape_html(deps) + "</td></tr>\n";
  }
  return html + "</table>\n";
}

int run_report(const PictureOptions& o, const GlobalOptions& g) {
  auto loaded = load_cycle_state(o, g);
  if (auto* rc = std::get_if<int>(&loaded)) return *rc;
  const auto& c = std::get<CycleState>(loaded);
  const auto& p = c.rules.processes[c.process];
  dsl::Lang lang = g.language();
  bool sv = lang == dsl::Lang::sv;
  std::string title = (p.title.empty() ? p.id : p.title) + " " + std::to_string(o.year);
  std::string html =
      "<!DOCTYPE html>\n<html lang=\"" + std::string(sv ? "sv" : "en") +
      "\"><head><meta charset=\"utf-8\">"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>" +
      escape_html(title) +
      "</title><style>body{font-family:system-ui,sans-serif;margin:2em;max-width:80em}"
      "table{border-collapse:collapse;width:100%;margin-bottom:2em}td,th{border:1px solid "
      "#ccc;padding:.3em .5em;"
      "text-align:left;vertical-align:top}th{background:#eee}td.n{text-align:right}td.date{white-"
      "space:nowrap}"
      "li.overdue{color:#a00}.wheel svg{max-width:100%;height:auto}</style></head><body>\n<h1>" +
      escape_html(title) + "</h1>\n<p>" + escape_html(p.id) +
      (o.store.empty() ? "" : " · " + std::string(sv ? "läge " : "as of ") + dsl::iso(c.date)) +
      "</p>\n<div class=\"wheel\">" + wheel_svg(c, o, g) + "</div>\n";
  if (!o.store.empty()) {
    html += std::string("<h2>") + (sv ? "Läge per roll" : "Status per role") + "</h2>\n" +
            status_table(c, lang);
    html += std::string("<h2>") + (sv ? "Försenat och snart" : "Overdue and due soon") + "</h2>\n" +
            urgent_list(c, lang);
  }
  html += std::string("<h2>") + (sv ? "Cykeln" : "The cycle") + "</h2>\n" +
          cycle_table(c, o.year, lang) + "</body></html>\n";
  return write_output(html, o.out);
}

/// FILE, --year, --store, --roster, --date and -o: what the wheel and the report both read.
void add_cycle_state_options(CLI::App* cmd, PictureOptions& o, const std::string& output) {
  cmd->add_option("FILE", o.file, "regelfil eller mapp")->required();
  cmd->add_option("--process", o.process,
                  "vilken process i mappen (standard: den första med steg)");
  cmd->add_option("--role", o.role, "bara den här rollens ring på hjulet");
  cmd->add_option("--year", o.year, "cykel (standard: i år)");
  cmd->add_option("--store", o.store, "läget ur lagret (färger på hjulet)");
  cmd->add_option("--roster", o.roster, "enhetslista med --store (standard: examples/roster.csv)");
  cmd->add_option("--date", o.date, "dagens datum för visaren och läget (standard: i dag)");
  cmd->add_option("-o,--output", o.out, output + " (standard: standard ut)");
  cmd->fallthrough();  // `arshjul wheel FILE --lang en` as well as `arshjul --lang en wheel FILE`
}

}  // namespace

void add_picture_commands(CLI::App& app, const GlobalOptions& g, int& exit_code) {
  static PictureOptions c, w, r;
  c.year = w.year = r.year = current_year();
  auto* wheel = app.add_subcommand("wheel", "årshjulet som cirkel (SVG)");
  add_cycle_state_options(wheel, w, "SVG-fil");
  wheel->callback([&] { exit_code = run_wheel(w, g); });
  auto* rep = app.add_subcommand(
      "report", "en sida för en chef: hjulet, läget per roll och cykelns tabell (HTML)");
  add_cycle_state_options(rep, r, "HTML-fil");
  rep->add_option("--format", r.format, "html")->check(CLI::IsMember({"html"}));
  rep->callback([&] { exit_code = run_report(r, g); });
  auto* cal = app.add_subcommand("calendar", "kalender att importera (ICS, RFC 5545)");
  cal->add_option("FILE", c.file, "regelfil eller mapp")->required();
  cal->add_option("--year", c.year, "cykel (standard: i år)");
  cal->add_option("--role", c.role, "bara steg där rollen finns i VEM");
  cal->add_option("--unit", c.unit, "enhetens egna händelser för steg per enhet");
  cal->add_flag("--deadlines", c.deadlines,
                "en heldagshändelse på sista dagen i stället för hela fönstret");
  cal->add_option("-o,--output", c.out, "ICS-fil (standard: standard ut)");
  cal->callback([&] { exit_code = run_calendar(c, g); });
}

}  // namespace arshjul::cli
