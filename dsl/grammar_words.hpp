#pragma once
// The grammar's words as PEGTL types: characters, keywords, month and weekday names, and the
// NÄR atoms built from them. Part of the grammar (dsl/grammar.hpp includes it); no actions.
#include <algorithm>
#include <array>
#include <cstddef>
#include <iterator>
#include <string_view>
#include <tao/pegtl.hpp>
#include <utility>

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

// --- literals ------------------------------------------------------------------------------
// `str<"steg">` is pg::string<'s','t','e','g'> and `istr<"steg">` pg::istring<...>: the types
// PEGTL's TAO_PEGTL_STRING/TAO_PEGTL_ISTRING macros give, without their preprocessor
// expansion (about 10,000 lines per use: 2.2 million lines for the grammar's 214 words, most
// of dsl/parser.cpp's 34 s to compile).
template <std::size_t N>
struct Literal {
  char chars[N - 1];
  constexpr Literal(const char (&text)[N]) {  // NOLINT: implicit, for str<"...">
    for (std::size_t i = 0; i + 1 < N; ++i) chars[i] = text[i];
  }
};
template <template <char...> class Rule, Literal L, std::size_t... I>
Rule<L.chars[I]...> spell(std::index_sequence<I...>);
template <Literal L>
using str = decltype(spell<pg::string, L>(std::make_index_sequence<sizeof(L.chars)>()));
template <Literal L>
using istr = decltype(spell<pg::istring, L>(std::make_index_sequence<sizeof(L.chars)>()));

// --- characters --------------------------------------------------------------------------
// Letters of identifiers: ASCII letters and digits, '_', and Latin letters with diacritics
// (U+00C0-U+024F without x and /), so `nämndmål_dialog` is one word but `–` is not.
struct ident_char : sor<alnum, one<'_'>, pg::utf8::ranges<0xC0, 0xD6, 0xD8, 0xF6, 0xF8, 0x24F>> {};
struct ident_start : sor<alpha, one<'_'>, pg::utf8::ranges<0xC0, 0xD6, 0xD8, 0xF6, 0xF8, 0x24F>> {};

/// A rule that matches what `Scan::scan(begin, end)` says: the number of bytes it takes from
/// the rest of the input (0: no match), none of them a line break. One call instead of a PEGTL
/// rule per byte for the runs of text that every line has (names, VAD text).
template <typename Scan>
struct scanned {
  using rule_t = scanned;
  using subs_t = pg::empty_list;
  template <typename ParseInput>
  static bool match(ParseInput& in) {
    const std::size_t n = Scan::scan(in.current(), in.end());
    if (n == 0) return false;
    in.bump_in_this_line(n);
    return true;
  }
};

/// The bytes of the ident_char at `p` (0 when there is none): an ASCII letter, digit (when
/// `Digits`) or '_', or a letter of U+00C0-U+024F but × and ÷, as ident_char and ident_start
/// match them.
/// Of each ASCII byte: 1 a letter or '_', 2 a digit, else 0.
inline constexpr auto kIdentAscii = [] {
  std::array<unsigned char, 128> kinds{};
  for (int c = 'a'; c <= 'z'; ++c) kinds[c] = kinds[c - 'a' + 'A'] = 1;
  kinds['_'] = 1;
  for (int c = '0'; c <= '9'; ++c) kinds[c] = 2;
  return kinds;
}();
template <bool Digits>
constexpr std::size_t ident_char_at(const char* p, const char* end) {
  const auto c = static_cast<unsigned char>(*p);
  if (c < 0x80) return kIdentAscii[c] == 1 || (Digits && kIdentAscii[c] == 2) ? 1 : 0;
  if (c < 0xC3 || c > 0xC9 || end - p < 2) return 0;
  const auto d = static_cast<unsigned char>(p[1]);
  if ((d & 0xC0) != 0x80) return 0;
  if (c == 0xC3 && (d == 0x97 || d == 0xB7)) return 0;  // × and ÷
  if (c == 0xC9 && d > 0x8F) return 0;                  // past U+024F
  return 2;
}
/// An identifier: seq<ident_start, star<sor<ident_char, seq<one<'-'>, at<ident_char>>>>>.
struct ident_scan {
  static std::size_t scan(const char* begin, const char* end) {
    if (begin == end) return 0;
    const char* p = begin;
    std::size_t n = ident_char_at<false>(p, end);
    if (n == 0) return 0;
    for (p += n; p != end; p += n) {
      n = ident_char_at<true>(p, end);
      if (n == 0 && *p == '-' && p + 1 != end && ident_char_at<true>(p + 1, end) != 0) n = 1;
      if (n == 0) break;
    }
    return static_cast<std::size_t>(p - begin);
  }
};
struct ident : scanned<ident_scan> {};

