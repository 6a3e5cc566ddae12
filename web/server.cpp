#include "web/server.hpp"

#include <fmt/format.h>
#include <httplib.h>
#include <sys/socket.h>
#include <sys/stat.h>

#include <map>
#include <mutex>
#include <sstream>

#include "dsl/text.hpp"
#include "engine/audit.hpp"
#include "engine/engine.hpp"
#include "engine/plan.hpp"
#include "engine/records.hpp"
#include "engine/store.hpp"
#include "present/audit.hpp"
#include "web/access.hpp"
#include "web/group_commit.hpp"
#include "web/pages.hpp"
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

// What a reader of the store would see, as the file system tells it: every commit grows or
// touches the WAL file, every checkpoint the main file. Comparing these is far cheaper than
// evaluating every task again, and a writer outside the server (`done`, `import`) is seen too.
std::string store_stamp(const std::string& path) {
  std::string stamp;
  for (const auto& p : {path, path + "-wal"}) {
    struct stat st {};
    if (stat(p.c_str(), &st) == 0)
      stamp += fmt::format("{}.{}:{};", st.st_mtim.tv_sec, st.st_mtim.tv_nsec, st.st_size);
    else
      stamp += "-;";
  }
  return stamp;
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

/// The task a request names (p, c, s, u, n), resolved against the rules and the roster.
struct TaskRef {
  std::size_t process = 0, step = 0;
  int cycle = 0, occurrence = 1;
  std::string unit;  ///< as the roster spells it; empty for single-instance steps
};

/// Debian's cpp-httplib is built with a listen backlog of 5: under a hundred clients
/// (re)connecting at once the kernel drops SYNs and each retry costs a second. Listening
/// again on the bound socket widens the queue (Linux allows it); the socket is only
/// reachable from a subclass.
class HttpServer : public httplib::Server {
 public:
  void widen_backlog() { ::listen(svr_sock_, SOMAXCONN); }
};

}  // namespace

struct Server::Impl {
  const dsl::RuleSet& rules;
  const engine::Roster& roster;
  ServeOptions o;
  HttpServer http;
  // One writer at a time from here, many entries per commit; other processes (remind, done,
  // import) wait for SQLite's lock up to busy_timeout_ms.
  GroupCommit writer{
      [this](const std::vector<engine::Completion>& batch) { open_store().record(batch); }};

  /// The tasks as of a date for one state of the store, shared by the overview and "my
  /// tasks" until the store or the date changes.
  struct Snapshot {
    std::string key;
    std::unique_ptr<engine::Records> records;
    std::vector<engine::Task> tasks;
    std::mutex overview_mutex;
    std::map<std::size_t, std::string> overview;  // rendered body per process
  };
  std::mutex snapshot_mutex, build_mutex;
  std::shared_ptr<Snapshot> snapshot;

  struct Session {
    Viewer viewer;
    std::string csrf;
  };

  Impl(const dsl::RuleSet& r, const engine::Roster& ro, ServeOptions opts)
      : rules(r), roster(ro), o(std::move(opts)) {}

  const std::vector<dsl::Process>& ps() const { return rules.processes; }
  const char* t(const char* sv, const char* en) const { return tr(o.lang, sv, en); }

  // --- responses -------------------------------------------------------------------------

  void send(Response& res, int status, const Frame& f, const std::string& body) const {
    res.status = status;
    res.set_content(layout(f, body), "text/html; charset=utf-8");
  }
  void refuse(Response& res, int status, const std::string& heading, const std::string& text,
              const Session* s = nullptr) const {
    Frame f{heading, o.lang, s ? &s->viewer : nullptr, s ? s->csrf : "", ""};
    send(res, status, f, message_body(heading, text));
  }
  Frame frame(const std::string& title, const Session& s, const std::string& current) const {
    return Frame{title, o.lang, &s.viewer, s.csrf, current};
  }

  // --- sessions --------------------------------------------------------------------------

  std::optional<Session> session(const Request& req) const {
    std::string token = cookie(req, kCookie);
    if (token.empty()) return std::nullopt;
    auto v = verify_token(o.secret, TokenKind::session, token, o.now_seconds());
    if (!v) return std::nullopt;
    auto viewer = find_viewer(roster, v.subject, o.owner_roles);
    if (!viewer) return std::nullopt;  // removed from the roster since signing in
    return Session{std::move(*viewer), csrf_for(o.secret, token)};
  }

