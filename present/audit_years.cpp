#include "present/audit_years.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>
#include <ostream>
#include <set>

#include "present/audit_parts.hpp"
#include "present/document.hpp"
#include "present/json.hpp"
#include "present/page.hpp"
#include "present/texts.hpp"

namespace arshjul::present {
namespace {

using dsl::Lang;
using engine::Tally;
using engine::YearTallies;
using Bars = std::vector<std::pair<int, Tally>>;

constexpr double kBarLeft = 44, kBarWidth = 260, kBarHeight = 18, kBarGap = 6;

// The patterns the bars are filled with, once per page: late striped, missing in squares, so
// the shares differ by more than colour (WCAG 1.4.1).
constexpr std::string_view kPatterns =
    "<svg width=\"0\" height=\"0\" aria-hidden=\"true\" focusable=\"false\" "
    "style=\"position:absolute\"><defs>"
    "<pattern id=\"yl\" patternUnits=\"userSpaceOnUse\" width=\"6\" height=\"6\" "
    "patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" fill=\"#f2c94c\"/>"
    "<line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#7a5c00\" stroke-width=\"2\"/></pattern>"
    "<pattern id=\"ym\" patternUnits=\"userSpaceOnUse\" width=\"6\" height=\"6\">"
    "<rect width=\"6\" height=\"6\" fill=\"#e57373\"/><rect width=\"3\" height=\"3\" "
    "fill=\"#8e0000\"/></pattern></defs></svg>\n";

constexpr std::string_view kYearsCss =
    ".pair{display:flex;flex-wrap:wrap;gap:0 1.5rem;align-items:flex-start}"
    ".pair figure{margin:.3rem 0;flex:0 1 20rem;min-width:0}.pair .tbl{flex:1 1 22rem;min-width:0}"
    "figcaption{font-size:.9rem;color:#444}";

struct Part {
  const char* kind;
  const char* fill;
  int Tally::*count;
};
constexpr Part kParts[] = {{"on_time", "#4caf50", &Tally::on_time},
                           {"late", "url(#yl)", &Tally::late},
                           {"missing", "url(#ym)", &Tally::missing}};

void year_bar(Html& h, int year, const Tally& t, double y) {
  h.format("<g data-year=\"{}\"><text x=\"0\" y=\"{:.1f}\" font-size=\"13\">{}</text>", year,
           y + 13.5, year);
  double x = kBarLeft;
  for (const auto& part : kParts) {
    int n = t.*part.count;
    double share = t.due() ? double(n) / t.due() : 0.0;
    double w = share * kBarWidth;
    h.format(
        "<rect data-kind=\"{}\" data-count=\"{}\" data-share=\"{:.4f}\" x=\"{:.2f}\" y=\"{:.1f}\" "
        "width=\"{:.2f}\" height=\"{}\" fill=\"{}\"/>",
        part.kind, n, share, x, y, w, kBarHeight, Html::trusted(part.fill));
    x += w;
  }
  if (!t.due())
    h.format(
        "<rect data-kind=\"none\" x=\"{}\" y=\"{:.1f}\" width=\"{}\" height=\"{}\" "
        "fill=\"none\" stroke=\"#999\"/>",
        kBarLeft, y, kBarWidth, kBarHeight);
  h.raw("</g>");
}

void group_html(Html& h, const Bars& bars, const std::string& label, Lang lang) {
  h.raw("<div class=\"pair\"><figure>");
  h.raw(years_chart_svg(bars, say<Msg::audit_years_chart>(lang, label)));
  h.raw("</figure>");
  audit_parts::begin_tally_table(h, tr<Msg::col_year>(lang), lang);
  for (const auto& [year, t] : bars) {
    h.format("<tr><th scope=\"row\">{}</th>", year);
    audit_parts::tally_cells(h, t, lang);
    h.raw("</tr>\n");
  }
  end_table(h);
  h.raw("</div>\n");
}

/// The names of every role (or unit) in any year, in Swedish order.
std::set<std::string, dsl::SwedishLess> names_of(const std::vector<YearTallies>& years,
                                                 engine::TallyMap YearTallies::*which) {
  std::set<std::string, dsl::SwedishLess> out;
  for (const auto& y : years)
    for (const auto& [name, t] : y.*which) out.insert(name);
  return out;
}

Bars bars_of(const std::vector<YearTallies>& years, engine::TallyMap YearTallies::*which,
             const std::string& name) {
  Bars out;
  for (const auto& y : years) {
    auto it = (y.*which).find(name);
    out.push_back({y.cycle, it == (y.*which).end() ? Tally{} : it->second});
  }
  return out;
}

Bars total_bars(const std::vector<YearTallies>& years) {
  Bars out;
  for (const auto& y : years) out.push_back({y.cycle, y.total});
  return out;
}

std::string years_title(const std::vector<YearTallies>& years, dsl::Date as_of, Lang lang) {
  return say<Msg::audit_years_title>(lang, years.front().cycle, years.back().cycle,
                                     dsl::iso(as_of));
}

/// Each group in turn: `visit(heading level, name, bars, is a role)` for all tasks, then a
/// heading and each role, then a heading and each unit.
template <typename Visit>
void each_group(const std::vector<YearTallies>& years, Lang lang, Visit visit) {
  visit(1, std::string(tr<Msg::audit_years_all_tasks>(lang)), total_bars(years), false);
  visit(1, std::string(audit_parts::by_role_text(lang)), Bars{}, false);
  for (const auto& role : names_of(years, &YearTallies::roles))
    visit(2, role, bars_of(years, &YearTallies::roles, role), true);
  visit(1, std::string(audit_parts::by_unit_text(lang)), Bars{}, false);
  for (const auto& unit : names_of(years, &YearTallies::units))
    visit(2, unit, bars_of(years, &YearTallies::units, unit), false);
}

}  // namespace

std::string years_chart_svg(const Bars& bars, const std::string& label) {
  Html h;
  double height = bars.size() * (kBarHeight + kBarGap);
  h.format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-label=\"{}\" "
      "viewBox=\"0 0 {} {}\" width=\"{}\" height=\"{}\" font-family=\"system-ui,sans-serif\">"
      "<title>{}</title>",
      label, kBarLeft + kBarWidth, height, kBarLeft + kBarWidth, height, label);
  double y = 0;
  for (const auto& [year, t] : bars) {
    year_bar(h, year, t, y);
    y += kBarHeight + kBarGap;
  }
  h.raw("</svg>");
  return h.take();
}

