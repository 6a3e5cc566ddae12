#pragma once
// A small RFC 4180 reader that keeps the place of every field, so an error in a roster or
// an import file points at the line and column like an error in a rule file. (libcsv was
// considered: it does not report positions, which are the point here.)
#include <string>
#include <string_view>
#include <vector>

#include "dsl/diagnostic.hpp"

namespace arshjul::engine {

struct CsvField {
  std::string text;
  dsl::Location where;
};
using CsvRow = std::vector<CsvField>;

/// Reads the file at `path` into `sources` and returns its text, or nullptr after adding a
/// "cannot read" error to `errors`.
const std::string* read_table_file(const std::string& path, dsl::Sources& sources,
                                   std::vector<dsl::Diagnostic>& errors);

/// Adds the text of table `path` to `sources` without a leading BOM (Excel writes one), so
/// that the lines shown and the columns read_csv reports agree; returns the stored text.
const std::string* add_table_text(const std::string& path, std::string text, dsl::Sources& sources);

/// Parses `text` (named `file` in locations): fields separated by ',', quoted with '"'
/// ("" inside quotes is a quote), rows ended by LF or CRLF. Blank lines are skipped.
/// An unterminated quote is reported in `errors` and ends the input. Every cell passes the
/// input gate (dsl::check_text): a cell that is not UTF-8 or holds a control character is
/// reported where it is, and so is a line break inside a quoted cell unless `line_breaks`.
std::vector<CsvRow> read_csv(std::string_view text, const std::string& file,
                             std::vector<dsl::Diagnostic>& errors, bool line_breaks = false);

/// Checks that row 0 names `expected` columns (compared without case and diacritics) and
/// every other row has as many fields. Reports each bad row; returns false if any.
bool check_shape(const std::vector<CsvRow>& rows, const std::vector<std::string>& expected,
                 const std::string& file, std::vector<dsl::Diagnostic>& errors);

}  // namespace arshjul::engine
