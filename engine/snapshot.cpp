#include "engine/snapshot.hpp"

#include <algorithm>
#include <exception>
#include <future>

#include "dsl/text.hpp"
#include "engine/cycle.hpp"
#include "engine/incremental.hpp"

namespace arshjul::engine {
namespace {

/// Adds the store's entries of cycles first..last to `records`, keeping those of `history_of`.
void read_entries(const Store& store, int first, int last, const std::optional<TaskId>& history_of,
                  Records& records, Snapshot& out) {
  std::optional<TaskKey> wanted;
  if (history_of) wanted = records.key_of(*history_of);
  store.for_each(
      first, last,
      [&](const Completion& c) {
        records.add(c);
        if (wanted && c.cycle == wanted->cycle && c.occurrence == wanted->occurrence &&
            records.key_of(c) == wanted)
          out.history.push_back(c);
      },
      Store::Order::by_task);
  out.ignored = records.ignored();
}

/// The same for the web view's load: the oldest cycle (the whole year before, as a rule the
/// most entries) read on a second connection at once with the others, into records of its own
/// joined after. Only for a reader outside any transaction: the second connection sees what
/// is committed.
void read_in_two(const Store& store, std::pair<int, int> cycles, Records& records, Snapshot& out,
                 const Roster& roster) {
  Records older(out.processes(), roster);
  older.set_as_of(out.date);
  auto oldest = std::async(std::launch::async, [&] {
    Store other(store.path(), Store::read_only);
    other.for_each(
        cycles.first, cycles.first, [&](const Completion& c) { older.add(c); },
        Store::Order::by_task);
  });
  std::exception_ptr failed;
  try {
    read_entries(store, cycles.first + 1, cycles.second, std::nullopt, records, out);
  } catch (...) {
    failed = std::current_exception();
  }
  oldest.get();  // joined (and its error thrown) before `older` goes
  if (failed) std::rethrow_exception(failed);
  records.merge(std::move(older));
  out.ignored = records.ignored();
}

/// Every task of one cycle (of one process, with `only`), each process by its version in force.
std::vector<Task> evaluate_one_cycle(const std::vector<dsl::Process>& processes,
                                     const std::optional<std::string>& only, const Roster& roster,
                                     const Records& records, dsl::Date date, int cycle,
                                     const EngineOptions& engine) {
  std::vector<Task> out;
  for (std::size_t p = 0; p < processes.size(); ++p) {
    if (only && dsl::fold(processes[p].id) != *only) continue;
    if (!processes[p].holds_in(cycle)) continue;
    auto tasks = evaluate_cycle(processes, p, cycle, roster, records, date, engine);
    out.insert(out.end(), std::make_move_iterator(tasks.begin()),
               std::make_move_iterator(tasks.end()));
  }
  return out;
}

Snapshot evaluate_snapshot(Snapshot out, const Roster& roster, const Store* store,
                           std::pair<int, int> cycles, const SnapshotOptions& options) {
  const auto& processes = out.processes();
  const dsl::Date date = out.date;
  auto records = std::make_unique<Records>(processes, roster);
  records->set_as_of(date);  // what was recorded as done after the date had not happened then
  EngineOptions engine = options.engine;
  if (store && !engine.start) engine.start = store->start_date();
  // The web view keeps its snapshot and loads it after start, on a machine of its own: there
  // it reads and classifies on two threads (the result is the same).
  const bool two = options.incremental && !options.cycle && !options.history_of;
  if (two) engine.threads = 2;
  if (store && two && cycles.first < cycles.second)
    read_in_two(*store, cycles, *records, out, roster);
  else if (store)
    read_entries(*store, cycles.first, cycles.second, options.history_of, *records, out);
  if (!options.cycle) {
    out.tasks = evaluate(processes, roster, *records, date, engine);
  } else {
    std::optional<std::string> only;  // the process asked for, by id: any of its versions
    if (options.process) only = dsl::fold((*out.rules.files)[*options.process].id);
    out.tasks = evaluate_one_cycle(processes, only, roster, *records, date, *options.cycle, engine);
  }
  order_urgent(out);
  if (options.incremental && !options.cycle)
    keep_evaluation(out, std::move(records), roster, engine, cycles, options.plans);
  // The plan's items due before the store's start are not overdue or missing either: the
  // follow-up reads the start date with the plan's records (load_plan_records).
  if (options.plans && store) out.plans = current_plans(processes, roster, *store, date);
  return out;
}

}  // namespace

Snapshot load_snapshot(const std::vector<dsl::Process>& processes, const Roster& roster,
                       const Store* store, dsl::Date date, const SnapshotOptions& options) {
  Snapshot out;
  out.date = date;
  auto [first, last] =
      options.cycle ? std::pair{*options.cycle - 1, *options.cycle} : open_cycles(processes, date);
  out.rules = rules_in_force(processes, options.recorded_rules ? store : nullptr, first, last);
  return evaluate_snapshot(std::move(out), roster, store, {first, last}, options);
}

}  // namespace arshjul::engine