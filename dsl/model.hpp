#pragma once
// The validated model of a process: roles and steps linked by index, each element still
// carrying its source location for later errors.
#include <algorithm>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "dsl/diagnostic.hpp"
#include "dsl/syntax.hpp"
#include "dsl/text.hpp"

namespace arshjul::dsl {

struct Role {
  std::string name;
  bool per_unit = false;
  bool per_area = false;  ///< `per område`: one per område (the roster's column `område`)
  std::vector<std::string> aliases;
  std::optional<std::size_t> reports_to;  ///< index of the role above in the chain
  Location where;
};

enum class StepType { none, meeting, decision, report, activity, event, information, theme };

/// `möte` and `händelse` happen on their day: a one-day window is not moved off a closed day
/// unless the step says FLYTTA före or efter.
inline bool is_event(StepType t) {
  return t == StepType::meeting || t == StepType::event;
}
/// `information` and `tema` are shown but are no tasks: never overdue, never reminded.
inline bool is_information(StepType t) {
  return t == StepType::information || t == StepType::theme;
}

struct RoleRef {
  std::size_t role = 0;
  bool if_needed = false;  ///< `(vid behov)`: takes part only if needed, never overdue for it
};

/// A dependency `EFTER x`, with where it was written.
struct Dependency {
  std::size_t step = 0;
  Location where;
};

/// `EFTER budget.anvisningar` or `EFTER rapport förra cykeln`: a step of another process of the
/// rules (resolved across processes by dsl/links.hpp), or of the cycle before. Which cycle of
/// the other process counts is the engine's (engine/cycle.hpp).
struct Link {
  std::string process;  ///< the other process's id; empty: this process
  std::string step;     ///< the step's id in that process
  bool previous_cycle = false;
  Location where;
  /// `budget.anvisningar`, `rapport förra cykeln`: as EFTER writes it.
  std::string text() const;
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
  std::string title;  ///< `steg lucia "Luciafirande"`: shown instead of the id when given
  StringBox link;     ///< LÄNK: a web address for the step
  When when;
  OptionalBox<DayMonth> deadline;  ///< SENAST
  std::vector<RoleRef> roles;
  std::string task;
  std::vector<Dependency> deps;
  VectorBox<Link> links;  ///< EFTER across processes or cycles
  std::vector<std::string> tags;
  OptionalBox<Condition> condition;
  VectorBox<std::string> outcomes;
  VectorBox<UnitCondition> units;  ///< ENHETER: the units a per-unit step is for (empty: all)
  // the small fields together (no padding between them)
  std::optional<Recurrence> every;
  std::optional<int> lead_days;      ///< LEDTID: "due soon" this many days before the deadline
  std::optional<int> escalate_days;  ///< ESKALERING: overdue this long goes up the chain
  std::optional<Shift> shift;        ///< FLYTTA for this step
  StepType type = StepType::none;
  Location where;

  /// What outputs call the step: its title, else its id.
  const std::string& name() const { return title.empty() ? id : title; }
};
/// 100,000 steps are held at once: rarely used fields are on the heap (368 bytes, not 496).
static_assert(sizeof(Step) <= 368);

// --- the plan: perspectives, goals, activities and measures --------------------------------

struct Perspective {
  std::string id;
  std::string title;
  Location where;
};

/// The level of a goal, highest first: the board's, the administration's, a unit's.
enum class GoalLevel { board, administration, unit };

struct Goal {
  std::string id;
  std::string title;
  std::string text;
  GoalLevel level = GoalLevel::board;
  std::optional<std::size_t> perspective;  ///< own or inherited from the goal above
  std::optional<std::size_t> parent;       ///< UNDER
  std::vector<std::string> tags;
  Location where;
};

/// What a plan's activities and measures share: an id and title, the goals they serve, who
/// answers for them, tags and where they are written.
struct PlanItem {
  std::string id;
  std::string title;
  std::vector<std::size_t> goals;
  std::vector<RoleRef> roles;
  std::vector<std::string> tags;
  Location where;
};

struct Activity : PlanItem {
  std::string task;
  std::optional<When> due;  ///< KLART: planned completion, the end of this window
};

/// Which way a measure improves.
enum class Direction { higher, lower };

struct Measure : PlanItem {
  std::string text;
  std::string unit;  ///< of measurement: "procent", "poäng"
  Direction direction = Direction::higher;
  double target = 0;
  std::vector<int> tertials;  ///< UPPFÖLJNING, ascending

