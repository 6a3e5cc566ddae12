#include "web/pages.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <map>
#include <set>

#include "dsl/collate.hpp"
#include "dsl/text.hpp"
#include "engine/versions.hpp"
#include "pictures/wheel.hpp"
#include "present/html.hpp"
#include "present/texts.hpp"
#include "web/task_link.hpp"

namespace arshjul::web {
namespace {

using engine::State;
using present::days_text;
using present::deadline_text;
using present::Html;
using present::process_title;
using present::state_class;
using present::state_text;
using present::task_name;

// One column on a phone, tables scroll sideways instead of squeezing; a visible focus ring
// for keyboard users; states in colour and in words (never colour alone).
constexpr const char* kStyle =
    "*{box-sizing:border-box}body{font-family:system-ui,sans-serif;margin:0;line-height:1.45;color:"
    "#1b1b1b}"
    "header{background:#1f3a5f;color:#fff;padding:.5em 1em;display:flex;flex-wrap:wrap;gap:.5em "
    "1.2em;align-items:center}"
    "header a,header button{color:#fff;font-size:1em}header form{margin:0 0 0 auto}"
    "header button{background:none;border:1px solid #fff;border-radius:4px;padding:.2em "
    ".6em;cursor:pointer}"
    "header nav a{margin-right:.9em}nav "
    "a[aria-current]{font-weight:bold;text-decoration:none;border-bottom:2px solid #fff}"
    "main{padding:1em;max-width:60em;margin:auto}a{color:#0b57a4}"
    ":focus-visible{outline:3px solid #f5a623;outline-offset:2px}"
    ".skip{position:absolute;left:-999px}.skip:focus{left:1em;top:1em;background:#fff;color:#000;"
    "padding:.3em;z-index:1}"
    ".scroll{overflow-x:auto}table{border-collapse:collapse;width:100%}"
    "td,th{border:1px solid #ccc;padding:.3em "
    ".5em;text-align:left;vertical-align:top}th{background:#eee}td.n{text-align:right}"
    "ul.tasks{list-style:none;padding:0}ul.tasks li{border:1px solid #ccc;border-left:6px solid "
    "#999;border-radius:4px;padding:.5em .7em;margin:.5em 0}"
    ".overdue{border-left-color:#c62828!important}.blocked{border-left-color:#6a1b9a!important}"
    ".due_soon{border-left-color:#ef6c00!important}.ready{border-left-color:#2e7d32!important}"
    ".state{font-weight:bold}.muted{color:#555}.ok{background:#e8f5e9;padding:.5em;border-radius:"
    "4px}"
    ".error{background:#fdecea;padding:.5em;border-radius:4px}"
    "label{display:block;margin-top:.7em;font-weight:bold}input,select,textarea{font-size:1em;"
    "padding:.3em;max-width:100%}"
    "textarea{width:100%}button.primary{margin-top:1em;font-size:1em;padding:.5em "
    "1em;background:#1f3a5f;color:#fff;border:0;border-radius:4px;cursor:pointer}"
    "svg{max-width:100%;height:auto}dl{display:grid;grid-template-columns:max-content 1fr;gap:.2em "
    "1em}dt{font-weight:bold}dd{margin:0}"
    "@media (max-width:40em){dl{grid-template-columns:1fr}dd{margin-bottom:.4em}}";

Html blockers_html(const dsl::Process& p, const engine::Task& t, dsl::Lang lang) {
  Html h;
  for (const auto& b : t.blocked_by) {
    if (!h.empty()) h.raw(", ");
    h.format("<b>{}</b>", present::step_ref_text(p, b.step, b.linked, lang));
    if (b.units_total) h.format("{}", say<Msg::units_left>(lang, b.units_missing, b.units_total));
  }
  return h;
}

// The wheel is a standalone SVG document: inline it from its root element on.
std::string inline_svg(const std::string& svg) {
  auto at = svg.find("<svg");
  return at == std::string::npos ? svg : svg.substr(at);
}

Html status_table(const std::vector<dsl::Process>& ps, const std::vector<engine::Task>& tasks,
                  dsl::Lang lang) {
  const std::vector<State> shown{State::overdue, State::blocked, State::due_soon, State::ready,
                                 State::done};
  // Role, then område (when the roster has them), then unit, in Swedish order.
  using Key = std::array<std::string, 3>;
  auto swedish = [](const Key& a, const Key& b) {
    for (std::size_t i = 0; i < a.size(); ++i)
      if (int c = dsl::swedish_compare(a[i], b[i])) return c < 0;
    return false;
  };
  std::map<Key, std::map<State, int>, decltype(swedish)> counts(swedish);
  bool areas = false;
  for (const auto& t : tasks) {
    const auto& p = ps[t.process];
    State s = t.state == State::done_late ? State::done : t.state;
    for (const auto& r : p.steps[t.step].roles) {
      if (r.if_needed) continue;
      const auto& role = p.roles[r.role];
      bool own = role.per_unit || role.per_area;
      areas = areas || (own && !t.area.empty());
      counts[{role.name, own ? t.area : std::string(), own ? t.unit : std::string()}][s]++;
    }
  }
  Html h;
  h.format(
      "<div class=\"scroll\"><table id=\"status\"><caption "
      "class=\"muted\">{}</caption><tr><th>{}</th>",
      tr<Msg::tasks_per_state>(lang), tr<Msg::role>(lang));
  if (areas) h.format("<th>{}</th>", tr<Msg::area>(lang));
  h.format("<th>{}</th>", tr<Msg::unit>(lang));
  for (auto s : shown) h.format("<th>{}</th>", state_text(s, lang));
  h.raw("</tr>\n");
  for (const auto& [key, by_state] : counts) {
    h.format("<tr data-role=\"{}\" data-unit=\"{}\"><td>{}</td>", key[0], key[2], key[0]);
    if (areas) h.format("<td>{}</td>", key[1]);
    h.format("<td>{}</td>", key[2]);
    for (auto s : shown) {
      auto it = by_state.find(s);
      h.format("<td class=\"n\" data-state=\"{}\">{}</td>", state_class(s),
               it == by_state.end() ? 0 : it->second);
    }
    h.raw("</tr>\n");
  }
  h.raw("</table></div>\n");
  return h;
}

Html history_html(const TaskView& v, dsl::Lang lang) {
  Html h;
  if (v.history.empty())
    return h.format("<p class=\"muted\">{}</p>\n", tr<Msg::nothing_recorded_yet>(lang));
  h.format(
      "<div class=\"scroll\"><table "
      "id=\"history\"><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr>\n",
      tr<Msg::done>(lang), tr<Msg::by>(lang), tr<Msg::outcome>(lang), tr<Msg::note>(lang),
      tr<Msg::recorded>(lang));
  for (std::size_t i = 0; i < v.history.size(); ++i) {
    const auto& c = v.history[i];
    std::string by = c.done_by;
    if (v.roster)
      for (const auto& person : v.roster->people)
        if (dsl::fold(person.email) == dsl::fold(c.done_by)) {
          by = person.name + " <" + c.done_by + ">";
          break;
        }
    std::string counts =
        i + 1 == v.history.size() && i > 0 ? tr<Msg::counts_corrects_earlier>(lang) : "";
    h.format("<tr><td>{}{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n",
             dsl::iso(c.done_on), counts, by, c.outcome, c.note, c.recorded_at);
  }
  h.raw("</table></div>\n");
  return h;
}

Html hidden(const char* name, const std::string& value) {
  Html h;
  return h.format("<input type=\"hidden\" name=\"{}\" value=\"{}\">", name, value);
}

Html form_html(const TaskView& v, dsl::Lang lang) {
  const auto& p = *v.process;
  const auto& t = *v.task;
  const auto& s = p.steps[t.step];
  bool correcting = !v.history.empty();
  Html h;
  h.format("<h2 id=\"record\">{}</h2>\n",
           correcting ? tr<Msg::correct>(lang) : tr<Msg::mark_as_done>(lang));
  if (correcting) h.format("<p class=\"muted\">{}</p>\n", tr<Msg::correction_is_new_entry>(lang));
  for (const auto& e : v.errors) h.format("<p class=\"error\" role=\"alert\">{}</p>\n", e);
  h.raw("<form method=\"post\" action=\"/done\">\n");
  for (const auto& [name, value] : {std::pair<const char*, std::string>{"csrf", v.csrf},
                                    {"p", p.id},
                                    {"c", std::to_string(t.cycle)},
                                    {"s", s.id},
                                    {"u", t.unit},
                                    {"n", std::to_string(t.occurrence)}})
    h.format("{}\n", hidden(name, value));
  h.format(
      "<label for=\"date\">{}</label><input type=\"date\" id=\"date\" name=\"date\" required "
      "value=\"{}\">\n",
      tr<Msg::date_it_was_done>(lang), dsl::iso(v.today));
  if (!s.outcomes.empty()) {
    h.format(
        "<label for=\"outcome\">{}</label><select id=\"outcome\" name=\"outcome\" required><option "
        "value=\"\">{}</option>",
        tr<Msg::col_outcome>(lang), tr<Msg::choose>(lang));
    for (const auto& o : s.outcomes) h.format("<option>{}</option>", o);
    h.raw("</select>\n");
  }
  h.format(
      "<label for=\"note\">{}</label><textarea id=\"note\" name=\"note\" "
      "rows=\"3\">{}</textarea>\n",
      tr<Msg::note_optional>(lang), v.note);
  h.format("<button class=\"primary\" type=\"submit\">{}</button>\n</form>\n",
           correcting ? tr<Msg::save_correction>(lang) : tr<Msg::mark_as_done>(lang));
  return h;
}

/// A form's errors as an alert list, and "saved" after a form was taken.
Html form_feedback(bool saved, const std::vector<std::string>& errors, dsl::Lang lang) {
  Html h;
  if (saved) h.format("<p class=\"ok\" role=\"status\">{}</p>\n", tr<Msg::saved>(lang));
  if (errors.empty()) return h;
  h.raw("<ul class=\"errors\" role=\"alert\">");
  for (const auto& e : errors) h.format("<li>{}</li>", e);
  h.raw("</ul>\n");
  return h;
}

Html activity_html(const engine::ActivityLine& a, const PlanView& v, dsl::Lang lang) {
  const auto& act = *a.activity;
  std::string status = a.status ? engine::status_word(*a.status, lang) : tr<Msg::no_status>(lang);
  std::string id = "a-" + act.id + (a.unit.empty() ? "" : "-" + a.unit);
  Html h;
  h.format(
      "<li class=\"{}\" data-activity=\"{}\" data-unit=\"{}\"><b>{}</b>{} <span "
      "class=\"muted\">{} {}</span><br>",
      a.overdue ? "overdue" : "ready", act.id, a.unit, act.task,
      a.unit.empty() ? "" : " (" + a.unit + ")", process_title(*a.process), a.year);
  h.format("<span class=\"state\">{}</span>", status);
  if (a.planned)
    h.format(" · {} {} ({})", tr<Msg::field_due>(lang), act.due->text, dsl::iso(*a.planned));
  if (a.overdue) h.format(" · <b>{}</b>", tr<Msg::overdue>(lang));
  if (a.latest && !a.latest->comment.empty()) h.format("<br>{}", a.latest->comment);
  h.format("<form method=\"post\" action=\"/progress\">{}{}{}{}{}", hidden("csrf", v.csrf),
           hidden("p", a.process->id), hidden("c", std::to_string(a.year)), hidden("a", act.id),
           hidden("u", a.unit));
  h.format("<label for=\"{0}-s\">{1}</label> <select id=\"{0}-s\" name=\"status\">", id,
           tr<Msg::col_status>(lang));
  for (auto st : {engine::ActivityStatus::ongoing, engine::ActivityStatus::done,
                  engine::ActivityStatus::pending, engine::ActivityStatus::closed})
    h.format("<option value=\"{}\"{}>{}</option>", engine::status_word(st, dsl::Lang::sv),
             Html::trusted(a.status == st ? " selected" : ""), engine::status_word(st, lang));
  h.format(
      "</select> <label for=\"{0}-k\">{1}</label> <input id=\"{0}-k\" name=\"comment\" "
      "value=\"{2}\"> "
      "<label for=\"{0}-d\">{3}</label> <input id=\"{0}-d\" type=\"date\" name=\"date\" "
      "value=\"{4}\"> "
      "<button type=\"submit\">{5}</button></form></li>\n",
      id, tr<Msg::comment>(lang), a.latest ? a.latest->comment : "", tr<Msg::date>(lang),
      dsl::iso(v.today), tr<Msg::save>(lang));
  return h;
}

Html measure_html(const engine::MeasureLine& m, const PlanView& v, dsl::Lang lang) {
  const auto& me = *m.measure;
  std::string id = "m-" + me.id + "-" + m.unit + "-" + std::to_string(m.tertial);
  auto met = m.met();
  std::string value = m.value ? engine::number_text(m.value->value, lang) : "";
  Html h;
  h.format(
      "<li class=\"{}\" data-measure=\"{}\" data-unit=\"{}\" data-tertial=\"{}\"><b>{}</b>{} · "
      "T{} · {} {}{} {}<br>",
      m.missing      ? "overdue"
      : met && !*met ? "blocked"
                     : "ready",
      me.id, m.unit, m.tertial, me.title.empty() ? me.id : me.title,
      m.unit.empty() ? "" : " (" + m.unit + ")", m.tertial, tr<Msg::target>(lang),
      me.direction == dsl::Direction::higher ? "≥ " : "≤ ", engine::number_text(me.target, lang),
      me.unit);
  h.format("<span class=\"state\">{}</span>",
           m.value ? value + " · " + (*met ? tr<Msg::met>(lang) : tr<Msg::not_met>(lang))
                   : (m.missing ? tr<Msg::missing>(lang) : tr<Msg::value_not_reported>(lang)));
  h.format(
      "<form method=\"post\" action=\"/measure\">{}{}{}{}{}{}<label for=\"{}-v\">{}</label> "
      "<input id=\"{}-v\" name=\"value\" inputmode=\"decimal\" value=\"{}\" required> "
      "<button type=\"submit\">{}</button></form></li>\n",
      hidden("csrf", v.csrf), hidden("p", m.process->id), hidden("c", std::to_string(m.year)),
      hidden("m", me.id), hidden("u", m.unit), hidden("t", "T" + std::to_string(m.tertial)), id,
      tr<Msg::value>(lang), id, value, tr<Msg::save>(lang));
  return h;
}

/// The task page's facts: state, VAD, NÄR, window, VEM, process.
Html task_facts(const dsl::Process& p, const engine::Task& t, dsl::Lang lang) {
  const auto& s = p.steps[t.step];
  std::string state = state_text(t.state, lang);
  if (auto d = days_text(t, lang); !d.empty()) state += " · " + d;
  if (t.done_on) state += " · " + say<Msg::done_on>(lang, dsl::iso(*t.done_on));
  Html h;
  h.format("<dl><dt>{}</dt><dd id=\"state\" data-state=\"{}\">{}</dd>", tr<Msg::state>(lang),
           state_class(t.state), state);
  h.format("<dt>{}</dt><dd id=\"what\">{}</dd>", tr<Msg::field_what>(lang),
           present::task_html(p, s, lang));
  h.format("<dt>{}</dt><dd>{}</dd>", tr<Msg::field_when>(lang), s.when.text);
  h.format("<dt>{}</dt><dd>{} – {}</dd>", tr<Msg::window>(lang), dsl::iso(t.window.start),
           deadline_text(t.window, lang));
  h.format("<dt>{}</dt><dd>{}</dd>", tr<Msg::field_who>(lang), present::roles_text(p, s, lang));
  h.format("<dt>{}</dt><dd>{} {}</dd></dl>\n", tr<Msg::process>(lang), process_title(p), t.cycle);
  return h;
}

Html dependencies_html(const TaskView& v, dsl::Lang lang) {
  const auto& p = *v.process;
  const auto& t = *v.task;
  const auto& s = p.steps[t.step];
  Html h;
  h.format("<h2>{}</h2>\n", tr<Msg::dependencies_after>(lang));
  if (s.deps.empty()) {
    h.format("<p class=\"muted\">{}</p>\n", tr<Msg::none_listed>(lang));
  } else {
    h.raw("<ul>");
    for (const auto& dep : s.deps) {
      h.format("<li>{}", p.steps[dep.step].id);
      for (const auto* d : v.depends_on)
        if (d->step == dep.step)
          h.format(" · <a href=\"{}\">{}</a>: {}", task_url(p, *d), task_name(p, *d),
                   state_text(d->state, lang));
      h.raw("</li>");
    }
    h.raw("</ul>\n");
  }
  if (!t.blocked_by.empty())
    h.format("<p>{} {}</p>\n", tr<Msg::waits_for>(lang), blockers_html(p, t, lang));
  return h;
}

}  // namespace

std::string url_encode(const std::string& s) {
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~')
      out += static_cast<char>(c);
    else
      out += fmt::format("%{:02X}", c);
  }
  return out;
}

