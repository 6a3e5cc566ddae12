#pragma once
// Actions of terms, school holidays and anchored days: the kalender's `termin` and `lov`
// lines, and the NÄR forms `ht`, `terminsstart ht`, `3 dagar före terminsstart ht`,
// `dagen före långfredagen`, `måndagen efter första advent`, `7 dagar före nämndmöte`,
// `tisdag–torsdag vecka 39` and `inför varje termin`. Part of the parser: included by
// dsl/parser.cpp only, after parser_state.hpp (PEGTL's actions must all be seen where the
// grammar is parsed).
#include <array>
#include <chrono>
#include <string>

#include "dsl/parser_state.hpp"
#include "dsl/workdays.hpp"

namespace arshjul::dsl::parsing {

template <int T, typename... Words>
struct action<gr::term_word<T, Words...>> : set_action<&State::term, T> {};

/// What a day is counted from: a term's start or end (`term` set by an `ht`/`vt` after it).
template <int A, typename... Words>
struct action<gr::term_bound<A, Words...>> {
  template <typename In>
  static void apply(const In&, State& st) {
    st.anchor = static_cast<Anchor>(A);
    st.term = 0;
  }
};
template <int N, typename... Names>
struct action<gr::holiday_key<N, Names...>> {
  template <typename In>
  static void apply(const In&, State& st) {
    st.anchor = Anchor::holiday;
    st.holiday = N;
  }
};
template <>
struct action<gr::anchor_step> {
  template <typename In>
  static void apply(const In& in, State& st) {
    st.anchor = Anchor::step;
    st.anchor_name = in.string();
    st.anchor_where = here(in);
  }
};

template <>
struct action<gr::offset_count> : store_action<&State::offset_count> {};
/// At most this many days or weeks from an anchor (ten years of days; more is a typo).
constexpr int kMaxOffset = 3660;
/// How far from the anchor: `3 dagar` (DaysPerUnit 1), `2 veckor` (7), `dagen` (0: one day),
/// or (-1) the weekday just read, `måndagen`: the first such day after (or before) it.
template <int DaysPerUnit>
struct offset_action {
  template <typename In>
  static void apply(const In& in, State& st) {
    if (DaysPerUnit > 0 && st.offset_count > kMaxOffset) {
      st.error(here(in), Msg::offset_too_large,
               {trim(in.string_view()), std::to_string(kMaxOffset)});
      st.mark_broken();
      st.offset_count = 0;
    }
    st.offset = DaysPerUnit > 0 ? st.offset_count * DaysPerUnit : 1;
    st.offset_weekday = DaysPerUnit < 0 ? st.weekday : 0;
  }
};
template <int DaysPerUnit, typename Rule>
struct action<gr::offset_of<DaysPerUnit, Rule>> : offset_action<DaysPerUnit> {};
template <int Sign, typename Words>
struct action<gr::direction_word<Sign, Words>> : set_action<&State::direction, Sign> {};

/// The anchored day the line read, `Offset` false for a plain anchor (`terminsstart ht`).
template <bool Offset>
struct anchored_action {
  template <typename In>
  static void apply(const In& in, State& st) {
    Atom a{AtomKind::anchored,
           0,
           0,
           {},
           st.anchor == Anchor::holiday ? st.holiday : st.term,
           0,
           here(in)};
    a.anchor = st.anchor;
    a.offset = Offset ? st.direction * st.offset : 0;
    a.weekday = Offset ? st.offset_weekday : 0;
    a.name = st.anchor_name;
    if (a.anchor == Anchor::step) a.where = st.anchor_where;
    st.atoms.push_back(a);
    st.span_text = trim_view(in.string_view());
  }
};
template <bool Offset, typename Rule>
struct action<gr::anchored_form<Offset, Rule>> : anchored_action<Offset> {};

template <>
struct action<gr::term_atom> : word_atom_action<AtomKind::term, &State::term> {};
template <>
struct action<gr::before_each_term> : word_atom_action<AtomKind::before_each_term> {};

// `tisdag–torsdag vecka 39`
template <bool Last>
struct action<gr::week_day<Last>> {
  template <typename In>
  static void apply(const In& /*unused*/, State& st) {
    (Last ? st.wd_to : st.wd_from) = st.weekday;
  }
};
template <>
struct action<gr::weekday_in_week> {
  template <typename In>
  static void apply(const In& in, State& st) {
    if (st.week < 1 || st.week > 53) {
      st.error(here(in), Msg::week_out_of_range, {std::to_string(st.week)});
      st.mark_broken();
    }
    if (st.wd_to != 0 && st.wd_to < st.wd_from) {
      st.error(here(in), Msg::weekdays_reversed, {trim(in.string_view())});
      st.mark_broken();
    }
    Atom a{AtomKind::weekday_in_week, 0, 0, {}, st.week, 0, here(in)};
    a.weekday = st.wd_from;
    a.weekday_to = st.wd_to;
    st.atoms.push_back(a);
    st.wd_to = 0;  // the next `onsdag vecka 40` has no last day
  }
};

// The kalender's lines: `termin ht 2026 2026-08-17 - 2026-12-22`, `lov höstlov 2026 vecka 44`.
template <>
struct action<gr::lov_name> : store_action<&State::label, &as_text> {};
template <>
struct action<gr::lov_week_first> : store_action<&State::week> {};
template <>
struct action<gr::lov_week_last> : store_action<&State::week_to> {};

inline bool in_calendar(const State& st) {
  return st.block == Block::process || st.block == Block::calendar;
}

inline Date ymd(const std::array<int, 3>& d) {
  return std::chrono::year(d[2]) / std::chrono::month(d[1]) / std::chrono::day(d[0]);
}

/// A `stängt` or `lov` line's period, from the dates it collected (a lov with its name).
inline void add_closed(State& st, const Location& where, const std::string& name) {
  if (!in_calendar(st) || st.dates.empty()) return;
  auto from = st.dates.front(), to = st.dates.back();
  if (from[1] == 0 || to[1] == 0) return;  // an unknown month, reported already
  ClosedPeriod c{from[1], from[0], to[1], to[0], std::nullopt, where, name};
  if (from[2]) c.year = from[2];
  st.file.closed.push_back(c);
}

template <>
struct action<gr::term_field> {
  template <typename In>
  static void apply(const In& in, State& st) {
    if (!in_calendar(st) || st.dates.size() != 2 || st.numbers.empty()) return;
    st.file.terms.push_back(
        {st.term == 2, st.numbers.front(), ymd(st.dates.front()), ymd(st.dates.back()), here(in)});
  }
};

/// The dates of `lov NAMN 2026 vecka 44` (or `vecka 51-1`), as day, month and year.
inline bool lov_weeks(State& st, const Location& where) {
  int year = st.numbers.front(), last = st.week_to ? st.week_to : st.week;
  for (int w : {st.week, last}) {
    if (w < 1 || w > 53) {
      st.error(where, Msg::week_out_of_range, {std::to_string(w)});
      return false;
    }
  }
  int last_year = last < st.week ? year + 1 : year;
  if (st.week > iso_weeks_in(year) || last > iso_weeks_in(last_year)) {
    st.error(where, Msg::date_not_in_year,
             {"vecka " + std::to_string(st.week > iso_weeks_in(year) ? st.week : last),
              std::to_string(st.week > iso_weeks_in(year) ? year : last_year)});
    return false;
  }
  auto day = [](Date d) {
    return std::array{static_cast<int>(unsigned(d.day())), static_cast<int>(unsigned(d.month())),
                      static_cast<int>(d.year())};
  };
  st.dates.push_back(day(iso_week_monday(year, st.week)));
  st.dates.push_back(
      day(std::chrono::sys_days(iso_week_monday(last_year, last)) + std::chrono::days(6)));
  return true;
}

template <>
struct action<gr::lov_field> {
  template <typename In>
  static void apply(const In& in, State& st) {
    if (!in_calendar(st)) return;
    if (st.dates.empty() && !lov_weeks(st, here(in))) return;
    add_closed(st, here(in), st.label);
  }
};

}  // namespace arshjul::dsl::parsing
