#include "dsl/workdays.hpp"

#include <algorithm>

namespace arshjul::dsl {
namespace ch = std::chrono;

namespace {

Date plus(Date d, int days) {
  return ch::sys_days(d) + ch::days(days);
}

// The weekday `wd` on or after `d`.
Date weekday_on_or_after(Date d, ch::weekday wd) {
  ch::sys_days s(d);
  return s + (wd - ch::weekday(s));
}

bool before(Date a, Date b) {
  return ch::sys_days(a) < ch::sys_days(b);
}

}  // namespace

Date iso_week_monday(int iso_year, int week) {
  ch::sys_days jan4 = ch::year(iso_year) / 1 / 4;
  auto monday1 = jan4 - (ch::weekday(jan4) - ch::Monday);
  return monday1 + ch::weeks(week - 1);
}

int iso_weeks_in(int iso_year) {
  ch::sys_days dec28 = ch::year(iso_year) / 12 / 28;
  return static_cast<int>((dec28 - ch::sys_days(iso_week_monday(iso_year, 1))).count() / 7) + 1;
}

Date easter_sunday(int year) {
  // Anonymous Gregorian algorithm (Meeus/Jones/Butcher).
  int a = year % 19, b = year / 100, c = year % 100, d = b / 4, e = b % 4;
  int f = (b + 8) / 25, g = (b - f + 1) / 3, h = (19 * a + b - d - g + 15) % 30;
  int i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7;
  int m = (a + 11 * h + 22 * l) / 451;
  int month = (h + l - 7 * m + 114) / 31, day = (h + l - 7 * m + 114) % 31 + 1;
  return ch::year(year) / ch::month(month) / ch::day(day);
}

namespace {

// The holidays and days off of `year` in NamedDay order.
std::vector<Holiday> holidays_by_name(int year) {
  auto on = [year](unsigned m, unsigned d) {
    return Date(ch::year(year) / ch::month(m) / ch::day(d));
  };
  Date easter = easter_sunday(year);
  Date midsummer_eve = weekday_on_or_after(on(6, 19), ch::Friday);
  std::vector<Holiday> h{
      {on(1, 1), "Nyårsdagen", true},
      {on(1, 6), "Trettondedag jul", true},
      {plus(easter, -2), "Långfredagen", true},
      {plus(easter, -1), "Påskafton", false},
      {easter, "Påskdagen", true},
      {plus(easter, 1), "Annandag påsk", true},
      {on(5, 1), "Första maj", true},
      {plus(easter, 39), "Kristi himmelsfärdsdag", true},
      {plus(easter, 49), "Pingstdagen", true},
      {on(6, 6), "Sveriges nationaldag", true},
      {midsummer_eve, "Midsommarafton", false},
      {plus(midsummer_eve, 1), "Midsommardagen", true},
      {weekday_on_or_after(on(10, 31), ch::Saturday), "Alla helgons dag", true},
      {on(12, 24), "Julafton", false},
      {on(12, 25), "Juldagen", true},
      {on(12, 26), "Annandag jul", true},
      {on(12, 31), "Nyårsafton", false},
  };
  return h;
}

}  // namespace

std::vector<Holiday> swedish_holidays(int year) {
  auto h = holidays_by_name(year);
  std::stable_sort(h.begin(), h.end(),
                   [](const Holiday& a, const Holiday& b) { return before(a.date, b.date); });
  return h;
}

Date named_day(NamedDay day, int year) {
  if (day == NamedDay::first_advent)  // the fourth Sunday before Christmas: 27 Nov - 3 Dec
    return weekday_on_or_after(ch::year(year) / ch::November / 27, ch::Sunday);
  return holidays_by_name(year)[static_cast<std::size_t>(day)].date;
}

std::string named_day_name(NamedDay day) {
  if (day == NamedDay::first_advent) return "1:a advent";
  return holidays_by_name(2000)[static_cast<std::size_t>(day)].name;
}

const ClosedPeriod* WorkCalendar::declared_closure(Date d) const {
  const int y = static_cast<int>(d.year());
  for (const auto& c : closed_) {
    bool wraps = c.to_month < c.from_month || (c.to_month == c.from_month && c.to_day < c.from_day);
    // A yearly period may have started this year or, over the new year, the year before.
    std::vector<int> starts = c.year ? std::vector<int>{*c.year} : std::vector<int>{y, y - 1};
    for (int from_year : starts) {
      Date from = ch::year(from_year) / ch::month(c.from_month) / ch::day(c.from_day);
      Date to = ch::year(from_year + (wraps ? 1 : 0)) / ch::month(c.to_month) / ch::day(c.to_day);
      if (!before(d, from) && !before(to, d)) return &c;
    }
  }
  return nullptr;
}

const std::vector<Holiday>& WorkCalendar::holidays(int year) const {
  auto it = holidays_.find(year);
  if (it == holidays_.end()) it = holidays_.emplace(year, swedish_holidays(year)).first;
  return it->second;
}

std::optional<ClosedReason> WorkCalendar::closed(Date d) const {
  if (const auto* c = declared_closure(d)) return ClosedReason{ClosedReason::Kind::closed, c->name};
  for (const auto& h : holidays(static_cast<int>(d.year())))
    if (h.date == d) return ClosedReason{ClosedReason::Kind::holiday, h.name};
  ch::weekday wd{ch::sys_days(d)};
  if (wd == ch::Saturday || wd == ch::Sunday) return ClosedReason{ClosedReason::Kind::weekend, {}};
  return std::nullopt;
}

Date WorkCalendar::working_day_on_or_before(Date d) const {
  for (int i = 0; i < 800 && !is_working_day(d); ++i) d = plus(d, -1);
  return d;
}

Date WorkCalendar::working_day_on_or_after(Date d) const {
  for (int i = 0; i < 800 && !is_working_day(d); ++i) d = plus(d, 1);
  return d;
}

Date WorkCalendar::shift(Date deadline, Shift how) const {
  switch (how) {
    case Shift::before:
      return working_day_on_or_before(deadline);
    case Shift::after:
      return working_day_on_or_after(deadline);
    case Shift::never:
      break;
  }
  return deadline;
}

Date WorkCalendar::reminder_day(Date deadline, int lead_days) const {
  Date d = plus(deadline, -lead_days);
  if (in_declared_closure(d)) return working_day_on_or_after(d);
  return working_day_on_or_before(d);
}

std::string weekday_name(Date d, Lang lang) {
  static constexpr Msg kNames[] = {
      Msg::weekday_sunday,   Msg::weekday_monday, Msg::weekday_tuesday, Msg::weekday_wednesday,
      Msg::weekday_thursday, Msg::weekday_friday, Msg::weekday_saturday};
  return raw_text(kNames[ch::weekday(ch::sys_days(d)).c_encoding()], lang);
}

}  // namespace arshjul::dsl
