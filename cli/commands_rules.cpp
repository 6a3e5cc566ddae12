// check, show, graph: the rule files themselves.
#include <fmt/format.h>

#include <chrono>
#include <fstream>
#include <iostream>
#include <sstream>

#include "cli/common.hpp"
#include "cli/table.hpp"
#include "dsl/graph.hpp"
#include "dsl/schedule.hpp"
#include "engine/plan.hpp"

namespace arshjul::cli {
namespace {

namespace fs = std::filesystem;
using dsl::Lang;

std::vector<fs::path> as_paths(const std::vector<std::string>& files) {
  return {files.begin(), files.end()};
}

std::string role_names(const dsl::Process& p, const std::vector<dsl::RoleRef>& roles) {
  std::string out;
  for (const auto& r : roles) out += (out.empty() ? "" : ", ") + p.roles[r.role].name;
  return out;
}

std::string goal_ids(const dsl::Process& p, const std::vector<std::size_t>& goals) {
  std::string out;
  for (auto g : goals) out += (out.empty() ? "" : ", ") + p.goals[g].id;
  return out;
}

// The plan of a process, if it has one: its goals (with the chain), activities (with the
// planned completion in `year`) and measures.
void show_plan(const dsl::Process& p, int year, Lang lang) {
  bool sv = lang == Lang::sv;
  if (!p.goals.empty()) {
    std::vector<std::vector<std::string>> rows;
    for (const auto& g : p.goals)
      rows.push_back({g.id, dsl::level_name(g.level, lang), g.parent ? p.goals[*g.parent].id : "",
                      g.perspective ? p.perspectives[*g.perspective].title : "", g.title});
    std::cout << render_table({{sv ? "MÅL" : "GOAL"},
                               {sv ? "NIVÅ" : "LEVEL"},
                               {"UNDER"},
                               {sv ? "PERSPEKTIV" : "PERSPECTIVE"},
                               {sv ? "TITEL" : "TITLE", 50}},
                              rows)
              << "\n";
  }
  if (!p.activities.empty()) {
    std::vector<std::vector<std::string>> rows;
    for (const auto& a : p.activities) {
      auto planned = engine::planned_completion(p, a, year);
      rows.push_back({a.id, a.due ? a.due->text : "", planned ? dsl::iso(*planned) : "",
                      role_names(p, a.roles), a.task, goal_ids(p, a.goals)});
    }
    std::cout << render_table({{sv ? "AKTIVITET" : "ACTIVITY"},
                               {sv ? "KLART" : "DUE"},
                               {sv ? "PLANERAD" : "PLANNED"},
                               {sv ? "VEM" : "WHO", 24},
                               {sv ? "VAD" : "WHAT", 50},
                               {sv ? "MÅL" : "GOALS", 30}},
                              rows)
              << "\n";
  }
  if (!p.measures.empty()) {
    std::vector<std::vector<std::string>> rows;
    for (const auto& m : p.measures) {
      std::string tertials;
      for (int t : m.tertials) tertials += (tertials.empty() ? "T" : ", T") + std::to_string(t);
      rows.push_back({m.id,
                      std::string(m.direction == dsl::Direction::higher ? "≥ " : "≤ ") +
                          engine::number_text(m.target, lang) +
                          (m.unit.empty() ? "" : " " + m.unit),
                      tertials, role_names(p, m.roles), m.title, goal_ids(p, m.goals)});
    }
    std::cout << render_table({{sv ? "MÄTETAL" : "MEASURE"},
                               {sv ? "MÅLVÄRDE" : "TARGET"},
                               {sv ? "UPPFÖLJNING" : "FOLLOW-UP"},
                               {sv ? "VEM" : "WHO", 24},
                               {sv ? "TITEL" : "TITLE", 50},
                               {sv ? "MÅL" : "GOALS", 30}},
                              rows)
              << "\n";
  }
}

int run_check(const std::vector<std::string>& files, int year, const GlobalOptions& g) {
  auto rules = dsl::load_rules(as_paths(files), year);
  bool sv = g.language() == Lang::sv;
  for (const auto& p : rules.processes) {
    std::cout << fmt::format(
        fmt::runtime(sv ? "{}: process {}: {} steg, {} roller, {} beroenden"
                        : "{}: process {}: {} steps, {} roles, {} dependencies"),
        p.where.file, p.id, p.steps.size(), p.roles.size(), p.dependency_count());
    if (!p.goals.empty() || !p.activities.empty() || !p.measures.empty())
      std::cout << fmt::format(fmt::runtime(sv ? "; {} mål, {} aktiviteter, {} mätetal"
                                               : "; {} goals, {} activities, {} measures"),
                               p.goals.size(), p.activities.size(), p.measures.size());
    std::cout << "\n";
  }
  return report(rules, g) ? kExitOk : kExitBadInput;
}

}  // namespace

std::string roles_text(const dsl::Process& p, const dsl::Step& s, Lang lang) {
  std::string out;
  for (const auto& r : s.roles) {
    if (!out.empty()) out += ", ";
    out += p.roles[r.role].name;
    if (r.if_needed) out += lang == Lang::sv ? " (vid behov)" : " (if needed)";
  }
  return out;
}

std::string task_text(const dsl::Process& p, const dsl::Step& s, Lang lang) {
  std::string out;
  if (s.condition)
    out += fmt::format(fmt::runtime(lang == Lang::sv ? "[OM {} = {}] " : "[IF {} = {}] "),
                       p.steps[s.condition->step].id, s.condition->outcome);
  out += s.task;
  if (s.type != dsl::StepType::none) out += " (" + dsl::type_name(s.type, lang) + ")";
  return out;
}

std::string deadline_text(const dsl::Window& w, Lang lang) {
  std::string out = dsl::iso(w.deadline);
  if (!w.moved_from) return out;
  bool sv = lang == Lang::sv;
  const auto& why = *w.moved_because;
  std::string reason = why.kind == dsl::ClosedReason::Kind::holiday ? why.name
                       : why.kind == dsl::ClosedReason::Kind::closed
                           ? (sv ? "stängt" : "closed")
                           : dsl::weekday_name(*w.moved_from, lang);
  return out + fmt::format(fmt::runtime(sv ? " (flyttad från {}: {})" : " (moved from {}: {})"),
                           dsl::iso(*w.moved_from), reason);
}

namespace {

int run_show(const std::string& file, int year, const GlobalOptions& g) {
  auto rules = dsl::load_rules({file}, year);
  if (!report(rules, g)) return kExitBadInput;
  Lang lang = g.language();
  bool sv = lang == Lang::sv;
  for (const auto& p : rules.processes) {
    struct Row {
      dsl::Window w;
      std::vector<std::string> cells;
    };
    std::vector<Row> rows;
    std::vector<dsl::Diagnostic> unused;
    for (const auto& s : p.steps) {
      std::string deps = p.dependency_ids(s);
      for (const auto& w : dsl::windows(p, s, year, unused))
        rows.push_back({w,
                        {dsl::iso(w.start), deadline_text(w, lang), s.when.text,
                         roles_text(p, s, lang), task_text(p, s, lang), s.id, deps}});
    }
    std::stable_sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) {
      using std::chrono::sys_days;
      return std::pair(sys_days(a.w.start), sys_days(a.w.deadline)) <
             std::pair(sys_days(b.w.start), sys_days(b.w.deadline));
    });
    std::vector<std::vector<std::string>> cells;
    for (auto& r : rows) cells.push_back(std::move(r.cells));
    bool school = p.cycle == dsl::CycleKind::school_year;
    std::cout << fmt::format(
        "{} ({}, {} {})\n\n", p.title.empty() ? p.id : p.title, p.id,
        sv ? (school ? "läsår" : "kalenderår") : (school ? "school year" : "calendar year"),
        school ? fmt::format("{}/{}", year, year + 1) : std::to_string(year));
    if (!p.steps.empty() || (p.goals.empty() && p.activities.empty() && p.measures.empty()))
      std::cout << render_table({{sv ? "FRÅN" : "FROM"},
                                 {sv ? "SENAST" : "DEADLINE", 24},
                                 {sv ? "NÄR" : "WHEN", 24},
                                 {sv ? "VEM" : "WHO", 28},
                                 {sv ? "VAD" : "WHAT", 60},
                                 {sv ? "STEG" : "STEP"},
                                 {sv ? "EFTER" : "AFTER", 30}},
                                cells)
                << "\n";
    show_plan(p, year, lang);
  }
  return kExitOk;
}

