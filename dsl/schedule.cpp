#include "dsl/schedule.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "dsl/parser.hpp"

namespace arshjul::dsl {
namespace ch = std::chrono;

namespace {

// In a läsår cycle August-December fall in the start year, January-July in the next.
int month_year(int month, CycleKind kind, int year) {
  return month < start_month(kind) ? year + 1 : year;
}

Date first_of(int month, CycleKind kind, int year) {
  return ch::year(month_year(month, kind, year)) / ch::month(month) / 1;
}

Date last_of(int month, CycleKind kind, int year) {
  return ch::year(month_year(month, kind, year)) / ch::month(month) / ch::last;
}

Date plus_days(Date d, int days) {
  return ch::sys_days(d) + ch::days(days);
}

Date iso_week_monday(int iso_year, int week) {
  ch::sys_days jan4 = ch::year(iso_year) / 1 / 4;
  auto monday1 = jan4 - (ch::weekday(jan4) - ch::Monday);
  return monday1 + ch::weeks(week - 1);
}

int iso_weeks_in(int iso_year) {
  ch::sys_days dec28 = ch::year(iso_year) / 12 / 28;
  return static_cast<int>((dec28 - ch::sys_days(iso_week_monday(iso_year, 1))).count() / 7) + 1;
}

// A week belongs to the cycle year whose part it falls in: in a läsår, weeks whose Thursday
// lies in January-July belong to the next calendar year.
int week_iso_year(int week, CycleKind kind, int year) {
  if (kind == CycleKind::calendar_year) return year;
  Date thursday = plus_days(iso_week_monday(year, std::min(week, iso_weeks_in(year))), 3);
  return static_cast<int>(static_cast<unsigned>(thursday.month())) >= start_month(kind) ? year
                                                                                        : year + 1;
}

struct Span {
  Date start, end;
};

// The `ordinal` (1-4, or -1 for the last) `weekday` (1 Monday .. 7 Sunday) of a month.
Date nth_weekday(ch::year_month ym, int ordinal, int weekday) {
  ch::weekday target{static_cast<unsigned>(weekday % 7)};
  if (ordinal < 0) {
    ch::sys_days last = ch::year_month_day_last(ym.year(), ch::month_day_last(ym.month()));
    return last - (ch::weekday(last) - target);
  }
  ch::sys_days first = ym / 1;
  return first + (target - ch::weekday(first)) + ch::weeks(ordinal - 1);
}

bool before(Date a, Date b) {
  return ch::sys_days(a) < ch::sys_days(b);
}

class Resolver {
 public:
  Resolver(CycleKind kind, int year, std::vector<Diagnostic>& errors)
      : kind_(kind), year_(year), errors_(errors) {}

  std::optional<Span> atom(const Atom& a) {
    switch (a.kind) {
      case AtomKind::month:
        return Span{first_of(a.month, kind_, year_), last_of(a.month, kind_, year_)};
      case AtomKind::day_month:
        return day_month(a.day, a.month, a.where);
      case AtomKind::part_of_month:
        return part(a);
      case AtomKind::week:
        return week(a);
      case AtomKind::quarter:
        return months(3 * a.number - 2, 3 * a.number);
      case AtomKind::tertial:
        return months(4 * a.number - 3, 4 * a.number);
      case AtomKind::whole_cycle: {
        Date s = cycle_start(kind_, year_);
        return Span{s,
                    plus_days(ch::year_month_day(s.year() + ch::years(1), s.month(), s.day()), -1)};
      }
      case AtomKind::date: {
        Date d = ch::year(a.year) / ch::month(a.month) / ch::day(a.day);
        if (a.month == 0 || before(d, cycle_start(kind_, year_)) ||
            !before(d, cycle_start(kind_, year_ + 1)))
          return std::nullopt;  // a dated day belongs to the cycle containing it only
        return Span{d, d};
      }
      case AtomKind::nth_weekday: {
        if (a.month == 0) break;  // `i varje månad`: expanded by the caller
        Date d = nth_weekday(ch::year(month_year(a.month, kind_, year_)) / ch::month(a.month),
                             a.ordinal, a.weekday);
        return Span{d, d};
      }
      case AtomKind::every_month:
      case AtomKind::every_weekday:
      case AtomKind::every_week:
      case AtomKind::every_other_week:
        break;  // expanded by the caller
    }
    return std::nullopt;
  }

  std::optional<Span> day_month(int day, int month, const Location& where) {
    Date d = ch::year(month_year(month, kind_, year_)) / ch::month(month) / ch::day(day);
    if (!d.ok())
      return missing(where, fmt::format("{} {}", day, month_names()[month - 1]), d.year());
    return Span{d, d};
  }

