#include "engine/engine.hpp"

#include <algorithm>

#include "dsl/text.hpp"

namespace arshjul::engine {
namespace ch = std::chrono;
using dsl::Date;

namespace {

int days_of(Date d) { return static_cast<int>(ch::sys_days(d).time_since_epoch().count()); }

constexpr int kAllUnits = -2;  // lookup marker: "every unit" for barriers

/// Everything about one (process, cycle) the classification needs, computed once.
class CycleEvaluator {
 public:
  CycleEvaluator(const std::vector<dsl::Process>& processes, std::size_t process, int cycle,
                 const Roster& roster, const Records& records, Date date, const EngineOptions& o)
      : p_(processes[process]), process_(process), cycle_(cycle), roster_(roster),
        records_(records), today_(days_of(date)), options_(o) {
    std::vector<dsl::Diagnostic> ignored;  // date errors were reported by `check`
    for (const auto& s : p_.steps) windows_.push_back(dsl::windows(s, p_.cycle, cycle, ignored));
  }

  void run(std::vector<Task>& out) const {
    for (std::size_t s = 0; s < p_.steps.size(); ++s) {
      const auto& step = p_.steps[s];
      if (p_.per_unit(step)) {
        for (std::size_t u = 0; u < roster_.units.size(); ++u) emit(s, static_cast<int>(u), out);
      } else {
        emit(s, -1, out);
      }
      (void)step;
    }
  }

 private:
  void emit(std::size_t s, int unit, std::vector<Task>& out) const {
    for (std::size_t k = 0; k < windows_[s].size(); ++k) {
      Task t;
      t.process = process_;
      t.cycle = cycle_;
      t.step = s;
      t.unit = unit >= 0 ? roster_.units[unit] : std::string();
      t.occurrence = static_cast<int>(k) + 1;
      t.window = windows_[s][k];
      classify(t, unit);
      out.push_back(std::move(t));
    }
  }

  bool all_if_needed(const dsl::Step& step) const {
    return !step.roles.empty() && std::all_of(step.roles.begin(), step.roles.end(),
                                              [](const dsl::RoleRef& r) { return r.if_needed; });
  }

  // A condition is met, not met, or not yet known (its step not done).
  enum class Cond { met, not_met, pending };
  Cond condition(const dsl::Step& step, int unit) const {
    if (!step.condition) return Cond::met;
    std::size_t on = step.condition->step;
    int u = p_.per_unit(p_.steps[on]) ? unit : -1;
    const Records::Done* d = latest(on, u);
    if (!d) return Cond::pending;
    return dsl::fold(d->outcome) == dsl::fold(step.condition->outcome) ? Cond::met : Cond::not_met;
  }

  const Records::Done* latest(std::size_t step, int unit) const {
    for (std::size_t k = windows_[step].size(); k > 0; --k)
      if (auto d = records_.find(process_, cycle_, step, unit, static_cast<int>(k))) return d;
    return nullptr;
  }

  // The occurrence of `dep` that a window waits for: the latest one due by its deadline.
  int dep_occurrence(std::size_t dep, const dsl::Window& w) const {
    int chosen = 1;
    for (std::size_t k = 0; k < windows_[dep].size(); ++k)
      if (ch::sys_days(windows_[dep][k].deadline) <= ch::sys_days(w.deadline)) chosen = int(k) + 1;
    return chosen;
  }

  // Not applicable (condition not met, or not run this cycle) counts as satisfied.
  bool dep_satisfied(std::size_t dep, int unit, int occurrence) const {
    if (windows_[dep].empty() || all_if_needed(p_.steps[dep])) return true;
    if (condition(p_.steps[dep], unit) == Cond::not_met) return true;
    return records_.find(process_, cycle_, dep, unit, occurrence) != nullptr;
  }

  std::vector<Blocker> blockers(const dsl::Step& step, int unit, const dsl::Window& w) const {
    std::vector<Blocker> out;
    for (const auto& d : step.deps) {
      int occ = dep_occurrence(d.step, w);
      if (!p_.per_unit(p_.steps[d.step])) {
        if (!dep_satisfied(d.step, -1, occ)) out.push_back({d.step, 0, 0});
      } else if (unit >= 0) {  // per unit after per unit: the same unit
        if (!dep_satisfied(d.step, unit, occ)) out.push_back({d.step, 0, 0});
      } else {  // single after per unit: a barrier, every unit
        std::size_t missing = 0;
        for (std::size_t u = 0; u < roster_.units.size(); ++u)
          missing += dep_satisfied(d.step, int(u), occ) ? 0 : 1;
        if (missing) out.push_back({d.step, missing, roster_.units.size()});
      }
    }
    if (step.condition && condition(step, unit) == Cond::pending)
      out.push_back({step.condition->step, 0, 0});
    return out;
  }

  int lead(const dsl::Step& step) const {
    return step.lead_days.value_or(p_.lead_days.value_or(options_.lead_days));
  }

