#include "web/access.hpp"

#include <algorithm>
#include <functional>
#include <map>
#include <optional>

#include "dsl/text.hpp"

namespace arshjul::web {
namespace {

// A role ref the viewer holds for this task. `vid behov` roles count only when `any_ref`:
// such a role may record the step, but it is never on anyone's list.
bool holds_ref(const Viewer& v, const dsl::Process& p, const dsl::RoleRef& r,
               const std::string& unit) {
  const auto& role = p.roles[r.role];
  return std::any_of(v.rows.begin(), v.rows.end(), [&](const engine::Person* person) {
    // a per-unit role at its unit, a per-område role at its område (an område's task is named
    // by its område)
    return engine::holds(*person, p, r.role) &&
           (role.per_unit   ? dsl::fold(person->unit) == dsl::fold(unit)
            : role.per_area ? dsl::fold(person->area) == dsl::fold(unit)
                            : true);
  });
}

}  // namespace

std::optional<Viewer> find_viewer(const engine::Roster& roster, const std::string& who,
                                  const std::vector<std::string>& owner_roles) {
  Viewer v;
  const std::string key = dsl::fold(who);
  for (const auto& person : roster.people) {
    if (dsl::fold(person.email) != key && dsl::fold(person.name) != key) continue;
    if (v.rows.empty()) v.email = dsl::fold(person.email), v.name = person.name;
    // Rows are matched by the first row's address, so a shared name never merges two people.
    if (dsl::fold(person.email) != v.email) continue;
    v.rows.push_back(&person);
    auto role = dsl::fold(person.role);
    if (std::find(owner_roles.begin(), owner_roles.end(), role) != owner_roles.end())
      v.owner = true;
  }
  if (v.rows.empty() || v.email.empty()) return std::nullopt;
  return v;
}

bool holds_roles(const Viewer& v, const dsl::Process& p, const std::vector<dsl::RoleRef>& roles,
                 const std::string& unit) {
  return std::any_of(roles.begin(), roles.end(),
                     [&](const dsl::RoleRef& r) { return holds_ref(v, p, r, unit); });
}

bool may_record(const Viewer& v, const dsl::Process& p, const std::vector<dsl::RoleRef>& roles,
                const std::string& unit) {
  return v.owner || holds_roles(v, p, roles, unit);
}

bool holds_task(const Viewer& v, const dsl::Process& p, const dsl::Step& s,
                const std::string& unit) {
  return holds_roles(v, p, s.roles, unit);
}

bool may_record(const Viewer& v, const dsl::Process& p, const dsl::Step& s,
                const std::string& unit) {
  return may_record(v, p, s.roles, unit);
}

std::optional<Viewer> Viewers::find(const std::string& who) const {
  std::lock_guard lock(mutex_);
  auto it = seen_.find(who);
  if (it == seen_.end()) {
    if (seen_.size() > 100000) seen_.clear();  // a bound: names of signed links only
    it = seen_.emplace(who, find_viewer(roster_, who, owner_roles_)).first;
  }
  return it->second;
}

namespace {

/// Which roles of each process the viewer holds, and where (folded units or områden; none
/// needed for a single role).
struct Held {
  bool anywhere = false;
  std::vector<std::string> at;
};

std::vector<std::vector<Held>> held_roles(const Viewer& v, const std::vector<dsl::Process>& ps) {
  std::vector<std::vector<Held>> held(ps.size());
  for (std::size_t i = 0; i < ps.size(); ++i) {
    held[i].resize(ps[i].roles.size());
    // The roles a row holds (engine::holds: its role as written or as the roster reads it),
    // looked up once per row, not once per row and role: each look-up folds the role names.
    for (const auto* person : v.rows) {
      auto as_written = ps[i].find_role(person->role_as_written),
           read = ps[i].find_role(person->role);
      for (auto r : {as_written, read == as_written ? std::nullopt : read}) {
        if (!r) continue;
        const auto& role = ps[i].roles[*r];
        if (role.per_unit || role.per_area)
          held[i][*r].at.push_back(dsl::fold(role.per_unit ? person->unit : person->area));
        else
          held[i][*r].anywhere = true;
      }
    }
  }
  return held;
}

/// The urgent tasks that can be the viewer's when every role they hold is one per unit or
/// område: those of their own units, of områden and of no unit, in urgent order. Nullopt when
/// all must be looked at (a single role's task may be a unit's too).
std::optional<std::vector<const engine::Task*>> nearby(const std::vector<std::vector<Held>>& held,
                                                       const Viewer& v,
                                                       const UrgentByUnit* by_unit) {
  if (!by_unit) return std::nullopt;
  for (const auto& process : held)
    for (const auto& h : process)
      if (h.anywhere) return std::nullopt;
  const auto& roster = *by_unit->roster;
  std::vector<std::size_t> lists{0};  // the tasks of no unit
  for (const auto* person : v.rows) {
    if (person->unit.empty()) continue;
    auto at = roster.unit_at(person->unit);
    if (!at) return std::nullopt;  // spelled otherwise than the roster's units
    lists.push_back(*at + 1);
  }
  for (std::size_t k = roster.units.size() + 1; k < by_unit->at.size(); ++k) lists.push_back(k);
  std::sort(lists.begin(), lists.end());
  lists.erase(std::unique(lists.begin(), lists.end()), lists.end());
  auto at_empty = [](const Held& h) {
    return std::find(h.at.begin(), h.at.end(), std::string()) != h.at.end();
  };
  bool unitless = std::any_of(held.begin(), held.end(), [&](const auto& process) {
    return std::any_of(process.begin(), process.end(), at_empty);
  });
  // In urgent order (more_urgent, then the place in the snapshot's tasks, one vector): each
  // list is in it already, so they are merged, not sorted.
  auto urgent_order = [](const engine::Task* a, const engine::Task* b) {
    if (engine::more_urgent(*a, *b)) return true;
    if (engine::more_urgent(*b, *a)) return false;
    return std::less<>()(a, b);
  };
  std::vector<const engine::Task*> out;
  auto merge = [&](const std::vector<const engine::Task*>& list) {
    auto middle = static_cast<std::ptrdiff_t>(out.size());
    out.insert(out.end(), list.begin(), list.end());
    std::inplace_merge(out.begin(), out.begin() + middle, out.end(), urgent_order);
  };
  for (std::size_t k : lists)
    if (k < by_unit->at.size()) merge(by_unit->at[k]);
  if (unitless) merge(by_unit->unitless);
  return out;
}

/// The list of UrgentByUnit a task is in: -1 for `unitless`, else its unit index + 1.
long list_of(const engine::Task& t) {
  return t.unit_index < 0 && t.unit.empty() ? -1 : long{t.unit_index} + 1;
}

}  // namespace

UrgentByUnit urgent_by_unit(const engine::Roster& roster,
                            const std::vector<const engine::Task*>& urgent) {
  UrgentByUnit out;
  out.roster = &roster;
  out.at.resize(roster.units.size() + roster.areas.size() + 1);
  for (const auto* t : urgent) {
    long k = list_of(*t);
    if (k < 0) {
      out.unitless.push_back(t);
      continue;
    }
    if (static_cast<std::size_t>(k) >= out.at.size()) out.at.resize(k + 1);
    out.at[k].push_back(t);
  }
  return out;
}

UrgentByUnit::Changes urgent_changes(const UrgentByUnit& by_unit, const engine::Snapshot& snapshot,
                                     const std::vector<engine::Moved>& moved) {
  std::map<long, std::vector<engine::Moved>> per_list;  // a task keeps its unit
  for (const auto& m : moved) per_list[list_of(snapshot.tasks[m.index])].push_back(m);
  static const std::vector<const engine::Task*> kNone;
  UrgentByUnit::Changes out;
  for (const auto& [k, ms] : per_list) {
    const auto& list = k < 0                                             ? by_unit.unitless
                       : static_cast<std::size_t>(k) < by_unit.at.size() ? by_unit.at[k]
                                                                         : kNone;
    out.emplace_back(k, engine::merged_urgent(snapshot, list, ms));
  }
  return out;
}

void put_urgent_changes(UrgentByUnit& by_unit, UrgentByUnit::Changes&& changes) {
  for (auto& [k, list] : changes) {
    if (k < 0) {
      by_unit.unitless = std::move(list);
      continue;
    }
    if (static_cast<std::size_t>(k) >= by_unit.at.size()) by_unit.at.resize(k + 1);
    by_unit.at[k] = std::move(list);
  }
}

std::vector<const engine::Task*> my_tasks(const Viewer& v, const std::vector<dsl::Process>& ps,
                                          const std::vector<const engine::Task*>& urgent,
                                          const UrgentByUnit* by_unit) {
  // Worked out once per page: the urgent tasks of a large administration are tens of
  // thousands, and finding a role by its folded name for each was most of the page.
  const auto held = held_roles(v, ps);
  const auto near = nearby(held, v, by_unit);
  // Each unit's name folded once, found by the unit's index.
  std::vector<std::optional<std::string>> folded;
  std::string other;  // a task made without its unit's index
  auto folded_unit = [&](const engine::Task& t) -> const std::string& {
    if (t.unit_index < 0) return other = dsl::fold(t.unit);
    auto at = static_cast<std::size_t>(t.unit_index);
    if (at >= folded.size()) folded.resize(at + 1);
    if (!folded[at]) folded[at] = dsl::fold(t.unit);
    return *folded[at];
  };
  std::vector<const engine::Task*> out;
  for (const auto* t : near ? *near : urgent) {
    const auto& s = ps[t->process].steps[t->step];
    bool mine = std::any_of(s.roles.begin(), s.roles.end(), [&](const dsl::RoleRef& r) {
      const Held& h = held[t->process][r.role];
      if (r.if_needed || (!h.anywhere && h.at.empty())) return false;
      if (h.anywhere) return true;
      return std::find(h.at.begin(), h.at.end(), folded_unit(*t)) != h.at.end();
    });
    if (mine) out.push_back(t);
  }
  return out;
}

}  // namespace arshjul::web