 private:
  std::optional<Span> part(const Atom& a) {
    Date first = first_of(a.month, kind_, year_);
    switch (a.part) {
      case MonthPart::early:
        return Span{first, plus_days(first, 9)};
      case MonthPart::middle:
        return Span{plus_days(first, 10), plus_days(first, 19)};
      case MonthPart::late:
        return Span{plus_days(first, 20), last_of(a.month, kind_, year_)};
    }
    return std::nullopt;
  }

  std::optional<Span> week(const Atom& a) {
    int last = a.number_to ? a.number_to : a.number;
    int iso_year = week_iso_year(a.number, kind_, year_);
    for (int w : {a.number, last}) {
      if (w > iso_weeks_in(iso_year))
        return missing(a.where, fmt::format("vecka {}", w), ch::year(iso_year));
    }
    Date start = iso_week_monday(iso_year, a.number);
    Date end = plus_days(iso_week_monday(iso_year, last), 6);
    if (ch::sys_days(end) < ch::sys_days(start))
      end = plus_days(iso_week_monday(iso_year + 1, last), 6);
    return Span{start, end};
  }

  std::optional<Span> months(int from, int to) {
    return Span{first_of(from, kind_, year_), last_of(to, kind_, year_)};
  }

  std::optional<Span> missing(const Location& where, std::string what, ch::year y) {
    errors_.push_back(
        {where, Msg::date_not_in_year, {std::move(what), std::to_string(int(y))}, {}});
    return std::nullopt;
  }

