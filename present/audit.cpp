#include "present/audit.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <ostream>

#include "present/audit_parts.hpp"
#include "present/json.hpp"
#include "present/texts.hpp"

namespace arshjul::present {
namespace {

using dsl::Lang;
using engine::AuditReport;
using engine::Tally;
using namespace audit_parts;

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
      return engine::is_finding(f.kind) || f.kind == engine::FindingKind::corrected;
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

}  // namespace arshjul::present
