#pragma once
// The record of what was done: insert-only, in an SQLite file (the default) or a PostgreSQL
// database (an address `postgresql://...`), behind one interface: nothing outside
// engine/store*.cpp knows which. A correction is a new entry; the latest entry for a task
// wins. Nothing here reads the clock: callers stamp entries.
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "dsl/messages.hpp"
#include "dsl/schedule.hpp"

namespace arshjul::engine {

class StoreBackend;  // engine/store_backend.hpp: SQLite or PostgreSQL

/// True when `address` names a PostgreSQL database (postgresql://... or postgres://...)
/// rather than an SQLite file.
bool is_postgres_address(const std::string& address);
/// `address` without its password (postgresql://user:secret@host/db -> postgresql://user@host/db),
/// as messages name a store; an SQLite path as it is.
std::string shown_address(const std::string& address);

/// One completion of a task: a step (for one unit, for per-unit steps) in one cycle.
struct Completion {
  std::int64_t id = 0;  ///< set by the store; increases with each entry
  std::string process;
  int cycle = 0;
  std::string step;
  std::string unit;    ///< empty for single-instance steps
  int occurrence = 1;  ///< 1-based, for steps that happen several times a cycle
  dsl::Date done_on;
  std::string done_by;  ///< a role or a person
  std::string outcome;  ///< for steps with UTFALL
  std::string note;
  std::string recorded_at;  ///< ISO 8601 timestamp of the entry
  /// The one-time key of the web form that made it (a form sent twice is recorded once:
  /// unique in the store); empty for none (NULL), as from the command line and imports.
  std::string submission;
};

/// A reported status of a plan activity (for one unit, for per-unit activities), as of a date.
/// The latest report on or before a date is the activity's status then.
struct StatusReport {
  std::int64_t id = 0;
  std::string process;
  int cycle = 0;
  std::string activity;
  std::string unit;
  dsl::Date reported_on;
  std::string status;  ///< the canonical Swedish word: pågående, genomfört, kvarstår, klart
  std::string comment;
  std::string reported_by;
  std::string recorded_at;
  std::string submission;  ///< as Completion::submission
};

/// A measured value of a measure for one tertial (and unit, for per-unit measures).
/// The latest entry for a measure, unit and tertial wins (a correction is a new entry).
struct MeasuredValue {
  std::int64_t id = 0;
  std::string process;
  int cycle = 0;
  std::string measure;
  std::string unit;
  int tertial = 0;  ///< 1-3
  double value = 0;
  std::string reported_by;
  std::string note;
  std::string recorded_at;
  std::string submission;  ///< as Completion::submission
};

/// A reminder that was delivered: to whom, about which task, of which kind.
struct SentReminder {
  std::string recipient;  ///< e-mail address, lower case
  std::string task_key;   ///< TaskId::text() (or a plan item's key, see ReminderItem)
  std::string kind;       ///< kind_key(): "due_soon", "overdue", "overdue@14", "escalation@14"
  dsl::Date run_date;
  std::string sent_at;
};

/// A store failure: cannot open, not a store, locked, newer schema, disk full...
/// The message names the file and what SQLite said.
/// A store failure (exit 3), worded in either language by the catalogue (text(lang)).
class StoreError : public dsl::WordedError {
 public:
  using dsl::WordedError::WordedError;
};

class Store {
 public:
  /// The schema version this build writes; older stores are migrated when opened for
  /// writing (never by read_only, which refuses them).
  static constexpr int kSchemaVersion = 8;

  /// Opens the store at `path` (an SQLite file, or a PostgreSQL address), creating it when
  /// missing (unless `create` is false; a PostgreSQL database must exist, its tables are
  /// made). Throws StoreError when it is not a store, is from a newer arshjul, cannot be
  /// reached, or is locked for longer than `busy_timeout_ms`.
  explicit Store(const std::string& path, bool create = true, int busy_timeout_ms = 5000);

  /// How a command that only reads opens a store: `Store(path, Store::read_only)`.
  struct ReadOnly {};
  static constexpr ReadOnly read_only{};
  /// Opens an existing store for reading only: nothing is ever written to it, not even a
  /// migration, and it leaves no file behind (its -wal and -shm go when it closes, as they
  /// came). Throws StoreError when the file is missing, is not a store, or is of another
  /// schema version than this build's: an older one names `arshjul store migrate`.
  Store(const std::string& path, ReadOnly, int busy_timeout_ms = 5000);
  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  /// Which entries record() leaves out: one equal to the latest entry of its task (a form
  /// sent twice), or equal to any entry of its task (a file imported again: its rows must not
  /// come back on top of the corrections made since).
  enum class Duplicates { latest, any };

