#pragma once
// Actions of NÄR, KLART and SENAST: months, days, parts of months, weeks, quarters and the
// occurrences they make.
// Part of the parser: included by dsl/parser.cpp only (PEGTL's actions must all be seen where
// the grammar is parsed): parser_state, then parser_headers, parser_when and parser_fields.
#include <string>
#include <vector>

#include "dsl/parser.hpp"
#include "dsl/parser_state.hpp"
#include "dsl/text.hpp"

namespace arshjul::dsl::parsing {

// NÄR: atoms, occurrences, the whole expression.
template <int N>
struct month_action {
  template <typename In>
  static void apply(const In&, State& st) {
    st.month = N;
  }
};
template <>
struct action<gr::m_jan> : month_action<1> {};
template <>
struct action<gr::m_feb> : month_action<2> {};
template <>
struct action<gr::m_mar> : month_action<3> {};
template <>
struct action<gr::m_apr> : month_action<4> {};
template <>
struct action<gr::m_may> : month_action<5> {};
template <>
struct action<gr::m_jun> : month_action<6> {};
template <>
struct action<gr::m_jul> : month_action<7> {};
template <>
struct action<gr::m_aug> : month_action<8> {};
template <>
struct action<gr::m_sep> : month_action<9> {};
template <>
struct action<gr::m_oct> : month_action<10> {};
template <>
struct action<gr::m_nov> : month_action<11> {};
template <>
struct action<gr::m_dec> : month_action<12> {};

template <>
struct action<gr::unknown_month> {
  template <typename In>
  static void apply(const In& in, State& st) {
    st.month = 0;
    st.mark_broken();
    st.error(here(in), Msg::unknown_month, {in.string()}, closest(in.string(), month_names()));
  }
};
template <>
struct action<gr::day> {
  template <typename In>
  static void apply(const In& in, State& st) {
    st.day = to_int(in.string());
  }
};

inline void check_day(State& st, const Location& where) {
  if (st.month == 0) return;
  if (st.day < 1 || st.day > kMaxDays[st.month]) {
    st.error(
        where, Msg::day_not_in_month,
        {std::to_string(st.day), month_names()[st.month - 1], std::to_string(kMaxDays[st.month])});
    st.mark_broken();
  }
}

template <>
struct action<gr::day_month> {
  template <typename In>
  static void apply(const In& in, State& st) {
    check_day(st, here(in));
    Atom a{AtomKind::day_month, st.month, st.day, {}, 0, 0, here(in)};
    st.atoms.push_back(a);
  }
};
template <>
struct action<gr::part_early> {
  template <typename In>
  static void apply(const In&, State& st) {
    st.part = MonthPart::early;
  }
};
template <>
struct action<gr::part_middle> {
  template <typename In>
  static void apply(const In&, State& st) {
    st.part = MonthPart::middle;
  }
};
template <>
struct action<gr::part_late> {
  template <typename In>
  static void apply(const In&, State& st) {
    st.part = MonthPart::late;
  }
};
template <>
struct action<gr::part_of_month> {
  template <typename In>
  static void apply(const In& in, State& st) {
    st.atoms.push_back({AtomKind::part_of_month, st.month, 0, st.part, 0, 0, here(in)});
  }
};
template <>
struct action<gr::month_atom> {
  template <typename In>
  static void apply(const In& in, State& st) {
    st.atoms.push_back({AtomKind::month, st.month, 0, {}, 0, 0, here(in)});
  }
};
template <>
struct action<gr::kw_week> {
  template <typename In>
  static void apply(const In&, State& st) {
    st.week_to = 0;
  }
};
template <>
struct action<gr::week_number> {
  template <typename In>
  static void apply(const In& in, State& st) {
    st.week = to_int(in.string());
  }
};
template <>
struct action<gr::week_last> {
  template <typename In>
  static void apply(const In& in, State& st) {
    st.week_to = to_int(in.string());
  }
};
template <>
struct action<gr::week_atom> {
  template <typename In>
  static void apply(const In& in, State& st) {
    std::vector<int> weeks{st.week};
    if (st.week_to != 0 || in.string().find_first_of("-–—") != std::string::npos)
      weeks.push_back(st.week_to);
    for (int w : weeks) {
      if (w < 1 || w > 53) {
        st.error(here(in), Msg::week_out_of_range, {std::to_string(w)});
        st.mark_broken();
      }
    }
    st.atoms.push_back({AtomKind::week, 0, 0, {}, st.week, st.week_to, here(in)});
  }
};
template <AtomKind K>
struct numbered_atom_action {
  template <typename In>
  static void apply(const In& in, State& st) {
    st.atoms.push_back({K, 0, 0, {}, in.string()[1] - '0', 0, here(in)});
  }
};
template <>
struct action<gr::quarter> : numbered_atom_action<AtomKind::quarter> {};
template <>
struct action<gr::tertial> : numbered_atom_action<AtomKind::tertial> {};
template <>
struct action<gr::whole_cycle> {
  template <typename In>
  static void apply(const In& in, State& st) {
    st.atoms.push_back({AtomKind::whole_cycle, 0, 0, {}, 0, 0, here(in)});
  }
};
template <>
struct action<gr::every_month> {
  template <typename In>
  static void apply(const In& in, State& st) {
    st.atoms.push_back({AtomKind::every_month, 0, 0, {}, 0, 0, here(in)});
  }
};
template <>
struct action<gr::next_year> {
  template <typename In>
  static void apply(const In&, State& st) {
    st.next_year = true;
  }
};
template <>
struct action<gr::occurrence> {
  template <typename In>
  static void apply(const In& in, State& st) {
    if (st.atoms.empty()) return;
    Occurrence o{st.atoms.front(), std::nullopt, st.next_year, here(in)};
    if (st.atoms.size() > 1) o.to = st.atoms.back();
    st.occurrences.push_back(o);
    st.atoms.clear();
    st.next_year = false;
  }
};
template <>
struct action<gr::when_expr> {
  template <typename In>
  static void apply(const In& in, State& st) {
    st.when = When{std::move(st.occurrences), trim(in.string()), here(in)};
  }
};
template <>
struct action<gr::when_field> {
  template <typename In>
  static void apply(const In&, State& st) {
    st.step().when = st.when;
  }
};
template <>
struct action<gr::due_field> {
  template <typename In>
  static void apply(const In&, State& st) {
    st.item().due = st.when;
  }
};
template <>
struct action<gr::deadline_date> {
  template <typename In>
  static void apply(const In& in, State& st) {
    check_day(st, here(in));
    st.step().deadline = DayMonth{st.day, st.month, st.next_year, here(in)};
  }
};

}  // namespace arshjul::dsl::parsing
