#include "present/report.hpp"

#include <algorithm>
#include <chrono>
#include <map>

#include "dsl/collate.hpp"
#include "dsl/labels.hpp"
#include "present/audit_parts.hpp"
#include "present/page.hpp"
#include "present/texts.hpp"

namespace arshjul::present {
namespace {

using dsl::Lang;
using engine::State;

constexpr std::string_view kReportCss =
    ".wheel{margin:0;max-width:56rem}li.overdue,tr.overdue td{background:#fde8e8}"
    "tr.due_soon td{background:#fff3cd}";

/// Per role of the process: how many tasks are in each state that needs attention.
void status_table(Html& h, const ReportPage& r) {
  const auto& p = *r.process;
  const std::vector<State> shown{State::overdue, State::blocked,   State::due_soon,
                                 State::ready,   State::done_late, State::done};
  std::map<std::string, std::map<State, int>, dsl::SwedishLess> counts;
  for (const auto& t : *r.tasks) {
    if (t.process != r.process_index) continue;
    for (const auto& role : p.steps[t.step].roles)
      if (!role.if_needed) counts[p.roles[role.role].name][t.state]++;
  }
  std::vector<std::string> names;
  for (auto s : shown) names.push_back(state_text(s, r.lang));
  begin_table(
      h, {tr<Msg::col_role>(r.lang), names[0], names[1], names[2], names[3], names[4], names[5]});
  for (const auto& [role, by_state] : counts) {
    h.format("<tr><th scope=\"row\">{}</th>", audit_parts::role_title(p, role));
    for (std::size_t i = 0; i < shown.size(); ++i) {
      auto it = by_state.find(shown[i]);
      cell(h, names[i], Html().format("{}", it == by_state.end() ? 0 : it->second), "n");
    }
    h.raw("</tr>\n");
  }
  end_table(h);
}

/// Who holds the roles of the task's VEM (for its unit): "Anna Andersson, Bo Berg".
std::string people_text(const ReportPage& r, const engine::Task& t) {
  const auto& p = *r.process;
  std::string out;
  for (const auto& ref : p.steps[t.step].roles) {
    if (ref.if_needed) continue;
    bool per_unit = p.roles[ref.role].per_unit;
    for (const auto& person : r.roster->people)
      if (engine::holds(person, p, ref.role) && (!per_unit || person.unit == t.unit))
        out += (out.empty() ? "" : ", ") + person.name;
  }
  return out.empty() ? std::string(tr<Msg::nobody_in_roster>(r.lang)) : out;
}

/// The overdue and due-soon tasks, most urgent first: task, unit, person, deadline, state.
void urgent_table(Html& h, const ReportPage& r) {
  const auto& p = *r.process;
  std::vector<const engine::Task*> urgent;
  for (const auto& t : *r.tasks)
    if (t.process == r.process_index && (t.state == State::overdue || t.state == State::due_soon))
      urgent.push_back(&t);
  std::stable_sort(urgent.begin(), urgent.end(), [](const engine::Task* a, const engine::Task* b) {
    return engine::more_urgent(*a, *b);
  });
  if (urgent.empty()) {
    h.format("<p>{}</p>\n", tr<Msg::nothing_overdue_or_due_soon>(r.lang));
    return;
  }
  const char *task = tr<Msg::col_task>(r.lang), *unit = tr<Msg::col_unit>(r.lang),
             *who = tr<Msg::col_responsible>(r.lang), *due = tr<Msg::col_due>(r.lang),
             *state = tr<Msg::col_state>(r.lang);
  begin_table(h, {task, unit, who, due, state});
  for (const auto* t : urgent) {
    h.format("<tr class=\"{}\">", state_class(t->state));
    cell(h, task, Html().text(dsl::step_label(p.steps[t->step])));
    cell(h, unit, Html().text(t->unit));
    cell(h, who, Html().text(r.roster ? people_text(r, *t) : std::string()));
    cell(h, due, dated(deadline_text(t->window, r.lang)));
    cell(h, state, Html().text(state_text(t->state, r.lang) + ", " + days_text(*t, r.lang)));
    h.raw("</tr>\n");
  }
  end_table(h);
}

/// The cycle as the seeds' NÄR / VEM / VAD table, in date order.
void cycle_table(Html& h, const ReportPage& r) {
  const auto& p = *r.process;
  struct Row {
    dsl::Window w;
    const dsl::Step* s;
  };
  std::vector<Row> rows;
  for (const auto& s : p.steps) {
    std::vector<dsl::Diagnostic> ignored;
    for (const auto& w : dsl::windows(p, s, r.year, ignored)) rows.push_back({w, &s});
  }
  std::stable_sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) {
    return std::chrono::sys_days(a.w.start) < std::chrono::sys_days(b.w.start);
  });
  const char *when = tr<Msg::field_when>(r.lang), *from = tr<Msg::from>(r.lang),
             *due = tr<Msg::due>(r.lang), *who = tr<Msg::field_who>(r.lang),
             *what = tr<Msg::field_what>(r.lang), *after = tr<Msg::field_after>(r.lang);
  begin_table(h, {when, from, due, who, what, after});
  for (const auto& row : rows) {
    h.raw("<tr>");
    cell(h, when, Html().text(row.s->when.text));
    cell(h, from, Html().text(dsl::iso(row.w.start)), "date");
    cell(h, due, dated(deadline_text(row.w, r.lang)));
    cell(h, who, Html().text(roles_text(p, *row.s, r.lang)));
    cell(h, what, Html().format("<b>{}</b> ", row.s->id) += task_html(p, *row.s, r.lang));
    cell(h, after, Html().text(p.dependency_ids(*row.s)));
    h.raw("</tr>\n");
  }
  end_table(h);
}

}  // namespace

std::string report_html(const ReportPage& r) {
  const auto& p = *r.process;
  std::string title = process_title(p) + " " + std::to_string(r.year);
  Html h;
  begin_document(h, tr<Msg::lang_code>(r.lang), title, title, kReportCss).format("<p>{}", p.id);
  if (r.tasks) h.format(" · {}{}", tr<Msg::as_of_prefix>(r.lang), dated(dsl::iso(r.date)));
  h.raw("</p>\n");
  if (r.tasks) {
    h.format("<h2>{}</h2>\n", tr<Msg::status_per_role>(r.lang));
    status_table(h, r);
    h.format("<h2>{}</h2>\n", tr<Msg::overdue_and_due_soon>(r.lang));
    urgent_table(h, r);
  }
  h.format("<h2>{}</h2>\n<figure class=\"wheel\">{}</figure>\n", tr<Msg::the_wheel>(r.lang),
           Html::trusted(r.wheel_svg));
  h.format("<h2>{}</h2>\n", tr<Msg::the_cycle>(r.lang));
  cycle_table(h, r);
  end_document(h);
  return h.take();
}

}  // namespace arshjul::present
