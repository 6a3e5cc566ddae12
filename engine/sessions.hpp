#pragma once
// The web view's sign-ins, kept in the store so that they can be ended: a session is a row
// that sign-out ends; a link may sign in a bounded number of times; "sign out everywhere"
// ends a person's sessions and every link made for them until then. Tokens themselves are
// signed by web/token.hpp; this table only names them (by an id derived from the token,
// never the token, so reading the store gives nobody a session).
#include <cstdint>
#include <initializer_list>
#include <string>
#include <variant>

#include "engine/store.hpp"
#include "engine/task_id.hpp"

namespace arshjul::engine {

class SessionTable {
 public:
  explicit SessionTable(Store& store) : store_(store) {}

  /// Signs `person` in with the link `link_id` made at `link_issued_at` (valid until
  /// `link_expires_at`), beginning the session `session_id` until `expires_at`; all or
  /// nothing. False (nothing written) when the link has signed in `max_uses` times already,
  /// or was made no later than the person's last "sign out everywhere". Rows of expired
  /// links and sessions are removed on the way.
  bool sign_in(const std::string& link_id, std::int64_t link_issued_at,
               std::int64_t link_expires_at, const std::string& session_id,
               const std::string& person, std::int64_t now, std::int64_t expires_at, int max_uses);

  /// Marks `id` (an OpenID Connect sign-in's state) as used, until `expires_at`; false when
  /// it was used already (a replayed answer of the identity provider). Race-free between
  /// servers: the check and the mark are one write transaction.
  bool use_once(const std::string& id, std::int64_t now, std::int64_t expires_at);

  /// Begins the session `session_id` of `person` until `expires_at`, signed in by other means
  /// than a link (the identity provider): no link use to count.
  void begin(const std::string& session_id, const std::string& person, std::int64_t now,
             std::int64_t expires_at);

  /// Whether the session `id` of `person` was begun, has not ended and has not expired.
  bool live(const std::string& id, const std::string& person, std::int64_t now) const;

  /// Ends the session `id` (sign-out).
  void end(const std::string& id, std::int64_t now);

  /// Ends every session of `person`, and every link made for them up to `now`.
  void end_everywhere(const std::string& person, std::int64_t now);

 private:
  Store& store_;
};

/// How many entries the store holds, for the web view's limits on what one person can add.
class EntryCounts {
 public:
  explicit EntryCounts(Store& store) : store_(store) {}
  /// Completions of the task `id` (every correction counts).
  int of_task(const TaskId& id) const;
  /// Those completions themselves, oldest first (a task's history), its ids as entries
  /// write them (the rules' process and step ids, the roster's unit).
  std::vector<Completion> entries_of(const TaskId& id) const;
  /// entries_of, and the store's change mark (Store::change_mark) read by the same statement:
  /// the history as of that mark, whatever is committed meanwhile.
  std::pair<std::vector<Completion>, std::int64_t> entries_at_mark(const TaskId& id) const;
  /// Status reports of an activity, or values of a measure's tertial, of one unit and cycle.
  int of_activity(const std::string& process, int cycle, const std::string& activity,
                  const std::string& unit) const;
  int of_measure(const std::string& process, int cycle, const std::string& measure,
                 const std::string& unit, int tertial) const;
  /// Entries of every kind made by `person` with a recorded_at on `day` (YYYY-MM-DD).
  int by_person_on(const std::string& person, const std::string& day) const;
  /// True when an entry of any kind has the submission key `key` (a form sent again);
  /// false for "" (no key).
  bool submitted(const std::string& key) const;

 private:
  int count(const char* sql,
            std::initializer_list<std::variant<std::string, std::int64_t>> values) const;
  Store& store_;
};

}  // namespace arshjul::engine
