#include "engine/store.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>

namespace arshjul::engine {
namespace {

// Each entry migrates from version i to i+1. Never edit an entry once released: add one.
constexpr const char* kMigrations[] = {
    // 0 -> 1: the completion log.
    "CREATE TABLE completion ("
    "  id INTEGER PRIMARY KEY,"
    "  process TEXT NOT NULL,"
    "  cycle INTEGER NOT NULL,"
    "  step TEXT NOT NULL,"
    "  unit TEXT NOT NULL DEFAULT '',"
    "  occurrence INTEGER NOT NULL DEFAULT 1,"
    "  done_on TEXT NOT NULL,"
    "  done_by TEXT NOT NULL,"
    "  outcome TEXT NOT NULL DEFAULT '',"
    "  note TEXT NOT NULL DEFAULT '',"
    "  recorded_at TEXT NOT NULL);"
    "CREATE INDEX completion_by_cycle ON completion(cycle, process, step, unit);",
    // 1 -> 2: reminders sent (one row per recipient, task and kind) and the run lock.
    "CREATE TABLE reminder ("
    "  recipient TEXT NOT NULL,"
    "  task TEXT NOT NULL,"
    "  kind TEXT NOT NULL,"
    "  run_date TEXT NOT NULL,"
    "  sent_at TEXT NOT NULL,"
    "  PRIMARY KEY (recipient, task, kind));"
    "CREATE TABLE run_lock (name TEXT PRIMARY KEY, holder TEXT NOT NULL, since TEXT NOT NULL);",
    // 2 -> 3: the plan's follow-up: activity statuses and measured values, insert-only.
    "CREATE TABLE activity_status ("
    "  id INTEGER PRIMARY KEY,"
    "  process TEXT NOT NULL,"
    "  cycle INTEGER NOT NULL,"
    "  activity TEXT NOT NULL,"
    "  unit TEXT NOT NULL DEFAULT '',"
    "  reported_on TEXT NOT NULL,"
    "  status TEXT NOT NULL,"
    "  comment TEXT NOT NULL DEFAULT '',"
    "  reported_by TEXT NOT NULL,"
    "  recorded_at TEXT NOT NULL);"
    "CREATE INDEX activity_status_by_cycle ON activity_status(cycle, process, activity, unit);"
    "CREATE TABLE measure_value ("
    "  id INTEGER PRIMARY KEY,"
    "  process TEXT NOT NULL,"
    "  cycle INTEGER NOT NULL,"
    "  measure TEXT NOT NULL,"
    "  unit TEXT NOT NULL DEFAULT '',"
    "  tertial INTEGER NOT NULL CHECK (tertial BETWEEN 1 AND 3),"
    "  value REAL NOT NULL,"
    "  reported_by TEXT NOT NULL,"
    "  note TEXT NOT NULL DEFAULT '',"
    "  recorded_at TEXT NOT NULL);"
    "CREATE INDEX measure_value_by_cycle ON measure_value(cycle, process, measure, unit);",
    // 3 -> 4: reminder kinds and plan item markers as language-neutral keys instead of Swedish
    // words (see kind_key), so a store written before keeps its memory of what was sent.
    "UPDATE reminder SET kind = CASE"
    "  WHEN kind = 'snart' THEN 'due_soon'"
    "  WHEN kind = 'försenad' THEN 'overdue'"
    "  WHEN substr(kind, 1, 9) = 'försenad@' THEN 'overdue@' || substr(kind, 10)"
    "  WHEN substr(kind, 1, 10) = 'eskalerad@' THEN 'escalation@' || substr(kind, 11)"
    "  WHEN kind = 'saknas' THEN 'missing'"
    "  ELSE kind END;"
    "UPDATE reminder SET task = substr(task, 1, instr(task, '/aktivitet:')) || 'activity:' ||"
    "  substr(task, instr(task, '/aktivitet:') + 11) WHERE instr(task, '/aktivitet:') > 0;"
    "UPDATE reminder SET task = substr(task, 1, instr(task, '/mätetal:')) || 'measure:' ||"
    "  substr(task, instr(task, '/mätetal:') + 9) WHERE instr(task, '/mätetal:') > 0;",
    // 4 -> 5: the web view's sign-ins (engine/sessions.hpp): sessions that can be ended, the
    // uses of each link and "sign out everywhere" per person. Not records of what was done:
    // a session's end is written into its row. IF NOT EXISTS, so that this migration can
    // take another number beside other new ones.
    "CREATE TABLE IF NOT EXISTS web_session ("
    "  id TEXT PRIMARY KEY,"
    "  person TEXT NOT NULL,"
    "  created_at INTEGER NOT NULL,"
    "  expires_at INTEGER NOT NULL,"
    "  ended_at INTEGER);"
    "CREATE INDEX IF NOT EXISTS web_session_by_person ON web_session(person);"
    "CREATE TABLE IF NOT EXISTS web_link_use ("
    "  link TEXT NOT NULL,"
    "  person TEXT NOT NULL,"
    "  used_at INTEGER NOT NULL,"
    "  link_expires_at INTEGER NOT NULL);"
    "CREATE INDEX IF NOT EXISTS web_link_use_by_link ON web_link_use(link);"
    "CREATE TABLE IF NOT EXISTS web_signout_everywhere ("
    "  person TEXT NOT NULL,"
    "  at INTEGER NOT NULL);"
    // The web view's limit per person and day (engine::EntryCounts) counts by these.
    "CREATE INDEX IF NOT EXISTS completion_by_person ON completion(done_by, recorded_at);"
    "CREATE INDEX IF NOT EXISTS activity_status_by_person ON activity_status(reported_by,"
    "  recorded_at);"
    "CREATE INDEX IF NOT EXISTS measure_value_by_person ON measure_value(reported_by,"
    "  recorded_at);",
    // 5 -> 6: settings of the store itself, such as its start date (name 'start').
    "CREATE TABLE IF NOT EXISTS setting (name TEXT PRIMARY KEY, value TEXT NOT NULL);",
};
constexpr int kMigrationCount = sizeof(kMigrations) / sizeof(kMigrations[0]);
static_assert(kMigrationCount == Store::kSchemaVersion, "one migration per schema version");

// The entries the store appends. An entry equal to the latest one for its task (activity,
// measure value) is not appended again, whatever path it comes by: an import read twice, a
// form sent twice. Numbered parameters are bound once and used in both places.
constexpr const char* kInsertCompletion =
    "INSERT INTO completion(process, cycle, step, unit, occurrence, done_on, done_by,"
    " outcome, note, recorded_at) SELECT ?1,?2,?3,?4,?5,?6,?7,?8,?9,?10 WHERE NOT EXISTS ("
    " SELECT 1 FROM (SELECT done_on, done_by, outcome, note FROM completion WHERE cycle = ?2"
    " AND process = ?1 AND step = ?3 AND unit = ?4 AND occurrence = ?5 ORDER BY id DESC LIMIT 1)"
    " AS latest WHERE done_on = ?6 AND done_by = ?7 AND outcome = ?8 AND note = ?9)";
constexpr const char* kInsertStatus =
    "INSERT INTO activity_status(process, cycle, activity, unit, reported_on, status,"
    " comment, reported_by, recorded_at) SELECT ?1,?2,?3,?4,?5,?6,?7,?8,?9 WHERE NOT EXISTS ("
    " SELECT 1 FROM (SELECT reported_on, status, comment, reported_by FROM activity_status"
    " WHERE cycle = ?2 AND process = ?1 AND activity = ?3 AND unit = ?4 ORDER BY id DESC LIMIT 1)"
    " AS latest WHERE reported_on = ?5 AND status = ?6 AND comment = ?7 AND reported_by = ?8)";
constexpr const char* kInsertValue =
    "INSERT INTO measure_value(process, cycle, measure, unit, tertial, value,"
    " reported_by, note, recorded_at) SELECT ?1,?2,?3,?4,?5,?6,?7,?8,?9 WHERE NOT EXISTS ("
    " SELECT 1 FROM (SELECT value, reported_by, note FROM measure_value WHERE cycle = ?2"
    " AND process = ?1 AND measure = ?3 AND unit = ?4 AND tertial = ?5 ORDER BY id DESC LIMIT 1)"
    " AS latest WHERE value = ?6 AND reported_by = ?7 AND note = ?8)";

/// One of the statements above, comparing with every entry of the task for Duplicates::any.
std::string insert_sql(const char* sql, Store::Duplicates d) {
  std::string out = sql;
  if (d == Store::Duplicates::any) out.erase(out.find(" ORDER BY id DESC LIMIT 1"), 25);
  return out;
}

class Statement {
 public:
  Statement(sqlite3* db, const char* sql) {
    if (sqlite3_prepare_v2(db, sql, -1, &stmt_, nullptr) != SQLITE_OK) stmt_ = nullptr;
  }
  ~Statement() { sqlite3_finalize(stmt_); }
  sqlite3_stmt* get() const { return stmt_; }
  explicit operator bool() const { return stmt_ != nullptr; }
  void bind(int i, const std::string& s) {
    sqlite3_bind_text(stmt_, i, s.data(), int(s.size()), SQLITE_TRANSIENT);
  }
  void bind(int i, std::int64_t v) { sqlite3_bind_int64(stmt_, i, v); }
  void bind(int i, double v) { sqlite3_bind_double(stmt_, i, v); }
  /// Binds `values` to parameters 1, 2, ... in order.
  template <typename... Values>
  void bind_all(const Values&... values) {
    int i = 0;
    (bind(++i, values), ...);
  }
  /// Reads columns 0, 1, ... into `fields` in order.
  template <typename... Fields>
  void columns(Fields&... fields) const {
    int i = 0;
    (column(i++, fields), ...);
  }
  std::string text(int i) const {
    auto p = sqlite3_column_text(stmt_, i);
    return p ? std::string(reinterpret_cast<const char*>(p), sqlite3_column_bytes(stmt_, i))
             : std::string();
  }

