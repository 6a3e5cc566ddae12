// The audit as one HTML page for a manager: the summary and the findings first, grouped by
// role and unit, counts beside shares; the tasks on time and not yet due only with `all`, in
// a collapsed section. Every text escaped by the HTML writer; dates never break inside.
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <ostream>
#include <set>

#include "dsl/collate.hpp"
#include "dsl/labels.hpp"
#include "present/audit.hpp"
#include "present/audit_parts.hpp"
#include "present/page.hpp"
#include "present/texts.hpp"

namespace arshjul::present {
namespace {

using dsl::Lang;
using engine::AuditReport;
using engine::FindingKind;
using engine::Tally;

/// One task with a finding, as the page lists it.
struct Deviation {
  const dsl::Process* process = nullptr;
  const engine::AuditTask* task = nullptr;
  FindingKind kind = FindingKind::late;
};

/// The role a task is the work of: the first in its VEM that takes part in full and is per
/// unit exactly when the task is a unit's (the one that did it, or should have).
const std::string& responsible_role(const dsl::Process& p, const engine::AuditTask& t) {
  const auto& refs = p.steps[t.step].roles;
  for (const auto& r : refs)
    if (!r.if_needed && p.roles[r.role].per_unit == !t.unit.empty()) return p.roles[r.role].name;
  for (const auto& r : refs)
    if (!r.if_needed) return p.roles[r.role].name;
  return p.roles[refs.front().role].name;
}

/// The findings of the report by role, each role's in Swedish order of unit, then deadline.
using ByRole = std::map<std::string, std::vector<Deviation>, dsl::SwedishLess>;

ByRole deviations_by_role(const AuditReport& r, const std::vector<dsl::Process>& ps) {
  ByRole out;
  for (const auto& pa : r.processes) {
    const auto& p = ps[pa.process];
    for (const auto& t : pa.tasks) {
      if (p.steps[t.step].roles.empty()) continue;
      auto kind = engine::headline(engine::findings(t));
      if (engine::is_finding(kind)) out[responsible_role(p, t)].push_back({&p, &t, kind});
    }
  }
  dsl::SwedishLess less;
  for (auto& [role, list] : out)
    std::stable_sort(list.begin(), list.end(), [&](const Deviation& a, const Deviation& b) {
      if (a.task->unit != b.task->unit) return less(a.task->unit, b.task->unit);
      return std::chrono::sys_days(a.task->window.deadline) <
             std::chrono::sys_days(b.task->window.deadline);
    });
  return out;
}

/// Without `all` and with more findings than kListedFindings: the units whose findings are
/// listed, most findings first, until the list is full (the findings of no unit always are).
std::set<std::string> listed_units(const ByRole& by_role, std::size_t& listed, std::size_t& left,
                                   std::size_t& units_left) {
  std::map<std::string, std::size_t, dsl::SwedishLess> per_unit;
  listed = 0;
  for (const auto& [role, list] : by_role)
    for (const auto& d : list) d.task->unit.empty() ? ++listed : ++per_unit[d.task->unit];
  std::vector<std::pair<std::string, std::size_t>> order(per_unit.begin(), per_unit.end());
  std::stable_sort(order.begin(), order.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });
  std::set<std::string> out;
  left = units_left = 0;
  for (const auto& [unit, n] : order) {
    if (listed + n <= kListedFindings) {
      out.insert(unit);
      listed += n;
    } else {
      left += n;
      ++units_left;
    }
  }
  return out;
}

void tally_table(Html& h, const char* title, const engine::TallyMap& rows, bool roles,
                 const std::vector<dsl::Process>& ps, Lang lang) {
  h.format("<h2>{}</h2>\n", title);
  audit_parts::begin_tally_table(h, roles ? tr<Msg::col_role>(lang) : tr<Msg::col_unit>(lang),
                                 lang);
  for (const auto& [name, t] : rows) {
    h.format("<tr><th scope=\"row\">{}</th>", roles ? audit_parts::role_title(ps, name) : name);
    audit_parts::tally_cells(h, t, lang);
    h.raw("</tr>\n");
  }
  end_table(h);
}

/// The findings of one task, each on a line of its own.
Html findings_html(const dsl::Process& p, const engine::AuditTask& t, Lang lang) {
  Html out;
  bool first = true;
  for (const auto& f : engine::findings(t)) {
    if (!first) out.raw("<br>");
    first = false;
    out += dated(finding_text(f, t, p, lang));
  }
  return out;
}

/// One task as a row: unit, step (its title or the start of its VAD), deadline, findings.
void task_row(Html& h, const dsl::Process& p, const engine::AuditTask& t, FindingKind kind,
              Lang lang) {
  h.format("<tr class=\"{}\">", finding_key(kind));
  cell(h, tr<Msg::col_unit>(lang), Html().text(t.unit));
  std::string step = dsl::step_label(p.steps[t.step]);
  if (p.steps[t.step].when.occurrences.size() > 1) step += fmt::format(" #{}", t.occurrence);
  cell(h, tr<Msg::col_step>(lang), Html().text(step));
  cell(h, tr<Msg::col_due>(lang), Html().text(dsl::iso(t.window.deadline)), "date");
  cell(h, tr<Msg::col_finding>(lang), findings_html(p, t, lang));
  h.raw("</tr>\n");
}

void deviations_html(Html& h, const AuditReport& r, const std::vector<dsl::Process>& ps, bool all,
                     Lang lang) {
  auto by_role = deviations_by_role(r, ps);
  std::size_t total = 0;
  for (const auto& [role, list] : by_role) total += list.size();
  h.format("<h2>{} ({})</h2>\n", tr<Msg::audit_deviations>(lang), total);
  if (!total) {
    h.format("<p>{}</p>\n", tr<Msg::audit_no_deviations>(lang));
    return;
  }
  std::size_t listed = total, left = 0, units_left = 0;
  std::set<std::string> units;
  bool capped = !all && total > kListedFindings;
  if (capped) {
    units = listed_units(by_role, listed, left, units_left);
    h.format("<p>{}</p>\n", say<Msg::audit_more_deviations>(lang, listed, left, units_left));
  }
  for (const auto& [role, list] : by_role) {
    h.format("<h3>{} ({})</h3>\n", audit_parts::role_title(ps, role), list.size());
    begin_table(h, {tr<Msg::col_unit>(lang), tr<Msg::col_step>(lang), tr<Msg::col_due>(lang),
                    tr<Msg::col_finding>(lang)});
    for (const auto& d : list)
      if (!capped || d.task->unit.empty() || units.count(d.task->unit))
        task_row(h, *d.process, *d.task, d.kind, lang);
    end_table(h);
  }
}

void plan_html(Html& h, const std::vector<engine::PlanFinding>& plan, Lang lang) {
  if (plan.empty()) return;
  h.format("<h2>{}</h2>\n", audit_parts::plan_heading(lang));
  const char *process = tr<Msg::col_process>(lang), *item = tr<Msg::activity_measure>(lang),
             *unit = tr<Msg::col_unit>(lang), *finding = tr<Msg::col_finding>(lang);
  begin_table(h, {process, item, unit, finding});
  for (const auto& f : plan) {
    h.format("<tr class=\"{}\">", finding_key(f.kind));
    cell(h, process, Html().text(f.plan->process->id));
    cell(h, item, Html().text(plan_finding_item(f)));
    cell(h, unit, Html().text(audit_parts::plan_unit(f)));
    cell(h, finding, dated(plan_finding_text(f, lang)));
    h.raw("</tr>\n");
  }
  end_table(h);
}

/// Every task of every process, in a section a reader opens (`all`).
void every_task_html(std::ostream& os, Html& h, const AuditReport& r,
                     const std::vector<dsl::Process>& ps, Lang lang) {
  std::size_t n = 0;
  for (const auto& pa : r.processes) n += pa.tasks.size();
  h.format("<details><summary>{}</summary>\n", say<Msg::audit_every_task>(lang, n));
  for (const auto& pa : r.processes) {
    const auto& p = ps[pa.process];
    h.format("<h3>{}</h3>\n", process_title(p));
    begin_table(h, {tr<Msg::col_unit>(lang), tr<Msg::col_step>(lang), tr<Msg::col_due>(lang),
                    tr<Msg::col_finding>(lang)});
    for (const auto& t : pa.tasks) task_row(h, p, t, engine::headline(engine::findings(t)), lang);
    end_table(h);
    os << h.take();  // a process at a time: the page of a large administration is long
  }
  h.raw("</details>\n");
}

}  // namespace

