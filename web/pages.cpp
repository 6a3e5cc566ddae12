#include "web/pages.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "cli/common.hpp"
#include "dsl/text.hpp"
#include "pictures/wheel.hpp"
#include "web/task_link.hpp"

namespace arshjul::web {
namespace {

using cli::escape_html;
using engine::State;

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

std::string state_text(State s, dsl::Lang lang) {
  return escape_html(engine::state_name(s, lang));
}
// "due_soon", "done_late": the English name as a CSS class and a data attribute for tests.
std::string state_class(State s) {
  auto name = engine::state_name(s, dsl::Lang::en);
  std::replace(name.begin(), name.end(), ' ', '_');
  return name;
}

std::string days_text(const engine::Task& t, dsl::Lang lang) {
  switch (t.state) {
    case State::overdue:
    case State::done_late:
      return fmt::format(fmt::runtime(tr(lang, "{} dagar sen", "{} days late")), t.days);
    case State::blocked:
    case State::due_soon:
    case State::ready:
    case State::upcoming:
      return fmt::format(fmt::runtime(tr(lang, "{} dagar kvar", "{} days left")), t.days);
    default:
      return "";
  }
}

std::string task_name(const dsl::Process& p, const engine::Task& t) {
  std::string s = p.steps[t.step].id;
  if (p.steps[t.step].when.occurrences.size() > 1) s += fmt::format(" #{}", t.occurrence);
  if (!t.unit.empty()) s += " (" + t.unit + ")";
  return s;
}

std::string blockers_html(const dsl::Process& p, const engine::Task& t, dsl::Lang lang) {
  std::string out;
  for (const auto& b : t.blocked_by) {
    if (!out.empty()) out += ", ";
    out += "<b>" + escape_html(p.steps[b.step].id) + "</b>";
    if (b.units_total)
      out +=
          fmt::format(fmt::runtime(tr(lang, " ({} av {} enheter kvar)", " ({} of {} units left)")),
                      b.units_missing, b.units_total);
  }
  return out;
}

// The wheel is a standalone SVG document: inline it from its root element on.
std::string inline_svg(const std::string& svg) {
  auto at = svg.find("<svg");
  return at == std::string::npos ? svg : svg.substr(at);
}

std::string status_table(const std::vector<dsl::Process>& ps,
                         const std::vector<engine::Task>& tasks, dsl::Lang lang) {
  const std::vector<State> shown{State::overdue, State::blocked, State::due_soon, State::ready,
                                 State::done};
  std::map<std::pair<std::string, std::string>, std::map<State, int>> counts;
  for (const auto& t : tasks) {
    const auto& p = ps[t.process];
    State s = t.state == State::done_late ? State::done : t.state;
    for (const auto& r : p.steps[t.step].roles) {
      if (r.if_needed) continue;
      const auto& role = p.roles[r.role];
      counts[{role.name, role.per_unit ? t.unit : std::string()}][s]++;
    }
  }
  std::string html = fmt::format(
      "<div class=\"scroll\"><table id=\"status\"><caption "
      "class=\"muted\">{}</caption><tr><th>{}</th><th>{}</th>",
      tr(lang, "Antal uppgifter per läge (klar: även klar sent)",
         "Tasks per state (done: also done late)"),
      tr(lang, "roll", "role"), tr(lang, "enhet", "unit"));
  for (auto s : shown) html += "<th>" + state_text(s, lang) + "</th>";
  html += "</tr>\n";
  for (const auto& [key, by_state] : counts) {
    html += fmt::format("<tr data-role=\"{}\" data-unit=\"{}\"><td>{}</td><td>{}</td>",
                        escape_html(key.first), escape_html(key.second), escape_html(key.first),
                        escape_html(key.second));
    for (auto s : shown) {
      auto it = by_state.find(s);
      html += fmt::format("<td class=\"n\" data-state=\"{}\">{}</td>", state_class(s),
                          it == by_state.end() ? 0 : it->second);
    }
    html += "</tr>\n";
  }
  return html + "</table></div>\n";
}

std::string history_html(const TaskView& v, dsl::Lang lang) {
  if (v.history.empty())
    return fmt::format("<p class=\"muted\">{}</p>\n",
                       tr(lang, "Inget registrerat ännu.", "Nothing recorded yet."));
  std::string html = fmt::format(
      "<div class=\"scroll\"><table "
      "id=\"history\"><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr>\n",
      tr(lang, "klar", "done"), tr(lang, "av", "by"), tr(lang, "utfall", "outcome"),
      tr(lang, "anteckning", "note"), tr(lang, "registrerad", "recorded"));
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
        i + 1 == v.history.size() && i > 0
            ? tr(lang, " (gäller; rättar de tidigare)", " (counts; corrects the earlier)")
            : "";
    html += fmt::format("<tr><td>{}{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n",
                        dsl::iso(c.done_on), counts, escape_html(by), escape_html(c.outcome),
                        escape_html(c.note), escape_html(c.recorded_at));
  }
  return html + "</table></div>\n";
}

std::string form_html(const TaskView& v, dsl::Lang lang) {
  const auto& p = *v.process;
  const auto& t = *v.task;
  const auto& s = p.steps[t.step];
  bool correcting = !v.history.empty();
  std::string html = fmt::format(
      "<h2 id=\"record\">{}</h2>\n",
      correcting ? tr(lang, "Rätta", "Correct") : tr(lang, "Markera som klar", "Mark as done"));
  if (correcting)
    html += fmt::format(
        "<p class=\"muted\">{}</p>\n",
        tr(lang, "En rättelse är en ny post; den senaste gäller och de tidigare finns kvar.",
           "A correction is a new entry; the latest counts and the earlier ones stay."));
  for (const auto& e : v.errors)
    html += "<p class=\"error\" role=\"alert\">" + escape_html(e) + "</p>\n";
  html += "<form method=\"post\" action=\"/done\">\n";
  auto hidden = [&](const char* name, const std::string& value) {
    html +=
        fmt::format("<input type=\"hidden\" name=\"{}\" value=\"{}\">\n", name, escape_html(value));
  };
  hidden("csrf", v.csrf);
  hidden("p", p.id);
  hidden("c", std::to_string(t.cycle));
  hidden("s", s.id);
  hidden("u", t.unit);
  hidden("n", std::to_string(t.occurrence));
  html += fmt::format(
      "<label for=\"date\">{}</label><input type=\"date\" id=\"date\" name=\"date\" required "
      "value=\"{}\">\n",
      tr(lang, "Datum då det gjordes", "Date it was done"), dsl::iso(v.today));
  if (!s.outcomes.empty()) {
    html += fmt::format(
        "<label for=\"outcome\">{}</label><select id=\"outcome\" name=\"outcome\" required><option "
        "value=\"\">{}</option>",
        tr(lang, "Utfall", "Outcome"), tr(lang, "– välj –", "– choose –"));
    for (const auto& o : s.outcomes) html += fmt::format("<option>{}</option>", escape_html(o));
    html += "</select>\n";
  }
  html += fmt::format(
      "<label for=\"note\">{}</label><textarea id=\"note\" name=\"note\" rows=\"3\"></textarea>\n",
      tr(lang, "Anteckning (frivillig)", "Note (optional)"));
  html += fmt::format("<button class=\"primary\" type=\"submit\">{}</button>\n</form>\n",
                      correcting ? tr(lang, "Spara rättelse", "Save correction")
                                 : tr(lang, "Markera som klar", "Mark as done"));
  return html;
}

}  // namespace