 private:
  void column(int i, std::string& out) const { out = text(i); }
  void column(int i, int& out) const { out = sqlite3_column_int(stmt_, i); }
  void column(int i, std::int64_t& out) const { out = sqlite3_column_int64(stmt_, i); }
  void column(int i, double& out) const { out = sqlite3_column_double(stmt_, i); }
  void column(int i, dsl::Date& out) const;

  sqlite3_stmt* stmt_ = nullptr;
};

// YYYY-MM-DD as the store writes it; read by hand because it is done for every row.
dsl::Date parse_iso(const unsigned char* s, int n) {
  if (!s || n != 10 || s[4] != '-' || s[7] != '-') return {};
  auto num = [&](int from, int len) {
    int v = 0;
    for (int i = from; i < from + len; ++i) v = v * 10 + (s[i] - '0');
    return v;
  };
  return std::chrono::year(num(0, 4)) / std::chrono::month(unsigned(num(5, 2))) /
         std::chrono::day(unsigned(num(8, 2)));
}

void Statement::column(int i, dsl::Date& out) const {
  out = parse_iso(sqlite3_column_text(stmt_, i), sqlite3_column_bytes(stmt_, i));
}

// Binds each entry's columns with `bind_row` and inserts it (the caller holds a transaction);
// how many rows were added.
template <typename Entry, typename Bind>
std::size_t insert_all(sqlite3* db, const char* sql, const std::vector<Entry>& entries,
                       Bind bind_row, const std::function<void(dsl::Msg)>& fail) {
  Statement st(db, sql);
  if (!st) fail(dsl::Msg::store_cannot_write);
  std::size_t added = 0;
  for (const auto& e : entries) {
    bind_row(st, e);
    if (sqlite3_step(st.get()) != SQLITE_DONE) fail(dsl::Msg::store_cannot_write);
    added += static_cast<std::size_t>(sqlite3_changes(db));
    sqlite3_reset(st.get());
  }
  return added;
}

// A reader that opened the store while it was read-only (a brief `chmod 444`) made the -wal
// and -shm files with that mode, and SQLite keeps them: every later write would fail with
// "attempt to write a readonly database" long after the store's mode was restored. When the
// store is writable again and we own a side file, it gets the store's mode back (never
// through a symbolic link; a file of another owner is left alone and reported by SQLite).
void restore_side_file_modes(const std::string& path) {
  struct stat db {};
  if (::access(path.c_str(), W_OK) != 0 || ::stat(path.c_str(), &db) != 0) return;
  for (const char* suffix : {"-wal", "-shm"}) {
    const std::string side = path + suffix;
    if (::access(side.c_str(), W_OK) == 0) continue;
    int fd = ::open(side.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0) continue;
    struct stat st {};
    if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_uid == ::geteuid())
      (void)::fchmod(fd, db.st_mode & 0666);
    ::close(fd);
  }
}

}  // namespace

