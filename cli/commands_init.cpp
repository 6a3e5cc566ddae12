// init: a new installation: a commented configuration file and an empty store with the day
// its record starts (tasks due before it are "före start", not overdue).
#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <iostream>

#include "cli/inputs.hpp"
#include "dsl/text.hpp"
#include "engine/engine.hpp"
#include "engine/records.hpp"
#include "engine/store.hpp"
#include "engine/store_copy.hpp"
#include "engine/versions.hpp"

namespace arshjul::cli {
namespace {
namespace fs = std::filesystem;

struct InitOptions {
  std::string start, store, rules = "rules", roster = "roster.csv", config = "arshjul.toml";
};

/// `path` (relative to the current folder) as the configuration file names it: relative to
/// the file's own folder.
std::string from_config(const std::string& path, const std::string& config) {
  if (engine::is_postgres_address(path)) return path;  // an address, not a path
  auto folder = fs::absolute(config).parent_path();
  return fs::absolute(path).lexically_proximate(folder).string();
}

/// The rules in force from the start: the files' (when they are there and check; they may come
/// later) for the cycle each process is in on the start date (engine/versions.hpp).
void record_start_cycles(engine::Store& db, const std::string& rules, dsl::Date start) {
  std::error_code ec;
  if (!fs::exists(rules, ec)) return;
  auto loaded = dsl::load_rules({rules}, static_cast<int>(start.year()));
  if (!loaded.ok()) return;
  std::vector<std::pair<std::string, int>> cycles;
  for (const auto& p : loaded.processes)
    cycles.emplace_back(p.id, engine::cycle_of(p.cycle, start));
  engine::record_first_use(db, loaded.processes, cycles, now_timestamp());
}

int run_init(const InitOptions& o, const GlobalOptions& g) {
  const auto lang = g.language();
  auto start = engine::parse_date(o.start);
  if (!start) {
    std::cerr << "arshjul init: " << dsl::render(dsl::Msg::record_bad_date, {o.start}, lang)
              << "\n";
    return kExitBadInput;
  }
  const std::string store = !o.store.empty()          ? o.store
                            : !g.config.store.empty() ? g.config.store
                                                      : "arshjul.db";
  const bool write_config = !fs::exists(o.config);
  try {
    engine::Store db(store);
    if (auto current = db.start_date()) {
      std::cerr << "arshjul init: "
                << dsl::say<dsl::Msg::init_already_started>(lang, store, dsl::iso(*current))
                << "\n";
      return kExitBadInput;
    }
    db.set_start_date(*start);
    record_start_cycles(db, o.rules, *start);
  } catch (const engine::StoreError& e) {
    std::cerr << "arshjul init: " << e.text(lang) << "\n";
    return kExitStoreError;
  }
  std::cout << dsl::say<dsl::Msg::init_store_started>(lang, store, dsl::iso(*start));
  if (!write_config) {
    std::cout << dsl::say<dsl::Msg::init_config_exists>(lang, o.config);
    return kExitOk;
  }
  std::ofstream out(o.config, std::ios::binary);
  out << config_template(from_config(o.rules, o.config), from_config(o.roster, o.config),
                         from_config(store, o.config));
  if (!out) {
    std::cerr << "arshjul init: " << dsl::say<dsl::Msg::init_cannot_write>(lang, o.config) << "\n";
    return kExitBadInput;
  }
  std::cout << dsl::say<dsl::Msg::init_config_written>(lang, o.config);
  return kExitOk;
}

// store migrate: brings an older store to this build's schema, the one write that commands
// which only read leave to it (engine::Store::read_only refuses an older store).
int run_migrate(const std::string& store_flag, const GlobalOptions& g) {
  auto store = setting(store_flag, g.config.store, "--store", g);
  if (!store) return kExitBadInput;
  try {
    engine::Store db(*store, false);
  } catch (const engine::StoreError& e) {
    std::cerr << "arshjul store migrate: " << e.text(g.language()) << "\n";
    return kExitStoreError;
  }
  std::cout << dsl::say<dsl::Msg::store_migrated>(g.language(), *store,
                                                  engine::Store::kSchemaVersion);
  return kExitOk;
}

struct CopyOptions {
  std::string from, to;
  bool overwrite = false;
};

/// "table 12, other 3" of the tables holding rows.
std::string nonempty_tables(const engine::StoreSummary& s) {
  std::vector<std::string> parts;
  for (const auto& [table, n] : s.rows)
    if (n > 0) parts.push_back(fmt::format("{} {}", table, n));
  return dsl::join(parts, ", ");
}

// store copy: the whole store into another, checked before it commits (engine/store_copy.hpp).
int run_copy(const CopyOptions& o, const GlobalOptions& g) {
  const auto lang = g.language();
  const auto from = engine::shown_address(o.from), to = engine::shown_address(o.to);
  std::error_code ec;
  if (o.from == o.to ||
      (!engine::is_postgres_address(o.from) && std::filesystem::equivalent(o.from, o.to, ec))) {
    std::cerr << dsl::say<dsl::Msg::store_copy_same>(lang, from);
    return kExitBadInput;
  }
  engine::CopyResult r;
  try {
    r = engine::copy_store(o.from, o.to, o.overwrite);
  } catch (const engine::StoreError& e) {
    std::cerr << "arshjul store copy: " << e.text(lang) << "\n";
    return kExitStoreError;
  }
  if (r.not_empty) {
    std::cerr << dsl::say<dsl::Msg::store_copy_not_empty>(lang, to, nonempty_tables(r.to));
    return kExitBadInput;
  }
  std::cout << dsl::say<dsl::Msg::store_copy_done>(lang, from, to, r.to.checksum);
  for (const auto& [table, n] : r.to.rows)
    std::cout << dsl::say<dsl::Msg::store_copy_table>(lang, table, n);
  return kExitOk;
}

}  // namespace

void add_store_command(CLI::App& app, const GlobalOptions& g, int& exit_code) {
  static std::string store;
  const auto lang = g.language();
  auto* group = app.add_subcommand("store", dsl::tr<dsl::Msg::cli_help_store>(lang));
  group->require_subcommand(1);
  auto* m = group->add_subcommand("migrate", dsl::tr<dsl::Msg::cli_help_store_migrate>(lang));
  m->add_option("--store", store, dsl::tr<dsl::Msg::cli_help_store_path>(lang));
  m->callback([&] { exit_code = run_migrate(store, g); });
  static CopyOptions copy;
  auto* c = group->add_subcommand("copy", dsl::tr<dsl::Msg::cli_help_store_copy>(lang));
  c->add_option("FROM", copy.from, dsl::tr<dsl::Msg::cli_help_store_copy_from>(lang))->required();
  c->add_option("TO", copy.to, dsl::tr<dsl::Msg::cli_help_store_copy_to>(lang))->required();
  c->add_flag("--overwrite", copy.overwrite,
              dsl::tr<dsl::Msg::cli_help_store_copy_overwrite>(lang));
  c->callback([&] { exit_code = run_copy(copy, g); });
}

void add_init_command(CLI::App& app, const GlobalOptions& g, int& exit_code) {
  static InitOptions o;
  auto* c = app.add_subcommand("init", tr<Msg::cli_help_init>(g.language()));
  c->add_option("--start", o.start, tr<Msg::cli_help_init_start>(g.language()))->required();
  add_text_options(c,
                   {{"--store", &o.store, Msg::cli_help_init_store},
                    {"--rules", &o.rules, Msg::cli_help_init_rules},
                    {"--roster", &o.roster, Msg::cli_help_init_roster},
                    {"-o,--output", &o.config, Msg::cli_help_init_output}},
                   g);
  c->callback([&] { exit_code = run_init(o, g); });
}

}  // namespace arshjul::cli
