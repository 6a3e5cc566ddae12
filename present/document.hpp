#pragma once
// A report as blocks (headings, paragraphs, tables), written once and rendered as plain
// text, Markdown or a self-contained HTML page.
#include <ostream>
#include <string>
#include <vector>

namespace arshjul::present {

struct Block {
  enum class Kind { heading, paragraph, table } kind = Kind::paragraph;
  int level = 1;                               ///< heading level, 1-4
  std::string text;                            ///< heading or paragraph text
  std::vector<std::string> header;             ///< table columns
  std::vector<std::vector<std::string>> rows;  ///< table cells
  std::vector<std::string> row_classes;        ///< per row, for HTML styling ("" for none)
};

struct Document {
  std::string title;
  std::string lang = "sv";
  std::vector<Block> blocks;

  void heading(int level, std::string text) {
    blocks.push_back({Block::Kind::heading, level, std::move(text), {}, {}, {}});
  }
  void paragraph(std::string text) {
    blocks.push_back({Block::Kind::paragraph, 1, std::move(text), {}, {}, {}});
  }
  Block& table(std::vector<std::string> header) {
    blocks.push_back({Block::Kind::table, 1, {}, std::move(header), {}, {}});
    return blocks.back();
  }
};

void render_text(std::ostream& os, const Document& doc);
void render_markdown(std::ostream& os, const Document& doc);
void render_html(std::ostream& os, const Document& doc);

}  // namespace arshjul::present
