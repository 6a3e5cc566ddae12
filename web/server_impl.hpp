#pragma once
// The web server's state and handlers, shared by its source files: server.cpp (sessions,
// pages, routes) and server_forms.cpp (the forms that record).
#include <httplib.h>
#include <sys/socket.h>

#include <algorithm>
#include <chrono>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include "dsl/text.hpp"
#include "engine/incremental.hpp"
#include "engine/snapshot.hpp"
#include "engine/store.hpp"
#include "engine/task_id.hpp"
#include "web/access.hpp"
#include "web/group_commit.hpp"
#include "web/http_server.hpp"
#include "web/oidc_client.hpp"
#include "web/pages.hpp"
#include "web/server.hpp"
#include "web/snapshot_cache.hpp"
#include "web/store_pool.hpp"
#include "web/token.hpp"
#include "web/turns.hpp"

namespace arshjul::web {

struct Server::Impl {
  using Request = httplib::Request;
  using Response = httplib::Response;

  const dsl::RuleSet& rules;
  const engine::Roster& roster;
  ServeOptions o;
  Viewers viewers{roster, o.owner_roles};
  mutable KeyFile key{o.key_file.empty() ? secret_path(o.store) : o.key_file};
  HttpServer http;
  // One writer at a time from here, many entries per commit; other processes (remind, done,
  // import, other servers on the store) wait for the store's write lock.
  GroupCommit writer{
      [this](const std::vector<engine::Completion>& batch) { return record_cached(batch); }};
  // Connections to the store (web/store_pool.hpp): 8 kept for the pages that read, and on
  // PostgreSQL 4 for the writes (group commit makes them one at a time).
  mutable StorePool readers{[this] {
                              return std::make_unique<engine::Store>(
                                  o.store, engine::Store::read_only, o.busy_timeout_ms);
                            },
                            8};
  mutable StorePool writers{
      [this] { return std::make_unique<engine::Store>(o.store, false, o.busy_timeout_ms); },
      kept_connections(o.store, 4)};
  // The tasks and the plans as of a date, until the store's change mark or the date changes;
  // what this server writes is taken into it (record_cached, record_plan).
  mutable SnapshotCache cache{[this] { return open_reader()->change_mark(); },
                              [this](dsl::Date date) {
                                engine::SnapshotOptions so;
                                so.plans = true;
                                so.incremental = true;
                                auto store = open_reader();
                                return engine::load_snapshot(ps(), roster, &*store, date, so);
                              },
                              [this](const engine::Snapshot& s) {
                                auto store = open_reader();
                                return engine::reload_plans(s, *store);
                              }};

  // Sessions found live in the store, so that a page need not open the store to know: the
  // store is asked again after kRecheck (another server on the store may have ended one);
  // this server's own sign-outs take effect at once.
  struct LiveSession {
    std::string person;
    std::int64_t expires_at = 0;
    std::chrono::steady_clock::time_point checked;
  };
  static constexpr std::chrono::seconds kRecheck{10};
  VerifiedSessions verified_sessions;  ///< the session cookies' HMACs, once per session
  mutable std::mutex live_mutex;
  mutable std::unordered_map<std::string, LiveSession> live;
  bool session_live(const std::string& id, const std::string& person, std::int64_t now) const;
  void forget_sessions(const std::string& id, const std::string& person) const;

  struct Session {
    Viewer viewer;
    std::string csrf;
    std::string id;  ///< its row in the session table
  };

  // The pages at work at once: twice the cores, at least 4 (web/turns.hpp).
  Turns pages_at_once{std::max<std::size_t>(2 * std::thread::hardware_concurrency(), 4)};
  /// `page` taking its turn on the cores (pages_at_once).
  httplib::Server::Handler paged(httplib::Server::Handler page) {
    return [this, page = std::move(page)](const httplib::Request& req, httplib::Response& res) {
      Turns::Held turn(pages_at_once);
      page(req, res);
    };
  }

  // The identity provider, when the options name one (sign-in beside the mailed links).
  std::unique_ptr<OidcClient> oidc;

  // The first roster row of each person by folded e-mail address, for the names in a task's
  // history (named_in).
  std::unordered_map<std::string, std::size_t> people_by_email;
  /// The people `history` names (done_by), in the roster's order: the task page looks each
  /// entry's person up in them instead of in every row of the roster.
  engine::Roster named_in(const std::vector<engine::Completion>& history) const;

  Impl(const dsl::RuleSet& r, const engine::Roster& ro, ServeOptions opts)
      : rules(r), roster(ro), o(std::move(opts)) {
    if (o.oidc) oidc = std::make_unique<OidcClient>(*o.oidc);
    for (std::size_t i = 0; i < roster.people.size(); ++i)
      people_by_email.try_emplace(dsl::fold(roster.people[i].email), i);
  }

  const std::vector<dsl::Process>& ps() const { return rules.processes; }
  /// The catalogue's text `K` in the server's language.
  template <Msg K>
  const char* t() const {
    return tr<K>(o.lang);
  }
  StorePool::Lease open_store() const { return writers.lease(); }
  /// The store for a page that only reads it: nothing written (engine::Store::read_only).
  StorePool::Lease open_reader() const { return readers.lease(); }

