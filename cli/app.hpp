#pragma once
// The `arshjul` application as CLI11 sees it, in the user's language: help texts and CLI11's
// own words through the message catalogue, its parse errors worded with a did-you-mean, and
// --version.
#include <CLI/CLI.hpp>

#include "cli/common.hpp"
#include "dsl/messages.hpp"

namespace arshjul::cli {

/// The language of the run, before CLI11 parses: `--lang X` or `--lang=X` anywhere on the
/// command line, else ARSHJUL_LANG, else `fallback` (the configuration's), else Swedish. Help
/// and parse errors need it before the option itself is read.
dsl::Lang language_of(int argc, char** argv, std::string_view fallback = "");

/// "arshjul 0.1.0 (abc1234)", or with "ingen git-revision" when not built from git.
std::string version_text(dsl::Lang lang);

/// The help flag, --version and the help formatter's labels, in `lang`. Call before the
/// subcommands are added: they inherit the help flag.
void localize(CLI::App& app, dsl::Lang lang);

/// The help's headings of the commands and of each command's help flag, in `lang`; call once
/// they are added.
void name_groups(CLI::App& app, dsl::Lang lang);

/// A CLI11 parse error worded by the catalogue, with a did-you-mean for a mistyped command or
/// flag and the hint to run --help.
std::string parse_error_text(const CLI::App& app, const CLI::ParseError& e, dsl::Lang lang);

}  // namespace arshjul::cli