Store::Store(const std::string& path, bool create, int busy_timeout_ms) : path_(path) {
  if (!create && !std::filesystem::exists(path)) throw StoreError(dsl::Msg::store_missing, {path});
  int flags = SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0);
  restore_side_file_modes(path);
  // A constructor that throws runs no destructor: the connection (its file descriptor and
  // memory, which SQLite allocates even when the open fails) is closed here.
  try {
    if (sqlite3_open_v2(path.c_str(), &db_, flags, nullptr) != SQLITE_OK)
      fail(dsl::Msg::store_cannot_open);
    sqlite3_busy_timeout(db_, busy_timeout_ms);
    sqlite3_extended_result_codes(db_, 1);
    migrate();
  } catch (...) {
    sqlite3_close(db_);
    db_ = nullptr;
    throw;
  }
}

Store::~Store() {
  sqlite3_close(db_);
}

void Store::fail(dsl::Msg what) const {
  std::string detail = db_ ? sqlite3_errmsg(db_) : "out of memory";
  int code = (db_ ? sqlite3_errcode(db_) : SQLITE_NOMEM) & 0xFF;  // the primary code
  // Say what is wrong with the file, not what we were doing when we found out.
  if (code == SQLITE_READONLY || code == SQLITE_PERM || code == SQLITE_CANTOPEN ||
      code == SQLITE_AUTH)
    throw StoreError(dsl::Msg::store_no_access, {path_, detail});
  if (code == SQLITE_BUSY || code == SQLITE_LOCKED)
    throw StoreError(dsl::Msg::store_busy, {path_, detail});
  // A full disk or a file size limit is not a file of another kind.
  if (code == SQLITE_IOERR || code == SQLITE_FULL)
    throw StoreError(dsl::Msg::store_io_error, {path_, detail});
  throw StoreError(what, {path_, detail});
}

