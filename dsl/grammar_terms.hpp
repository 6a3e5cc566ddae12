#pragma once
// The grammar of terms, holidays and days counted from them or from another step, as PEGTL
// types. Part of the grammar (dsl/grammar.hpp includes it); no actions.
#include "dsl/grammar_words.hpp"

namespace arshjul::dsl::grammar {

// Terms, holidays and days counted from them or from another step: `ht`, `terminsstart ht`,
// `3 dagar före terminsstart ht`, `dagen före långfredagen`, `måndagen efter första advent`,
// `7 dagar före nämndmöte`, `tisdag–torsdag vecka 39`, `inför varje termin`.
/// `ht` (T 2) or `vt` (T 1) and their longer names.
template <int T, typename... Words>
struct term_word : sor<Words...> {};
using term_ht = term_word<2, key<TAO_PEGTL_ISTRING("ht")>,
                          key<TAO_PEGTL_ISTRING("h"), o_uml, TAO_PEGTL_ISTRING("stterminen")>,
                          key<TAO_PEGTL_ISTRING("h"), o_uml, TAO_PEGTL_ISTRING("sttermin")>,
                          seq<key<sor<TAO_PEGTL_ISTRING("autumn"), TAO_PEGTL_ISTRING("fall")>>, ws1,
                              key<TAO_PEGTL_ISTRING("term")>>>;
using term_vt =
    term_word<1, key<TAO_PEGTL_ISTRING("vt")>,
              key<TAO_PEGTL_ISTRING("v"), a_ring, TAO_PEGTL_ISTRING("rterminen")>,
              key<TAO_PEGTL_ISTRING("v"), a_ring, TAO_PEGTL_ISTRING("rtermin")>,
              seq<key<TAO_PEGTL_ISTRING("spring")>, ws1, key<TAO_PEGTL_ISTRING("term")>>>;
struct term_which : sor<term_ht, term_vt> {};
/// `terminsstart` (A 1) or `terminsslut` (A 2): A is the Anchor it stands for.
template <int A, typename... Words>
struct term_bound : sor<Words...> {};
using kw_term_start =
    term_bound<1, key<sor<TAO_PEGTL_ISTRING("terminsstarten"), TAO_PEGTL_ISTRING("terminsstart")>>,
               seq<key<TAO_PEGTL_ISTRING("term")>, ws1, key<TAO_PEGTL_ISTRING("start")>>>;
using kw_term_end =
    term_bound<2, key<sor<TAO_PEGTL_ISTRING("terminsslutet"), TAO_PEGTL_ISTRING("terminsslut")>>,
               seq<key<TAO_PEGTL_ISTRING("term")>, ws1, key<TAO_PEGTL_ISTRING("end")>>>;
struct term_start_anchor : seq<kw_term_start, opt<ws1, term_which>> {};
struct term_end_anchor : seq<kw_term_end, opt<ws1, term_which>> {};

/// A named day; N is its NamedDay (dsl/workdays.hpp).
template <int N, typename... Names>
struct holiday_key : key<sor<Names...>> {};
template <typename First, typename Second>
struct two_words : seq<key<First>, ws1, Second> {};
using I_new = TAO_PEGTL_ISTRING("new");
using h_new_years_day =
    holiday_key<0, seq<TAO_PEGTL_ISTRING("ny"), a_ring, TAO_PEGTL_ISTRING("rsdagen")>,
                two_words<I_new, two_words<TAO_PEGTL_ISTRING("years"), TAO_PEGTL_ISTRING("day")>>>;
using h_epiphany =
    holiday_key<1, two_words<TAO_PEGTL_ISTRING("trettondedag"), TAO_PEGTL_ISTRING("jul")>,
                TAO_PEGTL_ISTRING("trettondagen"), TAO_PEGTL_ISTRING("epiphany")>;
using h_good_friday =
    holiday_key<2, seq<istring<'l'>, a_ring, TAO_PEGTL_ISTRING("ngfredagen")>,
                seq<istring<'l'>, a_ring, TAO_PEGTL_ISTRING("ngfredag")>,
                two_words<TAO_PEGTL_ISTRING("good"), TAO_PEGTL_ISTRING("friday")>>;
using h_easter_eve =
    holiday_key<3, seq<TAO_PEGTL_ISTRING("p"), a_ring, TAO_PEGTL_ISTRING("skafton")>,
                two_words<TAO_PEGTL_ISTRING("easter"), TAO_PEGTL_ISTRING("eve")>>;
using h_easter_day =
    holiday_key<4, seq<TAO_PEGTL_ISTRING("p"), a_ring, TAO_PEGTL_ISTRING("skdagen")>,
                two_words<TAO_PEGTL_ISTRING("easter"),
                          sor<TAO_PEGTL_ISTRING("sunday"), TAO_PEGTL_ISTRING("day")>>>;
using h_easter_monday =
    holiday_key<5,
                two_words<TAO_PEGTL_ISTRING("annandag"),
                          seq<TAO_PEGTL_ISTRING("p"), a_ring, TAO_PEGTL_ISTRING("sk")>>,
                two_words<TAO_PEGTL_ISTRING("easter"), TAO_PEGTL_ISTRING("monday")>>;
using h_may_day =
    holiday_key<6,
                two_words<seq<TAO_PEGTL_ISTRING("f"), o_uml, TAO_PEGTL_ISTRING("rsta")>,
                          TAO_PEGTL_ISTRING("maj")>,
                two_words<TAO_PEGTL_ISTRING("may"), TAO_PEGTL_ISTRING("day")>>;
using h_ascension =
    holiday_key<7,
                two_words<TAO_PEGTL_ISTRING("kristi"),
                          seq<TAO_PEGTL_ISTRING("himmelsf"), a_uml, TAO_PEGTL_ISTRING("rd"),
                              opt<TAO_PEGTL_ISTRING("sdag")>>>,
                two_words<TAO_PEGTL_ISTRING("ascension"), TAO_PEGTL_ISTRING("day")>>;
using h_whitsun = holiday_key<8, TAO_PEGTL_ISTRING("pingstdagen"), TAO_PEGTL_ISTRING("pingst"),
                              TAO_PEGTL_ISTRING("pentecost")>;
using h_national_day =
    holiday_key<9, TAO_PEGTL_ISTRING("nationaldagen"),
                two_words<TAO_PEGTL_ISTRING("sveriges"), TAO_PEGTL_ISTRING("nationaldag")>,
                two_words<TAO_PEGTL_ISTRING("national"), TAO_PEGTL_ISTRING("day")>>;
using h_midsummer_eve =
    holiday_key<10, TAO_PEGTL_ISTRING("midsommarafton"),
                two_words<TAO_PEGTL_ISTRING("midsummer"), TAO_PEGTL_ISTRING("eve")>>;
using h_all_saints =
    holiday_key<12,
                two_words<TAO_PEGTL_ISTRING("alla"),
                          two_words<TAO_PEGTL_ISTRING("helgons"), TAO_PEGTL_ISTRING("dag")>>,
                two_words<TAO_PEGTL_ISTRING("all"),
                          two_words<TAO_PEGTL_ISTRING("saints"), TAO_PEGTL_ISTRING("day")>>>;
using h_midsummer_day =
    holiday_key<11, TAO_PEGTL_ISTRING("midsommardagen"),
                two_words<TAO_PEGTL_ISTRING("midsummer"), TAO_PEGTL_ISTRING("day")>>;
using h_boxing_day =
    holiday_key<15, two_words<TAO_PEGTL_ISTRING("annandag"), TAO_PEGTL_ISTRING("jul")>,
                two_words<TAO_PEGTL_ISTRING("boxing"), TAO_PEGTL_ISTRING("day")>>;
using h_christmas_eve =
    holiday_key<13, TAO_PEGTL_ISTRING("julafton"),
                two_words<TAO_PEGTL_ISTRING("christmas"), TAO_PEGTL_ISTRING("eve")>>;
using h_new_years_eve =
    holiday_key<16, seq<TAO_PEGTL_ISTRING("ny"), a_ring, TAO_PEGTL_ISTRING("rsafton")>,
                two_words<I_new, two_words<TAO_PEGTL_ISTRING("years"), TAO_PEGTL_ISTRING("eve")>>>;
using h_christmas_day =
    holiday_key<14, TAO_PEGTL_ISTRING("juldagen"),
                two_words<TAO_PEGTL_ISTRING("christmas"), TAO_PEGTL_ISTRING("day")>>;
using h_first_advent =
    holiday_key<17,
                two_words<sor<seq<TAO_PEGTL_ISTRING("f"), o_uml, TAO_PEGTL_ISTRING("rsta")>,
                              TAO_PEGTL_ISTRING("1:a")>,
                          TAO_PEGTL_ISTRING("advent")>,
                two_words<TAO_PEGTL_ISTRING("first"), TAO_PEGTL_ISTRING("advent")>>;
struct holiday : sor<h_new_years_day, h_epiphany, h_good_friday, h_easter_eve, h_easter_day,
                     h_easter_monday, h_may_day, h_ascension, h_whitsun, h_national_day,
                     h_midsummer_eve, h_midsummer_day, h_all_saints, h_christmas_eve,
                     h_christmas_day, h_boxing_day, h_new_years_eve, h_first_advent> {};
struct anchor_step : seq<ident> {};
struct anchor : sor<term_start_anchor, term_end_anchor, holiday, anchor_step> {};
struct kw_weeks : key<sor<TAO_PEGTL_ISTRING("veckor"), TAO_PEGTL_ISTRING("vecka"),
                          TAO_PEGTL_ISTRING("weeks"), TAO_PEGTL_ISTRING("week")>> {};
struct offset_count : number {};
/// How far from the anchor, in days per unit (0: `dagen`, -1: a weekday).
template <int DaysPerUnit, typename Rule>
struct offset_of : Rule {};
using offset_days = offset_of<1, seq<offset_count, ws1, kw_days>>;
using offset_weeks = offset_of<7, seq<offset_count, ws1, kw_weeks>>;
using offset_day =
    offset_of<0, sor<key<TAO_PEGTL_ISTRING("dagen")>,
                     seq<key<TAO_PEGTL_ISTRING("the")>, ws1, key<TAO_PEGTL_ISTRING("day")>>>>;
// Derived, not wrapped: the words of FLYTTA före/efter, without its actions.
template <int Sign, typename Words>
struct direction_word : Words {};
using dir_before = direction_word<-1, shift_before>;
using dir_after = direction_word<1, shift_after>;
struct direction : sor<dir_before, dir_after> {};
struct anchored_days
    : seq<sor<offset_days, offset_weeks, offset_day>, ws1, must<direction>, ws, must<anchor>> {};
using offset_weekday = offset_of<-1, seq<weekday>>;
struct anchored_weekday : seq<offset_weekday, ws1, direction, ws, must<anchor>> {};
/// An anchored day: with a count or weekday (`Offset`), or the anchor itself.
template <bool Offset, typename Rule>
struct anchored_form : Rule {};
using anchored_plain = anchored_form<false, sor<term_start_anchor, term_end_anchor, holiday>>;
using anchored_counted = anchored_form<true, sor<anchored_days, anchored_weekday>>;
struct term_atom : seq<term_which> {};
/// The first (`Last` false) or last weekday of `tisdag–torsdag vecka 39`.
template <bool Last>
struct week_day : seq<weekday> {};
using week_day_first = week_day<false>;
using week_day_last = week_day<true>;
struct day_week : seq<kw_week, ws, must<week_number>> {};
struct weekday_in_week
    : seq<week_day_first, opt<ws, range_dash, ws, must<week_day_last>>, ws, must<day_week>> {};
struct each_term : seq<key<TAO_PEGTL_ISTRING("varje")>, ws1, key<TAO_PEGTL_ISTRING("termin")>> {};
struct before_each_term
    : sor<seq<key<TAO_PEGTL_ISTRING("inf"), o_uml, istring<'r'>>, ws, must<each_term>>,
          seq<key<TAO_PEGTL_ISTRING("before")>, ws1,
              key<sor<TAO_PEGTL_ISTRING("each"), TAO_PEGTL_ISTRING("every")>>, ws1,
              key<TAO_PEGTL_ISTRING("term")>>> {};
}  // namespace arshjul::dsl::grammar
