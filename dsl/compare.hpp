#pragma once
// What a change of the rules means (`arshjul diff`): two versions of the compiled processes
// compared element by element, not as text. A step is matched by its id; a step that is gone
// while a new one has the same VAD and dependencies was renamed; a role that is gone while a
// new one is named where it was named (or lists it as an alias) was renamed. A changed NÄR
// also says which dates it gives in the year asked about, before and after.
#include <string>
#include <vector>

#include "dsl/model.hpp"

namespace arshjul::dsl {

/// One difference between the old and the new rules.
struct Change {
  enum class Kind {
    process_added,
    process_removed,
    process_changed,  ///< a field of the process (field, before, after)
    role_added,
    role_removed,
    role_renamed,  ///< id is the old name, renamed_to the new
    role_changed,
    step_added,
    step_removed,
    step_renamed,
    step_changed,
    item_added,  ///< a goal, activity or measure of the plan
    item_removed,
    item_changed,
  };
  Kind kind = Kind::step_changed;
  std::string process = {};     ///< the process id
  std::string id = {};          ///< the role, step or item (old name when renamed)
  std::string renamed_to = {};  ///< the new name of a renamed role or step
  std::string field = {};       ///< of a changed element: "NÄR", "VEM", "EFTER", ...
  std::string before = {}, after = {};
  std::string dates_before = {}, dates_after = {};  ///< a changed NÄR or SENAST: its windows
};

/// The differences from `old_rules` to `new_rules`, per process in this order: the process's
/// own fields, renamed steps, roles (renamed, removed, added or changed), steps (removed, then
/// added or changed in the new file's order), the plan's goals, activities and measures.
/// `year` is the cycle whose dates are shown.
std::vector<Change> compare(const std::vector<Process>& old_rules,
                            const std::vector<Process>& new_rules, int year);

}  // namespace arshjul::dsl
