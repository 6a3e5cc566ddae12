#include "present/document.hpp"

#include "present/html.hpp"
#include "present/page.hpp"
#include "present/table.hpp"

namespace arshjul::present {
namespace {

// A Markdown table cell: one line, '|' escaped.
std::string md_cell(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '|')
      out += "\\|";
    else if (c == '\n')
      out += ' ';
    else
      out += c;
  }
  return out;
}

void table_html(Html& h, const Block& b) {
  h.raw("<div class=\"tbl\"><table class=\"stack\"><thead><tr>");
  for (const auto& th : b.header) h.format("<th scope=\"col\">{}</th>", th);
  h.raw("</tr></thead><tbody>\n");
  for (std::size_t i = 0; i < b.rows.size(); ++i) {
    const std::string cls = i < b.row_classes.size() ? b.row_classes[i] : "";
    if (cls.empty())
      h.raw("<tr>");
    else
      h.format("<tr class=\"{}\">", cls);
    for (std::size_t c = 0; c < b.rows[i].size(); ++c)
      cell(h, c < b.header.size() ? b.header[c] : std::string(), dated(b.rows[i][c]));
    h.raw("</tr>\n");
  }
  end_table(h);
}

}  // namespace

void render_text(std::ostream& os, const Document& doc) {
  os << doc.title << "\n"
     << std::string(doc.title.size() > 80 ? 80 : doc.title.size(), '=') << "\n";
  for (const auto& b : doc.blocks) {
    switch (b.kind) {
      case Block::Kind::heading:
        os << "\n"
           << std::string(static_cast<std::size_t>(2 * (b.level - 1)), ' ') << b.text << "\n";
        break;
      case Block::Kind::paragraph:
        os << b.text << "\n";
        break;
      case Block::Kind::table: {
        std::vector<Column> cols;
        for (const auto& h : b.header) cols.push_back({h, 48});
        os << render_table(cols, b.rows);
        break;
      }
    }
  }
}

void render_markdown(std::ostream& os, const Document& doc) {
  os << "# " << doc.title << "\n\n";
  for (const auto& b : doc.blocks) {
    switch (b.kind) {
      case Block::Kind::heading:
        os << std::string(static_cast<std::size_t>(b.level + 1), '#') << " " << b.text << "\n\n";
        break;
      case Block::Kind::paragraph:
        os << b.text << "\n\n";
        break;
      case Block::Kind::table:
        os << "|";
        for (const auto& h : b.header) os << " " << md_cell(h) << " |";
        os << "\n|";
        for (std::size_t i = 0; i < b.header.size(); ++i) os << "---|";
        os << "\n";
        for (const auto& r : b.rows) {
          os << "|";
          for (const auto& c : r) os << " " << md_cell(c) << " |";
          os << "\n";
        }
        os << "\n";
        break;
    }
  }
}

void render_html(std::ostream& os, const Document& doc) {
  Html h;
  begin_document(h, doc.lang, doc.title, doc.title);
  for (const auto& b : doc.blocks) {
    switch (b.kind) {
      case Block::Kind::heading: {
        int level = b.level + 1 > 6 ? 6 : b.level + 1;
        h.format("<h{}>{}</h{}>\n", level, b.text, level);
        break;
      }
      case Block::Kind::paragraph:
        h.format("<p>{}</p>\n", dated(b.text));
        break;
      case Block::Kind::table:
        table_html(h, b);
        break;
    }
  }
  end_document(h);
  os << h.take();
}

}  // namespace arshjul::present
