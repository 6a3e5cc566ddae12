#pragma once
// Actions of the unit filter of ENHETER and `stängt ... för`: `skolform = grundskola,
// anpassad grundskola; område = Nord` collected into State::filter, one condition per `;`.
#include "dsl/parser_state.hpp"

namespace arshjul::dsl::parsing {

template <>
struct action<gr::unit_attribute> {
  template <typename In>
  static void apply(const In& in, State& st) {
    st.filter.push_back({{in.string(), here(in)}, {}});
  }
};
template <>
struct action<gr::unit_value> {
  template <typename In>
  static void apply(const In& in, State& st) {
    st.filter.back().values.push_back({trim(in.string_view()), here(in)});
  }
};
template <>
struct action<gr::units_field> : step_field_action<&StepSyntax::units, &State::filter> {};

}  // namespace arshjul::dsl::parsing
