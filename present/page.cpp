#include "present/page.hpp"

#include <fmt/format.h>

#include <cctype>

namespace arshjul::present {
namespace {

// One style sheet for every document. Reflow (WCAG 1.4.10): nothing has a fixed width, long
// words wrap, a table scrolls inside its own box and a "stack" table becomes one block per
// row under 40rem, each cell led by its column's name. Print: A4 portrait, the same layout
// at full width, nothing scrolls, rows not split across pages. Contrast: text #222 on white,
// the row colours light enough for #222 (at least 12:1); the focus ring dark blue on white
// (10.0:1, WCAG 1.4.11 asks 3:1), as in the web view.
constexpr std::string_view kDocumentCss =
    "*{box-sizing:border-box}"
    "body{font-family:system-ui,sans-serif;margin:0;color:#222;background:#fff;line-height:1.4;"
    "overflow-wrap:break-word}"
    "main{max-width:72rem;margin:0 auto;padding:1rem}"
    "h1{font-size:1.6rem;margin:.5rem 0}h2{font-size:1.3rem;margin:1.5rem 0 .5rem}"
    "h3{font-size:1.1rem;margin:1rem 0 .4rem}"
    "table{border-collapse:collapse;width:100%;margin:.3rem 0 1rem}"
    "th,td{border:1px solid #bbb;padding:.3rem .5rem;text-align:left;vertical-align:top;"
    "overflow-wrap:break-word}"
    "thead th{background:#eee}th[scope=row]{font-weight:normal}"
    ".n{text-align:right;white-space:nowrap}.d,.date{white-space:nowrap}"
    ".tbl{overflow-x:auto;max-width:100%}"
    "svg{max-width:100%;height:auto}"
    ":focus-visible{outline:3px solid #0b3d91;outline-offset:2px}"
    "details>summary{cursor:pointer;font-weight:600;margin:1rem 0 .5rem}"
    ".late td,li.late{background:#fff3cd}.missing td,li.missing{background:#f8d7da}"
    ".out_of_order td,.wrong_role td{background:#ece5f6}.on_time td{background:#e3f1e6}"
    "tr.warn td{background:#fde8e8}tr.ok td{background:#eaf6ea}tr.wait td{color:#555}";
// On a phone, with kStackTableCss in it; then on paper.
constexpr std::string_view kPhoneCss = "@media (max-width:40rem){main{padding:.5rem}";
constexpr std::string_view kPrintCss =
    "@media print{@page{size:A4 portrait;margin:12mm}"
    "body{font-size:10pt}main{max-width:none;padding:0}.tbl{overflow:visible}"
    "th,td{overflow-wrap:anywhere}"
    "tr,li,figure{break-inside:avoid}h2,h3{break-after:avoid}}";

bool iso_date_at(std::string_view s, std::size_t i) {
  if (i + 10 > s.size()) return false;
  for (std::size_t k = 0; k < 10; ++k) {
    bool digit = std::isdigit(static_cast<unsigned char>(s[i + k])) != 0;
    if ((k == 4 || k == 7) ? s[i + k] != '-' : !digit) return false;
  }
  // Not part of a longer number on either side.
  bool before = i > 0 && std::isdigit(static_cast<unsigned char>(s[i - 1]));
  bool after = i + 10 < s.size() && std::isdigit(static_cast<unsigned char>(s[i + 10]));
  return !before && !after;
}

}  // namespace

Html& begin_document(Html& h, std::string_view lang, std::string_view title,
                     std::string_view heading, std::string_view extra_style) {
  std::string style(kDocumentCss);
  style.append(kPhoneCss).append(kStackTableCss).append("}").append(kPrintCss);
  style += extra_style;
  return h.begin_page(lang, title, style).format("<main>\n<h1>{}</h1>\n", heading);
}

Html& end_document(Html& h) {
  return h.raw("</main>\n</body></html>\n");
}

Html dated(std::string_view text) {
  Html out;
  std::size_t from = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (!iso_date_at(text, i)) continue;
    out.text(text.substr(from, i - from)).format("<span class=\"d\">{}</span>", text.substr(i, 10));
    from = i + 10;
    i += 9;
  }
  return out.text(text.substr(from));
}

Html& begin_table(Html& h, std::initializer_list<std::string_view> headers, std::string_view cls) {
  h.format("<div class=\"tbl\"><table class=\"{}\"><thead><tr>", cls);
  for (auto th : headers) {
    if (th.empty())
      h.raw("<td></td>");
    else
      h.format("<th scope=\"col\">{}</th>", th);
  }
  return h.raw("</tr></thead><tbody>\n");
}

Html& end_table(Html& h) {
  return h.raw("</tbody></table></div>\n");
}

Html& cell(Html& h, std::string_view label, const Html& content, std::string_view cls) {
  if (cls.empty()) return h.format("<td data-l=\"{}\">{}</td>", label, content);
  return h.format("<td data-l=\"{}\" class=\"{}\">{}</td>", label, cls, content);
}

std::string count_share(int n, int of) {
  return of ? fmt::format("{} ({:.0f} %)", n, 100.0 * n / of) : fmt::format("{} (–)", n);
}

}  // namespace arshjul::present
