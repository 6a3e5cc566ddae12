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

void CycleView::add(const CycleView& of, std::size_t dep, int unit, const dsl::Window& w,
                    std::vector<Prerequisite>& out) const {
  const CycleView* view = &of == this ? nullptr : &of;
  int occurrence = 1;
  const auto& theirs = of.windows_[dep];
  for (std::size_t k = 0; k < theirs.size(); ++k)
    if (ch::sys_days(theirs[k].deadline) <= ch::sys_days(w.deadline))
      occurrence = static_cast<int>(k) + 1;
  if (!of.p_.per_unit(of.p_.steps[dep]))
    out.push_back({dep, -1, occurrence, view});
  else if (unit >= 0)
    out.push_back({dep, unit, occurrence, view});
  else
    for (std::size_t u = 0; u < roster_.units.size(); ++u)
      out.push_back({dep, static_cast<int>(u), occurrence, view});
}

std::vector<Prerequisite> CycleView::prerequisites(std::size_t step, int unit,
                                                   const dsl::Window& w) const {
  std::vector<Prerequisite> out;
  for (const auto& d : p_.steps[step].deps) add(*this, d.step, unit, w, out);
  for (const auto& l : p_.steps[step].links)
    if (auto target = linked_step(l, w)) add(*target->first, target->second, unit, w, out);
  return out;
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
  if (p.view) return p.view->satisfied({p.step, p.unit, p.occurrence, nullptr});
  if (windows_[p.step].empty() || optional(p.step)) return true;
  if (condition(p.step, p.unit) == Cond::not_met) return true;
  return done(p.step, p.unit, p.occurrence) != nullptr;
}

}  // namespace arshjul::engine
