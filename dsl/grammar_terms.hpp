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
using term_ht = term_word<2, key<istr<"ht">>, key<istr<"h">, o_uml, istr<"stterminen">>,
                          key<istr<"h">, o_uml, istr<"sttermin">>,
                          seq<key<sor<istr<"autumn">, istr<"fall">>>, ws1, key<istr<"term">>>>;
using term_vt = term_word<1, key<istr<"vt">>, key<istr<"v">, a_ring, istr<"rterminen">>,
                          key<istr<"v">, a_ring, istr<"rtermin">>,
                          seq<key<istr<"spring">>, ws1, key<istr<"term">>>>;
struct term_which : sor<term_ht, term_vt> {};
/// `terminsstart` (A 1) or `terminsslut` (A 2): A is the Anchor it stands for.
template <int A, typename... Words>
struct term_bound : sor<Words...> {};
using kw_term_start = term_bound<1, key<sor<istr<"terminsstarten">, istr<"terminsstart">>>,
                                 seq<key<istr<"term">>, ws1, key<istr<"start">>>>;
using kw_term_end = term_bound<2, key<sor<istr<"terminsslutet">, istr<"terminsslut">>>,
                               seq<key<istr<"term">>, ws1, key<istr<"end">>>>;
struct term_start_anchor : seq<kw_term_start, opt<ws1, term_which>> {};
struct term_end_anchor : seq<kw_term_end, opt<ws1, term_which>> {};

/// A named day; N is its NamedDay (dsl/workdays.hpp).
template <int N, typename... Names>
struct holiday_key : key<sor<Names...>> {};
template <typename First, typename Second>
struct two_words : seq<key<First>, ws1, Second> {};
using I_new = istr<"new">;
using h_new_years_day = holiday_key<0, seq<istr<"ny">, a_ring, istr<"rsdagen">>,
                                    two_words<I_new, two_words<istr<"years">, istr<"day">>>>;
using h_epiphany = holiday_key<1, two_words<istr<"trettondedag">, istr<"jul">>,
                               istr<"trettondagen">, istr<"epiphany">>;
using h_good_friday = holiday_key<2, seq<istring<'l'>, a_ring, istr<"ngfredagen">>,
                                  seq<istring<'l'>, a_ring, istr<"ngfredag">>,
                                  two_words<istr<"good">, istr<"friday">>>;
using h_easter_eve =
    holiday_key<3, seq<istr<"p">, a_ring, istr<"skafton">>, two_words<istr<"easter">, istr<"eve">>>;
using h_easter_day = holiday_key<4, seq<istr<"p">, a_ring, istr<"skdagen">>,
                                 two_words<istr<"easter">, sor<istr<"sunday">, istr<"day">>>>;
using h_easter_monday =
    holiday_key<5, two_words<istr<"annandag">, seq<istr<"p">, a_ring, istr<"sk">>>,
                two_words<istr<"easter">, istr<"monday">>>;
using h_may_day = holiday_key<6, two_words<seq<istr<"f">, o_uml, istr<"rsta">>, istr<"maj">>,
                              two_words<istr<"may">, istr<"day">>>;
using h_ascension = holiday_key<
    7, two_words<istr<"kristi">, seq<istr<"himmelsf">, a_uml, istr<"rd">, opt<istr<"sdag">>>>,
    two_words<istr<"ascension">, istr<"day">>>;
using h_whitsun = holiday_key<8, istr<"pingstdagen">, istr<"pingst">, istr<"pentecost">>;
using h_national_day =
    holiday_key<9, istr<"nationaldagen">, two_words<istr<"sveriges">, istr<"nationaldag">>,
                two_words<istr<"national">, istr<"day">>>;
using h_midsummer_eve =
    holiday_key<10, istr<"midsommarafton">, two_words<istr<"midsummer">, istr<"eve">>>;
using h_all_saints =
    holiday_key<12, two_words<istr<"alla">, two_words<istr<"helgons">, istr<"dag">>>,
                two_words<istr<"all">, two_words<istr<"saints">, istr<"day">>>>;
using h_midsummer_day =
    holiday_key<11, istr<"midsommardagen">, two_words<istr<"midsummer">, istr<"day">>>;
using h_boxing_day = holiday_key<15, two_words<istr<"annandag">, istr<"jul">>,
                                 two_words<istr<"boxing">, istr<"day">>>;
using h_christmas_eve =
    holiday_key<13, istr<"julafton">, two_words<istr<"christmas">, istr<"eve">>>;
using h_new_years_eve = holiday_key<16, seq<istr<"ny">, a_ring, istr<"rsafton">>,
                                    two_words<I_new, two_words<istr<"years">, istr<"eve">>>>;
using h_christmas_day =
    holiday_key<14, istr<"juldagen">, two_words<istr<"christmas">, istr<"day">>>;
using h_first_advent =
    holiday_key<17,
                two_words<sor<seq<istr<"f">, o_uml, istr<"rsta">>, istr<"1:a">>, istr<"advent">>,
                two_words<istr<"first">, istr<"advent">>>;
struct holiday : sor<h_new_years_day, h_epiphany, h_good_friday, h_easter_eve, h_easter_day,
                     h_easter_monday, h_may_day, h_ascension, h_whitsun, h_national_day,
                     h_midsummer_eve, h_midsummer_day, h_all_saints, h_christmas_eve,
                     h_christmas_day, h_boxing_day, h_new_years_eve, h_first_advent> {};
struct anchor_step : seq<ident> {};
struct anchor : sor<term_start_anchor, term_end_anchor, holiday, anchor_step> {};
struct kw_weeks : key<sor<istr<"veckor">, istr<"vecka">, istr<"weeks">, istr<"week">>> {};
struct offset_count : number {};
/// How far from the anchor, in days per unit (0: `dagen`, -1: a weekday).
template <int DaysPerUnit, typename Rule>
struct offset_of : Rule {};
using offset_days = offset_of<1, seq<offset_count, ws1, kw_days>>;
using offset_weeks = offset_of<7, seq<offset_count, ws1, kw_weeks>>;
using offset_day =
    offset_of<0, sor<key<istr<"dagen">>, seq<key<istr<"the">>, ws1, key<istr<"day">>>>>;
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
struct each_term : seq<key<istr<"varje">>, ws1, key<istr<"termin">>> {};
struct before_each_term : sor<seq<key<istr<"inf">, o_uml, istring<'r'>>, ws, must<each_term>>,
                              seq<key<istr<"before">>, ws1, key<sor<istr<"each">, istr<"every">>>,
                                  ws1, key<istr<"term">>>> {};
}  // namespace arshjul::dsl::grammar
