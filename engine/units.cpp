#include "engine/units.hpp"

#include <algorithm>
#include <map>

#include "dsl/collate.hpp"
#include "dsl/text.hpp"

namespace arshjul::engine {
namespace {

/// The distinct values of column `column` over the roster's units.
std::vector<std::string> column_values(const Roster& roster, std::size_t column) {
  std::vector<std::string> out;
  for (const auto& [unit, values] : roster.attributes) {
    if (column >= values.size() || values[column].empty()) continue;
    const std::string& value = values[column];  // (clang 14 cannot capture a binding)
    if (std::none_of(out.begin(), out.end(),
                     [&](const std::string& v) { return dsl::fold(v) == dsl::fold(value); }))
      out.push_back(value);
  }
  return out;
}

std::optional<std::size_t> find_column(const Roster& roster, const std::string& name) {
  for (std::size_t c = 0; c < roster.columns.size(); ++c)
    if (dsl::fold(roster.columns[c]) == dsl::fold(name) ||
        (is_area_column(roster.columns[c]) && is_area_column(name)))
      return c;
  return std::nullopt;
}

/// The closest value, or else the one value `v` is the start of (`fritids`: `fritidshem`).
std::optional<std::string> suggest_value(const std::string& v,
                                         const std::vector<std::string>& values) {
  if (auto c = dsl::closest(v, values)) return c;
  std::optional<std::string> only;
  for (const auto& x : values)
    if (dsl::fold(x).rfind(dsl::fold(v), 0) == 0) {
      if (only) return std::nullopt;
      only = x;
    }
  return only;
}

void check_filter(const dsl::UnitFilter& filter, const Roster& roster,
                  std::vector<dsl::Diagnostic>& errors) {
  for (const auto& condition : filter) {
    auto column = find_column(roster, condition.attribute.text);
    if (!column) {
      std::string columns = dsl::join(roster.columns, ", ");
      errors.push_back({condition.attribute.where,
                        dsl::Msg::unknown_unit_attribute,
                        {condition.attribute.text, columns.empty() ? "-" : columns},
                        dsl::closest(condition.attribute.text, roster.columns)});
      continue;
    }
    auto values = column_values(roster, *column);
    for (const auto& v : condition.values)
      if (std::none_of(values.begin(), values.end(),
                       [&](const std::string& x) { return dsl::fold(x) == dsl::fold(v.text); }))
        errors.push_back({v.where,
                          dsl::Msg::unknown_unit_value,
                          {roster.columns[*column], v.text},
                          suggest_value(v.text, values)});
  }
}

// A per-område role some step needs, when the roster cannot say which units form an område.
void check_area_roles(const dsl::Process& p, const Roster& roster,
                      std::vector<dsl::Diagnostic>& errors) {
  if (roster.area_column()) return;
  for (const auto& role : p.roles)
    if (role.per_area)
      errors.push_back({role.where, dsl::Msg::roster_no_area_column, {role.name}, {}});
}

}  // namespace

void check_unit_filters(const std::vector<dsl::Process>& processes, const Roster& roster,
                        std::vector<dsl::Diagnostic>& errors) {
  for (const auto& p : processes) {
    for (const auto& s : p.steps) check_filter(s.units, roster, errors);
    for (const auto& c : p.unit_closed) check_filter(c.filter, roster, errors);
    check_area_roles(p, roster, errors);
  }
}

std::vector<Vacancy> vacancies(const std::vector<dsl::Process>& processes, const Roster& roster) {
  std::vector<Vacancy> out;
  for (std::size_t pi = 0; pi < processes.size(); ++pi) {
    const auto& p = processes[pi];
    // (role, unit) -> steps; a role is held at a unit when someone has it there
    std::map<std::pair<std::size_t, std::string>, std::vector<std::size_t>> open;
    for (std::size_t s = 0; s < p.steps.size(); ++s) {
      const auto& step = p.steps[s];
      bool area = p.per_area(step);
      if (!area && !p.per_unit(step)) continue;
      std::vector<std::string> places;
      for (const auto& u : area ? roster.areas : roster.units)
        if (area || roster.matches(u, step.units)) places.push_back(u);
      for (const auto& r : step.roles) {
        const auto& role = p.roles[r.role];
        if (r.if_needed || !(area ? role.per_area : role.per_unit)) continue;
        for (const auto& place : places) {
          bool held = std::any_of(roster.people.begin(), roster.people.end(), [&](const Person& x) {
            return holds(x, p, r.role) && dsl::fold(area ? x.area : x.unit) == dsl::fold(place);
          });
          if (!held) open[{r.role, place}].push_back(s);
        }
      }
    }
    for (auto& [key, steps] : open) out.push_back({pi, key.first, key.second, std::move(steps)});
  }
  std::stable_sort(out.begin(), out.end(), [](const Vacancy& a, const Vacancy& b) {
    if (a.process != b.process) return a.process < b.process;
    if (a.role != b.role) return a.role < b.role;
    return dsl::SwedishLess{}(a.unit, b.unit);
  });
  return out;
}

bool unit_closed_on(const dsl::Process& process, const Roster& roster, const std::string& unit,
                    dsl::Date date) {
  if (process.unit_closed.empty() || unit.empty()) return false;
  std::vector<dsl::ClosedPeriod> periods;
  for (const auto& c : process.unit_closed)
    if (roster.matches(unit, c.filter)) periods.push_back(c.period);
  return !periods.empty() && dsl::WorkCalendar(std::move(periods)).in_declared_closure(date);
}

}  // namespace arshjul::engine
