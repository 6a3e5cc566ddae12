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

namespace arshjul::dsl::grammar {

namespace pg = tao::pegtl;
using pg::alnum;
using pg::alpha;
using pg::at;
using pg::blank;
using pg::digit;
using pg::eof;
using pg::eol;
using pg::eolf;
using pg::istring;
using pg::must;
using pg::not_at;
using pg::not_one;
using pg::one;
using pg::opt;
using pg::plus;
using pg::rep_min_max;
using pg::seq;
using pg::sor;
using pg::star;

// --- characters --------------------------------------------------------------------------
// Letters of identifiers: ASCII letters and digits, '_', and Latin letters with diacritics
// (U+00C0-U+024F without x and /), so `nämndmål_dialog` is one word but `–` is not.
struct ident_char : sor<alnum, one<'_'>, pg::utf8::ranges<0xC0, 0xD6, 0xD8, 0xF6, 0xF8, 0x24F>> {};
struct ident_start : sor<alpha, one<'_'>, pg::utf8::ranges<0xC0, 0xD6, 0xD8, 0xF6, 0xF8, 0x24F>> {};
struct ident : seq<ident_start, star<sor<ident_char, seq<one<'-'>, at<ident_char>>>>> {};

struct a_uml : sor<TAO_PEGTL_STRING("ä"), TAO_PEGTL_STRING("Ä"), one<'a', 'A'>> {};
struct a_ring : sor<TAO_PEGTL_STRING("å"), TAO_PEGTL_STRING("Å"), one<'a', 'A'>> {};
struct o_uml : sor<TAO_PEGTL_STRING("ö"), TAO_PEGTL_STRING("Ö"), one<'o', 'O'>> {};

/// A keyword: never the start of a longer word.
template <typename... R>
struct key : seq<R..., not_at<ident_char>> {};

// White space: spaces, tabs, and the non-breaking space (U+00A0) pasted from web pages.
struct space : sor<blank, TAO_PEGTL_STRING("\u00A0")> {};
struct ws : star<space> {};
struct ws1 : plus<space> {};
struct comment : seq<one<'#'>, star<not_one<'\r', '\n'>>> {};
struct line_end : seq<ws, opt<comment>, eolf> {};
struct blank_line : seq<ws, opt<comment>, eolf> {};
struct number : plus<digit> {};

// --- keywords ----------------------------------------------------------------------------
struct kw_process : key<TAO_PEGTL_ISTRING("process")> {};
struct kw_role : key<sor<TAO_PEGTL_ISTRING("roll"), TAO_PEGTL_ISTRING("role")>> {};
struct kw_step : key<sor<TAO_PEGTL_ISTRING("steg"), TAO_PEGTL_ISTRING("step")>> {};
struct kw_include : key<sor<TAO_PEGTL_ISTRING("inkludera"), TAO_PEGTL_ISTRING("include")>> {};
struct kw_calendar : key<sor<TAO_PEGTL_ISTRING("kalender"), TAO_PEGTL_ISTRING("calendar")>> {};
struct kw_closed : key<sor<seq<TAO_PEGTL_ISTRING("st"), a_uml, TAO_PEGTL_ISTRING("ngt")>,
                           TAO_PEGTL_ISTRING("closed")>> {};
struct kw_shift : key<sor<TAO_PEGTL_ISTRING("flytta"), TAO_PEGTL_ISTRING("shift")>> {};
struct kw_cycle : key<sor<TAO_PEGTL_ISTRING("cykel"), TAO_PEGTL_ISTRING("cycle")>> {};
struct kw_calendar_year : key<sor<seq<TAO_PEGTL_ISTRING("kalender"), a_ring, istring<'r'>>,
                                  TAO_PEGTL_ISTRING("calendar-year")>> {};
struct kw_school_year : key<sor<seq<istring<'l'>, a_uml, istring<'s'>, a_ring, istring<'r'>>,
                                TAO_PEGTL_ISTRING("school-year")>> {};
struct kw_per_unit : seq<key<TAO_PEGTL_ISTRING("per")>, ws1,
                         key<sor<TAO_PEGTL_ISTRING("enhet"), TAO_PEGTL_ISTRING("unit")>>> {};
struct kw_alias : key<TAO_PEGTL_ISTRING("alias")> {};
struct kw_reports_to
    : sor<seq<key<TAO_PEGTL_ISTRING("rapporterar")>, ws1, key<TAO_PEGTL_ISTRING("till")>>,
          seq<key<TAO_PEGTL_ISTRING("reports")>, ws1, key<TAO_PEGTL_ISTRING("to")>>> {};

struct kw_when : key<sor<seq<istring<'n'>, a_uml, istring<'r'>>, TAO_PEGTL_ISTRING("when")>> {};
struct kw_who : key<sor<TAO_PEGTL_ISTRING("vem"), TAO_PEGTL_ISTRING("who")>> {};
struct kw_what : key<sor<TAO_PEGTL_ISTRING("vad"), TAO_PEGTL_ISTRING("what")>> {};
struct kw_after : key<sor<TAO_PEGTL_ISTRING("efter"), TAO_PEGTL_ISTRING("after")>> {};
struct kw_deadline : key<sor<TAO_PEGTL_ISTRING("senast"), TAO_PEGTL_ISTRING("deadline")>> {};
struct kw_type : key<sor<TAO_PEGTL_ISTRING("type"), TAO_PEGTL_ISTRING("typ")>> {};
struct kw_tag : key<sor<TAO_PEGTL_ISTRING("taggar"), TAO_PEGTL_ISTRING("tagg"),
                        TAO_PEGTL_ISTRING("tags"), TAO_PEGTL_ISTRING("tag")>> {};
struct kw_if : key<sor<TAO_PEGTL_ISTRING("om"), TAO_PEGTL_ISTRING("if")>> {};
struct kw_every : key<sor<TAO_PEGTL_ISTRING("vart"), TAO_PEGTL_ISTRING("every")>> {};
struct kw_outcomes : key<sor<TAO_PEGTL_ISTRING("utfall"), TAO_PEGTL_ISTRING("outcomes")>> {};
struct kw_link : key<sor<seq<TAO_PEGTL_ISTRING("l"), a_uml, TAO_PEGTL_ISTRING("nk")>,
                         TAO_PEGTL_ISTRING("link")>> {};
struct kw_lead : key<sor<TAO_PEGTL_ISTRING("ledtid"), TAO_PEGTL_ISTRING("lead")>> {};
struct kw_escalate : key<sor<TAO_PEGTL_ISTRING("eskalering"), TAO_PEGTL_ISTRING("eskalera"),
                             TAO_PEGTL_ISTRING("escalate")>> {};

// the plan: perspectives, goals, activities and measures
struct kw_perspective
    : key<sor<TAO_PEGTL_ISTRING("perspektiv"), TAO_PEGTL_ISTRING("perspective")>> {};
struct kw_goal : key<sor<seq<istring<'m'>, a_ring, istring<'l'>>, TAO_PEGTL_ISTRING("goal")>> {};
struct kw_activity : key<sor<TAO_PEGTL_ISTRING("aktivitet"), TAO_PEGTL_ISTRING("activity")>> {};
struct kw_measure
    : key<sor<seq<istring<'m'>, a_uml, TAO_PEGTL_ISTRING("tetal")>, TAO_PEGTL_ISTRING("measure")>> {
};
struct kw_level : key<sor<seq<TAO_PEGTL_ISTRING("niv"), a_ring>, TAO_PEGTL_ISTRING("level")>> {};
struct kw_parent : key<sor<TAO_PEGTL_ISTRING("under"), TAO_PEGTL_ISTRING("parent")>> {};
struct kw_due : key<sor<TAO_PEGTL_ISTRING("klart"), TAO_PEGTL_ISTRING("due")>> {};
struct kw_measure_unit : key<sor<TAO_PEGTL_ISTRING("enhet"), TAO_PEGTL_ISTRING("unit")>> {};
struct kw_direction : key<sor<TAO_PEGTL_ISTRING("riktning"), TAO_PEGTL_ISTRING("direction")>> {};
struct kw_target
    : key<sor<seq<istring<'m'>, a_ring, TAO_PEGTL_ISTRING("lv"), a_uml, TAO_PEGTL_ISTRING("rde")>,
              TAO_PEGTL_ISTRING("target")>> {};
struct kw_followup : key<sor<seq<TAO_PEGTL_ISTRING("uppf"), o_uml, TAO_PEGTL_ISTRING("ljning")>,
                             TAO_PEGTL_ISTRING("follow-up"), TAO_PEGTL_ISTRING("followup")>> {};
struct kw_valid
    : key<sor<seq<istring<'g'>, a_uml, TAO_PEGTL_ISTRING("ller")>, TAO_PEGTL_ISTRING("valid")>> {};

struct kw_year_word
    : key<sor<seq<a_ring, istring<'r'>>, TAO_PEGTL_ISTRING("years"), TAO_PEGTL_ISTRING("year")>> {};
struct kw_from
    : key<sor<seq<TAO_PEGTL_ISTRING("fr"), a_ring, istring<'n'>>, TAO_PEGTL_ISTRING("from")>> {};
struct kw_days : key<sor<TAO_PEGTL_ISTRING("dagar"), TAO_PEGTL_ISTRING("dag"),
                         TAO_PEGTL_ISTRING("days"), TAO_PEGTL_ISTRING("day")>> {};
struct kw_and : key<sor<TAO_PEGTL_ISTRING("och"), TAO_PEGTL_ISTRING("and")>> {};
struct kw_if_needed
    : sor<seq<key<TAO_PEGTL_ISTRING("vid")>, ws1, key<TAO_PEGTL_ISTRING("behov")>>,
          seq<key<TAO_PEGTL_ISTRING("if")>, ws1, key<TAO_PEGTL_ISTRING("needed")>>> {};
struct kw_next_year
    : sor<seq<key<istring<'n'>, a_uml, TAO_PEGTL_ISTRING("sta")>, ws1, key<a_ring, istring<'r'>>>,
          seq<key<TAO_PEGTL_ISTRING("next")>, ws1, key<TAO_PEGTL_ISTRING("year")>>> {};
struct kw_whole_cycle
    : sor<seq<key<TAO_PEGTL_ISTRING("under")>, ws1, key<a_ring, TAO_PEGTL_ISTRING("ret")>>,
          seq<key<TAO_PEGTL_ISTRING("hela")>, ws1, key<a_ring, TAO_PEGTL_ISTRING("ret")>>,
          seq<key<TAO_PEGTL_ISTRING("whole")>, ws1, key<TAO_PEGTL_ISTRING("year")>>> {};
struct kw_every_month
    : sor<seq<key<TAO_PEGTL_ISTRING("varje")>, ws1,
              key<istring<'m'>, a_ring, TAO_PEGTL_ISTRING("nad")>>,
          seq<key<TAO_PEGTL_ISTRING("every")>, ws1, key<TAO_PEGTL_ISTRING("month")>>> {};

// --- months ------------------------------------------------------------------------------
template <typename... Names>
struct month_key : seq<key<sor<Names...>>, opt<one<'.'>>> {};
struct m_jan : month_key<TAO_PEGTL_ISTRING("januari"), TAO_PEGTL_ISTRING("january"),
                         TAO_PEGTL_ISTRING("jan")> {};
struct m_feb : month_key<TAO_PEGTL_ISTRING("februari"), TAO_PEGTL_ISTRING("february"),
                         TAO_PEGTL_ISTRING("feb")> {};
struct m_mar
    : month_key<TAO_PEGTL_ISTRING("mars"), TAO_PEGTL_ISTRING("march"), TAO_PEGTL_ISTRING("mar")> {};
struct m_apr : month_key<TAO_PEGTL_ISTRING("april"), TAO_PEGTL_ISTRING("apr")> {};
struct m_may : month_key<TAO_PEGTL_ISTRING("maj"), TAO_PEGTL_ISTRING("may")> {};
struct m_jun
    : month_key<TAO_PEGTL_ISTRING("juni"), TAO_PEGTL_ISTRING("june"), TAO_PEGTL_ISTRING("jun")> {};
struct m_jul
    : month_key<TAO_PEGTL_ISTRING("juli"), TAO_PEGTL_ISTRING("july"), TAO_PEGTL_ISTRING("jul")> {};
struct m_aug : month_key<TAO_PEGTL_ISTRING("augusti"), TAO_PEGTL_ISTRING("august"),
                         TAO_PEGTL_ISTRING("aug")> {};
struct m_sep : month_key<TAO_PEGTL_ISTRING("september"), TAO_PEGTL_ISTRING("sept"),
                         TAO_PEGTL_ISTRING("sep")> {};
struct m_oct : month_key<TAO_PEGTL_ISTRING("oktober"), TAO_PEGTL_ISTRING("october"),
                         TAO_PEGTL_ISTRING("okt"), TAO_PEGTL_ISTRING("oct")> {};
struct m_nov : month_key<TAO_PEGTL_ISTRING("november"), TAO_PEGTL_ISTRING("nov")> {};
struct m_dec : month_key<TAO_PEGTL_ISTRING("december"), TAO_PEGTL_ISTRING("dec")> {};
struct known_month
    : sor<m_jan, m_feb, m_mar, m_apr, m_may, m_jun, m_jul, m_aug, m_sep, m_oct, m_nov, m_dec> {};
/// A word where a month should be: reported as an unknown month with a suggestion.
struct unknown_month : seq<ident_start, star<ident_char>> {};
struct month_name : sor<known_month, unknown_month> {};

// --- NÄR ---------------------------------------------------------------------------------
struct day : rep_min_max<1, 2, digit> {};
struct day_month : seq<day, ws1, month_name> {};
struct part_early
    : sor<seq<key<TAO_PEGTL_ISTRING("tidigt")>, ws1, key<istring<'i'>>>,
          seq<opt<key<istring<'i'>>, ws1>,
              key<TAO_PEGTL_ISTRING("b"), o_uml, TAO_PEGTL_ISTRING("rjan")>, ws1,
              key<TAO_PEGTL_ISTRING("av")>>,
          seq<key<TAO_PEGTL_ISTRING("early")>, opt<ws1, key<TAO_PEGTL_ISTRING("in")>>>,
          seq<key<TAO_PEGTL_ISTRING("beginning")>, ws1, key<TAO_PEGTL_ISTRING("of")>>> {};
struct part_middle
    : sor<seq<opt<key<istring<'i'>>, ws1>, key<TAO_PEGTL_ISTRING("mitten")>, ws1,
              key<TAO_PEGTL_ISTRING("av")>>,
          seq<key<TAO_PEGTL_ISTRING("mid")>, opt<ws1, key<TAO_PEGTL_ISTRING("of")>>>> {};
struct part_late : sor<seq<opt<key<istring<'i'>>, ws1>, key<TAO_PEGTL_ISTRING("slutet")>, ws1,
                           key<TAO_PEGTL_ISTRING("av")>>,
                       seq<key<TAO_PEGTL_ISTRING("sent")>, ws1, key<istring<'i'>>>,
                       seq<key<TAO_PEGTL_ISTRING("late")>, opt<ws1, key<TAO_PEGTL_ISTRING("in")>>>,
                       seq<key<TAO_PEGTL_ISTRING("end")>, ws1, key<TAO_PEGTL_ISTRING("of")>>> {};
struct part_of_month : seq<sor<part_early, part_middle, part_late>, ws, must<month_name>> {};

struct kw_week : sor<key<TAO_PEGTL_ISTRING("vecka")>, key<TAO_PEGTL_ISTRING("week")>,
                     seq<istring<'v'>, one<'.'>>, key<istring<'v'>>> {};
struct range_dash : sor<one<'-'>, TAO_PEGTL_STRING("–"), TAO_PEGTL_STRING("—"),
                        key<TAO_PEGTL_ISTRING("till")>, key<TAO_PEGTL_ISTRING("to")>> {};
struct week_number : number {};
struct week_last : number {};
struct week_atom
    : seq<kw_week, ws, must<week_number>, opt<ws, range_dash, ws, opt<kw_week, ws>, week_last>> {};
struct quarter : key<one<'Q', 'q'>, pg::range<'1', '4'>> {};
struct tertial : key<one<'T', 't'>, pg::range<'1', '3'>> {};
struct month_atom : seq<month_name> {};
struct range_end_month : seq<month_name> {};

// Weekdays and rhythms: `varje fredag`, `varje måndag september–december`, `varje vecka`,
// `varannan vecka från vecka 35`, `första måndagen i varje månad`, `sista fredagen i maj`,
// and one dated day, `2026-10-05`.
template <typename... Names>
struct weekday_key : key<sor<Names...>> {};
struct wd_mon : weekday_key<seq<istring<'m'>, a_ring, TAO_PEGTL_ISTRING("ndagen")>,
                            seq<istring<'m'>, a_ring, TAO_PEGTL_ISTRING("ndag")>,
                            TAO_PEGTL_ISTRING("monday")> {};
struct wd_tue : weekday_key<TAO_PEGTL_ISTRING("tisdagen"), TAO_PEGTL_ISTRING("tisdag"),
                            TAO_PEGTL_ISTRING("tuesday")> {};
struct wd_wed : weekday_key<TAO_PEGTL_ISTRING("onsdagen"), TAO_PEGTL_ISTRING("onsdag"),
                            TAO_PEGTL_ISTRING("wednesday")> {};
struct wd_thu : weekday_key<TAO_PEGTL_ISTRING("torsdagen"), TAO_PEGTL_ISTRING("torsdag"),
                            TAO_PEGTL_ISTRING("thursday")> {};
struct wd_fri : weekday_key<TAO_PEGTL_ISTRING("fredagen"), TAO_PEGTL_ISTRING("fredag"),
                            TAO_PEGTL_ISTRING("friday")> {};
struct wd_sat : weekday_key<seq<istring<'l'>, o_uml, TAO_PEGTL_ISTRING("rdagen")>,
                            seq<istring<'l'>, o_uml, TAO_PEGTL_ISTRING("rdag")>,
                            TAO_PEGTL_ISTRING("saturday")> {};
struct wd_sun : weekday_key<seq<TAO_PEGTL_ISTRING("s"), o_uml, TAO_PEGTL_ISTRING("ndagen")>,
                            seq<TAO_PEGTL_ISTRING("s"), o_uml, TAO_PEGTL_ISTRING("ndag")>,
                            TAO_PEGTL_ISTRING("sunday")> {};
struct weekday : sor<wd_mon, wd_tue, wd_wed, wd_thu, wd_fri, wd_sat, wd_sun> {};
struct ord_1 : key<sor<seq<TAO_PEGTL_ISTRING("f"), o_uml, TAO_PEGTL_ISTRING("rsta")>,
                       TAO_PEGTL_ISTRING("first")>> {};
struct ord_2 : key<sor<TAO_PEGTL_ISTRING("andra"), TAO_PEGTL_ISTRING("second")>> {};
struct ord_3 : key<sor<TAO_PEGTL_ISTRING("tredje"), TAO_PEGTL_ISTRING("third")>> {};
struct ord_4 : key<sor<seq<TAO_PEGTL_ISTRING("fj"), a_uml, TAO_PEGTL_ISTRING("rde")>,
                       TAO_PEGTL_ISTRING("fourth")>> {};
struct ord_last : key<sor<TAO_PEGTL_ISTRING("sista"), TAO_PEGTL_ISTRING("last")>> {};
struct ordinal : sor<ord_1, ord_2, ord_3, ord_4, ord_last> {};
struct kw_every_word : key<sor<TAO_PEGTL_ISTRING("varje"), TAO_PEGTL_ISTRING("every")>> {};
struct kw_in : sor<key<TAO_PEGTL_ISTRING("in")>, key<TAO_PEGTL_ISTRING("of")>, key<istring<'i'>>> {
};
struct nth_every_month : seq<kw_every_month> {};
struct nth_weekday
    : seq<ordinal, ws1, weekday, ws1, must<kw_in>, ws1, sor<nth_every_month, month_name>> {};
struct weekday_month_from : seq<month_name> {};
struct weekday_months : seq<weekday_month_from, ws, range_dash, ws, must<range_end_month>> {};
struct every_weekday : seq<kw_every_word, ws1, weekday, opt<ws1, weekday_months>> {};
struct kw_week_word : sor<key<TAO_PEGTL_ISTRING("vecka")>, key<TAO_PEGTL_ISTRING("week")>> {};
struct every_week : seq<kw_every_word, ws1, kw_week_word> {};
struct kw_every_other
    : sor<key<TAO_PEGTL_ISTRING("varannan")>,
          seq<key<TAO_PEGTL_ISTRING("every")>, ws1, key<TAO_PEGTL_ISTRING("other")>>> {};
struct every_other_from : number {};
struct eo_week_word : seq<kw_week_word> {};
struct eo_from : seq<kw_from> {};
struct eo_week : seq<kw_week> {};
struct every_other_week : seq<kw_every_other, ws, must<eo_week_word>, ws, must<eo_from>, ws,
                              must<eo_week>, ws, must<every_other_from>> {};
struct date_atom
    : seq<pg::rep<4, digit>, one<'-'>, pg::rep<2, digit>, one<'-'>, pg::rep<2, digit>> {};
struct rhythm : sor<every_other_week, every_week, every_weekday> {};
struct atom : sor<date_atom, week_atom, quarter, tertial, part_of_month, day_month, nth_weekday,
                  month_atom> {};
struct range_end : seq<atom> {};
struct span : seq<atom, opt<ws, range_dash, ws, must<range_end>>> {};
struct whole_cycle : seq<kw_whole_cycle> {};
struct every_month : seq<kw_every_month> {};
struct next_year : seq<kw_next_year> {};
// a time of day after a day: `kl 9`, `kl. 16.00–17.00`, `klockan 8:30`, `at 9`
struct kw_clock
    : sor<key<TAO_PEGTL_ISTRING("klockan")>, seq<key<TAO_PEGTL_ISTRING("kl")>, opt<one<'.'>>>,
          key<TAO_PEGTL_ISTRING("at")>> {};
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
struct step_ref : seq<ident> {};
struct role_ref_name : seq<ident> {};
struct if_needed_word : seq<kw_if_needed> {};
struct closing_paren : one<')'> {};
struct if_needed : seq<one<'('>, ws, must<if_needed_word>, ws, must<closing_paren>> {};
struct role_ref : seq<role_ref_name, opt<ws, if_needed>> {};
struct role_sep : sor<one<','>, one<'&'>, kw_and> {};
struct role_list : seq<role_ref, star<ws, role_sep, ws, must<role_ref>>> {};
struct step_list : seq<step_ref, star<ws, role_sep, ws, must<step_ref>>> {};

// `\#` is a '#' in the text; any other '#' starts a comment
struct text : plus<sor<seq<one<'\\'>, one<'#'>>, not_one<'#', '\r', '\n'>>> {};
// a web address: up to white space, with '#' inside it
struct url : seq<sor<TAO_PEGTL_ISTRING("https://"), TAO_PEGTL_ISTRING("http://")>,
                 plus<not_one<' ', '\t', '\r', '\n'>>> {};
struct deadline_date : seq<day, ws1, month_name, opt<ws1, next_year>> {};
struct type_name : seq<ident> {};
struct tag_name : seq<ident> {};
struct tag_list : seq<tag_name, star<ws, one<','>, ws, must<tag_name>>> {};
struct outcome_name : seq<ident> {};
struct declared_outcome : seq<ident> {};
struct outcome_list : seq<declared_outcome, star<ws, one<','>, ws, must<declared_outcome>>> {};
struct condition_step : seq<ident> {};
struct equals : one<'='> {};
struct ordinal_suffix : seq<one<':'>, plus<alpha>> {};
struct every_years : seq<number> {};
struct every_from : seq<number> {};
struct every_rest : seq<kw_year_word, ws, must<kw_from>, ws, must<every_from>> {};
struct every_spec : seq<every_years, opt<ordinal_suffix>, ws, must<every_rest>> {};
struct day_count : seq<number> {};
struct cycle_start_month : seq<month_name> {};
struct cycle_from_month : seq<kw_from, ws1, must<cycle_start_month>> {};
struct cycle_kind : sor<kw_calendar_year, kw_school_year, cycle_from_month> {};

struct shift_before
    : key<sor<seq<istring<'f'>, o_uml, TAO_PEGTL_ISTRING("re")>, TAO_PEGTL_ISTRING("before")>> {};
struct shift_after : key<sor<TAO_PEGTL_ISTRING("efter"), TAO_PEGTL_ISTRING("after")>> {};
struct shift_never : key<sor<TAO_PEGTL_ISTRING("aldrig"), TAO_PEGTL_ISTRING("never")>> {};
struct shift_kind : sor<shift_before, shift_after, shift_never> {};
struct iso_date : seq<pg::rep<4, digit>, one<'-'>, pg::rep<2, digit>, one<'-'>, pg::rep<2, digit>> {
};
struct closed_day : seq<day, ws1, month_name> {};
struct closed_iso_end : seq<iso_date> {};
struct closed_day_end : seq<closed_day> {};
struct closed_span : sor<seq<iso_date, opt<ws, range_dash, ws, must<closed_iso_end>>>,
                         seq<closed_day, opt<ws, range_dash, ws, must<closed_day_end>>>> {};
struct closed_field : seq<kw_closed, ws, must<closed_span>, must<field_end>> {};
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
struct valid_first : seq<pg::rep<4, digit>> {};
struct valid_last : seq<pg::rep<4, digit>> {};
struct valid_years : seq<valid_first, not_at<digit>, opt<ws, range_dash, ws, must<valid_last>>> {};
struct valid_field : seq<kw_valid, ws, must<valid_years>, must<field_end>> {};

// fields of goals, activities and measures
struct item_ref : seq<ident> {};
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
struct field : sor<when_field, who_field, what_field, after_field, deadline_field, type_field,
                   tag_field, if_field, every_field, outcomes_field, link_field, lead_field,
                   escalate_field, cycle_field, closed_field, shift_field, valid_field, level_field,
                   perspective_field, parent_field, goals_field, due_field, measure_unit_field,
                   direction_field, target_field, followup_field> {};

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
struct quote : sor<one<'"'>, TAO_PEGTL_STRING("\u201D"), TAO_PEGTL_STRING("\u201C"),
                   TAO_PEGTL_STRING("\u201E")> {};
struct quoted_body : star<not_at<quote>, not_one<'\r', '\n'>> {};
struct closing_quote : seq<quote> {};
struct quoted : seq<quote, quoted_body, must<closing_quote>> {};
struct process_title : seq<quoted> {};
struct role_name : seq<ident> {};
struct alias_name : seq<ident> {};
struct alias_list : seq<alias_name, star<ws, one<','>, ws, must<alias_name>>> {};
struct reports_to_name : seq<ident> {};
struct per_unit : seq<kw_per_unit> {};
struct role_option : sor<per_unit, seq<kw_alias, ws, must<alias_list>>,
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
struct perspective_kind : kw_perspective {};
struct goal_kind : kw_goal {};
struct activity_kind : kw_activity {};
struct measure_kind : kw_measure {};
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
}  // namespace tao::pegtl