const char* tr(dsl::Lang lang, const char* sv, const char* en) {
  return lang == dsl::Lang::sv ? sv : en;
}

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
  std::string html = fmt::format(
      "<!DOCTYPE html>\n<html lang=\"{}\"><head><meta charset=\"utf-8\">"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{} – "
      "{}</title><style>{}</style></head><body>\n"
      "<a class=\"skip\" href=\"#main\">{}</a><header><strong>{}</strong>",
      lang == dsl::Lang::sv ? "sv" : "en", escape_html(f.title),
      tr(lang, "Årshjulet", "Annual cycle"), kStyle, tr(lang, "Till innehållet", "Skip to content"),
      tr(lang, "Årshjulet", "Annual cycle"));
  if (f.viewer) {
    html += fmt::format("<nav aria-label=\"{}\">", tr(lang, "Huvudmeny", "Main menu"));
    const std::pair<const char*, const char*> links[] = {
        {"/my", tr(lang, "Mina uppgifter", "My tasks")},
        {"/", tr(lang, "Översikt", "Overview")},
        {"/audit", tr(lang, "Granskning", "Audit")}};
    for (const auto& [href, text] : links)
      html += fmt::format(" <a href=\"{}\"{}>{}</a> ", href,
                          f.current == href ? " aria-current=\"page\"" : "", text);
    html += fmt::format("</nav><span class=\"who\">{}</span>", escape_html(f.viewer->name));
    html += fmt::format(
        "<form method=\"post\" action=\"/signout\"><input type=\"hidden\" name=\"csrf\" "
        "value=\"{}\"><button type=\"submit\">{}</button></form>",
        escape_html(f.csrf), tr(lang, "Logga ut", "Sign out"));
  }
  return html + "</header>\n<main id=\"main\">\n" + body + "</main>\n</body></html>\n";
}

