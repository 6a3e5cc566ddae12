#pragma once
// What a store's back-end does: the one interface behind engine::Store, with an SQLite
// (engine/store_sqlite.cpp) and a PostgreSQL (engine/store_postgres.cpp) implementation.
// Included by engine/store*.cpp, sessions.cpp and versions.cpp only: the rest of the program
// sees engine::Store and never which database it talks to.
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <memory>
#include <optional>
#include <string>
#include <tuple>
#include <variant>
#include <vector>

#include "engine/store.hpp"

namespace arshjul::engine {

namespace sql {
/// A parameter of a side-table statement (see StoreBackend::query).
using Value = std::variant<std::string, std::int64_t>;
/// One row of a side-table query, every column as text (NULL as "").
using Row = std::vector<std::string>;
/// One row as `arshjul store copy` moves it: each column as text, none for NULL; numbers as
/// both back-ends write them (integers in decimal, a double as the shortest text that reads
/// back as the same double), so a row reads the same from either.
using CopyRow = std::vector<std::optional<std::string>>;
/// Hands each row to `sink` (StoreBackend::read_rows feeding write_rows).
using RowSource = std::function<void(const std::function<void(const CopyRow&)>& sink)>;
}  // namespace sql

/// How the plan's entries are read back on both back-ends: the query (the first and last
/// cycle as ?1 and ?2, oldest first) and the entry's fields in the order of its columns.
template <typename Entry, typename... Types>
struct EntrySelect {
  const char* sql;
  std::tuple<Types Entry::*...> fields;
};

template <typename Entry, typename... Types>
constexpr EntrySelect<Entry, Types...> entry_select(const char* sql, Types Entry::*... fields) {
  return {sql, {fields...}};
}

inline constexpr auto kSelectStatuses = entry_select(
    "SELECT id, process, cycle, activity, unit, reported_on, status, comment, reported_by,"
    " recorded_at FROM activity_status WHERE cycle BETWEEN ?1 AND ?2 ORDER BY id",
    &StatusReport::id, &StatusReport::process, &StatusReport::cycle, &StatusReport::activity,
    &StatusReport::unit, &StatusReport::reported_on, &StatusReport::status, &StatusReport::comment,
    &StatusReport::reported_by, &StatusReport::recorded_at);

inline constexpr auto kSelectValues = entry_select(
    "SELECT id, process, cycle, measure, unit, tertial, value, reported_by, note, recorded_at"
    " FROM measure_value WHERE cycle BETWEEN ?1 AND ?2 ORDER BY id",
    &MeasuredValue::id, &MeasuredValue::process, &MeasuredValue::cycle, &MeasuredValue::measure,
    &MeasuredValue::unit, &MeasuredValue::tertial, &MeasuredValue::value,
    &MeasuredValue::reported_by, &MeasuredValue::note, &MeasuredValue::recorded_at);

/// One store's connection. Every method throws StoreError naming the store on failure, with
/// nothing written; the semantics are those documented on engine::Store.
class StoreBackend {
 public:
  virtual ~StoreBackend() = default;

  virtual std::size_t record(const std::vector<Completion>& entries, Store::Duplicates d) = 0;
  virtual std::size_t record(const std::vector<StatusReport>& entries, Store::Duplicates d) = 0;
  virtual std::size_t record(const std::vector<MeasuredValue>& entries, Store::Duplicates d) = 0;
  virtual std::optional<dsl::Date> start_date() const = 0;
  virtual void set_start_date(dsl::Date start) = 0;
  virtual std::vector<StatusReport> statuses(int first_cycle, int last_cycle) const = 0;
  virtual std::vector<MeasuredValue> values(int first_cycle, int last_cycle) const = 0;
  virtual void for_each(int first_cycle, int last_cycle,
                        const std::function<void(const Completion&)>& visit,
                        Store::Order order) const = 0;
  virtual std::vector<std::string> sent_keys() const = 0;
  virtual void record_sent(const std::vector<SentReminder>& sent) = 0;
  virtual std::optional<std::string> try_lock(
      const std::string& name, const std::string& holder, const std::string& now,
      const std::function<bool(const std::string&, const std::string&)>& is_stale) = 0;
  virtual void unlock(const std::string& name, const std::string& holder) = 0;
  virtual void transaction(const std::function<void()>& body) = 0;

