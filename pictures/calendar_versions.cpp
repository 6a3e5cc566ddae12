#include "pictures/calendar_versions.hpp"

#include <fmt/format.h>
#include <libical/ical.h>

#include <algorithm>
#include <cstring>

namespace arshjul::pictures {
namespace {

constexpr const char* kContentProperty = "X-ARSHJUL-CONTENT";
constexpr std::time_t kEpoch2020 = 1577836800;  // 2020-01-01T00:00:00Z

// The minutes from 2020 to `t`: a counter that grows with every edit of a rule file and fits
// an int (RFC 5545's SEQUENCE is an integer; Outlook keeps 32 bits) for millennia.
int minutes_since_2020(std::time_t t) {
  return static_cast<int>(std::max<std::time_t>(0, (t - kEpoch2020) / 60));
}

std::string x_value(icalcomponent* ev, const char* name) {
  for (icalproperty* p = icalcomponent_get_first_property(ev, ICAL_X_PROPERTY); p;
       p = icalcomponent_get_next_property(ev, ICAL_X_PROPERTY)) {
    const char* n = icalproperty_get_x_name(p);
    const char* v = icalproperty_get_x(p);
    if (n && v && std::strcmp(n, name) == 0) return v;
  }
  return {};
}

}  // namespace

std::string fingerprint(const std::string& text) {
  std::uint64_t h = 14695981039346656037ull;
  for (unsigned char c : text) h = (h ^ c) * 1099511628211ull;
  return fmt::format("{:016x}", h);
}

std::map<std::string, EventVersion> read_versions(const std::string& ics) {
  std::map<std::string, EventVersion> out;
  if (ics.find("BEGIN:VCALENDAR") == std::string::npos) return out;
  icalcomponent* cal = icalparser_parse_string(ics.c_str());
  if (!cal) return out;
  for (icalcomponent* ev = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT); ev;
       ev = icalcomponent_get_next_component(cal, ICAL_VEVENT_COMPONENT)) {
    const char* uid = icalcomponent_get_uid(ev);
    if (!uid) continue;
    EventVersion v;
    v.sequence = std::max(0, icalcomponent_get_sequence(ev));
    if (icalproperty* lm = icalcomponent_get_first_property(ev, ICAL_LASTMODIFIED_PROPERTY))
      v.modified = icaltime_as_timet(icalproperty_get_lastmodified(lm));
    v.content = x_value(ev, kContentProperty);
    out[uid] = std::move(v);
  }
  icalcomponent_free(cal);
  return out;
}

EventVersion next_version(const std::string& content, std::time_t file_changed,
                          const EventVersion* previous) {
  if (previous && previous->content == content) return *previous;
  EventVersion v{minutes_since_2020(file_changed), file_changed, content};
  if (previous) v.sequence = std::max(v.sequence, previous->sequence + 1);
  return v;
}

}  // namespace arshjul::pictures
