// Options several commands share in the same form.
#include <CLI/CLI.hpp>
#include <memory>

#include "cli/common.hpp"

namespace arshjul::cli {
namespace {

/// FILE (positional) or --rules into `given`; the callback copies it into the command's own
/// variable and refuses both. Neither: the rules of the configuration file (arshjul.toml), as
/// every other command reads them; refused when that names none either.
template <typename Target, typename Store>
void rules_argument(CLI::App* cmd, Target& target, const char* help, const GlobalOptions& g,
                    Store store) {
  auto* file = cmd->add_option("FILE", target, help);
  auto given = std::make_shared<std::string>();
  auto* option = cmd->add_option("--rules", *given, tr<Msg::cli_help_rules_option>(g.language()));
  file->excludes(option);
  cmd->parse_complete_callback([&target, given, &g, store] {
    if (!given->empty()) store(target, *given);
    if (target.empty() && !g.config.rules.empty()) store(target, g.config.rules);
    if (target.empty()) throw WordedParseError(tr<Msg::cli_rules_required>(g.language()));
  });
}

}  // namespace

void add_text_options(CLI::App* cmd, std::initializer_list<TextOption> options,
                      const GlobalOptions& g) {
  for (const auto& o : options) cmd->add_option(o.flag, *o.value, render(o.help, {}, g.language()));
}

void add_rules_argument(CLI::App* cmd, std::string& rules, const char* help,
                        const GlobalOptions& g) {
  rules_argument(cmd, rules, help, g, [](std::string& t, const std::string& v) { t = v; });
}

void add_rules_argument(CLI::App* cmd, std::vector<std::string>& rules, const char* help,
                        const GlobalOptions& g) {
  rules_argument(cmd, rules, help, g,
                 [](std::vector<std::string>& t, const std::string& v) { t.push_back(v); });
}

}  // namespace arshjul::cli
