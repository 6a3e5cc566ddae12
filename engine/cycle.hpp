#pragma once
// One cycle of one process seen against the records: its windows, and which tasks a task
// waits for. Shared by the engine (status) and the audit, so both read the rules alike.
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

/// A task another task waits for: a step, a unit index (-1 for single-instance), an occurrence.
struct Prerequisite {
  std::size_t step = 0;
  int unit = -1;
  int occurrence = 1;
};

class CycleView {
 public:
  CycleView(const dsl::Process& process, std::size_t process_index, int cycle, const Roster& roster,
            const Records& records);

  const dsl::Process& process() const { return p_; }
  int cycle() const { return cycle_; }
  const std::vector<dsl::Window>& windows(std::size_t step) const { return windows_[step]; }
  /// Unit indices a step has tasks for: every roster unit when per unit, else {-1}.
  std::vector<int> units_of(std::size_t step) const;
  const Records::Done* done(std::size_t step, int unit, int occurrence) const;

  /// All roles `vid behov`, or TYP information/tema: the step is optional (never a task).
  bool optional(std::size_t step) const;

  enum class Cond { met, not_met, pending };
  /// Whether the step's OM condition holds for `unit` (met when it has none).
  Cond condition(std::size_t step, int unit) const;

  /// The tasks a task of `step` for `unit` due in `w` waits for: per dependency, the same
  /// unit (per unit after per unit), every unit (single after per unit), or the single task;
  /// of a repeated dependency the latest occurrence due by `w`'s deadline.
  std::vector<Prerequisite> prerequisites(std::size_t step, int unit, const dsl::Window& w) const;

  /// A prerequisite counts as satisfied when done, optional, not run this cycle, or its
  /// condition was decided otherwise.
  bool satisfied(const Prerequisite& p) const;

 private:
  const Records::Done* latest(std::size_t step, int unit) const;

  const dsl::Process& p_;
  std::size_t process_;
  int cycle_;
  const Roster& roster_;
  const Records& records_;
  std::vector<std::vector<dsl::Window>> windows_;
};

/// The engine's one classification of a task (its state, days, blockers), from which status,
/// the audit and the reminders take their words: occurrence `occurrence` (1-based) of `step`
/// of the view's cycle for unit index `unit` (-1: single-instance), as of `date`.
Task classify(const CycleView& view, std::size_t process, std::size_t step, int unit,
              int occurrence, dsl::Date date, const EngineOptions& options, const Roster& roster);

}  // namespace arshjul::engine
