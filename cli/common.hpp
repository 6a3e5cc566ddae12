#pragma once
// What every command shares: global options, exit codes, and printing diagnostics.
#include <CLI/CLI.hpp>
#include <iosfwd>
#include <string>
#include <vector>

#include "dsl/loader.hpp"
#include "dsl/messages.hpp"
#include "dsl/schedule.hpp"

namespace arshjul::engine {
struct AuditReport;
struct PlanFollowUp;
}  // namespace arshjul::engine

namespace arshjul::cli {

/// Exit codes: the same meaning for every command.
inline constexpr int kExitOk = 0;
inline constexpr int kExitFindings = 1;    ///< the command worked and found something to act on
inline constexpr int kExitBadInput = 2;    ///< rule files, roster, arguments or records were wrong
inline constexpr int kExitStoreError = 3;  ///< the store or the delivery failed

struct GlobalOptions {
  std::string lang = "sv";
  dsl::Lang language() const { return lang == "en" ? dsl::Lang::en : dsl::Lang::sv; }
};

/// The calendar year of today's date, read from the clock (only the command line does that).
int current_year();

/// A deadline as text; a moved one says from what and why: "2026-05-29 (flyttad från
/// 2026-05-31: söndag)".
std::string deadline_text(const dsl::Window& w, dsl::Lang lang);

/// The roles of a step's VEM as text, "(vid behov)" marked.
std::string roles_text(const dsl::Process& p, const dsl::Step& s, dsl::Lang lang);
/// A step's VAD, with its OM condition in front and its TYP after.
std::string task_text(const dsl::Process& p, const dsl::Step& s, dsl::Lang lang);
/// Text for HTML: & < > " ' escaped.
std::string escape_html(const std::string& s);
/// The audit of one cycle as one self-contained HTML page (what `audit --format html` prints),
/// with the plan's activities and measures of that cycle.
void write_audit_html(std::ostream& os, const engine::AuditReport& report,
                      const std::vector<engine::PlanFollowUp>& plans,
                      const std::vector<dsl::Process>& processes, dsl::Lang lang);

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
/// Registers diff.
void add_diff_command(CLI::App& app, const GlobalOptions& g, int& exit_code);

}  // namespace arshjul::cli
