#pragma once
// Files -> processes: reads rule files and their includes, parses and compiles them.
#include <filesystem>
#include <string>
#include <vector>

#include "dsl/diagnostic.hpp"
#include "dsl/model.hpp"

namespace arshjul::dsl {

/// The processes of a set of rule files, the texts read, and every error found.
struct RuleSet {
  std::vector<Process> processes;
  /// Processes read only to resolve links (`EFTER budget.anvisningar` from one file checked
  /// alone: the rest of its folder); never checked or evaluated, their files' texts in sources.
  std::vector<Process> linked;
  Sources sources;
  std::vector<Diagnostic> diagnostics;  ///< the errors, sorted by place, without repeats
  std::vector<Diagnostic> warnings;     ///< what `check` warns of (never an error), the same
  bool ok() const { return diagnostics.empty(); }
};

/// The `*.arshjul` files of `folder`, in name order (not its sub-folders).
std::vector<std::filesystem::path> rule_files(const std::filesystem::path& folder);

/// Loads rule files. Each path is a file, or a folder whose `*.arshjul` files are loaded in
/// name order; in a folder, files without `process` are libraries and are read only where
/// they are included. Includes are resolved relative to the including file; a file included
/// twice by one process is read once. Dates are checked for the cycle starting in
/// `check_year`. Never throws for bad input: unreadable files become diagnostics.
RuleSet load_rules(const std::vector<std::filesystem::path>& paths, int check_year);

/// What loading does with a link to a process that is not among those loaded.
enum class ForeignLinks {
  folder,     ///< resolved against the other processes of the linking file's folder
  unchecked,  ///< kept as written (a stored version stands alone: the engine resolves it by id)
};

/// Loads the one rule file `path` as load_rules does, with `text` in place of the file's
/// content (its includes are read from disk): what the file would mean if saved with `text`.
RuleSet load_rules_with(const std::filesystem::path& path, std::string text, int check_year,
                        ForeignLinks links = ForeignLinks::folder);

}  // namespace arshjul::dsl
