#include "dsl/parser.hpp"

#include <algorithm>
#include <cstddef>
#include <iterator>
#include <tuple>
#include <type_traits>

#include "dsl/months.hpp"
#include "dsl/parser_fields.hpp"
#include "dsl/parser_rhythms.hpp"
#include "dsl/parser_state.hpp"
#include "dsl/parser_terms.hpp"
#include "dsl/parser_units.hpp"
#include "dsl/text.hpp"

namespace arshjul::dsl {
namespace parsing {

// Actions of header lines (process, roll, steg, the plan's items, inkludera, kalender) and of
// field keywords: which block is open, and whether a field may stand in it. The field values'
// actions are in parser_fields.hpp.

template <>
struct action<gr::indent> {
  template <typename In>
  static void apply(const In& in, State& st) {
    st.line_indent = static_cast<unsigned>(in.size());
    st.line_indent_tabs = in.string_view().find('\t') != std::string_view::npos;
  }
};

// Headers open a block.
template <>
struct action<gr::process_id> {
  template <typename In>
  static void apply(const In& in, State& st) {
    st.in_what = false;
    if (st.file.process) {
      st.error(here(in), Msg::second_process, {st.file.process->id.text});
      st.block = Block::broken;
      return;
    }
    st.file.process =
        ProcessSyntax{{in.string(), here(in)}, {}, CycleKind::calendar_year, {}, {}, {}};
    st.block = Block::process;
  }
};
template <>
struct action<gr::kw_include> : set_action<&State::include_pending> {};
template <>
struct action<gr::kw_process> : set_action<&FileSyntax::process_header_seen> {};
template <>
struct action<gr::quoted_body> {
  template <typename In>
  static void apply(const In& in, State& st) {
    st.quoted = in.string();
  }
};
template <>
struct action<gr::process_title> {
  template <typename In>
  static void apply(const In&, State& st) {
    if (st.block == Block::process) st.file.process->title = st.quoted;
  }
};
template <>
struct action<gr::role_name> {
  template <typename In>
  static void apply(const In& in, State& st) {
    st.in_what = false;
    st.file.roles.push_back({{in.string(), here(in)}, false, false, {}, {}});
    st.block = Block::role;
  }
};
template <>
struct action<gr::per_unit> {
  template <typename In>
  static void apply(const In&, State& st) {
    st.file.roles.back().per_unit = true;
  }
};
template <>
struct action<gr::per_area> {
  template <typename In>
  static void apply(const In&, State& st) {
    st.file.roles.back().per_area = true;
  }
};
template <>
struct action<gr::alias_name> {
  template <typename In>
  static void apply(const In& in, State& st) {
    st.file.roles.back().aliases.push_back({in.string(), here(in)});
  }
};
template <>
struct action<gr::reports_to_name> {
  template <typename In>
  static void apply(const In& in, State& st) {
    st.file.roles.back().reports_to = Name{in.string(), here(in)};
  }
};
/// Opens a step or an item block: a new element of `list` with its id, no fields seen yet.
template <typename T>
T& open_block(State& st, std::vector<T>& list, Block kind, Name id) {
  st.in_what = false;
  list.push_back({});
  list.back().id = std::move(id);
  st.block = kind;
  st.seen_fields.clear();
  return list.back();
}
template <>
struct action<gr::step_id> {
  template <typename In>
  static void apply(const In& in, State& st) {
    st.hand_over_step();
    open_block(st, st.file.steps, Block::step, {in.string(), here(in)});
  }
};
template <int K, typename Keyword>
struct action<gr::item_kind_of<K, Keyword>>
    : set_action<&State::pending_kind, static_cast<ItemKind>(K)> {};
template <>
struct action<gr::item_id> {
  template <typename In>
  static void apply(const In& in, State& st) {
    open_block(st, st.file.items, Block::item, {in.string(), here(in)}).kind = st.pending_kind;
  }
};
template <>
struct action<gr::item_title> {
  template <typename In>
  static void apply(const In&, State& st) {
    st.item().title = st.quoted;
  }
};
template <>
struct action<gr::step_title> {
  template <typename In>
  static void apply(const In&, State& st) {
    st.step().title = st.quoted;
  }
};
template <>
struct action<gr::include_path> {
  template <typename In>
  static void apply(const In& in, State& st) {
    st.in_what = false;
    st.file.includes.push_back({st.quoted, here(in)});
    st.include_pending = false;
    st.block = Block::none;
  }
};

/// A keyword's name as a template argument: `calendar_keyword_action<"stängt">`.
template <std::size_t N>
struct Word {
  char text[N];
  constexpr Word(const char (&s)[N]) { std::copy_n(s, N, text); }  // NOLINT: implicit by design
};

constexpr unsigned kInItems = kInGoal | kInActivity | kInMeasure;

/// The field keywords, and (in the same order) the name messages call each by and the
/// blocks that take it.
using FieldKeywords =
    std::tuple<gr::kw_when, gr::kw_who, gr::kw_what, gr::kw_after, gr::kw_deadline, gr::kw_type,
               gr::kw_tag, gr::kw_if, gr::kw_every, gr::kw_outcomes, gr::kw_link, gr::kw_level,
               gr::kw_perspective, gr::kw_parent, gr::kw_goal, gr::kw_due, gr::kw_measure_unit,
               gr::kw_direction, gr::kw_target, gr::kw_followup, gr::kw_units>;
struct FieldRule {
  const char* name;
  unsigned where;
};
inline constexpr FieldRule kFieldRules[] = {{"NÄR", kInStep},
                                            {"VEM", kInStep | kInActivity | kInMeasure},
                                            {"VAD", kInStep | kInItems},
                                            {"EFTER", kInStep},
                                            {"SENAST", kInStep},
                                            {"TYP", kInStep},
                                            {"TAGG", kInStep | kInItems},
                                            {"OM", kInStep},
                                            {"VART", kInStep},
                                            {"UTFALL", kInStep},
                                            {"LÄNK", kInStep},
                                            {"NIVÅ", kInGoal},
                                            {"PERSPEKTIV", kInGoal},
                                            {"UNDER", kInGoal},
                                            {"MÅL", kInActivity | kInMeasure},
                                            {"KLART", kInActivity},
                                            {"ENHET", kInMeasure},
                                            {"RIKTNING", kInMeasure},
                                            {"MÅLVÄRDE", kInMeasure},
                                            {"UPPFÖLJNING", kInMeasure},
                                            {"ENHETER", kInStep}};
static_assert(std::size(kFieldRules) == std::tuple_size_v<FieldKeywords>);

/// The position of `Rule` in FieldKeywords, or its size when it is not a field keyword.
template <typename Rule, std::size_t I = 0>
constexpr std::size_t field_index() {
  if constexpr (I == std::tuple_size_v<FieldKeywords>)
    return I;
  else if constexpr (std::is_same_v<Rule, std::tuple_element_t<I, FieldKeywords>>)
    return I;
  else
    return field_index<Rule, I + 1>();
}
template <typename Rule>
concept field_keyword = field_index<Rule>()
< std::tuple_size_v<FieldKeywords>;

/// Field keywords: check the field stands in a block that takes it, and is given once.
template <field_keyword Rule>
struct action<Rule> {
  template <typename In>
  static void apply(const In& in, State& st) {
    constexpr FieldRule kRule = kFieldRules[field_index<Rule>()];
    st.in_what = false;
    if (st.block == Block::broken) return;
    if (!(st.where() & kRule.where)) {
      st.error(here(in), Msg::field_outside_block, {kRule.name, where_words(kRule.where)});
      if (st.block == Block::step || st.block == Block::item)
        st.mark_broken();
      else
        st.block = Block::broken;
      return;
    }
    if (!st.seen_fields.insert(kRule.name))
      st.error(here(in), st.block == Block::step ? Msg::duplicate_field : Msg::duplicate_item_field,
               {kRule.name, st.block_id()});
  }
};

// LEDTID, ESKALERING and cykel may also stand under the process.
template <const char* Name, std::optional<int> ProcessSyntax::*ProcessField,
          std::optional<int> StepSyntax::*StepField>
struct day_count_keyword_action {
  template <typename In>
  static void apply(const In& in, State& st) {
    st.in_what = false;
    st.process_days = ProcessField;
    st.step_days = StepField;
    if (st.block == Block::step && !st.seen_fields.insert(Name))
      st.error(here(in), Msg::duplicate_field, {Name, st.step().id.text});
    if (st.block != Block::step && st.block != Block::process && st.block != Block::broken) {
      st.error(here(in), Msg::field_outside_block, {Name, "steg/process"});
      st.block = Block::broken;
    }
  }
};
inline constexpr char kLeadName[] = "LEDTID";
inline constexpr char kEscalateName[] = "ESKALERING";
template <>
struct action<gr::kw_lead>
    : day_count_keyword_action<kLeadName, &ProcessSyntax::lead_days, &StepSyntax::lead_days> {};
template <>
struct action<gr::kw_escalate>
    : day_count_keyword_action<kEscalateName, &ProcessSyntax::escalate_days,
                               &StepSyntax::escalate_days> {};
template <>
struct action<gr::kw_calendar> {
  template <typename In>
  static void apply(const In&, State& st) {
    st.in_what = false;
    st.block = Block::calendar;
  }
};
/// `stängt`, `termin` and `lov` stand under process or kalender.
template <Word Name>
struct calendar_keyword_action {
  template <typename In>
  static void apply(const In& in, State& st) {
    st.in_what = false;
    if (st.block != Block::process && st.block != Block::calendar && st.block != Block::broken) {
      st.error(here(in), Msg::field_outside_block, {Name.text, "process/kalender"});
      if (st.block != Block::step) st.block = Block::broken;  // a step keeps its other fields
    }
  }
};
template <>
struct action<gr::kw_closed> : calendar_keyword_action<"stängt"> {};  // vocabulary: keywords
template <>
struct action<gr::kw_term> : calendar_keyword_action<"termin"> {};  // vocabulary: keywords
template <>
struct action<gr::kw_lov> : calendar_keyword_action<"lov"> {};  // vocabulary: keywords
template <>
struct action<gr::kw_shift> {
  template <typename In>
  static void apply(const In& in, State& st) {
    st.in_what = false;
    if (st.block == Block::step && !st.seen_fields.insert("FLYTTA"))
      st.error(here(in), Msg::duplicate_field, {"FLYTTA", st.step().id.text});
    if (st.block == Block::none || st.block == Block::role) {
      st.error(here(in), Msg::field_outside_block, {"FLYTTA", "steg/process/kalender"});
      st.block = Block::broken;
    }
  }
};
template <Shift S>
struct shift_action {
  template <typename In>
  static void apply(const In&, State& st) {
    if (st.block == Block::step)
      st.step().shift = S;
    else if (st.block == Block::process || st.block == Block::calendar)
      st.file.shift = S;
  }
};
template <int S, typename... Words>
struct action<gr::shift_word<S, Words...>> : shift_action<static_cast<Shift>(S)> {};
template <>
struct action<gr::closed_day> {
  template <typename In>
  static void apply(const In& in, State& st) {
    check_day(st, here(in));
    st.dates.push_back({st.day, st.month, 0});
  }
};
template <>
struct action<gr::iso_date> {
  template <typename In>
  static void apply(const In& in, State& st) {
    auto ymd = iso_day(in.string());
    if (!ymd) st.error(here(in), Msg::record_bad_date, {in.string()});
    st.dates.push_back(
        {ymd ? (*ymd)[2] : 1, ymd ? (*ymd)[1] : 1, to_int(in.string().substr(0, 4))});
  }
};
template <>
struct action<gr::closed_field> {
  template <typename In>
  static void apply(const In& in, State& st) {
    if (st.filter.empty()) return add_closed(st, here(in), {});
    // closed days of some units only: kept apart from the process's own
    std::size_t before = st.file.closed.size();
    add_closed(st, here(in), {});
    if (st.file.closed.size() == before) return;
    st.file.unit_closed.push_back({st.file.closed.back(), std::move(st.filter)});
    st.file.closed.pop_back();
  }
};
template <const char* Name>
struct process_keyword_action {
  template <typename In>
  static void apply(const In& in, State& st) {
    st.in_what = false;
    if (st.block != Block::process && st.block != Block::broken) {
      st.error(here(in), Msg::field_outside_block, {Name, "process"});
      // a step or item keeps its other fields
      if (st.block != Block::step && st.block != Block::item) st.block = Block::broken;
    }
  }
};
inline constexpr char kCycleName[] = "cykel";
inline constexpr char kValidName[] = "gäller";
template <>
struct action<gr::kw_cycle> : process_keyword_action<kCycleName> {};
template <>
struct action<gr::kw_valid> : process_keyword_action<kValidName> {};
template <>
struct action<gr::valid_field> {
  template <typename In>
  static void apply(const In& in, State& st) {
    if (st.block != Block::process) return;
    st.file.process->valid = YearRange{st.numbers.front(), st.numbers.back(), here(in)};
  }
};

namespace {

void report(State& st, const SyntaxError& e) {
  if (st.include_pending) st.file.include_broken = true;
  st.include_pending = false;
  // After a VAD, tabs and spaces mixed are the likely cause rather than the word found: that
  // is said at the line's start.
  if (!st.line_explained && st.indent_mixed_with_what())
    st.error({e.where.file, e.where.line, 1}, Msg::indent_tabs_mixed,
             {std::to_string(st.what_line)});
  else if (!st.line_explained)
    st.error(e.where, e.msg, {e.found});
  if (st.line_indent == 0) {
    st.mark_broken();          // the line may have been one of its fields, written unindented
    st.block = Block::broken;  // a broken header: its fields must not land in the block above
    st.in_what = false;
  } else {
    st.mark_broken();
  }
}

}  // namespace
}  // namespace parsing

const std::vector<std::string>& month_names() {
  static const std::vector<std::string> kNames(kSwedishMonths.begin(), kSwedishMonths.end());
  return kNames;
}

namespace {

// About how many steps `text` has: its lines that start with `steg` or `step` (any case). The
// steps' vector is reserved once instead of grown (each growth moves every step).
std::size_t steps_in(std::string_view text) {
  std::size_t n = 0;
  for (std::size_t at = 0; at < text.size();) {
    if (text.size() - at > 4 && (text[at] | 0x20) == 's' && (text[at + 1] | 0x20) == 't' &&
        (text[at + 2] | 0x20) == 'e' &&
        ((text[at + 3] | 0x20) == 'g' || (text[at + 3] | 0x20) == 'p'))
      ++n;
    at = text.find('\n', at);
    if (at != std::string_view::npos) ++at;
  }
  return n;
}

}  // namespace

ParseResult parse_rules(std::string_view text, const std::string& path, StepSink* sink) {
  using namespace parsing;
  State st;
  st.file.path = path;
  st.sink = sink;
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);  // a BOM from Windows editors
  if (sink)
    sink->expect(steps_in(text));
  else
    st.file.steps.reserve(steps_in(text));
  pg::memory_input<pg::tracking_mode::eager, pg::eol::lf_crlf, FileName> in(
      text.data(), text.size(), FileName(path));
  while (!in.empty()) {
    st.begin_line();
    const auto* before = in.current();
    try {
      pg::parse<gr::line, action, control>(in, st);
    } catch (const SyntaxError& e) {
      report(st, e);
      pg::parse<gr::skip_line>(in);
    }
    if (in.current() == before) pg::parse<gr::skip_line>(in);  // always make progress
  }
  st.hand_over_step();
  return {std::move(st.file), std::move(st.diagnostics)};
}

}  // namespace arshjul::dsl
