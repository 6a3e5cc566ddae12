#include "present/audit.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <ostream>

#include "present/html.hpp"
#include "present/json.hpp"
#include "present/texts.hpp"

namespace arshjul::present {
namespace {

using dsl::Lang;
using engine::AuditReport;
using engine::Tally;

// --- what every format says: the totals, the tallies per role and unit, the worst units ---

std::string percent(int n, int of) {
  return of ? fmt::format("{:.0f} %", 100.0 * n / of) : "–";
}

std::string title_text(const AuditReport& r, Lang lang) {
  return say<Msg::audit_of_cycle_as_of>(lang, r.cycle, dsl::iso(r.as_of));
}

std::string totals_text(const AuditReport& r, Lang lang) {
  Tally t;
  for (const auto& p : r.processes)
    t.on_time += p.total.on_time, t.late += p.total.late, t.missing += p.total.missing,
        t.before_start += p.total.before_start;
  std::string before =
      t.before_start ? say<Msg::audit_before_start_total>(lang, t.before_start) : std::string();
  return say<Msg::tasks_due_on_time_late_missing>(
             lang, t.due(), t.on_time, percent(t.on_time, t.due()), t.late,
             percent(t.late, t.due()), t.missing, percent(t.missing, t.due()), r.findings()) +
         before;
}

/// The tallies of every process summed per role and per unit.
struct Tallies {
  engine::TallyMap roles, units, areas;
};
Tallies tallies(const AuditReport& r) {
  Tallies out;
  auto add = [](Tally& to, const Tally& t) {
    to.on_time += t.on_time, to.late += t.late, to.missing += t.missing;
  };
  for (const auto& p : r.processes) {
    for (const auto& [k, t] : p.by_role) add(out.roles[k], t);
    for (const auto& [k, t] : p.by_unit) add(out.units[k], t);
    for (const auto& [k, t] : p.by_area) add(out.areas[k], t);
  }
  return out;
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

// --- text and Markdown --------------------------------------------------------------------

void summary_text(std::ostream& os, const AuditReport& r, Lang lang, bool md) {
  os << (md ? "# " : "") << title_text(r, lang) << "\n\n";
  os << totals_text(r, lang) << "\n\n";
  auto table = [&](const std::string& title, const engine::TallyMap& rows) {
    os << (md ? "## " : "") << title << "\n\n";
    if (md) os << tr<Msg::audit_count_table_head>(lang);
    for (const auto& [name, t] : rows) {
      auto on_time = percent(t.on_time, t.due()), late = percent(t.late, t.due()),
           missing = percent(t.missing, t.due());
      if (md)
        os << fmt::format("| {} | {} | {} | {} |\n", name, on_time, late, missing);
      else
        os << fmt::format("  {:<40} {:>6} {:>6} {:>6}\n", name, on_time, late, missing);
    }
    os << "\n";
  };
  auto sums = tallies(r);
  std::string cols = tr<Msg::audit_count_columns>(lang);
  table(by_role_text(lang) + cols, sums.roles);
  table(by_unit_text(lang) + cols, sums.units);
  if (!sums.areas.empty()) table(tr<Msg::per_area>(lang) + cols, sums.areas);
  auto worst = r.worst_units(5);
  if (worst.empty()) return;
  os << (md ? "## " : "") << worst_heading(lang) << "\n\n";
  for (const auto& [unit, t] : worst) os << "- " << worst_text(unit, t, lang) << "\n";
  os << "\n";
}

void process_text(std::ostream& os, const engine::ProcessAudit& pa, const dsl::Process& p,
                  Lang lang, bool all, bool md) {
  os << (md ? "## " : "") << p.id << " — " << p.title << "\n\n";
  if (md) os << tr<Msg::step_unit_due_finding>(lang);
  for (const auto& t : pa.tasks) {
    auto fs = engine::findings(t);
    bool any = std::any_of(fs.begin(), fs.end(), [](const engine::Finding& f) {
      return engine::is_finding(f.kind) || f.kind == engine::FindingKind::corrected ||
             f.kind == engine::FindingKind::vacant;
    });
    if (!all && !md && !any) continue;
    std::string text;
    for (const auto& f : fs) text += (text.empty() ? "" : "; ") + finding_text(f, t, p, lang);
    auto deadline = dsl::iso(t.window.deadline);
    if (md)
      os << fmt::format("| {} | {} | {} | {} |\n", step_text(p, t), t.unit, deadline, text);
    else
      os << fmt::format("  {:<28} {:<24} {}  {}\n", step_text(p, t), t.unit, deadline, text);
  }
  os << "\n";
}

// Items before start are listed only with `all`; otherwise counted on a line of their own, as
// the summary counts tasks before start.
void plan_text(std::ostream& os, const std::vector<engine::PlanFinding>& plan, Lang lang, bool all,
               bool md) {
  auto before_start = std::count_if(plan.begin(), plan.end(), [](const engine::PlanFinding& f) {
    return f.kind == FindingKind::before_start;
  });
  if (plan.empty()) return;
  os << (md ? "## " : "") << plan_heading(lang) << "\n\n";
  if (before_start && !all) os << say<Msg::plan_before_start_total>(lang, before_start);
  if (before_start == static_cast<long>(plan.size()) && !all) return;
  if (md) os << tr<Msg::process_activity_measure_unit_finding>(lang);
  for (const auto& f : plan) {
    if (f.kind == FindingKind::before_start && !all) continue;
    const auto& process = f.plan->process->id;
    auto item = plan_finding_item(f);
    auto text = plan_finding_text(f, lang);
    os << (md ? fmt::format("| {} | {} | {} | {} |\n", process, item, plan_unit(f), text)
              : fmt::format("  {:<28} {:<32} {:<24} {}\n", process, item, plan_unit(f), text));
  }
  os << "\n";
}

// --- HTML ---------------------------------------------------------------------------------

constexpr const char* kAuditStyle =
    "body{font-family:system-ui,sans-serif;margin:2em;max-width:70em}"
    "table{border-collapse:collapse;width:100%;margin-bottom:2em}td,th{border:1px solid "
    "#ccc;padding:.3em .5em;text-align:left;vertical-align:top}"
    "th{background:#eee}.late{background:#fff3cd}.missing{background:#f8d7da}.out_of_order,."
    "wrong_role{background:#e2d9f3}"
    ".on_time{background:#d4edda}td.date,td.n{white-space:nowrap}td.n{text-align:right}"
    "@media (max-width:40em){body{margin:.5em}table{font-size:.85em}td,th{padding:.2em "
    ".3em}}";

/// The summary in HTML: without the title (the page's <h1> says it).
void summary_html(Html& h, const AuditReport& r, Lang lang) {
  h.format("<p>{}</p>\n", totals_text(r, lang));
  auto table = [&](const char* title, const engine::TallyMap& rows) {
    h.format("<h2>{}</h2>\n<table><tr><th></th><th>{}</th><th>{}</th><th>{}</th></tr>\n", title,
             tr<Msg::on_time>(lang), tr<Msg::late>(lang), tr<Msg::missing>(lang));
    for (const auto& [name, t] : rows)
      h.format(
          "<tr><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td "
          "class=\"n\">{}</td></tr>\n",
          name, percent(t.on_time, t.due()), percent(t.late, t.due()), percent(t.missing, t.due()));
    h.raw("</table>\n");
  };
  auto sums = tallies(r);
  table(by_role_text(lang), sums.roles);
  table(by_unit_text(lang), sums.units);
  if (!sums.areas.empty()) table(tr<Msg::per_area>(lang), sums.areas);
  auto worst = r.worst_units(5);
  if (worst.empty()) return;
  h.format("<h2>{}</h2>\n<ul>\n", worst_heading(lang));
  for (const auto& [unit, t] : worst) h.format("<li>{}</li>\n", worst_text(unit, t, lang));
  h.raw("</ul>\n");
}

void process_html(Html& h, const engine::ProcessAudit& pa, const dsl::Process& p, Lang lang) {
  h.format("<h2>{}</h2>\n<table><tr>", p.id + " — " + p.title);
  for (const char* th : {tr<Msg::step>(lang), tr<Msg::unit>(lang), tr<Msg::due>(lang),
                         tr<Msg::field_what>(lang), tr<Msg::finding>(lang)})
    h.format("<th>{}</th>", th);
  h.raw("</tr>\n");
  for (const auto& t : pa.tasks) {
    auto fs = engine::findings(t);
    h.format("<tr class=\"{}\"><td>{}</td><td>{}</td><td class=\"date\">{}</td><td>{}</td><td>",
             finding_key(engine::headline(fs)), p.steps[t.step].id, t.unit,
             dsl::iso(t.window.deadline), p.steps[t.step].task);
    for (const auto& f : fs) h.format("{}<br>", finding_text(f, t, p, lang));
    h.raw("</td></tr>\n");
  }
  h.raw("</table>\n");
}

void plan_html(Html& h, const std::vector<engine::PlanFinding>& plan, Lang lang) {
  if (plan.empty()) return;
  h.format("<h2>{}</h2>\n<table><tr>", plan_heading(lang));
  for (const char* th :
       {"process", tr<Msg::activity_measure>(lang), tr<Msg::unit>(lang), tr<Msg::finding>(lang)})
    h.format("<th>{}</th>", th);
  h.raw("</tr>\n");
  for (const auto& f : plan)
    h.format("<tr class=\"{}\"><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n",
             finding_key(f.kind), f.plan->process->id, plan_finding_item(f), plan_unit(f),
             plan_finding_text(f, lang));
  h.raw("</table>\n");
}

}  // namespace

void write_audit_text(std::ostream& os, const AuditReport& r, const std::vector<dsl::Process>& ps,
                      const std::vector<engine::PlanFinding>& plan, Lang lang, bool all, bool md) {
  summary_text(os, r, lang, md);
  for (const auto& pa : r.processes) process_text(os, pa, ps[pa.process], lang, all, md);
  plan_text(os, plan, lang, all, md);
  if (r.unmatched.empty()) return;
  os << (md ? "## " : "") << unmatched_heading(lang) << "\n\n";
  for (const auto& u : r.unmatched) os << "- " << unmatched_text(u, lang) << "\n";
}

// Streamed: the tasks of a large administration (200,000 and more) are written one by one
// instead of being built into one document first (that took 800 MB for 1,000 units).
void write_audit_json(std::ostream& os, const AuditReport& r, const std::vector<dsl::Process>& ps,
                      const std::vector<engine::PlanFinding>& plan, Lang lang) {
  using nlohmann::json;
  auto tally = [](const Tally& t) {
    json j{{"due", t.due()}, {"on_time", t.on_time}, {"late", t.late}, {"missing", t.missing}};
    if (t.before_start) j["before_start"] = t.before_start;
    return j;
  };
  os << "{\"cycle\":" << r.cycle << ",\"as_of\":\"" << dsl::iso(r.as_of)
     << "\",\"findings\":" << r.findings() << ",\"processes\":[";
  for (std::size_t i = 0; i < r.processes.size(); ++i) {
    const auto& pa = r.processes[i];
    const auto& p = ps[pa.process];
    json head{{"process", p.id},
              {"title", p.title},
              {"total", tally(pa.total)},
              {"by_role", json::object()},
              {"by_unit", json::object()}};
    for (const auto& [k, t] : pa.by_role) head["by_role"][k] = tally(t);
    for (const auto& [k, t] : pa.by_unit) head["by_unit"][k] = tally(t);
    for (const auto& [k, t] : pa.by_area) head["by_area"][k] = tally(t);  // only with områden
    std::string text = json_text(head);
    text.pop_back();  // reopen the object to append the task list
    os << (i ? "," : "") << text << ",\"tasks\":[";
    for (std::size_t k = 0; k < pa.tasks.size(); ++k) {
      const auto& t = pa.tasks[k];
      json tj{{"step", p.steps[t.step].id},
              {"unit", t.unit},
              {"occurrence", t.occurrence},
              {"start", dsl::iso(t.window.start)},
              {"deadline", dsl::iso(t.window.deadline)},
              {"findings", json::array()}};
      if (t.done_on) tj["done_on"] = dsl::iso(*t.done_on), tj["done_by"] = t.done_by;
      for (const auto& f : engine::findings(t))
        tj["findings"].push_back(
            {{"kind", finding_key(f.kind)}, {"text", finding_text(f, t, p, lang)}});
      os << (k ? "," : "") << json_text(tj);
    }
    os << "]}";
  }
  json tail{{"unmatched", json::array()}, {"worst_units", json::array()}, {"plan", json::array()}};
  for (const auto& f : plan)
    tail["plan"].push_back({{"process", f.plan->process->id},
                            {"item", plan_finding_item(f)},
                            {"unit", plan_unit(f)},
                            {"kind", finding_key(f.kind)},
                            {"text", plan_finding_text(f, lang)}});
  for (const auto& u : r.unmatched)
    tail["unmatched"].push_back({{"id", u.record.id}, {"text", unmatched_text(u, lang)}});
  for (const auto& [unit, t] : r.worst_units(5))
    tail["worst_units"].push_back({{"unit", unit}, {"tally", tally(t)}});
  std::string rest = json_text(tail);
  os << "]," << rest.substr(1) << "\n";  // the tail's members close the top object
}

void write_audit_html(std::ostream& os, const AuditReport& r,
                      const std::vector<engine::PlanFollowUp>& plans,
                      const std::vector<dsl::Process>& ps, Lang lang) {
  Html h;
  h.begin_page(tr<Msg::lang_code>(lang), fmt::format("{} {}", tr<Msg::audit_word>(lang), r.cycle),
               kAuditStyle);
  h.format("<h1>{}</h1>\n", title_text(r, lang));
  summary_html(h, r, lang);
  for (const auto& pa : r.processes) {
    process_html(h, pa, ps[pa.process], lang);
    os << h.take();  // a process at a time: the page of a large administration is long
  }
  plan_html(h, engine::plan_findings(plans, r.as_of, true), lang);
  if (!r.unmatched.empty()) {
    h.format("<h2>{}</h2><ul>\n", unmatched_heading(lang));
    for (const auto& u : r.unmatched) h.format("<li>{}</li>\n", unmatched_text(u, lang));
    h.raw("</ul>\n");
  }
  h.raw("</body></html>\n");
  os << h.take();
}

}  // namespace arshjul::present