  /// The session, or a 401 page saying how to sign in.
  std::optional<Session> require_session(const Request& req, Response& res) const {
    auto s = session(req);
    if (!s)
      refuse(res, 401, t("Logga in", "Sign in"),
             t("Öppna din personliga länk från påminnelsemejlet, eller be administratören om en ny "
               "(arshjul token).",
               "Open your personal link from the reminder e-mail, or ask the administrator for a "
               "new one (arshjul token)."));
    return s;
  }

  // --- the store -------------------------------------------------------------------------

  engine::Store open_store() const { return engine::Store(o.store, false, o.busy_timeout_ms); }

  std::shared_ptr<Snapshot> current(dsl::Date date) {
    auto fresh = [&](const std::string& key) {
      std::lock_guard lock(snapshot_mutex);
      return snapshot && snapshot->key == key ? snapshot : nullptr;
    };
    // The stamp is read before the store: an entry committed in between makes the next
    // request build again, so a snapshot is never older than its key says.
    std::string key = dsl::iso(date) + "|" + store_stamp(o.store);
    if (auto s = fresh(key)) return s;
    // One build at a time: after a write, a hundred readers wait for one evaluation instead
    // of each running their own.
    std::lock_guard build(build_mutex);
    key = dsl::iso(date) + "|" + store_stamp(o.store);
    if (auto s = fresh(key)) return s;
    auto s = std::make_shared<Snapshot>();
    s->key = key;
    s->records = std::make_unique<engine::Records>(ps(), roster);
    auto [first, last] = engine::open_cycles(ps(), date);
    open_store().for_each(
        first, last, [&](const engine::Completion& c) { s->records->add(c); },
        engine::Store::Order::by_task);
    s->tasks = engine::evaluate(ps(), roster, *s->records, date, {});
    std::lock_guard lock(snapshot_mutex);
    snapshot = s;
    return s;
  }

  std::optional<TaskRef> task_ref(const Request& req) const {
    TaskRef r;
    auto pid = dsl::fold(req.get_param_value("p"));
    auto p = std::find_if(ps().begin(), ps().end(),
                          [&](const dsl::Process& x) { return dsl::fold(x.id) == pid; });
    if (p == ps().end()) return std::nullopt;
    r.process = static_cast<std::size_t>(p - ps().begin());
    auto step = p->find_step(req.get_param_value("s"));
    auto cycle = to_int(req.get_param_value("c"));
    auto occurrence = to_int(req.has_param("n") ? req.get_param_value("n") : "1");
    if (!step || !cycle || !occurrence) return std::nullopt;
    r.step = *step, r.cycle = *cycle, r.occurrence = *occurrence;
    if (p->per_unit(p->steps[r.step])) {
      auto unit = roster.find_unit(req.get_param_value("u"));
      if (!unit) return std::nullopt;
      r.unit = *unit;
    }
    return r;
  }

  /// Fills the task page for `ref` from the store, as of `date`; false when the cycle has
  /// no such task (an occurrence or a year the step does not run).
  bool task_view(const TaskRef& ref, dsl::Date date, TaskView& v,
                 std::vector<engine::Task>& tasks) const {
    const auto& p = ps()[ref.process];
    const auto& s = p.steps[ref.step];
    engine::Records records(ps(), roster);
    // The cycle before too: a step may wait for one done last cycle.
    open_store().for_each(ref.cycle - 1, ref.cycle, [&](const engine::Completion& c) {
      records.add(c);
      if (c.cycle == ref.cycle && c.occurrence == ref.occurrence &&
          dsl::fold(c.process) == dsl::fold(p.id) && dsl::fold(c.step) == dsl::fold(s.id) &&
          dsl::fold(c.unit) == dsl::fold(ref.unit))
        v.history.push_back(c);
    });
    tasks = engine::evaluate_cycle(ps(), ref.process, ref.cycle, roster, records, date, {});
    for (const auto& task : tasks)
      if (task.step == ref.step && task.unit == ref.unit && task.occurrence == ref.occurrence)
        v.task = &task;
    if (!v.task) return false;
    for (const auto& dep : s.deps)
      for (const auto& task : tasks)
        if (task.step == dep.step && (task.unit == ref.unit || task.unit.empty()))
          v.depends_on.push_back(&task);
    v.process = &p;
    v.roster = &roster;
    v.today = date;
    return true;
  }