std::string task_url(const dsl::Process& p, const engine::Task& t) {
  return "/task?" + task_query(engine::task_id(t, p));
}

std::string layout(const Frame& f, const std::string& body) {
  dsl::Lang lang = f.lang;
  Html h;
  h.begin_page(tr<Msg::lang_code>(lang), f.title + " – " + tr<Msg::annual_cycle>(lang), kStyle);
  h.format("<a class=\"skip\" href=\"#main\">{}</a><header><strong>{}</strong>",
           tr<Msg::skip_to_content>(lang), tr<Msg::annual_cycle>(lang));
  if (f.viewer) {
    h.format("<nav aria-label=\"{}\">", tr<Msg::main_menu>(lang));
    const std::pair<const char*, const char*> links[] = {{"/my", tr<Msg::my_tasks>(lang)},
                                                         {"/", tr<Msg::overview>(lang)},
                                                         {"/audit", tr<Msg::audit_word>(lang)}};
    for (const auto& [href, text] : links)
      h.format(" <a href=\"{}\"{}>{}</a> ", href,
               Html::trusted(f.current == href ? " aria-current=\"page\"" : ""), text);
    h.format("</nav><span class=\"who\">{}</span>", f.viewer->name);
    h.format(
        "<form method=\"post\" action=\"/signout\"><input type=\"hidden\" name=\"csrf\" "
        "value=\"{}\"><button type=\"submit\">{}</button> <button type=\"submit\" "
        "name=\"everywhere\" value=\"1\">{}</button></form>",
        f.csrf, tr<Msg::sign_out>(lang), tr<Msg::sign_out_everywhere>(lang));
  }
  // `body` is a page body made by the functions below, already HTML.
  h.format("</header>\n<main id=\"main\">\n{}</main>\n</body></html>\n", Html::trusted(body));
  return h.take();
}

