// The PostgreSQL back-end of the store (engine/store_backend.hpp), through libpqxx: the
// SQLite store's schema and rules on a database several servers can share. Writers take one
// transaction-scoped advisory lock, so they follow each other as SQLite's BEGIN IMMEDIATE
// makes them do, and "equal to the latest entry" is decided on what is committed. The nightly
// run lock is a session-level advisory lock: it goes with the connection of a killed run.
#include <fmt/format.h>

#include <pqxx/pqxx>
#include <pqxx/tablewriter>
#include <sstream>

#include "engine/store_backend.hpp"
#include "engine/store_postgres_schema.hpp"

namespace arshjul::engine {
namespace {

using postgres::EntryTable;
static_assert(postgres::kMigrationCount == Store::kSchemaVersion, "one migration per version");
using Params = std::vector<std::string>;

// The keys of the advisory locks: one bigint for the writers, and (class, hashtext(name))
// for the run locks, two int keys being a space of their own.
constexpr std::int64_t kWriterLock = 0x6172736a68756c;  // "arshjul"
constexpr int kRunLockClass = 0x61726a;

/// The columns of `list` ("a, b, c") as "x.a = y.b AND ...", for a join of two of its rows.
std::string equal_columns(const char* list, const char* x, const char* y) {
  std::string out;
  std::istringstream in(list);
  std::string column;
  while (std::getline(in, column, ',')) {
    column.erase(0, column.find_first_not_of(' '));
    if (!out.empty()) out += " AND ";
    out += fmt::format("{0}.{2} = {1}.{2}", x, y, column);
  }
  return out;
}

/// The previous entry of the same task in the batch, column by column ("lag(a) OVER w AS p_a").
std::string previous_columns(const char* list) {
  std::string out;
  std::istringstream in(list);
  std::string column;
  while (std::getline(in, column, ',')) {
    column.erase(0, column.find_first_not_of(' '));
    out += fmt::format(", lag({0}) OVER w AS p_{0}", column);
  }
  return out;
}

// The staged entries (in `seq` order) that record() adds: as SQLite's row-by-row insert does,
// an entry equal to the latest of its task is left out, and within a batch "the latest" is the
// batch's previous entry of that task (which either went in or equalled the latest already).
// With Duplicates::any, an entry equal to any stored one, or to an earlier one of the batch.
// An entry whose submission key is there already (stored, or earlier in the batch) is left
// out by the key's unique constraint.
std::string bulk_insert_sql(const EntryTable& t, Store::Duplicates d) {
  std::string equal_previous = equal_columns(t.same, "b", "b");
  for (std::size_t at = 0; (at = equal_previous.find("= b.", at)) != std::string::npos;)
    equal_previous.replace(at, 4, "= b.p_"), at += 6;
  if (d == Store::Duplicates::any)
    return fmt::format(
        "INSERT INTO {0}({1}) SELECT {1} FROM (SELECT s.*, row_number() OVER (PARTITION BY {2},"
        " {3} ORDER BY seq) AS nth FROM staging_{0} s) b WHERE nth = 1 AND NOT EXISTS (SELECT 1"
        " FROM {0} t WHERE {4} AND {5}) ORDER BY seq ON CONFLICT (submission) DO NOTHING",
        t.name, t.names, t.task, t.same, equal_columns(t.task, "t", "b"),
        equal_columns(t.same, "t", "b"));
  return fmt::format(
      "INSERT INTO {0}({1}) SELECT {1} FROM (SELECT s.*, row_number() OVER w AS nth{2} FROM"
      " staging_{0} s WINDOW w AS (PARTITION BY {3} ORDER BY seq)) b WHERE CASE WHEN nth > 1"
      " THEN NOT ({4}) ELSE NOT EXISTS (SELECT 1 FROM (SELECT {5} FROM {0} t WHERE {6} ORDER BY"
      " id DESC LIMIT 1) l WHERE {7}) END ORDER BY seq ON CONFLICT (submission) DO NOTHING",
      t.name, t.names, previous_columns(t.same), t.task, equal_previous, t.same,
      equal_columns(t.task, "t", "b"), equal_columns(t.same, "l", "b"));
}

/// A side table's statement written for SQLite: `?` and `?N` become `$N`, and `INSERT OR
/// IGNORE` a conflict that does nothing.
std::string translated(const char* sqlite) {
  std::string_view in(sqlite);
  constexpr std::string_view kIgnore = "INSERT OR IGNORE INTO";
  const bool ignore = in.substr(0, kIgnore.size()) == kIgnore;
  if (ignore) in.remove_prefix(kIgnore.size());
  std::string out = ignore ? "INSERT INTO" : "";
  int next = 0;
  for (std::size_t i = 0; i < in.size(); ++i) {
    if (in[i] != '?') {
      out += in[i];
    } else if (i + 1 < in.size() && std::isdigit(static_cast<unsigned char>(in[i + 1]))) {
      out += '$';
    } else {
      out += '$' + std::to_string(++next);
    }
  }
  if (ignore) out += " ON CONFLICT DO NOTHING";
  return out;
}

/// A submission key as the staging table takes it: NULL for none.
std::optional<std::string> or_null(const std::string& key) {
  return key.empty() ? std::nullopt : std::optional<std::string>(key);
}

class PostgresStore final : public StoreBackend {
 public:
  PostgresStore(const std::string& address, bool create, bool read_only);

