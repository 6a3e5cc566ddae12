#include "web/pages.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <map>
#include <set>

#include "dsl/collate.hpp"
#include "dsl/labels.hpp"
#include "dsl/text.hpp"
#include "engine/versions.hpp"
#include "pictures/wheel.hpp"
#include "present/html.hpp"
#include "present/page.hpp"
#include "present/texts.hpp"
#include "web/dates.hpp"
#include "web/page_parts.hpp"
#include "web/task_link.hpp"

namespace arshjul::web {
namespace {

// The wheel is a standalone SVG document: inline it from its root element on.
std::string inline_svg(const std::string& svg) {
  auto at = svg.find("<svg");
  return at == std::string::npos ? svg : svg.substr(at);
}

/// The wheel, and its text alternative: the same steps in date order with their windows and
/// states, linked from the picture. On a phone the list comes first (the style sheet). The
/// list of a wheel of more than kStepsInline steps is on a page of its own (/steg), linked
/// from the picture instead.
std::string wheel_and_list(const dsl::Process& p, const pictures::WheelOptions& wo,
                           std::string& list) {
  const dsl::Lang lang = wo.lang;
  auto wheel = pictures::draw_wheel(p, wo);
  Html items;
  items.raw("<ol class=\"steps\">\n");
  for (const auto& i : wheel.items) {
    items.format("<li data-step=\"{}\"><b>{}</b> · {}<br>{}", p.steps[i.step].id, i.label, i.roles,
                 window_html(i.window, lang));
    if (i.state) items.format(" · <span class=\"state\">{}</span>", state_text(*i.state, lang));
    if (i.total > 1) items.format(" · {}", say<Msg::units_done>(lang, i.done, i.total));
    items.raw("</li>\n");
  }
  items.raw("</ol>");
  list = items.take();
  const bool here = wheel.items.size() <= kStepsInline;
  Html h;
  h.format(
      "<div class=\"wheelbox\"><figure class=\"wheel\" id=\"wheel\"><figcaption><a "
      "href=\"{}\">{}</a></figcaption>{}</figure>\n",
      here ? std::string("#steps") : "/steg?process=" + url_encode(p.id),
      say<Msg::wheel_list_link>(lang, wheel.items.size()), Html::trusted(inline_svg(wheel.svg)));
  if (here)
    h.format(
        "<section class=\"steplist\" aria-labelledby=\"steps\"><h3 id=\"steps\">{}</h3>{}"
        "</section>",
        tr<Msg::wheel_steps_heading>(lang), Html::trusted(list));
  h.raw("</div>\n");
  return h.take();
}

Html history_html(const TaskView& v, dsl::Lang lang) {
  Html h;
  if (v.history.empty())
    return h.format("<p class=\"muted\">{}</p>\n", tr<Msg::nothing_recorded_yet>(lang));
  // One block per entry on a phone (class "stack"), each value led by its column's name.
  const std::array<const char*, 5> columns{tr<Msg::done>(lang), tr<Msg::by>(lang),
                                           tr<Msg::outcome>(lang), tr<Msg::note>(lang),
                                           tr<Msg::recorded>(lang)};
  h.raw(
      "<div class=\"scroll\" tabindex=\"0\" role=\"region\" aria-labelledby=\"history-h\"><table "
      "id=\"history\" class=\"stack\"><thead><tr>");
  for (const char* column : columns) h.format("<th scope=\"col\">{}</th>", column);
  h.raw("</tr></thead>\n");
  // Each address folded once, not once per entry and person.
  std::vector<std::string> emails;
  if (v.roster)
    for (const auto& person : v.roster->people) emails.push_back(dsl::fold(person.email));
  for (std::size_t i = 0; i < v.history.size(); ++i) {
    const auto& c = v.history[i];
    std::string by = c.done_by;
    auto at = std::find(emails.begin(), emails.end(), dsl::fold(c.done_by));
    if (at != emails.end())
      by = v.roster->people[static_cast<std::size_t>(at - emails.begin())].name + " <" + c.done_by +
           ">";
    std::string counts =
        i + 1 == v.history.size() && i > 0 ? tr<Msg::counts_corrects_earlier>(lang) : "";
    // When it was recorded, as people read it in Sweden; a timestamp of another shape as it is.
    auto recorded = readable_timestamp(c.recorded_at, lang);
    h.format(
        "<tr><td data-l=\"{}\">{}{}</td><td data-l=\"{}\">{}</td><td data-l=\"{}\">{}</td>"
        "<td data-l=\"{}\">{}</td><td data-l=\"{}\"><time datetime=\"{}\">{}</time></td></tr>\n",
        columns[0], time_html(c.done_on, lang), counts, columns[1], by, columns[2], c.outcome,
        columns[3], c.note, columns[4], c.recorded_at, recorded.value_or(c.recorded_at));
  }
  h.raw("</table></div>\n");
  return h;
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
  if (!v.submission.empty()) h.format("{}\n", hidden("submission", v.submission));
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

/// The task page's facts: state, VAD, NÄR, window, VEM, process.
Html task_facts(const dsl::Process& p, const engine::Task& t, dsl::Lang lang) {
  const auto& s = p.steps[t.step];
  std::string state = state_text(t.state, lang);
  if (auto d = days_text(t, lang); !d.empty()) state += " · " + d;
  if (t.done_on) state += " · " + say<Msg::done_on>(lang, readable_date(*t.done_on, lang));
  Html h;
  h.format("<dl><dt>{}</dt><dd id=\"state\" data-state=\"{}\">{}</dd>", tr<Msg::state>(lang),
           state_class(t.state), state);
  h.format("<dt>{}</dt><dd id=\"what\">{}</dd>", tr<Msg::field_what>(lang),
           present::task_html(p, s, lang));
  h.format("<dt>{}</dt><dd>{}</dd>", tr<Msg::field_when>(lang), s.when.text);
  h.format("<dt>{}</dt><dd>{}</dd>", tr<Msg::window>(lang), window_html(t.window, lang));
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
      h.format("<li>{}", dsl::step_label(p.steps[dep.step]));
      for (const auto* d : v.depends_on)
        if (d->step == dep.step)
          h.format(" · <a href=\"{}\">{}</a>: {}", task_url(p, *d), task_title(p, *d),
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

void url_encode_to(std::string& out, std::string_view s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  // RFC 3986's unreserved characters (ASCII letters and digits, as std::isalnum in the "C"
  // locale the program keeps), appended a run at a time.
  auto unreserved = [](unsigned char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '_' || c == '.' || c == '~';
  };
  for (std::size_t at = 0; at < s.size();) {
    std::size_t run = at;
    while (run < s.size() && unreserved(static_cast<unsigned char>(s[run]))) ++run;
    out.append(s, at, run - at);
    if (run == s.size()) break;
    const auto c = static_cast<unsigned char>(s[run]);
    const char escaped[] = {'%', kHex[c >> 4], kHex[c & 15]};
    out.append(escaped, 3);
    at = run + 1;
  }
}

std::string url_encode(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  url_encode_to(out, s);
  return out;
}

std::string site_header(const Frame& f) {
  dsl::Lang lang = f.lang;
  Html h;
  h.format("<header class=\"site\"><strong>{}</strong>", tr<Msg::annual_cycle>(lang));
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
  h.raw("</header>\n");
  return h.take();
}

const char* site_header_style() {
  return kHeaderStyle;
}

std::string layout(const Frame& f, std::string_view body) {
  dsl::Lang lang = f.lang;
  Html h;
  // The style sheet, made once: the site's, and the documents' stacking tables on a phone.
  static const std::string style = std::string(kHeaderStyle) + kStyle + "@media (max-width:40em){" +
                                   std::string(present::kStackTableCss) + "}";
  h.begin_page(tr<Msg::lang_code>(lang), f.title + " – " + tr<Msg::annual_cycle>(lang), style);
  h.format("<a class=\"skip\" href=\"#main\">{}</a>{}", tr<Msg::skip_to_content>(lang),
           Html::trusted(site_header(f)));
  h.format("<main id=\"main\"{}>\n", Html::trusted(f.wide ? " class=\"wide\"" : ""));
  // `body` is a page body made by the functions below, already HTML: appended once, not passed
  // through fmt (the overview's is most of a 280 KB page).
  constexpr std::string_view foot = "</main>\n</body></html>\n";
  std::string page = h.take();
  page.reserve(page.size() + body.size() + foot.size());
  page.append(body).append(foot);
  return page;
}

std::string message_body(const std::string& heading, const std::string& text) {
  Html h;
  return h.format("<h1>{}</h1>\n<p>{}</p>\n", heading, text).take();
}

std::string overview_body(const std::vector<dsl::Process>& ps,
                          const std::vector<dsl::Process>& rules,
                          const std::vector<engine::Task>& tasks, std::size_t process,
                          dsl::Date date, dsl::Lang lang) {
  return overview_body(ps, rules, tasks, StatusCounts(rules, tasks), process, date, lang);
}

std::string overview_body(const std::vector<dsl::Process>& ps,
                          const std::vector<dsl::Process>& rules,
                          const std::vector<engine::Task>& tasks, const StatusCounts& counts,
                          std::size_t process, dsl::Date date, dsl::Lang lang) {
  if (ps.empty()) return overview_top(ps, process, date, lang);
  return overview_top(ps, process, date, lang) +
         overview_wheel(ps, rules, tasks, process, date, lang).html + overview_table(counts, lang);
}

std::string overview_top(const std::vector<dsl::Process>& ps, std::size_t process, dsl::Date date,
                         dsl::Lang lang) {
  Html h;
  h.format("<h1>{}</h1>\n", say<Msg::overview_on>(lang, readable_date(date, lang)));
  if (ps.empty()) return h.take();
  h.format("<nav aria-label=\"{}\"><ul>", tr<Msg::processes>(lang));
  for (std::size_t i = 0; i < ps.size(); ++i)
    h.format("<li><a href=\"/?process={}\"{}>{}</a></li>", url_encode(ps[i].id),
             Html::trusted(i == process ? " aria-current=\"page\"" : ""), process_title(ps[i]));
  h.raw("</ul></nav>\n");
  return h.take();
}

WheelShown wheel_shown(const std::vector<dsl::Process>& ps, const std::vector<dsl::Process>& rules,
                       std::size_t process, dsl::Date date) {
  const int year = engine::cycle_of(ps[process].cycle, date);
  // The wheel of this cycle by its rules in force (engine/versions.hpp).
  return {engine::process_in_force(rules, ps[process].id, year).value_or(process), year};
}

OverviewWheel overview_wheel(const std::vector<dsl::Process>& ps,
                             const std::vector<dsl::Process>& rules,
                             const std::vector<engine::Task>& tasks, std::size_t process,
                             dsl::Date date, dsl::Lang lang, const pictures::StateTally* tally) {
  const auto [shown, year] = wheel_shown(ps, rules, process, date);
  pictures::WheelOptions wo;
  wo.year = year;
  const auto& p = rules[shown];
  wo.today = date;
  wo.lang = lang;
  wo.tasks = &tasks;
  wo.tally = tally;
  wo.process_index = shown;
  wo.layout_data = false;  // only the picture's own tests read them
  wo.description = false;  // the list of steps is the text alternative, linked from it
  OverviewWheel out{shown, wo.year, fmt::format("{} {}", process_title(p), wo.year)};
  Html h;
  h.format("<h2>{}</h2>\n", out.title);
  out.html = h.take() + wheel_and_list(p, wo, out.list);
  return out;
}

std::string steps_body(const OverviewWheel& wheel, dsl::Lang lang) {
  Html h;
  h.format("<h1>{}</h1>\n{}\n", say<Msg::wheel_steps_of>(lang, wheel.title),
           Html::trusted(wheel.list));
  return h.take();
}

std::string task_body(const TaskView& v, dsl::Lang lang) {
  const auto& p = *v.process;
  const auto& t = *v.task;
  Html h;
  h.format("<h1>{}</h1>\n", task_title(p, t));
  if (v.saved) h.format("<p class=\"ok\" role=\"status\">{}</p>\n", tr<Msg::saved>(lang));
  h += task_facts(p, t, lang);
  h += dependencies_html(v, lang);
  h.format("<h2 id=\"history-h\">{}</h2>\n", tr<Msg::history>(lang));
  h += history_html(v, lang);
  if (v.may_record)
    h += form_html(v, lang);
  else
    h.format("<p class=\"muted\">{}</p>\n", tr<Msg::task_of_another_role>(lang));
  return h.take();
}

}  // namespace arshjul::web
