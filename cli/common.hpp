#pragma once
// What every command shares: global options, exit codes, and printing diagnostics.
#include <CLI/CLI.hpp>
#include <initializer_list>
#include <string>
#include <vector>

#include "cli/config.hpp"
#include "dsl/loader.hpp"
#include "dsl/messages.hpp"
#include "dsl/schedule.hpp"
#include "present/texts.hpp"

namespace arshjul::cli {

// Every text is the catalogue's (dsl/messages.hpp).
using dsl::Msg;
using dsl::say;
using dsl::tr;

/// Exit codes: the same meaning for every command.
inline constexpr int kExitOk = 0;
inline constexpr int kExitFindings = 1;    ///< the command worked and found something to act on
inline constexpr int kExitBadInput = 2;    ///< rule files, roster, arguments or records were wrong
inline constexpr int kExitStoreError = 3;  ///< the store or the delivery failed

struct GlobalOptions {
  std::string lang = "sv";  ///< --lang, else ARSHJUL_LANG, else the configuration's, else sv
  std::string config_file;  ///< --config (read before parsing: see config_flag)
  Config config;            ///< the configuration file's settings (empty without one)
  dsl::Lang language() const { return lang == "en" ? dsl::Lang::en : dsl::Lang::sv; }
};

/// A parse error whose text is already worded in the run's language (a command's own check
/// of its arguments); main prints it like CLI11's own errors, exit 2.
class WordedParseError : public CLI::ParseError {
 public:
  explicit WordedParseError(std::string text)
      : CLI::ParseError("WordedParseError", std::move(text), kExitBadInput) {}
};

/// The rules of a command that names them first (check, show, graph, wheel, report,
/// calendar): as the positional FILE, or as --rules like every other command; one of the two
/// is required. `help` describes FILE.
void add_rules_argument(CLI::App* cmd, std::string& rules, const char* help,
                        const GlobalOptions& g);
/// The same for `check`, whose FILE is one or more files or folders.
void add_rules_argument(CLI::App* cmd, std::vector<std::string>& rules, const char* help,
                        const GlobalOptions& g);

/// A text option of a command: its flag, where its value goes and its help in the catalogue.
struct TextOption {
  const char* flag;
  std::string* value;
  dsl::Msg help;
};
/// Adds each of `options` to `cmd`, its help in the run's language.
void add_text_options(CLI::App* cmd, std::initializer_list<TextOption> options,
                      const GlobalOptions& g);

/// The calendar year of today's date, read from the clock (only the command line does that).
int current_year();

/// The words of tasks and deadlines are present/'s (status prints deadlines).
using present::deadline_text;

/// Writes `text` to the file `out`, or to standard output when `out` is empty or "-"; the exit
/// code (kExitBadInput when the file cannot be written, with a message).
int write_output(const std::string& text, const std::string& out, dsl::Lang language);

/// Prints every diagnostic of `rules` to stderr; true when there were none.
bool report(const dsl::RuleSet& rules, const GlobalOptions& g);

/// What registers a group of commands with the application: each sets `exit_code` when its
/// command runs. One per commands_*.cpp, in the order of the help:
///   rules: check, show, graph       fmt, init, store migrate, diff, lsp
///   records: done, progress, measure, import
///   status: status, next            remind, audit, followup
///   versions: adopt
///   pictures: wheel, calendar, report
///   web: serve, token
using RegisterCommands = void(CLI::App& app, const GlobalOptions& g, int& exit_code);
RegisterCommands add_rules_commands, add_fmt_command, add_init_command, add_store_command,
    add_diff_command, add_lsp_command, add_record_commands, add_status_commands, add_remind_command,
    add_audit_command, add_followup_command, add_adopt_command, add_picture_commands,
    add_web_commands;

}  // namespace arshjul::cli