struct a_uml : sor<str<"ä">, str<"Ä">, one<'a', 'A'>> {};
struct a_ring : sor<str<"å">, str<"Å">, one<'a', 'A'>> {};
struct o_uml : sor<str<"ö">, str<"Ö">, one<'o', 'O'>> {};

/// A keyword: never the start of a longer word.
template <typename... R>
struct key : seq<R..., not_at<ident_char>> {};

// White space: spaces, tabs, and the non-breaking space (U+00A0) pasted from web pages.
struct space : sor<blank, str<"\u00A0">> {};
struct ws : star<space> {};
struct ws1 : plus<space> {};
struct comment : seq<one<'#'>, star<not_one<'\r', '\n'>>> {};
struct line_end : seq<ws, opt<comment>, eolf> {};
struct blank_line : seq<ws, opt<comment>, eolf> {};
struct number : plus<digit> {};
/// A number the line collects (the years of VART, gäller, termin and lov); Tag tells them apart.
template <int Tag, typename Rule>
struct collected : Rule {};

// --- keywords ----------------------------------------------------------------------------
struct kw_process : key<istr<"process">> {};
struct kw_role : key<sor<istr<"roll">, istr<"role">>> {};
struct kw_step : key<sor<istr<"steg">, istr<"step">>> {};
struct kw_include : key<sor<istr<"inkludera">, istr<"include">>> {};
struct kw_calendar : key<sor<istr<"kalender">, istr<"calendar">>> {};
struct kw_closed : key<sor<seq<istr<"st">, a_uml, istr<"ngt">>, istr<"closed">>> {};
struct kw_shift : key<sor<istr<"flytta">, istr<"shift">>> {};
struct kw_cycle : key<sor<istr<"cykel">, istr<"cycle">>> {};
struct kw_calendar_year
    : key<sor<seq<istr<"kalender">, a_ring, istring<'r'>>, istr<"calendar-year">>> {};
struct kw_school_year
    : key<sor<seq<istring<'l'>, a_uml, istring<'s'>, a_ring, istring<'r'>>, istr<"school-year">>> {
};
struct kw_per_unit : seq<key<istr<"per">>, ws1, key<sor<istr<"enhet">, istr<"unit">>>> {};
struct kw_per_area
    : seq<key<istr<"per">>, ws1, key<sor<seq<istr<"omr">, a_ring, istr<"de">>, istr<"area">>>> {};
struct kw_units : key<sor<istr<"enheter">, istr<"units">>> {};
struct kw_for : key<sor<seq<istring<'f'>, o_uml, istring<'r'>>, istr<"for">>> {};
struct kw_alias : key<istr<"alias">> {};
struct kw_reports_to : sor<seq<key<istr<"rapporterar">>, ws1, key<istr<"till">>>,
                           seq<key<istr<"reports">>, ws1, key<istr<"to">>>> {};

struct kw_when : key<sor<seq<istring<'n'>, a_uml, istring<'r'>>, istr<"when">>> {};
struct kw_who : key<sor<istr<"vem">, istr<"who">>> {};
struct kw_what : key<sor<istr<"vad">, istr<"what">>> {};
struct kw_after : key<sor<istr<"efter">, istr<"after">>> {};
struct kw_deadline : key<sor<istr<"senast">, istr<"deadline">>> {};
struct kw_type : key<sor<istr<"type">, istr<"typ">>> {};
struct kw_tag : key<sor<istr<"taggar">, istr<"tagg">, istr<"tags">, istr<"tag">>> {};
struct kw_if : key<sor<istr<"om">, istr<"if">>> {};
struct kw_every : key<sor<istr<"vart">, istr<"every">>> {};
struct kw_outcomes : key<sor<istr<"utfall">, istr<"outcomes">>> {};
struct kw_lead : key<sor<istr<"ledtid">, istr<"lead">>> {};
struct kw_escalate : key<sor<istr<"eskalering">, istr<"eskalera">, istr<"escalate">>> {};
struct kw_link : key<sor<seq<istr<"l">, a_uml, istr<"nk">>, istr<"link">>> {};

