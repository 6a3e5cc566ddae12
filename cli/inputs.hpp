#pragma once
// The inputs every engine command reads, with one convention: --rules, --roster, --store,
// --date, each with a default so the walkthrough runs with no flags.
#include <CLI/CLI.hpp>
#include <optional>
#include <string>

#include "cli/common.hpp"
#include "dsl/loader.hpp"
#include "dsl/schedule.hpp"
#include "engine/roster.hpp"

namespace arshjul::cli {

struct InputOptions {
  std::string rules;   ///< a rule file or a folder; default: ./rules, else the shipped rules
  std::string roster;  ///< default: ./examples/roster.csv, else the shipped example
  std::string store = "arshjul.db";
  std::string date;  ///< "as of", ISO 8601; default: today
  std::optional<int> year;
};

/// Adds --rules, --roster, --store and --date (and --year when `with_year`) to `cmd`.
void add_input_options(CLI::App* cmd, InputOptions& o, bool with_year);

struct Inputs {
  dsl::RuleSet rules;
  engine::Roster roster;
  dsl::Date date;
};

/// Loads rules and roster and parses the date; prints every error and returns nullopt on
/// bad input.
std::optional<Inputs> load_inputs(const InputOptions& o, const GlobalOptions& g);

/// Today's local date, and the current time (or `seconds` ago) as an ISO 8601 UTC timestamp.
dsl::Date today();
std::string now_timestamp();
std::string timestamp_seconds_ago(long seconds);

}  // namespace arshjul::cli
