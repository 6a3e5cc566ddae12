#include "present/report.hpp"

#include <algorithm>
#include <chrono>
#include <map>

#include "dsl/collate.hpp"
#include "present/html.hpp"
#include "present/texts.hpp"

namespace arshjul::present {
namespace {

using dsl::Lang;
using engine::State;

constexpr const char* kReportStyle =
    "body{font-family:system-ui,sans-serif;margin:2em;max-width:80em}"
    "table{border-collapse:collapse;width:100%;margin-bottom:2em}td,th{border:1px solid "
    "#ccc;padding:.3em .5em;text-align:left;vertical-align:top}th{background:#eee}"
    "td.n{text-align:right}td.date{white-space:nowrap}li.overdue{color:#a00}"
    ".wheel svg{max-width:100%;height:auto}";

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
  h.format("<table><tr><th>{}</th>", tr<Msg::role>(r.lang));
  for (auto s : shown) h.format("<th>{}</th>", state_text(s, r.lang));
  h.raw("</tr>\n");
  for (const auto& [role, by_state] : counts) {
    h.format("<tr><td>{}</td>", role);
    for (auto s : shown) {
      auto it = by_state.find(s);
      h.format("<td class=\"n\">{}</td>", it == by_state.end() ? 0 : it->second);
    }
    h.raw("</tr>\n");
  }
  h.raw("</table>\n");
}

/// The overdue and due-soon tasks, most urgent first.
void urgent_list(Html& h, const ReportPage& r) {
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
  h.raw("<ul>\n");
  for (const auto* t : urgent)
    h.format("<li class=\"{}\">{} — {}, {}</li>\n", t->state == State::overdue ? "overdue" : "soon",
             p.steps[t->step].name() + (t->unit.empty() ? "" : " (" + t->unit + ")"),
             deadline_text(t->window, r.lang), days_text(*t, r.lang));
  h.raw("</ul>\n");
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
  h.raw("<table><tr>");
  for (const char* th :
       {tr<Msg::field_when>(r.lang), tr<Msg::from>(r.lang), tr<Msg::due>(r.lang),
        tr<Msg::field_who>(r.lang), tr<Msg::field_what>(r.lang), tr<Msg::field_after>(r.lang)})
    h.format("<th>{}</th>", th);
  h.raw("</tr>\n");
  for (const auto& row : rows) {
    std::string deps = p.dependency_ids(*row.s);
    h.format(
        "<tr><td>{}</td><td class=\"date\">{}</td><td>{}</td><td>{}</td><td><b>{}</b> "
        "{}</td><td>{}</td></tr>\n",
        row.s->when.text, dsl::iso(row.w.start), deadline_text(row.w, r.lang),
        roles_text(p, *row.s, r.lang), row.s->id, task_html(p, *row.s, r.lang), deps);
  }
  h.raw("</table>\n");
}

}  // namespace

std::string report_html(const ReportPage& r) {
  const auto& p = *r.process;
  std::string title = process_title(p) + " " + std::to_string(r.year);
  Html h;
  h.begin_page(tr<Msg::lang_code>(r.lang), title, kReportStyle)
      .format("<h1>{}</h1>\n<p>{}", title, p.id);
  if (r.tasks) h.format(" · {}{}", tr<Msg::as_of_prefix>(r.lang), dsl::iso(r.date));
  h.format("</p>\n<div class=\"wheel\">{}</div>\n", Html::trusted(r.wheel_svg));
  if (r.tasks) {
    h.format("<h2>{}</h2>\n", tr<Msg::status_per_role>(r.lang));
    status_table(h, r);
    h.format("<h2>{}</h2>\n", tr<Msg::overdue_and_due_soon>(r.lang));
    urgent_list(h, r);
  }
  h.format("<h2>{}</h2>\n", tr<Msg::the_cycle>(r.lang));
  cycle_table(h, r);
  h.raw("</body></html>\n");
  return h.take();
}

}  // namespace arshjul::present
