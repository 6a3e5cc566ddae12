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
  // Logs go to stderr, so stdout stays clean for tables, JSON and DOT.
  spdlog::set_default_logger(spdlog::stderr_logger_mt("arshjul"));
  spdlog::set_pattern("%Y-%m-%d %H:%M:%S %^%l%$ %v");
  CLI::App app{"arshjul: årshjulet som regler (NÄR / VEM / VAD)"};
  app.require_subcommand(1);
  // Options after the command name that belong to arshjul itself (--lang, --config).
  app.fallthrough();
  GlobalOptions g;
  // The configuration gives the defaults of the options, so it is read before they are parsed.
  std::string config_error;
  auto config = read_config(find_config(config_flag(argc, argv)), config_error);
  if (!config) {
    std::cerr << "arshjul: " << config_error << "\n";
    return kExitBadInput;
  }
  g.config = std::move(*config);
  if (!g.config.lang.empty()) g.lang = g.config.lang;
  app.add_option("--config", g.config_file,
                 "konfigurationsfilen (standard: ARSHJUL_CONFIG, ./arshjul.toml, "
                 "/etc/arshjul/arshjul.toml)");
  app.add_option("--lang", g.lang, "språk för meddelanden: sv eller en")
      ->check(CLI::IsMember({"sv", "en"}))
      ->envname("ARSHJUL_LANG");
  int exit_code = kExitOk;
  add_rules_commands(app, g, exit_code);
  add_fmt_command(app, g, exit_code);
  add_init_command(app, g, exit_code);
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
