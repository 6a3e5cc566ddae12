#pragma once
// The rules in force per cycle on the command line (engine/versions.hpp): `arshjul adopt`,
// `check --store`, the line status and remind print when the files differ, and the changes of
// rules as `arshjul diff` words them.
#include <ostream>
#include <string>
#include <vector>

#include "cli/common.hpp"
#include "dsl/compare.hpp"
#include "engine/versions.hpp"

namespace arshjul::cli {

/// "note: the rule files differ from the rules in force for p 2025, ..." (one line with its
/// newline), or "" when every cycle evaluated is by the files.
std::string files_differ_line(const engine::RulesInForce& rules, dsl::Lang lang);

/// `check --store PATH`: each recorded cycle whose rules differ from `files`, with the
/// difference as `arshjul diff` says it. Exit 0 when none differs, 1 when some does, 3 when the
/// store cannot be read (printed).
int check_store(const std::string& path, const std::vector<dsl::Process>& files,
                const GlobalOptions& g);

/// The changes as `arshjul diff` prints them: per process its lines, then how many
/// (cli/commands_diff.cpp).
void print_changes(std::ostream& out, const std::vector<dsl::Change>& changes, int year,
                   dsl::Lang lang);

}  // namespace arshjul::cli
