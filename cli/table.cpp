#include "cli/table.hpp"

#include <algorithm>
#include <sstream>

#include "dsl/text.hpp"

namespace arshjul::cli {
namespace {

using dsl::utf8_length;

std::vector<std::string> wrap(const std::string& text, std::size_t width) {
  if (width == 0 || utf8_length(text) <= width) return {text};
  std::istringstream words(text);  // any run of white space breaks like one space
  std::vector<std::string> split;
  for (std::string word; words >> word;) split.push_back(word);
  auto characters = [](std::string_view s) { return static_cast<double>(utf8_length(s)); };
  return dsl::wrap_words(dsl::join(split, " "), static_cast<double>(width), characters);
}

std::string pad(const std::string& s, std::size_t width) {
  return s + std::string(width - std::min(width, utf8_length(s)), ' ');
}

}  // namespace

std::string render_table(const std::vector<Column>& columns,
                         const std::vector<std::vector<std::string>>& rows) {
  std::vector<std::vector<std::vector<std::string>>> cells;  // row, column, line
  std::vector<std::size_t> width(columns.size());
  for (std::size_t c = 0; c < columns.size(); ++c) width[c] = utf8_length(columns[c].header);
  for (const auto& row : rows) {
    cells.emplace_back();
    for (std::size_t c = 0; c < columns.size(); ++c) {
      cells.back().push_back(wrap(c < row.size() ? row[c] : "", columns[c].max_width));
      for (const auto& l : cells.back().back()) width[c] = std::max(width[c], utf8_length(l));
    }
  }
  auto emit = [&](const std::vector<std::string>& line) {
    std::string out;
    for (std::size_t c = 0; c < line.size(); ++c)
      out += c + 1 == line.size() ? line[c] : pad(line[c], width[c]) + "  ";
    while (!out.empty() && out.back() == ' ') out.pop_back();
    return out + "\n";
  };
  std::vector<std::string> header, rule;
  for (std::size_t c = 0; c < columns.size(); ++c) {
    header.push_back(columns[c].header);
    rule.push_back(std::string(width[c], '-'));
  }
  std::string out = emit(header) + emit(rule);
  for (const auto& row : cells) {
    std::size_t height = 0;
    for (const auto& cell : row) height = std::max(height, cell.size());
    for (std::size_t i = 0; i < height; ++i) {
      std::vector<std::string> line;
      for (const auto& cell : row) line.push_back(i < cell.size() ? cell[i] : "");
      out += emit(line);
    }
  }
  return out;
}

}  // namespace arshjul::cli
