// adopt, check --store: the rules in force per cycle (engine/versions.hpp). A cycle's rules are
// recorded when a writing command first meets it; changing them afterwards is this deliberate
// act, recorded with who and when.
#include <fmt/format.h>

#include <cstdlib>
#include <iostream>
#include <map>

#include "cli/inputs.hpp"
#include "cli/versions.hpp"
#include "dsl/text.hpp"

namespace arshjul::cli {
namespace {

struct AdoptOptions {
  std::string rules, store, by;
  int year = 0;
};

/// "recorded 2026-11-29T10:00:00Z" or "adopted ... by Anna".
std::string recorded_text(const engine::RuleVersion& v, dsl::Lang lang) {
  return v.adopted ? say<Msg::rules_adopted_on>(lang, v.recorded_at, v.recorded_by)
                   : say<Msg::rules_recorded_on>(lang, v.recorded_at);
}

/// The recorded version `v` as the rules in force hold it (empty: not in force that cycle).
std::vector<dsl::Process> recorded_process(const engine::RulesInForce& rules,
                                           const engine::RuleVersion& v) {
  for (const auto& p : rules.processes())
    if (!p.only_cycles.empty() && p.holds_in(v.cycle) && dsl::fold(p.id) == dsl::fold(v.process))
      return {p};
  return {};
}

/// The files' process named as `v`'s, if the files have one that applies in its cycle.
std::vector<dsl::Process> files_process(const std::vector<dsl::Process>& files,
                                        const engine::RuleVersion& v) {
  for (const auto& p : files)
    if (dsl::fold(p.id) == dsl::fold(v.process) && p.applies_in(v.cycle)) return {p};
  return {};
}

/// The difference from the recorded version to the files, as `arshjul diff` prints it.
void print_difference(const engine::RulesInForce& rules, const std::vector<dsl::Process>& files,
                      const engine::RuleVersion& v, dsl::Lang lang) {
  auto changes = dsl::compare(recorded_process(rules, v), files_process(files, v), v.cycle);
  if (changes.empty())
    std::cout << tr<Msg::check_store_order_only>(lang) << "\n";
  else
    print_changes(std::cout, changes, v.cycle, lang);
}

int adopt(const AdoptOptions& o, const GlobalOptions& g) {
  const dsl::Lang lang = g.language();
  auto rules_path = setting(o.rules, g.config.rules, "--rules", g);
  auto store_path = setting(o.store, g.config.store, "--store", g);
  if (!rules_path || !store_path || !plausible_year(o.year, g)) return kExitBadInput;
  std::string by = o.by.empty() && std::getenv("USER") ? std::getenv("USER") : o.by;
  if (by.empty()) return std::cerr << tr<Msg::adopt_needs_by>(lang) << "\n", kExitBadInput;
  auto files = dsl::load_rules({*rules_path}, o.year);
  if (!report(files, g)) return kExitBadInput;
  try {
    engine::Store store(*store_path, false);  // adopting writes; it never creates a store
    auto in_force = engine::rules_in_force(files.processes, &store, o.year, o.year);
    std::map<std::string, engine::RuleVersion> before;  // folded id -> the recorded version
    for (auto& v : engine::recorded_versions(store, o.year, o.year))
      before[dsl::fold(v.process)] = std::move(v);
    std::vector<engine::RuleVersion> adopted;
    for (auto& v : engine::versions_of(files.processes, {o.year})) {
      auto old = before.find(dsl::fold(v.process));
      const std::string hash = v.hash.substr(0, 12);
      if (old == before.end()) {
        std::cout << say<Msg::adopt_first>(lang, v.process, o.year, hash) << "\n";
      } else if (old->second.hash == v.hash) {
        std::cout << say<Msg::adopt_same>(lang, v.process, o.year, hash) << "\n";
      } else {
        std::cout << say<Msg::adopt_changed>(lang, v.process, o.year, hash,
                                             recorded_text(old->second, lang))
                  << "\n";
        print_difference(in_force, files.processes, old->second, lang);
      }
      if (old != before.end()) before.erase(old);
      adopted.push_back(std::move(v));
    }
    for (auto& [id, old] : before) {  // recorded for the cycle, gone from the files
      if (old.hash.empty()) continue;
      std::cout << say<Msg::adopt_removed>(lang, old.process, o.year) << "\n";
      adopted.push_back({old.process, o.year, "", "", "", "", true});
    }
    for (auto& v : adopted) v.adopted = true, v.recorded_by = by;
    engine::record_versions(store, adopted, now_timestamp(), false);
  } catch (const engine::StoreError& e) {
    std::cerr << "arshjul: " << e.text(lang) << "\n";
    return kExitStoreError;
  }
  return kExitOk;
}

}  // namespace

std::string files_differ_line(const engine::RulesInForce& rules, dsl::Lang lang) {
  if (rules.differing.empty()) return "";
  std::string cycles = dsl::join(rules.differing, ", ", [](const engine::RuleVersion& v) {
    return fmt::format("{} {}", v.process, v.cycle);
  });
  return say<Msg::rules_files_differ>(lang, cycles) + "\n";
}

int check_store(const std::string& path, const std::vector<dsl::Process>& files,
                const GlobalOptions& g) {
  const dsl::Lang lang = g.language();
  try {
    auto store = open_existing_store(path);
    auto in_force = engine::rules_in_force(files, &store, dsl::kFirstYear, dsl::kLastYear);
    auto recorded = engine::recorded_versions(store, dsl::kFirstYear, dsl::kLastYear);
    for (const auto& v : in_force.differing) {
      std::cout << say<Msg::check_store_differs>(lang, v.process, v.cycle, recorded_text(v, lang))
                << "\n";
      print_difference(in_force, files, v, lang);
    }
    if (in_force.differing.empty()) {
      std::cout << say<Msg::check_store_same>(lang, path, recorded.size()) << "\n";
      return kExitOk;
    }
    std::cout << say<Msg::check_store_differ_count>(lang, path, in_force.differing.size(),
                                                    recorded.size())
              << "\n";
    return kExitFindings;
  } catch (const engine::StoreError& e) {
    std::cerr << "arshjul: " << e.text(lang) << "\n";
    return kExitStoreError;
  }
}

void add_adopt_command(CLI::App& app, const GlobalOptions& g, int& exit_code) {
  static AdoptOptions o;
  const dsl::Lang lang = g.language();
  auto* cmd = app.add_subcommand("adopt", tr<Msg::cli_help_adopt>(lang));
  cmd->add_option("--year", o.year, tr<Msg::cli_help_adopt_year>(lang))->required();
  cmd->add_option("--by", o.by, tr<Msg::cli_help_adopt_by>(lang));
  cmd->add_option("--rules", o.rules, tr<Msg::cli_help_adopt_rules>(lang));
  cmd->add_option("--store", o.store, tr<Msg::cli_help_adopt_store>(lang));
  cmd->callback([&g, &exit_code] { exit_code = adopt(o, g); });
}

}  // namespace arshjul::cli