// The month each step's first window starts in, counted from the cycle's first month
// (13 and up for months of the next year), for grouping the graph.
std::vector<int> start_months(const dsl::Process& p, int year) {
  std::vector<int> months;
  auto first = dsl::cycle_start(p.cycle, year);
  for (const auto& s : p.steps) {
    std::vector<dsl::Diagnostic> ignored;
    auto ws = dsl::windows(p, s, year, ignored);
    if (ws.empty()) {
      months.push_back(0);
      continue;
    }
    int offset = (int(ws[0].start.year()) - int(first.year())) * 12 +
                 int(unsigned(ws[0].start.month())) - int(unsigned(first.month()));
    months.push_back(int(unsigned(first.month())) + offset);
  }
  return months;
}

int run_graph(const std::string& file, int year, const std::string& out, const GlobalOptions& g) {
  auto rules = dsl::load_rules({file}, year);
  if (!report(rules, g)) return kExitBadInput;
  std::ostringstream dot;
  for (const auto& p : rules.processes)
    dsl::DependencyGraph(p).write_dot(dot, p, start_months(p, year));
  if (out.empty() || out == "-") {
    std::cout << dot.str();
    return kExitOk;
  }
  bool svg = out.size() > 4 && out.compare(out.size() - 4, 4, ".svg") == 0;
  if (svg) {  // rendered by Graphviz when it is installed
    if (std::system("command -v dot >/dev/null 2>&1") != 0) {
      std::cerr << (g.language() == Lang::sv ? "arshjul: Graphviz (dot) saknas: installera "
                                               "graphviz, eller skriv DOT med -o graph.dot\n"
                                             : "arshjul: Graphviz (dot) is missing: install "
                                               "graphviz, or write DOT with -o graph.dot\n");
      return kExitBadInput;
    }
    FILE* pipe = popen(("dot -Tsvg -o '" + out + "'").c_str(), "w");
    if (!pipe) return kExitBadInput;
    std::fwrite(dot.str().data(), 1, dot.str().size(), pipe);
    if (pclose(pipe) != 0) {
      std::cerr << fmt::format("arshjul: dot kunde inte skriva {}\n", out);
      return kExitBadInput;
    }
    return kExitOk;
  }
  std::ofstream of(out);
  of << dot.str();
  if (!of) {
    std::cerr << fmt::format("arshjul: kan inte skriva {}\n", out);
    return kExitBadInput;
  }
  return kExitOk;
}

}  // namespace

