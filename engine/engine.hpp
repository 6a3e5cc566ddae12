#pragma once
// The engine: for a date and the record of what was done, the state of every task.
// A pure function of (rules, roster, date, records): it never reads the clock or a file.
#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "dsl/model.hpp"
#include "dsl/schedule.hpp"
#include "engine/roster.hpp"
#include "engine/store.hpp"
#include "engine/task_id.hpp"

namespace arshjul::engine {

/// The state of a task, in the order status lists them (most urgent first). Before start: its
/// deadline lies before the store's start date and nothing was recorded for it (the record
/// did not exist yet; not overdue, not reminded, not an audit finding).
enum class State {
  overdue,
  blocked,
  due_soon,
  ready,
  upcoming,
  done_late,
  done,
  not_applicable,
  before_start
};

/// "försenad" / "overdue" etc.
std::string state_name(State s, dsl::Lang lang);

/// Overdue, blocked, due soon or ready: what `status` lists and "my tasks" shows.
bool needs_attention(State s);

/// A step of another process or cycle a task waits for (EFTER across them), as outputs name it.
struct LinkedStep {
  std::string process;  ///< the process's id
  std::string step;     ///< the step's id
  int cycle = 0;
  bool other_process = false;  ///< else the task's own process, another cycle (`förra cykeln`)
};

/// What a blocked task waits for: a step, and for a barrier how many units are not done.
struct Blocker {
  std::size_t step = 0;
  std::size_t units_missing = 0;  ///< 0 when the task waits for one task of the step
  std::size_t units_total = 0;    ///< the units (of its område, for an område's task) waited for
  std::size_t process = 0;        ///< the step's process: another than the task's for a link
  int cycle = 0;                  ///< the step's cycle: another than the task's for `förra cykeln`
  std::optional<LinkedStep> linked;  ///< set when the step is of another process or cycle
};

/// One task: a step (for one unit, when per unit) in one cycle, one occurrence.
struct Task {
  std::size_t process = 0;
  int cycle = 0;
  std::size_t step = 0;
  std::string unit;    ///< empty for single-instance steps; an område's name for its tasks
  std::string area;    ///< the område of the unit (its own name for an område's task), or ""
  int occurrence = 1;  ///< 1-based
  dsl::Window window;
  State state = State::upcoming;
  int days = 0;  ///< overdue/done_late: days late; otherwise days left to the deadline
  std::vector<Blocker> blocked_by;
  std::optional<dsl::Date> done_on;
  /// Nobody in the roster holds a required role of the step at the task's unit (or område):
  /// the task is still there, and status, `check --roster` and the audit say it is vacant.
  bool vacant = false;
  /// The unit's index: in the roster's units, then its områden after them; -1 for none.
  int unit_index = -1;
};

/// "Most urgent first", the one order of status, "my tasks" and the report: by state (in
/// State's order), then the longest overdue first, then the earliest deadline first.
bool more_urgent(const Task& a, const Task& b);
/// The same for tasks seen in other states than their own (a `vid behov` role sees a task as
/// not applicable): `as` for `a`, `bs` for `b`.
bool more_urgent(State as, const Task& a, State bs, const Task& b);

/// The identity of `t` (its process and step by id); `process` is the task's process.
TaskId task_id(const Task& t, const dsl::Process& process);
TaskId task_id(const Task& t, const std::vector<dsl::Process>& processes);

struct EngineOptions {
  /// "Due soon" lead time when neither the step nor the process sets LEDTID; when unset it
  /// scales with the window: 28 days for windows of four weeks or more, 7 otherwise.
  std::optional<int> lead_days;
  /// The store's start date: an unrecorded task due before it is State::before_start.
  std::optional<dsl::Date> start;
  /// How many (process, cycle)s `evaluate` classifies at once, each on its own thread.
  int threads = 1;
};

/// The lead time of a task: LEDTID of the step, of the process, the global one, or scaled.
int lead_days(const dsl::Process& p, const dsl::Step& s, const dsl::Window& w,
              const EngineOptions& o);

/// The latest completion of each task, from store entries (a later entry wins: corrections).
class Records {
 public:
  Records(const std::vector<dsl::Process>& processes, const Roster& roster);
  /// Adds an entry; one that names no known process, step or unit is counted and ignored
  /// (and false is returned). An entry done after the as-of date (when one is set) is left out
  /// without a word: as of that date it had not happened.
  bool add(const Completion& c);
  /// Entries done after `date` are left out from now on.
  void set_as_of(dsl::Date date);
  /// The task an entry is for, resolved as add() resolves it; nullopt when it names no known
  /// process, step or unit.
  std::optional<TaskKey> key_of(const Completion& c);
  std::optional<TaskKey> key_of(const TaskId& id);
  /// The entry that counts for a task (the latest), and how it came to count.
  struct Done {
    std::int32_t done_on = 0;  ///< days since 1970-01-01
    std::string outcome;
    std::string done_by;
    int entries = 1;                    ///< more than one: corrected
    std::int32_t replaced_done_on = 0;  ///< the done date of the entry it replaced
  };
  const Done* find(const TaskKey& key) const;
  /// Index of `unit` in the roster's unit list, -1 for none/unknown.
  int unit_index(const std::string& unit) const;
  std::size_t ignored() const { return ignored_; }
  /// Takes in the records of `other`, made for the same rules and as-of date from entries of
  /// other cycles than this one's (a store read in two parts at once).
  void merge(Records&& other);

 private:
  /// Index of `text` in `index` (folded), remembered under the text as written: entries
  /// repeat the same few process, step and unit names, so each is folded once.
  std::optional<TaskKey> resolve(const std::string& process, int cycle, const std::string& step,
                                 const std::string& unit, int occurrence);
  /// Of the versions of `process` (the same id, versions.hpp), the one in force in `cycle`.
  int version_for(int process, int cycle) const;
  template <typename Lookup>
  int memo(std::unordered_map<std::string, int>& seen, const std::string& text, Lookup lookup);

  const std::vector<dsl::Process>& processes_;
  std::unordered_map<std::string, int> units_;  // folded unit -> index
  std::unordered_map<std::string, int> seen_processes_, seen_units_;
  std::vector<std::unordered_map<std::string, int>> seen_steps_;        // per process
  std::unordered_map<std::string, std::size_t> process_ids_;            // folded id -> first index
  std::unordered_map<std::size_t, std::vector<std::size_t>> versions_;  // first -> the others
  std::unordered_map<TaskKey, Done, TaskKeyHash> done_;
  std::size_t ignored_ = 0;
  std::optional<std::int32_t> as_of_;
};

/// The cycle of `kind` that `date` falls in (a läsår started 1 August).
int cycle_of(dsl::CycleKind kind, dsl::Date date);

/// The cycles `evaluate` looks at for `date`: from the earliest process's previous cycle to
/// the latest's next one (which store entries to load); one more before when a step waits for
/// a step of the cycle before (`förra cykeln`).
std::pair<int, int> open_cycles(const std::vector<dsl::Process>& processes, dsl::Date date);

/// Classifies every task of the cycles around `date` (the previous, current and next cycle of
/// each process; the next only once its first window opens within the lead time).
std::vector<Task> evaluate(const std::vector<dsl::Process>& processes, const Roster& roster,
                           const Records& records, dsl::Date date, const EngineOptions& options);

/// Classifies the tasks of one cycle of one process (all of them, whatever the date).
std::vector<Task> evaluate_cycle(const std::vector<dsl::Process>& processes, std::size_t process,
                                 int cycle, const Roster& roster, const Records& records,
                                 dsl::Date date, const EngineOptions& options);

}  // namespace arshjul::engine