std::string message_body(const std::string& heading, const std::string& text) {
  Html h;
  return h.format("<h1>{}</h1>\n<p>{}</p>\n", heading, text).take();
}

std::string overview_body(const std::vector<dsl::Process>& ps,
                          const std::vector<dsl::Process>& rules,
                          const std::vector<engine::Task>& tasks, std::size_t process,
                          dsl::Date date, dsl::Lang lang) {
  Html h;
  h.format("<h1>{}</h1>\n", say<Msg::overview_on>(lang, dsl::iso(date)));
  if (ps.empty()) return h.take();
  h.format("<nav aria-label=\"{}\"><ul>", tr<Msg::processes>(lang));
  for (std::size_t i = 0; i < ps.size(); ++i)
    h.format("<li><a href=\"/?process={}\"{}>{}</a></li>", url_encode(ps[i].id),
             Html::trusted(i == process ? " aria-current=\"page\"" : ""), process_title(ps[i]));
  h.raw("</ul></nav>\n");
  pictures::WheelOptions wo;
  wo.year = engine::cycle_of(ps[process].cycle, date);
  // The wheel of this cycle by its rules in force (engine/versions.hpp).
  const std::size_t shown =
      engine::process_in_force(rules, ps[process].id, wo.year).value_or(process);
  const auto& p = rules[shown];
  wo.today = date;
  wo.lang = lang;
  wo.tasks = &tasks;
  wo.process_index = shown;
  h.format("<h2>{}</h2>\n<figure class=\"wheel\">{}</figure>\n",
           fmt::format("{} {}", process_title(p), wo.year),
           Html::trusted(inline_svg(pictures::render_wheel(p, wo))));
  h.format("<h2>{}</h2>\n", tr<Msg::status_per_role_and_unit>(lang));
  h += status_table(rules, tasks, lang);
  return h.take();
}