int current_year() {
  auto today = std::chrono::year_month_day(
      std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now()));
  return static_cast<int>(today.year());
}

bool report(const dsl::RuleSet& rules, const GlobalOptions& g) {
  for (const auto& d : rules.diagnostics) std::cerr << dsl::format(d, rules.sources, g.language());
  if (!rules.diagnostics.empty())
    std::cerr << fmt::format(fmt::runtime(g.language() == Lang::sv ? "{} fel\n" : "{} errors\n"),
                             rules.diagnostics.size());
  return rules.ok();
}

void add_rules_commands(CLI::App& app, const GlobalOptions& g, int& exit_code) {
  static std::vector<std::string> files;
  static std::string file, out;
  static int year = current_year();

  auto* check = app.add_subcommand("check", "kontrollera regelfiler och visa en sammanfattning");
  check->add_option("FILE", files, "regelfiler eller mappar")->required();
  check->add_option("--year", year, "cykelår att kontrollera datum för (standard: i år)");
  check->callback([&] { exit_code = run_check(files, year, g); });

  auto* show =
      app.add_subcommand("show", "visa cykeln som tabell i datumordning (NÄR / VEM / VAD)");
  show->add_option("FILE", file, "regelfil")->required();
  show->add_option("--year", year, "cykelår (standard: i år)");
  show->callback([&] { exit_code = run_show(file, year, g); });

  auto* graph = app.add_subcommand("graph", "beroendegrafen i Graphviz DOT");
  graph->add_option("FILE", file, "regelfil")->required();
  graph->add_option("--year", year, "cykelår (standard: i år)");
  graph->add_option(
      "-o,--output", out,
      "skriv till fil (.dot, eller .svg ritad av Graphviz dot) i stället för standard ut");
  graph->callback([&] { exit_code = run_graph(file, year, out, g); });
}

}  // namespace arshjul::cli
