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
template <int N, typename... Names>
struct action<gr::weekday_key<N, Names...>> : weekday_action<N> {};
template <int N, typename... Names>
struct action<gr::ordinal_key<N, Names...>> : set_action<&State::ordinal, N> {};
template <>
struct action<gr::nth_every_month> : set_action<&State::month, 0> {};
/// `första måndagen i maj` (the ordinal and month read) or `varje måndag september–december`
/// (the months of the range, if any).
template <AtomKind K>
struct weekday_atom_action {
  template <typename In>
  static void apply(const In& in, State& st) {
    bool nth = K == AtomKind::nth_weekday;
    Atom a{K, nth ? st.month : st.month_from, 0, {}, 0, 0, here(in)};
    a.weekday = st.weekday;
    a.ordinal = nth ? st.ordinal : 0;
    a.month_to = nth ? 0 : st.month_to;
    st.atoms.push_back(a);
    if (!nth) st.span_text = trim_view(in.string_view());
  }
};
template <>
struct action<gr::nth_weekday> : weekday_atom_action<AtomKind::nth_weekday> {};
template <>
struct action<gr::weekday_month_from> : copy_action<&State::month_from, &State::month> {};
template <>
struct action<gr::range_end_month> : copy_action<&State::month_to, &State::month> {};
template <>
struct action<gr::every_weekday> : weekday_atom_action<AtomKind::every_weekday> {};
template <>
struct action<gr::every_week> : word_atom_action<AtomKind::every_week> {};
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
    st.span_text = trim_view(in.string_view());
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
