// The overview's status tables and the page of a role's units (/enheter). Up to
// kStatusRowsInFull rows the overview has a row per role and unit, as it always had; a larger
// administration (a thousand units: two thousand rows, 670 KB) gets a row per role, the units
// that need attention, and a page per role with its units, paginated, most overdue first.
#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "dsl/text.hpp"
#include "web/page_parts.hpp"
#include "web/pages.hpp"

namespace arshjul::web {
namespace {

using Counts = std::array<int, 9>;
using Entry = std::pair<const StatusCounts::Key, StatusCounts::Row>;

constexpr std::array kShown{State::overdue, State::blocked, State::due_soon, State::ready,
                            State::done};

int of(const Counts& n, State s) {
  return n[static_cast<std::size_t>(s)];
}

/// Overdue counts stand out (red cell, bold, a red mark on the row), in words as well: the
/// column says "försenad".
Html::Trusted hot_class(const Counts& n) {
  return Html::trusted(of(n, State::overdue) > 0 ? " class=\"hot\"" : "");
}

/// A count as people read large numbers: "258 742" (a no-break space) in Swedish, "258,742"
/// in English; below 1,000 as it is.
std::string grouped(long n, dsl::Lang lang) {
  std::string digits = std::to_string(n < 0 ? -n : n), out = n < 0 ? "-" : "";
  const char* gap = tr<Msg::digit_group_separator>(lang);
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += gap;
    out += digits[i];
  }
  return out;
}

void count_cells(Html& h, const Counts& n, dsl::Lang lang) {
  for (auto s : kShown) {
    int count = of(n, s);
    h.format("<td class=\"n{}\" data-l=\"{}\" data-state=\"{}\">{}</td>",
             s == State::overdue && count > 0 ? " hot" : "", state_text(s, lang), state_class(s),
             grouped(count, lang));
  }
}

/// A table in a box of its own that scrolls sideways (keyboard users reach and scroll it
/// too), its caption, and its header row: `first` columns, then a column per state.
void table_start(Html& h, const char* id, const std::string& caption,
                 const std::vector<const char*>& first, dsl::Lang lang) {
  h.format(
      "<div class=\"scroll\" tabindex=\"0\" role=\"region\" aria-labelledby=\"{0}-caption\">"
      "<table id=\"{0}\" class=\"stack\"><caption id=\"{0}-caption\" class=\"muted\">{1}"
      "</caption><thead><tr>",
      id, caption);
  for (const char* name : first) h.format("<th scope=\"col\">{}</th>", name);
  for (auto s : kShown) h.format("<th scope=\"col\">{}</th>", state_text(s, lang));
  h.raw("</tr></thead>\n");
}

/// A table of rows per unit: role (with `role`), område (with `areas`) and unit first.
void units_table_start(Html& h, const char* id, const std::string& caption, bool role, bool areas,
                       dsl::Lang lang) {
  std::vector<const char*> first;
  if (role) first.push_back(tr<Msg::role>(lang));
  if (areas) first.push_back(tr<Msg::area>(lang));
  first.push_back(tr<Msg::unit>(lang));
  table_start(h, id, caption, first, lang);
}

/// A row per role and unit: role (with `role`: the overview's table), område (with
/// `areas`), unit, the counts. Without `role` (a role's page) the unit heads the row.
std::string status_row(const StatusCounts::Key& key, const Counts& n, bool areas, bool role,
                       dsl::Lang lang) {
  Html h;
  h.format("<tr data-role=\"{}\" data-unit=\"{}\"{}>", key[0], key[2], hot_class(n));
  if (role) h.format("<th scope=\"row\">{}</th>", key[0]);
  if (areas) h.format("<td data-l=\"{}\">{}</td>", tr<Msg::area>(lang), key[1]);
  if (role)
    h.format("<td data-l=\"{}\">{}</td>", tr<Msg::unit>(lang), key[2]);
  else
    h.format("<th scope=\"row\">{}</th>", key[2]);
  count_cells(h, n, lang);
  h.raw("</tr>\n");
  return h.take();
}

void add(Counts& sum, const Counts& n) {
  for (std::size_t s = 0; s < sum.size(); ++s) sum[s] += n[s];
}

/// Most in need of attention first: most overdue, then most blocked, then most due soon;
/// otherwise in the table's order (role, område, unit in Swedish order).
void by_need(std::vector<const Entry*>& rows) {
  std::stable_sort(rows.begin(), rows.end(), [](const Entry* a, const Entry* b) {
    for (auto s : {State::overdue, State::blocked, State::due_soon})
      if (of(a->second.n, s) != of(b->second.n, s)) return of(a->second.n, s) > of(b->second.n, s);
    return false;
  });
}

/// A unit's row with overdue or blocked tasks.
bool needs_attention(const Entry& e) {
  return !e.first[2].empty() &&
         (of(e.second.n, State::overdue) > 0 || of(e.second.n, State::blocked) > 0);
}

std::string units_url(const std::string& role, const std::string& area, int page) {
  std::string url = "/enheter?roll=" + url_encode(role);
  if (!area.empty()) url += "&omrade=" + url_encode(area);
  if (page > 1) url += "&sida=" + std::to_string(page);
  return url;
}

/// The table of every row (a small administration).
Html full_table(const StatusCounts& counts, dsl::Lang lang) {
  const bool areas = counts.areas();
  Html h;
  units_table_start(h, "status", tr<Msg::tasks_per_state>(lang), true, areas, lang);
  // Each row as written last, unless its counts changed since (a write changes a few rows of
  // a thousand units').
  for (const auto& [key, row] : counts.rows()) {
    if (row.html.empty()) row.html = status_row(key, row.n, areas, true, lang);
    h.raw(row.html);
  }
  h.raw("</table></div>\n");
  return h;
}

/// A row per role, the sum over its units; a role with units links to their page.
Html role_table(const StatusCounts& counts, dsl::Lang lang) {
  struct Sum {
    const std::string* role;
    Counts n{};
    int units = 0;
  };
  std::vector<Sum> sums;  // the rows are in order of role: a role's rows follow each other
  for (const auto& [key, row] : counts.rows()) {
    if (sums.empty() || *sums.back().role != key[0]) sums.push_back({&key[0]});
    add(sums.back().n, row.n);
    if (!key[2].empty()) ++sums.back().units;
  }
  Html h;
  h.format(
      "<p class=\"muted\">{}</p>\n",
      say<Msg::status_per_role_note>(lang, grouped(static_cast<long>(counts.rows().size()), lang)));
  table_start(h, "roles", tr<Msg::tasks_per_state>(lang),
              {tr<Msg::role>(lang), tr<Msg::col_units>(lang)}, lang);
  for (const auto& s : sums) {
    h.format("<tr data-role=\"{}\"{}><th scope=\"row\">", *s.role, hot_class(s.n));
    if (s.units > 0)
      h.format("<a href=\"{}\">{}</a></th><td class=\"n\" data-l=\"{}\">{}</td>",
               units_url(*s.role, "", 1), *s.role, tr<Msg::col_units>(lang),
               grouped(s.units, lang));
    else
      h.format("{}</th><td></td>", *s.role);
    count_cells(h, s.n, lang);
    h.raw("</tr>\n");
  }
  h.raw("</table></div>\n");
  return h;
}

/// The units with overdue or blocked tasks, at most kAttentionRows, and how many more per
/// role (each a link to the role's page).
Html attention(const StatusCounts& counts, dsl::Lang lang) {
  std::vector<const Entry*> rows;
  for (const auto& e : counts.rows())
    if (needs_attention(e)) rows.push_back(&e);
  Html h;
  h.format("<h3 id=\"attention-h\">{}</h3>\n", tr<Msg::units_attention_heading>(lang));
  if (rows.empty()) return h.format("<p>{}</p>\n", tr<Msg::units_attention_none>(lang));
  by_need(rows);
  const bool areas = counts.areas();
  const std::size_t shown = std::min(rows.size(), kAttentionRows);
  units_table_start(h, "attention", tr<Msg::units_attention_caption>(lang), true, areas, lang);
  for (std::size_t i = 0; i < shown; ++i)
    h.raw(status_row(rows[i]->first, rows[i]->second.n, areas, true, lang));
  h.raw("</table></div>\n");
  if (shown == rows.size()) return h;
  // The rest by role, in the table's order (a role's rows follow each other).
  std::vector<std::pair<const std::string*, int>> more;
  std::vector<const Entry*> listed(rows.begin(), rows.begin() + static_cast<std::ptrdiff_t>(shown));
  std::sort(listed.begin(), listed.end(), std::less<const Entry*>());
  for (const auto& e : counts.rows()) {
    if (!needs_attention(e) ||
        std::binary_search(listed.begin(), listed.end(), &e, std::less<const Entry*>()))
      continue;
    if (more.empty() || *more.back().first != e.first[0]) more.emplace_back(&e.first[0], 0);
    ++more.back().second;
  }
  h.format(
      "<p id=\"attention-more\">{}",
      say<Msg::units_attention_more>(lang, grouped(static_cast<long>(rows.size() - shown), lang)));
  for (std::size_t i = 0; i < more.size(); ++i)
    h.format("{} <a href=\"{}\">{}</a> ({})", i ? "," : "", units_url(*more[i].first, "", 1),
             *more[i].first, grouped(more[i].second, lang));
  h.raw("</p>\n");
  return h;
}

/// The role of the page: as written, or the same name without regard to case; it must have
/// rows with a unit.
const std::string* role_named(const StatusCounts& counts, const std::string& name) {
  const std::string* folded = nullptr;
  for (const auto& [key, row] : counts.rows()) {
    if (key[2].empty()) continue;
    if (key[0] == name) return &key[0];
    if (!folded && dsl::fold(key[0]) == dsl::fold(name)) folded = &key[0];
  }
  return folded;
}

/// The chooser of a role's områden: a plain GET form.
Html area_form(const std::string& role, const std::vector<const std::string*>& areas,
               const std::string& chosen, dsl::Lang lang) {
  Html h;
  h.format("<form method=\"get\" action=\"/enheter\" class=\"filter\">{}", hidden("roll", role));
  h.format(
      "<label for=\"omrade\">{}</label> <select id=\"omrade\" name=\"omrade\"><option "
      "value=\"\">{}</option>",
      tr<Msg::area>(lang), tr<Msg::all_areas>(lang));
  for (const auto* a : areas)
    h.format("<option{}>{}</option>", Html::trusted(*a == chosen ? " selected" : ""), *a);
  h.format("</select> <button type=\"submit\">{}</button></form>\n", tr<Msg::show>(lang));
  return h;
}

/// Föregående · Sida 2 av 20 · Nästa.
Html pager(const std::string& role, const std::string& area, int page, int pages, dsl::Lang lang) {
  Html h;
  if (pages <= 1) return h;
  h.format("<nav class=\"pages\" aria-label=\"{}\">", tr<Msg::pages_nav>(lang));
  if (page > 1)
    h.format("<a rel=\"prev\" href=\"{}\">← {}</a> ", units_url(role, area, page - 1),
             tr<Msg::page_previous>(lang));
  h.format("<span aria-current=\"page\">{}</span>", say<Msg::page_n_of>(lang, page, pages));
  if (page < pages)
    h.format(" <a rel=\"next\" href=\"{}\">{} →</a>", units_url(role, area, page + 1),
             tr<Msg::page_next>(lang));
  h.raw("</nav>\n");
  return h;
}

}  // namespace

