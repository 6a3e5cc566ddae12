// The SQLite back-end of the store (engine/store_backend.hpp): one file, the default.
#include <fcntl.h>
#include <fmt/format.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <unordered_map>

#include "engine/store_backend.hpp"
#include "engine/store_sqlite_schema.hpp"
#include "engine/store_sqlite_statement.hpp"

namespace arshjul::engine {
namespace {

constexpr int kSchemaVersion = Store::kSchemaVersion;

using sqlite::column_text;
using sqlite::kMigrations;
using sqlite::OrNull;
using sqlite::Statement;
constexpr int kMigrationCount = sizeof(kMigrations) / sizeof(kMigrations[0]);
static_assert(kMigrationCount == kSchemaVersion, "one migration per schema version");

// The entries the store appends. An entry equal to the latest one for its task (activity,
// measure value) is not appended again, whatever path it comes by: an import read twice, a
// form sent twice. Numbered parameters are bound once and used in both places.
// An entry whose submission key (the last parameter; NULL for none) is there already is left
// out by the key's unique index.
constexpr const char* kInsertCompletion =
    "INSERT INTO completion(process, cycle, step, unit, occurrence, done_on, done_by,"
    " outcome, note, recorded_at, submission) SELECT ?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11 WHERE"
    " NOT EXISTS (SELECT 1 FROM (SELECT done_on, done_by, outcome, note FROM completion WHERE"
    " cycle = ?2 AND process = ?1 AND step = ?3 AND unit = ?4 AND occurrence = ?5 ORDER BY id"
    " DESC LIMIT 1) AS latest WHERE done_on = ?6 AND done_by = ?7 AND outcome = ?8 AND"
    " note = ?9) ON CONFLICT(submission) DO NOTHING";
constexpr const char* kInsertStatus =
    "INSERT INTO activity_status(process, cycle, activity, unit, reported_on, status,"
    " comment, reported_by, recorded_at, submission) SELECT ?1,?2,?3,?4,?5,?6,?7,?8,?9,?10"
    " WHERE NOT EXISTS (SELECT 1 FROM (SELECT reported_on, status, comment, reported_by FROM"
    " activity_status WHERE cycle = ?2 AND process = ?1 AND activity = ?3 AND unit = ?4 ORDER BY"
    " id DESC LIMIT 1) AS latest WHERE reported_on = ?5 AND status = ?6 AND comment = ?7 AND"
    " reported_by = ?8) ON CONFLICT(submission) DO NOTHING";
constexpr const char* kInsertValue =
    "INSERT INTO measure_value(process, cycle, measure, unit, tertial, value,"
    " reported_by, note, recorded_at, submission) SELECT ?1,?2,?3,?4,?5,?6,?7,?8,?9,?10 WHERE"
    " NOT EXISTS (SELECT 1 FROM (SELECT value, reported_by, note FROM measure_value WHERE"
    " cycle = ?2 AND process = ?1 AND measure = ?3 AND unit = ?4 AND tertial = ?5 ORDER BY id"
    " DESC LIMIT 1) AS latest WHERE value = ?6 AND reported_by = ?7 AND note = ?8) ON"
    " CONFLICT(submission) DO NOTHING";

/// One of the statements above, comparing with every entry of the task for Duplicates::any.
std::string insert_sql(const char* sql, Store::Duplicates d) {
  std::string out = sql;
  if (d == Store::Duplicates::any) out.erase(out.find(" ORDER BY id DESC LIMIT 1"), 25);
  return out;
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

class SqliteStore final : public StoreBackend {
 public:
  SqliteStore(const std::string& path, bool create, int busy_timeout_ms);
  SqliteStore(const std::string& path, Store::ReadOnly, int busy_timeout_ms);
  ~SqliteStore() override;

  ARSHJUL_STORE_BACKEND_OVERRIDES

 private:
  void exec(const char* sql) const;
  /// Inserts every entry with `sql`, its parameters bound by `bind_row`, in one transaction.
  template <typename Entry, typename Bind>
  std::size_t insert(const std::string& sql, const std::vector<Entry>& entries, Bind bind_row);
  template <typename Entry, typename... Types>
  std::vector<Entry> select_cycles(const EntrySelect<Entry, Types...>& select, int first_cycle,
                                   int last_cycle) const;
  void open(int flags, int busy_timeout_ms);
  void closed_on_failure(const std::function<void()>& body);
  void migrate();
  int user_version() const;
  void check_version(int version) const;
  bool has_tables() const;
  bool has_column(const char* table, const char* column) const;

  /// query()'s statement for `sql`, prepared on its first use on this connection (a page asks
  /// the store's change mark and its session on every request: preparing them again was most
  /// of the time those took); null when it does not prepare.
  sqlite3_stmt* prepared(const char* sql) const;
  /// Closes the connection, its kept statements first.
  void close();

  std::string path_;
  sqlite3* db_ = nullptr;
  bool relaxed_sync_ = false;
  mutable std::unordered_map<std::string, sqlite3_stmt*> prepared_;
};

}  // namespace

SqliteStore::SqliteStore(const std::string& path, bool create, int busy_timeout_ms) : path_(path) {
  if (!create && !std::filesystem::exists(path)) throw StoreError(dsl::Msg::store_missing, {path});
  restore_side_file_modes(path);
  closed_on_failure([&] {
    open(SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0), busy_timeout_ms);
    migrate();
  });
}

// Opened for writing but with query_only set: SQLite refuses every statement that would
// change the file. A connection opened read-only would leave the -wal and -shm files it makes
// behind; this one removes them on close when it is the last, as a writer does. A store of
// another version is refused, not migrated.
SqliteStore::SqliteStore(const std::string& path, Store::ReadOnly, int busy_timeout_ms)
    : path_(path) {
  if (!std::filesystem::exists(path)) throw StoreError(dsl::Msg::store_missing, {path});
  closed_on_failure([&] {
    open(SQLITE_OPEN_READWRITE, busy_timeout_ms);
    exec("PRAGMA query_only=1");
    int version = user_version();
    check_version(version);
    if (version == 0 && has_tables()) throw StoreError(dsl::Msg::store_other_program, {path_});
    if (version == 0) throw StoreError(dsl::Msg::store_bad_version, {path_, "0"});
    if (version < kSchemaVersion)
      throw StoreError(dsl::Msg::store_needs_migrate,
                       {path_, std::to_string(version), std::to_string(kSchemaVersion)});
  });
}

// A constructor that throws runs no destructor: the connection is closed here, so that it
// takes its -wal and -shm files with it instead of leaving them to the process's exit.
void SqliteStore::closed_on_failure(const std::function<void()>& body) {
  try {
    body();
  } catch (...) {
    close();
    throw;
  }
}

void SqliteStore::open(int flags, int busy_timeout_ms) {
  if (sqlite3_open_v2(path_.c_str(), &db_, flags, nullptr) != SQLITE_OK)
    fail(dsl::Msg::store_cannot_open);
  sqlite3_busy_timeout(db_, busy_timeout_ms);
  sqlite3_extended_result_codes(db_, 1);
}

SqliteStore::~SqliteStore() {
  close();
}

void SqliteStore::close() {
  for (auto& [sql, st] : prepared_) sqlite3_finalize(st);
  prepared_.clear();
  sqlite3_close(db_);
  db_ = nullptr;
}

sqlite3_stmt* SqliteStore::prepared(const char* sql) const {
  auto [it, fresh] = prepared_.try_emplace(sql, nullptr);
  if (fresh && sqlite3_prepare_v3(db_, sql, -1, SQLITE_PREPARE_PERSISTENT, &it->second, nullptr) !=
                   SQLITE_OK) {
    prepared_.erase(it);
    return nullptr;
  }
  return it->second;
}

void SqliteStore::fail(dsl::Msg what) const {
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

void SqliteStore::exec(const char* sql) const {
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

int SqliteStore::user_version() const {
  Statement st(db_, "PRAGMA user_version");
  if (!st || sqlite3_step(st.get()) != SQLITE_ROW) fail(dsl::Msg::store_not_a_store);
  return sqlite3_column_int(st.get(), 0);
}

// The version lives in PRAGMA user_version, set in the same transaction as the migration,
// so a store is never left between two versions. The version is read again once the write
// lock is held: two processes opening a new store at once must not both create it. A
// version-0 file that already has tables belongs to another program and is left untouched.
void SqliteStore::migrate() {
  int version = user_version();
  check_version(version);
  if (version == kSchemaVersion) return;
  if (sqlite3_db_readonly(db_, "main") == 1) fail(dsl::Msg::store_read_only_needs_upgrade);
  transaction([&] {
    version = user_version();
    check_version(version);
    if (version == 0 && has_tables()) throw StoreError(dsl::Msg::store_other_program, {path_});
    for (int v = version; v < kSchemaVersion; ++v) {
      for (const auto& c : sqlite::kAddedColumns)
        if (c.version == v + 1 && !has_column(c.table, c.name))
          exec(fmt::format("ALTER TABLE {} ADD COLUMN {} {}", c.table, c.name, c.type).c_str());
      exec(kMigrations[v]);
    }
    exec(fmt::format("PRAGMA user_version={}", kSchemaVersion).c_str());
  });
  // WAL lets status and audit read while a run writes; it is set outside any transaction.
  exec("PRAGMA journal_mode=WAL");
}

// A version this build does not know is refused before anything runs: a newer one, and a
// negative one (no arshjul writes it; it would index before the migrations).
void SqliteStore::check_version(int version) const {
  if (version > kSchemaVersion)
    throw StoreError(dsl::Msg::store_newer,
                     {path_, std::to_string(version), std::to_string(kSchemaVersion)});
  if (version < 0) throw StoreError(dsl::Msg::store_bad_version, {path_, std::to_string(version)});
}

bool SqliteStore::has_column(const char* table, const char* column) const {
  Statement st(db_, "SELECT count(*) FROM pragma_table_info(?1) WHERE name = ?2");
  if (!st) fail(dsl::Msg::store_not_a_store);
  st.bind_all(std::string(table), std::string(column));
  if (sqlite3_step(st.get()) != SQLITE_ROW) fail(dsl::Msg::store_not_a_store);
  return sqlite3_column_int(st.get(), 0) > 0;
}

bool SqliteStore::has_tables() const {
  Statement st(db_, "SELECT count(*) FROM sqlite_master");
  if (!st || sqlite3_step(st.get()) != SQLITE_ROW) fail(dsl::Msg::store_not_a_store);
  return sqlite3_column_int(st.get(), 0) > 0;
}

void SqliteStore::transaction(const std::function<void()>& body) {
  if (!sqlite3_get_autocommit(db_)) return body();  // part of the transaction already open
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
std::size_t SqliteStore::insert(const std::string& sql, const std::vector<Entry>& entries,
                                Bind bind_row) {
  std::size_t added = 0;
  transaction([&] {
    added = insert_all(db_, sql.c_str(), entries, bind_row, [this](dsl::Msg w) { fail(w); });
  });
  return added;
}

std::size_t SqliteStore::record(const std::vector<Completion>& entries, Store::Duplicates d) {
  return insert(insert_sql(kInsertCompletion, d), entries, [](Statement& st, const Completion& e) {
    st.bind_all(e.process, std::int64_t{e.cycle}, e.step, e.unit, std::int64_t{e.occurrence},
                dsl::iso(e.done_on), e.done_by, e.outcome, e.note, e.recorded_at,
                OrNull{e.submission});
  });
}

std::size_t SqliteStore::record(const std::vector<StatusReport>& entries, Store::Duplicates d) {
  return insert(insert_sql(kInsertStatus, d), entries, [](Statement& st, const StatusReport& e) {
    st.bind_all(e.process, std::int64_t{e.cycle}, e.activity, e.unit, dsl::iso(e.reported_on),
                e.status, e.comment, e.reported_by, e.recorded_at, OrNull{e.submission});
  });
}

std::size_t SqliteStore::record(const std::vector<MeasuredValue>& entries, Store::Duplicates d) {
  return insert(insert_sql(kInsertValue, d), entries, [](Statement& st, const MeasuredValue& e) {
    st.bind_all(e.process, std::int64_t{e.cycle}, e.measure, e.unit, std::int64_t{e.tertial},
                e.value, e.reported_by, e.note, e.recorded_at, OrNull{e.submission});
  });
}

// Every row of `select` for cycles first..last as an Entry, its columns read into its fields.
template <typename Entry, typename... Types>
std::vector<Entry> SqliteStore::select_cycles(const EntrySelect<Entry, Types...>& select,
                                              int first_cycle, int last_cycle) const {
  Statement st(db_, select.sql);
  if (!st) fail(dsl::Msg::store_cannot_read);
  st.bind_all(std::int64_t{first_cycle}, std::int64_t{last_cycle});
  std::vector<Entry> out;
  int rc;
  while ((rc = sqlite3_step(st.get())) == SQLITE_ROW) {
    Entry& e = out.emplace_back();
    std::apply([&](auto... field) { st.columns(e.*field...); }, select.fields);
  }
  if (rc != SQLITE_DONE) fail(dsl::Msg::store_cannot_read);
  return out;
}

std::vector<StatusReport> SqliteStore::statuses(int first_cycle, int last_cycle) const {
  return select_cycles(kSelectStatuses, first_cycle, last_cycle);
}

std::vector<MeasuredValue> SqliteStore::values(int first_cycle, int last_cycle) const {
  return select_cycles(kSelectValues, first_cycle, last_cycle);
}

void SqliteStore::for_each(int first_cycle, int last_cycle,
                           const std::function<void(const Completion&)>& visit,
                           Store::Order order) const {
  // By task is the index's own order (it ends in the rowid): SQLite need not sort 500k rows,
  // and each task's entries still come oldest first.
  Statement st(db_,
               order == Store::Order::by_task
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
    c.done_on = stored_date(sqlite3_column_text(st.get(), 6), sqlite3_column_bytes(st.get(), 6));
    c.done_by = st.text(7);
    c.outcome = st.text(8);
    c.note = st.text(9);
    c.recorded_at = st.text(10);
    visit(c);
  }
  if (rc != SQLITE_DONE) fail(dsl::Msg::store_cannot_read);
}

std::vector<std::string> SqliteStore::sent_keys() const {
  Statement st(db_, "SELECT recipient, task, kind FROM reminder");
  if (!st) fail(dsl::Msg::store_cannot_read);
  std::vector<std::string> keys;
  int rc;
  while ((rc = sqlite3_step(st.get())) == SQLITE_ROW)
    keys.push_back(st.text(0) + '\t' + st.text(1) + '\t' + st.text(2));
  if (rc != SQLITE_DONE) fail(dsl::Msg::store_cannot_read);
  return keys;
}

void SqliteStore::record_sent(const std::vector<SentReminder>& sent) {
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

std::optional<std::string> SqliteStore::try_lock(
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

void SqliteStore::unlock(const std::string& name, const std::string& holder) {
  Statement st(db_, "DELETE FROM run_lock WHERE name = ? AND holder = ?");
  if (!st) fail(dsl::Msg::store_cannot_write);
  st.bind(1, name);
  st.bind(2, holder);
  if (sqlite3_step(st.get()) != SQLITE_DONE) fail(dsl::Msg::store_cannot_write);
}

std::optional<dsl::Date> SqliteStore::start_date() const {
  Statement st(db_, "SELECT value FROM setting WHERE name = 'start'");
  if (!st) fail(dsl::Msg::store_cannot_read);
  int rc = sqlite3_step(st.get());
  if (rc == SQLITE_DONE) return std::nullopt;
  if (rc != SQLITE_ROW) fail(dsl::Msg::store_cannot_read);
  auto text = st.text(0);
  return stored_date(reinterpret_cast<const unsigned char*>(text.data()), int(text.size()));
}

void SqliteStore::set_start_date(dsl::Date start) {
  transaction([&] {
    if (auto current = start_date())
      throw StoreError(dsl::Msg::store_has_start, {path_, dsl::iso(*current)});
    Statement st(db_, "INSERT INTO setting(name, value) VALUES ('start', ?)");
    if (!st) fail(dsl::Msg::store_cannot_write);
    st.bind(1, dsl::iso(start));
    if (sqlite3_step(st.get()) != SQLITE_DONE) fail(dsl::Msg::store_cannot_write);
  });
}

// The side tables' statements (sessions, rules in force), each prepared, bound and stepped.
std::vector<sql::Row> SqliteStore::query(const char* sql, std::initializer_list<sql::Value> values,
                                         dsl::Msg what) const {
  sqlite3_stmt* st = prepared(sql);
  if (!st) fail(what);
  struct Reset {  // ready for its next use, however this one ends
    sqlite3_stmt* st;
    ~Reset() {
      sqlite3_reset(st);
      sqlite3_clear_bindings(st);
    }
  } reset{st};
  int i = 0;
  for (const auto& v : values) {
    if (const auto* s = std::get_if<std::string>(&v))
      sqlite3_bind_text(st, ++i, s->data(), int(s->size()), SQLITE_TRANSIENT);
    else
      sqlite3_bind_int64(st, ++i, std::get<std::int64_t>(v));
  }
  std::vector<sql::Row> rows;
  int rc;
  while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
    auto& row = rows.emplace_back();
    for (int c = 0, n = sqlite3_column_count(st); c < n; ++c) row.push_back(column_text(st, c));
  }
  if (rc != SQLITE_DONE) fail(what);
  return rows;
}

void SqliteStore::read_rows(const char* table, const char* columns, const char* order,
                            const std::function<void(const sql::CopyRow&)>& visit) const {
  Statement st(db_, fmt::format("SELECT {} FROM {} ORDER BY {}", columns, table, order).c_str());
  if (!st) fail(dsl::Msg::store_cannot_read);
  sql::CopyRow row;
  int rc;
  while ((rc = sqlite3_step(st.get())) == SQLITE_ROW) {
    row.clear();
    for (int c = 0, n = sqlite3_column_count(st.get()); c < n; ++c) {
      switch (sqlite3_column_type(st.get(), c)) {
        case SQLITE_NULL:
          row.emplace_back();
          break;
        // SQLite's own text of a REAL keeps 15 digits; this one reads back as the same double.
        case SQLITE_FLOAT:
          row.emplace_back(fmt::format("{}", sqlite3_column_double(st.get(), c)));
          break;
        default:
          row.emplace_back(st.text(c));
      }
    }
    visit(row);
  }
  if (rc != SQLITE_DONE) fail(dsl::Msg::store_cannot_read);
}

// Text into INTEGER and REAL columns is stored as the number (the columns' affinity).
void SqliteStore::write_rows(const char* table, const char* columns, const sql::RowSource& rows) {
  std::string marks;
  for (std::size_t n = std::count(columns, columns + std::strlen(columns), ',') + 1; n > 0; --n)
    marks += n > 1 ? "?," : "?";
  Statement st(db_, fmt::format("INSERT INTO {}({}) VALUES ({})", table, columns, marks).c_str());
  if (!st) fail(dsl::Msg::store_cannot_write);
  rows([&](const sql::CopyRow& row) {
    for (std::size_t i = 0; i < row.size(); ++i) {
      if (row[i])
        st.bind(int(i) + 1, *row[i]);
      else
        sqlite3_bind_null(st.get(), int(i) + 1);
    }
    if (sqlite3_step(st.get()) != SQLITE_DONE) fail(dsl::Msg::store_cannot_write);
    sqlite3_reset(st.get());
  });
}

std::unique_ptr<StoreBackend> open_sqlite(const std::string& path, bool create, bool read_only,
                                          int busy_timeout_ms) {
  if (read_only) return std::make_unique<SqliteStore>(path, Store::read_only, busy_timeout_ms);
  return std::make_unique<SqliteStore>(path, create, busy_timeout_ms);
}

}  // namespace arshjul::engine