void write_audit_years_html(std::ostream& os, const std::vector<YearTallies>& years,
                            const std::vector<dsl::Process>& ps, dsl::Date as_of, Lang lang) {
  Html h;
  begin_document(
      h, tr<Msg::lang_code>(lang),
      fmt::format("{} {}–{}", tr<Msg::audit_word>(lang), years.front().cycle, years.back().cycle),
      years_title(years, as_of, lang), kYearsCss);
  h.raw(kPatterns).format("<p>{}</p>\n", tr<Msg::audit_years_chart_note>(lang));
  each_group(years, lang, [&](int level, const std::string& name, const Bars& bars, bool role) {
    h.format("<h{}>{}</h{}>\n", level + 1, role ? audit_parts::role_title(ps, name) : name,
             level + 1);
    if (!bars.empty()) group_html(h, bars, name, lang);
    os << h.take();
  });
  end_document(h);
  os << h.take();
}

void write_audit_years_text(std::ostream& os, const std::vector<YearTallies>& years,
                            dsl::Date as_of, Lang lang, bool markdown) {
  Document doc;
  doc.lang = tr<Msg::lang_code>(lang);
  doc.title = years_title(years, as_of, lang);
  each_group(years, lang, [&](int level, const std::string& name, const Bars& bars, bool) {
    doc.heading(level, name);
    if (bars.empty()) return;
    auto& t = doc.table({tr<Msg::col_year>(lang), tr<Msg::col_due_count>(lang),
                         tr<Msg::col_on_time>(lang), tr<Msg::col_late>(lang),
                         tr<Msg::col_missing>(lang)});
    for (const auto& [year, tally] : bars)
      t.rows.push_back({std::to_string(year), std::to_string(tally.due()),
                        count_share(tally.on_time, tally.due()),
                        count_share(tally.late, tally.due()),
                        count_share(tally.missing, tally.due())});
  });
  if (markdown)
    render_markdown(os, doc);
  else
    render_text(os, doc);
}

void write_audit_years_json(std::ostream& os, const std::vector<YearTallies>& years,
                            dsl::Date as_of) {
  using nlohmann::json;
  auto tally = [](const Tally& t) {
    return json{{"due", t.due()}, {"on_time", t.on_time}, {"late", t.late}, {"missing", t.missing}};
  };
  json out{{"as_of", dsl::iso(as_of)}, {"years", json::array()}};
  for (const auto& y : years) {
    json j{{"cycle", y.cycle},
           {"total", tally(y.total)},
           {"by_role", json::object()},
           {"by_unit", json::object()}};
    for (const auto& [k, t] : y.roles) j["by_role"][k] = tally(t);
    for (const auto& [k, t] : y.units) j["by_unit"][k] = tally(t);
    out["years"].push_back(std::move(j));
  }
  os << json_text(out, 2) << "\n";
}

}  // namespace arshjul::present