// the plan: perspectives, goals, activities and measures
struct kw_perspective : key<sor<istr<"perspektiv">, istr<"perspective">>> {};
struct kw_goal : key<sor<seq<istring<'m'>, a_ring, istring<'l'>>, istr<"goal">>> {};
struct kw_activity : key<sor<istr<"aktivitet">, istr<"activity">>> {};
struct kw_measure : key<sor<seq<istring<'m'>, a_uml, istr<"tetal">>, istr<"measure">>> {};
struct kw_level : key<sor<seq<istr<"niv">, a_ring>, istr<"level">>> {};
struct kw_parent : key<sor<istr<"under">, istr<"parent">>> {};
struct kw_due : key<sor<istr<"klart">, istr<"due">>> {};
struct kw_measure_unit : key<sor<istr<"enhet">, istr<"unit">>> {};
struct kw_direction : key<sor<istr<"riktning">, istr<"direction">>> {};
struct kw_target
    : key<sor<seq<istring<'m'>, a_ring, istr<"lv">, a_uml, istr<"rde">>, istr<"target">>> {};
struct kw_followup
    : key<sor<seq<istr<"uppf">, o_uml, istr<"ljning">>, istr<"follow-up">, istr<"followup">>> {};
struct kw_valid : key<sor<seq<istring<'g'>, a_uml, istr<"ller">>, istr<"valid">>> {};

struct kw_year_word : key<sor<seq<a_ring, istring<'r'>>, istr<"years">, istr<"year">>> {};
struct kw_from : key<sor<seq<istr<"fr">, a_ring, istring<'n'>>, istr<"from">>> {};
struct kw_days : key<sor<istr<"dagar">, istr<"dag">, istr<"days">, istr<"day">>> {};
struct kw_and : key<sor<istr<"och">, istr<"and">>> {};
struct kw_if_needed : sor<seq<key<istr<"vid">>, ws1, key<istr<"behov">>>,
                          seq<key<istr<"if">>, ws1, key<istr<"needed">>>> {};
struct kw_next_year
    : sor<seq<key<istring<'n'>, a_uml, istr<"sta">>, ws1, key<a_ring, istring<'r'>>>,
          seq<key<istr<"next">>, ws1, key<istr<"year">>>> {};
/// `förra cykeln` after a step of EFTER: that step in the cycle before.
struct kw_previous_cycle : sor<seq<key<istring<'f'>, o_uml, istr<"rra">>, ws1, key<istr<"cykeln">>>,
                               seq<key<istr<"previous">>, ws1, key<istr<"cycle">>>> {};
struct kw_whole_cycle : sor<seq<key<istr<"under">>, ws1, key<a_ring, istr<"ret">>>,
                            seq<key<istr<"hela">>, ws1, key<a_ring, istr<"ret">>>,
                            seq<key<istr<"whole">>, ws1, key<istr<"year">>>> {};
struct kw_every_month : sor<seq<key<istr<"varje">>, ws1, key<istring<'m'>, a_ring, istr<"nad">>>,
                            seq<key<istr<"every">>, ws1, key<istr<"month">>>> {};

/// A word of FLYTTA; S is the Shift it stands for (0 före, 1 efter, 2 aldrig).
template <int S, typename... Words>
struct shift_word : key<sor<Words...>> {};
using shift_before = shift_word<0, seq<istring<'f'>, o_uml, istr<"re">>, istr<"before">>;
using shift_after = shift_word<1, istr<"efter">, istr<"after">>;

// --- months ------------------------------------------------------------------------------
template <int N, typename... Names>
struct month_key : seq<key<sor<Names...>>, opt<one<'.'>>> {};
using m_jan = month_key<1, istr<"januari">, istr<"january">, istr<"jan">>;
using m_feb = month_key<2, istr<"februari">, istr<"february">, istr<"feb">>;
using m_mar = month_key<3, istr<"mars">, istr<"march">, istr<"mar">>;
using m_apr = month_key<4, istr<"april">, istr<"apr">>;
using m_may = month_key<5, istr<"maj">, istr<"may">>;
using m_jun = month_key<6, istr<"juni">, istr<"june">, istr<"jun">>;
using m_jul = month_key<7, istr<"juli">, istr<"july">, istr<"jul">>;
using m_aug = month_key<8, istr<"augusti">, istr<"august">, istr<"aug">>;
using m_sep = month_key<9, istr<"september">, istr<"sept">, istr<"sep">>;
using m_oct = month_key<10, istr<"oktober">, istr<"october">, istr<"okt">, istr<"oct">>;
using m_nov = month_key<11, istr<"november">, istr<"nov">>;
using m_dec = month_key<12, istr<"december">, istr<"dec">>;
struct known_month
    : sor<m_jan, m_feb, m_mar, m_apr, m_may, m_jun, m_jul, m_aug, m_sep, m_oct, m_nov, m_dec> {};
