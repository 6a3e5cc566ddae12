#include "dsl/schedule.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>
#include <utility>

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

}  // namespace

/// What windows are worked out against besides the cycle: the process (its terms, and the
/// windows of the steps that other steps count from) and the windows already worked out.
struct WindowContext {
  const Process* process = nullptr;
  std::map<std::pair<const Step*, int>, std::vector<Window>> done;
  std::set<std::pair<const Step*, int>> busy;  // being worked out: a cycle gives nothing
  const WorkCalendar* calendar = nullptr;      // a unit's own, else the process's
};

namespace {

std::vector<Window> shifted_windows(const Process& process, const Step& step, int year,
                                    std::vector<Diagnostic>& errors, WindowContext& ctx);

class Resolver {
 public:
  Resolver(CycleKind kind, int year, std::vector<Diagnostic>& errors, WindowContext* ctx = nullptr)
      : kind_(kind), year_(year), errors_(errors), ctx_(ctx) {}

  /// The spans of an atom: one for most forms, one per term or per occurrence of the step
  /// counted from for the others, none for a date missing that year.
  std::vector<Span> spans(const Atom& a) {
    std::vector<Span> out;
    switch (a.kind) {
      case AtomKind::term:
        for (const Term* t : terms(a.number, a.where)) out.push_back({t->start, t->end});
        break;
      case AtomKind::before_each_term:  // the two weeks before each term starts
        for (const Term* t : terms(0, a.where))
          out.push_back({plus_days(t->start, -14), plus_days(t->start, -1)});
        break;
      case AtomKind::anchored:
        for (Date d : anchors(a)) out.push_back(Span{counted(d, a), counted(d, a)});
        break;
      case AtomKind::weekday_in_week:
        if (auto s = weekday_in_week(a)) out.push_back(*s);
        break;
      default:
        if (auto s = atom(a)) out.push_back(*s);
    }
    return out;
  }

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
      case AtomKind::term:
      case AtomKind::anchored:
      case AtomKind::weekday_in_week:
      case AtomKind::before_each_term:
        break;  // see spans()
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
  // The terms `which` (0 both, 1 vt, 2 ht) of the cycle; a term the calendar lacks is an error
  // naming its year.
  std::vector<const Term*> terms(int which, const Location& where) {
    std::vector<const Term*> out;
    if (!ctx_ || !ctx_->process) return out;
    for (bool autumn : {false, true}) {
      if (which != 0 && which != (autumn ? 2 : 1)) continue;
      int year = month_year(autumn ? 8 : 1, kind_, year_);
      const auto& all = ctx_->process->terms;
      auto it = std::find_if(all.begin(), all.end(),
                             [&](const Term& t) { return t.autumn == autumn && t.year == year; });
      if (it != all.end())
        out.push_back(&*it);
      else
        errors_.push_back({where,
                           Msg::term_not_in_calendar,
                           {autumn ? "ht" : "vt", std::to_string(year)},  // vocabulary: keywords
                           {}});
    }
    return out;
  }

  // The days an anchored day counts from: a term's start or end, a holiday in the cycle, or
  // each occurrence of another step (its first day for `före`, its deadline for `efter`).
  std::vector<Date> anchors(const Atom& a) {
    std::vector<Date> out;
    switch (a.anchor) {
      case Anchor::term_start:
      case Anchor::term_end:
        for (const Term* t : terms(a.number, a.where))
          out.push_back(a.anchor == Anchor::term_start ? t->start : t->end);
        break;
      case Anchor::holiday: {  // the one in the cycle: Easter in a läsår is in its spring
        auto day = static_cast<NamedDay>(a.number);
        Date d = named_day(day, year_);
        int month = static_cast<int>(unsigned(d.month()));
        out.push_back(month < start_month(kind_) ? named_day(day, year_ + 1) : d);
        break;
      }
      case Anchor::step:
        for (const auto& w : step_windows(a.name.get()))
          out.push_back(a.offset < 0 ? w.start : w.deadline);
        break;
      case Anchor::none:
        break;
    }
    return out;
  }

  // The windows of the step named, worked out once per cycle; none inside a cycle of
  // anchors (the compiler reports it).
  std::vector<Window> step_windows(const std::string& name) {
    if (!ctx_ || !ctx_->process) return {};
    const Process& p = *ctx_->process;
    auto index = p.find_step(name);
    if (!index) return {};
    auto key = std::pair{&p.steps[*index], year_};
    if (auto it = ctx_->done.find(key); it != ctx_->done.end()) return it->second;
    if (!ctx_->busy.insert(key).second) return {};
    std::vector<Diagnostic> ignored;  // reported for that step itself
    auto ws = shifted_windows(p, *key.first, year_, ignored, *ctx_);
    ctx_->busy.erase(key);
    return ctx_->done[key] = ws;
  }

  // `3 dagar före`: that many days; `måndagen efter`: the first such weekday after the day
  // (before it for `före`).
  static Date counted(Date d, const Atom& a) {
    if (a.weekday == 0) return plus_days(d, a.offset);
    ch::weekday target{static_cast<unsigned>(a.weekday % 7)};
    ch::sys_days s(d);
    if (a.offset > 0) return s + ch::days(1) + (target - ch::weekday(s + ch::days(1)));
    return s - ch::days(1) - (ch::weekday(s - ch::days(1)) - target);
  }

