#include "web/dates.hpp"

#include <chrono>
#include <cstdio>

#include "dsl/months.hpp"

namespace arshjul::web {
namespace ch = std::chrono;

// The spaces are no-break spaces (U+00A0): a date is never broken over two lines.
std::string readable_date(dsl::Date d, dsl::Lang lang) {
  std::string out = std::to_string(static_cast<unsigned>(d.day()));
  out += "\u00a0";
  out += std::string_view(dsl::month_name(static_cast<unsigned>(d.month()), lang)).substr(0, 3);
  out += "\u00a0";
  out += std::to_string(static_cast<int>(d.year()));
  return out;
}

namespace {

/// 01:00 UTC on the last Sunday of `month` in `year`, in seconds since 1970.
long long last_sunday_1am(int year, unsigned month) {
  ch::sys_days last{ch::year(year) / ch::month(month) / ch::last};
  last -= (ch::weekday(last) - ch::Sunday);
  return ch::duration_cast<ch::seconds>(last.time_since_epoch()).count() + 3600;
}

}  // namespace

int stockholm_offset_minutes(long long utc_seconds) {
  auto day = ch::floor<ch::days>(ch::sys_seconds(ch::seconds(utc_seconds)));
  int year = static_cast<int>(ch::year_month_day(day).year());
  bool summer = utc_seconds >= last_sunday_1am(year, 3) && utc_seconds < last_sunday_1am(year, 10);
  return summer ? 120 : 60;
}

std::optional<std::string> readable_timestamp(const std::string& iso, dsl::Lang lang) {
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, consumed = 0;
  // What the store writes (2026-05-20T08:00:00Z) read digit by digit: a task page has one per
  // entry, and sscanf was most of its history's cost. Anything else as sscanf reads it.
  auto digits = [&](std::size_t at, std::size_t n, int& out) {
    out = 0;
    for (std::size_t k = at; k < at + n; ++k) {
      if (iso[k] < '0' || iso[k] > '9') return false;
      out = out * 10 + (iso[k] - '0');
    }
    return true;
  };
  bool usual = iso.size() >= 16 && iso[4] == '-' && iso[7] == '-' && iso[10] == 'T' &&
               iso[13] == ':' && digits(0, 4, y) && digits(5, 2, mo) && digits(8, 2, d) &&
               digits(11, 2, h) && digits(14, 2, mi);
  if (!usual &&
      (std::sscanf(iso.c_str(), "%4d-%2d-%2dT%2d:%2d%n", &y, &mo, &d, &h, &mi, &consumed) != 5 ||
       consumed != 16))
    return std::nullopt;
  ch::year_month_day ymd{ch::year(y), ch::month(static_cast<unsigned>(mo)),
                         ch::day(static_cast<unsigned>(d))};
  if (!ymd.ok() || h > 23 || mi > 59) return std::nullopt;
  auto utc = ch::sys_seconds(ch::sys_days(ymd)) + ch::hours(h) + ch::minutes(mi);
  auto local = utc + ch::minutes(stockholm_offset_minutes(utc.time_since_epoch().count()));
  auto local_day = ch::floor<ch::days>(local);
  ch::hh_mm_ss clock{local - local_day};
  auto two = [](long n) { return std::string{char('0' + n / 10 % 10), char('0' + n % 10)}; };
  return readable_date(ch::year_month_day(local_day), lang) + "\u00a0" +
         two(clock.hours().count()) + ":" + two(clock.minutes().count());
}

}  // namespace arshjul::web
