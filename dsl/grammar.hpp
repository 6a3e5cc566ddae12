#pragma once
// The grammar of the rule language as PEGTL types: no actions here (parser.cpp has them).
//
// The language is line oriented. The parser reads one line at a time with `line`, so an
// error skips only the rest of its line and every error of a file is reported in one run:
//   header lines start in column 1:  process / roll / steg / inkludera / kalender
//                                    perspektiv / mål / aktivitet / mätetal
//   field lines are indented:        NÄR, VEM, VAD, EFTER, SENAST, TYP, TAGG, OM, VART, ...
//                                    NIVÅ, PERSPEKTIV, UNDER, MÅL, KLART, ENHET, RIKTNING, ...
//   a line indented deeper than the VAD above it continues the VAD text.
// Keywords are case-insensitive, accepted with or without å/ä/ö, and have English aliases.
#include <tao/pegtl.hpp>
#include <tao/pegtl/contrib/analyze.hpp>

#include "dsl/grammar_terms.hpp"
#include "dsl/grammar_words.hpp"

namespace arshjul::dsl::grammar {

struct date_atom
    : seq<pg::rep<4, digit>, one<'-'>, pg::rep<2, digit>, one<'-'>, pg::rep<2, digit>> {};
struct rhythm : sor<before_each_term, every_other_week, every_week, every_weekday, every_unknown> {
};
/// Consumes nothing; succeeds where a known month name stands as a word (`feb`, `Mars`), but
/// not at `may day` (a holiday). Of the atom's forms only `month_atom` can match there, so it is
/// tried first instead of after the eleven others (NÄR is mostly months).
struct month_first {
  using rule_t = month_first;
  using subs_t = pg::empty_list;
  template <typename ParseInput>
  static bool match(ParseInput& in) {
    return month_word_at(in.current(), in.end());
  }
};
struct atom : sor<seq<month_first, month_atom>, date_atom, anchored_counted, anchored_plain,
                  week_atom, quarter, tertial, term_atom, part_of_month, day_month, nth_weekday,
                  weekday_in_week, month_atom> {};
struct range_end : seq<atom> {};
struct span : seq<atom, opt<ws, range_dash, ws, must<range_end>>> {};
struct whole_cycle : seq<kw_whole_cycle> {};
struct every_month : seq<kw_every_month> {};
struct next_year : seq<kw_next_year> {};
// a time of day after a day: `kl 9`, `kl. 16.00–17.00`, `klockan 8:30`, `at 9`
struct kw_clock : sor<key<istr<"klockan">>, seq<key<istr<"kl">>, opt<one<'.'>>>, key<istr<"at">>> {
};
struct clock : seq<rep_min_max<1, 2, digit>, opt<one<'.', ':'>, pg::rep<2, digit>>, not_at<digit>> {
};
struct clock_start : seq<clock> {};
struct clock_end : seq<clock> {};
struct time_of_day
    : seq<kw_clock, ws, must<clock_start>, opt<ws, range_dash, ws, must<clock_end>>> {};
struct occurrence
    : seq<sor<whole_cycle, every_month, rhythm, span>, opt<ws1, time_of_day>, opt<ws1, next_year>> {
};
struct list_sep : sor<one<','>, kw_and> {};
struct when_expr : seq<occurrence, star<ws, list_sep, ws, must<occurrence>>> {};
struct when_end : seq<line_end> {};

// --- fields ------------------------------------------------------------------------------
struct field_end : seq<line_end> {};
/// A name the line collects into a list (EFTER, TAGG, UTFALL, OM's outcome, MÅL).
template <int Tag>
struct listed_name : seq<ident> {};
using step_ref = listed_name<0>;
struct role_ref_name : seq<ident> {};
struct if_needed_word : seq<kw_if_needed> {};
struct closing_paren : one<')'> {};
struct if_needed : seq<one<'('>, ws, must<if_needed_word>, ws, must<closing_paren>> {};
struct role_ref : seq<role_ref_name, opt<ws, if_needed>> {};
struct role_sep : sor<one<','>, one<'&'>, kw_and> {};
struct role_list : seq<role_ref, star<ws, role_sep, ws, must<role_ref>>> {};
// EFTER: `a`, `budget.anvisningar` (a step of another process), `rapport förra cykeln`
struct link_process : seq<ident, one<'.'>> {};
struct previous_cycle : seq<kw_previous_cycle> {};
struct after_ref : seq<sor<seq<link_process, must<step_ref>>, step_ref>, opt<ws1, previous_cycle>> {
};
struct step_list : seq<after_ref, star<ws, role_sep, ws, must<after_ref>>> {};

// `\#` is a '#' in the text; any other '#' starts a comment:
// plus<sor<seq<one<'\\'>, one<'#'>>, not_one<'#', '\r', '\n'>>>.
struct text_scan {
  static std::size_t scan(const char* begin, const char* end) {
    const char* p = begin;
    while (p != end && *p != '#' && *p != '\r' && *p != '\n')
      p += (*p == '\\' && p + 1 != end && p[1] == '#') ? 2 : 1;
    return static_cast<std::size_t>(p - begin);
  }
};
struct text : scanned<text_scan> {};
// a web address: up to white space, with '#' inside it
struct url : seq<sor<istr<"https://">, istr<"http://">>, plus<not_one<' ', '\t', '\r', '\n'>>> {};
struct deadline_date : seq<day, ws1, month_name, opt<ws1, next_year>> {};
struct type_name : seq<ident> {};
using tag_name = listed_name<1>;
struct tag_list : seq<tag_name, star<ws, one<','>, ws, must<tag_name>>> {};
using outcome_name = listed_name<2>;
using declared_outcome = listed_name<3>;
struct outcome_list : seq<declared_outcome, star<ws, one<','>, ws, must<declared_outcome>>> {};
struct condition_step : seq<ident> {};
struct equals : one<'='> {};
struct ordinal_suffix : seq<one<':'>, plus<alpha>> {};
using every_years = collected<0, seq<number>>;
using every_from = collected<1, seq<number>>;
struct every_rest : seq<kw_year_word, ws, must<kw_from>, ws, must<every_from>> {};
struct every_spec : seq<every_years, opt<ordinal_suffix>, ws, must<every_rest>> {};
struct day_count : seq<number> {};
struct cycle_start_month : seq<month_name> {};
struct cycle_from_month : seq<kw_from, ws1, must<cycle_start_month>> {};
struct cycle_kind : sor<kw_calendar_year, kw_school_year, cycle_from_month> {};

using shift_never = shift_word<2, istr<"aldrig">, istr<"never">>;
struct shift_kind : sor<shift_before, shift_after, shift_never> {};
struct iso_date : seq<pg::rep<4, digit>, one<'-'>, pg::rep<2, digit>, one<'-'>, pg::rep<2, digit>> {
};
struct closed_day : seq<day, ws1, month_name> {};
struct closed_iso_end : seq<iso_date> {};
struct closed_day_end : seq<closed_day> {};
struct closed_span : sor<seq<iso_date, opt<ws, range_dash, ws, must<closed_iso_end>>>,
                         seq<closed_day, opt<ws, range_dash, ws, must<closed_day_end>>>> {};
// kalender: `termin ht 2026 2026-08-17 - 2026-12-22`, `lov höstlov 2026 vecka 44`,
// `lov 2026-10-30`, `lov jullov 2026-12-21 - 2027-01-08`
struct kw_term : key<sor<istr<"termin">, istr<"term">>> {};
struct kw_lov : key<sor<istr<"lov">, istr<"break">>> {};
struct year4 : seq<pg::rep<4, digit>, not_at<digit>> {};
struct term_kind : seq<term_which> {};
using term_year = collected<2, seq<year4>>;
struct term_first : seq<iso_date> {};
struct term_dash : seq<range_dash> {};
struct term_last : seq<iso_date> {};
struct term_field : seq<kw_term, ws, must<term_kind>, ws, must<term_year>, ws, must<term_first>, ws,
                        must<term_dash>, ws, must<term_last>, must<field_end>> {};
struct lov_name : seq<ident> {};
using lov_year = collected<3, seq<year4>>;
struct lov_week : seq<kw_week> {};
struct lov_week_first : number {};
struct lov_week_last : number {};
struct lov_weeks : seq<lov_year, ws, must<lov_week>, ws, must<lov_week_first>,
                       opt<ws, range_dash, ws, opt<kw_week, ws>, must<lov_week_last>>> {};
struct lov_last : seq<iso_date> {};
struct lov_dates : seq<iso_date, opt<ws, range_dash, ws, must<lov_last>>> {};
struct lov_span : sor<lov_dates, lov_weeks> {};
struct lov_field : seq<kw_lov, ws, opt<lov_name, ws>, must<lov_span>, must<field_end>> {};
// ENHETER and `stängt ... för`: `skolform = grundskola, anpassad grundskola; område = Nord`.
// A value is the text up to `,`, `;` or a comment (trimmed): values have spaces in them.
struct unit_attribute : seq<ident> {};
struct unit_value : plus<not_one<',', ';', '#', '\r', '\n'>> {};
struct unit_equals : one<'='> {};
struct unit_condition : seq<unit_attribute, ws, must<unit_equals>, ws, must<unit_value>,
                            star<one<','>, ws, must<unit_value>>> {};
struct unit_filter : seq<unit_condition, star<one<';'>, ws, must<unit_condition>>> {};
struct units_field : seq<kw_units, ws, must<unit_filter>, must<field_end>> {};
struct closed_for : seq<kw_for, ws, must<unit_filter>> {};
struct closed_field : seq<kw_closed, ws, must<closed_span>, opt<ws1, closed_for>, must<field_end>> {
};
struct shift_field : seq<kw_shift, ws, must<shift_kind>, must<field_end>> {};
struct when_field : seq<kw_when, ws, must<when_expr>, must<when_end>> {};
struct who_field : seq<kw_who, ws, must<role_list>, must<field_end>> {};
struct what_field : seq<kw_what, ws, must<text>, must<field_end>> {};
struct after_field : seq<kw_after, ws, must<step_list>, must<field_end>> {};
struct deadline_field : seq<kw_deadline, ws, must<deadline_date>, must<field_end>> {};
struct type_field : seq<kw_type, ws, must<type_name>, must<field_end>> {};
struct tag_field : seq<kw_tag, ws, must<tag_list>, must<field_end>> {};
struct if_field : seq<kw_if, ws, must<condition_step>, ws, must<equals>, ws, must<outcome_name>,
                      must<field_end>> {};
struct every_field : seq<kw_every, ws, must<every_spec>, must<field_end>> {};
struct outcomes_field : seq<kw_outcomes, ws, must<outcome_list>, must<field_end>> {};
struct link_field : seq<kw_link, ws, must<url>, must<field_end>> {};
struct lead_field : seq<kw_lead, ws, must<day_count>, ws, must<kw_days>, must<field_end>> {};
struct escalate_field : seq<kw_escalate, ws, must<day_count>, ws, must<kw_days>, must<field_end>> {
};
struct cycle_field : seq<kw_cycle, ws, must<cycle_kind>, must<field_end>> {};
using valid_first = collected<4, seq<pg::rep<4, digit>>>;
using valid_last = collected<5, seq<pg::rep<4, digit>>>;
struct valid_years : seq<valid_first, not_at<digit>, opt<ws, range_dash, ws, must<valid_last>>> {};
struct valid_field : seq<kw_valid, ws, must<valid_years>, must<field_end>> {};

// fields of goals, activities and measures
using item_ref = listed_name<4>;
struct item_list : seq<item_ref, star<ws, role_sep, ws, must<item_ref>>> {};
struct level_name : seq<ident> {};
struct direction_name : seq<ident> {};
struct decimal
    : seq<opt<one<'-'>>, plus<digit>, opt<one<',', '.'>, plus<digit>>, not_at<ident_char>> {};
struct tertial_ref : seq<tertial> {};
struct tertial_list : seq<tertial_ref, star<ws, list_sep, ws, must<tertial_ref>>> {};
struct due_expr : seq<when_expr> {};
struct level_field : seq<kw_level, ws, must<level_name>, must<field_end>> {};
struct perspective_field : seq<kw_perspective, ws, must<item_ref>, must<field_end>> {};
struct parent_field : seq<kw_parent, ws, must<item_ref>, must<field_end>> {};
struct goals_field : seq<kw_goal, ws, must<item_list>, must<field_end>> {};
struct due_field : seq<kw_due, ws, must<due_expr>, must<when_end>> {};
struct measure_unit_text : seq<text> {};
struct measure_unit_field : seq<kw_measure_unit, ws, must<measure_unit_text>, must<field_end>> {};
struct direction_field : seq<kw_direction, ws, must<direction_name>, must<field_end>> {};
struct target_field : seq<kw_target, ws, must<decimal>, must<field_end>> {};
struct followup_field : seq<kw_followup, ws, must<tertial_list>, must<field_end>> {};
struct field
    : sor<when_field, who_field, what_field, after_field, deadline_field, type_field, tag_field,
          if_field, every_field, outcomes_field, link_field, lead_field, escalate_field,
          cycle_field, closed_field, term_field, lov_field, shift_field, valid_field, level_field,
          perspective_field, parent_field, goals_field, due_field, measure_unit_field,
          direction_field, target_field, followup_field, units_field> {};

/// Succeeds, consuming nothing, when `Test::test` says so of the parser state. The only rules
/// that look at the parser state: indentation is context, not syntax.
template <typename Test>
struct state_test {
  using rule_t = state_test;
  using subs_t = pg::empty_list;
  template <pg::apply_mode, pg::rewind_mode, template <typename...> class,
            template <typename...> class, typename ParseInput, typename State>
  static bool match(ParseInput& /*unused*/, State& state) {
    return Test::test(state);
  }
};
/// This indented line continues a VAD.
struct continues_what_test {
  static bool test(const auto& state) { return state.continues_what(); }
};
using continues_what = state_test<continues_what_test>;
struct continuation : seq<continues_what, text, must<field_end>> {};
struct indent : plus<space> {};
/// No step or process is open to take a field.
struct outside_block_test {
  static bool test(const auto& state) { return state.outside_block(); }
};
using outside_block = state_test<outside_block_test>;
struct stray_indent : seq<outside_block, pg::raise<stray_indent>> {};
struct indented_line : seq<indent, sor<blank_line, continuation, stray_indent, must<field>>> {};

// --- headers -----------------------------------------------------------------------------
struct process_id : seq<ident> {};
// Quotes: straight ones, and the typographic ones of word processors (” “ „).
struct quote : sor<one<'"'>, str<"\u201D">, str<"\u201C">, str<"\u201E">> {};
struct quoted_body : star<not_at<quote>, not_one<'\r', '\n'>> {};
struct closing_quote : seq<quote> {};
struct quoted : seq<quote, quoted_body, must<closing_quote>> {};
struct process_title : seq<quoted> {};
struct role_name : seq<ident> {};
struct alias_name : seq<ident> {};
struct alias_list : seq<alias_name, star<ws, one<','>, ws, must<alias_name>>> {};
struct reports_to_name : seq<ident> {};
struct per_unit : seq<kw_per_unit> {};
struct per_area : seq<kw_per_area> {};
struct role_option : sor<per_unit, per_area, seq<kw_alias, ws, must<alias_list>>,
                         seq<kw_reports_to, ws, must<reports_to_name>>> {};
struct role_end : seq<line_end> {};
struct step_id : seq<ident> {};
struct include_path : seq<quoted> {};

struct process_header
    : seq<kw_process, ws, must<process_id>, opt<ws1, process_title>, must<field_end>> {};
struct role_header : seq<kw_role, ws, must<role_name>, star<ws1, role_option>, must<role_end>> {};
struct step_title : seq<quoted> {};
struct step_header : seq<kw_step, ws, must<step_id>, opt<ws1, step_title>, must<field_end>> {};
struct include_header : seq<kw_include, ws, must<include_path>, must<field_end>> {};
struct calendar_header : seq<kw_calendar, must<field_end>> {};
struct item_id : seq<ident> {};
struct item_title : seq<quoted> {};
// Derived, not wrapped: the same words as the field keywords PERSPEKTIV and MÅL, but
// other types, so the field keywords' actions do not run for a header.
// K is the ItemKind (0 perspective, 1 goal, 2 activity, 3 measure).
template <int K, typename Keyword>
struct item_kind_of : Keyword {};
using perspective_kind = item_kind_of<0, kw_perspective>;
using goal_kind = item_kind_of<1, kw_goal>;
using activity_kind = item_kind_of<2, kw_activity>;
using measure_kind = item_kind_of<3, kw_measure>;
struct item_kind : sor<perspective_kind, goal_kind, activity_kind, measure_kind> {};
struct item_header : seq<item_kind, ws, must<item_id>, opt<ws1, item_title>, must<field_end>> {};
struct header
    : sor<process_header, role_header, step_header, include_header, calendar_header, item_header> {
};

/// One line of a rule file; the parser calls this until the input is empty.
struct line : sor<blank_line, indented_line, must<header>> {};

/// Skips the rest of a line after an error.
struct skip_line : seq<star<not_one<'\n'>>, opt<one<'\n'>>> {};

}  // namespace arshjul::dsl::grammar

namespace tao::pegtl {
template <typename Name, typename Test>
struct analyze_traits<Name, arshjul::dsl::grammar::state_test<Test>> : analyze_opt_traits<> {};
template <typename Name, typename Scan>
struct analyze_traits<Name, arshjul::dsl::grammar::scanned<Scan>> : analyze_any_traits<> {};
template <typename Name>
struct analyze_traits<Name, arshjul::dsl::grammar::month_first> : analyze_opt_traits<> {};
}  // namespace tao::pegtl
