#include "engine/task_changes.hpp"

#include "dsl/text.hpp"

namespace arshjul::engine {
namespace {

bool open(const Task* t) {
  return t && t->state != State::done && t->state != State::done_late;
}

/// The task's identity with folded ids, so that `Nämnd`/`namnd` and renames compare equal.
std::string key_of(TaskId id, const std::map<std::string, std::string>& renamed_steps) {
  auto it = renamed_steps.find(dsl::fold(id.step));
  if (it != renamed_steps.end()) id.step = it->second;
  id.process = dsl::fold(id.process);
  id.step = dsl::fold(id.step);
  return id.text();
}

}  // namespace

std::vector<TaskChange> compare_tasks(const std::vector<dsl::Process>& old_rules,
                                      const Snapshot& before,
                                      const std::vector<dsl::Process>& new_rules,
                                      const Snapshot& after,
                                      const std::map<std::string, std::string>& renamed_steps) {
  std::map<std::string, const Task*> old_tasks;
  for (const auto& t : before.tasks) old_tasks[key_of(task_id(t, old_rules), renamed_steps)] = &t;
  std::vector<TaskChange> out;
  for (const auto& t : after.tasks) {
    TaskId id = task_id(t, new_rules);
    auto it = old_tasks.find(key_of(id, {}));
    const Task* old = it == old_tasks.end() ? nullptr : it->second;
    if (it != old_tasks.end()) old_tasks.erase(it);
    if (!open(old) && !open(&t)) continue;
    if (old && old->state == t.state && old->window.deadline == t.window.deadline) continue;
    out.push_back({std::move(id), old, &t});
  }
  for (const auto& t : before.tasks) {
    if (!open(&t) || !old_tasks.count(key_of(task_id(t, old_rules), renamed_steps))) continue;
    out.push_back({task_id(t, old_rules), &t, nullptr});
  }
  return out;
}

}  // namespace arshjul::engine
