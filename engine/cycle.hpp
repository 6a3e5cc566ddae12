#pragma once
// One cycle of one process seen against the records: its windows, and which tasks a task
// waits for. Shared by the engine (status) and the audit, so both read the rules alike.
#include <map>
#include <memory>
#include <set>
#include <utility>
#include <vector>

#include "dsl/model.hpp"
#include "dsl/schedule.hpp"
#include "engine/engine.hpp"
#include "engine/roster.hpp"

namespace arshjul::engine {

/// Days since 1970-01-01.
int days_of(dsl::Date d);
/// The date `days` after 1970-01-01.
dsl::Date date_of(int days);

class CycleView;

/// A task another task waits for: a step, a unit index (-1 for single-instance), an occurrence;
/// of a link (EFTER across processes or cycles) also the cycle view it is in.
struct Prerequisite {
  std::size_t step = 0;
  int unit = -1;
  int occurrence = 1;
  bool barrier = false;  ///< one of the many tasks of `step` the task waits for (every unit)
  const CycleView* view = nullptr;  ///< a link's other process or cycle; null: this view
};

class CycleView {
 public:
  /// With `all` (the processes `process_index` indexes), a step's links to other processes and
  /// cycles are followed; without, they are left out.
  CycleView(const dsl::Process& process, std::size_t process_index, int cycle, const Roster& roster,
            const Records& records, const std::vector<dsl::Process>* all = nullptr);

  const dsl::Process& process() const { return p_; }
  std::size_t process_index() const { return process_; }
  int cycle() const { return cycle_; }
  /// The windows of `step` by the process's own calendar.
  const std::vector<dsl::Window>& windows(std::size_t step) const { return windows_[step]; }
  /// The windows of `step` for unit index `unit`: by the unit's own calendar when closed days
  /// of the process are declared for it (`stängt ... för`), else as windows(step).
  const std::vector<dsl::Window>& windows(std::size_t step, int unit) const;
  /// The working-day calendar of unit index `unit` (-1: the process's).
  const dsl::WorkCalendar& calendar(int unit) const;
  /// Unit indices a step has tasks for: the roster units its ENHETER lets in when per unit,
  /// the områden (indices after the units) when per område, else {-1}.
  std::vector<int> units_of(std::size_t step) const;
  /// True when a task of `step` for unit index `unit` (a unit or an område) has nobody in the
  /// roster holding one of its required roles there: a vacancy.
  bool vacant(std::size_t step, int unit) const;
  /// The område of unit index `unit` (an område's own name for an område), "" when none.
  const std::string& area(int unit) const;
  const Records::Done* done(std::size_t step, int unit, int occurrence) const;

  /// All roles `vid behov`, or TYP information/tema: the step is optional (never a task).
  bool optional(std::size_t step) const;

  enum class Cond { met, not_met, pending };
  /// Whether the step's OM condition holds for `unit` (met when it has none).
  Cond condition(std::size_t step, int unit) const;

  /// The tasks a task of `step` for `unit` due in `w` waits for: per dependency, the same
  /// unit (per unit after per unit), every unit (single after per unit), or the single task;
  /// of a repeated dependency the latest occurrence due by `w`'s deadline (else the first).
  /// A link counts in the cycle linked_step() says, with the same rules.
  std::vector<Prerequisite> prerequisites(std::size_t step, int unit, const dsl::Window& w) const;

  /// The step a link of a task due in `w` stands for, and the cycle view it is in. Of this
  /// process (`förra cykeln`): the cycle before this one. Of another process: the latest
  /// occurrence of the step due on or before `w`'s deadline in that process's cycle whose span
  /// holds the deadline or in the cycle before it; when neither has one, the cycle holding the
  /// deadline (its first occurrence is waited for). With `förra cykeln`: the cycle before the
  /// one so found. Nullopt when the other process is not loaded, does not apply in that cycle
  /// (`gäller`) or its rules in force then have no such step: the link is then no prerequisite.
  std::optional<std::pair<const CycleView*, std::size_t>> linked_step(const dsl::Link& link,
                                                                      const dsl::Window& w) const;

  /// A prerequisite counts as satisfied when done, optional, not run this cycle, or its
  /// condition was decided otherwise.
  bool satisfied(const Prerequisite& p) const;
  /// The step of a prerequisite as outputs name it when it is a link's; nullopt otherwise.
  std::optional<LinkedStep> linked(const Prerequisite& p) const;
  /// The done entry of a prerequisite, in its own view.
  const Records::Done* done(const Prerequisite& p) const;

 private:
  const Records::Done* latest(std::size_t step, int unit) const;
  void add_unit_calendars();
  void add_holders();
  /// The prerequisites of a task at `unit` on the tasks of this view's per-unit or per-område
  /// `dep` (`unit` indexes the same roster in the task's view and in a linked one).
  void spread(std::vector<Prerequisite>& out, std::size_t dep, int unit, int occurrence) const;
  const CycleView* view_of(const std::string& process_id, int cycle) const;
  bool due_by(const std::string& id, const dsl::Window& w) const;
  void add(const CycleView& of, std::size_t dep, int unit, const dsl::Window& w,
           std::vector<Prerequisite>& out) const;

  const dsl::Process& p_;
  std::size_t process_;
  int cycle_;
  const Roster& roster_;
  const Records& records_;
  const std::vector<dsl::Process>* all_;
  std::vector<std::vector<dsl::Window>> windows_;
  // Closed days per kind of unit: the calendars of the units with their own (variant k > 0 is
  // calendars_[k - 1] with its windows unit_windows_[k - 1]), per roster unit its variant.
  std::vector<dsl::WorkCalendar> calendars_;
  std::vector<std::vector<std::vector<dsl::Window>>> unit_windows_;
  std::vector<std::size_t> variant_;
  std::set<std::pair<std::size_t, int>> held_;  // (role, unit index) someone holds
  std::vector<std::string> areas_;              // per unit index (units, then områden)
  // the views of linked cycles, made on first use: (process index, cycle) -> view
  mutable std::map<std::pair<std::size_t, int>, std::unique_ptr<CycleView>> linked_;
};

/// The engine's one classification of a task (its state, days, blockers), from which status,
/// the audit and the reminders take their words: occurrence `occurrence` (1-based) of `step`
/// of the view's cycle for unit index `unit` (-1: single-instance), as of `date`.
Task classify(const CycleView& view, std::size_t process, std::size_t step, int unit,
              int occurrence, dsl::Date date, const EngineOptions& options, const Roster& roster);

}  // namespace arshjul::engine
