#pragma once
// What every command shares: global options, exit codes, and printing diagnostics.
#include <CLI/CLI.hpp>
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

/// The calendar year of today's date, read from the clock (only the command line does that).
int current_year();

/// The words of tasks and deadlines are present/'s (status prints deadlines).
using present::deadline_text;

/// Writes `text` to the file `out`, or to standard output when `out` is empty or "-"; the exit
/// code (kExitBadInput when the file cannot be written, with a message).
int write_output(const std::string& text, const std::string& out);

/// Prints every diagnostic of `rules` to stderr; true when there were none.
bool report(const dsl::RuleSet& rules, const GlobalOptions& g);

/// Registers check, show and graph.
void add_rules_commands(CLI::App& app, const GlobalOptions& g, int& exit_code);
/// Registers done, progress, measure and import.
void add_record_commands(CLI::App& app, const GlobalOptions& g, int& exit_code);
/// Registers wheel and calendar.
void add_picture_commands(CLI::App& app, const GlobalOptions& g, int& exit_code);
/// Registers audit.
void add_audit_command(CLI::App& app, const GlobalOptions& g, int& exit_code);
/// Registers remind.
void add_remind_command(CLI::App& app, const GlobalOptions& g, int& exit_code);
/// Registers followup.
void add_followup_command(CLI::App& app, const GlobalOptions& g, int& exit_code);
/// Registers status and next.
void add_status_commands(CLI::App& app, const GlobalOptions& g, int& exit_code);
/// Registers serve and token (the web view).
void add_web_commands(CLI::App& app, const GlobalOptions& g, int& exit_code);
/// Registers fmt.
void add_fmt_command(CLI::App& app, const GlobalOptions& g, int& exit_code);
/// Registers init.
void add_init_command(CLI::App& app, const GlobalOptions& g, int& exit_code);
/// Registers diff.
void add_diff_command(CLI::App& app, const GlobalOptions& g, int& exit_code);

/// Registers lsp, the language server.
void add_lsp_command(CLI::App& app, const GlobalOptions& g, int& exit_code);

}  // namespace arshjul::cli