void Store::exec(const char* sql) const {
  char* err = nullptr;
  if (sqlite3_exec(db_, sql, nullptr, nullptr, &err) != SQLITE_OK) {
    std::string msg = err ? err : "";
    sqlite3_free(err);
    int code = sqlite3_errcode(db_) & 0xFF;
    if (code == SQLITE_IOERR || code == SQLITE_FULL)  // e.g. the COMMIT on a full disk
      throw StoreError(dsl::Msg::store_io_error, {path_, msg});
    throw StoreError(dsl::Msg::store_sql_failed, {path_, msg});
  }
}

int Store::user_version() const {
  Statement st(db_, "PRAGMA user_version");
  if (!st || sqlite3_step(st.get()) != SQLITE_ROW) fail(dsl::Msg::store_not_a_store);
  return sqlite3_column_int(st.get(), 0);
}

// The version lives in PRAGMA user_version, set in the same transaction as the migration,
// so a store is never left between two versions. The version is read again once the write
// lock is held: two processes opening a new store at once must not both create it. A
// version-0 file that already has tables belongs to another program and is left untouched.
void Store::migrate() {
  int version = user_version();
  check_version(version);
  if (version == kSchemaVersion) return;
  if (sqlite3_db_readonly(db_, "main") == 1) fail(dsl::Msg::store_read_only_needs_upgrade);
  transaction([&] {
    version = user_version();
    check_version(version);
    if (version == 0 && has_tables()) throw StoreError(dsl::Msg::store_other_program, {path_});
    for (int v = version; v < kSchemaVersion; ++v) exec(kMigrations[v]);
    exec(fmt::format("PRAGMA user_version={}", kSchemaVersion).c_str());
  });
  // WAL lets status and audit read while a run writes; it is set outside any transaction.
  exec("PRAGMA journal_mode=WAL");
}

