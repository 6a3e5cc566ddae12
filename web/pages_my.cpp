// "Mina uppgifter": the signed-in person's tasks, one card per step and state whatever the
// number of units (a förvaltningschef's 20 units of one step are one card listing them), and
// the plan's part with its forms.
#include <fmt/format.h>

#include <map>
#include <optional>
#include <set>
#include <tuple>

#include "dsl/collate.hpp"
#include "dsl/labels.hpp"
#include "dsl/text.hpp"
#include "present/texts.hpp"
#include "web/dates.hpp"
#include "web/page_parts.hpp"
#include "web/pages.hpp"

namespace arshjul::web {
namespace {

/// The tasks of one step's occurrence that share their state, deadline and what they wait
/// for: one card, listing their units.
struct Card {
  std::vector<const engine::Task*> tasks;
  std::string blockers;  ///< blockers_html of the first, as part of what the tasks share
};

/// `mine` (most urgent first) as cards, in the order of each card's first task.
std::vector<Card> cards_of(const std::vector<dsl::Process>& ps,
                           const std::vector<const engine::Task*>& mine, const StepTexts& texts,
                           dsl::Lang lang) {
  using Key = std::tuple<std::size_t, int, std::size_t, int, State, int, std::string>;
  std::map<Key, std::size_t> index;
  std::vector<Card> cards;
  for (const auto* t : mine) {
    std::string blockers;
    if (!t->blocked_by.empty())
      blockers = blockers_html(ps[t->process], *t, lang, [&](std::size_t step) {
                   return texts.label(t->process, step);
                 }).take();
    Key key{t->process, t->cycle, t->step, t->occurrence, t->state, t->days, blockers};
    auto [it, added] = index.try_emplace(key, cards.size());
    if (added) cards.push_back({{}, std::move(blockers)});
    cards[it->second].tasks.push_back(t);
  }
  return cards;
}

Html card_html(const std::vector<dsl::Process>& ps, const Card& c, const StepTexts& texts,
               dsl::Lang lang) {
  const auto& t = *c.tasks.front();
  const auto& p = ps[t.process];
  const auto& s = p.steps[t.step];
  const auto& label = texts.label(t.process, t.step);
  const bool many = c.tasks.size() > 1;
  // Appended piece by piece rather than formatted: a page has a card per task, and fmt parses
  // each format string anew (text still escaped by Html::text).
  Html h;
  h.raw("<li class=\"").text(state_class(t.state)).raw("\" data-step=\"").text(s.id);
  h.raw("\" data-unit=\"").text(many ? std::string_view() : std::string_view(t.unit));
  h.raw("\" data-units=\"").raw(std::to_string(c.tasks.size())).raw("\">");
  if (many)
    h.raw("<b>").text(label).raw("</b>");
  else
    h.raw("<a href=\"")
        .raw(task_href(p, t))
        .raw("\"><b>")
        .text(task_title(p, t, label))
        .raw("</b></a>");
  h.raw(" <span class=\"muted\">").text(texts.process_title(t.process)).raw(" ");
  h.raw(std::to_string(t.cycle)).raw("</span><br>").raw(texts.task_html(t.process, t.step));
  h.raw("<br><span class=\"state\">").text(state_text(t.state, lang)).raw("</span> · ");
  h.text(tr<Msg::due>(lang)).raw(" ");
  h += deadline_html(t.window, lang);
  if (auto days = days_text(t, lang); !days.empty()) h.format(" · {}", days);
  if (!c.blockers.empty())
    h.format("<br>{} {}", tr<Msg::waits_for>(lang), Html::trusted(c.blockers));
  if (many) {
    h.format("<br>{}<ul class=\"units\">", say<Msg::units_n>(lang, c.tasks.size()));
    for (const auto* u : c.tasks)
      h.format("<li><a href=\"{}\">{}</a></li>", Html::trusted(task_href(p, *u)), u->unit);
    h.raw("</ul>");
  }
  h.raw("</li>\n");
  return h;
}

/// A form's errors as an alert list, and "saved" after a form was taken.
Html form_feedback(bool saved, const std::vector<std::string>& errors, dsl::Lang lang) {
  Html h;
  if (saved) h.format("<p class=\"ok\" role=\"status\">{}</p>\n", tr<Msg::saved>(lang));
  if (errors.empty()) return h;
  // The alert on a box round the list: a list may not be an alert itself (its items would
  // lose their list).
  h.raw("<div role=\"alert\"><ul class=\"errors\">");
  for (const auto& e : errors) h.format("<li>{}</li>", e);
  h.raw("</ul></div>\n");
  return h;
}

/// The hidden field of a plan form's one-time key (none when the page has none): the page's
/// key and the form's place on it, `kind` ('a' an activity, 'm' a measure) and `n`.
Html submission_field(const PlanView& v, char kind, std::size_t n) {
  Html h;
  if (!v.submission.empty())
    h += hidden("submission", v.submission + "-" + kind + std::to_string(n));
  return h;
}

Html activity_html(const engine::ActivityLine& a, const PlanView& v, std::size_t n,
                   dsl::Lang lang) {
  const auto& act = *a.activity;
  std::string status = a.status ? engine::status_word(*a.status, lang) : tr<Msg::no_status>(lang);
  std::string id = "a-" + act.id + (a.unit.empty() ? "" : "-" + a.unit);
  bool refused = !v.errors.empty() && v.refused_process == a.process->id &&
                 v.refused_activity == act.id && v.refused_unit == a.unit;
  std::string comment = refused ? v.refused_comment : a.latest ? a.latest->comment : "";
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
  h.format("<form method=\"post\" action=\"/progress\">{}{}{}{}{}{}", hidden("csrf", v.csrf),
           hidden("p", a.process->id), hidden("c", std::to_string(a.year)), hidden("a", act.id),
           hidden("u", a.unit), submission_field(v, 'a', n));
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
      id, tr<Msg::comment>(lang), comment, tr<Msg::date>(lang), dsl::iso(v.today),
      tr<Msg::save>(lang));
  return h;
}

Html measure_html(const engine::MeasureLine& m, const PlanView& v, std::size_t n, dsl::Lang lang) {
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
      "<form method=\"post\" action=\"/measure\">{}{}{}{}{}{}{}<label for=\"{}-v\">{}</label> "
      "<input id=\"{}-v\" name=\"value\" inputmode=\"decimal\" value=\"{}\" required> "
      "<button type=\"submit\">{}</button></form></li>\n",
      hidden("csrf", v.csrf), hidden("p", m.process->id), hidden("c", std::to_string(m.year)),
      hidden("m", me.id), hidden("u", m.unit), hidden("t", "T" + std::to_string(m.tertial)),
      submission_field(v, 'm', n), id, tr<Msg::value>(lang), id, value, tr<Msg::save>(lang));
  return h;
}

}  // namespace