  // --- routes ----------------------------------------------------------------------------

  void sign_in(const Request& req, Response& res) const {
    auto v = verify_token(o.secret, TokenKind::link, req.get_param_value("t"), o.now_seconds());
    if (!v) {
      bool expired = v.error == TokenError::expired;
      refuse(res, 403,
             expired ? t("Länken har gått ut", "The link has expired")
                     : t("Ogiltig länk", "Invalid link"),
             expired
                 ? t("Du får en ny länk i nästa påminnelse, eller be administratören om en.",
                     "You get a new link with the next reminder, or ask the administrator for one.")
                 : t("Länken går inte att använda. Kopiera hela länken från mejlet, eller be "
                     "administratören om en ny.",
                     "This link cannot be used. Copy the whole link from the e-mail, or ask the "
                     "administrator for a new one."));
      return;
    }
    auto viewer = find_viewer(roster, v.subject, o.owner_roles);
    if (!viewer) {
      refuse(res, 403, t("Okänd person", "Unknown person"),
             t("Adressen i länken finns inte i enhetslistan.",
               "The address in the link is not in the roster."));
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

  void sign_out(const Request& req, Response& res) const {
    auto s = require_session(req, res);
    if (!s || !check_csrf(req, res, *s)) return;
    res.set_header("Set-Cookie", fmt::format("{}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0{}",
                                             kCookie, o.secure_cookie ? "; Secure" : ""));
    refuse(res, 200, t("Utloggad", "Signed out"), t("Du är utloggad.", "You are signed out."));
  }

  bool check_csrf(const Request& req, Response& res, const Session& s) const {
    if (csrf_ok(o.secret, cookie(req, kCookie), req.get_param_value("csrf"))) return true;
    refuse(res, 403, t("Formuläret gick inte att ta emot", "The form was refused"),
           t("Formuläret saknar eller har fel kontrollkod (CSRF). Ladda om sidan och försök igen.",
             "The form's check code (CSRF) is missing or wrong. Reload the page and try again."),
           &s);
    return false;
  }

  void overview(const Request& req, Response& res) {
    auto s = require_session(req, res);
    if (!s) return;
    dsl::Date date = o.today();
    std::size_t process = 0;
    auto wanted = dsl::fold(req.get_param_value("process"));
    for (std::size_t i = 0; i < ps().size(); ++i)
      if (dsl::fold(ps()[i].id) == wanted) process = i;
    auto snap = current(date);
    std::string body;
    {
      // Rendered once per state of the store: the overview is what everyone opens.
      std::lock_guard lock(snap->overview_mutex);
      auto& cached = snap->overview[process];
      if (cached.empty()) cached = overview_body(ps(), snap->tasks, process, date, o.lang);
      body = cached;
    }
    send(res, 200, frame(t("Översikt", "Overview"), *s, "/"), body);
  }

  void my(const Request& req, Response& res) {
    auto s = require_session(req, res);
    if (!s) return;
    show_my(req, res, *s, {}, 200);
  }

  void show_my(const Request& req, Response& res, const Session& s, std::vector<std::string> errors,
               int status) {
    dsl::Date date = o.today();
    auto snap = current(date);
    auto mine = my_tasks(s.viewer, ps(), snap->tasks);
    // The plan of each process's current cycle: the person's activities, and the values of
    // the tertials begun so far.
    auto plans = engine::current_plans(ps(), roster, open_store(), date);
    PlanView plan;
    for (const auto& f : plans) {
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
    send(res, status, frame(t("Mina uppgifter", "My tasks"), s, "/my"),
         my_tasks_body(s.viewer, ps(), mine, date, o.lang) + plan_body(plan, o.lang));
  }

  /// The roles of an item that put it on someone's list (not `vid behov`).
  static std::vector<dsl::RoleRef> own(const std::vector<dsl::RoleRef>& roles) {
    std::vector<dsl::RoleRef> out;
    for (const auto& r : roles)
      if (!r.if_needed) out.push_back(r);
    return out;
  }

  const dsl::Process* process_named(const std::string& id) const {
    for (const auto& p : ps())
      if (dsl::fold(p.id) == dsl::fold(id)) return &p;
    return nullptr;
  }

  std::vector<std::string> texts_of(const std::vector<dsl::Diagnostic>& errors) const {
    std::vector<std::string> texts;
    for (const auto& d : errors)
      texts.push_back(
          dsl::render(d.msg, d.args, o.lang) +
          (d.suggestion ? dsl::render(dsl::Msg::did_you_mean, {*d.suggestion}, o.lang) : ""));
    return texts;
  }

  /// POST /progress and /measure: a status or a value for an item of the person's own role
  /// and unit (or any, for a process owner), checked like `arshjul progress` / `measure`.
  /// `resolve(by, errors)` turns the form into the entry, recorded by `by`.
  template <typename Resolve>
  void record_plan(const Request& req, Response& res, const dsl::Process* p,
                   const std::vector<dsl::RoleRef>* roles, Resolve resolve) {
    auto s = require_session(req, res);
    if (!s || !check_csrf(req, res, *s)) return;
    if (!p || !roles) {
      refuse(res, 404, t("Finns inte", "No such item"), t("Kontrollera länken.", "Check the link."),
             &*s);
      return;
    }
    if (!may_record(s->viewer, *p, *roles, req.get_param_value("u"))) {
      refuse(res, 403, t("Inte din uppgift", "Not your task"),
             t("Du kan bara rapportera för din egen roll och enhet.",
               "You can only report for your own role and unit."),
             &*s);
      return;
    }
    std::vector<dsl::Diagnostic> errors;
    auto entry = resolve(s->viewer.email, errors);
    if (!entry) {
      show_my(req, res, *s, texts_of(errors), 400);
      return;
    }
    try {
      open_store().record(std::vector{*entry});
    } catch (const engine::StoreError& e) {
      refuse(res, 503, t("Kunde inte spara", "Could not save"), e.what(), &*s);
      return;
    }
    res.set_redirect("/my?saved=1#plan", 303);
  }

  void progress(const Request& req, Response& res) {
    const auto* p = process_named(req.get_param_value("p"));
    auto a = p ? p->find_activity(req.get_param_value("a")) : std::nullopt;
    record_plan(req, res, p, a ? &p->activities[*a].roles : nullptr,
                [&](const std::string& by, std::vector<dsl::Diagnostic>& errors) {
                  const dsl::Location web{"webben", 0, 0};
                  auto param = [&](const char* name) {
                    return engine::Given{req.get_param_value(name), web};
                  };
                  engine::StatusRequest r{param("p"),       param("a"),    param("c"),
                                          param("u"),       param("date"), param("status"),
                                          param("comment"), {by, web}};
                  return engine::resolve_status(r, ps(), roster, o.now_timestamp(), errors);
                });
  }

  void measure(const Request& req, Response& res) {
    const auto* p = process_named(req.get_param_value("p"));
    auto m = p ? p->find_measure(req.get_param_value("m")) : std::nullopt;
    record_plan(req, res, p, m ? &p->measures[*m].roles : nullptr,
                [&](const std::string& by, std::vector<dsl::Diagnostic>& errors) {
                  const dsl::Location web{"webben", 0, 0};
                  auto param = [&](const char* name) {
                    return engine::Given{req.get_param_value(name), web};
                  };
                  engine::ValueRequest r{param("p"), param("m"),     param("c"), param("u"),
                                         param("t"), param("value"), {by, web},  param("note")};
                  return engine::resolve_value(r, ps(), roster, o.now_timestamp(), errors);
                });
  }

  void task(const Request& req, Response& res) const {
    auto s = require_session(req, res);
    if (!s) return;
    show_task(req, res, *s, {}, 200);
  }

  void show_task(const Request& req, Response& res, const Session& s,
                 std::vector<std::string> errors, int status) const {
    auto ref = task_ref(req);
    TaskView v;
    std::vector<engine::Task> tasks;
    if (!ref || !task_view(*ref, o.today(), v, tasks)) {
      refuse(res, 404, t("Uppgiften finns inte", "No such task"),
             t("Ingen uppgift med de uppgifterna finns i reglerna och enhetslistan.",
               "No task with those details exists in the rules and the roster."),
             &s);
      return;
    }
    const auto& p = ps()[ref->process];
    v.may_record = may_record(s.viewer, p, p.steps[ref->step], ref->unit);
    v.csrf = s.csrf;
    v.errors = std::move(errors);
    v.saved = req.has_param("saved") && v.errors.empty();
    send(res, status, frame(p.steps[ref->step].id, s, ""), task_body(v, o.lang));
  }

  void done(const Request& req, Response& res) {
    auto s = require_session(req, res);
    if (!s || !check_csrf(req, res, *s)) return;
    auto ref = task_ref(req);
    if (!ref) {
      refuse(res, 404, t("Uppgiften finns inte", "No such task"),
             t("Kontrollera länken.", "Check the link."), &*s);
      return;
    }
    const auto& p = ps()[ref->process];
    const auto& step = p.steps[ref->step];
    if (!may_record(s->viewer, p, step, ref->unit)) {
      refuse(res, 403, t("Inte din uppgift", "Not your task"),
             t("Du kan bara registrera uppgifter för din egen roll och enhet.",
               "You can only record tasks of your own role and unit."),
             &*s);
      return;
    }
    const dsl::Location web{"webben", 0, 0};
    engine::RecordRequest r{{p.id, web},
                            {step.id, web},
                            {std::to_string(ref->cycle), web},
                            {ref->unit, web},
                            {req.get_param_value("date"), web},
                            {s->viewer.email, web},  // who made it: the signed-in person
                            {req.get_param_value("outcome"), web},
                            {req.get_param_value("note"), web},
                            ref->occurrence};
    std::vector<dsl::Diagnostic> errors;
    auto c = engine::resolve_record(r, ps(), roster, o.now_timestamp(), errors);
    // The command line lets an outcome be added later; a form asks for it now, since the
    // steps that depend on it (OM) cannot be decided without it.
    bool outcome_missing = !step.outcomes.empty() && r.outcome.text.empty();
    if (!c || outcome_missing) {
      auto texts = texts_of(errors);
      if (outcome_missing) texts.insert(texts.begin(), t("Välj ett utfall.", "Choose an outcome."));
      show_task(req, res, *s, std::move(texts), 400);
      return;
    }
    writer.record(std::move(*c));
    engine::Task recorded;
    recorded.cycle = ref->cycle, recorded.step = ref->step, recorded.unit = ref->unit,
    recorded.occurrence = ref->occurrence;
    res.set_redirect(task_url(p, recorded) + "&saved=1", 303);
  }

  void audit(const Request& req, Response& res) const {
    auto s = require_session(req, res);
    if (!s) return;
    dsl::Date date = o.today();
    int year = to_int(req.get_param_value("year")).value_or(static_cast<int>(date.year()));
    auto store = open_store();
    auto report = engine::audit(ps(), roster, year, date, store.load(year, year));
    auto plans = engine::follow_up(ps(), roster, engine::load_plan_records(store, year, year), year,
                                   3, date);
    std::ostringstream page;
    present::write_audit_html(page, report, plans, ps(), o.lang);
    // The audit's own self-contained page, with a way back and to the cycles either side.
    std::string html = page.str();
    std::string nav = fmt::format(
        "<nav><a href=\"/my\">{}</a> · <a href=\"/\">{}</a> · <a href=\"/audit?year={}\">{}</a> · "
        "<a href=\"/audit?year={}\">{}</a></nav>\n",
        t("Mina uppgifter", "My tasks"), t("Översikt", "Overview"), year - 1, year - 1, year + 1,
        year + 1);
    auto body = html.find("<body>");
    if (body != std::string::npos) html.insert(body + 6, nav);
    res.set_content(html, "text/html; charset=utf-8");
  }

  void routes() {
    auto guarded = [this](auto handler) {
      return [this, handler](const Request& req, Response& res) {
        try {
          (this->*handler)(req, res);
        } catch (const engine::StoreError& e) {
          refuse(res, 503,
                 t("Lagret går inte att nå just nu", "The store cannot be reached right now"),
                 e.what());
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
      Frame f{t("Finns inte", "Not found"), o.lang, nullptr, "", ""};
      res.set_content(layout(f, message_body(t("Sidan finns inte", "No such page"),
                                             std::to_string(res.status))),
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
};

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