/// True when `p` starts a word (ASCII letters, then no ident_char) that is one of known_month's
/// names, compared without case, and is not `may` before `day` (the holiday `may day`).
inline bool month_word_at(const char* p, const char* end) {
  static constexpr std::string_view kNames[] = {
      "januari", "january",   "jan",   "februari", "february", "feb",     "mars",
      "march",   "mar",       "april", "apr",      "maj",      "may",     "juni",
      "june",    "jun",       "juli",  "july",     "jul",      "augusti", "august",
      "aug",     "september", "sept",  "sep",      "oktober",  "october", "okt",
      "oct",     "november",  "nov",   "december", "dec"};
  char word[10];
  std::size_t n = 0;
  for (; p + n != end && n < sizeof word; ++n) {
    const auto c = static_cast<unsigned char>(p[n]);
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) break;
    word[n] = static_cast<char>(c | 0x20);
  }
  if (n < 3 || n == sizeof word || (p + n != end && ident_char_at<true>(p + n, end) != 0))
    return false;
  const std::string_view w(word, n);
  if (std::find(std::begin(kNames), std::end(kNames), w) == std::end(kNames)) return false;
  if (w != "may") return true;
  const char* q = p + n;  // `may day`: plus<space>, then the key `day`
  std::size_t blanks = 0;
  for (;; ++blanks) {
    if (q != end && (*q == ' ' || *q == '\t')) {
      ++q;
    } else if (end - q >= 2 && static_cast<unsigned char>(q[0]) == 0xC2 &&
               static_cast<unsigned char>(q[1]) == 0xA0) {
      q += 2;
    } else {
      break;
    }
  }
  if (blanks == 0 || end - q < 3) return true;
  const bool day = (q[0] | 0x20) == 'd' && (q[1] | 0x20) == 'a' && (q[2] | 0x20) == 'y';
  return !(day && (q + 3 == end || ident_char_at<true>(q + 3, end) == 0));
}
/// A word where a month should be: reported as an unknown month with a suggestion.
struct unknown_month : seq<ident_start, star<ident_char>> {};
struct month_name : sor<known_month, unknown_month> {};

// --- NÄR ---------------------------------------------------------------------------------
struct day : rep_min_max<1, 2, digit> {};
struct day_month : seq<day, ws1, month_name> {};
struct part_early : sor<seq<key<istr<"tidigt">>, ws1, key<istring<'i'>>>,
                        seq<opt<key<istring<'i'>>, ws1>, key<istr<"b">, o_uml, istr<"rjan">>, ws1,
                            key<istr<"av">>>,
                        seq<key<istr<"early">>, opt<ws1, key<istr<"in">>>>,
                        seq<key<istr<"beginning">>, ws1, key<istr<"of">>>> {};
struct part_middle
    : sor<seq<opt<key<istring<'i'>>, ws1>, key<istr<"mitten">>, ws1, key<istr<"av">>>,
          seq<key<istr<"mid">>, opt<ws1, key<istr<"of">>>>> {};
struct part_late : sor<seq<opt<key<istring<'i'>>, ws1>, key<istr<"slutet">>, ws1, key<istr<"av">>>,
                       seq<key<istr<"sent">>, ws1, key<istring<'i'>>>,
                       seq<key<istr<"late">>, opt<ws1, key<istr<"in">>>>,
                       seq<key<istr<"end">>, ws1, key<istr<"of">>>> {};
struct part_of_month : seq<sor<part_early, part_middle, part_late>, ws, must<month_name>> {};

struct kw_week
    : sor<key<istr<"vecka">>, key<istr<"week">>, seq<istring<'v'>, one<'.'>>, key<istring<'v'>>> {};
struct range_dash : sor<one<'-'>, str<"–">, str<"—">, key<istr<"till">>, key<istr<"to">>> {};
/// The first (`Last` false) or last week number of `vecka 12-14`.
template <bool Last>
struct week_of : number {};
using week_number = week_of<false>;
using week_last = week_of<true>;
struct week_atom
    : seq<kw_week, ws, must<week_number>, opt<ws, range_dash, ws, opt<kw_week, ws>, week_last>> {};
