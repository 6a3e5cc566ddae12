// arshjul: the yearly planning and follow-up cycle as rules, checked and followed.
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <csignal>
#include <iostream>

#include "cli/app.hpp"
#include "cli/common.hpp"
#include "engine/faults.hpp"

// An exception no command catches ends the run through std::terminate, with its message and
// a core to look at, rather than as one of the documented exit codes.
int main(int argc, char** argv) {  // NOLINT(bugprone-exception-escape)
  using namespace arshjul::cli;
  arshjul::engine::faults::start();  // the test build's I/O faults; nothing in the shipped one
  // A delivery command that exits without reading its input must fail that delivery
  // (exit 3), not kill the run: write errors are reported instead of SIGPIPE.
  std::signal(SIGPIPE, SIG_IGN);
  // Past a file size limit (ulimit -f) a write fails with EFBIG and becomes exit 3 with the
  // store's or the delivery's message, instead of the process dying of SIGXFSZ.
  std::signal(SIGXFSZ, SIG_IGN);
  // Logs go to stderr, so stdout stays clean for tables, JSON and DOT.
  spdlog::set_default_logger(spdlog::stderr_logger_mt("arshjul"));
  spdlog::set_pattern("%Y-%m-%d %H:%M:%S %^%l%$ %v");
  GlobalOptions g;
  // The configuration gives the defaults of the options, so it is read before they are parsed;
  // its errors are in the language of --lang or ARSHJUL_LANG, else Swedish.
  std::string config_error;
  auto config =
      read_config(find_config(config_flag(argc, argv)), config_error, language_of(argc, argv));
  if (!config) {
    std::cerr << "arshjul: " << config_error << "\n";
    return kExitBadInput;
  }
  g.config = std::move(*config);
  // Help, CLI11's words and the commands' option texts are in the language of the run, known
  // before parsing: --lang or ARSHJUL_LANG, else the configuration's (--lang is read again by
  // CLI11 below, to the same value).
  const auto lang = language_of(argc, argv, g.config.lang);
  g.lang = tr<Msg::lang_code>(lang);
  CLI::App app{tr<Msg::cli_app_description>(lang)};
  localize(app, lang);
  app.require_subcommand(1);
  // Options after the command name that belong to arshjul itself (--lang, --config).
  app.fallthrough();
  app.add_option("--config", g.config_file, tr<Msg::cli_help_config>(lang));
  app.add_option("--lang", g.lang, tr<Msg::cli_help_lang>(lang))
      ->check(CLI::IsMember({"sv", "en"}))
      ->envname("ARSHJUL_LANG");
  int exit_code = kExitOk;
  for (RegisterCommands* add :
       {add_rules_commands, add_fmt_command, add_init_command, add_store_command, add_diff_command,
        add_lsp_command, add_record_commands, add_status_commands, add_remind_command,
        add_audit_command, add_followup_command, add_adopt_command, add_picture_commands,
        add_web_commands})
    add(app, g, exit_code);
  name_groups(app, lang);
  try {
    app.parse(argc, argv);
  } catch (const CLI::Success& e) {  // --help, --version
    return app.exit(e) == 0 ? kExitOk : kExitBadInput;
  } catch (const CLI::ParseError& e) {
    std::cerr << parse_error_text(app, e, lang);
    return kExitBadInput;
  }
  return exit_code;
}
