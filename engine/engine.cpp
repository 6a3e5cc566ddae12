#include "engine/engine.hpp"

#include <algorithm>
#include <array>
#include <future>
#include <iterator>
#include <memory>

#include "dsl/text.hpp"
#include "engine/cycle.hpp"

namespace arshjul::engine {
namespace ch = std::chrono;
using dsl::Date;

namespace {

constexpr int kAllUnits = -2;  // unit_index() of a unit not in the roster

/// Classifies the tasks of one (process, cycle) as of a date.
class CycleEvaluator {
 public:
  CycleEvaluator(const CycleView& view, std::size_t process, Date date, const EngineOptions& o,
                 const Roster& roster)
      : v_(view), process_(process), today_(days_of(date)), options_(o), roster_(roster) {}

  void run(std::vector<Task>& out) const {
    const auto& steps = v_.process().steps;
    for (std::size_t s = 0; s < steps.size(); ++s)
      for (int unit : v_.units_of(s))
        for (std::size_t k = 0; k < v_.windows(s, unit).size(); ++k)
          out.push_back(task(s, unit, k));
  }

  /// Occurrence k + 1 of step `s` for unit index `unit` (-1: single-instance).
  Task task(std::size_t s, int unit, std::size_t k) const {
    Task t;
    t.process = process_;
    t.cycle = v_.cycle();
    t.step = s;
    t.unit = roster_.name_of(unit);
    t.unit_index = unit;
    t.area = v_.area(unit);
    t.occurrence = static_cast<int>(k) + 1;
    t.window = v_.windows(s, unit)[k];
    t.vacant = v_.vacant(s, unit);
    classify(t, unit);
    return t;
  }

 private:
  // Unsatisfied prerequisites grouped per step, with the count of units for barriers.
  std::vector<Blocker> blockers(std::size_t step, int unit, const dsl::Window& w) const {
    std::vector<Blocker> out;
    for (const auto& pre : v_.prerequisites(step, unit, w)) {
      const CycleView& of = pre.view ? *pre.view : v_;
      if (out.empty() || out.back().step != pre.step || out.back().process != of.process_index() ||
          out.back().cycle != of.cycle())
        out.push_back({pre.step, 0, 0, of.process_index(), of.cycle(), v_.linked(pre)});
      if (pre.barrier) out.back().units_total++;
      if (!v_.satisfied(pre)) out.back().units_missing++;
    }
    std::erase_if(out, [](const Blocker& b) { return b.units_missing == 0; });
    for (auto& b : out)
      if (b.units_total == 0) b.units_missing = 0;
    const auto& condition = v_.process().steps[step].condition;
    bool listed =
        condition && std::any_of(out.begin(), out.end(), [&](const Blocker& b) {
          return b.step == condition->step && b.process == process_ && b.cycle == v_.cycle();
        });
    if (condition && !listed && v_.condition(step, unit) == CycleView::Cond::pending)
      out.push_back({condition->step, 0, 0, process_, v_.cycle(), std::nullopt});
    return out;
  }

  void classify(Task& t, int unit) const {
    const auto& step = v_.process().steps[t.step];
    int start = days_of(t.window.start), deadline = days_of(t.window.deadline);
    if (const auto* d = v_.done(t.step, unit, t.occurrence)) {
      t.done_on = date_of(d->done_on);
      t.days = d->done_on - deadline;
      t.state = d->done_on > deadline ? State::done_late : State::done;
      return;
    }
    if (v_.optional(t.step) || v_.condition(t.step, unit) == CycleView::Cond::not_met) {
      t.state = State::not_applicable;
      return;
    }
    if (options_.start && deadline < days_of(*options_.start)) {
      t.state = State::before_start;
      return;
    }
    t.days = deadline - today_;
    if (today_ > deadline) {
      t.state = State::overdue;
      t.days = today_ - deadline;
      t.blocked_by = blockers(t.step, unit, t.window);
      return;
    }
    if (today_ >= start) t.blocked_by = blockers(t.step, unit, t.window);
    // "Due soon" starts on the reminder day: never a closed day (see WorkCalendar).
    int reminder = days_of(v_.calendar(unit).reminder_day(
        t.window.deadline, lead_days(v_.process(), step, t.window, options_)));
    if (!t.blocked_by.empty())
      t.state = State::blocked;
    else if (today_ >= reminder)
      t.state = State::due_soon;
    else if (today_ >= start)
      t.state = State::ready;
    else
      t.state = State::upcoming;
  }