  CycleKind kind_;
  int year_;
  std::vector<Diagnostic>& errors_;
};

Date add_years(Date d, int n) {
  Date r = (d.year() + ch::years(n)) / d.month() / d.day();
  return r.ok() ? r : Date(r.year() / r.month() / ch::last);
}

// `nästa år` means the same months of the next cycle, so the dates are worked out in that
// year (29 februari and ISO weeks exist or not there), not shifted from this one.
std::optional<Window> occurrence(const Occurrence& o, Resolver& r) {
  auto from = r.atom(o.from);
  auto to = o.to ? r.atom(*o.to) : from;
  if (!from || !to) return std::nullopt;
  Date end = to->end;
  // "december - januari" runs over the new year: the end rolls into the next year.
  while (ch::sys_days(end) < ch::sys_days(from->start)) end = add_years(end, 1);
  return Window{from->start, end, std::nullopt, std::nullopt, o.time};
}

Window day_window(Date d, const Occurrence& o) {
  return Window{d, d, std::nullopt, std::nullopt, o.time};
}

// Monday to Friday of every week (every second from the stated week) starting in the cycle.
void expand_weeks(const Occurrence& o, CycleKind kind, int year, std::vector<Window>& out) {
  ch::sys_days first = cycle_start(kind, year), end = cycle_start(kind, year + 1);
  ch::sys_days monday = first + (ch::Monday - ch::weekday(first));
  int step = 7;
  if (o.from.kind == AtomKind::every_other_week) {
    ch::sys_days anchor = iso_week_monday(
        week_iso_year(o.from.number, kind, year),
        std::min(o.from.number, iso_weeks_in(week_iso_year(o.from.number, kind, year))));
    auto weeks = (monday - anchor).count() / 7;
    monday += ch::weeks(((weeks % 2) + 2) % 2);
    step = 14;
  }
  for (; monday < end; monday += ch::days(step))
    out.push_back({Date(monday), Date(monday + ch::days(4)), std::nullopt, std::nullopt, o.time});
}

// The weekday, or the nth weekday of each month, every time it falls in the cycle (or in
// the months of `varje måndag september–december`).
void expand_weekdays(const Occurrence& o, CycleKind kind, int year, std::vector<Window>& out) {
  const Atom& a = o.from;
  ch::sys_days first = cycle_start(kind, year), end = cycle_start(kind, year + 1);
  if (a.kind == AtomKind::nth_weekday) {
    for (auto ym = ch::year_month(Date(first).year(), Date(first).month());
         ch::sys_days(ym / 1) < end; ym += ch::months(1))
      out.push_back(day_window(nth_weekday(ym, a.ordinal, a.weekday), o));
    return;
  }
  if (a.month != 0 && a.month_to != 0) {
    first = first_of(a.month, kind, year);
    Date last = last_of(a.month_to, kind, year);
    if (ch::sys_days(last) < first) last = add_years(last, 1);
    end = ch::sys_days(last) + ch::days(1);
  }
  ch::weekday target{static_cast<unsigned>(a.weekday % 7)};
  for (ch::sys_days d = first + (target - ch::weekday(first)); d < end; d += ch::weeks(1))
    out.push_back(day_window(d, o));
}

}  // namespace

bool Recurrence::runs_in(int year) const {
  // In 64 bits: VART accepts any int, and year - from + n must not overflow.
  long long n = every_years < 1 ? 1 : every_years;
  long long d = static_cast<long long>(year) - from_year;
  return (d % n + n) % n == 0;
}

Date cycle_start(CycleKind kind, int year) {
  return ch::year(year) / ch::month(static_cast<unsigned>(start_month(kind))) / 1;
}

std::vector<Window> windows(const When& when, CycleKind kind, int year,
                            std::vector<Diagnostic>& errors) {
  std::vector<Window> out;
  Resolver this_year(kind, year, errors), next_year(kind, year + 1, errors);
  for (const auto& o : when.occurrences) {
    Resolver& r = o.next_year ? next_year : this_year;
    int cycle = o.next_year ? year + 1 : year;
    if (o.from.kind == AtomKind::every_week || o.from.kind == AtomKind::every_other_week) {
      expand_weeks(o, kind, cycle, out);
      continue;
    }
    if (o.from.kind == AtomKind::every_weekday ||
        (o.from.kind == AtomKind::nth_weekday && o.from.month == 0)) {
      expand_weekdays(o, kind, cycle, out);
      continue;
    }
    if (o.from.kind == AtomKind::every_month) {
      Date s = cycle_start(kind, o.next_year ? year + 1 : year);
      for (int i = 0; i < 12; ++i) {
        auto month = ch::year_month(s.year(), s.month()) + ch::months(i);
        Date first = month / 1;
        out.push_back({first, ch::year_month_day(first.year() / first.month() / ch::last),
                       std::nullopt, std::nullopt});
      }
      continue;
    }
    if (auto w = occurrence(o, r)) out.push_back(*w);
  }
  std::sort(out.begin(), out.end(), [](const Window& a, const Window& b) {
    return ch::sys_days(a.start) < ch::sys_days(b.start);
  });
  return out;
}

std::vector<Window> windows(const Step& step, CycleKind kind, int year,
                            std::vector<Diagnostic>& errors) {
  if (step.every && !step.every->runs_in(year)) return {};
  auto out = windows(step.when, kind, year, errors);
  if (step.deadline && out.size() == 1) {
    Resolver r(kind, step.deadline->next_year ? year + 1 : year, errors);
    if (auto d = r.day_month(step.deadline->day, step.deadline->month, step.deadline->where))
      out.front().deadline = d->start;
  }
  return out;
}

std::vector<Window> windows(const Process& process, const Step& step, int year,
                            std::vector<Diagnostic>& errors) {
  auto out = windows(step, process.cycle, year, errors);
  Shift how = step.shift.value_or(process.shift);
  if (how == Shift::never) return out;
  bool event_stays = is_event(step.type) && !step.shift;  // an event happens on its day
  for (auto& w : out) {
    if (event_stays && w.start == w.deadline) continue;
    auto why = process.calendar.closed(w.deadline);
    if (!why) continue;
    Date moved = process.calendar.shift(w.deadline, how);
    if (moved == w.deadline) continue;
    w.moved_from = w.deadline;
    w.moved_because = why;
    w.deadline = moved;
    if (ch::sys_days(w.deadline) < ch::sys_days(w.start)) w.start = w.deadline;
  }
  return out;
}

std::string closed_reason_text(const ClosedReason& why, Date d, Lang lang) {
  switch (why.kind) {
    case ClosedReason::Kind::weekend:
      return weekday_name(d, lang);
    case ClosedReason::Kind::holiday:
      return why.name;
    case ClosedReason::Kind::closed:
      break;
  }
  return tr<Msg::closed_day>(lang);
}

void warn_event_on_closed_day(const Process& process, const Step& step, int year,
                              std::vector<Diagnostic>& out) {
  if (!is_event(step.type) || step.shift) return;
  std::vector<Diagnostic> ignored;  // missing dates are reported by the date checks
  for (const auto& w : windows(process, step, year, ignored)) {
    auto why = process.calendar.closed(w.deadline);
    if (w.start != w.deadline || !why) continue;
    Diagnostic d{step.when.where,
                 Msg::event_on_closed_day,
                 {step.id, iso(w.deadline), closed_reason_text(*why, w.deadline, Lang::sv)},
                 {}};
    d.warning = true;
    out.push_back(std::move(d));
  }
}

std::string cycle_name(CycleKind kind, Lang lang) {
  if (kind == CycleKind::calendar_year) return tr<Msg::calendar_year>(lang);
  if (kind == CycleKind::school_year) return tr<Msg::school_year>(lang);
  return say<Msg::cycle_from_month>(lang, month_names()[start_month(kind) - 1]);
}

std::string iso(Date d) {
  return fmt::format("{:04}-{:02}-{:02}", int(d.year()), unsigned(d.month()), unsigned(d.day()));
}

}  // namespace arshjul::dsl
