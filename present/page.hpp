#pragma once
// What the HTML documents (the audit, the report, the follow-up) share: one style sheet that
// reflows at 320 CSS px (tables stack into rows or scroll in their own box) and prints on A4
// portrait, <main> as the page's one landmark, dates that never break inside, and the share
// "12 (3 %)" every count table writes.
#include <initializer_list>
#include <string>
#include <string_view>

#include "present/html.hpp"

namespace arshjul::present {

/// The rules that make a "stack" table one block per row on a phone (to be put inside a
/// narrow-screen @media block): the header row kept for screen readers but not shown, every
/// cell on a line of its own led by its column's name (its data-l), counts side by side. The
/// documents' style sheet and the web view's share them.
inline constexpr std::string_view kStackTableCss =
    "table.stack thead{position:absolute;width:1px;height:1px;overflow:hidden;"
    "clip:rect(0 0 0 0);white-space:nowrap}"
    "table.stack,table.stack tbody,table.stack tr,table.stack td,table.stack th{display:block;"
    "width:auto}"
    "table.stack tr{border:1px solid #bbb;margin-bottom:.5rem}"
    "table.stack td,table.stack th{border:0;padding:.15rem .5rem}"
    "table.stack td.n{display:inline-block;text-align:left}table.stack td:empty{display:none}"
    "table.stack [data-l]::before{content:attr(data-l) \": \";font-weight:600}"
    "table.stack caption{display:block;text-align:left}";

/// Begins a document: the page's head with the shared style sheet and `extra_style` (trusted
/// CSS) after it, <body><main> and the heading <h1>`heading`</h1>.
Html& begin_document(Html& h, std::string_view lang, std::string_view title,
                     std::string_view heading, std::string_view extra_style = {});
/// Ends what begin_document began: </main></body></html>.
Html& end_document(Html& h);

/// `text` escaped, each ISO date in it (2026-04-24) in a <span class="d"> that never breaks.
Html dated(std::string_view text);

/// Begins a table in its own scrolling box: <div class="tbl"><table class="`cls`"> and a
/// <thead> row of `headers` (an empty header is written as a cell, not a header: axe's
/// empty-table-header). Class "stack" makes its rows stack on a phone: give each cell its
/// column's name as data-l (see cell()).
Html& begin_table(Html& h, std::initializer_list<std::string_view> headers,
                  std::string_view cls = "stack");
/// Ends what begin_table began: </tbody></table></div>.
Html& end_table(Html& h);
/// One cell of a stacking table: <td data-l="`label`" class="`cls`">`content`</td>.
Html& cell(Html& h, std::string_view label, const Html& content, std::string_view cls = {});

/// "12 (3 %)": a count and its share of `of` ("–" for the share when `of` is 0).
std::string count_share(int n, int of);

}  // namespace arshjul::present
