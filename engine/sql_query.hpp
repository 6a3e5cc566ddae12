#pragma once
// One SQLite statement with its parameters bound in order, for the store's side tables
// (engine/sessions.cpp, engine/versions.cpp). Included by engine/*.cpp only: <sqlite3.h>
// stays inside the store's files.
#include <sqlite3.h>

#include <cstdint>
#include <initializer_list>
#include <string>
#include <variant>

namespace arshjul::engine::sql {

using Value = std::variant<std::string, std::int64_t>;

/// One statement with its parameters bound in order; finalized when it goes.
class Query {
 public:
  Query(sqlite3* db, const char* sql, std::initializer_list<Value> values) {
    if (sqlite3_prepare_v2(db, sql, -1, &stmt_, nullptr) != SQLITE_OK) {
      stmt_ = nullptr;
      return;
    }
    int i = 0;
    for (const auto& v : values) {
      ++i;
      if (const auto* s = std::get_if<std::string>(&v))
        sqlite3_bind_text(stmt_, i, s->data(), static_cast<int>(s->size()), SQLITE_TRANSIENT);
      else
        sqlite3_bind_int64(stmt_, i, std::get<std::int64_t>(v));
    }
  }
  ~Query() { sqlite3_finalize(stmt_); }
  Query(const Query&) = delete;
  Query& operator=(const Query&) = delete;
  /// Steps once: SQLITE_ROW, SQLITE_DONE or an error code.
  int step() { return stmt_ ? sqlite3_step(stmt_) : SQLITE_ERROR; }
  std::int64_t integer(int column) const { return sqlite3_column_int64(stmt_, column); }
  std::string text(int column) const {
    const auto* p = sqlite3_column_text(stmt_, column);
    return p ? std::string(reinterpret_cast<const char*>(p),
                           static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column)))
             : std::string();
  }

 private:
  sqlite3_stmt* stmt_ = nullptr;
};

}  // namespace arshjul::engine::sql
