#include "engine/cycle.hpp"

#include <algorithm>
#include <map>

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
                     const Roster& roster, const Records& records,
                     const std::vector<dsl::Process>* all)
    : p_(process),
      process_(process_index),
      cycle_(cycle),
      roster_(roster),
      records_(records),
      all_(all) {
  std::vector<dsl::Diagnostic> ignored;  // date errors were reported by `check`
  for (const auto& s : p_.steps) windows_.push_back(dsl::windows(p_, s, cycle, ignored));
  add_unit_calendars();
  add_holders();
  if (roster_.area_column())
    for (int u = 0; u < static_cast<int>(roster_.units.size() + roster_.areas.size()); ++u)
      areas_.push_back(roster_.area_of(roster_.name_of(u)));
}

const std::string& CycleView::area(int unit) const {
  static const std::string kNone;
  return unit < 0 || static_cast<std::size_t>(unit) >= areas_.size() ? kNone : areas_[unit];
}

// Units with the same `stängt ... för` periods share one calendar and one set of windows.
void CycleView::add_unit_calendars() {
  if (p_.unit_closed.empty()) return;
  std::map<std::vector<std::size_t>, std::size_t> seen;
  variant_.assign(roster_.units.size(), 0);
  std::vector<dsl::Diagnostic> ignored;
  for (std::size_t u = 0; u < roster_.units.size(); ++u) {
    std::vector<std::size_t> which;
    for (std::size_t k = 0; k < p_.unit_closed.size(); ++k)
      if (roster_.matches(roster_.units[u], p_.unit_closed[k].filter)) which.push_back(k);
    if (which.empty()) continue;
    auto [it, fresh] = seen.emplace(which, calendars_.size() + 1);
    if (fresh) {
      auto closed = p_.calendar.closed_periods();
      for (auto k : which) closed.push_back(p_.unit_closed[k].period);
      calendars_.emplace_back(std::move(closed));
      auto& ws = unit_windows_.emplace_back();
      for (const auto& s : p_.steps)
        ws.push_back(dsl::windows(p_, s, cycle_, ignored, calendars_.back()));
    }
    variant_[u] = it->second;
  }
}

// Who holds what where, once per view: a task with nobody is a vacancy.
void CycleView::add_holders() {
  for (const auto& person : roster_.people)
    for (auto r : {p_.find_role(person.role_as_written), p_.find_role(person.role)}) {
      if (!r) continue;
      const auto& role = p_.roles[*r];
      int at = role.per_unit   ? records_.unit_index(person.unit)
               : role.per_area ? records_.unit_index(person.area)
                               : -1;
      held_.insert({*r, at});
    }
}

const std::vector<dsl::Window>& CycleView::windows(std::size_t step, int unit) const {
  auto u = static_cast<std::size_t>(unit);
  if (unit < 0 || u >= variant_.size() || variant_[u] == 0) return windows_[step];
  return unit_windows_[variant_[u] - 1][step];
}

const dsl::WorkCalendar& CycleView::calendar(int unit) const {
  auto u = static_cast<std::size_t>(unit);
  if (unit < 0 || u >= variant_.size() || variant_[u] == 0) return p_.calendar;
  return calendars_[variant_[u] - 1];
}

std::vector<int> CycleView::units_of(std::size_t step) const {
  const auto& s = p_.steps[step];
  std::vector<int> units;
  if (p_.per_unit(s)) {
    for (std::size_t u = 0; u < roster_.units.size(); ++u)
      if (roster_.matches(roster_.units[u], s.units)) units.push_back(static_cast<int>(u));
  } else if (p_.per_area(s)) {
    for (std::size_t a = 0; a < roster_.areas.size(); ++a)
      units.push_back(static_cast<int>(roster_.units.size() + a));
  } else {
    units.push_back(-1);
  }
  return units;
}

