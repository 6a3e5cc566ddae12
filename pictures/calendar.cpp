#include "pictures/calendar.hpp"

#include <fmt/format.h>
#include <libical/ical.h>

#include <map>
#include <memory>

#include "dsl/labels.hpp"
#include "dsl/schedule.hpp"
#include "dsl/text.hpp"
#include "pictures/calendar_versions.hpp"

namespace arshjul::pictures {
namespace ch = std::chrono;
using dsl::Msg;
using dsl::say;
using dsl::tr;

namespace {

struct ComponentFree {
  void operator()(icalcomponent* c) const { icalcomponent_free(c); }
};
using Component = std::unique_ptr<icalcomponent, ComponentFree>;

icaltimetype ical_date(dsl::Date d) {
  icaltimetype t = icaltime_null_date();
  t.year = static_cast<int>(d.year());
  t.month = static_cast<int>(static_cast<unsigned>(d.month()));
  t.day = static_cast<int>(static_cast<unsigned>(d.day()));
  return t;
}

// Timed events (`kl 16.00–17.00`) are in Swedish local time, described by this VTIMEZONE:
// the EU rules (summer time from the last Sunday of March to the last Sunday of October).
constexpr const char* kZone = "Europe/Stockholm";
constexpr const char* kStockholm =
    "BEGIN:VTIMEZONE\r\n"
    "TZID:Europe/Stockholm\r\n"
    "BEGIN:DAYLIGHT\r\n"
    "TZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\nTZNAME:CEST\r\n"
    "DTSTART:19700329T020000\r\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\n"
    "END:DAYLIGHT\r\n"
    "BEGIN:STANDARD\r\n"
    "TZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nTZNAME:CET\r\n"
    "DTSTART:19701025T030000\r\nRRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\n"
    "END:STANDARD\r\n"
    "END:VTIMEZONE\r\n";

// DTSTART or DTEND at `minutes` after midnight of `d`, local time in Stockholm.
icalproperty* local_time(icalproperty* (*make)(icaltimetype), dsl::Date d, int minutes) {
  icaltimetype t = ical_date(d);
  t.is_date = 0;
  if (minutes == 24 * 60) {  // kl 23-24: midnight after the day
    t = ical_date(ch::sys_days(d) + ch::days(1));
    minutes = 0;
  }
  t.is_date = 0;
  t.hour = minutes / 60;
  t.minute = minutes % 60;
  t.second = 0;
  icalproperty* p = make(t);
  icalproperty_add_parameter(p, icalparameter_new_tzid(kZone));
  return p;
}

// UIDs keep to letters, digits, '-', '_' and '.', with other bytes as %XX, so they are stable
// and safe in any calendar.
std::string uid_part(const std::string& s) {
  std::string out;
  for (unsigned char c : s)
    out += std::isalnum(c) || c == '-' || c == '.' || c == '_'
               ? std::string(1, static_cast<char>(c))
               : fmt::format("%{:02X}", c);
  return out;
}

bool has_role(const dsl::Process& p, const dsl::Step& s, const std::string& role) {
  auto r = p.find_role(role);
  if (!r) return false;
  for (const auto& ref : s.roles)
    if (ref.role == *r) return true;
  return false;
}

// A per-unit step the unit has nobody for (a school's step at a preschool): not its event.
bool unit_has_step(const dsl::Process& p, const dsl::Step& s, const CalendarOptions& o) {
  if (!o.unit || !o.roster || !p.per_unit(s)) return true;
  if (!o.roster->matches(*o.unit, s.units)) return false;  // ENHETER leaves the unit out
  for (const auto& r : s.roles)
    if (p.roles[r.role].per_unit)
      for (const auto& person : o.roster->people)
        if (person.unit == *o.unit && engine::holds(person, p, r.role)) return true;
  return false;
}

std::string roles_text(const dsl::Process& p, const dsl::Step& s, dsl::Lang lang) {
  std::string out;
  for (const auto& r : s.roles) {
    if (!out.empty()) out += ", ";
    out += p.roles[r.role].name + (r.if_needed ? tr<Msg::if_needed>(lang) : "");
  }
  return out;
}

// The steps named in EFTER, as people read them.
std::string after_text(const dsl::Process& p, const dsl::Step& s) {
  std::vector<std::string> names;
  for (const auto& d : s.deps) names.push_back(dsl::step_label(p.steps[d.step]));
  return dsl::join(names, ", ");
}

std::string description_of(const dsl::Process& p, const dsl::Step& s, const dsl::Window& w,
                           const CalendarOptions& o) {
  std::string d =
      say<Msg::calendar_description>(o.lang, dsl::shortened(s.task, s.task.size()), s.when.text,
                                     dsl::iso(w.deadline), roles_text(p, s, o.lang));
  if (!s.deps.empty()) d += say<Msg::calendar_after>(o.lang, after_text(p, s));
  d += say<Msg::calendar_process>(o.lang, p.title.empty() ? p.id : p.title);
  if (!s.link.empty() && o.task_url) d += say<Msg::calendar_link>(o.lang, s.link.get());
  return d;
}

// The web view's page of the event's task; an event of a per-unit step without a unit is no
// single task: the web view's front page. Without a link base, the step's LÄNK.
std::string url_of(const dsl::Process& p, const dsl::Step& s, int occurrence,
                   const std::string& unit, const CalendarOptions& o) {
  if (!o.task_url) return s.link;
  if (p.per_unit(s) && unit.empty()) return o.web_home;
  return o.task_url(engine::TaskId{p.id, o.year, s.id, unit, occurrence});
}

struct Event {
  std::string uid, summary, description, url;
  std::vector<std::string> categories;
  icalproperty *start = nullptr, *end = nullptr;
};

void set_dates(Event& e, const dsl::Window& w, const CalendarOptions& o) {
  if (w.time && w.start == w.deadline) {
    e.start = local_time(icalproperty_new_dtstart, w.start, w.time->start);
    e.end = local_time(icalproperty_new_dtend, w.start, w.time->end);
    return;
  }
  dsl::Date first = o.windows ? w.start : w.deadline;
  dsl::Date after_last = ch::sys_days(w.deadline) + ch::days(1);  // all-day DTEND is exclusive
  e.start = icalproperty_new_dtstart(ical_date(first));
  e.end = icalproperty_new_dtend(ical_date(after_last));
}

// Everything a client shows of the event, as one text: what its fingerprint is taken of.
std::string content_of(const Event& e) {
  std::string text = icalproperty_as_ical_string(e.start);
  text += icalproperty_as_ical_string(e.end);
  text += e.summary + '\n' + e.description + '\n' + e.url + '\n' + dsl::join(e.categories, ",");
  return text;
}

icaltimetype utc(std::time_t t) {
  return icaltime_from_timet_with_zone(t, 0, icaltimezone_get_utc_timezone());
}

class Writer {
 public:
  Writer(icalcomponent* cal, const CalendarOptions& o)
      : cal_(cal), o_(o), previous_(read_versions(o.previous)) {}

