#pragma once
// The inputs every engine command reads, with one convention: --rules, --roster, --store,
// --date, each a flag or a setting of the configuration file (cli/config.hpp); nothing is
// taken from anywhere else.
#include <CLI/CLI.hpp>
#include <functional>
#include <optional>
#include <string>

#include "cli/common.hpp"
#include "dsl/loader.hpp"
#include "dsl/schedule.hpp"
#include "engine/roster.hpp"
#include "engine/store.hpp"

namespace arshjul::cli {

struct InputOptions {
  std::string rules;   ///< a rule file or a folder; default: the configuration's
  std::string roster;  ///< default: the configuration's
  std::string store;   ///< default: the configuration's
  std::string date;    ///< "as of", ISO 8601; default: today
  std::optional<int> year;
};

/// Adds --rules, --roster, --store and --date (and --year when `with_year`) to `cmd`.
void add_input_options(CLI::App* cmd, InputOptions& o, bool with_year, const GlobalOptions& g);

/// The options of a command that writes a document of the record (audit, followup): its
/// inputs, --format text|markdown|html|json and -o.
struct DocumentOptions {
  InputOptions in;
  std::string format = "text";
  std::string out;
};

/// Adds the command `name` with the options above (the year too), running `run`; returns it
/// for the command's own options.
CLI::App* add_document_command(CLI::App& app, const char* name, const std::string& help,
                               DocumentOptions& o, const GlobalOptions& g,
                               std::function<void()> run);

/// What a command needs besides rules and roster.
enum class NeedsStore { no, yes };

struct Inputs {
  dsl::RuleSet rules;
  engine::Roster roster;
  dsl::Date date;
  std::string store;  ///< --store, else the configuration's; empty only with NeedsStore::no
};

/// Loads rules and roster and parses the date and the year; prints every error and returns
/// nullopt on bad input (also when rules, roster or a needed store are given nowhere).
std::optional<Inputs> load_inputs(const InputOptions& o, const GlobalOptions& g,
                                  NeedsStore needs = NeedsStore::yes);

/// `flag`, else the configuration's `setting`; when both are empty prints that `what` is
/// missing (how to give it) and returns nullopt.
std::optional<std::string> setting(const std::string& flag, const std::string& setting,
                                   const char* option, const GlobalOptions& g);

/// The sign-in links' key file (web/token.hpp): `flag`, else the configuration's key_file,
/// else the file beside an SQLite store (web::secret_path). A PostgreSQL store has no folder:
/// the servers and the nightly job sharing it must be given the one file (printed, nullopt).
std::optional<std::string> key_file(const std::string& flag, const std::string& store,
                                    const GlobalOptions& g);

/// A year given on the command line outside 2000 .. ten years from now is refused (printed).
bool plausible_year(std::optional<int> year, const GlobalOptions& g);

/// Prints "unknown X" (`msg`) for `word`, with the closest of `candidates` as a suggestion;
/// returns false.
bool refuse_unknown(dsl::Msg msg, const std::string& word,
                    const std::vector<std::string>& candidates, const GlobalOptions& g);

/// The role (or alias) of some process, or the unit of the roster: else prints "unknown" with
/// the closest name as a suggestion and returns false. An empty name is fine.
bool known_role(const std::string& role, const std::vector<dsl::Process>& ps,
                const GlobalOptions& g);
bool known_unit(const std::string& unit, const engine::Roster& roster, const GlobalOptions& g);

/// Opens an existing store for a command that reads it: nothing is created, migrated or
/// written (engine::Store::read_only); a missing file is a StoreError that names the path and
/// how to create one, an older schema one that names `arshjul store migrate`.
engine::Store open_existing_store(const std::string& path);

/// Today's local date, and the current time (or `seconds` ago) as an ISO 8601 UTC timestamp.
dsl::Date today();
std::string now_timestamp();
std::string timestamp_seconds_ago(long seconds);

}  // namespace arshjul::cli