  /// Appends all entries in one transaction: afterwards the store holds all or none of them,
  /// even if the process is killed half way. Throws StoreError (nothing written). An entry
  /// equal (same date, by, outcome and note) to its task's latest entry, or with
  /// Duplicates::any to any of them, is left out: how many were added. So is an entry whose
  /// submission key its table (or the batch) already has: a form sent twice.
  std::size_t record(const std::vector<Completion>& entries, Duplicates d = Duplicates::latest);

  /// Appends status reports / measured values, all or none, like record(completions); a
  /// report or value equal to the latest (any) for its activity (measure and tertial) is left
  /// out.
  std::size_t record(const std::vector<StatusReport>& entries, Duplicates d = Duplicates::latest);
  std::size_t record(const std::vector<MeasuredValue>& entries, Duplicates d = Duplicates::latest);

  /// The day the store's record starts (set once, by `arshjul init --start`): tasks due
  /// before it are "before start", not overdue. None for stores made without one.
  std::optional<dsl::Date> start_date() const;
  /// Sets the start date; throws StoreError when the store already has one.
  void set_start_date(dsl::Date start);
  /// Every status report / measured value of cycles first..last, oldest first.
  std::vector<StatusReport> statuses(int first_cycle, int last_cycle) const;
  std::vector<MeasuredValue> values(int first_cycle, int last_cycle) const;

  /// The order entries are visited in: as recorded, or grouped by task (each task's entries
  /// still oldest first; faster, as it is the index's order).
  enum class Order { by_id, by_task };

  /// Calls `visit` for every entry of cycles first..last in `order`.
  void for_each(int first_cycle, int last_cycle,
                const std::function<void(const Completion&)>& visit,
                Order order = Order::by_id) const;

  /// Every entry of cycles first..last, oldest first.
  std::vector<Completion> load(int first_cycle, int last_cycle) const;

  /// "recipient\ttask_key\tkind" of every reminder already sent.
  std::vector<std::string> sent_keys() const;

  /// Records `sent` in one short transaction. The caller delivers first, outside any
  /// transaction (a slow sendmail must not hold the write lock), and records right after.
  void record_sent(const std::vector<SentReminder>& sent);

  /// Takes the lock `name` for `holder`, unless another holder has it (since the timestamp
  /// `since`) and `is_stale(holder, since)` says it is still alive: then returns that holder
  /// and takes nothing.
  std::optional<std::string> try_lock(
      const std::string& name, const std::string& holder, const std::string& now,
      const std::function<bool(const std::string& holder, const std::string& since)>& is_stale);
  /// Releases the lock `name` if `holder` has it.
  void unlock(const std::string& name, const std::string& holder);

  /// A number that moves whenever what the pages show moves: the sum of the highest ids of
  /// the entry tables and of the rules in force, and the number of settings. The store is
  /// insert-only and its writers follow each other (ids are given in commit order), so a
  /// committed write always changes it: a reader that read the mark before the records knows
  /// they are at least that new. One indexed query; throws StoreError.
  std::int64_t change_mark() const;
  /// change_mark()'s SQL expression, for a statement that reads it beside other rows (one
  /// statement sees one state of the store on both back-ends).
  static const char* const kChangeMark;

  const std::string& path() const { return path_; }

  /// Runs `body` in a BEGIN IMMEDIATE transaction: committed when it returns, rolled back
  /// (and the exception rethrown) when it throws. Inside another transaction of this store,
  /// `body` is part of that one (so a command writes the rules in force of a cycle and its
  /// entries all or nothing).
  void transaction(const std::function<void()>& body);

 private:
  friend class SessionTable;  // engine/sessions.cpp: the web view's sign-ins
  friend class EntryCounts;   // and its limits
  friend class RuleTable;     // engine/versions.cpp: the rules in force per cycle
  friend struct StoreAccess;  // engine/store_copy.cpp: every table, for `store copy`
  StoreBackend& backend() const { return *backend_; }

  std::string path_;
  std::unique_ptr<StoreBackend> backend_;
};

}  // namespace arshjul::engine
