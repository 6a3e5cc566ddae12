#include "present/audit_parts.hpp"

#include <fmt/format.h>

#include "engine/audit_years.hpp"
#include "present/page.hpp"
#include "present/texts.hpp"

namespace arshjul::present::audit_parts {
namespace {

using dsl::Lang;
using engine::AuditReport;
using engine::Tally;

// An abbreviation: two to five letters, all capitals (LG, SG, BUN).
bool is_abbreviation(const std::string& name) {
  if (name.size() < 2 || name.size() > 5) return false;
  for (char c : name)
    if (c < 'A' || c > 'Z') return false;
  return true;
}

}  // namespace

std::string percent(int n, int of) {
  return of ? fmt::format("{:.0f} %", 100.0 * n / of) : "–";
}

std::string title_text(const AuditReport& r, Lang lang) {
  return say<Msg::audit_of_cycle_as_of>(lang, r.cycle, dsl::iso(r.as_of));
}

Tally total_of(const AuditReport& r) {
  return engine::year_tallies(r).total;
}

std::string totals_text(const AuditReport& r, Lang lang) {
  Tally t = total_of(r);
  std::string before =
      t.before_start ? say<Msg::audit_before_start_total>(lang, t.before_start) : std::string();
  return say<Msg::tasks_due_on_time_late_missing>(
             lang, t.due(), t.on_time, percent(t.on_time, t.due()), t.late,
             percent(t.late, t.due()), t.missing, percent(t.missing, t.due()), r.findings()) +
         before;
}

engine::YearTallies tallies(const AuditReport& r) {
  return engine::year_tallies(r);
}

std::string worst_text(const std::string& unit, const Tally& t, Lang lang) {
  return say<Msg::late_missing_of>(lang, unit, t.late, t.missing, t.due());
}

const char* by_role_text(Lang lang) {
  return tr<Msg::per_role>(lang);
}
const char* by_unit_text(Lang lang) {
  return tr<Msg::per_unit>(lang);
}
const char* worst_heading(Lang lang) {
  return tr<Msg::units_that_followed_it_least>(lang);
}
const char* plan_heading(Lang lang) {
  return tr<Msg::the_plan_activities_and_measure_values>(lang);
}
const char* unmatched_heading(Lang lang) {
  return tr<Msg::entries_that_match_no_step>(lang);
}

/// The step's title (else its id), "#2" for its second occurrence when it has several.
std::string step_text(const dsl::Process& p, const engine::AuditTask& t) {
  return p.steps[t.step].name() +
         (p.steps[t.step].when.occurrences.size() > 1 ? fmt::format(" #{}", t.occurrence) : "");
}

std::string plan_unit(const engine::PlanFinding& f) {
  return f.activity ? f.activity->unit : f.measure->unit;
}

void tally_cells(Html& h, const Tally& t, Lang lang) {
  cell(h, tr<Msg::col_due_count>(lang), Html().format("{}", t.due()), "n");
  cell(h, tr<Msg::col_on_time>(lang), Html().text(count_share(t.on_time, t.due())), "n");
  cell(h, tr<Msg::col_late>(lang), Html().text(count_share(t.late, t.due())), "n");
  cell(h, tr<Msg::col_missing>(lang), Html().text(count_share(t.missing, t.due())), "n");
}

void begin_tally_table(Html& h, const char* first, Lang lang) {
  begin_table(h, {first, tr<Msg::col_due_count>(lang), tr<Msg::col_on_time>(lang),
                  tr<Msg::col_late>(lang), tr<Msg::col_missing>(lang)});
}

std::string role_title(const dsl::Process& p, const std::string& name) {
  if (!is_abbreviation(name)) return name;
  for (const auto& role : p.roles) {
    if (role.name != name) continue;
    for (const auto& alias : role.aliases)
      if (!is_abbreviation(alias)) return name + " (" + alias + ")";
  }
  return name;
}

std::string role_title(const std::vector<dsl::Process>& processes, const std::string& name) {
  for (const auto& p : processes)
    if (auto title = role_title(p, name); title != name) return title;
  return name;
}

}  // namespace arshjul::present::audit_parts
