#include "present/document.hpp"

#include "present/html.hpp"
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

constexpr const char* kDocumentStyle =
    "body{font-family:system-ui,sans-serif;max-width:70rem;margin:1rem auto;padding:0 "
    "1rem;color:#222}"
    "table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem;table-layout:fixed}"
    "th:first-child{width:45%}"
    "th,td{border:1px solid #ccc;padding:.3rem .5rem;text-align:left;vertical-align:top}"
    "th{background:#f3f3f3}tr.warn td{background:#fde8e8}tr.ok td{background:#eaf6ea}"
    "tr.wait td{color:#666}";

void table_html(Html& h, const Block& b) {
  h.raw("<table><thead><tr>");
  for (const auto& th : b.header) h.format("<th>{}</th>", th);
  h.raw("</tr></thead><tbody>\n");
  for (std::size_t i = 0; i < b.rows.size(); ++i) {
    const std::string cls = i < b.row_classes.size() ? b.row_classes[i] : "";
    if (cls.empty())
      h.raw("<tr>");
    else
      h.format("<tr class=\"{}\">", cls);
    for (const auto& c : b.rows[i]) h.format("<td>{}</td>", c);
    h.raw("</tr>\n");
  }
  h.raw("</tbody></table>\n");
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
  h.begin_page(doc.lang, doc.title, kDocumentStyle).format("<h1>{}</h1>\n", doc.title);
  for (const auto& b : doc.blocks) {
    switch (b.kind) {
      case Block::Kind::heading: {
        int level = b.level + 1 > 6 ? 6 : b.level + 1;
        h.format("<h{}>{}</h{}>\n", level, b.text, level);
        break;
      }
      case Block::Kind::paragraph:
        h.format("<p>{}</p>\n", b.text);
        break;
      case Block::Kind::table:
        table_html(h, b);
        break;
    }
  }
  h.raw("</body></html>\n");
  os << h.take();
}

}  // namespace arshjul::present
