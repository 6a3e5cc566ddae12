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

/// Takes each step as soon as the parser has read it (when the next step begins or the file
/// ends), so a file's steps are never all held at once (dsl/compiler.hpp's Compilation).
class StepSink {
 public:
  virtual ~StepSink() = default;
  /// Said once per file, before its first step: about how many steps it has.
  virtual void expect(std::size_t steps) = 0;
  /// Takes `step` of `file` (the file as read so far) and returns true; or returns false,
  /// and then this step and the file's later ones stay in its `steps`.
  virtual bool take(const FileSyntax& file, StepSyntax& step) = 0;
};

/// Parses the text of one rule file named `path` (used in locations only).
/// Never throws for any input: every problem becomes a located diagnostic, and parsing
/// resumes on the next line so all errors are reported. With a `sink`, the steps it takes are
/// not in the result's `steps`.
ParseResult parse_rules(std::string_view text, const std::string& path, StepSink* sink = nullptr);

/// The Swedish month names, for suggestions ("agusti" -> "augusti").
const std::vector<std::string>& month_names();

}  // namespace arshjul::dsl
