#pragma once
// `audit --years 2022-2026`: the cycles side by side, so a board sees whether the cycle is
// followed better than the year before. Per group (all tasks, each role, each unit) a small
// SVG bar chart, one bar a year split into the shares on time, late and missing, with a
// table beside it that holds the same numbers (the chart's text alternative).
#include <iosfwd>
#include <vector>

#include "dsl/model.hpp"
#include "engine/audit_years.hpp"

namespace arshjul::present {

/// The page: `years` oldest first, audited as of `as_of`.
void write_audit_years_html(std::ostream& os, const std::vector<engine::YearTallies>& years,
                            const std::vector<dsl::Process>& processes, dsl::Date as_of,
                            dsl::Lang lang);
/// The same numbers as text or Markdown: a table of years per group.
void write_audit_years_text(std::ostream& os, const std::vector<engine::YearTallies>& years,
                            dsl::Date as_of, dsl::Lang lang, bool markdown);
/// The same numbers as JSON: {"as_of", "years": [{"cycle", "total", "by_role", "by_unit"}]}.
void write_audit_years_json(std::ostream& os, const std::vector<engine::YearTallies>& years,
                            dsl::Date as_of);

/// One group's chart: an <svg role="img"> with a bar per year (data-year), each split into
/// <rect data-kind="on_time|late|missing" data-count data-share> of widths in proportion.
std::string years_chart_svg(const std::vector<std::pair<int, engine::Tally>>& bars,
                            const std::string& label);

}  // namespace arshjul::present