std::string my_tasks_body(const Viewer& v, const std::vector<dsl::Process>& ps,
                          const std::vector<const engine::Task*>& mine, dsl::Date date,
                          dsl::Lang lang) {
  std::set<std::string, dsl::SwedishLess> roles;
  for (const auto* row : v.rows)
    roles.insert(row->unit.empty() ? row->role : row->role + ", " + row->unit);
  std::string who;
  for (const auto& r : roles) who += (who.empty() ? "" : "; ") + r;
  Html h;
  h.format("<h1>{}</h1>\n<p class=\"muted\">{} · {}{}</p>\n", tr<Msg::my_tasks>(lang), who,
           dsl::iso(date), v.owner ? tr<Msg::process_owner_note>(lang) : "");
  if (mine.empty()) return h.format("<p>{}</p>\n", tr<Msg::nothing_to_do_right_now>(lang)).take();
  std::optional<State> group;
  for (const auto* t : mine) {
    if (t->state != group) {
      if (group) h.raw("</ul>\n");
      group = t->state;
      h.format("<h2 id=\"{}\">{}</h2>\n<ul class=\"tasks\">\n", state_class(t->state),
               state_text(t->state, lang));
    }
    const auto& p = ps[t->process];
    const auto& s = p.steps[t->step];
    h.format(
        "<li class=\"{}\" data-step=\"{}\" data-unit=\"{}\"><a href=\"{}\"><b>{}</b></a> <span "
        "class=\"muted\">{} {}</span><br>{}<br>"
        "<span class=\"state\">{}</span> · {} {} · {}",
        state_class(t->state), s.id, t->unit, task_url(p, *t), task_name(p, *t), process_title(p),
        t->cycle, present::task_html(p, s, lang), state_text(t->state, lang), tr<Msg::due>(lang),
        deadline_text(t->window, lang), days_text(*t, lang));
    if (!t->blocked_by.empty())
      h.format("<br>{} {}", tr<Msg::waits_for>(lang), blockers_html(p, *t, lang));
    h.raw("</li>\n");
  }
  h.raw("</ul>\n");
  return h.take();
}