  void classify(Task& t, int unit) const {
    const auto& step = p_.steps[t.step];
    int start = days_of(t.window.start), deadline = days_of(t.window.deadline);
    if (const auto* d = records_.find(process_, cycle_, t.step, unit, t.occurrence)) {
      t.done_on = Date(ch::sys_days(ch::days(d->done_on)));
      t.days = d->done_on - deadline;
      t.state = d->done_on > deadline ? State::done_late : State::done;
      return;
    }
    if (all_if_needed(step) || condition(step, unit) == Cond::not_met) {
      t.state = State::not_applicable;
      return;
    }
    t.days = deadline - today_;
    if (today_ > deadline) {
      t.state = State::overdue;
      t.days = today_ - deadline;
      t.blocked_by = blockers(step, unit, t.window);
      return;
    }
    if (today_ >= start) t.blocked_by = blockers(step, unit, t.window);
    if (!t.blocked_by.empty()) t.state = State::blocked;
    else if (deadline - today_ <= lead(step)) t.state = State::due_soon;
    else if (today_ >= start) t.state = State::ready;
    else t.state = State::upcoming;
  }

  const dsl::Process& p_;
  std::size_t process_;
  int cycle_;
  const Roster& roster_;
  const Records& records_;
  int today_;
  const EngineOptions& options_;
  std::vector<std::vector<dsl::Window>> windows_;
};

}  // namespace

std::string state_name(State s, dsl::Lang lang) {
  bool sv = lang == dsl::Lang::sv;
  switch (s) {
    case State::overdue: return sv ? "försenad" : "overdue";
    case State::blocked: return sv ? "blockerad" : "blocked";
    case State::due_soon: return sv ? "snart" : "due soon";
    case State::ready: return sv ? "att göra" : "ready";
    case State::upcoming: return sv ? "kommande" : "upcoming";
    case State::done_late: return sv ? "klar sent" : "done late";
    case State::done: return sv ? "klar" : "done";
    case State::not_applicable: return sv ? "ej aktuell" : "not applicable";
  }
  return {};
}

Records::Records(const std::vector<dsl::Process>& processes, const Roster& roster)
    : processes_(processes) {
  for (std::size_t i = 0; i < roster.units.size(); ++i) units_.emplace(dsl::fold(roster.units[i]), int(i));
  for (std::size_t i = 0; i < processes.size(); ++i) process_ids_.emplace(dsl::fold(processes[i].id), i);
}

int Records::unit_index(const std::string& unit) const {
  if (unit.empty()) return -1;
  auto it = units_.find(dsl::fold(unit));
  return it == units_.end() ? kAllUnits : it->second;
}

std::uint64_t Records::key(std::size_t process, int cycle, std::size_t step, int unit, int occurrence) {
  // 8 bits process, 12 bits cycle, 16 bits step, 20 bits unit (+1), 8 bits occurrence.
  return (std::uint64_t(process & 0xFF) << 56) | (std::uint64_t(cycle & 0xFFF) << 44) |
         (std::uint64_t(step & 0xFFFF) << 28) | (std::uint64_t((unit + 1) & 0xFFFFF) << 8) |
         std::uint64_t(occurrence & 0xFF);
}

void Records::add(const Completion& c) {
  auto p = process_ids_.find(dsl::fold(c.process));
  if (p == process_ids_.end()) return void(++ignored_);
  auto step = processes_[p->second].find_step(c.step);
  int unit = unit_index(c.unit);
  if (!step || unit == kAllUnits) return void(++ignored_);
  done_[key(p->second, c.cycle, *step, unit, c.occurrence)] = Done{days_of(c.done_on), c.outcome};
}

const Records::Done* Records::find(std::size_t process, int cycle, std::size_t step, int unit,
                                   int occurrence) const {
  auto it = done_.find(key(process, cycle, step, unit, occurrence));
  return it == done_.end() ? nullptr : &it->second;
}

int cycle_of(dsl::CycleKind kind, Date date) {
  int y = static_cast<int>(date.year());
  if (kind == dsl::CycleKind::school_year && static_cast<unsigned>(date.month()) < 8) return y - 1;
  return y;
}

std::vector<Task> evaluate_cycle(const std::vector<dsl::Process>& processes, std::size_t process,
                                 int cycle, const Roster& roster, const Records& records, Date date,
                                 const EngineOptions& options) {
  std::vector<Task> out;
  CycleEvaluator(processes, process, cycle, roster, records, date, options).run(out);
  return out;
}

std::vector<Task> evaluate(const std::vector<dsl::Process>& processes, const Roster& roster,
                           const Records& records, Date date, const EngineOptions& options) {
  std::vector<Task> out;
  for (std::size_t p = 0; p < processes.size(); ++p) {
    int current = cycle_of(processes[p].cycle, date);
    for (int cycle = current - 1; cycle <= current + 1; ++cycle) {
      auto tasks = evaluate_cycle(processes, p, cycle, roster, records, date, options);
      // The next cycle counts once its planning has started (a window open or due soon).
      if (cycle > current &&
          std::none_of(tasks.begin(), tasks.end(), [](const Task& t) {
            return t.state != State::upcoming && t.state != State::not_applicable;
          }))
        continue;
      out.insert(out.end(), std::make_move_iterator(tasks.begin()), std::make_move_iterator(tasks.end()));
    }
  }
  return out;
}

}  // namespace arshjul::engine