  /// The side tables (sessions, rules in force): runs `sql`, written for SQLite with `?` or
  /// `?N` parameters and the `INSERT OR IGNORE` of a key already there (the PostgreSQL
  /// back-end translates both), and returns its rows. A failure is `what` (store_cannot_read
  /// for a query, store_cannot_write for a change).
  virtual std::vector<sql::Row> query(const char* sql, std::initializer_list<sql::Value> values,
                                      dsl::Msg what) const = 0;
  /// Every row of `table` (`columns`, "a, b, c") in the order `order` (a column list), as
  /// text (see sql::CopyRow); "id" as the order reads a large table in parts.
  virtual void read_rows(const char* table, const char* columns, const char* order,
                         const std::function<void(const sql::CopyRow&)>& visit) const = 0;
  /// Inserts every row `rows` gives into `table` (`columns`), ids as given: inside the
  /// caller's transaction(). A table whose first column is its id goes on numbering after
  /// the highest one.
  virtual void write_rows(const char* table, const char* columns, const sql::RowSource& rows) = 0;
  /// Throws StoreError(what) naming the store, with the database's own words.
  [[noreturn]] virtual void fail(dsl::Msg what) const = 0;
};

/// The declarations of StoreBackend's methods in a back-end (one list, so that the two cannot
/// drift apart from the interface): `class X final : public StoreBackend { public:
/// ARSHJUL_STORE_BACKEND_OVERRIDES ... };`.
#define ARSHJUL_STORE_BACKEND_OVERRIDES                                                         \
  std::size_t record(const std::vector<Completion>& entries, Store::Duplicates d) override;     \
  std::size_t record(const std::vector<StatusReport>& entries, Store::Duplicates d) override;   \
  std::size_t record(const std::vector<MeasuredValue>& entries, Store::Duplicates d) override;  \
  std::optional<dsl::Date> start_date() const override;                                         \
  void set_start_date(dsl::Date start) override;                                                \
  std::vector<StatusReport> statuses(int first_cycle, int last_cycle) const override;           \
  std::vector<MeasuredValue> values(int first_cycle, int last_cycle) const override;            \
  void for_each(int first_cycle, int last_cycle,                                                \
                const std::function<void(const Completion&)>& visit, Store::Order order)        \
      const override;                                                                           \
  std::vector<std::string> sent_keys() const override;                                          \
  void record_sent(const std::vector<SentReminder>& sent) override;                             \
  std::optional<std::string> try_lock(                                                          \
      const std::string& name, const std::string& holder, const std::string& now,               \
      const std::function<bool(const std::string&, const std::string&)>& is_stale) override;    \
  void unlock(const std::string& name, const std::string& holder) override;                     \
  void transaction(const std::function<void()>& body) override;                                 \
  std::vector<sql::Row> query(const char* sql, std::initializer_list<sql::Value> values,        \
                              dsl::Msg what) const override;                                    \
  void read_rows(const char* table, const char* columns, const char* order,                     \
                 const std::function<void(const sql::CopyRow&)>& visit) const override;         \
  void write_rows(const char* table, const char* columns, const sql::RowSource& rows) override; \
  [[noreturn]] void fail(dsl::Msg what) const override;

/// The SQLite file at `path` (engine/store_sqlite.cpp); `create` and `read_only` as for Store.
std::unique_ptr<StoreBackend> open_sqlite(const std::string& path, bool create, bool read_only,
                                          int busy_timeout_ms);
/// The PostgreSQL database at `address` (engine/store_postgres.cpp).
std::unique_ptr<StoreBackend> open_postgres(const std::string& address, bool create,
                                            bool read_only);
/// A date as the store writes it (YYYY-MM-DD, `n` bytes); a default Date when it is not one.
dsl::Date stored_date(const unsigned char* s, int n);

}  // namespace arshjul::engine
