// status, next: what each role and unit must do, as of a date.
#include <fmt/format.h>

#include <filesystem>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <tuple>

#include "cli/inputs.hpp"
#include "cli/versions.hpp"
#include "dsl/collate.hpp"
#include "dsl/text.hpp"
#include "engine/engine.hpp"
#include "engine/plan.hpp"
#include "engine/snapshot.hpp"
#include "engine/store.hpp"
#include "present/json.hpp"

namespace arshjul::cli {
namespace {

using engine::State;
using engine::Task;

struct StatusOptions {
  InputOptions in;
  std::string role, unit, format = "text";
  std::optional<int> lead_days;
  bool all = false;
};

/// A task as seen by one of its roles.
struct Entry {
  const Task* task;
  std::string role;
  std::string unit;
  State state;       ///< not_applicable for a `vid behov` role
  std::string area;  ///< the område of the unit, when the roster has them
};

template <typename Keep>
std::vector<Entry> entries_for(const std::vector<Task>& tasks, const std::vector<dsl::Process>& ps,
                               const StatusOptions& o, Keep keep) {
  std::vector<Entry> out;
  for (const auto& t : tasks) {
    const auto& p = ps[t.process];
    const auto& step = p.steps[t.step];
    for (const auto& r : step.roles) {
      const auto& role = p.roles[r.role];
      std::string unit = role.per_unit || role.per_area ? t.unit : std::string();
      State state = r.if_needed ? State::not_applicable : t.state;
      if (!o.role.empty() && p.find_role(o.role) != r.role) continue;
      if (!o.unit.empty() && dsl::fold(o.unit) != dsl::fold(t.unit)) continue;
      Entry e{&t, role.name, unit, state, unit.empty() ? std::string() : t.area};
      if (keep(e)) out.push_back(std::move(e));  // filtered as made: most tasks are not shown
    }
  }
  return out;
}

std::string blockers_text(const Task& t, const dsl::Process& p, dsl::Lang lang) {
  std::string out;
  for (const auto& b : t.blocked_by) {
    if (!out.empty()) out += ", ";
    out += present::step_ref_text(p, b.step, b.linked, lang);
    if (b.units_total) out += say<Msg::units_left>(lang, b.units_missing, b.units_total);
  }
  return out;
}

nlohmann::json task_json(const Entry& e, const std::vector<dsl::Process>& ps, dsl::Lang lang) {
  const Task& t = *e.task;
  const auto& p = ps[t.process];
  const auto& s = p.steps[t.step];
  nlohmann::json j{{"process", p.id},
                   {"cycle", t.cycle},
                   {"step", s.id},
                   {"occurrence", t.occurrence},
                   {"unit", t.unit},
                   {"state", state_name(e.state, dsl::Lang::en)},
                   {"state_text", state_name(e.state, lang)},
                   {"start", dsl::iso(t.window.start)},
                   {"deadline", dsl::iso(t.window.deadline)},
                   {"when", s.when.text},
                   {"task", s.task}};
  if (e.state == State::overdue || e.state == State::done_late)
    j["days_late"] = t.days;
  else if (e.state != State::done && e.state != State::not_applicable)
    j["days_left"] = t.days;
  if (t.done_on) j["done_on"] = dsl::iso(*t.done_on);
  if (t.vacant) j["vacant"] = true;
  if (!e.area.empty()) j["area"] = e.area;
  if (t.window.moved_from) {
    j["moved_from"] = dsl::iso(*t.window.moved_from);
    j["moved_because"] = deadline_text(t.window, lang);
  }
  auto& blocked = j["blocked_by"] = nlohmann::json::array();
  for (const auto& b : t.blocked_by) {
    nlohmann::json bj{{"step", b.linked ? b.linked->step : p.steps[b.step].id}};
    if (b.linked) bj["process"] = b.linked->process, bj["cycle"] = b.linked->cycle;
    if (b.units_total) bj["units_missing"] = b.units_missing, bj["units_total"] = b.units_total;
    blocked.push_back(bj);
  }
  return j;
}

std::string state_detail(const Entry& e, dsl::Lang lang) {
  return present::days_text(e.state, e.task->days, lang, /*brief=*/true);
}

void print_text(const std::vector<Entry>& entries, const std::vector<dsl::Process>& ps,
                dsl::Date date, dsl::Lang lang) {
  // Each task once, however many roles see it.
  std::map<State, std::set<const Task*>> counted;
  for (const auto& e : entries) counted[e.state].insert(e.task);
  std::map<State, std::size_t> counts;
  for (const auto& [state, tasks] : counted) counts[state] = tasks.size();
  std::cout << say<Msg::status_summary>(lang, dsl::iso(date), counts[State::overdue],
                                        counts[State::blocked], counts[State::due_soon],
                                        counts[State::ready]);
  std::string group;
  for (const auto& e : entries) {
    // grouped by role, then område, then unit: an område's own tasks come first in it
    std::string g = e.role + (e.area.empty() || e.area == e.unit ? "" : " · " + e.area) +
                    (e.unit.empty() ? "" : " · " + e.unit);
    if (g != group) std::cout << "\n" << (group = g) << "\n";
    const Task& t = *e.task;
    const auto& p = ps[t.process];
    const auto& s = p.steps[t.step];
    std::string line = fmt::format("  {:<10} {:<10} {} {} {}", state_name(e.state, lang),
                                   state_detail(e, lang), p.id, t.cycle, s.id);
    if (e.unit.empty() && !t.unit.empty())
      line += " (" + t.unit + ")";  // a unit's task seen from above
    if (p.steps[t.step].when.occurrences.size() > 1) line += fmt::format(" #{}", t.occurrence);
    line += say<Msg::status_when_due>(lang, s.when.text, deadline_text(t.window, lang));
    if (!t.blocked_by.empty()) line += say<Msg::status_waits_for>(lang, blockers_text(t, p, lang));
    if (t.vacant && !e.unit.empty()) line += tr<Msg::status_vacant>(lang);
    std::cout << line << "\n";
  }
}

// --- the plan: overdue activities and missing measure values ------------------------------

/// An item of the plan that needs someone now, as seen by one of its roles.
struct PlanEntry {
  std::string role, unit;
  const engine::ActivityLine* activity = nullptr;  // or
  const engine::MeasureLine* measure = nullptr;
};

std::vector<PlanEntry> plan_entries(const std::vector<engine::PlanFollowUp>& plans,
                                    const StatusOptions& o) {
  std::vector<PlanEntry> out;
  auto add = [&](const dsl::Process& p, const std::vector<dsl::RoleRef>& roles,
                 const std::string& unit, PlanEntry e) {
    for (const auto& r : roles) {
      if (r.if_needed || (!o.role.empty() && p.find_role(o.role) != r.role)) continue;
      if (!o.unit.empty() && dsl::fold(o.unit) != dsl::fold(unit)) continue;
      e.role = p.roles[r.role].name;
      e.unit = p.roles[r.role].per_unit ? unit : std::string();
      out.push_back(e);
    }
  };
  for (const auto& f : plans) {
    for (const auto& a : f.activities)
      if (a.overdue) add(*f.process, a.activity->roles, a.unit, {{}, {}, &a, nullptr});
    for (const auto& m : f.measures)
      if (m.missing) add(*f.process, m.measure->roles, m.unit, {{}, {}, nullptr, &m});
  }
  std::stable_sort(out.begin(), out.end(), [](const PlanEntry& a, const PlanEntry& b) {
    if (int c = dsl::swedish_compare(a.role, b.role)) return c < 0;
    return dsl::swedish_compare(a.unit, b.unit) < 0;
  });
  return out;
}

std::string plan_line(const PlanEntry& e, dsl::Date date, dsl::Lang lang) {
  auto late = [&](dsl::Date since) {
    auto days = (std::chrono::sys_days(date) - std::chrono::sys_days(since)).count();
    return say<Msg::status_days_late>(lang, days);
  };
  if (const auto* a = e.activity) {
    std::string status =
        a->status ? engine::status_word(*a->status, lang) : tr<Msg::no_status>(lang);
    return say<Msg::status_activity_line>(
        lang, tr<Msg::overdue>(lang), late(*a->planned), a->process->id, a->year, a->activity->id,
        e.unit.empty() && !a->unit.empty() ? " (" + a->unit + ")" : "", a->activity->due->text,
        dsl::iso(*a->planned), status);
  }
  const auto* m = e.measure;
  return say<Msg::status_measure_line>(
      lang, tr<Msg::missing>(lang), late(m->due), m->process->id, m->year, m->measure->id,
      m->tertial, e.unit.empty() && !m->unit.empty() ? " (" + m->unit + ")" : "", dsl::iso(m->due));
}

nlohmann::json plan_json(const PlanEntry& e) {
  if (const auto* a = e.activity)
    return {{"role", e.role},
            {"unit", e.unit},
            {"kind", "activity_overdue"},
            {"process", a->process->id},
            {"cycle", a->year},
            {"activity", a->activity->id},
            {"item_unit", a->unit},
            {"planned", dsl::iso(*a->planned)},
            {"status", a->status ? nlohmann::json(engine::status_word(*a->status, dsl::Lang::sv))
                                 : nlohmann::json()}};
  const auto* m = e.measure;
  return {{"role", e.role},          {"unit", e.unit},
          {"kind", "value_missing"}, {"process", m->process->id},
          {"cycle", m->year},        {"measure", m->measure->id},
          {"item_unit", m->unit},    {"tertial", m->tertial},
          {"due", dsl::iso(m->due)}};
}

void print_json(const std::vector<Entry>& entries, const std::vector<PlanEntry>& plan,
                const std::vector<dsl::Process>& ps,
                const std::vector<engine::RuleVersion>& differing, dsl::Date date, dsl::Lang lang) {
  nlohmann::json out{{"date", dsl::iso(date)},
                     {"groups", nlohmann::json::array()},
                     {"plan", nlohmann::json::array()}};
  // The cycles whose recorded rules (used) differ from the files.
  if (!differing.empty()) {
    auto& rules = out["rules_differ"] = nlohmann::json::array();
    for (const auto& v : differing) rules.push_back({{"process", v.process}, {"cycle", v.cycle}});
  }
  for (const auto& e : plan) out["plan"].push_back(plan_json(e));
  for (const auto& e : entries) {
    auto& groups = out["groups"];
    if (groups.empty() || groups.back()["role"] != e.role || groups.back()["unit"] != e.unit)
      groups.push_back({{"role", e.role}, {"unit", e.unit}, {"tasks", nlohmann::json::array()}});
    groups.back()["tasks"].push_back(task_json(e, ps, lang));
  }
  std::cout << present::json_text(out, 2) << "\n";
}

void print_plan_text(const std::vector<PlanEntry>& plan, dsl::Date date, dsl::Lang lang) {
  if (plan.empty()) return;
  std::set<const void*> activities, values;  // each item once, however many roles see it
  for (const auto& e : plan)
    (e.activity ? activities.insert(e.activity) : values.insert(e.measure));
  std::cout << "\n"
            << say<Msg::status_plan_summary>(lang, activities.size(), values.size()) << "\n";
  std::string group;
  for (const auto& e : plan) {
    std::string gname = e.unit.empty() ? e.role : e.role + " · " + e.unit;
    if (gname != group) std::cout << "\n" << (group = gname) << "\n";
    std::cout << plan_line(e, date, lang) << "\n";
  }
}

int run(const StatusOptions& o, const GlobalOptions& g, bool next_only) {
  auto inputs = load_inputs(o.in, g);
  if (!inputs) return kExitBadInput;
  const auto& ps = inputs->rules.processes;
  if (!known_role(o.role, ps, g) || !known_unit(o.unit, inputs->roster, g)) return kExitBadInput;
  engine::SnapshotOptions so;
  so.engine.lead_days = o.lead_days;
  // The plan's overdue activities and missing values, beside the steps (not for `next`,
  // which lists steps one can act on now).
  so.plans = !next_only;
  engine::Snapshot snap;
  try {
    auto store = open_existing_store(inputs->store);
    snap = engine::load_snapshot(ps, inputs->roster, &store, inputs->date, so);
  } catch (const engine::StoreError& e) {
    std::cerr << "arshjul: " << e.text(g.language()) << "\n";
    return kExitStoreError;
  }
  auto keep = [&](const Entry& e) {
    if (next_only)
      return (e.state == State::overdue && e.task->blocked_by.empty()) || e.state == State::ready ||
             (e.state == State::due_soon &&
              std::chrono::sys_days(e.task->window.start) <= std::chrono::sys_days(inputs->date));
    return o.all || engine::needs_attention(e.state);
  };
  // Each cycle by the rules in force for it: a task's process is one of snap's.
  const auto& rules = snap.processes();
  auto entries = entries_for(snap.tasks, rules, o, keep);
  std::stable_sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) {
    if (int c = dsl::swedish_compare(a.role, b.role)) return c < 0;
    if (int c = dsl::swedish_compare(a.area, b.area)) return c < 0;
    if (int c = dsl::swedish_compare(a.unit, b.unit)) return c < 0;
    return engine::more_urgent(a.state, *a.task, b.state, *b.task);
  });
  dsl::Lang lang = g.language();
  auto plan = plan_entries(snap.plans, o);
  if (o.format == "json") {
    print_json(entries, plan, rules, snap.rules.differing, inputs->date, lang);
  } else {
    std::cout << files_differ_line(snap.rules, lang);
    print_text(entries, rules, inputs->date, lang);
    print_plan_text(plan, inputs->date, lang);
  }
  return kExitOk;
}

}  // namespace

