#pragma once
// A prepared SQLite statement with typed binds and column reads, for the SQLite back-end of
// the store (engine/store_sqlite.cpp); nothing outside engine/ includes it.
#include <sqlite3.h>

#include <cstdint>
#include <string>

#include "engine/store_backend.hpp"

namespace arshjul::engine::sqlite {

/// A text bound as NULL when empty (a submission key: none).
struct OrNull {
  const std::string& text;
};

/// Column `i` of the row `st` stands on, as text ("" for NULL).
inline std::string column_text(sqlite3_stmt* st, int i) {
  auto p = sqlite3_column_text(st, i);
  return p ? std::string(reinterpret_cast<const char*>(p), sqlite3_column_bytes(st, i))
           : std::string();
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
  void bind(int i, OrNull v) {
    if (v.text.empty())
      sqlite3_bind_null(stmt_, i);
    else
      bind(i, v.text);
  }
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
  std::string text(int i) const { return column_text(stmt_, i); }

 private:
  void column(int i, std::string& out) const { out = text(i); }
  void column(int i, int& out) const { out = sqlite3_column_int(stmt_, i); }
  void column(int i, std::int64_t& out) const { out = sqlite3_column_int64(stmt_, i); }
  void column(int i, double& out) const { out = sqlite3_column_double(stmt_, i); }
  void column(int i, dsl::Date& out) const;

  sqlite3_stmt* stmt_ = nullptr;
};

inline void Statement::column(int i, dsl::Date& out) const {
  out = stored_date(sqlite3_column_text(stmt_, i), sqlite3_column_bytes(stmt_, i));
}

}  // namespace arshjul::engine::sqlite
