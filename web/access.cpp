#include "web/access.hpp"

#include <algorithm>
#include <unordered_map>

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

std::vector<const engine::Task*> my_tasks(const Viewer& v, const std::vector<dsl::Process>& ps,
                                          const std::vector<const engine::Task*>& urgent) {
  // Which roles of each process the viewer holds, and where (folded units or områden; none
  // needed for a single role), worked out once: the urgent tasks of a large administration are
  // tens of thousands, and finding a role by its folded name for each was most of the page.
  struct Held {
    bool anywhere = false;
    std::vector<std::string> at;
  };
  std::vector<std::vector<Held>> held(ps.size());
  for (std::size_t i = 0; i < ps.size(); ++i) {
    held[i].resize(ps[i].roles.size());
    for (std::size_t r = 0; r < ps[i].roles.size(); ++r)
      for (const auto* person : v.rows) {
        if (!engine::holds(*person, ps[i], r)) continue;
        const auto& role = ps[i].roles[r];
        if (role.per_unit || role.per_area)
          held[i][r].at.push_back(dsl::fold(role.per_unit ? person->unit : person->area));
        else
          held[i][r].anywhere = true;
      }
  }
  std::unordered_map<std::string, std::string> folded;  // task unit -> folded
  std::vector<const engine::Task*> out;
  for (const auto* t : urgent) {
    const auto& s = ps[t->process].steps[t->step];
    bool mine = std::any_of(s.roles.begin(), s.roles.end(), [&](const dsl::RoleRef& r) {
      const Held& h = held[t->process][r.role];
      if (r.if_needed || (!h.anywhere && h.at.empty())) return false;
      if (h.anywhere) return true;
      auto it = folded.find(t->unit);
      if (it == folded.end()) it = folded.emplace(t->unit, dsl::fold(t->unit)).first;
      return std::find(h.at.begin(), h.at.end(), it->second) != h.at.end();
    });
    if (mine) out.push_back(t);
  }
  return out;
}

}  // namespace arshjul::web
