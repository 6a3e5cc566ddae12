#pragma once
// A raw SQLite connection, for tests that look at (or age) a store from outside arshjul.
#include <sqlite3.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <stdexcept>
#include <string>

namespace arshjul::test {

/// A raw SQLite connection, for looking at a store from outside arshjul.
class Raw {
 public:
  explicit Raw(const std::filesystem::path& path, int flags = SQLITE_OPEN_READWRITE) {
    if (sqlite3_open_v2(path.c_str(), &db_, flags, nullptr) != SQLITE_OK)
      throw std::runtime_error("cannot open " + path.string() + ": " + sqlite3_errmsg(db_));
  }
  ~Raw() { sqlite3_close(db_); }
  Raw(const Raw&) = delete;
  Raw& operator=(const Raw&) = delete;

  /// Runs `sql`; "" on success, else SQLite's message.
  std::string exec(const std::string& sql) {
    char* err = nullptr;
    if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &err) == SQLITE_OK) return "";
    std::string msg = err ? err : "error";
    sqlite3_free(err);
    return msg;
  }
  /// The first column of the first row of `sql` as text ("<error: ...>" on failure).
  std::string text(const std::string& sql) {
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &st, nullptr) != SQLITE_OK)
      return std::string("<error: ") + sqlite3_errmsg(db_) + ">";
    std::string out;
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
      auto p = sqlite3_column_text(st, 0);
      out = p ? reinterpret_cast<const char*>(p) : "";
    } else if (rc != SQLITE_DONE) {
      out = std::string("<error: ") + sqlite3_errmsg(db_) + ">";
    }
    sqlite3_finalize(st);
    return out;
  }
  long long integer(const std::string& sql) {
    auto t = text(sql);
    try {
      return std::stoll(t);
    } catch (const std::exception&) {
      FAIL("query '" << sql << "' gave '" << t << "'");
      return -1;
    }
  }

 private:
  sqlite3* db_ = nullptr;
};

/// The completions in the SQLite file `db`, counted from outside arshjul (one definition for
/// the store tests, which compile in one unity group).
inline long long completion_rows(const std::filesystem::path& db) {
  return Raw(db).integer("SELECT count(*) FROM completion");
}

}  // namespace arshjul::test