// A version this build does not know is refused before anything runs: a newer one, and a
// negative one (no arshjul writes it; it would index before the migrations).
void Store::check_version(int version) const {
  if (version > kSchemaVersion)
    throw StoreError(dsl::Msg::store_newer,
                     {path_, std::to_string(version), std::to_string(kSchemaVersion)});
  if (version < 0) throw StoreError(dsl::Msg::store_bad_version, {path_, std::to_string(version)});
}

bool Store::has_tables() const {
  Statement st(db_, "SELECT count(*) FROM sqlite_master");
  if (!st || sqlite3_step(st.get()) != SQLITE_ROW) fail(dsl::Msg::store_not_a_store);
  return sqlite3_column_int(st.get(), 0) > 0;
}

void Store::transaction(const std::function<void()>& body) {
  exec("BEGIN IMMEDIATE");
  try {
    body();
    exec("COMMIT");
  } catch (...) {
    sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
    throw;
  }
}

template <typename Entry, typename Bind>
std::size_t Store::insert(const std::string& sql, const std::vector<Entry>& entries,
                          Bind bind_row) {
  std::size_t added = 0;
  transaction([&] {
    added = insert_all(db_, sql.c_str(), entries, bind_row, [this](dsl::Msg w) { fail(w); });
  });
  return added;
}

std::size_t Store::record(const std::vector<Completion>& entries, Duplicates d) {
  return insert(insert_sql(kInsertCompletion, d), entries, [](Statement& st, const Completion& e) {
    st.bind_all(e.process, std::int64_t{e.cycle}, e.step, e.unit, std::int64_t{e.occurrence},
                dsl::iso(e.done_on), e.done_by, e.outcome, e.note, e.recorded_at);
  });
}

std::size_t Store::record(const std::vector<StatusReport>& entries, Duplicates d) {
  return insert(insert_sql(kInsertStatus, d), entries, [](Statement& st, const StatusReport& e) {
    st.bind_all(e.process, std::int64_t{e.cycle}, e.activity, e.unit, dsl::iso(e.reported_on),
                e.status, e.comment, e.reported_by, e.recorded_at);
  });
}

std::size_t Store::record(const std::vector<MeasuredValue>& entries, Duplicates d) {
  return insert(insert_sql(kInsertValue, d), entries, [](Statement& st, const MeasuredValue& e) {
    st.bind_all(e.process, std::int64_t{e.cycle}, e.measure, e.unit, std::int64_t{e.tertial},
                e.value, e.reported_by, e.note, e.recorded_at);
  });
}

