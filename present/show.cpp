#include "present/show.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>

#include "dsl/months.hpp"
#include "dsl/text.hpp"
#include "engine/plan.hpp"
#include "present/table.hpp"
#include "present/texts.hpp"

namespace arshjul::present {
namespace {

using dsl::Lang;

std::string role_names(const dsl::Process& p, const std::vector<dsl::RoleRef>& roles) {
  return dsl::join(roles, ", ", [&](const dsl::RoleRef& r) { return p.roles[r.role].name; });
}

std::string goal_ids(const dsl::Process& p, const std::vector<std::size_t>& goals) {
  return dsl::join(goals, ", ", [&](std::size_t g) { return p.goals[g].id; });
}

/// An activity or measure table: three columns of its own, then VEM, its text and its goals.
std::string item_table(std::vector<Column> columns, Column text,
                       const std::vector<std::vector<std::string>>& rows, Lang lang) {
  columns.push_back({tr<Msg::field_who>(lang), 24});
  columns.push_back(std::move(text));
  columns.push_back({tr<Msg::head_goals>(lang), 30});
  return render_table(columns, rows) + "\n";
}

std::string goals_table(const dsl::Process& p, Lang lang) {
  std::vector<std::vector<std::string>> rows;
  for (const auto& g : p.goals)
    rows.push_back({g.id, dsl::level_name(g.level, lang), g.parent ? p.goals[*g.parent].id : "",
                    g.perspective ? p.perspectives[*g.perspective].title : "", g.title});
  return render_table({{tr<Msg::head_goal>(lang)},
                       {tr<Msg::head_level>(lang)},
                       {"UNDER"},
                       {tr<Msg::head_perspective>(lang)},
                       {tr<Msg::head_title>(lang), 50}},
                      rows) +
         "\n";
}

std::string activities_table(const dsl::Process& p, int year, Lang lang) {
  std::vector<std::vector<std::string>> rows;
  for (const auto& a : p.activities) {
    auto planned = engine::planned_completion(p, a, year);
    rows.push_back({a.id, a.due ? a.due->text : "", planned ? dsl::iso(*planned) : "",
                    role_names(p, a.roles), a.task, goal_ids(p, a.goals)});
  }
  return item_table(
      {{tr<Msg::head_activity>(lang)}, {tr<Msg::field_due>(lang)}, {tr<Msg::head_planned>(lang)}},
      {tr<Msg::field_what>(lang), 50}, rows, lang);
}

std::string measures_table(const dsl::Process& p, Lang lang) {
  std::vector<std::vector<std::string>> rows;
  for (const auto& m : p.measures) {
    std::string tertials;
    for (int t : m.tertials) tertials += (tertials.empty() ? "T" : ", T") + std::to_string(t);
    rows.push_back({m.id,
                    std::string(m.direction == dsl::Direction::higher ? "≥ " : "≤ ") +
                        engine::number_text(m.target, lang) + (m.unit.empty() ? "" : " " + m.unit),
                    tertials, role_names(p, m.roles), m.title, goal_ids(p, m.goals)});
  }
  return item_table({{tr<Msg::head_measure>(lang)},
                     {tr<Msg::head_target>(lang)},
                     {tr<Msg::head_follow_up>(lang)}},
                    {tr<Msg::head_title>(lang), 50}, rows, lang);
}

/// ENHETER after VEM: " [skolform = grundskola]".
std::string units_suffix(const dsl::Step& s) {
  return s.units.empty() ? std::string() : " [" + dsl::filter_text(s.units) + "]";
}

/// The closed days of some units (`stängt ... för`), one line each.
std::string unit_closed_text(const dsl::Process& p, Lang lang) {
  std::string out;
  for (const auto& c : p.unit_closed) {
    auto day = [&](int m, int d) {
      return c.period.year
                 ? fmt::format("{:04}-{:02}-{:02}", *c.period.year, m, d)
                 : fmt::format("{} {}", d, dsl::month_name(static_cast<unsigned>(m), lang));
    };
    bool one = c.period.from_month == c.period.to_month && c.period.from_day == c.period.to_day;
    std::string days = day(c.period.from_month, c.period.from_day) +
                       (one ? "" : " – " + day(c.period.to_month, c.period.to_day));
    out += say<Msg::show_unit_closed>(lang, days, dsl::filter_text(c.filter));
  }
  return out.empty() ? out : out + "\n";
}

/// The cycle as the seeds' table in date order: from, deadline, NÄR, VEM, VAD, step, EFTER.
std::string cycle_table(const dsl::Process& p, int year, Lang lang) {
  struct Row {
    dsl::Window w;
    std::vector<std::string> cells;
  };
  std::vector<Row> rows;
  std::vector<dsl::Diagnostic> unused;
  for (const auto& s : p.steps) {
    std::string deps = p.dependency_ids(s);
    for (const auto& w : dsl::windows(p, s, year, unused))
      rows.push_back(
          {w,
           {dsl::iso(w.start), deadline_text(w, lang), s.when.text,
            roles_text(p, s, lang) + units_suffix(s), task_text(p, s, lang), s.id, deps}});
  }
  std::stable_sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) {
    using std::chrono::sys_days;
    return std::pair(sys_days(a.w.start), sys_days(a.w.deadline)) <
           std::pair(sys_days(b.w.start), sys_days(b.w.deadline));
  });
  std::vector<std::vector<std::string>> cells;
  for (auto& r : rows) cells.push_back(std::move(r.cells));
  return render_table({{tr<Msg::head_from>(lang)},
                       {tr<Msg::head_deadline>(lang), 24},
                       {tr<Msg::field_when>(lang), 24},
                       {tr<Msg::field_who>(lang), 28},
                       {tr<Msg::field_what>(lang), 60},
                       {tr<Msg::head_step>(lang)},
                       {tr<Msg::field_after>(lang), 30}},
                      cells) +
         "\n";
}

}  // namespace

std::string check_text(const dsl::Process& p, Lang lang) {
  std::string out = say<Msg::process_steps_roles_dependencies>(
      lang, p.where.file.str(), p.id, p.steps.size(), p.roles.size(), p.dependency_count());
  if (!p.goals.empty() || !p.activities.empty() || !p.measures.empty())
    out += say<Msg::goals_activities_measures>(lang, p.goals.size(), p.activities.size(),
                                               p.measures.size());
  return out + "\n";
}

std::string show_text(const dsl::Process& p, int year, Lang lang) {
  bool two_years = p.cycle != dsl::CycleKind::calendar_year;  // läsår, cykel från november
  std::string out =
      fmt::format("{} ({}, {} {})\n\n", process_title(p), p.id, dsl::cycle_name(p.cycle, lang),
                  two_years ? fmt::format("{}/{}", year, year + 1) : std::to_string(year));
  if (!p.steps.empty() || (p.goals.empty() && p.activities.empty() && p.measures.empty()))
    out += cycle_table(p, year, lang);
  out += unit_closed_text(p, lang);
  // The plan, if it has one: its goals (with the chain), activities (with the planned
  // completion in `year`) and measures.
  if (!p.goals.empty()) out += goals_table(p, lang);
  if (!p.activities.empty()) out += activities_table(p, year, lang);
  if (!p.measures.empty()) out += measures_table(p, lang);
  return out;
}

}  // namespace arshjul::present
