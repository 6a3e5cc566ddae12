#include "engine/incremental.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "dsl/text.hpp"
#include "engine/cycle.hpp"
#include "engine/plan.hpp"

namespace arshjul::engine {

/// What an incremental snapshot keeps beside its tasks.
struct Evaluation {
  std::unique_ptr<Records> records;
  const Roster* roster = nullptr;
  EngineOptions options;
  int first = 0, last = 0;  ///< the cycles whose entries were read
  bool plans = false;       ///< the plans' follow-up was read (SnapshotOptions::plans)
  /// The område of each unit index (units, then områden) as a number: -1 for none, else the
  /// same number for the same name (compared per task a write can reach, thousands of them).
  std::vector<int> areas;
  /// The tasks of each (process, cycle, step), a run of Snapshot::tasks: [begin, end).
  std::map<std::tuple<std::size_t, int, std::size_t>, std::pair<std::size_t, std::size_t>> runs;
  /// One view per (process, cycle) classified again, made on first use (it reads `records`
  /// on every question, so new entries are seen).
  std::map<std::pair<std::size_t, int>, std::unique_ptr<CycleView>> views;
};

namespace {

using StepAt = std::tuple<std::size_t, int, std::size_t>;  // process, cycle, step

int area_of(const Evaluation& e, int unit) {
  return unit < 0 || static_cast<std::size_t>(unit) >= e.areas.size() ? -1 : e.areas[unit];
}

// Whether a task at unit index `task` can read an entry at unit index `entry`, through a
// dependency, a barrier or an OM, as CycleView::spread and condition() reach: the same unit,
// a single task on either side, or the same område (a unit and its område, units of one).
bool reaches(const Evaluation& e, int entry, int task) {
  if (entry < 0 || task < 0 || entry == task) return true;
  const int a = area_of(e, entry);
  return a >= 0 && a == area_of(e, task);
}

bool names(const dsl::Process& p, const std::string& id) {
  return dsl::folded_equal(p.id, id);
}

/// The steps whose tasks read the done entries of step `at`: itself; the steps of its process
/// with an OM on it, and the steps waiting for any of those (EFTER in the process in the same
/// cycle; a link from any process in any cycle read).
std::set<StepAt> readers_of(const std::vector<dsl::Process>& ps, const Evaluation& e, StepAt at) {
  auto [p, cycle, step] = at;
  std::set<StepAt> out{at};
  std::vector<std::size_t> read{step};  // the steps whose satisfaction the entry can change
  for (std::size_t s = 0; s < ps[p].steps.size(); ++s)
    if (ps[p].steps[s].condition && ps[p].steps[s].condition->step == step) {
      out.insert({p, cycle, s});
      read.push_back(s);
    }
  for (std::size_t r : read) {
    for (std::size_t s = 0; s < ps[p].steps.size(); ++s)
      for (const auto& d : ps[p].steps[s].deps)
        if (d.step == r) out.insert({p, cycle, s});
    const std::string& step_id = ps[p].steps[r].id;
    for (std::size_t q = 0; q < ps.size(); ++q)
      for (std::size_t s = 0; s < ps[q].steps.size(); ++s)
        for (const auto& l : ps[q].steps[s].links) {
          bool to_p = l.process.empty() ? names(ps[q], ps[p].id) : names(ps[p], l.process);
          if (!to_p || !dsl::folded_equal(l.step, step_id)) continue;
          for (int c = e.first; c <= e.last; ++c) out.insert({q, c, s});
        }
  }
  return out;
}

CycleView& view_of(const std::vector<dsl::Process>& ps, Evaluation& e, std::size_t p, int cycle) {
  auto& view = e.views[{p, cycle}];
  if (!view) view = std::make_unique<CycleView>(ps[p], p, cycle, *e.roster, *e.records, &ps);
  return *view;
}

/// The places in Snapshot::tasks of the tasks the entries at `keys` can change.
std::set<std::size_t> touched(const Snapshot& s, const Evaluation& e,
                              const std::vector<TaskKey>& keys) {
  std::set<std::size_t> out;
  std::set<std::pair<StepAt, int>> seen;  // (step, unit) already looked at
  for (const auto& k : keys) {
    if (!seen.insert({{k.process, k.cycle, k.step}, k.unit}).second) continue;
    for (const auto& at : readers_of(s.processes(), e, {k.process, k.cycle, k.step})) {
      auto run = e.runs.find(at);
      if (run == e.runs.end()) continue;  // a cycle not evaluated
      for (std::size_t i = run->second.first; i < run->second.second; ++i)
        if (reaches(e, k.unit, s.tasks[i].unit_index)) out.insert(i);
    }
  }
  return out;
}

}  // namespace

bool same_classification(const Task& a, const Task& b) {
  auto blockers_equal = [](const Blocker& x, const Blocker& y) {
    return x.step == y.step && x.units_missing == y.units_missing &&
           x.units_total == y.units_total && x.process == y.process && x.cycle == y.cycle &&
           x.linked.has_value() == y.linked.has_value();
  };
  return a.state == b.state && a.days == b.days && a.done_on == b.done_on &&
         std::equal(a.blocked_by.begin(), a.blocked_by.end(), b.blocked_by.begin(),
                    b.blocked_by.end(), blockers_equal);
}

void order_urgent(Snapshot& s) {
  s.urgent.clear();
  for (const auto& t : s.tasks)
    if (needs_attention(t.state)) s.urgent.push_back(&t);
  std::stable_sort(s.urgent.begin(), s.urgent.end(),
                   [](const Task* a, const Task* b) { return more_urgent(*a, *b); });
}

namespace {

/// Where a task stands in "most urgent first": more_urgent, then the engine's order (the
/// order a stable sort of Snapshot::tasks keeps), for the task as `t` classifies it.
struct UrgentAt {
  const Task* t;
  std::size_t index;
};
bool before(const UrgentAt& a, const UrgentAt& b) {
  if (more_urgent(*a.t, *b.t)) return true;
  if (more_urgent(*b.t, *a.t)) return false;
  return a.index < b.index;
}

}  // namespace

std::vector<const Task*> merged_urgent(const Snapshot& s, const std::vector<const Task*>& list,
                                       const std::vector<Moved>& moved) {
  const Task* first = s.tasks.data();
  auto at = [&](const Task* t) { return UrgentAt{t, static_cast<std::size_t>(t - first)}; };
  // Found by their classification before (what `list` is ordered by): O(moved * log(list))
  // comparisons, then the list copied around them in runs, not looked at task by task.
  auto place_of = [&](const UrgentAt& u) {
    return static_cast<std::size_t>(
        std::lower_bound(list.begin(), list.end(), u,
                         [&](const Task* t, const UrgentAt& x) { return before(at(t), x); }) -
        list.begin());
  };
  std::vector<std::size_t> out_of;                   // places in `list` taken out
  std::vector<std::pair<std::size_t, UrgentAt>> in;  // place in `list` to go before, task now
  for (const auto& m : moved) {
    std::size_t was = place_of(at(&s.tasks[m.index]));
    if (was < list.size() && list[was] == &s.tasks[m.index]) out_of.push_back(was);
    if (needs_attention(m.now->state)) in.push_back({0, UrgentAt{m.now, m.index}});
  }
  for (auto& [to, u] : in) to = place_of(u);
  std::sort(out_of.begin(), out_of.end());
  std::sort(in.begin(), in.end(),
            [](const auto& a, const auto& b) { return before(a.second, b.second); });
  std::vector<const Task*> out;
  out.reserve(list.size() + in.size() - out_of.size());
  std::size_t from = 0;
  auto o = out_of.begin();
  auto copy_to = [&](std::size_t to) {  // list[from, to) without the places taken out
    for (; o != out_of.end() && *o < to; ++o) {
      out.insert(out.end(), list.begin() + from, list.begin() + *o);
      from = *o + 1;
    }
    out.insert(out.end(), list.begin() + from, list.begin() + to);
    from = to;
  };
  for (const auto& [to, u] : in) {
    copy_to(to);
    out.push_back(&s.tasks[u.index]);  // classified as `u` once committed
  }
  copy_to(list.size());
  return out;
}

void keep_evaluation(Snapshot& s, std::unique_ptr<Records> records, const Roster& roster,
                     const EngineOptions& options, std::pair<int, int> cycles, bool plans) {
  auto e = std::make_shared<Evaluation>();
  e->records = std::move(records);
  e->roster = &roster;
  e->options = options;
  e->plans = plans;
  std::tie(e->first, e->last) = cycles;
  if (roster.area_column()) {
    std::map<std::string, int> numbers;  // område -> its number
    for (int u = 0; u < static_cast<int>(roster.units.size() + roster.areas.size()); ++u) {
      auto area = roster.area_of(roster.name_of(u));
      e->areas.push_back(
          area.empty() ? -1 : numbers.try_emplace(area, int(numbers.size())).first->second);
    }
  }
  // The engine writes the tasks of one step of one cycle together (CycleEvaluator::run).
  for (std::size_t i = 0; i < s.tasks.size();) {
    const Task& t = s.tasks[i];
    std::size_t end = i + 1;
    while (end < s.tasks.size() && s.tasks[end].process == t.process &&
           s.tasks[end].cycle == t.cycle && s.tasks[end].step == t.step)
      ++end;
    e->runs[{t.process, t.cycle, t.step}] = {i, end};
    i = end;
  }
  s.evaluation = std::move(e);
}

std::vector<Moved> moved(const std::vector<std::pair<std::size_t, Task>>& changed) {
  std::vector<Moved> out;
  out.reserve(changed.size());
  for (const auto& [i, now] : changed) out.push_back({i, &now});
  return out;
}

std::optional<Prepared> prepare_entries(const Snapshot& s, const std::vector<Completion>& entries) {
  if (!s.evaluation) return std::nullopt;
  Evaluation& e = *s.evaluation;
  std::vector<TaskKey> keys;
  for (const auto& c : entries) {
    if (c.cycle < e.first || c.cycle > e.last) continue;  // not read by load_snapshot either
    e.records->add(c);  // left out when done after the date, as when loaded
    if (auto key = e.records->key_of(c)) keys.push_back(*key);
  }
  Prepared out;
  out.ignored = e.records->ignored();
  const auto& ps = s.processes();
  for (std::size_t i : touched(s, e, keys)) {  // in the order of Snapshot::tasks
    const Task& t = s.tasks[i];
    Task now = classify(view_of(ps, e, t.process, t.cycle), t.process, t.step, t.unit_index,
                        t.occurrence, s.date, e.options, *e.roster);
    if (!same_classification(now, t)) out.changed.emplace_back(i, std::move(now));
  }
  if (!out.changed.empty()) out.urgent = merged_urgent(s, s.urgent, moved(out.changed));
  return out;
}

std::vector<Reclassified> commit_entries(Snapshot& s, Prepared&& prepared) {
  std::vector<Reclassified> changes;
  changes.reserve(prepared.changed.size());
  for (auto& [i, now] : prepared.changed) {
    changes.push_back({i, std::move(s.tasks[i])});
    s.tasks[i] = std::move(now);
  }
  if (!changes.empty()) s.urgent = std::move(prepared.urgent);
  s.ignored = prepared.ignored;
  return changes;
}

std::optional<std::vector<Reclassified>> apply_entries(Snapshot& s,
                                                       const std::vector<Completion>& entries) {
  auto prepared = prepare_entries(s, entries);
  if (!prepared) return std::nullopt;
  return commit_entries(s, std::move(*prepared));
}

std::vector<const Task*> tasks_of(const Snapshot& s, std::size_t process, int cycle,
                                  std::size_t step) {
  std::vector<const Task*> out;
  if (s.evaluation) {
    auto run = s.evaluation->runs.find({process, cycle, step});
    if (run != s.evaluation->runs.end())
      for (std::size_t i = run->second.first; i < run->second.second; ++i)
        out.push_back(&s.tasks[i]);
    return out;
  }
  for (const auto& t : s.tasks)
    if (t.process == process && t.cycle == cycle && t.step == step) out.push_back(&t);
  return out;
}

std::optional<std::vector<PlanFollowUp>> reload_plans(const Snapshot& s, const Store& store) {
  if (!s.evaluation || !s.evaluation->plans) return std::nullopt;
  return current_plans(s.processes(), *s.evaluation->roster, store, s.date);
}

}  // namespace arshjul::engine
