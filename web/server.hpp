#pragma once
// `arshjul serve`: the web view over the same rules, roster and store as the command line.
// Routes (all but /signin need the session cookie; every POST needs the CSRF field):
//   GET  /signin?t=LINK   the personal link: checks it, sets the session cookie, -> /my
//   GET  /oidc/login      sign-in with the identity provider (when configured; its answer
//                         comes back to the redirect URL's path: web/oidc_routes.cpp)
//   GET  /my              my tasks          GET /?process=ID   the overview (wheel, status)
//   GET  /task?p&c&s&u&n  one task          POST /done         record it (or correct it)
//   GET  /audit?year=Y    the audit         POST /signout      end the session (everywhere=1:
//                                                               every session and link)
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "dsl/loader.hpp"
#include "dsl/schedule.hpp"
#include "engine/roster.hpp"
#include "web/oidc.hpp"

namespace arshjul::web {

/// How many times one sign-in link may sign in (a mail scanner's visit, a second device).
constexpr int kLinkUses = 5;
/// What the web view accepts from one person: entries per task (or plan item), and entries
/// of every kind per day.
constexpr int kEntriesPerTask = 20;
constexpr int kEntriesPerPersonPerDay = 200;

struct ServeOptions {
  std::string store;     ///< the SQLite store (created when missing)
  std::string key_file;  ///< the HMAC key's file (default secret_path(store)), read again
                         ///< whenever it changes: deleting it ends every link and session
  dsl::Lang lang = dsl::Lang::sv;
  std::vector<std::string> owner_roles;        ///< roles that may record every task
  std::function<dsl::Date()> today;            ///< "as of" for each request (the clock, or pinned)
  std::function<std::string()> now_timestamp;  ///< recorded_at of entries (ISO 8601 UTC)
  std::function<std::int64_t()> now_seconds;   ///< for token expiry
  int session_hours = 12;                      ///< how long a sign-in lasts
  int threads = 512;                           ///< worker threads (each keeps one connection)
  int busy_timeout_ms = 10000;                 ///< how long a write waits for another writer
  /// A request that takes this long or longer is logged (method, path, status, time) on
  /// standard error; 0 logs every request, -1 none.
  int log_slower_than_ms = 1000;
  bool secure_cookie = false;  ///< mark the session cookie Secure (served over HTTPS by a proxy)
  int per_client = 16;         ///< open connections per client address (0: no limit)
  int entries_per_task = kEntriesPerTask;
  int entries_per_person_per_day = kEntriesPerPersonPerDay;
  /// Sign-in with the identity provider beside the links (GET /oidc/login and the
  /// redirect URL's path); none when not configured.
  std::optional<OidcSettings> oidc;
};

/// The server over one set of rules and one roster (read once; restart to reload them).
class Server {
 public:
  /// Throws engine::StoreError when the store cannot be opened or created.
  Server(const dsl::RuleSet& rules, const engine::Roster& roster, ServeOptions options);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  /// Binds `host:port` (port 0: any free port); returns the port, or -1 when it cannot bind.
  int bind(const std::string& host, int port);
  /// Serves until stop() (blocks). Returns false when it could not listen.
  bool run();
  /// Makes run() return; safe from another thread or a signal-handling thread.
  void stop();
  /// Asks the identity provider for its discovery document now (not at the first sign-in):
  /// what is wrong (for the log), or nullopt when it answered well or none is configured.
  std::optional<std::string> check_provider();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace arshjul::web
