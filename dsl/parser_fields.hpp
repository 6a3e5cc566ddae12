#pragma once
// Actions of field values: NÄR, KLART and SENAST (months, days, parts of months, weeks,
// quarters and the occurrences they make), VEM, EFTER, TAGG, UTFALL, TYP, OM, VART, LEDTID's
// days, cykel, the plan's fields (NIVÅ, PERSPEKTIV, UNDER, MÅL, ENHET, ...) and VAD's text.
// Part of the parser: included by dsl/parser.cpp only, after parser_state.hpp (PEGTL's
// actions must all be seen where the grammar is parsed).
#include <algorithm>
#include <cctype>
#include <charconv>
#include <iterator>
#include <set>
#include <string>
#include <vector>

#include "dsl/parser.hpp"
#include "dsl/parser_state.hpp"
#include "dsl/text.hpp"

namespace arshjul::dsl::parsing {

// NÄR: atoms, occurrences, the whole expression.
template <int N, typename... Names>
struct action<gr::month_key<N, Names...>> : set_action<&State::month, N> {};

/// Common phrasings where a month was expected, and what to write instead ("" for a word
/// to leave out).
inline std::optional<std::pair<std::string, std::string>> phrasing_of(std::string_view rest) {
  static const std::vector<std::pair<std::string, std::string>> kPhrasings{
      {"i mitten på", "mitten av"},  // vocabulary: a phrasing and its form
      {"mitten på", "mitten av"},    // vocabulary: a phrasing and its form
      {"i början på", "början av"},  // vocabulary: a phrasing and its form
      {"början på", "början av"},    // vocabulary: a phrasing and its form
      {"i slutet på", "slutet av"},  // vocabulary: a phrasing and its form
      {"slutet på", "slutet av"},    // vocabulary: a phrasing and its form
      {"i mitten", "mitten av"},
      {"ca", ""},
      {"ca.", ""},
      {"cirka", ""},
      {"omkring", ""},
      {"runt", ""}};
  std::string folded = fold(rest);
  for (const auto& [said, instead] : kPhrasings) {
    std::string f = fold(said);
    bool word_end =
        folded.size() == f.size() || !std::isalnum(static_cast<unsigned char>(folded[f.size()]));
    if (folded.rfind(f, 0) == 0 && word_end)
      return std::pair{std::string(rest.substr(0, said.size())), instead};
  }
  return std::nullopt;
}
template <>
struct action<gr::unknown_month> {
  template <typename In>
  static void apply(const In& in, State& st) {
    st.month = 0;
    st.mark_broken();
    std::string_view rest(in.begin(), static_cast<std::size_t>(in.input().end() - in.begin()));
    rest = rest.substr(0, rest.find_first_of("\r\n#"));
    if (auto p = phrasing_of(rest)) {
      if (p->second.empty())
        st.error(here(in), Msg::approximately, {p->first});
      else
        st.error(here(in), Msg::phrasing, {p->first, p->second});
      st.line_explained = true;
      return;
    }
    st.error(here(in), Msg::unknown_month, {in.string()}, closest(in.string(), month_names()));
  }
};
template <>
struct action<gr::day> : store_action<&State::day> {};

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
struct action<gr::part_early> : set_action<&State::part, MonthPart::early> {};
template <>
struct action<gr::part_middle> : set_action<&State::part, MonthPart::middle> {};
template <>
struct action<gr::part_late> : set_action<&State::part, MonthPart::late> {};
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
template <bool Last>
struct action<gr::week_of<Last>> : store_action<Last ? &State::week_to : &State::week> {};
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
template <char Upper, char Lower, char Max>
struct action<gr::period_number<Upper, Lower, Max>>
    : numbered_atom_action<Upper == 'Q' ? AtomKind::quarter : AtomKind::tertial> {};
template <>
struct action<gr::whole_cycle> : word_atom_action<AtomKind::whole_cycle> {};
template <>
struct action<gr::every_month> : word_atom_action<AtomKind::every_month> {};
template <>
struct action<gr::next_year> : set_action<&State::next_year> {};

/// Minutes after midnight of `9`, `16.00` or `8:30`; -1 when no such time exists.
inline int clock_minutes(std::string_view text) {
  auto sep = text.find_first_of(".:");
  int h = to_int(text.substr(0, sep));
  int m = sep == std::string_view::npos ? 0 : to_int(text.substr(sep + 1));
  return h > 23 || m > 59 ? -1 : h * 60 + m;
}
template <>
struct action<gr::clock_start> {
  template <typename In>
  static void apply(const In& in, State& st) {
    st.clock_from = clock_minutes(in.string());
    st.clock_to = -2;  // no end given
  }
};
template <>
struct action<gr::clock_end> : store_action<&State::clock_to, &clock_minutes> {};
template <>
struct action<gr::time_of_day> {
  template <typename In>
  static void apply(const In& in, State& st) {
    bool ranged = st.clock_to != -2;
    int end = ranged ? st.clock_to : st.clock_from + 60;
    if (st.clock_from < 0 || (ranged && end <= st.clock_from) || end < 0) {
      st.error(here(in), Msg::bad_time, {trim(in.string_view())});
      st.mark_broken();
      return;
    }
    st.time = TimeOfDay{st.clock_from, std::min(end, 24 * 60)};
  }
};
template <>
struct action<gr::span> {
  template <typename In>
  static void apply(const In& in, State& st) {
    st.span_text = trim_view(in.string_view());
  }
};
template <>
struct action<gr::occurrence> {
  template <typename In>
  static void apply(const In& in, State& st) {
    if (st.atoms.empty()) return;
    Occurrence o{std::move(st.atoms.front()), std::nullopt, here(in), st.time, st.next_year};
    if (st.atoms.size() > 1) o.to = std::move(st.atoms.back());
    auto day_kind = [](AtomKind k) {
      return k == AtomKind::day_month || k == AtomKind::date || k == AtomKind::nth_weekday ||
             k == AtomKind::every_weekday || k == AtomKind::anchored ||
             k == AtomKind::weekday_in_week;
    };
    if (o.time && (o.to || !day_kind(o.from.kind))) {
      st.error(here(in), Msg::time_needs_day, {std::string(st.span_text)});
      st.mark_broken();
    }
    st.occurrences.push_back(std::move(o));
    st.atoms.clear();
    st.next_year = false;
    st.time.reset();
  }
};
template <>
struct action<gr::when_expr> {
  template <typename In>
  static void apply(const In& in, State& st) {
    // Moved into a vector of exactly their number; st.occurrences keeps its buffer.
    st.when = When{{std::make_move_iterator(st.occurrences.begin()),
                    std::make_move_iterator(st.occurrences.end())},
                   trim(in.string_view()),
                   here(in)};
    st.occurrences.clear();
  }
};
template <>
struct action<gr::when_field> : step_field_action<&StepSyntax::when, &State::when> {};
template <>
struct action<gr::due_field> : item_field_action<&ItemSyntax::due, &State::when> {};
template <>
struct action<gr::deadline_date> {
  template <typename In>
  static void apply(const In& in, State& st) {
    check_day(st, here(in));
    st.step().deadline = DayMonth{st.day, st.month, st.next_year, here(in)};
  }
};

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
/// Moves what the line collected (`From`) into the open item's field, or the open step's.
template <auto StepField, auto ItemField, auto From>
struct step_or_item_action {
  template <typename In>
  static void apply(const In& /*unused*/, State& st) {
    if (st.block == Block::item)
      st.item().*ItemField = std::move(st.*From);
    else
      st.step().*StepField = std::move(st.*From);
  }
};
template <>
struct action<gr::who_field>
    : step_or_item_action<&StepSyntax::who, &ItemSyntax::who, &State::role_refs> {};
template <typename Rule>
struct name_action {
  template <typename In>
  static void apply(const In& in, State& st) {
    st.names.push_back({in.string(), here(in)});
  }
};
template <int Tag>
struct action<gr::listed_name<Tag>> : name_action<gr::listed_name<Tag>> {};
template <>
struct action<gr::link_process> {
  template <typename In>
  static void apply(const In& in, State& st) {
    std::string id = in.string();
    id.pop_back();  // the dot
    st.link_process = Name{std::move(id), here(in)};
  }
};
template <>
struct action<gr::previous_cycle> {
  template <typename In>
  static void apply(const In& /*unused*/, State& st) {
    st.link_previous = true;
  }
};
// A step of another process or of the cycle before leaves the plain names for the links.
template <>
struct action<gr::after_ref> {
  template <typename In>
  static void apply(const In& /*unused*/, State& st) {
    if (st.link_process || st.link_previous) {
      st.links.push_back({st.link_process, st.names.back(), st.link_previous});
      st.names.pop_back();
    }
    st.link_process.reset();
    st.link_previous = false;
  }
};
template <>
struct action<gr::after_field> {
  template <typename In>
  static void apply(const In& /*unused*/, State& st) {
    st.step().after = std::move(st.names);
    st.step().links = std::move(st.links);
  }
};
template <>
struct action<gr::tag_field>
    : step_or_item_action<&StepSyntax::tags, &ItemSyntax::tags, &State::names> {};
template <>
struct action<gr::if_field> {
  template <typename In>
  static void apply(const In&, State& st) {
    st.step().condition = ConditionSyntax{st.condition_step, st.names.back()};
  }
};
template <>
struct action<gr::outcomes_field> : step_field_action<&StepSyntax::outcomes, &State::names> {};
template <>
struct action<gr::type_name> : step_name_action<&StepSyntax::type> {};
template <>
struct action<gr::condition_step> : name_to_action<&State::condition_step> {};
template <int Tag, typename Rule>
struct action<gr::collected<Tag, Rule>> : number_action {};
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
/// `cykel`: a cycle starting in `Month` (1 kalenderår, 8 läsår), or (0) in the month just read
/// (`från november`).
template <int Month>
struct cycle_action {
  template <typename In>
  static void apply(const In& /*unused*/, State& st) {
    int month = Month != 0 ? Month : st.month;
    if (st.block == Block::process && month != 0) st.file.process->cycle = cycle_from(month);
  }
};
template <>
struct action<gr::kw_calendar_year> : cycle_action<1> {};
template <>
struct action<gr::kw_school_year> : cycle_action<8> {};
template <>
struct action<gr::cycle_start_month> : cycle_action<0> {};

// Fields of goals, activities and measures.
template <>
struct action<gr::level_name> : item_name_action<&ItemSyntax::level> {};
template <>
struct action<gr::direction_name> : item_name_action<&ItemSyntax::direction> {};
/// Stores the last name the line read in a field of the open item (PERSPEKTIV, UNDER).
template <auto To>
struct item_last_name_action {
  template <typename In>
  static void apply(const In& /*unused*/, State& st) {
    st.item().*To = st.names.back();
  }
};
template <>
struct action<gr::perspective_field> : item_last_name_action<&ItemSyntax::perspective> {};
template <>
struct action<gr::parent_field> : item_last_name_action<&ItemSyntax::parent> {};
template <>
struct action<gr::goals_field> : item_field_action<&ItemSyntax::goals, &State::names> {};
template <>
struct action<gr::measure_unit_field> : item_field_action<&ItemSyntax::measure_unit, &State::text> {
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
struct action<gr::followup_field> : item_field_action<&ItemSyntax::tertials, &State::numbers> {};

// LÄNK
template <>
struct action<gr::url> : store_action<&StepSyntax::link, &as_text, &State::step> {};

// VAD and its continuation lines: `\#` is a '#'; a '#' right after a word (as in a web
// address) ends the text too, with a warning, since the rest of the line is lost.
template <>
struct action<gr::text> {
  template <typename In>
  static void apply(const In& in, State& st) {
    st.text.assign(trim_view(in.string_view()));  // into the buffer of the line before
    for (auto at = st.text.find("\\#"); at != std::string::npos; at = st.text.find("\\#", at + 1))
      st.text.erase(at, 1);
    const char* end = in.end();
    if (end != in.input().end() && *end == '#' && end != in.begin() && end[-1] != ' ' &&
        end[-1] != '\t') {
      auto where = here(in);
      where.column += static_cast<unsigned>(in.size());
      st.warn(where, Msg::hash_ends_text);
    }
  }
};
template <>
struct action<gr::what_field> {
  template <typename In>
  static void apply(const In& in, State& st) {
    st.what() = st.text;  // exactly its length; st.text keeps its buffer for the next line
    st.text.clear();
    st.in_what = st.block == Block::step || st.block == Block::item;
    st.what_indent = st.line_indent;
    st.what_indent_tabs = st.line_indent_tabs;
    st.what_line = here(in).line;
  }
};
/// The field keyword `text` starts with, written in capitals as fields are (`EFTER x`), or
/// empty: a continuation line that probably was meant as a field.
inline std::string leading_field_keyword(std::string_view text) {
  static const std::set<std::string> kFields{
      "nar",      "when",     "vem",       "who",        "vad",      "what",        "efter",
      "after",    "senast",   "deadline",  "typ",        "type",     "tagg",        "taggar",
      "tag",      "tags",     "om",        "if",         "vart",     "every",       "utfall",
      "outcomes", "ledtid",   "lead",      "eskalering", "eskalera", "escalate",    "flytta",
      "shift",    "lank",     "link",      "niva",       "level",    "perspektiv",  "perspective",
      "under",    "parent",   "mal",       "goal",       "klart",    "due",         "enhet",
      "unit",     "riktning", "direction", "malvarde",   "target",   "uppfoljning", "followup",
      "enheter",  "units"};
  std::string_view word = text.substr(0, text.find_first_of(" \t"));
  bool capitals = word.size() > 1 && std::none_of(word.begin(), word.end(), [](char c) {
                    return std::islower(static_cast<unsigned char>(c));
                  });
  capitals = capitals && word.find("\u00E4") == std::string::npos &&
             word.find("\u00E5") == std::string::npos && word.find("\u00F6") == std::string::npos;
  return capitals && kFields.count(fold(word)) ? std::string(word) : std::string();
}
template <>
struct action<gr::continuation> {
  template <typename In>
  static void apply(const In& in, State& st) {
    if (auto field = leading_field_keyword(st.text); !field.empty())
      st.warn(here(in), Msg::field_as_continuation, {field});
    if (st.text.empty() || !st.what()) return;
    // Joined into a string of exactly its length (append would leave up to half of it spare):
    // the text is kept as long as the rules.
    std::string joined;
    joined.reserve(st.what()->size() + 1 + st.text.size());
    joined.append(*st.what()).append(" ").append(st.text);
    *st.what() = std::move(joined);
  }
};

}  // namespace arshjul::dsl::parsing
