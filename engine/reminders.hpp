#pragma once
// Who must be told what tonight: the reminders of one run, per recipient, leaving out what
// was already sent. Pure: tasks, roster and what was sent in, messages out.
#include <memory>
#include <string>
#include <unordered_set>
#include <vector>

#include "engine/engine.hpp"
#include "engine/plan.hpp"
#include "engine/roster.hpp"

namespace arshjul::engine {

enum class ReminderKind { due_soon, overdue, escalation, activity_overdue, measure_missing };
inline constexpr std::size_t kReminderKinds = 5;  ///< how many ReminderKind values there are

/// The units of one per-unit step's occurrence in a cycle: how many have the task, and
/// which of them are still waiting (due soon or overdue, not done), in roster order.
struct UnitTally {
  int total = 0;
  std::vector<std::string> waiting;
};

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
  /// Kinds of the same task for the same recipient folded into this item (an overdue task
  /// that is also escalated to them is shown once, as escalated): recorded as sent with it.
  std::vector<std::string> also_kind_keys;
  /// A task of a per-unit step: the units of its step (shared by the items of that step).
  std::shared_ptr<const UnitTally> units;
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

/// Whether the holders of `role` are told of each of `step`'s tasks as their own. Every
/// required role is, except this one case: in a per-unit step, a role that is not per unit
/// and that another such role of the step reports to (`rapporterar till`, directly or further
/// up) is told of a unit's late task by escalation only. In `VEM Förvaltningschef, Enhetschef
/// & Nämnd` the förvaltningschef is reminded of each school's report; the nämnd, which the
/// förvaltningschef reports to, hears when the förvaltningschef's part is ESKALERING late.
bool reminded_of_each_unit(const dsl::Process& p, const dsl::Step& step, std::size_t role);

/// Plans the reminders for `tasks` (as evaluated for the run's date). Due soon and overdue
/// tasks go to the people holding their required roles (the same unit for per-unit roles;
/// see reminded_of_each_unit);
/// each time a task has been overdue another ESKALERING period (after N, 2N, ... days) its
/// holders are reminded again and the role that many steps up the `rapporterar till` chain is
/// told. `sent` holds "recipient\ttask_key\tkind" already delivered; those are left out.
/// Overdue activities and missing measure values of `plans` go to the holders of their
/// roles (once per recipient, item and kind, like tasks). A recipient gets each task once:
/// kinds of the same task fold into one item (escalation before overdue before due soon).
ReminderPlan plan_reminders(const std::vector<dsl::Process>& processes, const Roster& roster,
                            const std::vector<Task>& tasks,
                            const std::unordered_set<std::string>& sent,
                            const ReminderOptions& options,
                            const std::vector<PlanFollowUp>& plans = {});

/// The recipient identity used in keys: the e-mail address in lower case.
std::string recipient_key(const Person& p);

}  // namespace arshjul::engine
