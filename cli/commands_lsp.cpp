// `arshjul lsp`: the language server on standard input and output, for an editor to start.
#include <iostream>

#include "cli/common.hpp"
#include "lsp/server.hpp"

namespace arshjul::cli {

void add_lsp_command(CLI::App& app, const GlobalOptions& g, int& exit_code) {
  static std::optional<int> year;
  static std::string roster;
  auto* cmd = app.add_subcommand("lsp", tr<Msg::cli_help_lsp>(g.language()));
  cmd->add_option("--year", year, tr<Msg::cli_help_lsp_year>(g.language()));
  cmd->add_option("--roster", roster, tr<Msg::cli_help_lsp_roster>(g.language()));
  cmd->callback([&g, &exit_code] {
    std::ios::sync_with_stdio(false);
    lsp::ServerOptions o{year.value_or(current_year()), {roster}, g.language()};
    exit_code = lsp::run(std::cin, std::cout, o);
  });
}

}  // namespace arshjul::cli