/// `Q1`-`Q4` and `T1`-`T3`: a letter and a number up to `Max`.
template <char Upper, char Lower, char Max>
struct period_number : key<one<Upper, Lower>, pg::range<'1', Max>> {};
using quarter = period_number<'Q', 'q', '4'>;
using tertial = period_number<'T', 't', '3'>;
struct month_atom : seq<month_name> {};
struct range_end_month : seq<month_name> {};

// Weekdays and rhythms: `varje fredag`, `varje måndag september–december`, `varje vecka`,
// `varannan vecka från vecka 35`, `första måndagen i varje månad`, `sista fredagen i maj`,
// and one dated day, `2026-10-05`.
template <int N, typename... Names>
struct weekday_key : key<sor<Names...>> {};
using wd_mon = weekday_key<1, seq<istring<'m'>, a_ring, istr<"ndagen">>,
                           seq<istring<'m'>, a_ring, istr<"ndag">>, istr<"monday">>;
using wd_tue = weekday_key<2, istr<"tisdagen">, istr<"tisdag">, istr<"tuesday">>;
using wd_wed = weekday_key<3, istr<"onsdagen">, istr<"onsdag">, istr<"wednesday">>;
using wd_thu = weekday_key<4, istr<"torsdagen">, istr<"torsdag">, istr<"thursday">>;
using wd_fri = weekday_key<5, istr<"fredagen">, istr<"fredag">, istr<"friday">>;
using wd_sat = weekday_key<6, seq<istring<'l'>, o_uml, istr<"rdagen">>,
                           seq<istring<'l'>, o_uml, istr<"rdag">>, istr<"saturday">>;
using wd_sun = weekday_key<7, seq<istr<"s">, o_uml, istr<"ndagen">>,
                           seq<istr<"s">, o_uml, istr<"ndag">>, istr<"sunday">>;
struct weekday : sor<wd_mon, wd_tue, wd_wed, wd_thu, wd_fri, wd_sat, wd_sun> {};
/// An ordinal word; N is 1-4, or -1 for `sista`.
template <int N, typename... Names>
struct ordinal_key : key<sor<Names...>> {};
using ord_1 = ordinal_key<1, seq<istr<"f">, o_uml, istr<"rsta">>, istr<"first">>;
using ord_2 = ordinal_key<2, istr<"andra">, istr<"second">>;
using ord_3 = ordinal_key<3, istr<"tredje">, istr<"third">>;
using ord_4 = ordinal_key<4, seq<istr<"fj">, a_uml, istr<"rde">>, istr<"fourth">>;
using ord_last = ordinal_key<-1, istr<"sista">, istr<"last">>;
struct ordinal : sor<ord_1, ord_2, ord_3, ord_4, ord_last> {};
struct kw_every_word : key<sor<istr<"varje">, istr<"every">>> {};
struct kw_in : sor<key<istr<"in">>, key<istr<"of">>, key<istring<'i'>>> {};
struct nth_every_month : seq<kw_every_month> {};
/// After `i`: the month (its blank included, so that a line ending at `i` is an error here).
struct nth_month : seq<ws1, sor<nth_every_month, month_name>> {};
struct nth_weekday : seq<ordinal, ws1, weekday, ws1, must<kw_in>, must<nth_month>> {};
struct weekday_month_from : seq<month_name> {};
struct weekday_months : seq<weekday_month_from, ws, range_dash, ws, must<range_end_month>> {};
struct every_weekday : seq<kw_every_word, ws1, weekday, opt<ws1, weekday_months>> {};
struct kw_week_word : sor<key<istr<"vecka">>, key<istr<"week">>> {};
struct every_week : seq<kw_every_word, ws1, kw_week_word> {};
/// `varje` before none of the words it takes (a weekday, `vecka`, `månad`): an error naming
/// them, instead of "okänt månadsnamn 'varje'".
struct every_kind : pg::failure {};
struct every_unknown : seq<kw_every_word, ws1, must<every_kind>> {};
struct kw_every_other
    : sor<key<istr<"varannan">>, seq<key<istr<"every">>, ws1, key<istr<"other">>>> {};
struct every_other_from : number {};
struct eo_week_word : seq<kw_week_word> {};
struct eo_from : seq<kw_from> {};
struct eo_week : seq<kw_week> {};
struct every_other_week : seq<kw_every_other, ws, must<eo_week_word>, ws, must<eo_from>, ws,
                              must<eo_week>, ws, must<every_other_from>> {};
}  // namespace arshjul::dsl::grammar
