// The forms that record: a step done (POST /done), an activity's status (POST /progress) and
// a measured value (POST /measure), each checked like the command line's `done`, `progress`
// and `measure`.
#include <map>
#include <optional>
#include <set>

#include "dsl/schedule.hpp"
#include "dsl/text.hpp"
#include "engine/records.hpp"
#include "engine/sessions.hpp"
#include "engine/versions.hpp"
#include "web/server_impl.hpp"
#include "web/task_link.hpp"

namespace arshjul::web {
namespace {

using httplib::Request;
using httplib::Response;

/// Where a form's values come from, for the checks' messages.
const dsl::Location kWeb{"webben", 0, 0};

engine::Given given(const Request& req, const char* name) {
  return engine::Given{req.get_param_value(name), kWeb};
}

/// The form's one-time key (web/token.hpp), or none ("") when it has none or not one of the
/// right shape.
std::string submission_of(const Request& req) {
  auto key = req.get_param_value("submission");
  return submission_key_ok(key) ? key : std::string();
}

/// Where a plan form answers that it is saved.
constexpr const char* kPlanSaved = "/my?saved=1#plan";

/// The day an entry says it happened, when it says one (a measured value is of a tertial).
std::optional<dsl::Date> dated(const engine::StatusReport& e) {
  return e.reported_on;
}
std::optional<dsl::Date> dated(const engine::MeasuredValue&) {
  return std::nullopt;
}
std::optional<dsl::Date> dated(const engine::Completion& e) {
  return e.done_on;
}

const dsl::Process* process_named(const std::vector<dsl::Process>& ps, const std::string& id) {
  for (const auto& p : ps)
    if (dsl::fold(p.id) == dsl::fold(id)) return &p;
  return nullptr;
}

}  // namespace

std::vector<std::string> Server::Impl::texts_of(const std::vector<dsl::Diagnostic>& errors) const {
  std::vector<std::string> texts;
  for (const auto& d : errors)
    texts.push_back(
        dsl::render(d.msg, d.args, o.lang) +
        (d.suggestion ? dsl::render(dsl::Msg::did_you_mean, {*d.suggestion}, o.lang) : ""));
  return texts;
}

/// POST /progress and /measure: a status or a value for an item of the person's own role
/// and unit (or any, for a process owner), checked like `arshjul progress` / `measure`.
/// `resolve` (engine::resolve_status or resolve_value) turns the form into the entry,
/// recorded by the signed-in person.
bool Server::Impl::near_today(int cycle) const {
  int year = static_cast<int>(o.today().year());
  return cycle >= year - 1 && cycle <= year + 1;
}

// A date after today would count at once (dependents unblocked, reminders stopped, the
// follow-up changed): the forms refuse it.
bool Server::Impl::after_today(std::optional<dsl::Date> day) const {
  return day && std::chrono::sys_days(*day) > std::chrono::sys_days(o.today());
}

std::string Server::Impl::cycle_refused() const {
  return t<Msg::cycle_refused>();
}

template <typename Form, typename Resolve, typename Existing>
void Server::Impl::record_plan(const Request& req, Response& res, const dsl::Process* p,
                               const std::vector<dsl::RoleRef>* roles, Form form, Resolve resolve,
                               Existing existing) {
  auto s = require_session(req, res);
  if (!s || !check_csrf(req, res, *s)) return;
  if (!p || !roles) {
    refuse(res, 404, t<Msg::no_such_item>(), t<Msg::check_the_link>(), &*s);
    return;
  }
  if (!may_record(s->viewer, *p, *roles, req.get_param_value("u"))) {
    refuse(res, 403, t<Msg::not_your_task>(), t<Msg::report_own_only>(), &*s);
    return;
  }
  std::vector<dsl::Diagnostic> errors;
  form.by = {s->viewer.email, kWeb};
  auto entry = resolve(form, ps(), roster, o.now_timestamp(), errors);
  if (!entry) {
    show_my(req, res, *s, texts_of(errors), 400);
    return;
  }
  if (!near_today(entry->cycle)) {
    show_my(req, res, *s, {cycle_refused()}, 400);
    return;
  }
  // As for a step done: a status dated after today would count in the follow-up at once.
  if (after_today(dated(*entry))) {
    show_my(req, res, *s, {t<Msg::web_date_after_today>()}, 400);
    return;
  }
  // Sent again (a double tap, a reload): answered as the first was, and nothing recorded.
  entry->submission = submission_of(req);
  if (engine::EntryCounts(open_reader()).submitted(entry->submission)) {
    res.set_redirect(kPlanSaved, 303);
    return;
  }
  if (!within_limits(res, *s, existing(*entry))) return;
  cache.written([&](const SnapshotCache::BeforeCommit& before_commit) {
    auto store = open_store();
    SnapshotCache::Written w{{}, true};
    write_marked(
        *store, w,
        [&] {  // the cycle's rules in force with the entry, all or nothing
          engine::record_first_use(*store, ps(), {{entry->process, entry->cycle}},
                                   o.now_timestamp());
          store->record(std::vector{*entry});
          return true;  // a report left out as sent twice changes no task, and the plans are read
        },
        before_commit);
    return w;
  });
  res.set_redirect(kPlanSaved, 303);
}

void Server::Impl::progress(const Request& req, Response& res) {
  auto g = [&](const char* name) { return given(req, name); };
  const auto* p = process_named(ps(), req.get_param_value("p"));
  auto a = p ? p->find_activity(req.get_param_value("a")) : std::nullopt;
  engine::StatusRequest form{g("p"),    g("a"),      g("c"),       g("u"),
                             g("date"), g("status"), g("comment"), {}};
  record_plan(req, res, p, a ? &p->activities[*a].roles : nullptr, form, engine::resolve_status,
              [this](const engine::StatusReport& e) {
                auto store = open_store();
                return engine::EntryCounts(store).of_activity(e.process, e.cycle, e.activity,
                                                              e.unit);
              });
}

void Server::Impl::measure(const Request& req, Response& res) {
  auto g = [&](const char* name) { return given(req, name); };
  const auto* p = process_named(ps(), req.get_param_value("p"));
  auto m = p ? p->find_measure(req.get_param_value("m")) : std::nullopt;
  engine::ValueRequest form{g("p"), g("m"), g("c"), g("u"), g("t"), g("value"), {}, g("note")};
  record_plan(req, res, p, m ? &p->measures[*m].roles : nullptr, form, engine::resolve_value,
              [this](const engine::MeasuredValue& e) {
                auto store = open_store();
                return engine::EntryCounts(store).of_measure(e.process, e.cycle, e.measure, e.unit,
                                                             e.tertial);
              });
}

std::vector<engine::Completion> Server::Impl::admitted(engine::Store& store,
                                                       const std::vector<engine::Completion>& batch,
                                                       std::vector<bool>& refused) const {
  engine::EntryCounts counts(store);
  std::map<std::string, int> per_task, per_person;  // counted so far, store and batch
  std::set<std::string> keys;                       // the submission keys admitted so far
  std::vector<engine::Completion> accepted;
  for (std::size_t i = 0; i < batch.size(); ++i) {
    const auto& c = batch[i];
    // A form sent again, taken already (by this batch, an earlier one, or another server):
    // answered as saved, not written again.
    if (!c.submission.empty() && (keys.count(c.submission) || counts.submitted(c.submission)))
      continue;
    engine::TaskId id{c.process, c.cycle, c.step, c.unit, c.occurrence};
    std::string day = c.recorded_at.substr(0, 10), person = c.done_by + "\n" + day;
    auto task = per_task.try_emplace(id.text(), 0);
    if (task.second) task.first->second = counts.of_task(id);
    auto by = per_person.try_emplace(person, 0);
    if (by.second) by.first->second = counts.by_person_on(c.done_by, day);
    refused[i] = task.first->second >= o.entries_per_task ||
                 by.first->second >= o.entries_per_person_per_day;
    if (refused[i]) continue;
    ++task.first->second;
    ++by.first->second;
    if (!c.submission.empty()) keys.insert(c.submission);
    accepted.push_back(c);
  }
  return accepted;
}

std::vector<bool> Server::Impl::record_limited(
    const std::vector<engine::Completion>& batch, SnapshotCache::Written& written,
    const SnapshotCache::BeforeCommit& before_commit) const {
  auto store = open_store();
  std::vector<bool> refused(batch.size(), false);
  // Counted in the write's transaction: what another server committed before counts towards
  // the limits, and a form it took is known.
  write_marked(
      *store, written,
      [&] {
        written.entries = admitted(*store, batch, refused);
        if (written.entries.empty()) return true;
        // The cycles marked in keep the rules the page showed (engine/versions.hpp), in the
        // entries' transaction.
        engine::record_first_use(*store, ps(), engine::cycles_of(written.entries),
                                 o.now_timestamp());
        // An entry left out as sent twice: the snapshot cannot tell which, and is loaded anew.
        return store->record(written.entries) == written.entries.size();
      },
      before_commit);
  return refused;
}

std::vector<bool> Server::Impl::record_cached(const std::vector<engine::Completion>& batch) {
  std::vector<bool> refused;
  cache.written([&](const SnapshotCache::BeforeCommit& before_commit) {
    SnapshotCache::Written w;
    refused = record_limited(batch, w, before_commit);
    return w;
  });
  return refused;
}

void Server::Impl::done(const Request& req, Response& res) {
  auto s = require_session(req, res);
  if (!s || !check_csrf(req, res, *s)) return;
  auto ref = task_ref(req);
  // Only a task the rules give in that cycle (not occurrence 999 of a yearly step).
  std::vector<dsl::Diagnostic> ignored;
  if (!ref || static_cast<std::size_t>(ref->id.occurrence) >
                  dsl::windows(ps()[ref->process], ps()[ref->process].steps[ref->step],
                               ref->id.cycle, ignored)
                      .size()) {
    refuse(res, 404, t<Msg::no_such_task>(), t<Msg::check_the_link>(), &*s);
    return;
  }
  const auto& p = ps()[ref->process];
  const auto& step = p.steps[ref->step];
  const auto& id = ref->id;
  if (!may_record(s->viewer, p, step, id.unit)) {
    refuse(res, 403, t<Msg::not_your_task>(), t<Msg::record_own_only>(), &*s);
    return;
  }
  if (!near_today(id.cycle)) {
    show_task(req, res, *s, {cycle_refused()}, 400);
    return;
  }
  engine::RecordRequest r{{id.process, kWeb},
                          {id.step, kWeb},
                          {std::to_string(id.cycle), kWeb},
                          {id.unit, kWeb},
                          given(req, "date"),
                          {s->viewer.email, kWeb},  // who made it: the signed-in person
                          given(req, "outcome"),
                          given(req, "note"),
                          id.occurrence};
  std::vector<dsl::Diagnostic> errors;
  auto c = engine::resolve_record(r, ps(), roster, o.now_timestamp(), errors);
  // A step with UTFALL and no outcome is refused by resolve_record, as on the command line.
  // A date after today would count at once (dependents unblocked, reminders stopped).
  bool future = c && after_today(dated(*c));
  if (!c || future) {
    auto texts = texts_of(errors);
    if (future) texts.insert(texts.begin(), t<Msg::web_date_after_today>());
    show_task(req, res, *s, std::move(texts), 400);
    return;
  }
  c->submission = submission_of(req);  // sent again: recorded once, answered alike
  if (!writer.record(std::move(*c))) {
    too_many(res, *s);
    return;
  }
  res.set_redirect("/task?" + task_query(id) + "&saved=1", 303);
}

}  // namespace arshjul::web
