#include "engine/cycle.hpp"

#include <algorithm>

#include "dsl/text.hpp"

namespace arshjul::engine {
namespace ch = std::chrono;

int days_of(dsl::Date d) {
  return static_cast<int>(ch::sys_days(d).time_since_epoch().count());
}
dsl::Date date_of(int days) {
  return dsl::Date(ch::sys_days(ch::days(days)));
}

CycleView::CycleView(const dsl::Process& process, std::size_t process_index, int cycle,
                     const Roster& roster, const Records& records)
    : p_(process), process_(process_index), cycle_(cycle), roster_(roster), records_(records) {
  std::vector<dsl::Diagnostic> ignored;  // date errors were reported by `check`
  for (const auto& s : p_.steps) windows_.push_back(dsl::windows(p_, s, cycle, ignored));
}

std::vector<int> CycleView::units_of(std::size_t step) const {
  if (!p_.per_unit(p_.steps[step])) return {-1};
  std::vector<int> units(roster_.units.size());
  for (std::size_t u = 0; u < units.size(); ++u) units[u] = static_cast<int>(u);
  return units;
}

const Records::Done* CycleView::done(std::size_t step, int unit, int occurrence) const {
  return records_.find(
      TaskKey{std::uint32_t(process_), cycle_, std::uint32_t(step), unit, occurrence});
}

bool CycleView::optional(std::size_t step) const {
  if (dsl::is_information(p_.steps[step].type)) return true;  // shown, never a task
  const auto& roles = p_.steps[step].roles;
  return !roles.empty() &&
         std::all_of(roles.begin(), roles.end(), [](const dsl::RoleRef& r) { return r.if_needed; });
}

const Records::Done* CycleView::latest(std::size_t step, int unit) const {
  for (std::size_t k = windows_[step].size(); k > 0; --k)
    if (auto d = done(step, unit, static_cast<int>(k))) return d;
  return nullptr;
}

CycleView::Cond CycleView::condition(std::size_t step, int unit) const {
  const auto& c = p_.steps[step].condition;
  if (!c) return Cond::met;
  int u = p_.per_unit(p_.steps[c->step]) ? unit : -1;
  const Records::Done* d = latest(c->step, u);
  if (!d) return Cond::pending;
  return dsl::fold(d->outcome) == dsl::fold(c->outcome) ? Cond::met : Cond::not_met;
}

std::vector<Prerequisite> CycleView::prerequisites(std::size_t step, int unit,
                                                   const dsl::Window& w) const {
  std::vector<Prerequisite> out;
  for (const auto& d : p_.steps[step].deps) {
    int occurrence = 1;
    for (std::size_t k = 0; k < windows_[d.step].size(); ++k)
      if (ch::sys_days(windows_[d.step][k].deadline) <= ch::sys_days(w.deadline))
        occurrence = static_cast<int>(k) + 1;
    if (!p_.per_unit(p_.steps[d.step]))
      out.push_back({d.step, -1, occurrence});
    else if (unit >= 0)
      out.push_back({d.step, unit, occurrence});
    else
      for (std::size_t u = 0; u < roster_.units.size(); ++u)
        out.push_back({d.step, static_cast<int>(u), occurrence});
  }
  return out;
}

bool CycleView::satisfied(const Prerequisite& p) const {
  if (windows_[p.step].empty() || optional(p.step)) return true;
  if (condition(p.step, p.unit) == Cond::not_met) return true;
  return done(p.step, p.unit, p.occurrence) != nullptr;
}

}  // namespace arshjul::engine
