#include "engine/sessions.hpp"

#include "engine/records.hpp"
#include "engine/store_backend.hpp"

namespace arshjul::engine {
using sql::Value;

// Each method runs its statements with the store's connection; a failure is a StoreError
// naming the store (Store::fail), as for every other write.
bool SessionTable::sign_in(const std::string& link_id, std::int64_t link_issued_at,
                           std::int64_t link_expires_at, const std::string& session_id,
                           const std::string& person, std::int64_t now, std::int64_t expires_at,
                           int max_uses) {
  bool ok = false;
  auto& db = store_.backend();
  store_.transaction([&] {
    auto revoked =
        db.query("SELECT count(*) FROM web_signout_everywhere WHERE person = ? AND at >= ?",
                 {person, link_issued_at}, dsl::Msg::store_cannot_read);
    auto uses = db.query("SELECT count(*) FROM web_link_use WHERE link = ?", {link_id},
                         dsl::Msg::store_cannot_read);
    if (std::stoll(revoked.at(0).at(0)) > 0 || std::stoll(uses.at(0).at(0)) >= max_uses) return;
    const auto w = dsl::Msg::store_cannot_write;
    db.query("INSERT INTO web_link_use(link, person, used_at, link_expires_at) VALUES (?,?,?,?)",
             {link_id, person, now, link_expires_at}, w);
    db.query("INSERT INTO web_session(id, person, created_at, expires_at) VALUES (?,?,?,?)",
             {session_id, person, now, expires_at}, w);
    // Rows of expired links and sessions name nothing that could still sign in: a token's
    // expiry is signed into it. They go, so the tables hold only what is still valid.
    db.query("DELETE FROM web_link_use WHERE link_expires_at <= ?", {now}, w);
    db.query("DELETE FROM web_session WHERE expires_at <= ?", {now}, w);
    ok = true;
  });
  return ok;
}

bool SessionTable::use_once(const std::string& id, std::int64_t now, std::int64_t expires_at) {
  bool first = false;
  auto& db = store_.backend();
  store_.transaction([&] {
    auto uses = db.query("SELECT count(*) FROM web_link_use WHERE link = ?", {id},
                         dsl::Msg::store_cannot_read);
    if (std::stoll(uses.at(0).at(0)) > 0) return;
    // A row of the link uses, with no person: a state names nobody until the provider answers.
    db.query("INSERT INTO web_link_use(link, person, used_at, link_expires_at) VALUES (?,?,?,?)",
             {id, std::string(), now, expires_at}, dsl::Msg::store_cannot_write);
    // States are cheap to begin: the expired ones go here too, so that many begun and
    // abandoned sign-ins leave no rows behind.
    db.query("DELETE FROM web_link_use WHERE link_expires_at <= ?", {now},
             dsl::Msg::store_cannot_write);
    first = true;
  });
  return first;
}

void SessionTable::begin(const std::string& session_id, const std::string& person, std::int64_t now,
                         std::int64_t expires_at) {
  const auto w = dsl::Msg::store_cannot_write;
  store_.transaction([&] {
    store_.backend().query(
        "INSERT INTO web_session(id, person, created_at, expires_at) VALUES (?,?,?,?)",
        {session_id, person, now, expires_at}, w);
    store_.backend().query("DELETE FROM web_link_use WHERE link_expires_at <= ?", {now}, w);
    store_.backend().query("DELETE FROM web_session WHERE expires_at <= ?", {now}, w);
  });
}

bool SessionTable::live(const std::string& id, const std::string& person, std::int64_t now) const {
  auto rows = store_.backend().query(
      "SELECT count(*) FROM web_session WHERE id = ? AND person = ? AND ended_at IS NULL"
      " AND expires_at > ?",
      {id, person, now}, dsl::Msg::store_cannot_read);
  return std::stoll(rows.at(0).at(0)) > 0;
}

void SessionTable::end(const std::string& id, std::int64_t now) {
  store_.backend().query("UPDATE web_session SET ended_at = ? WHERE id = ? AND ended_at IS NULL",
                         {now, id}, dsl::Msg::store_cannot_write);
}

void SessionTable::end_everywhere(const std::string& person, std::int64_t now) {
  store_.transaction([&] {
    const auto w = dsl::Msg::store_cannot_write;
    store_.backend().query("INSERT INTO web_signout_everywhere(person, at) VALUES (?,?)",
                           {person, now}, w);
    store_.backend().query(
        "UPDATE web_session SET ended_at = ? WHERE person = ? AND ended_at IS NULL", {now, person},
        w);
  });
}

int EntryCounts::count(const char* sql, std::initializer_list<Value> values) const {
  auto rows = store_.backend().query(sql, values, dsl::Msg::store_cannot_read);
  return static_cast<int>(std::stoll(rows.at(0).at(0)));
}
int EntryCounts::of_task(const TaskId& id) const {
  return count(
      "SELECT count(*) FROM completion WHERE cycle = ? AND process = ? AND step = ? AND unit = ?"
      " AND occurrence = ?",
      {std::int64_t{id.cycle}, id.process, id.step, id.unit, std::int64_t{id.occurrence}});
}

namespace {

/// The completions of `id` in `rows` of (id, done_on, done_by, outcome, note, recorded_at)
/// from column `first` on; a row without an id (an outer join's) is none.
std::vector<Completion> completions(const TaskId& id, const std::vector<sql::Row>& rows,
                                    std::size_t first) {
  std::vector<Completion> out;
  for (const auto& row : rows) {
    auto done_on = parse_date(row.at(first + 1));
    if (row.at(first).empty() || !done_on) continue;  // the store keeps dates well formed
    out.push_back({std::stoll(row.at(first)), id.process, id.cycle, id.step, id.unit, id.occurrence,
                   *done_on, row.at(first + 2), row.at(first + 3), row.at(first + 4),
                   row.at(first + 5)});
  }
  return out;
}

}  // namespace

std::vector<Completion> EntryCounts::entries_of(const TaskId& id) const {
  auto rows = store_.backend().query(
      "SELECT id, done_on, done_by, outcome, note, recorded_at FROM completion WHERE cycle = ?"
      " AND process = ? AND step = ? AND unit = ? AND occurrence = ? ORDER BY id",
      {std::int64_t{id.cycle}, id.process, id.step, id.unit, std::int64_t{id.occurrence}},
      dsl::Msg::store_cannot_read);
  return completions(id, rows, 0);
}

std::pair<std::vector<Completion>, std::int64_t> EntryCounts::entries_at_mark(
    const TaskId& id) const {
  // The mark's one row joined with the task's entries: a row even when it has none.
  static const std::string sql =
      std::string(
          "SELECT m.mark, c.id, c.done_on, c.done_by, c.outcome, c.note, c.recorded_at"
          " FROM (SELECT ") +
      Store::kChangeMark +
      " AS mark) AS m LEFT JOIN completion AS c ON c.cycle = ? AND c.process = ? AND c.step = ?"
      " AND c.unit = ? AND c.occurrence = ? ORDER BY c.id";
  auto rows = store_.backend().query(
      sql.c_str(),
      {std::int64_t{id.cycle}, id.process, id.step, id.unit, std::int64_t{id.occurrence}},
      dsl::Msg::store_cannot_read);
  return {completions(id, rows, 1), std::stoll(rows.at(0).at(0))};
}

int EntryCounts::of_activity(const std::string& process, int cycle, const std::string& activity,
                             const std::string& unit) const {
  return count(
      "SELECT count(*) FROM activity_status WHERE cycle = ? AND process = ? AND activity = ?"
      " AND unit = ?",
      {std::int64_t{cycle}, process, activity, unit});
}

int EntryCounts::of_measure(const std::string& process, int cycle, const std::string& measure,
                            const std::string& unit, int tertial) const {
  return count(
      "SELECT count(*) FROM measure_value WHERE cycle = ? AND process = ? AND measure = ?"
      " AND unit = ? AND tertial = ?",
      {std::int64_t{cycle}, process, measure, unit, std::int64_t{tertial}});
}

int EntryCounts::by_person_on(const std::string& person, const std::string& day) const {
  std::string from = day, to = day + "~";  // every recorded_at of that day sorts between
  return count(
      "SELECT (SELECT count(*) FROM completion WHERE done_by = ?1 AND recorded_at BETWEEN ?2 AND "
      "?3)"
      " + (SELECT count(*) FROM activity_status WHERE reported_by = ?1 AND recorded_at BETWEEN ?2"
      " AND ?3) + (SELECT count(*) FROM measure_value WHERE reported_by = ?1 AND recorded_at"
      " BETWEEN ?2 AND ?3)",
      {person, from, to});
}

bool EntryCounts::submitted(const std::string& key) const {
  if (key.empty()) return false;
  return count(
             "SELECT (SELECT count(*) FROM completion WHERE submission = ?1)"
             " + (SELECT count(*) FROM activity_status WHERE submission = ?1)"
             " + (SELECT count(*) FROM measure_value WHERE submission = ?1)",
             {key}) > 0;
}

}  // namespace arshjul::engine