std::string plan_body(const PlanView& v, dsl::Lang lang) {
  if (v.activities.empty() && v.measures.empty()) return {};
  Html h;
  h.format("<h2 id=\"plan\">{}</h2>\n", tr<Msg::the_plan>(lang));
  h += form_feedback(v.saved, v.errors, lang);
  if (!v.activities.empty()) {
    h.format("<h3>{}</h3>\n<ul class=\"tasks\">\n", tr<Msg::activities>(lang));
    for (const auto* a : v.activities) h += activity_html(*a, v, lang);
    h.raw("</ul>\n");
  }
  if (!v.measures.empty()) {
    h.format("<h3>{}</h3>\n<ul class=\"tasks\">\n", tr<Msg::measure_values>(lang));
    for (const auto* m : v.measures) h += measure_html(*m, v, lang);
    h.raw("</ul>\n");
  }
  return h.take();
}

std::string task_body(const TaskView& v, dsl::Lang lang) {
  const auto& p = *v.process;
  const auto& t = *v.task;
  Html h;
  h.format("<h1>{}</h1>\n", task_name(p, t));
  if (v.saved) h.format("<p class=\"ok\" role=\"status\">{}</p>\n", tr<Msg::saved>(lang));
  h += task_facts(p, t, lang);
  h += dependencies_html(v, lang);
  h.format("<h2>{}</h2>\n", tr<Msg::history>(lang));
  h += history_html(v, lang);
  if (v.may_record)
    h += form_html(v, lang);
  else
    h.format("<p class=\"muted\">{}</p>\n", tr<Msg::task_of_another_role>(lang));
  return h.take();
}

}  // namespace arshjul::web