  // responses (server.cpp)
  void send(Response& res, int status, const Frame& f, std::string_view body) const;
  void refuse(Response& res, int status, const std::string& heading, const std::string& text,
              const Session* s = nullptr) const;
  /// A page saying that nothing was saved (503: the store; 500: anything else); `reason`
  /// goes to the log only.
  void failed(Response& res, int status, const char* reason) const;
  Frame frame(const std::string& title, const Session& s, const std::string& current) const;

  // sessions (server.cpp)
  std::optional<Session> session(const Request& req) const;
  std::optional<Session> require_session(const Request& req, Response& res) const;
  bool check_csrf(const Request& req, Response& res, const Session& s) const;
  void sign_in(const Request& req, Response& res) const;
  void sign_out(const Request& req, Response& res) const;
  void signed_in(Response& res, const std::string& token) const;
  /// Writes the entries of `batch` that keep within the limits per task and per person and
  /// day (counted in the store and in the batch); flags the others as refused. `written`
  /// gets the entries written and the store's change marks around them, and `before_commit`
  /// is called with it just before the commit (write_marked).
  std::vector<bool> record_limited(const std::vector<engine::Completion>& batch,
                                   SnapshotCache::Written& written,
                                   const SnapshotCache::BeforeCommit& before_commit) const;
  /// The entries of `batch` to write, in `store`'s open transaction: those within the limits
  /// (the others flagged in `refused`), less those whose submission key the store or the
  /// batch has already (a form sent again: not refused, not written).
  std::vector<engine::Completion> admitted(engine::Store& store,
                                           const std::vector<engine::Completion>& batch,
                                           std::vector<bool>& refused) const;
  /// record_limited, and the entries written taken into the cached snapshot.
  std::vector<bool> record_cached(const std::vector<engine::Completion>& batch);
  /// False, with the page that says why (429), when the person has made
  /// entries_per_person_per_day entries today or the item has `existing` >= entries_per_task.
  bool within_limits(Response& res, const Session& s, int existing) const;
  void too_many(Response& res, const Session& s) const;

  // sign-in with the identity provider (oidc_routes.cpp)
  /// The 401 page: how to sign in (the link, and the provider's button when there is one).
  void sign_in_page(Response& res) const;
  /// GET /oidc/login and the redirect URL's path, each wrapped by `guard` (as routes() does).
  using Handler = void (Impl::*)(const Request&, Response&) const;
  void oidc_routes(const std::function<httplib::Server::Handler(Handler)>& guard);
  void oidc_login(const Request& req, Response& res) const;
  void oidc_callback(const Request& req, Response& res) const;
  void oidc_session(Response& res, const nlohmann::json& claims, const std::string& secret,
                    std::int64_t now) const;
  void oidc_refused(Response& res, int status, const std::string& heading,
                    const std::string& text) const;
  std::string state_refusal(StateError e) const;
  std::string token_refusal(JwtError e) const;

  // pages (server.cpp)
  std::optional<engine::TaskRef> task_ref(const Request& req) const;
  /// Fills the task page for `ref` from `snap` (its tasks copied into `copies`), but for its
  /// history; false when it has no such task.
  bool task_view(const engine::TaskRef& ref, const engine::Snapshot& snap, TaskView& v,
                 std::deque<engine::Task>& copies) const;
  void overview(const Request& req, Response& res);
  // the overview's parts and the pages beside it (server_overview.cpp); `c.overview_mutex`
  // held for counts_of and wheel_of
  /// The process of `?process=` (the first when none or an unknown one is asked for).
  std::size_t process_asked(const Request& req) const;
  const StatusCounts& counts_of(CachedSnapshot& c) const;
  const OverviewWheel& wheel_of(CachedSnapshot& c, std::size_t process, dsl::Date date) const;
  void units(const Request& req, Response& res);
  void steps(const Request& req, Response& res);
  void my(const Request& req, Response& res);
  void show_my(const Request& req, Response& res, const Session& s, std::vector<std::string> errors,
               int status);
  void task(const Request& req, Response& res) const;
  void show_task(const Request& req, Response& res, const Session& s,
                 std::vector<std::string> errors, int status) const;
  void audit(const Request& req, Response& res) const;
  /// GET /healthz for a load balancer: 200 when the store answers and the rules are loaded,
  /// else 503; no session, a short text.
  void health(const Request& req, Response& res) const;
  void routes();

  // forms (server_forms.cpp)
  std::vector<std::string> texts_of(const std::vector<dsl::Diagnostic>& errors) const;
  bool near_today(int cycle) const;
  /// Whether an entry's date (when it says one) is after today.
  bool after_today(std::optional<dsl::Date> day) const;
  std::string cycle_refused() const;
  template <typename Form, typename Resolve, typename Existing>
  void record_plan(const Request& req, Response& res, const dsl::Process* p,
                   const std::vector<dsl::RoleRef>* roles, Form form, Resolve resolve,
                   Existing existing);
  void progress(const Request& req, Response& res);
  void measure(const Request& req, Response& res);
  void done(const Request& req, Response& res);

  // The evaluation made as the server starts listening, so that the first page finds it (or
  // waits only for the rest of it). Declared last: joined before anything it reads goes.
  std::jthread warm;
};

}  // namespace arshjul::web