void add_status_commands(CLI::App& app, const GlobalOptions& g, int& exit_code) {
  static StatusOptions status, next;
  auto* s = app.add_subcommand("status", tr<Msg::cli_help_status>(g.language()));
  add_input_options(s, status.in, false, g);
  s->add_option("--role", status.role, tr<Msg::cli_help_status_role>(g.language()));
  s->add_option("--unit", status.unit, tr<Msg::cli_help_status_unit>(g.language()));
  s->add_option("--format", status.format, tr<Msg::cli_help_format_text_json>(g.language()))
      ->check(CLI::IsMember({"text", "json"}));
  s->add_option("--lead-days", status.lead_days, tr<Msg::cli_help_lead_days>(g.language()));
  s->add_flag("--all", status.all, tr<Msg::cli_help_status_all>(g.language()));
  s->callback([&] { exit_code = run(status, g, false); });

  auto* n = app.add_subcommand("next", tr<Msg::cli_help_next>(g.language()));
  add_input_options(n, next.in, false, g);
  n->add_option("--role", next.role, tr<Msg::cli_help_next_role>(g.language()))->required();
  n->add_option("--unit", next.unit, tr<Msg::cli_help_next_unit>(g.language()));
  n->add_option("--format", next.format, tr<Msg::cli_help_format_text_json>(g.language()))
      ->check(CLI::IsMember({"text", "json"}));
  n->add_option("--lead-days", next.lead_days, tr<Msg::cli_help_lead_days>(g.language()));
  n->callback([&] { exit_code = run(next, g, true); });
}

}  // namespace arshjul::cli