  ARSHJUL_STORE_BACKEND_OVERRIDES

 private:
  /// Runs `sql` with `params` ($1, $2...) in the open transaction, or alone; a failure is
  /// `what`, with PostgreSQL's words.
  pqxx::result run(dsl::Msg what, const std::string& sql, const Params& params = {}) const;
  [[noreturn]] void failed(dsl::Msg what, const pqxx::failure& e) const;
  int schema_version() const;
  bool has_tables() const;
  void check_version(int version) const;
  void migrate(bool create);
  template <typename Entry, typename... Types>
  std::vector<Entry> select_cycles(const EntrySelect<Entry, Types...>& select, int first_cycle,
                                   int last_cycle) const;
  template <typename Entry, typename Row>
  std::size_t insert(const EntryTable& t, const std::vector<Entry>& entries, Store::Duplicates d,
                     Row row);

  std::string shown_;
  mutable std::unique_ptr<pqxx::connection> conn_;
  mutable std::unique_ptr<pqxx::work> tx_;  // the open transaction(), if any
  mutable std::string last_error_;
};

PostgresStore::PostgresStore(const std::string& address, bool create, bool read_only)
    : shown_(shown_address(address)) {
  try {
    conn_ = std::make_unique<pqxx::connection>(address);
  } catch (const pqxx::failure& e) {
    failed(dsl::Msg::store_cannot_open, e);
  }
  // Notices ("already exists, skipping") would go to standard error, into the command's output.
  run(dsl::Msg::store_cannot_open, "SET client_min_messages = warning");
  if (!read_only) {
    migrate(create);
    return;
  }
  // The server refuses every change in this session, as SQLite's query_only does.
  run(dsl::Msg::store_cannot_open, "SET default_transaction_read_only = on");
  int version = schema_version();
  check_version(version);
  if (version == 0 && has_tables()) throw StoreError(dsl::Msg::store_pg_other_program, {shown_});
  if (version == 0) throw StoreError(dsl::Msg::store_missing, {shown_});
  if (version < Store::kSchemaVersion)
    throw StoreError(dsl::Msg::store_needs_migrate,
                     {shown_, std::to_string(version), std::to_string(Store::kSchemaVersion)});
}

void PostgresStore::failed(dsl::Msg what, const pqxx::failure& e) const {
  last_error_ = e.what();
  while (!last_error_.empty() && (last_error_.back() == '\n' || last_error_.back() == ' '))
    last_error_.pop_back();
  // Say what is wrong with the database, not what we were doing when we found out.
  if (dynamic_cast<const pqxx::insufficient_privilege*>(&e))
    throw StoreError(dsl::Msg::store_no_access, {shown_, last_error_});
  if (const auto* s = dynamic_cast<const pqxx::sql_error*>(&e); s && s->sqlstate() == "25006")
    throw StoreError(dsl::Msg::store_no_access, {shown_, last_error_});  // read-only
  if (dynamic_cast<const pqxx::broken_connection*>(&e) && what != dsl::Msg::store_cannot_open)
    throw StoreError(dsl::Msg::store_io_error, {shown_, last_error_});
  throw StoreError(what, {shown_, last_error_});
}

void PostgresStore::fail(dsl::Msg what) const {
  throw StoreError(what, {shown_, last_error_});
}

pqxx::result PostgresStore::run(dsl::Msg what, const std::string& sql, const Params& params) const {
  // Without parameters by the simple protocol, which runs several statements (a migration).
  auto in = [&](pqxx::transaction_base& t) {
    return params.empty() ? t.exec(sql)
                          : t.exec_params(sql, pqxx::prepare::make_dynamic_params(params));
  };
  try {
    if (tx_) return in(*tx_);
    pqxx::nontransaction alone(*conn_);
    return in(alone);
  } catch (const pqxx::failure& e) {
    failed(what, e);
  }
}

// Every write is one transaction holding the writers' lock (released at its end), taken
// before anything is read: two writers follow each other, as in SQLite.
void PostgresStore::transaction(const std::function<void()>& body) {
  if (tx_) return body();  // part of the transaction already open
  try {
    tx_ = std::make_unique<pqxx::work>(*conn_);
  } catch (const pqxx::failure& e) {
    failed(dsl::Msg::store_cannot_write, e);
  }
  try {
    run(dsl::Msg::store_cannot_write, "SELECT pg_advisory_xact_lock($1)",
        {std::to_string(kWriterLock)});
    body();
    try {
      tx_->commit();
    } catch (const pqxx::failure& e) {
      failed(dsl::Msg::store_cannot_write, e);
    }
    tx_.reset();
  } catch (...) {
    tx_.reset();  // aborts it
    throw;
  }
}

// The version is a row of arshjul_schema, written in the transaction of the migration.
int PostgresStore::schema_version() const {
  auto exists =
      run(dsl::Msg::store_not_a_store, "SELECT to_regclass('arshjul_schema') IS NOT NULL");
  if (!exists[0][0].as<bool>()) return 0;
  auto v = run(dsl::Msg::store_not_a_store, "SELECT max(version) FROM arshjul_schema");
  return v[0][0].is_null() ? 0 : v[0][0].as<int>();
}

bool PostgresStore::has_tables() const {
  return run(dsl::Msg::store_not_a_store,
             "SELECT count(*) FROM information_schema.tables WHERE table_schema = "
             "current_schema()")[0][0]
             .as<long>() > 0;
}

void PostgresStore::check_version(int version) const {
  if (version > Store::kSchemaVersion)
    throw StoreError(dsl::Msg::store_newer,
                     {shown_, std::to_string(version), std::to_string(Store::kSchemaVersion)});
  if (version < 0) throw StoreError(dsl::Msg::store_bad_version, {shown_, std::to_string(version)});
}

// Versioned as the SQLite store is: every step and the new version in one transaction, the
// version read again once the writers' lock is held (two servers starting at once).
void PostgresStore::migrate(bool create) {
  int version = schema_version();
  check_version(version);
  if (version == Store::kSchemaVersion) return;
  if (version == 0 && !create && !has_tables()) throw StoreError(dsl::Msg::store_missing, {shown_});
  transaction([&] {
    version = schema_version();
    check_version(version);
    if (version == 0 && has_tables()) throw StoreError(dsl::Msg::store_pg_other_program, {shown_});
    if (version == 0)
      run(dsl::Msg::store_cannot_write, "CREATE TABLE arshjul_schema (version INTEGER NOT NULL)");
    for (int v = version; v < Store::kSchemaVersion; ++v)
      run(dsl::Msg::store_cannot_write, postgres::kMigrations[v]);
    run(dsl::Msg::store_cannot_write, "DELETE FROM arshjul_schema");
    run(dsl::Msg::store_cannot_write, "INSERT INTO arshjul_schema(version) VALUES ($1)",
        {std::to_string(Store::kSchemaVersion)});
  });
}

// All or nothing: the entries go by COPY into a staging table of this transaction and from
// there, leaving out the duplicates, into their table in one statement.
template <typename Entry, typename Row>
std::size_t PostgresStore::insert(const EntryTable& t, const std::vector<Entry>& entries,
                                  Store::Duplicates d, Row row) {
  if (entries.empty()) return 0;
  std::size_t added = 0;
  transaction([&] {
    const auto w = dsl::Msg::store_cannot_write;
    run(w, fmt::format("CREATE TEMP TABLE IF NOT EXISTS staging_{} (seq bigint, {}) ON COMMIT"
                       " DELETE ROWS",
                       t.name, t.columns));
    run(w, fmt::format("DELETE FROM staging_{}", t.name));
    try {
      pqxx::stream_to copy(*tx_, fmt::format("staging_{}", t.name));
      std::int64_t seq = 0;
      for (const auto& e : entries) copy << row(++seq, e);
      copy.complete();
    } catch (const pqxx::failure& e) {
      failed(w, e);
    }
    added = run(w, bulk_insert_sql(t, d)).affected_rows();
  });
  return added;
}

std::size_t PostgresStore::record(const std::vector<Completion>& entries, Store::Duplicates d) {
  return insert(postgres::kCompletions, entries, d, [](std::int64_t seq, const Completion& e) {
    return std::make_tuple(seq, e.process, e.cycle, e.step, e.unit, e.occurrence,
                           dsl::iso(e.done_on), e.done_by, e.outcome, e.note, e.recorded_at,
                           or_null(e.submission));
  });
}

std::size_t PostgresStore::record(const std::vector<StatusReport>& entries, Store::Duplicates d) {
  return insert(postgres::kStatuses, entries, d, [](std::int64_t seq, const StatusReport& e) {
    return std::make_tuple(seq, e.process, e.cycle, e.activity, e.unit, dsl::iso(e.reported_on),
                           e.status, e.comment, e.reported_by, e.recorded_at,
                           or_null(e.submission));
  });
}

std::size_t PostgresStore::record(const std::vector<MeasuredValue>& entries, Store::Duplicates d) {
  return insert(postgres::kValues, entries, d, [](std::int64_t seq, const MeasuredValue& e) {
    return std::make_tuple(seq, e.process, e.cycle, e.measure, e.unit, e.tertial, e.value,
                           e.reported_by, e.note, e.recorded_at, or_null(e.submission));
  });
}

dsl::Date field_date(const pqxx::field& f) {
  return stored_date(reinterpret_cast<const unsigned char*>(f.c_str()), int(f.size()));
}

void read(const pqxx::field& f, std::string& out) {
  out = f.c_str();
}
void read(const pqxx::field& f, dsl::Date& out) {
  out = field_date(f);
}
template <typename Number>
void read(const pqxx::field& f, Number& out) {
  out = f.as<Number>();
}

// Every row of `select` for cycles first..last as an Entry, its columns read into its fields.
template <typename Entry, typename... Types>
std::vector<Entry> PostgresStore::select_cycles(const EntrySelect<Entry, Types...>& select,
                                                int first_cycle, int last_cycle) const {
  std::vector<Entry> out;
  for (const auto& row : run(dsl::Msg::store_cannot_read, translated(select.sql),
                             {std::to_string(first_cycle), std::to_string(last_cycle)})) {
    Entry& e = out.emplace_back();
    int i = 0;
    std::apply([&](auto... field) { (read(row[i++], e.*field), ...); }, select.fields);
  }
  return out;
}

std::vector<StatusReport> PostgresStore::statuses(int first_cycle, int last_cycle) const {
  return select_cycles(kSelectStatuses, first_cycle, last_cycle);
}

std::vector<MeasuredValue> PostgresStore::values(int first_cycle, int last_cycle) const {
  return select_cycles(kSelectValues, first_cycle, last_cycle);
}

void PostgresStore::for_each(int first_cycle, int last_cycle,
                             const std::function<void(const Completion&)>& visit,
                             Store::Order order) const {
  auto rows =
      run(dsl::Msg::store_cannot_read,
          fmt::format("SELECT id, process, cycle, step, unit, occurrence, done_on, done_by,"
                      " outcome, note, recorded_at FROM completion WHERE cycle BETWEEN $1"
                      " AND $2 ORDER BY {}",
                      order == Store::Order::by_task ? "cycle, process, step, unit, id" : "id"),
          {std::to_string(first_cycle), std::to_string(last_cycle)});
  Completion c;
  for (const auto& r : rows) {
    c.id = r[0].as<std::int64_t>();
    c.process = r[1].c_str();
    c.cycle = r[2].as<int>();
    c.step = r[3].c_str();
    c.unit = r[4].c_str();
    c.occurrence = r[5].as<int>();
    c.done_on = field_date(r[6]);
    c.done_by = r[7].c_str();
    c.outcome = r[8].c_str();
    c.note = r[9].c_str();
    c.recorded_at = r[10].c_str();
    visit(c);
  }
}

std::vector<std::string> PostgresStore::sent_keys() const {
  std::vector<std::string> keys;
  for (const auto& r :
       run(dsl::Msg::store_cannot_read, "SELECT recipient, task, kind FROM reminder"))
    keys.push_back(std::string(r[0].c_str()) + '\t' + r[1].c_str() + '\t' + r[2].c_str());
  return keys;
}

// Recorded in one transaction right after delivery, as in SQLite; PostgreSQL commits durably.
void PostgresStore::record_sent(const std::vector<SentReminder>& sent) {
  transaction([&] {
    for (const auto& r : sent)
      run(dsl::Msg::store_cannot_write,
          "INSERT INTO reminder(recipient, task, kind, run_date, sent_at) VALUES ($1,$2,$3,$4,$5)"
          " ON CONFLICT DO NOTHING",
          {r.recipient, r.task_key, r.kind, dsl::iso(r.run_date), r.sent_at});
  });
}

// The lock is the session's advisory lock: a run that dies loses its session and the lock with
// it, so there is no stale holder to judge (is_stale is not asked). The run_lock row only says
// who holds it, for the message of the run that is refused.
std::optional<std::string> PostgresStore::try_lock(
    const std::string& name, const std::string& holder, const std::string& now,
    const std::function<bool(const std::string&, const std::string&)>&) {
  std::optional<std::string> other;
  transaction([&] {
    const auto w = dsl::Msg::store_cannot_write;
    auto got = run(w, "SELECT pg_try_advisory_lock($1, hashtext($2))",
                   {std::to_string(kRunLockClass), name});
    if (!got[0][0].as<bool>()) {
      auto who = run(w, "SELECT holder, since FROM run_lock WHERE name = $1", {name});
      other = who.empty() ? std::string("?")
                          : std::string(who[0][0].c_str()) + " sedan " + who[0][1].c_str();
      return;
    }
    run(w,
        "INSERT INTO run_lock(name, holder, since) VALUES ($1,$2,$3) ON CONFLICT (name)"
        " DO UPDATE SET holder = excluded.holder, since = excluded.since",
        {name, holder, now});
  });
  return other;
}

void PostgresStore::unlock(const std::string& name, const std::string& holder) {
  const auto w = dsl::Msg::store_cannot_write;
  auto gone = run(w, "DELETE FROM run_lock WHERE name = $1 AND holder = $2", {name, holder});
  if (gone.affected_rows() == 0) return;
  // As often as this session took it (a holder taking its own lock again takes it twice).
  while (run(w, "SELECT pg_advisory_unlock($1, hashtext($2))",
             {std::to_string(kRunLockClass), name})[0][0]
             .as<bool>()) {
  }
}

std::optional<dsl::Date> PostgresStore::start_date() const {
  auto rows = run(dsl::Msg::store_cannot_read, "SELECT value FROM setting WHERE name = 'start'");
  if (rows.empty()) return std::nullopt;
  return field_date(rows[0][0]);
}

void PostgresStore::set_start_date(dsl::Date start) {
  transaction([&] {
    if (auto current = start_date())
      throw StoreError(dsl::Msg::store_has_start, {shown_, dsl::iso(*current)});
    run(dsl::Msg::store_cannot_write, "INSERT INTO setting(name, value) VALUES ('start', $1)",
        {dsl::iso(start)});
  });
}

std::vector<sql::Row> PostgresStore::query(const char* sql,
                                           std::initializer_list<sql::Value> values,
                                           dsl::Msg what) const {
  Params params;
  for (const auto& v : values)
    params.push_back(std::holds_alternative<std::string>(v) ? std::get<std::string>(v)
                                                            : std::to_string(std::get<1>(v)));
  std::vector<sql::Row> rows;
  for (const auto& r : run(what, translated(sql), params)) {
    auto& row = rows.emplace_back();
    for (const auto& f : r) row.push_back(f.is_null() ? std::string() : f.c_str());
  }
  return rows;
}

/// A field of COPY's text format: NULL as \N, and the backslash and the characters that end a
/// field or a line escaped.
std::string copy_field(const std::optional<std::string>& value) {
  if (!value) return "\\N";
  std::string out;
  for (char ch : *value) {
    switch (ch) {
      case '\\':
        out += "\\\\";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      default:
        out += ch;
    }
  }
  return out;
}

constexpr int kFloat8 = 701;  // the type oid of double precision

void PostgresStore::read_rows(const char* table, const char* columns, const char* order,
                              const std::function<void(const sql::CopyRow&)>& visit) const {
  // By id in parts of 20,000 rows: a store of millions of entries is never all in memory.
  const bool by_id = std::string_view(order) == "id";
  const auto sql =
      by_id ? fmt::format("SELECT {} FROM {} WHERE id > $1 ORDER BY id LIMIT 20000", columns, table)
            : fmt::format("SELECT {} FROM {} ORDER BY {}", columns, table, order);
  std::string after = "-9223372036854775808";
  sql::CopyRow row;
  for (bool more = true; more;) {
    auto rows = run(dsl::Msg::store_cannot_read, sql, by_id ? Params{after} : Params{});
    more = by_id && !rows.empty();
    for (const auto& r : rows) {
      row.clear();
      for (const auto& f : r) {
        if (f.is_null())
          row.emplace_back();
        else if (f.type() == kFloat8)
          row.emplace_back(fmt::format("{}", f.as<double>()));
        else
          row.emplace_back(f.c_str());
      }
      if (by_id) after = r[0].c_str();
      visit(row);
    }
  }
}

void PostgresStore::write_rows(const char* table, const char* columns, const sql::RowSource& rows) {
  std::vector<std::string> names;
  std::istringstream in(columns);
  for (std::string c; std::getline(in, c, ',');)
    names.push_back(c.substr(c.find_first_not_of(' ')));
  try {
    // COPY with lines of our own (copy_field): libpqxx 6's stream_to takes tuples of a fixed
    // arity only, its tablewriter takes a line. Its warning about multibyte encodings is about
    // encodings where a byte of a character can be a backslash; the store's is UTF-8.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
    pqxx::tablewriter copy(*tx_, table, names.begin(), names.end());
#pragma GCC diagnostic pop
    rows([&](const sql::CopyRow& row) {
      std::string line;
      for (std::size_t i = 0; i < row.size(); ++i) line += (i ? "\t" : "") + copy_field(row[i]);
      copy.write_raw_line(line);
    });
    copy.complete();
  } catch (const pqxx::failure& e) {
    failed(dsl::Msg::store_cannot_write, e);
  }
  // Rows given their ids leave the identity where it was: the next entry must come after them.
  if (names.front() != "id") return;
  auto sequence = run(dsl::Msg::store_cannot_write,
                      fmt::format("SELECT pg_get_serial_sequence('{}', 'id')", table));
  if (sequence[0][0].is_null()) return;  // an id that is not numbered (a session's)
  run(dsl::Msg::store_cannot_write,
      fmt::format("SELECT setval('{}', coalesce(max(id), 1), max(id) IS NOT NULL) FROM {}",
                  sequence[0][0].c_str(), table));
}

}  // namespace

std::unique_ptr<StoreBackend> open_postgres(const std::string& address, bool create,
                                            bool read_only) {
  return std::make_unique<PostgresStore>(address, create, read_only);
}

// postgresql://user:secret@host/db -> postgresql://user@host/db: messages and logs never
// carry the password (which belongs in ~/.pgpass or PGPASSWORD anyway).
std::string shown_address(const std::string& address) {
  auto scheme = address.find("://");
  if (scheme == std::string::npos) return address;
  auto at = address.find('@', scheme + 3);
  auto slash = address.find('/', scheme + 3);
  if (at == std::string::npos || (slash != std::string::npos && slash < at)) return address;
  auto colon = address.find(':', scheme + 3);
  if (colon == std::string::npos || colon > at) return address;
  return address.substr(0, colon) + address.substr(at);
}

}  // namespace arshjul::engine
