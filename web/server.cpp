#include "web/server.hpp"

#include <fmt/format.h>

#include <iostream>
#include <map>
#include <sstream>

#include "dsl/text.hpp"
#include "engine/audit.hpp"
#include "engine/audit_years.hpp"
#include "engine/plan.hpp"
#include "engine/sessions.hpp"
#include "engine/versions.hpp"
#include "present/audit.hpp"
#include "present/audit_years.hpp"
#include "web/page_parts.hpp"
#include "web/server_impl.hpp"
#include "web/task_link.hpp"
#include "web/token.hpp"

namespace arshjul::web {
namespace {

using httplib::Request;
using httplib::Response;

constexpr const char* kCookie = "arshjul";

/// The largest form body taken (a note of some pages); larger ones get the 413 page.
constexpr std::size_t kFormBytes = std::size_t{64} * 1024;

/// A POST handler that reads its form body itself: httplib's own reading of form bodies
/// stops at 8 KB (a constant compiled into Debian's library), below the 64 KB promised.
/// A larger body is refused with 413 (the error handler's page says why).
template <typename Handler>
httplib::Server::HandlerWithContentReader form(Handler handler) {
  return [handler](const Request& req, Response& res, const httplib::ContentReader& read) {
    std::string body;
    bool whole = read([&](const char* data, std::size_t n) {
      body.append(data, n);
      return body.size() <= kFormBytes;
    });
    if (!whole || body.size() > kFormBytes) {
      res.status = 413;  // the error handler's page; the rest of the body is never read
      res.set_header("Connection", "close");
      return;
    }
    Request with_form = req;
    if (req.get_header_value("Content-Type").rfind("application/x-www-form-urlencoded", 0) == 0)
      httplib::detail::parse_query_text(body, with_form.params);
    handler(with_form, res);
  };
}

/// The roles of an item that put it on someone's list (not `vid behov`).
std::vector<dsl::RoleRef> own(const std::vector<dsl::RoleRef>& roles) {
  std::vector<dsl::RoleRef> out;
  for (const auto& r : roles)
    if (!r.if_needed) out.push_back(r);
  return out;
}

/// `page` as the response's HTML body, moved in: what set_content does, without its copy.
void set_page(Response& res, std::string page) {
  res.body = std::move(page);
  res.headers.erase("Content-Type");
  res.set_header("Content-Type", "text/html; charset=utf-8");
}

}  // namespace

// --- responses ----------------------------------------------------------------------------

void Server::Impl::send(Response& res, int status, const Frame& f, std::string_view body) const {
  res.status = status;
  set_page(res, layout(f, body));
}
void Server::Impl::refuse(Response& res, int status, const std::string& heading,
                          const std::string& text, const Session* s) const {
  Frame f{heading, o.lang, s ? &s->viewer : nullptr, s ? s->csrf : "", ""};
  send(res, status, f, message_body(heading, text));
}
void Server::Impl::failed(Response& res, int status, const char* reason) const {
  // The reason, with the store's path and SQLite's words, is for the administrator's log;
  // a visitor learns only that it failed and that nothing was saved.
  std::cerr << "arshjul serve: " << reason << "\n";
  refuse(res, status, status == 503 ? t<Msg::store_unreachable>() : t<Msg::something_went_wrong>(),
         t<Msg::nothing_saved_see_log>());
}
Frame Server::Impl::frame(const std::string& title, const Session& s,
                          const std::string& current) const {
  return Frame{title, o.lang, &s.viewer, s.csrf, current};
}

// --- sessions ---------------------------------------------------------------------------

// A session is a signed token in the cookie (HMAC under the key beside the store, so a new
// key ends it) and a live row in the store's session table (so sign-out ends it).
std::optional<Server::Impl::Session> Server::Impl::session(const Request& req) const {
  std::string token = cookie(req, kCookie);
  auto secret = key.current();
  if (token.empty() || !secret) return std::nullopt;
  auto checked = verified_sessions.verify(*secret, token, o.now_seconds());
  if (!checked) return std::nullopt;
  const auto& v = checked->verified;
  auto viewer = viewers.find(v.subject);
  if (!viewer) return std::nullopt;  // removed from the roster since signing in
  if (!session_live(v.id, viewer->email, o.now_seconds())) return std::nullopt;
  return Session{std::move(*viewer), std::move(checked->csrf), v.id};
}

bool Server::Impl::session_live(const std::string& id, const std::string& person,
                                std::int64_t now) const {
  auto at = std::chrono::steady_clock::now();
  {
    std::lock_guard lock(live_mutex);
    auto it = live.find(id);
    if (it != live.end() && it->second.person == person && it->second.expires_at > now &&
        at - it->second.checked < kRecheck)
      return true;
  }
  auto store = open_reader();
  bool is_live = engine::SessionTable(store).live(id, person, now);
  std::lock_guard lock(live_mutex);
  if (!is_live) {
    live.erase(id);
    return false;
  }
  if (live.size() > 100000)  // a bound: the expired ones go first
    std::erase_if(live, [now](const auto& kv) { return kv.second.expires_at <= now; });
  live[id] = LiveSession{person, now + std::int64_t{o.session_hours} * 3600, at};
  return true;
}

void Server::Impl::forget_sessions(const std::string& id, const std::string& person) const {
  std::lock_guard lock(live_mutex);
  live.erase(id);
  if (!person.empty())
    std::erase_if(live, [&](const auto& kv) { return kv.second.person == person; });
}

/// The session, or a 401 page saying how to sign in.
std::optional<Server::Impl::Session> Server::Impl::require_session(const Request& req,
                                                                   Response& res) const {
  auto s = session(req);
  if (!s) sign_in_page(res);
  return s;
}

bool Server::Impl::check_csrf(const Request& req, Response& res, const Session& s) const {
  auto secret = key.current();
  if (secret &&
      verified_sessions.csrf_ok(*secret, cookie(req, kCookie), req.get_param_value("csrf")))
    return true;
  refuse(res, 403, t<Msg::form_refused>(), t<Msg::form_refused_csrf>(), &s);
  return false;
}

void Server::Impl::sign_in(const Request& req, Response& res) const {
  auto secret = key.current();
  std::int64_t now = o.now_seconds();
  Verified v;
  v.error = TokenError::bad_signature;
  if (secret) v = verify_token(*secret, TokenKind::link, req.get_param_value("t"), now);
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
  if (req.method == "HEAD") {  // a mail scanner's look: answered, not counted as a use
    res.status = 200;
    return;
  }
  std::int64_t expires = now + std::int64_t{o.session_hours} * 3600;
  std::string token = sign_token(*secret, TokenKind::session, viewer->email, expires, now);
  auto session = verify_token(*secret, TokenKind::session, token, now);
  // Not through the cache: a session row changes no task, nor the store's change mark.
  auto store = open_store();
  if (!engine::SessionTable(store).sign_in(v.id, v.issued_at, v.expires_at, session.id,
                                           viewer->email, now, expires, kLinkUses)) {
    refuse(res, 403, t<Msg::link_used_up>(), t<Msg::link_used_up_text>());
    return;
  }
  signed_in(res, token);
}

/// Sets the session cookie and sends the browser on to /my from this page, not by a
/// redirect: a link clicked in webmail is a navigation from another site, and a browser
/// does not send a SameSite=Strict cookie on a redirect that ends one. The refresh is a
/// navigation of this site's own, so the cookie goes with it.
void Server::Impl::signed_in(Response& res, const std::string& token) const {
  res.set_header("Set-Cookie", fmt::format("{}={}; Path=/; HttpOnly; SameSite=Strict; Max-Age={}{}",
                                           kCookie, token, std::int64_t{o.session_hours} * 3600,
                                           o.secure_cookie ? "; Secure" : ""));
  res.set_header("Refresh", "0; url=/my");
  Frame f{t<Msg::signed_in>(), o.lang, nullptr, "", ""};
  send(res, 200, f,
       message_body(t<Msg::signed_in>(), t<Msg::you_are_signed_in>()) +
           fmt::format("<p><a href=\"/my\">{}</a></p>\n", t<Msg::to_my_tasks>()));
}

void Server::Impl::sign_out(const Request& req, Response& res) const {
  auto s = require_session(req, res);
  if (!s || !check_csrf(req, res, *s)) return;
  bool everywhere = req.get_param_value("everywhere") == "1";
  auto store = open_store();
  engine::SessionTable table(store);
  if (everywhere)
    table.end_everywhere(s->viewer.email, o.now_seconds());
  else
    table.end(s->id, o.now_seconds());
  forget_sessions(s->id, everywhere ? s->viewer.email : "");
  res.set_header("Set-Cookie", fmt::format("{}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0{}",
                                           kCookie, o.secure_cookie ? "; Secure" : ""));
  refuse(res, 200, t<Msg::signed_out>(),
         everywhere ? t<Msg::you_are_signed_out_everywhere>() : t<Msg::you_are_signed_out>());
}

bool Server::Impl::within_limits(Response& res, const Session& s, int existing) const {
  auto store = open_store();
  std::string day = o.now_timestamp().substr(0, 10);
  if (existing < o.entries_per_task &&
      engine::EntryCounts(store).by_person_on(s.viewer.email, day) < o.entries_per_person_per_day)
    return true;
  too_many(res, s);
  return false;
}

void Server::Impl::too_many(Response& res, const Session& s) const {
  refuse(res, 429, t<Msg::too_many_entries>(),
         dsl::say<Msg::too_many_entries_text>(o.lang, o.entries_per_task,
                                              o.entries_per_person_per_day),
         &s);
}

// --- pages ------------------------------------------------------------------------------

std::optional<engine::TaskRef> Server::Impl::task_ref(const Request& req) const {
  auto id = task_id_of([&](const char* name) -> std::optional<std::string> {
    if (!req.has_param(name)) return std::nullopt;
    return req.get_param_value(name);
  });
  return id ? engine::find_task(*id, ps(), roster) : std::nullopt;
}

/// The task page reads the cached snapshot (the cycles around today, kept up to date entry by
/// entry): the task and those it waits for are copied into `copies`, so that the page is
/// written with the snapshot no longer held.
bool Server::Impl::task_view(const engine::TaskRef& ref, const engine::Snapshot& snap, TaskView& v,
                             std::deque<engine::Task>& copies) const {
  // The step as the cycle's rules in force have it (engine/versions.hpp).
  const int cycle = ref.id.cycle;
  auto version = engine::process_in_force(snap.processes(), ref.id.process, cycle);
  if (!version) return false;
  const auto& p = snap.processes()[*version];
  auto step = p.find_step(ref.id.step);
  if (!step) return false;
  const auto& unit = ref.id.unit;
  for (const auto* task : engine::tasks_of(snap, *version, cycle, *step))
    if (task->unit == unit && task->occurrence == ref.id.occurrence)
      v.task = &copies.emplace_back(*task);
  if (!v.task) return false;
  for (const auto& dep : p.steps[*step].deps)
    for (const auto* task : engine::tasks_of(snap, *version, cycle, dep.step))
      if (task->unit == unit || task->unit.empty())
        v.depends_on.push_back(&copies.emplace_back(*task));
  v.process = &p;
  v.roster = &roster;
  v.today = snap.date;
  return true;
}

engine::Roster Server::Impl::named_in(const std::vector<engine::Completion>& history) const {
  std::vector<std::size_t> rows;
  for (const auto& c : history)
    if (auto at = people_by_email.find(dsl::fold(c.done_by)); at != people_by_email.end())
      rows.push_back(at->second);
  std::sort(rows.begin(), rows.end());
  rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
  engine::Roster named;
  for (std::size_t i : rows) named.people.push_back(roster.people[i]);
  return named;
}

void Server::Impl::my(const Request& req, Response& res) {
  auto s = require_session(req, res);
  if (!s) return;
  show_my(req, res, *s, {}, 200);
}

void Server::Impl::show_my(const Request& req, Response& res, const Session& s,
                           std::vector<std::string> errors, int status) {
  dsl::Date date = o.today();
  auto reading = cache.current(date);
  const auto& snap = reading.snapshot();
  const auto& rules = snap.processes();  // each cycle by its rules in force
  // What the page shows is copied while the snapshot is held, and the page written after it:
  // a write waits only for the copies, not for pages being written.
  std::vector<engine::Task> tasks;
  for (const auto* t :
       my_tasks(s.viewer, rules, snap.urgent, &reading.cached().urgent_by_unit(roster)))
    tasks.push_back(*t);
  // The plan of each process's current cycle: the person's activities, and the values of
  // the tertials begun so far.
  std::vector<engine::ActivityLine> activities;
  std::vector<engine::MeasureLine> measures;
  for (const auto& f : snap.plans) {
    for (const auto& a : f.activities)
      if (holds_roles(s.viewer, *f.process, own(a.activity->roles), a.unit))
        activities.push_back(a);
    for (const auto& m : f.measures)
      if (holds_roles(s.viewer, *f.process, own(m.measure->roles), m.unit) &&
          std::chrono::sys_days(engine::tertial_window(*f.process, f.year, m.tertial).start) <=
              std::chrono::sys_days(date))
        measures.push_back(m);
  }
  // Made once per snapshot; its rules (and so these) stay while `reading` lives.
  const StepTexts& texts = reading.cached().step_texts(o.lang);
  reading.unlock();  // the rules stay: a write does not change them
  std::vector<const engine::Task*> mine;
  for (const auto& t : tasks) mine.push_back(&t);
  PlanView plan;
  for (const auto& a : activities) plan.activities.push_back(&a);
  for (const auto& m : measures) plan.measures.push_back(&m);
  plan.csrf = s.csrf;
  plan.submission = submission_key();
  plan.today = date;
  plan.errors = std::move(errors);
  if (!plan.errors.empty() && req.has_param("a")) {  // a refused activity form keeps its comment
    plan.refused_process = req.get_param_value("p");
    plan.refused_activity = req.get_param_value("a");
    plan.refused_unit = req.get_param_value("u");
    plan.refused_comment = req.get_param_value("comment");
  }
  plan.saved = req.has_param("saved") && plan.errors.empty();
  send(res, status, frame(t<Msg::my_tasks>(), s, "/my"),
       my_tasks_body(s.viewer, rules, mine, date, o.lang, &texts) + plan_body(plan, o.lang));
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
  std::deque<engine::Task> copies;  // the tasks the page shows, copied out of the snapshot
  Reading reading = cache.current(o.today());
  bool found = ref && task_view(*ref, reading.snapshot(), v, copies);
  const bool cached = found;  // its history kept with the cached snapshot
  reading.unlock();           // writers need not wait for this page (its rules stay)
  engine::Snapshot other;     // a cycle the cached snapshot has no tasks of: that cycle alone
  if (ref && !found) {
    engine::SnapshotOptions so;
    so.cycle = ref->id.cycle;
    so.process = ref->process;
    auto store = open_reader();
    other = engine::load_snapshot(ps(), roster, &*store, o.today(), so);
    found = task_view(*ref, other, v, copies);
  }
  if (!found) {
    refuse(res, 404, t<Msg::no_such_task>(), t<Msg::no_such_task_why>(), &s);
    return;
  }
  auto read = [&] {
    Turns::Away away;  // waiting for the store, not using a core
    return engine::EntryCounts(open_reader()).entries_at_mark(ref->id);
  };
  // Kept with the cached snapshot (on PostgreSQL each read of it is a round trip).
  v.history = cached ? reading.cached().history_or(ref->id, read) : read().first;
  engine::Roster named = named_in(v.history);
  v.roster = &named;
  const auto& p = *v.process;
  v.may_record = may_record(s.viewer, p, p.steps[v.task->step], ref->id.unit);
  v.csrf = s.csrf;
  if (v.may_record) v.submission = submission_key();
  v.errors = std::move(errors);
  if (!v.errors.empty()) v.note = req.get_param_value("note");  // a refused form keeps its note
  v.saved = req.has_param("saved") && v.errors.empty();
  send(res, status, frame(task_title(p, *v.task), s, ""), task_body(v, o.lang));
}

void Server::Impl::audit(const Request& req, Response& res) const {
  auto s = require_session(req, res);
  if (!s) return;
  dsl::Date date = o.today();
  int year = static_cast<int>(date.year());
  auto no_such_year = [&] {
    refuse(res, 400, t<Msg::no_such_year>(),
           dsl::say<Msg::year_range>(o.lang, dsl::kFirstYear, dsl::kLastYear), &*s);
  };
  if (req.has_param("year")) {
    auto asked = dsl::read_year(req.get_param_value("year"));
    if (!asked) return no_such_year();
    year = *asked;
  }
  auto range = dsl::read_years(req.get_param_value("years"));
  if (req.has_param("years") && !range) return no_such_year();
  auto store = open_reader();
  std::ostringstream page;
  if (range) {
    // The cycles side by side, as `arshjul audit --years` writes them.
    present::write_audit_years_html(
        page, engine::audit_years(ps(), roster, *store, range->first, range->second, date), ps(),
        date, o.lang);
  } else {
    // The cycle's rules in force, as `arshjul audit` reads them.
    auto rules = engine::rules_in_force(ps(), &*store, year, year);
    const auto& in_force = rules.processes();
    auto report = engine::audit(in_force, roster, year, date, store->load(year - 1, year + 1));
    auto plans = engine::follow_up(in_force, roster, engine::load_plan_records(*store, year, year),
                                   year, 3, date);
    present::AuditPageOptions page_options{req.has_param("all"),
                                           fmt::format("/audit?year={}&all=1", year)};
    present::write_audit_html(page, report, plans, in_force, o.lang, page_options);
  }
  // The audit's own self-contained page under the site header (its style sheet added to the
  // page's), with the cycles either side.
  std::string html = page.str();
  std::string top =
      site_header(frame(t<Msg::audit_word>(), *s, "/audit")) +
      fmt::format(
          "<nav class=\"years\" aria-label=\"{}\"><a href=\"/audit?year={}\">{}</a> · "
          "<a href=\"/audit?year={}\">{}</a></nav>\n",
          t<Msg::other_years>(), year - 1, year - 1, year + 1, year + 1);
  if (auto head = html.find("</head>"); head != std::string::npos)
    html.insert(head,
                fmt::format("<style>{}nav.years{{padding:.3em 1em}}</style>", site_header_style()));
  if (auto body = html.find("<body"); body != std::string::npos)
    html.insert(html.find('>', body) + 1, top);
  res.set_content(html, "text/html; charset=utf-8");
}

// Asked every few seconds by each load balancer: one query on a kept connection, no session,
// nothing rendered. A connection that fails is closed (the lease ends by the exception) and
// the next check opens a new one, so a store that comes back is seen at the next check.
void Server::Impl::health(const Request&, Response& res) const {
  std::string text;
  try {
    auto mark = open_reader()->change_mark();
    if (ps().empty()) {
      res.status = 503;
      text = t<Msg::health_no_rules>();
    } else {
      res.status = 200;
      text = dsl::say<Msg::health_ok>(o.lang, ps().size(), mark);
    }
  } catch (const engine::StoreError& e) {
    std::cerr << "arshjul serve: /healthz: " << e.what() << "\n";
    res.status = 503;
    text = t<Msg::health_store_unreachable>();
  }
  res.set_content(text, "text/plain; charset=utf-8");
}

void Server::Impl::routes() {
  auto guarded = [this](auto handler) {
    return [this, handler](const Request& req, Response& res) {
      try {
        (this->*handler)(req, res);
      } catch (const engine::StoreError& e) {
        failed(res, 503, e.what());
      }
    };
  };
  // Anything else a handler throws: logged, and a page that says nothing about it (httplib's
  // default would put the exception's text in a response header).
  http.set_exception_handler([this](const Request&, Response& res, std::exception_ptr ep) {
    try {
      std::rethrow_exception(ep);
    } catch (const std::exception& e) {
      failed(res, 500, e.what());
    } catch (...) {
      failed(res, 500, "unknown exception");
    }
  });
  http.Get("/signin", guarded(&Impl::sign_in));
  if (oidc) oidc_routes(guarded);
  http.Post("/signout", form(guarded(&Impl::sign_out)));
  http.Get("/", paged(guarded(&Impl::overview)));
  http.Get("/my", paged(guarded(&Impl::my)));
  http.Get("/enheter", paged(guarded(&Impl::units)));
  http.Get("/steg", paged(guarded(&Impl::steps)));
  http.Get("/task", paged(guarded(&Impl::task)));
  http.Post("/done", form(guarded(&Impl::done)));
  http.Post("/progress", form(guarded(&Impl::progress)));
  http.Post("/measure", form(guarded(&Impl::measure)));
  http.Get("/audit", paged(guarded(&Impl::audit)));
  http.Get("/healthz", [this](const Request& req, Response& res) { health(req, res); });
  http.set_error_handler([this](const Request& req, Response& res) {
    if (!res.body.empty()) return;
    // The site header as on every page: with the navigation when signed in.
    std::optional<Session> s;
    try {
      s = session(req);
    } catch (const engine::StoreError&) {
    }
    if (res.status == 413) {
      refuse(res, 413, t<Msg::form_too_large>(),
             dsl::say<Msg::form_too_large_text>(o.lang, kFormBytes / 1024), s ? &*s : nullptr);
      return;
    }
    Frame f{t<Msg::not_found>(), o.lang, s ? &s->viewer : nullptr, s ? s->csrf : "", ""};
    set_page(res, layout(f, message_body(t<Msg::no_such_page>(), std::to_string(res.status))));
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
  http.set_payload_max_length(kFormBytes);
  ConnectionLimits limits;
  limits.per_client = o.per_client;
  http.set_limits(limits);
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
  impl_->http.log_slower_than(impl_->o.log_slower_than_ms, impl_->o.lang);
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
  impl_->warm = std::jthread([impl = impl_.get()] {
    try {
      impl->cache.current(impl->o.today());
    } catch (...) {  // said by the first page, which meets it again
    }
  });
  return impl_->http.listen_after_bind();
}

void Server::stop() {
  impl_->http.stop();
}

}  // namespace arshjul::web
