#pragma once
// The web server's state and handlers, shared by its source files: server.cpp (sessions,
// pages, routes) and server_forms.cpp (the forms that record).
#include <httplib.h>
#include <sys/socket.h>

#include <optional>
#include <string>
#include <vector>

#include "engine/snapshot.hpp"
#include "engine/store.hpp"
#include "engine/task_id.hpp"
#include "web/access.hpp"
#include "web/group_commit.hpp"
#include "web/pages.hpp"
#include "web/server.hpp"
#include "web/snapshot_cache.hpp"

namespace arshjul::web {

/// Debian's cpp-httplib is built with a listen backlog of 5: under a hundred clients
/// (re)connecting at once the kernel drops SYNs and each retry costs a second. Listening
/// again on the bound socket widens the queue (Linux allows it); the socket is only
/// reachable from a subclass.
class HttpServer : public httplib::Server {
 public:
  void widen_backlog() { ::listen(svr_sock_, SOMAXCONN); }
};

struct Server::Impl {
  using Request = httplib::Request;
  using Response = httplib::Response;

  const dsl::RuleSet& rules;
  const engine::Roster& roster;
  ServeOptions o;
  HttpServer http;
  // One writer at a time from here, many entries per commit; other processes (remind, done,
  // import) wait for SQLite's lock up to busy_timeout_ms.
  GroupCommit writer{
      [this](const std::vector<engine::Completion>& batch) { open_store().record(batch); }};
  // The tasks and the plans as of a date, until the store or the date changes.
  SnapshotCache cache{o.store, [this](dsl::Date date) {
                        engine::SnapshotOptions so;
                        so.plans = true;
                        auto store = open_store();
                        return engine::load_snapshot(ps(), roster, &store, date, so);
                      }};

  struct Session {
    Viewer viewer;
    std::string csrf;
  };

  Impl(const dsl::RuleSet& r, const engine::Roster& ro, ServeOptions opts)
      : rules(r), roster(ro), o(std::move(opts)) {}

  const std::vector<dsl::Process>& ps() const { return rules.processes; }
  /// The catalogue's text `K` in the server's language.
  template <Msg K>
  const char* t() const {
    return tr<K>(o.lang);
  }
  engine::Store open_store() const { return engine::Store(o.store, false, o.busy_timeout_ms); }

  // responses (server.cpp)
  void send(Response& res, int status, const Frame& f, const std::string& body) const;
  void refuse(Response& res, int status, const std::string& heading, const std::string& text,
              const Session* s = nullptr) const;
  Frame frame(const std::string& title, const Session& s, const std::string& current) const;

  // sessions (server.cpp)
  std::optional<Session> session(const Request& req) const;
  std::optional<Session> require_session(const Request& req, Response& res) const;
  bool check_csrf(const Request& req, Response& res, const Session& s) const;
  void sign_in(const Request& req, Response& res) const;
  void sign_out(const Request& req, Response& res) const;

  // pages (server.cpp)
  std::optional<engine::TaskRef> task_ref(const Request& req) const;
  bool task_view(const engine::TaskRef& ref, dsl::Date date, TaskView& v,
                 engine::Snapshot& snap) const;
  void overview(const Request& req, Response& res);
  void my(const Request& req, Response& res);
  void show_my(const Request& req, Response& res, const Session& s, std::vector<std::string> errors,
               int status);
  void task(const Request& req, Response& res) const;
  void show_task(const Request& req, Response& res, const Session& s,
                 std::vector<std::string> errors, int status) const;
  void audit(const Request& req, Response& res) const;
  void routes();

  // forms (server_forms.cpp)
  std::vector<std::string> texts_of(const std::vector<dsl::Diagnostic>& errors) const;
  template <typename Form, typename Resolve>
  void record_plan(const Request& req, Response& res, const dsl::Process* p,
                   const std::vector<dsl::RoleRef>* roles, Form form, Resolve resolve);
  void progress(const Request& req, Response& res);
  void measure(const Request& req, Response& res);
  void done(const Request& req, Response& res);
};

}  // namespace arshjul::web
