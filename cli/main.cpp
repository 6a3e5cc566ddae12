// arshjul: the yearly planning and follow-up cycle as rules, checked and followed.
#include <spdlog/spdlog.h>

#include <iostream>

#include "cli/common.hpp"

int main(int argc, char** argv) {
  using namespace arshjul::cli;
  CLI::App app{"arshjul: årshjulet som regler (NÄR / VEM / VAD)"};
  app.require_subcommand(1);
  GlobalOptions g;
  app.add_option("--lang", g.lang, "språk för meddelanden: sv eller en")
      ->check(CLI::IsMember({"sv", "en"}))
      ->envname("ARSHJUL_LANG");
  int exit_code = kExitOk;
  add_rules_commands(app, g, exit_code);
  add_record_commands(app, g, exit_code);
  add_status_commands(app, g, exit_code);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int rc = app.exit(e);
    return rc == 0 ? kExitOk : kExitBadInput;
  }
  return exit_code;
}