StepTexts::StepTexts(const std::vector<dsl::Process>& ps, dsl::Lang lang) {
  for (const auto& p : ps) {
    titles_.push_back(present::process_title(p));
    auto& steps = steps_.emplace_back();
    for (const auto& s : p.steps)
      steps.push_back({dsl::step_label(s), present::task_html(p, s, lang).take()});
  }
}

std::string my_tasks_body(const Viewer& v, const std::vector<dsl::Process>& ps,
                          const std::vector<const engine::Task*>& mine, dsl::Date date,
                          dsl::Lang lang, const StepTexts* kept) {
  std::set<std::string, dsl::SwedishLess> roles;
  for (const auto* row : v.rows)
    roles.insert(row->unit.empty() ? row->role : row->role + ", " + row->unit);
  std::string who;
  for (const auto& r : roles) who += (who.empty() ? "" : "; ") + r;
  Html h;
  h.format("<h1>{}</h1>\n<p class=\"muted\">{} · {}{}</p>\n", tr<Msg::my_tasks>(lang), who,
           time_html(date, lang), v.owner ? tr<Msg::process_owner_note>(lang) : "");
  if (mine.empty()) return h.format("<p>{}</p>\n", tr<Msg::nothing_to_do_right_now>(lang)).take();
  std::optional<State> group;
  std::optional<StepTexts> made;
  const StepTexts& texts = kept ? *kept : made.emplace(ps, lang);
  for (const auto& card : cards_of(ps, mine, texts, lang)) {
    State state = card.tasks.front()->state;
    if (state != group) {
      if (group) h.raw("</ul>\n");
      group = state;
      h.format("<h2 id=\"{}\">{}</h2>\n<ul class=\"tasks\">\n", state_class(state),
               state_text(state, lang));
    }
    h += card_html(ps, card, texts, lang);
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
    for (std::size_t i = 0; i < v.activities.size(); ++i)
      h += activity_html(*v.activities[i], v, i, lang);
    h.raw("</ul>\n");
  }
  if (!v.measures.empty()) {
    h.format("<h3>{}</h3>\n<ul class=\"tasks\">\n", tr<Msg::measure_values>(lang));
    for (std::size_t i = 0; i < v.measures.size(); ++i)
      h += measure_html(*v.measures[i], v, i, lang);
    h.raw("</ul>\n");
  }
  return h.take();
}
}  // namespace arshjul::web
