#include "engine/csv.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "dsl/input_file.hpp"
#include "dsl/text.hpp"

namespace arshjul::engine {

const std::string* read_table_file(const std::string& path, dsl::Sources& sources,
                                   std::vector<dsl::Diagnostic>& errors) {
  std::string text;
  if (auto failed = dsl::read_input_file(path, dsl::kMaxTableFileBytes, {path, 0, 0},
                                         dsl::Msg::cannot_read, text)) {
    errors.push_back(std::move(*failed));
    return nullptr;
  }
  return add_table_text(path, std::move(text), sources);
}

// read_csv reads past a BOM and counts columns from after it; the lines shown and the
// columns reported are of the same text, as for rule files (dsl/loader.cpp).
const std::string* add_table_text(const std::string& path, std::string text,
                                  dsl::Sources& sources) {
  if (text.compare(0, 3, "\xEF\xBB\xBF") == 0) text.erase(0, 3);
  sources.add(path, std::move(text));
  return sources.text(path);
}

std::vector<CsvRow> read_csv(std::string_view text, const std::string& file,
                             std::vector<dsl::Diagnostic>& errors, bool line_breaks) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);  // Excel writes a BOM
  std::vector<CsvRow> rows;
  CsvRow row;
  unsigned line = 1, column = 1;
  std::size_t i = 0;
  auto end_row = [&] {
    bool blank = row.size() == 1 && row[0].text.empty();
    if (!blank) rows.push_back(std::move(row));
    row.clear();
  };
  while (i <= text.size()) {
    CsvField field{{}, {file, line, column}};
    const bool quoted = i < text.size() && text[i] == '"';
    if (quoted) {
      std::size_t j = i + 1;
      unsigned l = line, c = column + 1;
      for (;; ++j, ++c) {
        if (j >= text.size()) {
          errors.push_back({field.where, dsl::Msg::csv_unterminated_quote, {}, {}});
          return rows;
        }
        if (text[j] == '"' && j + 1 < text.size() && text[j + 1] == '"') {
          field.text += '"';
          ++j, ++c;
        } else if (text[j] == '"') {
          break;
        } else {
          if (text[j] == '\n') ++l, c = 0;
          field.text += text[j];
        }
      }
      line = l, column = c + 1, i = j + 1;
    }
    while (i < text.size() && text[i] != ',' && text[i] != '\n') {
      if (text[i] != '\r') field.text += text[i];
      ++i, ++column;
    }
    dsl::Location text_start = field.where;  // after the opening quote of a quoted cell
    if (quoted) ++text_start.column;
    if (auto fault = dsl::text_fault(field.text, line_breaks, text_start))
      errors.push_back(std::move(*fault));
    row.push_back(std::move(field));
    if (i >= text.size()) {
      end_row();
      break;
    }
    if (text[i] == '\n') {
      end_row();
      ++line, column = 1;
    } else {
      ++column;
    }
    ++i;
  }
  return rows;
}

bool check_shape(const std::vector<CsvRow>& rows, const std::vector<std::string>& expected,
                 const std::string& file, std::vector<dsl::Diagnostic>& errors) {
  std::string want = fmt::format("{}", fmt::join(expected, ","));
  if (rows.empty()) {
    errors.push_back({{file, 1, 1}, dsl::Msg::csv_header, {want, ""}, {}});
    return false;
  }
  std::vector<std::string> got;
  for (const auto& f : rows[0]) got.push_back(f.text);
  bool same = got.size() == expected.size();
  for (std::size_t i = 0; same && i < got.size(); ++i)
    same = dsl::fold(got[i]) == dsl::fold(expected[i]);
  if (!same) {
    errors.push_back({rows[0][0].where,
                      dsl::Msg::csv_header,
                      {want, fmt::format("{}", fmt::join(got, ","))},
                      {}});
    return false;
  }
  bool ok = true;
  for (std::size_t r = 1; r < rows.size(); ++r) {
    if (rows[r].size() == expected.size()) continue;
    errors.push_back({rows[r][0].where,
                      dsl::Msg::csv_columns,
                      {std::to_string(rows[r].size()), std::to_string(expected.size())},
                      {}});
    ok = false;
  }
  return ok;
}

}  // namespace arshjul::engine
