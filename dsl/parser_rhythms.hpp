#pragma once
// Actions of the weekday forms of NÄR: weekdays, ordinals (`första måndagen i maj`), the
// rhythms (`varje fredag`, `varje vecka`, `varannan vecka från vecka 35`) and dated days
// (`2026-10-05`). Part of the parser: included by dsl/parser.cpp only, after
// parser_state.hpp (PEGTL's actions must all be seen where the grammar is parsed).
#include <chrono>
#include <string>

#include "dsl/parser_state.hpp"

namespace arshjul::dsl::parsing {

// Weekdays, rhythms and dates.
template <int N>
struct weekday_action {
  template <typename In>
  static void apply(const In&, State& st) {
    st.weekday = N;
    st.month_from = st.month_to = 0;
  }
};
template <>
struct action<gr::wd_mon> : weekday_action<1> {};
template <>
struct action<gr::wd_tue> : weekday_action<2> {};
template <>
struct action<gr::wd_wed> : weekday_action<3> {};
template <>
struct action<gr::wd_thu> : weekday_action<4> {};
template <>
struct action<gr::wd_fri> : weekday_action<5> {};
template <>
struct action<gr::wd_sat> : weekday_action<6> {};
template <>
struct action<gr::wd_sun> : weekday_action<7> {};
template <>
struct action<gr::ord_1> : set_action<&State::ordinal, 1> {};
template <>
struct action<gr::ord_2> : set_action<&State::ordinal, 2> {};
template <>
struct action<gr::ord_3> : set_action<&State::ordinal, 3> {};
template <>
struct action<gr::ord_4> : set_action<&State::ordinal, 4> {};
template <>
struct action<gr::ord_last> : set_action<&State::ordinal, -1> {};
template <>
struct action<gr::nth_every_month> : set_action<&State::month, 0> {};
template <>
struct action<gr::nth_weekday> {
  template <typename In>
  static void apply(const In& in, State& st) {
    Atom a{AtomKind::nth_weekday, st.month, 0, {}, 0, 0, here(in)};
    a.weekday = st.weekday;
    a.ordinal = st.ordinal;
    st.atoms.push_back(a);
  }
};
template <>
struct action<gr::weekday_month_from> {
  template <typename In>
  static void apply(const In&, State& st) {
    st.month_from = st.month;
  }
};
template <>
struct action<gr::range_end_month> {
  template <typename In>
  static void apply(const In&, State& st) {
    st.month_to = st.month;
  }
};
template <>
struct action<gr::every_weekday> {
  template <typename In>
  static void apply(const In& in, State& st) {
    Atom a{AtomKind::every_weekday, st.month_from, 0, {}, 0, 0, here(in)};
    a.weekday = st.weekday;
    a.month_to = st.month_to;
    st.atoms.push_back(a);
    st.span_text = trim(in.string());
  }
};
template <>
struct action<gr::every_week> {
  template <typename In>
  static void apply(const In& in, State& st) {
    st.atoms.push_back({AtomKind::every_week, 0, 0, {}, 0, 0, here(in)});
    st.span_text = trim(in.string());
  }
};
template <>
struct action<gr::every_other_from> {
  template <typename In>
  static void apply(const In& in, State& st) {
    st.week = to_int(in.string());
    if (st.week < 1 || st.week > 53) {
      st.error(here(in), Msg::week_out_of_range, {in.string()});
      st.mark_broken();
    }
  }
};
template <>
struct action<gr::every_other_week> {
  template <typename In>
  static void apply(const In& in, State& st) {
    st.atoms.push_back({AtomKind::every_other_week, 0, 0, {}, st.week, 0, here(in)});
    st.span_text = trim(in.string());
  }
};
template <>
struct action<gr::date_atom> {
  template <typename In>
  static void apply(const In& in, State& st) {
    auto ymd = iso_day(in.string());
    if (!ymd) {
      st.error(here(in), Msg::record_bad_date, {in.string()});
      st.mark_broken();
    }
    // a day that does not exist is like an unknown month: month 0, no window
    Atom a{AtomKind::date, ymd ? (*ymd)[1] : 0, ymd ? (*ymd)[2] : 0, {}, 0, 0, here(in)};
    a.year = ymd ? (*ymd)[0] : 0;
    st.atoms.push_back(a);
  }
};

}  // namespace arshjul::dsl::parsing
