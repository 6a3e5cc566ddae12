#pragma once
// Actions of the other field values: VEM, EFTER, TAGG, UTFALL, TYP, OM, VART, LEDTID's days,
// cykel, the plan's fields (NIVÅ, PERSPEKTIV, UNDER, MÅL, ENHET, ...) and VAD's text.
// Part of the parser: included by dsl/parser.cpp only (PEGTL's actions must all be seen where
// the grammar is parsed): parser_state, then parser_headers, parser_when and parser_fields.
#include <algorithm>
#include <charconv>
#include <string>

#include "dsl/parser_state.hpp"

namespace arshjul::dsl::parsing {

// VEM, EFTER and the other lists.
template <>
struct action<gr::role_ref_name> {
  template <typename In>
  static void apply(const In& in, State& st) {
    st.role_refs.push_back({{in.string(), here(in)}, false});
  }
};
template <>
struct action<gr::if_needed> {
  template <typename In>
  static void apply(const In&, State& st) {
    st.role_refs.back().if_needed = true;
  }
};
template <>
struct action<gr::who_field> {
  template <typename In>
  static void apply(const In&, State& st) {
    if (st.block == Block::item)
      st.item().who = st.role_refs;
    else
      st.step().who = st.role_refs;
  }
};
template <typename Rule>
struct name_action {
  template <typename In>
  static void apply(const In& in, State& st) {
    st.names.push_back({in.string(), here(in)});
  }
};
template <>
struct action<gr::step_ref> : name_action<gr::step_ref> {};
template <>
struct action<gr::tag_name> : name_action<gr::tag_name> {};
template <>
struct action<gr::outcome_name> : name_action<gr::outcome_name> {};
template <>
struct action<gr::declared_outcome> : name_action<gr::declared_outcome> {};
template <>
struct action<gr::after_field> {
  template <typename In>
  static void apply(const In&, State& st) {
    st.step().after = st.names;
  }
};
template <>
struct action<gr::tag_field> {
  template <typename In>
  static void apply(const In&, State& st) {
    if (st.block == Block::item)
      st.item().tags = st.names;
    else
      st.step().tags = st.names;
  }
};
template <>
struct action<gr::outcomes_field> {
  template <typename In>
  static void apply(const In&, State& st) {
    st.step().outcomes = st.names;
  }
};
template <>
struct action<gr::type_name> {
  template <typename In>
  static void apply(const In& in, State& st) {
    st.step().type = Name{in.string(), here(in)};
  }
};
template <>
struct action<gr::condition_step> {
  template <typename In>
  static void apply(const In& in, State& st) {
    st.condition_step = {in.string(), here(in)};
  }
};
template <>
struct action<gr::if_field> {
  template <typename In>
  static void apply(const In&, State& st) {
    st.step().condition = ConditionSyntax{st.condition_step, st.names.back()};
  }
};
template <>
struct action<gr::every_years> {
  template <typename In>
  static void apply(const In& in, State& st) {
    st.numbers.push_back(to_int(in.string()));
  }
};
template <>
struct action<gr::every_from> : action<gr::every_years> {};
template <>
struct action<gr::every_spec> {
  template <typename In>
  static void apply(const In& in, State& st) {
    if (st.numbers[0] < 1) {
      st.error(here(in), Msg::every_zero);
      st.mark_broken();
    }
    st.step().every = EverySyntax{st.numbers[0], st.numbers[1], here(in)};
  }
};
template <>
struct action<gr::day_count> {
  template <typename In>
  static void apply(const In& in, State& st) {
    int days = to_int(in.string());
    if (st.block == Block::process)
      (*st.file.process).*st.process_days = days;
    else
      st.step().*st.step_days = days;
  }
};
template <>
struct action<gr::kw_calendar_year> {
  template <typename In>
  static void apply(const In&, State& st) {
    if (st.block == Block::process) st.file.process->cycle = CycleKind::calendar_year;
  }
};
template <>
struct action<gr::kw_school_year> {
  template <typename In>
  static void apply(const In&, State& st) {
    if (st.block == Block::process) st.file.process->cycle = CycleKind::school_year;
  }
};

// Fields of goals, activities and measures.
template <>
struct action<gr::item_ref> : name_action<gr::item_ref> {};
template <>
struct action<gr::level_name> {
  template <typename In>
  static void apply(const In& in, State& st) {
    st.item().level = Name{in.string(), here(in)};
  }
};
template <>
struct action<gr::direction_name> {
  template <typename In>
  static void apply(const In& in, State& st) {
    st.item().direction = Name{in.string(), here(in)};
  }
};
template <>
struct action<gr::perspective_field> {
  template <typename In>
  static void apply(const In&, State& st) {
    st.item().perspective = st.names.back();
  }
};
template <>
struct action<gr::parent_field> {
  template <typename In>
  static void apply(const In&, State& st) {
    st.item().parent = st.names.back();
  }
};
template <>
struct action<gr::goals_field> {
  template <typename In>
  static void apply(const In&, State& st) {
    st.item().goals = st.names;
  }
};
template <>
struct action<gr::measure_unit_field> {
  template <typename In>
  static void apply(const In&, State& st) {
    st.item().measure_unit = st.text;
  }
};
template <>
struct action<gr::decimal> {
  template <typename In>
  static void apply(const In& in, State& st) {
    std::string s = in.string();
    std::replace(s.begin(), s.end(), ',', '.');
    double v = 0;
    std::from_chars(s.data(), s.data() + s.size(), v);
    st.item().target = v;
  }
};
template <>
struct action<gr::tertial_ref> {
  template <typename In>
  static void apply(const In& in, State& st) {
    st.numbers.push_back(in.string()[1] - '0');
  }
};
template <>
struct action<gr::followup_field> {
  template <typename In>
  static void apply(const In&, State& st) {
    st.item().tertials = st.numbers;
  }
};

// VAD and its continuation lines.
template <>
struct action<gr::text> {
  template <typename In>
  static void apply(const In& in, State& st) {
    st.text = trim(in.string());
  }
};
template <>
struct action<gr::what_field> {
  template <typename In>
  static void apply(const In&, State& st) {
    st.what() = st.text;
    st.in_what = st.block == Block::step || st.block == Block::item;
    st.what_indent = st.line_indent;
  }
};
template <>
struct action<gr::continuation> {
  template <typename In>
  static void apply(const In&, State& st) {
    if (!st.text.empty() && st.what()) *st.what() += " " + st.text;
  }
};

}  // namespace arshjul::dsl::parsing