// Every row of `sql` (which takes the first and last cycle) as an Entry, its columns read into
// `fields` in order.
template <typename Entry, typename... Types>
std::vector<Entry> Store::select_cycles(const char* sql, int first_cycle, int last_cycle,
                                        Types Entry::*... fields) const {
  Statement st(db_, sql);
  if (!st) fail(dsl::Msg::store_cannot_read);
  st.bind_all(std::int64_t{first_cycle}, std::int64_t{last_cycle});
  std::vector<Entry> out;
  int rc;
  while ((rc = sqlite3_step(st.get())) == SQLITE_ROW) {
    Entry& e = out.emplace_back();
    st.columns(e.*fields...);
  }
  if (rc != SQLITE_DONE) fail(dsl::Msg::store_cannot_read);
  return out;
}

std::vector<StatusReport> Store::statuses(int first_cycle, int last_cycle) const {
  using R = StatusReport;
  return select_cycles(
      "SELECT id, process, cycle, activity, unit, reported_on, status, comment, reported_by,"
      " recorded_at FROM activity_status WHERE cycle BETWEEN ? AND ? ORDER BY id",
      first_cycle, last_cycle, &R::id, &R::process, &R::cycle, &R::activity, &R::unit,
      &R::reported_on, &R::status, &R::comment, &R::reported_by, &R::recorded_at);
}

std::vector<MeasuredValue> Store::values(int first_cycle, int last_cycle) const {
  using V = MeasuredValue;
  return select_cycles(
      "SELECT id, process, cycle, measure, unit, tertial, value, reported_by,"
      " note, recorded_at FROM measure_value WHERE cycle BETWEEN ? AND ?"
      " ORDER BY id",
      first_cycle, last_cycle, &V::id, &V::process, &V::cycle, &V::measure, &V::unit, &V::tertial,
      &V::value, &V::reported_by, &V::note, &V::recorded_at);
}

void Store::for_each(int first_cycle, int last_cycle,
                     const std::function<void(const Completion&)>& visit, Order order) const {
  // By task is the index's own order (it ends in the rowid): SQLite need not sort 500k rows,
  // and each task's entries still come oldest first.
  Statement st(db_,
               order == Order::by_task
                   ? "SELECT id, process, cycle, step, unit, occurrence, done_on, done_by, outcome,"
                     " note, recorded_at FROM completion WHERE cycle BETWEEN ? AND ?"
                     " ORDER BY cycle, process, step, unit, id"
                   : "SELECT id, process, cycle, step, unit, occurrence, done_on, done_by, outcome,"
                     " note, recorded_at FROM completion WHERE cycle BETWEEN ? AND ? ORDER BY id");
  if (!st) fail(dsl::Msg::store_cannot_read);
  st.bind(1, std::int64_t{first_cycle});
  st.bind(2, std::int64_t{last_cycle});
  Completion c;
  int rc;
  while ((rc = sqlite3_step(st.get())) == SQLITE_ROW) {
    c.id = sqlite3_column_int64(st.get(), 0);
    c.process = st.text(1);
    c.cycle = sqlite3_column_int(st.get(), 2);
    c.step = st.text(3);
    c.unit = st.text(4);
    c.occurrence = sqlite3_column_int(st.get(), 5);
    c.done_on = parse_iso(sqlite3_column_text(st.get(), 6), sqlite3_column_bytes(st.get(), 6));
    c.done_by = st.text(7);
    c.outcome = st.text(8);
    c.note = st.text(9);
    c.recorded_at = st.text(10);
    visit(c);
  }
  if (rc != SQLITE_DONE) fail(dsl::Msg::store_cannot_read);
}

std::vector<std::string> Store::sent_keys() const {
  Statement st(db_, "SELECT recipient, task, kind FROM reminder");
  if (!st) fail(dsl::Msg::store_cannot_read);
  std::vector<std::string> keys;
  int rc;
  while ((rc = sqlite3_step(st.get())) == SQLITE_ROW)
    keys.push_back(st.text(0) + '\t' + st.text(1) + '\t' + st.text(2));
  if (rc != SQLITE_DONE) fail(dsl::Msg::store_cannot_read);
  return keys;
}