void write_audit_html(std::ostream& os, const AuditReport& r,
                      const std::vector<engine::PlanFollowUp>& plans,
                      const std::vector<dsl::Process>& ps, Lang lang, const AuditPageOptions& o) {
  Html h;
  begin_document(h, tr<Msg::lang_code>(lang),
                 fmt::format("{} {}", tr<Msg::audit_word>(lang), r.cycle),
                 audit_parts::title_text(r, lang));
  h.format("<p>{}</p>\n", dated(audit_parts::totals_text(r, lang)));
  if (!o.all && !o.all_link.empty())
    h.format("<p><a href=\"{}\">{}</a></p>\n", o.all_link, tr<Msg::audit_all_link>(lang));
  else if (!o.all)
    h.format("<p>{}</p>\n", tr<Msg::audit_all_hint>(lang));
  auto sums = audit_parts::tallies(r);
  tally_table(h, audit_parts::by_role_text(lang), sums.roles, true, ps, lang);
  auto worst = r.worst_units(5);
  if (!worst.empty()) {
    h.format("<h2>{}</h2>\n<ul>\n", audit_parts::worst_heading(lang));
    for (const auto& [unit, t] : worst)
      h.format("<li>{}</li>\n", audit_parts::worst_text(unit, t, lang));
    h.raw("</ul>\n");
  }
  deviations_html(h, r, ps, o.all, lang);
  tally_table(h, audit_parts::by_unit_text(lang), sums.units, false, ps, lang);
  plan_html(h, engine::plan_findings(plans, r.as_of, o.all), lang);
  if (!r.unmatched.empty()) {
    h.format("<h2>{}</h2><ul>\n", audit_parts::unmatched_heading(lang));
    for (const auto& u : r.unmatched) h.format("<li>{}</li>\n", dated(unmatched_text(u, lang)));
    h.raw("</ul>\n");
  }
  if (o.all) every_task_html(os, h, r, ps, lang);
  end_document(h);
  os << h.take();
}

}  // namespace arshjul::present
