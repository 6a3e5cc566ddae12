#pragma once
// The SQLite store's schema, one migration per version (engine/store_sqlite.cpp; the
// PostgreSQL store's is engine/store_postgres_schema.hpp, version for version).

namespace arshjul::engine::sqlite {

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
    // 6 -> 7: the rules in force per process and cycle (engine/versions.hpp): each text once,
    // by its SHA-256; per process and cycle the hash in force, insert-only (the latest row
    // wins; an empty hash: the process is not in force that cycle).
    "CREATE TABLE IF NOT EXISTS rule_text (hash TEXT PRIMARY KEY, text TEXT NOT NULL);"
    "CREATE TABLE IF NOT EXISTS cycle_rules ("
    "  id INTEGER PRIMARY KEY,"
    "  process TEXT NOT NULL,"
    "  cycle INTEGER NOT NULL,"
    "  hash TEXT NOT NULL,"
    "  adopted INTEGER NOT NULL,"
    "  recorded_by TEXT NOT NULL,"
    "  recorded_at TEXT NOT NULL);"
    "CREATE INDEX IF NOT EXISTS cycle_rules_by_cycle ON cycle_rules(cycle, process, id);",
    // 7 -> 8: the one-time key of the web form that made an entry (NULL from the command line
    // and imports), unique: a form sent twice (a double tap, a reload, a POST the browser
    // retried) is recorded once, whichever server of a pair takes it. The columns themselves
    // are kAddedColumns'.
    "CREATE UNIQUE INDEX IF NOT EXISTS completion_by_submission ON completion(submission);"
    "CREATE UNIQUE INDEX IF NOT EXISTS activity_status_by_submission ON"
    "  activity_status(submission);"
    "CREATE UNIQUE INDEX IF NOT EXISTS measure_value_by_submission ON measure_value(submission);",
};

/// A column a migration adds to a table that exists: added (in the migration's transaction,
/// just before its statements) unless the table has it already. SQLite has no ADD COLUMN IF
/// NOT EXISTS, and every migration must be able to run again on a store that has what it
/// makes, as CREATE ... IF NOT EXISTS does (a store whose version was set back).
struct AddedColumn {
  int version;  ///< the schema version it belongs to
  const char* table;
  const char* name;
  const char* type;
};

constexpr AddedColumn kAddedColumns[] = {
    {8, "completion", "submission", "TEXT"},
    {8, "activity_status", "submission", "TEXT"},
    {8, "measure_value", "submission", "TEXT"},
};

}  // namespace arshjul::engine::sqlite