std::string message_body(const std::string& heading, const std::string& text) {
  return "<h1>" + escape_html(heading) + "</h1>\n<p>" + escape_html(text) + "</p>\n";
}

std::string overview_body(const std::vector<dsl::Process>& ps,
                          const std::vector<engine::Task>& tasks, std::size_t process,
                          dsl::Date date, dsl::Lang lang) {
  std::string html = fmt::format(
      "<h1>{}</h1>\n", escape_html(fmt::format(fmt::runtime(tr(lang, "Översikt {}", "Overview {}")),
                                               dsl::iso(date))));
  if (ps.empty()) return html;
  html += fmt::format("<nav aria-label=\"{}\"><ul>", tr(lang, "Processer", "Processes"));
  for (std::size_t i = 0; i < ps.size(); ++i)
    html += fmt::format("<li><a href=\"/?process={}\"{}>{}</a></li>", url_encode(ps[i].id),
                        i == process ? " aria-current=\"page\"" : "",
                        escape_html(ps[i].title.empty() ? ps[i].id : ps[i].title));
  html += "</ul></nav>\n";
  const auto& p = ps[process];
  pictures::WheelOptions wo;
  wo.year = engine::cycle_of(p.cycle, date);
  wo.today = date;
  wo.lang = lang;
  wo.tasks = &tasks;
  wo.process_index = process;
  html += fmt::format("<h2>{}</h2>\n<figure class=\"wheel\">{}</figure>\n",
                      escape_html(fmt::format("{} {}", p.title.empty() ? p.id : p.title, wo.year)),
                      inline_svg(pictures::render_wheel(p, wo)));
  html += fmt::format("<h2>{}</h2>\n",
                      tr(lang, "Läget per roll och enhet", "Status per role and unit"));
  return html + status_table(ps, tasks, lang);
}

std::string my_tasks_body(const Viewer& v, const std::vector<dsl::Process>& ps,
                          const std::vector<const engine::Task*>& mine, dsl::Date date,
                          dsl::Lang lang) {
  std::set<std::string> roles;
  for (const auto* row : v.rows)
    roles.insert(row->unit.empty() ? row->role : row->role + ", " + row->unit);
  std::string who;
  for (const auto& r : roles) who += (who.empty() ? "" : "; ") + r;
  std::string html =
      fmt::format("<h1>{}</h1>\n<p class=\"muted\">{} · {}{}</p>\n",
                  tr(lang, "Mina uppgifter", "My tasks"), escape_html(who), dsl::iso(date),
                  v.owner ? tr(lang, " · processägare: får registrera alla uppgifter",
                               " · process owner: may record every task")
                          : "");
  if (mine.empty())
    return html + fmt::format("<p>{}</p>\n",
                              tr(lang, "Inget att göra just nu.", "Nothing to do right now."));
  std::optional<State> group;
  for (const auto* t : mine) {
    if (t->state != group) {
      if (group) html += "</ul>\n";
      group = t->state;
      html += fmt::format("<h2 id=\"{}\">{}</h2>\n<ul class=\"tasks\">\n", state_class(t->state),
                          state_text(t->state, lang));
    }
    const auto& p = ps[t->process];
    const auto& s = p.steps[t->step];
    html += fmt::format(
        "<li class=\"{}\" data-step=\"{}\" data-unit=\"{}\"><a href=\"{}\"><b>{}</b></a> <span "
        "class=\"muted\">{} {}</span><br>{}<br>"
        "<span class=\"state\">{}</span> · {} {} · {}",
        state_class(t->state), escape_html(s.id), escape_html(t->unit),
        escape_html(task_url(p, *t)), escape_html(task_name(p, *t)),
        escape_html(p.title.empty() ? p.id : p.title), t->cycle,
        escape_html(cli::task_text(p, s, lang)), state_text(t->state, lang),
        tr(lang, "senast", "due"), escape_html(cli::deadline_text(t->window, lang)),
        escape_html(days_text(*t, lang)));
    if (!t->blocked_by.empty())
      html +=
          fmt::format("<br>{} {}", tr(lang, "Väntar på", "Waits for"), blockers_html(p, *t, lang));
    html += "</li>\n";
  }
  return html + "</ul>\n";
}