bool CycleView::vacant(std::size_t step, int unit) const {
  if (unit < 0) return false;
  bool area = static_cast<std::size_t>(unit) >= roster_.units.size();
  return std::none_of(p_.steps[step].roles.begin(), p_.steps[step].roles.end(),
                      [&](const dsl::RoleRef& r) {
                        const auto& role = p_.roles[r.role];
                        return !r.if_needed && (area ? role.per_area : role.per_unit) &&
                               held_.count({r.role, unit});
                      });
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

// The prerequisites on step `dep` of view `of` (this one, or a linked process's or cycle's):
// of a repeated step the latest occurrence due by `w`'s deadline, spread over units and
// områden alike in both.
void CycleView::add(const CycleView& of, std::size_t dep, int unit, const dsl::Window& w,
                    std::vector<Prerequisite>& out) const {
  int occurrence = 1;
  const auto& theirs = of.windows_[dep];
  for (std::size_t k = 0; k < theirs.size(); ++k)
    if (ch::sys_days(theirs[k].deadline) <= ch::sys_days(w.deadline))
      occurrence = static_cast<int>(k) + 1;
  const std::size_t first = out.size();
  if (of.p_.per_unit(of.p_.steps[dep]) || of.p_.per_area(of.p_.steps[dep]))
    of.spread(out, dep, unit, occurrence);
  else
    out.push_back({dep, -1, occurrence});
  if (&of != this)
    for (std::size_t i = first; i < out.size(); ++i) out[i].view = &of;
}

std::vector<Prerequisite> CycleView::prerequisites(std::size_t step, int unit,
                                                   const dsl::Window& w) const {
  std::vector<Prerequisite> out;
  for (const auto& d : p_.steps[step].deps) add(*this, d.step, unit, w, out);
  for (const auto& l : p_.steps[step].links)
    if (auto target = linked_step(l, w)) add(*target->first, target->second, unit, w, out);
  return out;
}

void CycleView::spread(std::vector<Prerequisite>& out, std::size_t dep, int unit,
                       int occurrence) const {
  const bool dep_area = p_.per_area(p_.steps[dep]);
  const bool at_unit = unit >= 0 && static_cast<std::size_t>(unit) < roster_.units.size();
  const bool at_area = unit >= 0 && !at_unit;
  if (at_unit && dep_area) {  // the unit's own område
    int a = area(unit).empty() ? -1 : records_.unit_index(area(unit));
    if (a >= 0) out.push_back({dep, a, occurrence});
  } else if (at_unit) {  // the same unit, when the dependency's ENHETER lets it in
    if (roster_.matches(roster_.units[static_cast<std::size_t>(unit)], p_.steps[dep].units))
      out.push_back({dep, unit, occurrence});
  } else if (at_area && dep_area) {  // the same område
    out.push_back({dep, unit, occurrence});
  } else {  // a barrier: every unit or område; for an område's task, of its own område
    for (int u : units_of(dep))
      if (!at_area || area(u) == area(unit)) out.push_back({dep, u, occurrence, true});
  }
}

// Of the versions of the process (the same id: versions.hpp), the one in force in `cycle`.
const CycleView* CycleView::view_of(const std::string& process_id, int cycle) const {
  for (std::size_t q = 0; q < all_->size(); ++q) {
    const dsl::Process& other = (*all_)[q];
    if (dsl::fold(other.id) != dsl::fold(process_id) || !other.applies_in(cycle)) continue;
    auto& view = linked_[{q, cycle}];
    if (!view) view = std::make_unique<CycleView>(other, q, cycle, roster_, records_, nullptr);
    return view.get();
  }
  return nullptr;
}

// True when step `id` has an occurrence due on or before `w`'s deadline in this cycle.
bool CycleView::due_by(const std::string& id, const dsl::Window& w) const {
  auto step = p_.find_step(id);
  if (!step || windows_[*step].empty()) return false;
  return ch::sys_days(windows_[*step].front().deadline) <= ch::sys_days(w.deadline);
}

std::optional<std::pair<const CycleView*, std::size_t>> CycleView::linked_step(
    const dsl::Link& link, const dsl::Window& w) const {
  if (!all_) return std::nullopt;
  const CycleView* view = nullptr;
  if (link.process.empty()) {
    view = view_of(p_.id, cycle_ - 1);
  } else {
    auto other = std::find_if(all_->begin(), all_->end(), [&](const dsl::Process& q) {
      return dsl::fold(q.id) == dsl::fold(link.process);
    });
    if (other == all_->end()) return std::nullopt;
    int holding = cycle_of(other->cycle, w.deadline);
    view = view_of(link.process, holding);
    const CycleView* before = view_of(link.process, holding - 1);
    if (!(view && view->due_by(link.step, w)) && before && before->due_by(link.step, w))
      view = before;
    if (view && link.previous_cycle) view = view_of(link.process, view->cycle_ - 1);
  }
  if (!view) return std::nullopt;
  auto step = view->p_.find_step(link.step);
  if (!step) return std::nullopt;
  return std::pair{view, *step};
}

std::optional<LinkedStep> CycleView::linked(const Prerequisite& p) const {
  if (!p.view) return std::nullopt;
  const dsl::Process& other = p.view->process();
  return LinkedStep{other.id, other.steps[p.step].id, p.view->cycle(),
                    dsl::fold(other.id) != dsl::fold(p_.id)};
}

const Records::Done* CycleView::done(const Prerequisite& p) const {
  const CycleView& of = p.view ? *p.view : *this;
  return of.done(p.step, p.unit, p.occurrence);
}

bool CycleView::satisfied(const Prerequisite& p) const {
  if (p.view) return p.view->satisfied({p.step, p.unit, p.occurrence, p.barrier, nullptr});
  if (windows_[p.step].empty() || optional(p.step)) return true;
  if (condition(p.step, p.unit) == Cond::not_met) return true;
  return done(p.step, p.unit, p.occurrence) != nullptr;
}

}  // namespace arshjul::engine
