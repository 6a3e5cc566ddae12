#pragma once
// Text -> syntax tree. Reports every syntax error of a file in one run.
#include <string>
#include <string_view>
#include <vector>

#include "dsl/diagnostic.hpp"
#include "dsl/syntax.hpp"

namespace arshjul::dsl {

/// The syntax of one file and the errors found while reading it.
struct ParseResult {
  FileSyntax file;
  std::vector<Diagnostic> diagnostics;
};

/// Parses the text of one rule file named `path` (used in locations only).
/// Never throws for any input: every problem becomes a located diagnostic, and parsing
/// resumes on the next line so all errors are reported.
ParseResult parse_rules(std::string_view text, const std::string& path);

/// The Swedish month names, for suggestions ("agusti" -> "augusti").
const std::vector<std::string>& month_names();

}  // namespace arshjul::dsl
