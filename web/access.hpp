#pragma once
// Who may see and record what in the web view. A person is everyone in the roster with one
// e-mail address (one person may hold several roles and units); a role named as a process
// owner (`serve --owner-role`) may record every task.
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "dsl/model.hpp"
#include "engine/engine.hpp"
#include "engine/incremental.hpp"
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

/// find_viewer remembered per person (the roster does not change while the server runs): a
/// page need not fold every name of a large roster to know who asks.
class Viewers {
 public:
  Viewers(const engine::Roster& roster, std::vector<std::string> owner_roles)
      : roster_(roster), owner_roles_(std::move(owner_roles)) {}
  std::optional<Viewer> find(const std::string& who) const;

 private:
  const engine::Roster& roster_;
  std::vector<std::string> owner_roles_;
  mutable std::mutex mutex_;
  mutable std::unordered_map<std::string, std::optional<Viewer>> seen_;
};

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

/// The urgent tasks of each unit, each list most urgent first (as in engine::Snapshot::urgent):
/// per unit index + 1 (0: the tasks of a unit the roster has no index for), and the roster the
/// indices are of.
struct UrgentByUnit {
  const engine::Roster* roster = nullptr;
  std::vector<std::vector<const engine::Task*>> at;
  /// The tasks of no unit at all (a single task of a step): only a role held anywhere, or at
  /// an empty unit or område, takes one (most of the near tasks of a unit's viewer, never
  /// theirs).
  std::vector<const engine::Task*> unitless;
  /// The lists a write changes, made anew (see urgent_changes): which list (an index of `at`,
  /// or -1 for `unitless`) and its tasks.
  using Changes = std::vector<std::pair<long, std::vector<const engine::Task*>>>;
  bool operator==(const UrgentByUnit&) const = default;
};
/// The tasks of `urgent` per unit.
UrgentByUnit urgent_by_unit(const engine::Roster& roster,
                            const std::vector<const engine::Task*>& urgent);
/// The lists of `by_unit` (made from `snapshot`'s urgent tasks) that the tasks classified anew
/// change (`moved`, before they are committed to the snapshot), each made again as
/// engine::merged_urgent puts them: O(moved tasks and their units' lists), not of every urgent
/// task. put_urgent_changes puts them in once the tasks are committed.
UrgentByUnit::Changes urgent_changes(const UrgentByUnit& by_unit, const engine::Snapshot& snapshot,
                                     const std::vector<engine::Moved>& moved);
/// Puts what urgent_changes made into `by_unit`: then equal to urgent_by_unit of the snapshot
/// with the tasks committed.
void put_urgent_changes(UrgentByUnit& by_unit, UrgentByUnit::Changes&& changes);

/// The tasks of `urgent` (engine::Snapshot::urgent: those that need attention, most urgent
/// first) that are `v`'s own (not `vid behov`), in the same order. With `by_unit` (made from
/// the same `urgent`), a viewer whose roles are all per unit or område has only the tasks of
/// their units, of områden and of no unit looked at.
std::vector<const engine::Task*> my_tasks(const Viewer& v, const std::vector<dsl::Process>& ps,
                                          const std::vector<const engine::Task*>& urgent,
                                          const UrgentByUnit* by_unit = nullptr);

}  // namespace arshjul::web
