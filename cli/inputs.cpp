#include "cli/inputs.hpp"

#include <fmt/format.h>

#include <ctime>
#include <filesystem>
#include <iostream>

#include "dsl/text.hpp"
#include "engine/records.hpp"
#include "web/token.hpp"

namespace arshjul::cli {
namespace fs = std::filesystem;

void add_input_options(CLI::App* cmd, InputOptions& o, bool with_year, const GlobalOptions& g) {
  cmd->add_option("--rules", o.rules, tr<Msg::cli_help_input_rules>(g.language()));
  cmd->add_option("--roster", o.roster, tr<Msg::cli_help_input_roster>(g.language()));
  cmd->add_option("--store", o.store, tr<Msg::cli_help_input_store>(g.language()));
  cmd->add_option("--date", o.date, tr<Msg::cli_help_input_date>(g.language()));
  if (with_year)  // a bound chrono::year holds; the cycle years themselves are checked where used
    cmd->add_option("--year", o.year, tr<Msg::cli_help_input_year>(g.language()))
        ->check(CLI::Range(1, 9999));
}

CLI::App* add_document_command(CLI::App& app, const char* name, const std::string& help,
                               DocumentOptions& o, const GlobalOptions& g,
                               std::function<void()> run) {
  auto* c = app.add_subcommand(name, help);
  c->callback(std::move(run));
  add_input_options(c, o.in, true, g);
  c->add_option("--format", o.format, tr<Msg::cli_help_format_documents>(g.language()))
      ->check(CLI::IsMember({"text", "markdown", "html", "json"}));
  c->add_option("-o,--output", o.out, tr<Msg::cli_help_output_document>(g.language()));
  return c;
}

dsl::Date today() {
  std::time_t t = std::time(nullptr);
  std::tm local{};
  localtime_r(&t, &local);
  return std::chrono::year(local.tm_year + 1900) / std::chrono::month(local.tm_mon + 1) /
         std::chrono::day(local.tm_mday);
}

std::string now_timestamp() {
  return timestamp_seconds_ago(0);
}

std::string timestamp_seconds_ago(long seconds) {
  std::time_t t = std::time(nullptr) - static_cast<std::time_t>(seconds);
  std::tm utc{};
  gmtime_r(&t, &utc);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return buf;
}

std::optional<std::string> setting(const std::string& flag, const std::string& setting,
                                   const char* option, const GlobalOptions& g) {
  if (!flag.empty()) return flag;
  if (!setting.empty()) return setting;
  const std::string name = std::string(option).substr(2);
  std::cerr << "arshjul: "
            << (g.config.path.empty()
                    ? dsl::say<dsl::Msg::config_give_option_no_file>(g.language(), option)
                    : dsl::say<dsl::Msg::config_give_option_missing>(g.language(), option,
                                                                     g.config.path, name))
            << "\n";
  return std::nullopt;
}

std::optional<std::string> key_file(const std::string& flag, const std::string& store,
                                    const GlobalOptions& g) {
  if (!flag.empty()) return flag;
  if (!g.config.key_file.empty()) return g.config.key_file;
  if (!engine::is_postgres_address(store)) return web::secret_path(store);
  std::cerr << "arshjul: "
            << dsl::say<dsl::Msg::key_file_for_postgres>(g.language(), engine::shown_address(store))
            << "\n";
  return std::nullopt;
}

bool plausible_year(std::optional<int> year, const GlobalOptions& g) {
  const int now = static_cast<int>(today().year());
  if (!year || (*year >= 2000 && *year <= now + 10)) return true;
  std::cerr << "arshjul: " << dsl::say<dsl::Msg::year_out_of_range>(g.language(), *year, now + 10)
            << "\n";
  return false;
}

bool refuse_unknown(dsl::Msg msg, const std::string& word,
                    const std::vector<std::string>& candidates, const GlobalOptions& g) {
  auto hint = dsl::closest(word, candidates);
  std::cerr << "arshjul: " << dsl::render(msg, {word}, g.language())
            << (hint ? dsl::render(dsl::Msg::did_you_mean, {*hint}, g.language()) : "") << "\n";
  return false;
}

bool known_role(const std::string& role, const std::vector<dsl::Process>& ps,
                const GlobalOptions& g) {
  if (role.empty()) return true;
  std::vector<std::string> names;
  for (const auto& p : ps) {
    if (p.find_role(role)) return true;
    for (const auto& r : p.roles) {
      names.push_back(r.name);
      names.insert(names.end(), r.aliases.begin(), r.aliases.end());
    }
  }
  return refuse_unknown(dsl::Msg::unknown_role, role, names, g);
}

bool known_unit(const std::string& unit, const engine::Roster& roster, const GlobalOptions& g) {
  if (unit.empty() || roster.find_unit(unit) || roster.find_area(unit))
    return true;  // a unit, or an område (its own tasks: `status --unit Nord`)
  return refuse_unknown(dsl::Msg::record_unknown_unit, unit, roster.units, g);
}

engine::Store open_existing_store(const std::string& path) {
  return engine::Store(path, engine::Store::read_only);
}

std::optional<Inputs> load_inputs(const InputOptions& o, const GlobalOptions& g, NeedsStore needs) {
  Inputs in;
  auto rules = setting(o.rules, g.config.rules, "--rules", g);
  if (!rules) return std::nullopt;
  auto roster = setting(o.roster, g.config.roster, "--roster", g);
  if (!roster) return std::nullopt;
  if (needs == NeedsStore::yes) {
    auto store = setting(o.store, g.config.store, "--store", g);
    if (!store) return std::nullopt;
    in.store = *store;
  } else {
    in.store = o.store.empty() ? g.config.store : o.store;
  }
  if (o.date.empty()) {
    in.date = today();
  } else if (auto d = engine::parse_date(o.date)) {
    in.date = *d;
  } else {
    std::cerr << "arshjul: " << dsl::render(dsl::Msg::record_bad_date, {o.date}, g.language())
              << "\n";
    return std::nullopt;
  }
  if (!plausible_year(o.year, g)) return std::nullopt;
  int year = o.year.value_or(static_cast<int>(in.date.year()));
  in.rules = dsl::load_rules({*rules}, year);
  if (!report(in.rules, g)) return std::nullopt;
  std::vector<dsl::Diagnostic> errors;
  in.roster = engine::load_roster(*roster, in.rules.processes, in.rules.sources, errors);
  for (const auto& d : errors) std::cerr << dsl::format(d, in.rules.sources, g.language());
  if (!errors.empty()) {
    std::cerr << say<Msg::n_errors>(g.language(), errors.size());
    return std::nullopt;
  }
  return in;
}

}  // namespace arshjul::cli
