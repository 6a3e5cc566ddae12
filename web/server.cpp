#include "web/server.hpp"

#include <fmt/format.h>

#include <sstream>

#include "dsl/text.hpp"
#include "engine/audit.hpp"
#include "engine/plan.hpp"
#include "present/audit.hpp"
#include "web/server_impl.hpp"
#include "web/task_link.hpp"
#include "web/token.hpp"

namespace arshjul::web {
namespace {

using httplib::Request;
using httplib::Response;

constexpr const char* kCookie = "arshjul";

std::string cookie(const Request& req, const std::string& name) {
  std::string all = req.get_header_value("Cookie");
  std::size_t at = 0;
  while (at < all.size()) {
    auto end = all.find(';', at);
    if (end == std::string::npos) end = all.size();
    auto part = all.substr(at, end - at);
    part.erase(0, part.find_first_not_of(' '));
    if (part.rfind(name + "=", 0) == 0) return part.substr(name.size() + 1);
    at = end + 1;
  }
  return {};
}

std::optional<int> to_int(const std::string& s) {
  try {
    std::size_t used = 0;
    int v = std::stoi(s, &used);
    if (used == s.size()) return v;
  } catch (const std::exception&) {
  }
  return std::nullopt;
}

/// The roles of an item that put it on someone's list (not `vid behov`).
std::vector<dsl::RoleRef> own(const std::vector<dsl::RoleRef>& roles) {
  std::vector<dsl::RoleRef> out;
  for (const auto& r : roles)
    if (!r.if_needed) out.push_back(r);
  return out;
}

}  // namespace

// --- responses ----------------------------------------------------------------------------

void Server::Impl::send(Response& res, int status, const Frame& f, const std::string& body) const {
  res.status = status;
  res.set_content(layout(f, body), "text/html; charset=utf-8");
}
void Server::Impl::refuse(Response& res, int status, const std::string& heading,
                          const std::string& text, const Session* s) const {
  Frame f{heading, o.lang, s ? &s->viewer : nullptr, s ? s->csrf : "", ""};
  send(res, status, f, message_body(heading, text));
}
Frame Server::Impl::frame(const std::string& title, const Session& s,
                          const std::string& current) const {
  return Frame{title, o.lang, &s.viewer, s.csrf, current};
}

// --- sessions ---------------------------------------------------------------------------

std::optional<Server::Impl::Session> Server::Impl::session(const Request& req) const {
  std::string token = cookie(req, kCookie);
  if (token.empty()) return std::nullopt;
  auto v = verify_token(o.secret, TokenKind::session, token, o.now_seconds());
  if (!v) return std::nullopt;
  auto viewer = find_viewer(roster, v.subject, o.owner_roles);
  if (!viewer) return std::nullopt;  // removed from the roster since signing in
  return Session{std::move(*viewer), csrf_for(o.secret, token)};
}

/// The session, or a 401 page saying how to sign in.
std::optional<Server::Impl::Session> Server::Impl::require_session(const Request& req,
                                                                   Response& res) const {
  auto s = session(req);
  if (!s) refuse(res, 401, t<Msg::sign_in>(), t<Msg::sign_in_how>());
  return s;
}

bool Server::Impl::check_csrf(const Request& req, Response& res, const Session& s) const {
  if (csrf_ok(o.secret, cookie(req, kCookie), req.get_param_value("csrf"))) return true;
  refuse(res, 403, t<Msg::form_refused>(), t<Msg::form_refused_csrf>(), &s);
  return false;
}

void Server::Impl::sign_in(const Request& req, Response& res) const {
  auto v = verify_token(o.secret, TokenKind::link, req.get_param_value("t"), o.now_seconds());
  if (!v) {
    bool expired = v.error == TokenError::expired;
    refuse(res, 403, expired ? t<Msg::link_expired>() : t<Msg::invalid_link>(),
           expired ? t<Msg::link_expired_how>() : t<Msg::link_invalid_how>());
    return;
  }
  auto viewer = find_viewer(roster, v.subject, o.owner_roles);
  if (!viewer) {
    refuse(res, 403, t<Msg::unknown_person>(), t<Msg::unknown_person_why>());
    return;
  }
  std::int64_t seconds = std::int64_t{o.session_hours} * 3600;
  std::string token =
      sign_token(o.secret, TokenKind::session, viewer->email, o.now_seconds() + seconds);
  res.set_header("Set-Cookie",
                 fmt::format("{}={}; Path=/; HttpOnly; SameSite=Strict; Max-Age={}{}", kCookie,
                             token, seconds, o.secure_cookie ? "; Secure" : ""));
  res.set_redirect("/my", 303);
}

void Server::Impl::sign_out(const Request& req, Response& res) const {
  auto s = require_session(req, res);
  if (!s || !check_csrf(req, res, *s)) return;
  res.set_header("Set-Cookie", fmt::format("{}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0{}",
                                           kCookie, o.secure_cookie ? "; Secure" : ""));
  refuse(res, 200, t<Msg::signed_out>(), t<Msg::you_are_signed_out>());
}

// --- pages ------------------------------------------------------------------------------

std::optional<engine::TaskRef> Server::Impl::task_ref(const Request& req) const {
  auto id = task_id_of([&](const char* name) -> std::optional<std::string> {
    if (!req.has_param(name)) return std::nullopt;
    return req.get_param_value(name);
  });
  return id ? engine::find_task(*id, ps(), roster) : std::nullopt;
}

/// Fills the task page for `ref` from the store, as of `date`; false when the cycle has
/// no such task (an occurrence or a year the step does not run).
bool Server::Impl::task_view(const engine::TaskRef& ref, dsl::Date date, TaskView& v,
                             engine::Snapshot& snap) const {
  const auto& p = ps()[ref.process];
  const auto& s = p.steps[ref.step];
  engine::SnapshotOptions so;
  so.cycle = ref.id.cycle;
  so.process = ref.process;
  so.history_of = ref.id;
  auto store = open_store();
  snap = engine::load_snapshot(ps(), roster, &store, date, so);
  v.history = std::move(snap.history);
  const auto& unit = ref.id.unit;
  for (const auto& task : snap.tasks)
    if (task.step == ref.step && task.unit == unit && task.occurrence == ref.id.occurrence)
      v.task = &task;
  if (!v.task) return false;
  for (const auto& dep : s.deps)
    for (const auto& task : snap.tasks)
      if (task.step == dep.step && (task.unit == unit || task.unit.empty()))
        v.depends_on.push_back(&task);
  v.process = &p;
  v.roster = &roster;
  v.today = date;
  return true;
}

void Server::Impl::overview(const Request& req, Response& res) {
  auto s = require_session(req, res);
  if (!s) return;
  dsl::Date date = o.today();
  std::size_t process = 0;
  auto wanted = dsl::fold(req.get_param_value("process"));
  for (std::size_t i = 0; i < ps().size(); ++i)
    if (dsl::fold(ps()[i].id) == wanted) process = i;
  auto snap = cache.current(date);
  std::string body;
  {
    // Rendered once per state of the store: the overview is what everyone opens.
    std::lock_guard lock(snap->overview_mutex);
    auto& cached = snap->overview[process];
    if (cached.empty()) cached = overview_body(ps(), snap->snapshot.tasks, process, date, o.lang);
    body = cached;
  }
  send(res, 200, frame(t<Msg::overview>(), *s, "/"), body);
}

void Server::Impl::my(const Request& req, Response& res) {
  auto s = require_session(req, res);
  if (!s) return;
  show_my(req, res, *s, {}, 200);
}

void Server::Impl::show_my(const Request& req, Response& res, const Session& s,
                           std::vector<std::string> errors, int status) {
  dsl::Date date = o.today();
  auto snap = cache.current(date);
  auto mine = my_tasks(s.viewer, ps(), snap->snapshot.urgent);
  // The plan of each process's current cycle: the person's activities, and the values of
  // the tertials begun so far.
  PlanView plan;
  for (const auto& f : snap->snapshot.plans) {
    for (const auto& a : f.activities)
      if (holds_roles(s.viewer, *f.process, own(a.activity->roles), a.unit))
        plan.activities.push_back(&a);
    for (const auto& m : f.measures)
      if (holds_roles(s.viewer, *f.process, own(m.measure->roles), m.unit) &&
          std::chrono::sys_days(engine::tertial_window(*f.process, f.year, m.tertial).start) <=
              std::chrono::sys_days(date))
        plan.measures.push_back(&m);
  }
  plan.csrf = s.csrf;
  plan.today = date;
  plan.errors = std::move(errors);
  plan.saved = req.has_param("saved") && plan.errors.empty();
  send(res, status, frame(t<Msg::my_tasks>(), s, "/my"),
       my_tasks_body(s.viewer, ps(), mine, date, o.lang) + plan_body(plan, o.lang));
}

void Server::Impl::task(const Request& req, Response& res) const {
  auto s = require_session(req, res);
  if (!s) return;
  show_task(req, res, *s, {}, 200);
}

void Server::Impl::show_task(const Request& req, Response& res, const Session& s,
                             std::vector<std::string> errors, int status) const {
  auto ref = task_ref(req);
  TaskView v;
  engine::Snapshot snap;
  if (!ref || !task_view(*ref, o.today(), v, snap)) {
    refuse(res, 404, t<Msg::no_such_task>(), t<Msg::no_such_task_why>(), &s);
    return;
  }
  const auto& p = ps()[ref->process];
  v.may_record = may_record(s.viewer, p, p.steps[ref->step], ref->id.unit);
  v.csrf = s.csrf;
  v.errors = std::move(errors);
  v.saved = req.has_param("saved") && v.errors.empty();
  send(res, status, frame(p.steps[ref->step].id, s, ""), task_body(v, o.lang));
}

void Server::Impl::audit(const Request& req, Response& res) const {
  auto s = require_session(req, res);
  if (!s) return;
  dsl::Date date = o.today();
  int year = to_int(req.get_param_value("year")).value_or(static_cast<int>(date.year()));
  auto store = open_store();
  auto report = engine::audit(ps(), roster, year, date, store.load(year, year));
  auto plans =
      engine::follow_up(ps(), roster, engine::load_plan_records(store, year, year), year, 3, date);
  std::ostringstream page;
  present::write_audit_html(page, report, plans, ps(), o.lang);
  // The audit's own self-contained page, with a way back and to the cycles either side.
  std::string html = page.str();
  std::string nav = fmt::format(
      "<nav><a href=\"/my\">{}</a> · <a href=\"/\">{}</a> · <a href=\"/audit?year={}\">{}</a> · "
      "<a href=\"/audit?year={}\">{}</a></nav>\n",
      t<Msg::my_tasks>(), t<Msg::overview>(), year - 1, year - 1, year + 1, year + 1);
  auto body = html.find("<body>");
  if (body != std::string::npos) html.insert(body + 6, nav);
  res.set_content(html, "text/html; charset=utf-8");
}

void Server::Impl::routes() {
  auto guarded = [this](auto handler) {
    return [this, handler](const Request& req, Response& res) {
      try {
        (this->*handler)(req, res);
      } catch (const engine::StoreError& e) {
        refuse(res, 503, t<Msg::store_unreachable>(), e.text(o.lang));
      }
    };
  };
  http.Get("/signin", guarded(&Impl::sign_in));
  http.Post("/signout", guarded(&Impl::sign_out));
  http.Get("/", guarded(&Impl::overview));
  http.Get("/my", guarded(&Impl::my));
  http.Get("/task", guarded(&Impl::task));
  http.Post("/done", guarded(&Impl::done));
  http.Post("/progress", guarded(&Impl::progress));
  http.Post("/measure", guarded(&Impl::measure));
  http.Get("/audit", guarded(&Impl::audit));
  http.set_error_handler([this](const Request&, Response& res) {
    if (!res.body.empty()) return;
    Frame f{t<Msg::not_found>(), o.lang, nullptr, "", ""};
    res.set_content(layout(f, message_body(t<Msg::no_such_page>(), std::to_string(res.status))),
                    "text/html; charset=utf-8");
  });
  // Nothing from elsewhere, no framing, no scripts: the pages need none of it, and a text
  // that slipped through escaping still could not run.
  http.set_post_routing_handler([](const Request&, Response& res) {
    res.set_header(
        "Content-Security-Policy",
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'self'; "
        "frame-ancestors 'none'; base-uri 'none'");
    res.set_header("X-Content-Type-Options", "nosniff");
    res.set_header("Referrer-Policy", "no-referrer");
    res.set_header("Cache-Control", "no-store");
  });
  http.set_payload_max_length(64 * 1024);
  // Replies go out whole at once: without this, Nagle's algorithm and delayed ACKs hold a
  // page's last segment for 40 ms. Connections are kept for many requests, not 5.
  http.set_tcp_nodelay(true);
  // A second server on the same port must fail to start, not share it: httplib's default
  // options add SO_REUSEPORT, with which the kernel splits connections between the two.
  http.set_socket_options([](socket_t sock) {
    int yes = 1;
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
  });
  http.set_keep_alive_max_count(1000);
  http.new_task_queue = [n = o.threads] {
    return new httplib::ThreadPool(static_cast<std::size_t>(n));
  };
}
Server::Server(const dsl::RuleSet& rules, const engine::Roster& roster, ServeOptions options)
    : impl_(std::make_unique<Impl>(rules, roster, std::move(options))) {
  engine::Store(impl_->o.store);  // created and migrated once, before any request
  impl_->routes();
}

Server::~Server() = default;

int Server::bind(const std::string& host, int port) {
  int bound = port == 0                              ? impl_->http.bind_to_any_port(host)
              : impl_->http.bind_to_port(host, port) ? port
                                                     : -1;
  if (bound > 0) impl_->http.widen_backlog();
  return bound;
}

bool Server::run() {
  return impl_->http.listen_after_bind();
}

void Server::stop() {
  impl_->http.stop();
}

}  // namespace arshjul::web
