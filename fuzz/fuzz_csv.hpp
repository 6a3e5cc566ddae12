#pragma once
// What the CSV targets check of read_csv's rows: every field's location is where the field
// is in the input, so that an error about a cell points at that cell. At its line and column
// (bytes, 1-based) the input has the field's opening quote or its first byte (after any
// carriage returns, which read_csv drops from unquoted fields); an empty field's column is
// on its line or just after its end.
#include <string>
#include <string_view>
#include <vector>

#include "engine/csv.hpp"
#include "fuzz/fuzz_common.hpp"

namespace arshjul::fuzz {

inline void check_fields(const std::vector<engine::CsvRow>& rows, const dsl::Sources& sources,
                         const std::string& path) {
  for (const auto& row : rows) {
    for (const auto& f : row) {
      std::string_view line = sources.line(path, f.where.line);
      std::size_t at = f.where.column - 1;
      if (f.where.file != path || f.where.line == 0 || f.where.column == 0 || at > line.size())
        fail("a field of " + f.where.file.str() + " at " + std::to_string(f.where.line) + ":" +
             std::to_string(f.where.column) + " is outside the input");
      if (f.text.empty()) continue;
      // read_csv drops a carriage return from an unquoted field (CRLF line ends), also one
      // before its first byte.
      while (at < line.size() && line[at] == '\r' && f.text[0] != '\r') ++at;
      if (at == line.size() || (line[at] != '"' && line[at] != f.text[0]))
        fail("the field '" + f.text + "' is located at " + std::to_string(f.where.line) + ":" +
             std::to_string(f.where.column) + ", where the line has '" +
             std::string(line.substr(at, 8)) + "'");
    }
  }
}

}  // namespace arshjul::fuzz
