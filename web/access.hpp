#pragma once
// Who may see and record what in the web view. A person is everyone in the roster with one
// e-mail address (one person may hold several roles and units); a role named as a process
// owner (`serve --owner-role`) may record every task.
#include <optional>
#include <string>
#include <vector>

#include "dsl/model.hpp"
#include "engine/engine.hpp"
#include "engine/roster.hpp"

namespace arshjul::web {

struct Viewer {
  std::string email;  ///< lower case: the identity tokens are signed for
  std::string name;
  std::vector<const engine::Person*> rows;  ///< the person's roster rows (role, unit)
  bool owner = false;
};

/// The person with this e-mail address or name (without case and diacritics); nullopt when
/// nobody in the roster has it. `owner_roles` are folded role names.
std::optional<Viewer> find_viewer(const engine::Roster& roster, const std::string& who,
                                  const std::vector<std::string>& owner_roles);

/// True when `v` holds one of `roles` (for a per-unit role: in `unit`).
bool holds_roles(const Viewer& v, const dsl::Process& p, const std::vector<dsl::RoleRef>& roles,
                 const std::string& unit);
/// True when `v` may record for an item of `roles`: theirs, or they hold a process owner role.
bool may_record(const Viewer& v, const dsl::Process& p, const std::vector<dsl::RoleRef>& roles,
                const std::string& unit);

/// True when `v` holds one of the step's roles (for a per-unit role: in `unit`).
bool holds_task(const Viewer& v, const dsl::Process& p, const dsl::Step& s,
                const std::string& unit);

/// True when `v` may record the task: it is theirs, or they hold a process owner role.
bool may_record(const Viewer& v, const dsl::Process& p, const dsl::Step& s,
                const std::string& unit);

/// The tasks of `urgent` (engine::Snapshot::urgent: those that need attention, most urgent
/// first) that are `v`'s own (not `vid behov`), in the same order.
std::vector<const engine::Task*> my_tasks(const Viewer& v, const std::vector<dsl::Process>& ps,
                                          const std::vector<const engine::Task*>& urgent);

}  // namespace arshjul::web