std::string plan_body(const PlanView& v, dsl::Lang lang) {
  if (v.activities.empty() && v.measures.empty()) return {};
  std::string html =
      fmt::format("<h2 id=\"plan\">{}</h2>\n", tr(lang, "Verksamhetsplanen", "The plan"));
  if (v.saved)
    html += fmt::format("<p class=\"ok\" role=\"status\">{}</p>\n", tr(lang, "Sparat.", "Saved."));
  if (!v.errors.empty()) {
    html += "<ul class=\"errors\" role=\"alert\">";
    for (const auto& e : v.errors) html += "<li>" + escape_html(e) + "</li>";
    html += "</ul>\n";
  }
  auto hidden = [](const char* name, const std::string& value) {
    return fmt::format("<input type=\"hidden\" name=\"{}\" value=\"{}\">", name,
                       escape_html(value));
  };
  if (!v.activities.empty()) {
    html +=
        fmt::format("<h3>{}</h3>\n<ul class=\"tasks\">\n", tr(lang, "Aktiviteter", "Activities"));
    for (const auto* a : v.activities) {
      const auto& act = *a->activity;
      std::string status =
          a->status ? engine::status_word(*a->status, lang) : tr(lang, "ingen status", "no status");
      std::string id = "a-" + act.id + (a->unit.empty() ? "" : "-" + a->unit);
      html += fmt::format(
          "<li class=\"{}\" data-activity=\"{}\" data-unit=\"{}\"><b>{}</b>{} <span "
          "class=\"muted\">{} {}</span><br>",
          a->overdue ? "overdue" : "ready", escape_html(act.id), escape_html(a->unit),
          escape_html(act.task), a->unit.empty() ? "" : " (" + escape_html(a->unit) + ")",
          escape_html(a->process->title.empty() ? a->process->id : a->process->title), a->year);
      html += fmt::format("<span class=\"state\">{}</span>", escape_html(status));
      if (a->planned)
        html += fmt::format(" · {} {} ({})", tr(lang, "KLART", "DUE"), escape_html(act.due->text),
                            dsl::iso(*a->planned));
      if (a->overdue) html += fmt::format(" · <b>{}</b>", tr(lang, "försenad", "overdue"));
      if (a->latest && !a->latest->comment.empty())
        html += "<br>" + escape_html(a->latest->comment);
      html += fmt::format("<form method=\"post\" action=\"/progress\">{}{}{}{}{}",
                          hidden("csrf", v.csrf), hidden("p", a->process->id),
                          hidden("c", std::to_string(a->year)), hidden("a", act.id),
                          hidden("u", a->unit));
      html += fmt::format("<label for=\"{0}-s\">{1}</label> <select id=\"{0}-s\" name=\"status\">",
                          escape_html(id), tr(lang, "Status", "Status"));
      for (auto st : {engine::ActivityStatus::ongoing, engine::ActivityStatus::done,
                      engine::ActivityStatus::pending, engine::ActivityStatus::closed})
        html += fmt::format("<option value=\"{}\"{}>{}</option>",
                            engine::status_word(st, dsl::Lang::sv),
                            a->status == st ? " selected" : "", engine::status_word(st, lang));
      html += fmt::format(
          "</select> <label for=\"{0}-k\">{1}</label> <input id=\"{0}-k\" name=\"comment\" "
          "value=\"{2}\"> "
          "<label for=\"{0}-d\">{3}</label> <input id=\"{0}-d\" type=\"date\" name=\"date\" "
          "value=\"{4}\"> "
          "<button type=\"submit\">{5}</button></form></li>\n",
          escape_html(id), tr(lang, "Kommentar", "Comment"),
          a->latest ? escape_html(a->latest->comment) : "", tr(lang, "Datum", "Date"),
          dsl::iso(v.today), tr(lang, "Spara", "Save"));
    }
    html += "</ul>\n";
  }
  if (!v.measures.empty()) {
    html +=
        fmt::format("<h3>{}</h3>\n<ul class=\"tasks\">\n", tr(lang, "Mätvärden", "Measure values"));
    for (const auto* m : v.measures) {
      const auto& me = *m->measure;
      std::string id = "m-" + me.id + "-" + m->unit + "-" + std::to_string(m->tertial);
      auto met = m->met();
      std::string value = m->value ? engine::number_text(m->value->value, lang) : "";
      html += fmt::format(
          "<li class=\"{}\" data-measure=\"{}\" data-unit=\"{}\" data-tertial=\"{}\"><b>{}</b>{} · "
          "T{} · {} {}{} {}<br>",
          m->missing     ? "overdue"
          : met && !*met ? "blocked"
                         : "ready",
          escape_html(me.id), escape_html(m->unit), m->tertial,
          escape_html(me.title.empty() ? me.id : me.title),
          m->unit.empty() ? "" : " (" + escape_html(m->unit) + ")", m->tertial,
          tr(lang, "målvärde", "target"), me.direction == dsl::Direction::higher ? "≥ " : "≤ ",
          escape_html(engine::number_text(me.target, lang)), escape_html(me.unit));
      html += fmt::format(
          "<span class=\"state\">{}</span>",
          m->value ? escape_html(value) + " · " +
                         (*met ? tr(lang, "uppnått", "met") : tr(lang, "ej uppnått", "not met"))
                   : (m->missing ? tr(lang, "saknas", "missing")
                                 : tr(lang, "ej rapporterat", "not reported")));
      html += fmt::format(
          "<form method=\"post\" action=\"/measure\">{}{}{}{}{}{}<label for=\"{}-v\">{}</label> "
          "<input id=\"{}-v\" name=\"value\" inputmode=\"decimal\" value=\"{}\" required> "
          "<button type=\"submit\">{}</button></form></li>\n",
          hidden("csrf", v.csrf), hidden("p", m->process->id), hidden("c", std::to_string(m->year)),
          hidden("m", me.id), hidden("u", m->unit), hidden("t", "T" + std::to_string(m->tertial)),
          escape_html(id), tr(lang, "Värde", "Value"), escape_html(id), escape_html(value),
          tr(lang, "Spara", "Save"));
    }
    html += "</ul>\n";
  }
  return html;
}

