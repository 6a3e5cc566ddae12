#pragma once
// Who must be told what tonight: the reminders of one run, per recipient, leaving out what
// was already sent. Pure: tasks, roster and what was sent in, messages out.
#include <string>
#include <unordered_set>
#include <vector>

#include "engine/engine.hpp"
#include "engine/plan.hpp"
#include "engine/roster.hpp"

namespace arshjul::engine {

enum class ReminderKind { due_soon, overdue, escalation, activity_overdue, measure_missing };

/// One line of a reminder: a task, why the recipient hears of it, and the key it is sent
/// under (sent once per recipient, task and kind).
struct ReminderItem {
  const Task* task = nullptr;              ///< a step, or
  const ActivityLine* activity = nullptr;  ///< an activity of the plan past its KLART, or
  const MeasureLine* measure = nullptr;    ///< a measure value missing after its tertial
  ReminderKind kind = ReminderKind::due_soon;
  int level = 0;         ///< overdue/escalation: how many escalation periods have passed
  std::string for_role;  ///< escalation: the role whose task it is
  std::string task_key;  ///< TaskId::text(); of the plan: process/cycle/activity:ID/unit and
                         ///< process/cycle/measure:ID/unit/T2
  std::string kind_key;  ///< kind_key(kind, days): "due_soon", "overdue@14", "escalation@14", ...
};

/// Everything one person is told in one run.
struct Reminder {
  const Person* to = nullptr;
  std::vector<ReminderItem> items;
};

/// A role with tasks but nobody in the roster to tell (for per-unit roles: in these units).
struct UnheldRole {
  std::string role;
  std::vector<std::string> units;
};

struct ReminderPlan {
  std::vector<Reminder> reminders;               ///< one per e-mail address, sorted by address
  std::vector<UnheldRole> roles_without_people;  ///< once per role, not per task
  std::vector<const Person*> people_without_email;
  int new_overdue = 0;  ///< tasks overdue for the first time in this plan
};

struct ReminderOptions {
  int escalate_days = 14;  ///< when neither the step nor the process sets ESKALERING
  dsl::Date run_date;      ///< nothing goes out about a process on one of its closed days
};

/// The language-neutral key a reminder is stored under, with the days overdue that its
/// escalation level stands for (0: none): "due_soon", "overdue", "overdue@14",
/// "escalation@14", "missing". Stores written before schema 4 held Swedish words ("snart",
/// "försenad@14", "eskalerad@14", "saknas"); the migration to schema 4 rewrote them.
std::string kind_key(ReminderKind kind, int days);

/// Plans the reminders for `tasks` (as evaluated for the run's date). Due soon and overdue
/// tasks go to the people holding their required roles (the same unit for per-unit roles);
/// each time a task has been overdue another ESKALERING period (after N, 2N, ... days) its
/// holders are reminded again and the role that many steps up the `rapporterar till` chain is
/// told. `sent` holds "recipient\ttask_key\tkind" already delivered; those are left out.
/// Overdue activities and missing measure values of `plans` go to the holders of their
/// roles (once per recipient, item and kind, like tasks).
ReminderPlan plan_reminders(const std::vector<dsl::Process>& processes, const Roster& roster,
                            const std::vector<Task>& tasks,
                            const std::unordered_set<std::string>& sent,
                            const ReminderOptions& options,
                            const std::vector<PlanFollowUp>& plans = {});

/// The recipient identity used in keys: the e-mail address in lower case.
std::string recipient_key(const Person& p);

}  // namespace arshjul::engine
