#pragma once
// What a change of the rules does to the tasks as of a date (`arshjul diff --store`): the
// same store and roster evaluated under the old and the new rules, task by task.
#include <map>
#include <string>
#include <vector>

#include "engine/snapshot.hpp"

namespace arshjul::engine {

/// One task whose state or window differs between the two evaluations.
struct TaskChange {
  TaskId id;                     ///< as the new rules name it
  const Task* before = nullptr;  ///< nullptr: the task is new
  const Task* after = nullptr;   ///< nullptr: the task is gone
};

/// The tasks of `before` (evaluated under `old_rules`) and `after` (under `new_rules`) that
/// are open in either (not done) and whose state or deadline differ; a step renamed from
/// old to new id (`renamed_steps`, folded old id -> new id) is the same task. In the order
/// of `after`, then the tasks that are gone.
std::vector<TaskChange> compare_tasks(const std::vector<dsl::Process>& old_rules,
                                      const Snapshot& before,
                                      const std::vector<dsl::Process>& new_rules,
                                      const Snapshot& after,
                                      const std::map<std::string, std::string>& renamed_steps);

}  // namespace arshjul::engine