  const CycleView& v_;
  std::size_t process_;
  int today_;
  const EngineOptions& options_;
  const Roster& roster_;
};

}  // namespace

int lead_days(const dsl::Process& p, const dsl::Step& s, const dsl::Window& w,
              const EngineOptions& o) {
  if (s.lead_days) return *s.lead_days;
  if (p.lead_days) return *p.lead_days;
  if (o.lead_days) return *o.lead_days;
  int length = days_of(w.deadline) - days_of(w.start) + 1;
  return length >= 28 ? 28 : 7;
}

namespace {

// True when some window of the cycle is open on `date` or its reminder day has come.
bool started(const CycleView& v, Date date, const EngineOptions& options) {
  int today = days_of(date);
  const auto& p = v.process();
  for (std::size_t s = 0; s < p.steps.size(); ++s)
    for (const auto& w : v.windows(s))
      if (days_of(w.start) <= today ||
          days_of(p.calendar.reminder_day(w.deadline, lead_days(p, p.steps[s], w, options))) <=
              today)
        return true;
  return false;
}

}  // namespace

std::string state_name(State s, dsl::Lang lang) {
  // In State's order.
  static constexpr std::array kNames{
      dsl::Msg::state_overdue, dsl::Msg::state_blocked,        dsl::Msg::state_due_soon,
      dsl::Msg::state_ready,   dsl::Msg::state_upcoming,       dsl::Msg::state_done_late,
      dsl::Msg::state_done,    dsl::Msg::state_not_applicable, dsl::Msg::state_before_start,
  };
  return dsl::raw_text(kNames.at(static_cast<std::size_t>(s)), lang);
}

bool needs_attention(State s) {
  return s == State::overdue || s == State::blocked || s == State::due_soon || s == State::ready;
}

bool more_urgent(State as, const Task& a, State bs, const Task& b) {
  if (as != bs) return as < bs;
  if (as == State::overdue) return a.days > b.days;
  return days_of(a.window.deadline) < days_of(b.window.deadline);
}

bool more_urgent(const Task& a, const Task& b) {
  return more_urgent(a.state, a, b.state, b);
}

Records::Records(const std::vector<dsl::Process>& processes, const Roster& roster)
    : processes_(processes) {
  for (std::size_t i = 0; i < roster.units.size(); ++i)
    units_.emplace(dsl::fold(roster.units[i]), int(i));
  for (std::size_t i = 0; i < roster.areas.size(); ++i)  // an område's tasks come after
    units_.emplace(dsl::fold(roster.areas[i]), int(roster.units.size() + i));
  for (std::size_t i = 0; i < processes.size(); ++i) {
    auto [it, fresh] = process_ids_.emplace(dsl::fold(processes[i].id), i);
    if (!fresh) versions_[it->second].push_back(i);  // another cycle's rules (versions.hpp)
  }
  seen_steps_.resize(processes.size());
}

int Records::version_for(int process, int cycle) const {
  if (processes_[process].applies_in(cycle)) return process;
  for (std::size_t other : versions_.at(static_cast<std::size_t>(process)))
    if (processes_[other].applies_in(cycle)) return static_cast<int>(other);
  return process;
}

int Records::unit_index(const std::string& unit) const {
  if (unit.empty()) return -1;
  auto it = units_.find(dsl::fold(unit));
  return it == units_.end() ? kAllUnits : it->second;
}

template <typename Lookup>
int Records::memo(std::unordered_map<std::string, int>& seen, const std::string& text,
                  Lookup lookup) {
  auto it = seen.find(text);
  if (it == seen.end()) it = seen.emplace(text, lookup()).first;
  return it->second;
}

std::optional<TaskKey> Records::resolve(const std::string& process_id, int cycle,
                                        const std::string& step_id, const std::string& unit_name,
                                        int occurrence) {
  int process = memo(seen_processes_, process_id, [&] {
    auto p = process_ids_.find(dsl::fold(process_id));
    return p == process_ids_.end() ? -1 : static_cast<int>(p->second);
  });
  if (process < 0) return std::nullopt;
  if (versions_.count(static_cast<std::size_t>(process))) process = version_for(process, cycle);
  int step = memo(seen_steps_[process], step_id, [&] {
    auto s = processes_[process].find_step(step_id);
    return s ? static_cast<int>(*s) : -1;
  });
  int unit = memo(seen_units_, unit_name, [&] { return unit_index(unit_name); });
  if (step < 0 || unit == kAllUnits) return std::nullopt;
  return TaskKey{std::uint32_t(process), cycle, std::uint32_t(step), unit, occurrence};
}

std::optional<TaskKey> Records::key_of(const Completion& c) {
  return resolve(c.process, c.cycle, c.step, c.unit, c.occurrence);
}

std::optional<TaskKey> Records::key_of(const TaskId& id) {
  return resolve(id.process, id.cycle, id.step, id.unit, id.occurrence);
}

void Records::set_as_of(Date date) {
  as_of_ = days_of(date);
}

bool Records::add(const Completion& c) {
  if (as_of_ && days_of(c.done_on) > *as_of_) return true;
  auto key = key_of(c);
  if (!key) return ++ignored_, false;
  auto [it, fresh] = done_.try_emplace(*key);
  Done& d = it->second;
  // Entries come oldest first: a later one is a correction and wins.
  if (!fresh) d.replaced_done_on = d.done_on, d.entries++;
  d.done_on = days_of(c.done_on);
  d.outcome = c.outcome;
  d.done_by = c.done_by;
  return true;
}

void Records::merge(Records&& other) {
  done_.merge(other.done_);
  ignored_ += other.ignored_;
}

const Records::Done* Records::find(const TaskKey& key) const {
  auto it = done_.find(key);
  return it == done_.end() ? nullptr : &it->second;
}

TaskId task_id(const Task& t, const dsl::Process& process) {
  return TaskId{process.id, t.cycle, process.steps[t.step].id, t.unit, t.occurrence};
}

TaskId task_id(const Task& t, const std::vector<dsl::Process>& processes) {
  return task_id(t, processes[t.process]);
}

int cycle_of(dsl::CycleKind kind, Date date) {
  int y = static_cast<int>(date.year());
  if (static_cast<int>(static_cast<unsigned>(date.month())) < dsl::start_month(kind)) return y - 1;
  return y;
}

std::pair<int, int> open_cycles(const std::vector<dsl::Process>& processes, Date date) {
  int first = static_cast<int>(date.year()), last = first;
  bool previous = false;  // a link to the cycle before: the previous cycle reads the one before it
  for (const auto& p : processes) {
    first = std::min(first, cycle_of(p.cycle, date) - 1);
    last = std::max(last, cycle_of(p.cycle, date) + 1);
    for (const auto& s : p.steps)
      previous |= std::any_of(s.links.begin(), s.links.end(),
                              [](const dsl::Link& l) { return l.previous_cycle; });
  }
  return {previous ? first - 1 : first, last};
}

Task classify(const CycleView& view, std::size_t process, std::size_t step, int unit,
              int occurrence, Date date, const EngineOptions& options, const Roster& roster) {
  return CycleEvaluator(view, process, date, options, roster)
      .task(step, unit, static_cast<std::size_t>(occurrence - 1));
}

std::vector<Task> evaluate_cycle(const std::vector<dsl::Process>& processes, std::size_t process,
                                 int cycle, const Roster& roster, const Records& records, Date date,
                                 const EngineOptions& options) {
  std::vector<Task> out;
  CycleView view(processes[process], process, cycle, roster, records, &processes);
  CycleEvaluator(view, process, date, options, roster).run(out);
  return out;
}

std::vector<Task> evaluate(const std::vector<dsl::Process>& processes, const Roster& roster,
                           const Records& records, Date date, const EngineOptions& options) {
  std::vector<std::unique_ptr<CycleView>> views;
  for (std::size_t p = 0; p < processes.size(); ++p) {
    int current = cycle_of(processes[p].cycle, date);
    for (int cycle = current - 1; cycle <= current + 1; ++cycle) {
      if (!processes[p].applies_in(cycle)) continue;  // `gäller`
      auto view = std::make_unique<CycleView>(processes[p], p, cycle, roster, records, &processes);
      // The next cycle counts once its planning has started: a window open or due soon
      // (decided per step, before any task of it is built).
      if (cycle > current && !started(*view, date, options)) continue;
      views.push_back(std::move(view));
    }
  }
  // Each view classified on its own (the records are only read), in turns of `threads`; the
  // tasks joined in the views' order.
  std::vector<std::vector<Task>> parts(views.size());
  auto run = [&](std::size_t i) {
    CycleEvaluator(*views[i], views[i]->process_index(), date, options, roster).run(parts[i]);
  };
  const auto threads = static_cast<std::size_t>(std::max(1, options.threads));
  for (std::size_t i = 0; i < views.size(); i += threads) {
    std::vector<std::future<void>> others;
    for (std::size_t k = 1; k < threads && i + k < views.size(); ++k)
      others.push_back(std::async(std::launch::async, run, i + k));
    run(i);
    for (auto& f : others) f.get();
  }
  std::size_t total = 0;
  for (const auto& part : parts) total += part.size();
  std::vector<Task> out;
  out.reserve(total);
  for (auto& part : parts) std::move(part.begin(), part.end(), std::back_inserter(out));
  return out;
}

}  // namespace arshjul::engine
