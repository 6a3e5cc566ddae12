#pragma once
// Syntax -> validated model: names resolved, every semantic error of the rules reported.
#include <optional>
#include <vector>

#include "dsl/diagnostic.hpp"
#include "dsl/model.hpp"
#include "dsl/syntax.hpp"

namespace arshjul::dsl {

/// Merges a root file and the files it includes (root first) into one process and
/// validates it: names, types, conditions, dependency cycles, and for the cycle starting in
/// `check_year` the dates (29 februari, vecka 53) and the order of dependent steps.
/// Errors are appended to `errors`. Returns no process for a file without `process`
/// (a library of roles meant to be included). The steps of `files` are moved into the process
/// (a file of 100,000 steps is not held twice): their `steps` are empty afterwards.
std::optional<Process> compile(const std::vector<FileSyntax*>& files, int check_year,
                               std::vector<Diagnostic>& errors);

}  // namespace arshjul::dsl