  void add(const dsl::Process& p, const dsl::Step& s, const dsl::Window& w, int occurrence,
           const std::string& unit) {
    Event e;
    e.uid = fmt::format("{}-{}-{}-{}-{}@arshjul", uid_part(p.id), o_.year, uid_part(s.id),
                        uid_part(unit.empty() ? "alla" : unit), occurrence);
    e.summary = dsl::step_label(s) + (unit.empty() ? "" : " (" + unit + ")");
    e.description = description_of(p, s, w, o_);
    e.url = url_of(p, s, occurrence, unit, o_);
    for (const auto& r : s.roles) e.categories.push_back(p.roles[r.role].name);
    set_dates(e, w, o_);
    auto found = previous_.find(e.uid);
    auto v = next_version(fingerprint(content_of(e)),
                          o_.file_changed ? o_.file_changed(s.where.file) : 0,
                          found == previous_.end() ? nullptr : &found->second);
    write(e, v);
  }

 private:
  void write(const Event& e, const EventVersion& v) {
    icalcomponent* ev = icalcomponent_new(ICAL_VEVENT_COMPONENT);
    icalcomponent_add_property(ev, icalproperty_new_uid(e.uid.c_str()));
    icalcomponent_add_property(ev, icalproperty_new_dtstamp(utc(o_.now)));
    icalcomponent_add_property(ev, icalproperty_new_sequence(v.sequence));
    icalcomponent_add_property(ev, icalproperty_new_lastmodified(utc(v.modified)));
    icalcomponent_add_property(ev, e.start);
    icalcomponent_add_property(ev, e.end);
    icalcomponent_add_property(ev, icalproperty_new_summary(e.summary.c_str()));
    icalcomponent_add_property(ev, icalproperty_new_description(e.description.c_str()));
    for (const auto& c : e.categories)
      icalcomponent_add_property(ev, icalproperty_new_categories(c.c_str()));
    icalcomponent_add_property(ev, icalproperty_new_transp(ICAL_TRANSP_TRANSPARENT));
    if (!e.url.empty()) icalcomponent_add_property(ev, icalproperty_new_url(e.url.c_str()));
    icalproperty* content = icalproperty_new_x(v.content.c_str());
    icalproperty_set_x_name(content, "X-ARSHJUL-CONTENT");
    icalcomponent_add_property(ev, content);
    icalcomponent_add_component(cal_, ev);
  }

  icalcomponent* cal_;
  const CalendarOptions& o_;
  std::map<std::string, EventVersion> previous_;
};

// "Årshjulet 2026 – Ekbackens skola": the calendar's name in the client's list.
std::string calendar_name(const CalendarOptions& o) {
  std::string name = say<Msg::calendar_name>(o.lang, o.year);
  if (o.unit) name += " – " + *o.unit;
  if (o.role) name += " – " + *o.role;
  return name;
}

}  // namespace

std::string render_calendar(const std::vector<dsl::Process>& processes, const CalendarOptions& o) {
  Component cal(icalcomponent_vanew(ICAL_VCALENDAR_COMPONENT, icalproperty_new_version("2.0"),
                                    icalproperty_new_prodid("-//arshjul//arshjul//SV"),
                                    icalproperty_new_calscale("GREGORIAN"), nullptr));
  icalproperty* name = icalproperty_new_x(calendar_name(o).c_str());
  icalproperty_set_x_name(name, "X-WR-CALNAME");
  icalcomponent_add_property(cal.get(), name);
  Writer writer(cal.get(), o);
  bool timed = false;
  for (const auto& p : processes) {
    for (const auto& s : p.steps) {
      if ((o.role && !has_role(p, s, *o.role)) || !unit_has_step(p, s, o)) continue;
      std::string unit = o.unit && p.per_unit(s) ? *o.unit : std::string();
      std::vector<dsl::Diagnostic> ignored;
      auto ws = dsl::windows(p, s, o.year, ignored);
      for (std::size_t k = 0; k < ws.size(); ++k) {
        writer.add(p, s, ws[k], int(k) + 1, unit);
        timed = timed || (ws[k].time && ws[k].start == ws[k].deadline);
      }
    }
  }
  if (timed)  // the zone the timed events name, once
    icalcomponent_add_component(cal.get(), icalparser_parse_string(kStockholm));
  char* text = icalcomponent_as_ical_string_r(cal.get());
  std::string out = text ? text : "";
  std::free(text);
  return out;
}

}  // namespace arshjul::pictures
