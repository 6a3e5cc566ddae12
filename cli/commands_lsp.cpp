// `arshjul lsp`: the language server on standard input and output, for an editor to start.
#include <iostream>

#include "cli/common.hpp"
#include "lsp/server.hpp"

namespace arshjul::cli {

void add_lsp_command(CLI::App& app, const GlobalOptions& g, int& exit_code) {
  static std::optional<int> year;
  static std::string roster;
  auto* cmd = app.add_subcommand(
      "lsp",
      "språkserver för regelfiler (LSP över stdin/stdout): fel medan man skriver, datum, "
      "roller, komplettering, formatering");
  cmd->add_option("--year", year, "året vars datum kontrolleras och visas (standard: i år)");
  cmd->add_option("--roster", roster, "enhetslistan (CSV) som visar vem som har en roll");
  cmd->callback([&g, &exit_code] {
    std::ios::sync_with_stdio(false);
    lsp::ServerOptions o{year.value_or(current_year()), {roster}, g.language()};
    exit_code = lsp::run(std::cin, std::cout, o);
  });
}

}  // namespace arshjul::cli
