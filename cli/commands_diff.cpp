// diff: what a change of the rules means, between two files, two folders or two git
// revisions (dsl/compare.hpp). Exit 0 when they mean the same, 1 when they differ.
#include <fmt/format.h>
#include <stdlib.h>

#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/common.hpp"
#include "cli/inputs.hpp"
#include "cli/versions.hpp"
#include "dsl/compare.hpp"
#include "dsl/loader.hpp"
#include "dsl/text.hpp"
#include "engine/records.hpp"
#include "engine/roster.hpp"
#include "engine/task_changes.hpp"
#include "present/json.hpp"

namespace arshjul::cli {
namespace {
namespace fs = std::filesystem;
using dsl::Change;
using Kind = Change::Kind;

struct DiffOptions {
  std::vector<std::string> args;  ///< OLD NEW, or REV1 REV2 [PATH...]
  std::optional<int> year;
  std::string format = "text";
  std::string store, roster, date;  ///< with a store: the tasks whose state changes as of date
};

/// The tasks whose state or deadline the change of rules changes, as text lines and JSON.
struct TaskLines {
  std::string text;
  nlohmann::json json = nlohmann::json::array();
};

/// `s` as one word for /bin/sh.
std::string sh(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

/// A folder under the temp dir with the files of `paths` as git revision `rev` has them
/// (`git archive`), removed when the object dies.
class Checkout {
 public:
  Checkout() {
    std::string dir = (fs::temp_directory_path() / "arshjul-diff-XXXXXX").string();
    if (mkdtemp(dir.data())) root_ = dir;
  }
  ~Checkout() {
    std::error_code ec;
    if (!root_.empty()) fs::remove_all(root_, ec);
  }
  Checkout(const Checkout&) = delete;
  Checkout& operator=(const Checkout&) = delete;

  /// The paths inside the folder, or nullopt when `rev` is not a commit of this repository.
  std::optional<std::vector<fs::path>> get(const std::string& rev,
                                           const std::vector<std::string>& paths) const {
    if (root_.empty() ||
        std::system(
            ("git rev-parse -q --verify " + sh(rev + "^{commit}") + " >/dev/null 2>&1").c_str()) !=
            0)
      return std::nullopt;
    std::string quoted;
    for (const auto& p : paths) quoted += " " + sh(p);
    // git archive names files from the repository's top; the paths are from this folder.
    std::string command = "git archive --format=tar " + sh(rev) + " --" + quoted +
                          " 2>/dev/null | tar -x -C " + sh(root_.string()) + " 2>/dev/null";
    if (std::system(command.c_str()) != 0) return std::nullopt;
    std::string prefix;
    if (FILE* f = popen("git rev-parse --show-prefix", "r")) {
      char buffer[4096];
      while (fgets(buffer, sizeof buffer, f)) prefix += buffer;
      pclose(f);
    }
    while (!prefix.empty() && prefix.back() == '\n') prefix.pop_back();
    std::vector<fs::path> out;
    for (const auto& p : paths) out.push_back(root_ / prefix / p);
    return out;
  }

 private:
  fs::path root_;
};

const char* kind_word(Kind k, dsl::Lang lang) {
  switch (k) {
    case Kind::process_added:
    case Kind::process_removed:
    case Kind::process_changed:
      return "process";
    case Kind::role_added:
    case Kind::role_removed:
    case Kind::role_renamed:
    case Kind::role_changed:
      return tr<Msg::role>(lang);
    case Kind::step_added:
    case Kind::step_removed:
    case Kind::step_renamed:
    case Kind::step_changed:
      return tr<Msg::step>(lang);
    default:
      return tr<Msg::kind_plan_item>(lang);
  }
}

char sign(Kind k) {
  switch (k) {
    case Kind::process_added:
    case Kind::role_added:
    case Kind::step_added:
    case Kind::item_added:
      return '+';
    case Kind::process_removed:
    case Kind::role_removed:
    case Kind::step_removed:
    case Kind::item_removed:
      return '-';
    case Kind::role_renamed:
    case Kind::step_renamed:
      return '>';
    default:
      return '~';
  }
}

std::string or_dash(const std::string& s) {
  return s.empty() ? "–" : s;
}

std::string line_of(const Change& c, int year, dsl::Lang lang) {
  std::string head = fmt::format("  {} {} {}", sign(c.kind), kind_word(c.kind, lang), c.id);
  if (c.kind == Kind::process_changed)
    head = fmt::format("  ~ {}", c.id.empty() ? "process" : c.id);
  switch (sign(c.kind)) {
    case '>':
      return fmt::format(
          "{} -> {} ({})", head, c.renamed_to,
          c.kind == Kind::step_renamed ? tr<Msg::renamed_same_what>(lang) : tr<Msg::renamed>(lang));
    case '+':
      return c.dates_after.empty() ? head : fmt::format("{} ({}: {})", head, year, c.dates_after);
    case '-':
      return head;
    default:
      break;
  }
  std::string line = fmt::format("{}: {}{}{} -> {}", head, c.field, c.field.empty() ? "" : " ",
                                 or_dash(c.before), or_dash(c.after));
  if (!c.dates_before.empty() || !c.dates_after.empty())
    line += fmt::format(" ({}: {} -> {})", year, or_dash(c.dates_before), or_dash(c.dates_after));
  return line;
}

void print_json(const std::vector<Change>& changes, int year, const TaskLines& tasks) {
  static const char* kNames[] = {
      "process_added", "process_removed", "process_changed", "role_added",   "role_removed",
      "role_renamed",  "role_changed",    "step_added",      "step_removed", "step_renamed",
      "step_changed",  "item_added",      "item_removed",    "item_changed"};
  nlohmann::json out = {{"year", year}, {"changes", nlohmann::json::array()}};
  for (const auto& c : changes) {
    nlohmann::json j = {
        {"change", kNames[static_cast<int>(c.kind)]}, {"process", c.process}, {"id", c.id}};
    for (auto [key, value] : {std::pair{"renamed_to", &c.renamed_to},
                              {"field", &c.field},
                              {"before", &c.before},
                              {"after", &c.after},
                              {"dates_before", &c.dates_before},
                              {"dates_after", &c.dates_after}})
      if (!value->empty()) j[key] = *value;
    out["changes"].push_back(std::move(j));
  }
  if (!tasks.json.empty()) out["tasks"] = tasks.json;
  std::cout << present::json_text(out, 2) << "\n";
}

std::optional<dsl::RuleSet> load(const std::vector<fs::path>& paths, int year,
                                 const GlobalOptions& g) {
  for (const auto& p : paths)
    if (!fs::exists(p)) {
      std::cerr << say<Msg::path_does_not_exist>(g.language(), p.string());
      return std::nullopt;
    }
  auto rules = dsl::load_rules(paths, year);
  if (!report(rules, g)) return std::nullopt;
  return rules;
}

/// `--store DB --roster FILE [--date D]`: the store's tasks evaluated as of the date under the
/// old and the new rules; 0, or the exit code of bad input or a store that cannot be read.
int task_lines(const DiffOptions& o, const dsl::RuleSet& before, const dsl::RuleSet& after,
               const std::vector<Change>& changes, const GlobalOptions& g, TaskLines& out) {
  const dsl::Lang lang = g.language();
  auto date = o.date.empty() ? std::optional{today()} : engine::parse_date(o.date);
  if (o.roster.empty() || !date) {
    std::cerr << (o.roster.empty() ? tr<Msg::diff_store_needs_roster>(lang)
                                   : fmt::format("arshjul diff: --date {}?\n", o.date));
    return kExitBadInput;
  }
  dsl::Sources sources;
  std::vector<dsl::Diagnostic> errors;
  auto roster = engine::load_roster(o.roster, after.processes, sources, errors);
  for (const auto& d : errors) std::cerr << dsl::format(d, sources, lang);
  if (!errors.empty()) return kExitBadInput;
  std::map<std::string, std::string> renamed;
  for (const auto& c : changes)
    if (c.kind == Kind::step_renamed) renamed[dsl::fold(c.id)] = c.renamed_to;
  try {
    auto store = open_existing_store(o.store);
    engine::SnapshotOptions so;
    so.recorded_rules = false;  // the two sets of files compared, not the cycles' recorded rules
    auto old_tasks = engine::load_snapshot(before.processes, roster, &store, *date, so);
    auto new_tasks = engine::load_snapshot(after.processes, roster, &store, *date, so);
    for (const auto& t :
         engine::compare_tasks(before.processes, old_tasks, after.processes, new_tasks, renamed)) {
      auto state = [&](const engine::Task* x) {
        return x ? present::state_text(x->state, lang) : "–";
      };
      auto deadline = [](const engine::Task* x) { return x ? dsl::iso(x->window.deadline) : "–"; };
      out.text +=
          fmt::format("  {} {}: {} -> {}, {} {} -> {}\n", t.after ? (t.before ? '~' : '+') : '-',
                      t.id.text(), state(t.before), state(t.after), tr<Msg::deadline>(lang),
                      deadline(t.before), deadline(t.after));
      out.json.push_back({{"task", t.id.text()},
                          {"state_before", state(t.before)},
                          {"state_after", state(t.after)},
                          {"deadline_before", deadline(t.before)},
                          {"deadline_after", deadline(t.after)}});
    }
    if (!out.text.empty())
      out.text = say<Msg::diff_tasks_heading>(lang, dsl::iso(*date), o.store) + out.text;
  } catch (const engine::StoreError& e) {
    std::cerr << "arshjul: " << o.store << ": " << e.text(g.language()) << "\n";
    return kExitStoreError;
  }
  return kExitOk;
}

int run_diff(const DiffOptions& o, const GlobalOptions& g) {
  const dsl::Lang lang = g.language();
  const int year = o.year.value_or(current_year());
  const auto& a = o.args;
  if (a.size() < 2) {
    std::cerr << tr<Msg::diff_needs_two>(lang);
    return kExitBadInput;
  }
  std::vector<fs::path> old_paths{a[0]}, new_paths{a[1]};
  Checkout old_tree, new_tree;
  if (a.size() > 2 || !fs::exists(a[0]) || !fs::exists(a[1])) {  // two git revisions
    std::vector<std::string> paths(a.begin() + 2, a.end());
    if (paths.empty()) paths = {"rules"};
    auto o1 = old_tree.get(a[0], paths), o2 = new_tree.get(a[1], paths);
    if (!o1 || !o2) {
      std::cerr << say<Msg::diff_neither_path_nor_revision>(lang, a[0], a[1],
                                                            fmt::join(paths, ", "));
      return kExitBadInput;
    }
    old_paths = *o1, new_paths = *o2;
  }
  auto before = load(old_paths, year, g), after = load(new_paths, year, g);
  if (!before || !after) return kExitBadInput;
  auto changes = dsl::compare(before->processes, after->processes, year);
  TaskLines tasks;
  if (!o.store.empty())
    if (int rc = task_lines(o, *before, *after, changes, g, tasks)) return rc;
  if (o.format == "json") {
    print_json(changes, year, tasks);
  } else {
    print_changes(std::cout, changes, year, lang);
    std::cout << tasks.text;
  }
  return changes.empty() && tasks.json.empty() ? kExitOk : kExitFindings;
}

}  // namespace

void print_changes(std::ostream& out, const std::vector<Change>& changes, int year,
                   dsl::Lang lang) {
  std::string process;
  for (const auto& c : changes) {
    if (c.process != process) out << "process " << (process = c.process) << "\n";
    out << line_of(c, year, lang) << "\n";
  }
  const std::size_t n = changes.size();
  if (n == 0)
    out << tr<Msg::no_difference_in_meaning>(lang);
  else
    out << (n == 1 ? say<Msg::n_changes_one>(lang, n) : say<Msg::n_changes>(lang, n));
}

void add_diff_command(CLI::App& app, const GlobalOptions& g, int& exit_code) {
  static DiffOptions o;
  auto* cmd = app.add_subcommand("diff", tr<Msg::cli_help_diff>(g.language()));
  cmd->add_option("args", o.args, tr<Msg::cli_help_diff_args>(g.language()))->required();
  cmd->add_option("--year", o.year, tr<Msg::cli_help_diff_year>(g.language()))
      ->check(CLI::Range(dsl::kFirstYear, dsl::kLastYear));
  cmd->add_option("--store", o.store, tr<Msg::cli_help_diff_store>(g.language()));
  cmd->add_option("--roster", o.roster, tr<Msg::cli_help_diff_roster>(g.language()));
  cmd->add_option("--date", o.date, tr<Msg::cli_help_diff_date>(g.language()));
  cmd->add_option("--format", o.format, tr<Msg::cli_help_format_text_json>(g.language()))
      ->check(CLI::IsMember({"text", "json"}));
  // CLI11 2.1 gives what follows `--` (`diff HEAD~1 HEAD -- rules`) to the top-level command:
  // a hidden positional there takes it, and any other command refuses it.
  static std::vector<std::string> after_dashes;
  app.add_option("paths-after-dashes", after_dashes)->group("");
  app.final_callback([cmd] {
    if (!after_dashes.empty() && !cmd->parsed()) throw CLI::ExtrasError(after_dashes);
  });
  cmd->callback([&g, &exit_code] {
    o.args.insert(o.args.end(), after_dashes.begin(), after_dashes.end());
    exit_code = run_diff(o, g);
  });
}

}  // namespace arshjul::cli