  std::optional<Span> weekday_in_week(const Atom& a) {
    int iso_year = week_iso_year(a.number, kind_, year_);
    if (a.number > iso_weeks_in(iso_year))
      return missing(a.where, fmt::format("vecka {}", a.number), ch::year(iso_year));
    Date monday = iso_week_monday(iso_year, a.number);
    return Span{plus_days(monday, a.weekday - 1),
                plus_days(monday, (a.weekday_to ? a.weekday_to : a.weekday) - 1)};
  }

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
  WindowContext* ctx_;
};

Date add_years(Date d, int n) {
  Date r = (d.year() + ch::years(n)) / d.month() / d.day();
  return r.ok() ? r : Date(r.year() / r.month() / ch::last);
}

// `nästa år` means the same months of the next cycle, so the dates are worked out in that
// year (29 februari and ISO weeks exist or not there), not shifted from this one.
// An atom with several spans (a day before each term, or before each meeting) gives a window
// for each; in a range they pair up in order (`terminsstart – terminsslut`: one per term).
void occurrence(const Occurrence& o, Resolver& r, std::vector<Window>& out) {
  auto from = r.spans(o.from);
  auto to = o.to ? r.spans(*o.to) : from;
  if (from.empty() || to.empty()) return;
  for (std::size_t i = 0; i < std::max(from.size(), to.size()); ++i) {
    const Span& f = from[std::min(i, from.size() - 1)];
    Date end = to[std::min(i, to.size() - 1)].end;
    // "december - januari" runs over the new year: the end rolls into the next year.
    while (ch::sys_days(end) < ch::sys_days(f.start)) end = add_years(end, 1);
    out.push_back(Window{f.start, end, std::nullopt, std::nullopt, o.time});
  }
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

std::vector<Window> when_windows(const When& when, CycleKind kind, int year,
                                 std::vector<Diagnostic>& errors, WindowContext& ctx) {
  std::vector<Window> out;
  Resolver this_year(kind, year, errors, &ctx), next_year(kind, year + 1, errors, &ctx);
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
                       std::nullopt, std::nullopt, std::nullopt});
      }
      continue;
    }
    occurrence(o, r, out);
  }
  std::sort(out.begin(), out.end(), [](const Window& a, const Window& b) {
    return ch::sys_days(a.start) < ch::sys_days(b.start);
  });
  return out;
}

std::vector<Window> step_windows_as_written(const Step& step, CycleKind kind, int year,
                                            std::vector<Diagnostic>& errors, WindowContext& ctx) {
  if (step.every && !step.every->runs_in(year)) return {};
  auto out = when_windows(step.when, kind, year, errors, ctx);
  if (step.deadline && out.size() == 1) {
    Resolver r(kind, step.deadline->next_year ? year + 1 : year, errors);
    if (auto d = r.day_month(step.deadline->day, step.deadline->month, step.deadline->where))
      out.front().deadline = d->start;
  }
  return out;
}

std::vector<Window> shifted_windows(const Process& process, const Step& step, int year,
                                    std::vector<Diagnostic>& errors, WindowContext& ctx) {
  auto out = step_windows_as_written(step, process.cycle, year, errors, ctx);
  Shift how = step.shift.value_or(process.shift);
  if (how == Shift::never) return out;
  bool event_stays = is_event(step.type) && !step.shift;  // an event happens on its day
  const WorkCalendar& calendar = ctx.calendar ? *ctx.calendar : process.calendar;
  for (auto& w : out) {
    if (event_stays && w.start == w.deadline) continue;
    auto why = calendar.closed(w.deadline);
    if (!why) continue;
    Date moved = calendar.shift(w.deadline, how);
    if (moved == w.deadline) continue;
    w.moved_from = w.deadline;
    w.moved_because = why;
    w.deadline = moved;
    if (ch::sys_days(w.deadline) < ch::sys_days(w.start)) w.start = w.deadline;
  }
  return out;
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
                            std::vector<Diagnostic>& errors, const Process* process) {
  WindowContext ctx{process, {}, {}};
  return when_windows(when, kind, year, errors, ctx);
}

std::vector<Window> windows(const Step& step, CycleKind kind, int year,
                            std::vector<Diagnostic>& errors, const Process* process) {
  WindowContext ctx{process, {}, {}};
  return step_windows_as_written(step, kind, year, errors, ctx);
}

std::vector<Window> windows(const Process& process, const Step& step, int year,
                            std::vector<Diagnostic>& errors) {
  WindowContext ctx{&process, {}, {}};
  return shifted_windows(process, step, year, errors, ctx);
}

std::vector<Window> windows(const Process& process, const Step& step, int year,
                            std::vector<Diagnostic>& errors, const WorkCalendar& calendar) {
  WindowContext ctx{&process, {}, {}, &calendar};
  return shifted_windows(process, step, year, errors, ctx);
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
  return why.name.empty() ? tr<Msg::closed_day>(lang) : why.name;  // a lov by its name
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
  const int y = int(d.year());
  const unsigned m = unsigned(d.month()), day = unsigned(d.day());
  if (y < 0 || y > 9999 || m > 99 || day > 99) return fmt::format("{:04}-{:02}-{:02}", y, m, day);
  // Written by hand: pages write a date or two per task, and fmt parses its format each time.
  const char text[] = {char('0' + y / 1000),
                       char('0' + y / 100 % 10),
                       char('0' + y / 10 % 10),
                       char('0' + y % 10),
                       '-',
                       char('0' + m / 10),
                       char('0' + m % 10),
                       '-',
                       char('0' + day / 10),
                       char('0' + day % 10)};
  return std::string(text, sizeof text);
}

}  // namespace arshjul::dsl