std::string task_body(const TaskView& v, dsl::Lang lang) {
  const auto& p = *v.process;
  const auto& t = *v.task;
  const auto& s = p.steps[t.step];
  std::string html = fmt::format("<h1>{}</h1>\n", escape_html(task_name(p, t)));
  if (v.saved)
    html += fmt::format("<p class=\"ok\" role=\"status\">{}</p>\n", tr(lang, "Sparat.", "Saved."));
  std::string state = state_text(t.state, lang);
  if (auto d = days_text(t, lang); !d.empty()) state += " · " + escape_html(d);
  if (t.done_on)
    state += " · " + escape_html(fmt::format(fmt::runtime(tr(lang, "klar {}", "done {}")),
                                             dsl::iso(*t.done_on)));
  html += fmt::format("<dl><dt>{}</dt><dd id=\"state\" data-state=\"{}\">{}</dd>",
                      tr(lang, "Läge", "State"), state_class(t.state), state);
  html += fmt::format("<dt>{}</dt><dd id=\"what\">{}</dd>", tr(lang, "VAD", "WHAT"),
                      escape_html(cli::task_text(p, s, lang)));
  html += fmt::format("<dt>{}</dt><dd>{}</dd>", tr(lang, "NÄR", "WHEN"), escape_html(s.when.text));
  html += fmt::format("<dt>{}</dt><dd>{} – {}</dd>", tr(lang, "Fönster", "Window"),
                      dsl::iso(t.window.start), escape_html(cli::deadline_text(t.window, lang)));
  html += fmt::format("<dt>{}</dt><dd>{}</dd>", tr(lang, "VEM", "WHO"),
                      escape_html(cli::roles_text(p, s, lang)));
  html += fmt::format("<dt>{}</dt><dd>{} {}</dd></dl>\n", tr(lang, "Process", "Process"),
                      escape_html(p.title.empty() ? p.id : p.title), t.cycle);
  html += fmt::format("<h2>{}</h2>\n", tr(lang, "Beroenden (EFTER)", "Dependencies (AFTER)"));
  if (s.deps.empty()) {
    html += fmt::format("<p class=\"muted\">{}</p>\n", tr(lang, "Inga.", "None."));
  } else {
    html += "<ul>";
    for (const auto& dep : s.deps) {
      html += "<li>" + escape_html(p.steps[dep.step].id);
      for (const auto* d : v.depends_on)
        if (d->step == dep.step)
          html += fmt::format(" · <a href=\"{}\">{}</a>: {}", escape_html(task_url(p, *d)),
                              escape_html(task_name(p, *d)), state_text(d->state, lang));
      html += "</li>";
    }
    html += "</ul>\n";
  }
  if (!t.blocked_by.empty())
    html += fmt::format("<p>{} {}</p>\n", tr(lang, "Väntar på", "Waits for"),
                        blockers_html(p, t, lang));
  html += fmt::format("<h2>{}</h2>\n", tr(lang, "Historik", "History")) + history_html(v, lang);
  if (v.may_record)
    html += form_html(v, lang);
  else
    html += fmt::format(
        "<p class=\"muted\">{}</p>\n",
        tr(lang,
           "Den här uppgiften hör till en annan roll eller enhet: du kan se den men inte "
           "registrera den.",
           "This task belongs to another role or unit: you can see it but not record it."));
  return html;
}

}  // namespace arshjul::web
