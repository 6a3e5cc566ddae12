#pragma once
// The validated model of a process: roles and steps linked by index, each element still
// carrying its source location for later errors.
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "dsl/diagnostic.hpp"
#include "dsl/syntax.hpp"

namespace arshjul::dsl {

struct Role {
  std::string name;
  bool per_unit = false;
  std::vector<std::string> aliases;
  std::optional<std::size_t> reports_to;  ///< index of the role above in the chain
  Location where;
};

enum class StepType { none, meeting, decision, report, activity };

struct RoleRef {
  std::size_t role = 0;
  bool if_needed = false;  ///< `(vid behov)`: takes part only if needed, never overdue for it
};

/// A dependency `EFTER x`, with where it was written.
struct Dependency {
  std::size_t step = 0;
  Location where;
};

/// `OM step = outcome`: the step is active only when `step` was done with `outcome`.
struct Condition {
  std::size_t step = 0;
  std::string outcome;
};

/// `VART 4:e år från 2022`.
struct Recurrence {
  int every_years = 1;
  int from_year = 0;
  /// True when the cycle starting in `year` is one of the recurrence's (before or after `from`).
  bool runs_in(int year) const;
};

struct Step {
  std::string id;
  When when;
  std::optional<DayMonth> deadline;
  std::vector<RoleRef> roles;
  std::string task;
  std::vector<Dependency> deps;
  StepType type = StepType::none;
  std::vector<std::string> tags;
  std::optional<Condition> condition;
  std::optional<Recurrence> every;
  std::vector<std::string> outcomes;
  std::optional<int> lead_days;      ///< LEDTID: "due soon" this many days before the deadline
  std::optional<int> escalate_days;  ///< ESKALERING: overdue this long goes up the chain
  std::optional<Shift> shift;        ///< FLYTTA for this step
  Location where;
};

struct Process {
  std::string id;
  std::string title;
  CycleKind cycle = CycleKind::calendar_year;
  std::optional<int> lead_days;
  std::optional<int> escalate_days;
  Shift shift = Shift::before;  ///< FLYTTA of the process: deadlines on closed days move
  WorkCalendar calendar;        ///< weekends, holidays and the process's `stängt` days
  std::vector<Role> roles;
  std::vector<Step> steps;
  Location where;

  /// The step with this id (compared without case and diacritics), if any.
  std::optional<std::size_t> find_step(std::string_view id) const;
  /// The role with this name or alias (compared without case and diacritics), if any.
  std::optional<std::size_t> find_role(std::string_view name) const;
  /// A step is done once per unit when one of its required (not `vid behov`) roles is per unit.
  bool per_unit(const Step& step) const;
  /// Number of dependency edges.
  std::size_t dependency_count() const;
  /// Rebuilds the lookup used by find_step; call after changing `steps`.
  void index_steps();

 private:
  std::unordered_map<std::string, std::size_t> step_index_;  // folded id -> index
};

/// The word for a step type in `lang` ("beslut" / "decision"), empty for none.
std::string type_name(StepType type, Lang lang);

}  // namespace arshjul::dsl
