#include "pictures/calendar.hpp"

#include <fmt/format.h>
#include <libical/ical.h>

#include <memory>

#include "dsl/schedule.hpp"
#include "dsl/text.hpp"

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

void add_event(icalcomponent* cal, const dsl::Process& p, const dsl::Step& s, const dsl::Window& w,
               int occurrence, const std::string& unit, const CalendarOptions& o) {
  icalcomponent* ev = icalcomponent_new(ICAL_VEVENT_COMPONENT);
  std::string uid = fmt::format("{}-{}-{}-{}-{}@arshjul", uid_part(p.id), o.year, uid_part(s.id),
                                uid_part(unit.empty() ? "alla" : unit), occurrence);
  icalcomponent_add_property(ev, icalproperty_new_uid(uid.c_str()));
  icalcomponent_add_property(ev, icalproperty_new_dtstamp(icaltime_from_timet_with_zone(
                                     o.now, 0, icaltimezone_get_utc_timezone())));
  dsl::Date first = o.deadlines_only ? w.deadline : w.start;
  dsl::Date after_last =
      ch::sys_days(w.deadline) + ch::days(1);  // DTEND of all-day events is exclusive
  if (w.time && w.start == w.deadline) {
    icalcomponent_add_property(ev, local_time(icalproperty_new_dtstart, w.start, w.time->start));
    icalcomponent_add_property(ev, local_time(icalproperty_new_dtend, w.start, w.time->end));
  } else {
    icalcomponent_add_property(ev, icalproperty_new_dtstart(ical_date(first)));
    icalcomponent_add_property(ev, icalproperty_new_dtend(ical_date(after_last)));
  }
  std::string in_unit = unit.empty() ? "" : " (" + unit + ")";
  std::string summary = s.title.empty() ? s.id + in_unit + ": " + s.task : s.title + in_unit;
  if (dsl::utf8_length(summary) > 120) summary = s.name() + in_unit;
  icalcomponent_add_property(ev, icalproperty_new_summary(summary.c_str()));
  std::string deps = p.dependency_ids(s);
  std::string description = say<Msg::calendar_description>(
      o.lang, s.task, s.when.text, dsl::iso(w.deadline), roles_text(p, s, o.lang));
  if (!deps.empty()) description += say<Msg::calendar_after>(o.lang, deps);
  description += say<Msg::calendar_process>(o.lang, p.title, p.id);
  icalcomponent_add_property(ev, icalproperty_new_description(description.c_str()));
  for (const auto& r : s.roles)
    icalcomponent_add_property(ev, icalproperty_new_categories(p.roles[r.role].name.c_str()));
  icalcomponent_add_property(ev, icalproperty_new_transp(ICAL_TRANSP_TRANSPARENT));
  if (!s.link.empty()) icalcomponent_add_property(ev, icalproperty_new_url(s.link.c_str()));
  icalcomponent_add_component(cal, ev);
}

}  // namespace

std::string render_calendar(const std::vector<dsl::Process>& processes, const CalendarOptions& o) {
  Component cal(icalcomponent_vanew(ICAL_VCALENDAR_COMPONENT, icalproperty_new_version("2.0"),
                                    icalproperty_new_prodid("-//arshjul//arshjul//SV"),
                                    icalproperty_new_calscale("GREGORIAN"), nullptr));
  bool timed = false;
  for (const auto& p : processes) {
    for (const auto& s : p.steps) {
      if ((o.role && !has_role(p, s, *o.role)) || !unit_has_step(p, s, o)) continue;
      std::string unit = o.unit && p.per_unit(s) ? *o.unit : std::string();
      std::vector<dsl::Diagnostic> ignored;
      auto ws = dsl::windows(p, s, o.year, ignored);
      for (std::size_t k = 0; k < ws.size(); ++k) {
        add_event(cal.get(), p, s, ws[k], int(k) + 1, unit, o);
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
