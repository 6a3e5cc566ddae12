#include "notify/letter.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <optional>
#include <unordered_map>

#include "dsl/labels.hpp"
#include "dsl/months.hpp"
#include "dsl/schedule.hpp"
#include "dsl/text.hpp"
#include "notify/mail.hpp"
#include "present/html.hpp"

namespace arshjul::notify {
namespace {

using dsl::Lang;
using dsl::Msg;
using dsl::say;
using dsl::tr;
using engine::ReminderItem;
using engine::ReminderKind;

struct Section {
  ReminderKind kind;
  Msg heading;
};
constexpr Section kSections[] = {
    {ReminderKind::overdue, Msg::mail_section_overdue},
    {ReminderKind::escalation, Msg::mail_section_escalation},
    {ReminderKind::due_soon, Msg::mail_section_due_soon},
    {ReminderKind::activity_overdue, Msg::mail_section_activities},
    {ReminderKind::measure_missing, Msg::mail_section_measures},
};

constexpr std::size_t kUnitsListed = 30;  // a longer list ends "and N more"
constexpr std::size_t kTextWidth = 72;

std::size_t count_of_kind(const engine::Reminder& r, ReminderKind k) {
  return static_cast<std::size_t>(std::count_if(
      r.items.begin(), r.items.end(), [k](const ReminderItem& i) { return i.kind == k; }));
}

// "30 okt", "30 Oct": a date in a subject line.
std::string short_date(dsl::Date d, Lang lang) {
  auto month = dsl::month_name(static_cast<unsigned>(d.month()), lang);
  return fmt::format("{} {}", static_cast<unsigned>(d.day()), month.substr(0, 3));
}

// "Title 2026, unit, role": where a reminder's item belongs (the role for an escalation).
std::string where_text(const dsl::Process& p, int year, const std::string& unit,
                       const std::string& for_role) {
  std::string where = fmt::format("{} {}", p.title.empty() ? p.id : p.title, year);
  if (!unit.empty()) where += ", " + unit;
  if (!for_role.empty()) where += ", " + for_role;
  return where;
}

std::string days_text(const engine::Task& t, Lang lang) {
  if (t.state == engine::State::overdue)
    return t.days == 1 ? say<Msg::mail_day_late>(lang, t.days)
                       : say<Msg::mail_days_late>(lang, t.days);
  return t.days == 1 ? say<Msg::mail_day_left>(lang, t.days)
                     : say<Msg::mail_days_left>(lang, t.days);
}

// "väntar på 3 av 16 enheter: A, B, C" (at most kUnitsListed names).
std::string units_text(const engine::UnitTally& tally, Lang lang) {
  std::vector<std::string> names(
      tally.waiting.begin(),
      tally.waiting.begin() + static_cast<long>(std::min(kUnitsListed, tally.waiting.size())));
  std::string list = dsl::join(names, ", ");
  if (tally.waiting.size() > names.size())
    list += say<Msg::mail_units_more>(lang, tally.waiting.size() - names.size());
  return tally.total == 1
             ? say<Msg::mail_units_waiting_one>(lang, tally.waiting.size(), tally.total, list)
             : say<Msg::mail_units_waiting>(lang, tally.waiting.size(), tally.total, list);
}

// The items of one step for one role, in the order they come.
struct TaskGroup {
  std::vector<const ReminderItem*> items;
};

std::vector<TaskGroup> task_groups(const engine::Reminder& r, ReminderKind kind) {
  std::vector<TaskGroup> groups;
  std::unordered_map<std::string, std::size_t> at;
  for (const auto& i : r.items) {
    if (i.kind != kind || !i.task) continue;
    const auto& t = *i.task;
    auto key = fmt::format("{}/{}/{}/{}/{}", t.process, t.cycle, t.step, t.occurrence, i.for_role);
    auto [it, fresh] = at.try_emplace(key, groups.size());
    if (fresh) groups.emplace_back();
    groups[it->second].items.push_back(&i);
  }
  return groups;
}

Paragraph task_paragraph(const TaskGroup& g, const std::vector<dsl::Process>& ps,
                         const engine::Person& to, Lang lang) {
  const ReminderItem& first = *g.items.front();
  const auto& t = *first.task;
  const auto& p = ps[t.process];
  const auto& s = p.steps[t.step];
  Paragraph out;
  out.title = dsl::step_label(s);
  // A unit's own task (the rektor's school) names the unit; a step of many units lists them.
  bool own_unit = !t.unit.empty() && g.items.size() == 1 && dsl::fold(t.unit) == dsl::fold(to.unit);
  out.where = where_text(p, t.cycle, own_unit || !first.units ? t.unit : "", first.for_role);
  std::string vad = dsl::shortened(s.task, s.task.size());
  if (vad != out.title) out.task = vad;
  out.lines.push_back(say<Msg::mail_when_due>(lang, s.when.text, dsl::iso(t.window.deadline)) +
                      days_text(t, lang));
  if (first.units && !own_unit) out.lines.push_back(units_text(*first.units, lang));
  out.link = s.link.get();
  return out;
}

Paragraph activity_paragraph(const ReminderItem& i, Lang lang) {
  const auto& a = *i.activity;
  Paragraph out;
  out.title = a.activity->title.empty() ? dsl::shortened(a.activity->task, 60) : a.activity->title;
  out.where = where_text(*a.process, a.year, a.unit, i.for_role);
  out.task = dsl::shortened(a.activity->task, a.activity->task.size());
  if (out.task == out.title) out.task.clear();
  std::string status =
      a.status ? engine::status_word(*a.status, lang) : tr<Msg::mail_no_status>(lang);
  out.lines.push_back(say<Msg::mail_activity_due>(lang,
                                                  a.activity->due ? a.activity->due->text : "",
                                                  a.planned ? dsl::iso(*a.planned) : "", status));
  return out;
}

Paragraph measure_paragraph(const ReminderItem& i, Lang lang) {
  const auto& m = *i.measure;
  const auto& me = *m.measure;
  Paragraph out;
  out.title = me.title.empty() ? me.id : me.title;
  out.where = where_text(*m.process, m.year, m.unit, "");
  out.lines.push_back(say<Msg::mail_measure_missing>(
      lang, m.tertial, dsl::iso(m.due), engine::number_text(me.target, lang), me.unit));
  return out;
}

// The earliest deadline of the items of `kinds`, tasks and activities.
std::optional<dsl::Date> earliest(const engine::Reminder& r,
                                  std::initializer_list<ReminderKind> kinds) {
  std::optional<dsl::Date> out;
  for (const auto& i : r.items) {
    if (std::find(kinds.begin(), kinds.end(), i.kind) == kinds.end()) continue;
    std::optional<dsl::Date> d;
    if (i.task) d = i.task->window.deadline;
    if (i.activity) d = i.activity->planned;
    if (d && (!out || *d < *out)) out = d;
  }
  return out;
}

using Counts = std::array<int, engine::kReminderKinds>;  // paragraphs per ReminderKind

int count(const Counts& c, ReminderKind k) {
  return c.at(static_cast<std::size_t>(k));
}

// "2 uppgifter försenade": the singular for 1.
template <Msg One, Msg Many>
std::string counted(int n, Lang lang) {
  return n == 1 ? say<One>(lang, n) : say<Many>(lang, n);
}

// "Årshjulet: 2 uppgifter försenade, 1 snart, nästa senast 30 okt": how many of each, counted
// as the letter's paragraphs, and the next deadline (or, with none ahead, the oldest passed).
std::string subject_of(const engine::Reminder& r, const Counts& c, Lang lang) {
  const int overdue = count(c, ReminderKind::overdue) + count(c, ReminderKind::activity_overdue);
  const int escalated = count(c, ReminderKind::escalation);
  const int soon = count(c, ReminderKind::due_soon);
  const int missing = count(c, ReminderKind::measure_missing);
  std::vector<std::string> parts;
  if (overdue)
    parts.push_back(counted<Msg::mail_n_overdue_one, Msg::mail_n_overdue>(overdue, lang));
  if (escalated)
    parts.push_back(counted<Msg::mail_n_escalated_one, Msg::mail_n_escalated>(escalated, lang));
  if (soon) parts.push_back(counted<Msg::mail_n_due_soon_one, Msg::mail_n_due_soon>(soon, lang));
  if (missing)
    parts.push_back(
        counted<Msg::mail_n_values_missing_one, Msg::mail_n_values_missing>(missing, lang));
  std::string subject = fmt::format("{}: {}", tr<Msg::annual_cycle>(lang), fmt::join(parts, ", "));
  if (auto next = earliest(r, {ReminderKind::due_soon}))
    subject += say<Msg::mail_subject_next>(lang, short_date(*next, lang));
  else if (auto since = earliest(r, {ReminderKind::overdue, ReminderKind::escalation,
                                     ReminderKind::activity_overdue}))
    subject += say<Msg::mail_subject_since>(lang, short_date(*since, lang));
  return subject;
}

// Lines of `text` at most kTextWidth wide, the first after `first`, the rest after `indent`.
std::string wrapped(const std::string& first, const std::string& text, const std::string& indent) {
  std::string out;
  auto bytes = [](std::string_view s) { return static_cast<double>(dsl::utf8_length(s)); };
  for (const auto& line : dsl::wrap_words(text, static_cast<double>(kTextWidth), bytes))
    out += (out.empty() ? first : indent) + line + "\n";
  return out;
}

constexpr const char* kStyle =
    "body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;line-height:1.5;"
    "margin:0 auto;padding:1em;max-width:42em;color:#1b1b1b;overflow-wrap:anywhere}"
    "h1{font-size:1.15em;margin:0 0 .8em}"
    "h2{font-size:1.05em;margin:1.5em 0 .3em;border-bottom:1px solid #999}"
    "ul{padding-left:1.2em;margin:0}li{margin:.8em 0}.where{color:#4a4a4a}a{color:#0b57a4}"
    ".sig{color:#4a4a4a;margin-top:2em}";

}  // namespace

std::string first_name(std::string_view name) {
  std::string n(name.substr(0, name.find('(')));
  if (auto comma = n.find(','); comma != std::string::npos) n = n.substr(comma + 1);
  n = dsl::shortened(n, n.size() + 1);  // white space squeezed and trimmed
  auto space = n.find(' ');
  std::string first = n.substr(0, space);
  return first.empty() ? std::string(name) : first;
}

Letter write_letter(const engine::Reminder& r, const std::vector<dsl::Process>& ps,
                    const MailOptions& o) {
  Letter l;
  l.greeting = say<Msg::mail_hello>(o.lang, first_name(r.to->name));
  l.intro = say<Msg::mail_intro>(o.lang, dsl::iso(o.run_date));
  Counts paragraphs{};
  for (const auto& section : kSections) {
    if (!count_of_kind(r, section.kind)) continue;
    LetterSection out{dsl::raw_text(section.heading, o.lang), {}};
    for (const auto& g : task_groups(r, section.kind))
      out.paragraphs.push_back(task_paragraph(g, ps, *r.to, o.lang));
    for (const auto& i : r.items) {
      if (i.kind != section.kind) continue;
      if (i.activity) out.paragraphs.push_back(activity_paragraph(i, o.lang));
      if (i.measure) out.paragraphs.push_back(measure_paragraph(i, o.lang));
    }
    paragraphs.at(static_cast<std::size_t>(section.kind)) = static_cast<int>(out.paragraphs.size());
    l.sections.push_back(std::move(out));
  }
  if (o.sign_in_link) {
    l.sign_in_text = tr<Msg::mail_sign_in>(o.lang);
    l.sign_in_link = o.sign_in_link(*r.to);
  }
  if (!o.contact.empty()) l.contact = say<Msg::mail_contact>(o.lang, o.contact);
  l.signature = tr<Msg::mail_sent_by>(o.lang);
  l.subject = subject_of(r, paragraphs, o.lang);
  return l;
}

std::string letter_text(const Letter& l) {
  std::string out = l.greeting + "\n\n" + wrapped("", l.intro, "");
  for (const auto& s : l.sections) {
    out += "\n" + s.heading + "\n";
    for (const auto& p : s.paragraphs) {
      out += wrapped("- ", p.title + " (" + p.where + ")", "  ");
      if (!p.task.empty()) out += wrapped("  ", p.task, "  ");
      for (const auto& line : p.lines) out += wrapped("  ", line, "  ");
      if (!p.link.empty()) out += "  " + p.link + "\n";
    }
  }
  if (!l.sign_in_link.empty()) out += "\n" + l.sign_in_text + ":\n" + l.sign_in_link + "\n";
  if (!l.contact.empty()) out += "\n" + wrapped("", l.contact, "");
  return out + "\n-- \n" + l.signature + "\n";
}

std::string letter_html(const Letter& l, Lang lang) {
  present::Html h;
  h.begin_page(tr<Msg::lang_code>(lang), l.subject, kStyle);
  // The subject as the page's one level-one heading: what the message is about, read first
  // by a screen reader too (axe-core's page-has-heading-one).
  h.format("<main>\n<h1>{}</h1>\n<p>{}</p>\n<p>{}</p>\n", l.subject, l.greeting, l.intro);
  for (const auto& s : l.sections) {
    h.format("<h2>{}</h2>\n<ul>\n", s.heading);
    for (const auto& p : s.paragraphs) {
      h.format("<li><strong>{}</strong> <span class=\"where\">({})</span>", p.title, p.where);
      if (!p.task.empty()) h.format("<br>{}", p.task);
      for (const auto& line : p.lines) h.format("<br>{}", line);
      if (!p.link.empty()) h.format("<br><a href=\"{}\">{}</a>", p.link, p.link);
      h.raw("</li>\n");
    }
    h.raw("</ul>\n");
  }
  if (!l.sign_in_link.empty())
    h.format("<p><a href=\"{}\">{}</a></p>\n", l.sign_in_link, l.sign_in_text);
  if (!l.contact.empty()) h.format("<p>{}</p>\n", l.contact);
  h.format("<p class=\"sig\">{}</p>\n</main>\n</body>\n</html>\n", l.signature);
  return h.take();
}

}  // namespace arshjul::notify