void Store::record_sent(const std::vector<SentReminder>& sent) {
  // One commit per delivered message, thousands a night: in WAL mode NORMAL keeps every commit
  // through a crash of the process and only a power loss can undo the last ones, which then
  // means a reminder sent again, never one lost. Completions keep the FULL default.
  if (!relaxed_sync_) exec("PRAGMA synchronous=NORMAL"), relaxed_sync_ = true;
  transaction([&] {
    Statement st(db_,
                 "INSERT OR IGNORE INTO reminder(recipient, task, kind, run_date, sent_at)"
                 " VALUES (?,?,?,?,?)");
    if (!st) fail(dsl::Msg::store_cannot_write);
    for (const auto& r : sent) {
      st.bind_all(r.recipient, r.task_key, r.kind, dsl::iso(r.run_date), r.sent_at);
      if (sqlite3_step(st.get()) != SQLITE_DONE) fail(dsl::Msg::store_cannot_write);
      sqlite3_reset(st.get());
    }
  });
}

std::optional<std::string> Store::try_lock(
    const std::string& name, const std::string& holder, const std::string& now,
    const std::function<bool(const std::string&, const std::string&)>& is_stale) {
  std::optional<std::string> other;
  transaction([&] {
    Statement get(db_, "SELECT holder, since FROM run_lock WHERE name = ?");
    if (!get) fail(dsl::Msg::store_cannot_read);
    get.bind(1, name);
    if (sqlite3_step(get.get()) == SQLITE_ROW) {
      std::string current = get.text(0), since = get.text(1);
      if (current != holder && !is_stale(current, since)) {
        other = current + " sedan " + since;
        return;
      }
    }
    Statement put(db_, "INSERT OR REPLACE INTO run_lock(name, holder, since) VALUES (?,?,?)");
    put.bind(1, name);
    put.bind(2, holder);
    put.bind(3, now);
    if (!put || sqlite3_step(put.get()) != SQLITE_DONE) fail(dsl::Msg::store_cannot_write);
  });
  return other;
}

void Store::unlock(const std::string& name, const std::string& holder) {
  Statement st(db_, "DELETE FROM run_lock WHERE name = ? AND holder = ?");
  if (!st) fail(dsl::Msg::store_cannot_write);
  st.bind(1, name);
  st.bind(2, holder);
  if (sqlite3_step(st.get()) != SQLITE_DONE) fail(dsl::Msg::store_cannot_write);
}

std::optional<dsl::Date> Store::start_date() const {
  Statement st(db_, "SELECT value FROM setting WHERE name = 'start'");
  if (!st) fail(dsl::Msg::store_cannot_read);
  int rc = sqlite3_step(st.get());
  if (rc == SQLITE_DONE) return std::nullopt;
  if (rc != SQLITE_ROW) fail(dsl::Msg::store_cannot_read);
  auto text = st.text(0);
  return parse_iso(reinterpret_cast<const unsigned char*>(text.data()), int(text.size()));
}

void Store::set_start_date(dsl::Date start) {
  transaction([&] {
    if (auto current = start_date())
      throw StoreError(dsl::Msg::store_has_start, {path_, dsl::iso(*current)});
    Statement st(db_, "INSERT INTO setting(name, value) VALUES ('start', ?)");
    if (!st) fail(dsl::Msg::store_cannot_write);
    st.bind(1, dsl::iso(start));
    if (sqlite3_step(st.get()) != SQLITE_DONE) fail(dsl::Msg::store_cannot_write);
  });
}

std::vector<Completion> Store::load(int first_cycle, int last_cycle) const {
  std::vector<Completion> out;
  for_each(first_cycle, last_cycle, [&](const Completion& c) { out.push_back(c); });
  return out;
}

}  // namespace arshjul::engine