std::string overview_table(const StatusCounts& counts, dsl::Lang lang, std::size_t rows_in_full) {
  Html h;
  if (counts.rows().size() <= rows_in_full) {
    h.format("<h2>{}</h2>\n", tr<Msg::status_per_role_and_unit>(lang));
    h += full_table(counts, lang);
    return h.take();
  }
  h.format("<h2>{}</h2>\n", tr<Msg::status_per_role>(lang));
  h += role_table(counts, lang);
  h += attention(counts, lang);
  return h.take();
}

std::optional<UnitsPage> units_page(const StatusCounts& counts, const UnitsQuery& q,
                                    dsl::Lang lang) {
  const std::string* role = role_named(counts, q.role);
  if (!role) return std::nullopt;
  std::vector<const std::string*> areas;
  std::vector<const Entry*> rows;
  Counts total{};
  for (const auto& e : counts.rows()) {
    const auto& key = e.first;
    if (key[0] != *role || key[2].empty()) continue;
    if (!key[1].empty() && (areas.empty() || *areas.back() != key[1])) areas.push_back(&key[1]);
    if (!q.area.empty() && key[1] != q.area) continue;
    rows.push_back(&e);
    add(total, e.second.n);
  }
  by_need(rows);
  const int n = static_cast<int>(rows.size());
  const int pages = std::max(1, (n + kUnitsPerPage - 1) / kUnitsPerPage);
  const int page = std::clamp(q.page, 1, pages);
  const int first = (page - 1) * kUnitsPerPage;
  const int last = std::min(n, first + kUnitsPerPage);
  const bool with_areas = !areas.empty();
  UnitsPage out;
  out.title = say<Msg::units_of_role>(lang, *role);
  Html h;
  h.format("<h1>{}</h1>\n", out.title);
  if (with_areas) h += area_form(*role, areas, q.area, lang);
  if (n == 0) {
    out.body = h.format("<p>{}</p>\n", tr<Msg::units_none>(lang)).take();
    return out;
  }
  h.format(
      "<p id=\"units-shown\">{}</p>\n",
      say<Msg::units_shown>(lang, grouped(first + 1, lang), grouped(last, lang), grouped(n, lang)));
  units_table_start(h, "units", tr<Msg::tasks_per_state>(lang), false, with_areas, lang);
  for (int i = first; i < last; ++i)
    h.raw(status_row(rows[i]->first, rows[i]->second.n, with_areas, false, lang));
  // The sum over every unit of the choice, on every page: the overview's row of the role.
  h.format("<tr class=\"total\" data-total=\"{}\"><th scope=\"row\"{}>{}</th>", n,
           Html::trusted(with_areas ? " colspan=\"2\"" : ""),
           say<Msg::units_total>(lang, grouped(n, lang)));
  count_cells(h, total, lang);
  h.raw("</tr>\n</table></div>\n");
  h += pager(*role, q.area, page, pages, lang);
  out.body = h.take();
  return out;
}

}  // namespace arshjul::web
