// arshjul: the yearly planning and follow-up cycle as rules, checked and followed.
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <csignal>
#include <iostream>

#include "cli/common.hpp"

// An exception no command catches ends the run through std::terminate, with its message and
// a core to look at, rather than as one of the documented exit codes.
int main(int argc, char** argv) {  // NOLINT(bugprone-exception-escape)
  using namespace arshjul::cli;
  // A delivery command that exits without reading its input must fail that delivery
  // (exit 3), not kill the run: write errors are reported instead of SIGPIPE.
  std::signal(SIGPIPE, SIG_IGN);
  // Past a file size limit (ulimit -f) a write fails with EFBIG and becomes exit 3 with the
  // store's or the delivery's message, instead of the process dying of SIGXFSZ.
  std::signal(SIGXFSZ, SIG_IGN);
  // Logs go to stderr, so stdout stays clean for tables, JSON and DOT.
  spdlog::set_default_logger(spdlog::stderr_logger_mt("arshjul"));
  spdlog::set_pattern("%Y-%m-%d %H:%M:%S %^%l%$ %v");
  CLI::App app{"arshjul: årshjulet som regler (NÄR / VEM / VAD)"};
  app.require_subcommand(1);
  GlobalOptions g;
  app.add_option("--lang", g.lang, "språk för meddelanden: sv eller en")
      ->check(CLI::IsMember({"sv", "en"}))
      ->envname("ARSHJUL_LANG");
  int exit_code = kExitOk;
  add_rules_commands(app, g, exit_code);
  add_fmt_command(app, g, exit_code);
  add_diff_command(app, g, exit_code);
  add_lsp_command(app, g, exit_code);
  add_record_commands(app, g, exit_code);
  add_status_commands(app, g, exit_code);
  add_remind_command(app, g, exit_code);
  add_audit_command(app, g, exit_code);
  add_followup_command(app, g, exit_code);
  add_picture_commands(app, g, exit_code);
  add_web_commands(app, g, exit_code);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int rc = app.exit(e);
    return rc == 0 ? kExitOk : kExitBadInput;
  }
  return exit_code;
}
