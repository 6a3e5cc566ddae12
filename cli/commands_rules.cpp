// check, show, graph: the rule files themselves.
#include <fmt/format.h>

#include <chrono>
#include <iostream>
#include <sstream>

#include "cli/common.hpp"
#include "cli/versions.hpp"
#include "dsl/graph.hpp"
#include "dsl/schedule.hpp"
#include "dsl/text.hpp"
#include "engine/plan.hpp"
#include "engine/units.hpp"
#include "present/show.hpp"

namespace arshjul::cli {
namespace {

namespace fs = std::filesystem;
using dsl::Lang;

std::vector<fs::path> as_paths(const std::vector<std::string>& files) {
  return {files.begin(), files.end()};
}

/// `check --roster`: the roster's errors (exit 2), else its vacancies, one line each.
int check_roster(const std::string& path, dsl::RuleSet& rules, const GlobalOptions& g) {
  std::vector<dsl::Diagnostic> errors;
  auto roster = engine::load_roster(path, rules.processes, rules.sources, errors);
  for (const auto& d : errors) std::cerr << dsl::format(d, rules.sources, g.language());
  if (!errors.empty()) {
    std::cerr << say<Msg::n_errors>(g.language(), errors.size());
    return kExitBadInput;
  }
  for (const auto& v : engine::vacancies(rules.processes, roster)) {
    const auto& p = rules.processes[v.process];
    std::cout << say<Msg::check_vacancy>(
        g.language(), p.roles[v.role].name, v.unit, p.id,
        dsl::join(v.steps, ", ", [&](std::size_t s) { return p.steps[s].id; }));
  }
  return kExitOk;
}

/// The rules `check` read, kept until the program ends: freeing 100,000 steps string by string
/// costs more than the operating system taking the memory back at exit. Freed on the next
/// call (a test may check many times in one process).
dsl::RuleSet& kept_rules(dsl::RuleSet rules) {
  static dsl::RuleSet* kept = nullptr;
  delete kept;
  kept = new dsl::RuleSet(std::move(rules));
  return *kept;
}

int run_check(const std::vector<std::string>& files, int year, const std::string& store,
              const std::string& roster, const GlobalOptions& g) {
  auto& rules = kept_rules(dsl::load_rules(as_paths(files), year));
  for (const auto& p : rules.processes) std::cout << present::check_text(p, g.language());
  for (const auto& d : rules.warnings) std::cerr << dsl::format(d, rules.sources, g.language());
  if (!rules.warnings.empty())
    std::cerr << (rules.warnings.size() == 1
                      ? std::string(tr<Msg::one_warning>(g.language()))
                      : say<Msg::n_warnings>(g.language(), rules.warnings.size()));
  if (!report(rules, g)) return kExitBadInput;
  if (!roster.empty())
    if (int code = check_roster(roster, rules, g); code != kExitOk) return code;
  return store.empty() ? kExitOk : check_store(store, rules.processes, g);
}

int run_show(const std::string& file, int year, const GlobalOptions& g) {
  auto rules = dsl::load_rules({file}, year);
  if (!report(rules, g)) return kExitBadInput;
  for (const auto& p : rules.processes) std::cout << present::show_text(p, year, g.language());
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
  bool svg = out.size() > 4 && out.compare(out.size() - 4, 4, ".svg") == 0;
  if (!svg) return write_output(dot.str(), out, g.language());
  // SVG: rendered by Graphviz when it is installed
  if (std::system("command -v dot >/dev/null 2>&1") != 0) {
    std::cerr << tr<Msg::graphviz_missing>(g.language());
    return kExitBadInput;
  }
  FILE* pipe = popen(("dot -Tsvg -o '" + out + "'").c_str(), "w");
  if (!pipe) return kExitBadInput;
  std::fwrite(dot.str().data(), 1, dot.str().size(), pipe);
  if (pclose(pipe) != 0) {
    std::cerr << say<Msg::dot_cannot_write>(g.language(), out);
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
    std::cerr << say<Msg::n_errors>(g.language(), rules.diagnostics.size());
  return rules.ok();
}

void add_rules_commands(CLI::App& app, const GlobalOptions& g, int& exit_code) {
  static std::vector<std::string> files;
  static std::string file, out, store, roster;
  static int year = current_year();

  auto* check = app.add_subcommand("check", tr<Msg::cli_help_check>(g.language()));
  add_rules_argument(check, files, tr<Msg::cli_help_rule_files_or_folders>(g.language()), g);
  check->add_option("--year", year, tr<Msg::cli_help_check_year>(g.language()))
      ->check(CLI::Range(dsl::kFirstYear, dsl::kLastYear));
  check->add_option("--store", store, tr<Msg::cli_help_check_store>(g.language()));
  check->add_option("--roster", roster, tr<Msg::cli_help_check_roster>(g.language()));
  check->callback([&] { exit_code = run_check(files, year, store, roster, g); });

  // show and graph: one rule file and the cycle.
  auto one_file = [&](const char* name, const std::string& help) {
    auto* cmd = app.add_subcommand(name, help);
    add_rules_argument(cmd, file, tr<Msg::cli_help_rule_file>(g.language()), g);
    cmd->add_option("--year", year, tr<Msg::cli_help_cycle_year_short>(g.language()))
        ->check(CLI::Range(dsl::kFirstYear, dsl::kLastYear));
    return cmd;
  };
  one_file("show", tr<Msg::cli_help_show>(g.language()))->callback([&] {
    exit_code = run_show(file, year, g);
  });
  auto* graph = one_file("graph", tr<Msg::cli_help_graph>(g.language()));
  graph->add_option("-o,--output", out, tr<Msg::cli_help_graph_output>(g.language()));
  graph->callback([&] { exit_code = run_graph(file, year, out, g); });
}

}  // namespace arshjul::cli
