#pragma once
// Working days in a Swedish administration: weekends, public holidays (with julafton,
// nyårsafton and midsommarafton as days off), and the closed days a process declares.
#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dsl/diagnostic.hpp"

namespace arshjul::dsl {

using Date = std::chrono::year_month_day;

/// A Swedish holiday of a year.
struct Holiday {
  Date date;
  std::string name;  ///< "Långfredagen", "Midsommarafton", ...
  bool official;     ///< an allmän helgdag by law (aftnar are days off by custom)
};

/// Every holiday and day off of `year` in date order: the fixed ones, the Easter-based ones
/// (Gregorian computus), Midsommar and Alla helgons dag, plus julafton, nyårsafton and
/// midsommarafton (påskafton is a Saturday anyway).
std::vector<Holiday> swedish_holidays(int year);

/// The Monday of ISO week `week` of `iso_year` (week 1 holds the year's first Thursday).
Date iso_week_monday(int iso_year, int week);
/// How many ISO weeks `iso_year` has: 52 or 53.
int iso_weeks_in(int iso_year);

/// Easter Sunday of `year`.
Date easter_sunday(int year);

/// The days NÄR can count from (`dagen före långfredagen`): the holidays and days off of
/// swedish_holidays(), in the order it lists them before sorting, and första advent.
enum class NamedDay {
  new_years_day,
  epiphany,
  good_friday,
  easter_eve,
  easter_day,
  easter_monday,
  may_day,
  ascension,
  whitsun,
  national_day,
  midsummer_eve,
  midsummer_day,
  all_saints,
  christmas_eve,
  christmas_day,
  boxing_day,
  new_years_eve,
  first_advent,  ///< the fourth Sunday before Christmas (not a day off)
};
/// The date of `day` in `year`.
Date named_day(NamedDay day, int year);
/// Its name as swedish_holidays() writes it ("Långfredagen"; "1:a advent").
std::string named_day_name(NamedDay day);

/// A school term of a kalender: `termin ht 2026 2026-08-17 - 2026-12-22`.
struct Term {
  bool autumn = true;  ///< ht; false for vt
  int year = 0;        ///< the year the term is named by
  Date start, end;     ///< its first and last day
  Location where;
};

/// A declared closed period: every year between two days (`stängt 1 juli - 31 juli`), or
/// once between two dates (`stängt 2026-10-12`).
struct ClosedPeriod {
  int from_month = 0, from_day = 0, to_month = 0, to_day = 0;
  std::optional<int> year;  ///< set for dated (one-off) periods
  Location where;
  std::string name;  ///< a lov's name (`lov höstlov 2026 vecka 44`), empty otherwise
};

/// What a deadline on a closed day does.
enum class Shift { before, after, never };

/// Why a day is not a working day.
struct ClosedReason {
  enum class Kind { weekend, holiday, closed } kind;
  std::string name;  ///< the holiday's or the lov's name, empty otherwise
};

/// The working-day calendar of one process.
class WorkCalendar {
 public:
  WorkCalendar() = default;
  explicit WorkCalendar(std::vector<ClosedPeriod> closed) : closed_(std::move(closed)) {}

  /// Why `d` is not a working day, or nullopt when it is one.
  std::optional<ClosedReason> closed(Date d) const;
  bool is_working_day(Date d) const { return !closed(d); }
  /// True when `d` lies in a declared closed period (a summer break, a study day, a lov).
  bool in_declared_closure(Date d) const { return declared_closure(d) != nullptr; }
  /// The declared closed period `d` lies in, or null.
  const ClosedPeriod* declared_closure(Date d) const;

  /// The last working day on or before `d` / the first on or after it.
  Date working_day_on_or_before(Date d) const;
  Date working_day_on_or_after(Date d) const;

  /// The deadline after applying `shift` to a deadline on a closed day.
  Date shift(Date deadline, Shift how) const;

  /// The day a "due soon" reminder for `deadline` goes out, `lead_days` before it: on a
  /// single closed day the last working day before; inside a declared closure (a summer
  /// break) the first working day after it.
  Date reminder_day(Date deadline, int lead_days) const;

  /// The process's own closed periods (`stängt`), in the order written.
  const std::vector<ClosedPeriod>& closed_periods() const { return closed_; }

 private:
  const std::vector<Holiday>& holidays(int year) const;

  std::vector<ClosedPeriod> closed_;
  mutable std::map<int, std::vector<Holiday>> holidays_;  // computed once per year asked
};

/// Swedish weekday names, "måndag".."söndag"; English with `lang` en.
std::string weekday_name(Date d, Lang lang);

}  // namespace arshjul::dsl