  /// True when `value` meets the target in the measure's direction.
  bool met(double value) const {
    return direction == Direction::higher ? value >= target : value <= target;
  }
};

struct Process {
  std::string id;
  std::string title;
  CycleKind cycle = CycleKind::calendar_year;
  std::optional<int> lead_days;
  std::optional<int> escalate_days;
  Shift shift = Shift::before;          ///< FLYTTA of the process: deadlines on closed days move
  WorkCalendar calendar;                ///< weekends, holidays and the process's `stängt` days
  std::vector<UnitClosed> unit_closed;  ///< `stängt ... för`: closed days of some units only
  std::vector<Term> terms;              ///< the kalender's `termin` lines, in the order written
  std::optional<YearRange> valid;       ///< `gäller`: the cycles the process applies to
  std::vector<Role> roles;
  std::vector<Step> steps;
  std::vector<Perspective> perspectives;
  std::vector<Goal> goals;
  std::vector<Activity> activities;
  std::vector<Measure> measures;
  Location where;
  /// Not from a rule file: set where a store keeps the rules in force per cycle
  /// (engine/versions.hpp). This version of the process holds only in `only_cycles` (when not
  /// empty) and not in `other_cycles` (another version holds there).
  std::vector<int> only_cycles, other_cycles;

  /// True when the process applies to the cycle starting in `year` (see `gäller`) and this
  /// version of it is the one in force then.
  bool applies_in(int year) const {
    return (!valid || (year >= valid->first && year <= valid->last)) && holds_in(year);
  }
  /// True when this version of the process is the one in force in `year` (whatever `gäller`).
  bool holds_in(int year) const {
    auto has = [year](const std::vector<int>& ys) {
      return std::find(ys.begin(), ys.end(), year) != ys.end();
    };
    return (only_cycles.empty() || has(only_cycles)) && !has(other_cycles);
  }
  /// True when any role of `roles` (not `vid behov`) is per unit.
  bool per_unit(const std::vector<RoleRef>& roles) const;
  std::optional<std::size_t> find_activity(std::string_view id) const;
  std::optional<std::size_t> find_measure(std::string_view id) const;

  /// The step with this id (compared without case and diacritics), if any.
  std::optional<std::size_t> find_step(std::string_view id) const;
  /// The role with this name or alias (compared without case and diacritics), if any.
  std::optional<std::size_t> find_role(std::string_view name) const;
  /// A step is done once per unit when one of its required (not `vid behov`) roles is per unit.
  bool per_unit(const Step& step) const;
  /// A step is done once per område when none of its required roles is per unit and one is
  /// per område.
  bool per_area(const Step& step) const;
  bool per_area(const std::vector<RoleRef>& roles) const;
  /// Number of dependency edges (links across processes and cycles included).
  std::size_t dependency_count() const;
  /// The ids of the steps `step` comes after (EFTER): "a, b", then its links
  /// ("budget.anvisningar, rapport förra cykeln").
  std::string dependency_ids(const Step& step, std::string_view sep = ", ") const;
  /// Rebuilds the lookup used by find_step; call after changing `steps`.
  void index_steps();
  /// Takes `index` (each step's id, folded, to its index in `steps`) as that lookup.
  void index_steps(FoldedIndex index) { step_index_ = std::move(index); }

 private:
  FoldedIndex step_index_;  // folded id -> index
};

/// A unit filter as written in the rules: `skolform = grundskola, anpassad grundskola; område =
/// Nord`.
std::string filter_text(const UnitFilter& filter);

/// The word for a step type in `lang` ("beslut" / "decision"), empty for none.
std::string type_name(StepType type, Lang lang);
/// "nämndmål" / "board goal".
std::string level_name(GoalLevel level, Lang lang);
/// "högre" / "higher".
std::string direction_name(Direction direction, Lang lang);

}  // namespace arshjul::dsl
