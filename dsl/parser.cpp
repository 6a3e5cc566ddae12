#include "dsl/parser.hpp"

#include "dsl/months.hpp"
#include "dsl/parser_fields.hpp"
#include "dsl/parser_rhythms.hpp"
#include "dsl/parser_state.hpp"
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
struct action<gr::kw_process> {
  template <typename In>
  static void apply(const In&, State& st) {
    st.file.process_header_seen = true;
  }
};
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
    st.file.roles.push_back({{in.string(), here(in)}, false, {}, {}});
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
template <>
struct action<gr::step_id> {
  template <typename In>
  static void apply(const In& in, State& st) {
    st.in_what = false;
    st.file.steps.push_back({});
    st.file.steps.back().id = {in.string(), here(in)};
    st.block = Block::step;
    st.seen_fields.clear();
  }
};
template <ItemKind K>
using item_kind_action = set_action<&State::pending_kind, K>;
template <>
struct action<gr::perspective_kind> : item_kind_action<ItemKind::perspective> {};
template <>
struct action<gr::goal_kind> : item_kind_action<ItemKind::goal> {};
template <>
struct action<gr::activity_kind> : item_kind_action<ItemKind::activity> {};
template <>
struct action<gr::measure_kind> : item_kind_action<ItemKind::measure> {};
template <>
struct action<gr::item_id> {
  template <typename In>
  static void apply(const In& in, State& st) {
    st.in_what = false;
    st.file.items.push_back({});
    st.file.items.back().kind = st.pending_kind;
    st.file.items.back().id = {in.string(), here(in)};
    st.block = Block::item;
    st.seen_fields.clear();
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

/// Field keywords: check the field stands in a block that takes it, and is given once.
template <typename Keyword>
struct FieldKeyword;
#define ARSHJUL_FIELD(kw, name, where)         \
  template <>                                  \
  struct FieldKeyword<gr::kw> {                \
    static constexpr const char* kName = name; \
    static constexpr unsigned kWhere = where;  \
  }
constexpr unsigned kInItems = kInGoal | kInActivity | kInMeasure;
ARSHJUL_FIELD(kw_when, "NÄR", kInStep);
ARSHJUL_FIELD(kw_who, "VEM", kInStep | kInActivity | kInMeasure);
ARSHJUL_FIELD(kw_what, "VAD", kInStep | kInItems);
ARSHJUL_FIELD(kw_after, "EFTER", kInStep);
ARSHJUL_FIELD(kw_deadline, "SENAST", kInStep);
ARSHJUL_FIELD(kw_type, "TYP", kInStep);
ARSHJUL_FIELD(kw_tag, "TAGG", kInStep | kInItems);
ARSHJUL_FIELD(kw_if, "OM", kInStep);
ARSHJUL_FIELD(kw_every, "VART", kInStep);
ARSHJUL_FIELD(kw_outcomes, "UTFALL", kInStep);
ARSHJUL_FIELD(kw_link, "LÄNK", kInStep);
ARSHJUL_FIELD(kw_level, "NIVÅ", kInGoal);
ARSHJUL_FIELD(kw_perspective, "PERSPEKTIV", kInGoal);
ARSHJUL_FIELD(kw_parent, "UNDER", kInGoal);
ARSHJUL_FIELD(kw_goal, "MÅL", kInActivity | kInMeasure);
ARSHJUL_FIELD(kw_due, "KLART", kInActivity);
ARSHJUL_FIELD(kw_measure_unit, "ENHET", kInMeasure);
ARSHJUL_FIELD(kw_direction, "RIKTNING", kInMeasure);
ARSHJUL_FIELD(kw_target, "MÅLVÄRDE", kInMeasure);
ARSHJUL_FIELD(kw_followup, "UPPFÖLJNING", kInMeasure);
#undef ARSHJUL_FIELD

template <typename Keyword>
struct field_keyword_action {
  template <typename In>
  static void apply(const In& in, State& st) {
    st.in_what = false;
    using F = FieldKeyword<Keyword>;
    if (st.block == Block::broken) return;
    if (!(st.where() & F::kWhere)) {
      st.error(here(in), Msg::field_outside_block, {F::kName, where_words(F::kWhere)});
      if (st.block == Block::step || st.block == Block::item)
        st.mark_broken();
      else
        st.block = Block::broken;
      return;
    }
    if (!st.seen_fields.insert(F::kName).second)
      st.error(here(in), st.block == Block::step ? Msg::duplicate_field : Msg::duplicate_item_field,
               {F::kName, st.block_id()});
  }
};
template <>
struct action<gr::kw_when> : field_keyword_action<gr::kw_when> {};
template <>
struct action<gr::kw_who> : field_keyword_action<gr::kw_who> {};
template <>
struct action<gr::kw_what> : field_keyword_action<gr::kw_what> {};
template <>
struct action<gr::kw_after> : field_keyword_action<gr::kw_after> {};
template <>
struct action<gr::kw_deadline> : field_keyword_action<gr::kw_deadline> {};
template <>
struct action<gr::kw_type> : field_keyword_action<gr::kw_type> {};
template <>
struct action<gr::kw_tag> : field_keyword_action<gr::kw_tag> {};
template <>
struct action<gr::kw_if> : field_keyword_action<gr::kw_if> {};
template <>
struct action<gr::kw_every> : field_keyword_action<gr::kw_every> {};
template <>
struct action<gr::kw_outcomes> : field_keyword_action<gr::kw_outcomes> {};
template <>
struct action<gr::kw_link> : field_keyword_action<gr::kw_link> {};
template <>
struct action<gr::kw_level> : field_keyword_action<gr::kw_level> {};
template <>
struct action<gr::kw_perspective> : field_keyword_action<gr::kw_perspective> {};
template <>
struct action<gr::kw_parent> : field_keyword_action<gr::kw_parent> {};
template <>
struct action<gr::kw_goal> : field_keyword_action<gr::kw_goal> {};
template <>
struct action<gr::kw_due> : field_keyword_action<gr::kw_due> {};
template <>
struct action<gr::kw_measure_unit> : field_keyword_action<gr::kw_measure_unit> {};
template <>
struct action<gr::kw_direction> : field_keyword_action<gr::kw_direction> {};
template <>
struct action<gr::kw_target> : field_keyword_action<gr::kw_target> {};
template <>
struct action<gr::kw_followup> : field_keyword_action<gr::kw_followup> {};

// LEDTID, ESKALERING and cykel may also stand under the process.
template <const char* Name, std::optional<int> ProcessSyntax::*ProcessField,
          std::optional<int> StepSyntax::*StepField>
struct day_count_keyword_action {
  template <typename In>
  static void apply(const In& in, State& st) {
    st.in_what = false;
    st.process_days = ProcessField;
    st.step_days = StepField;
    if (st.block == Block::step && !st.seen_fields.insert(Name).second)
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
template <>
struct action<gr::kw_closed> {
  template <typename In>
  static void apply(const In& in, State& st) {
    st.in_what = false;
    if (st.block != Block::process && st.block != Block::calendar && st.block != Block::broken) {
      st.error(here(in), Msg::field_outside_block,
               {"stängt", "process/kalender"});               // vocabulary: keywords
      if (st.block != Block::step) st.block = Block::broken;  // a step keeps its other fields
    }
  }
};
template <>
struct action<gr::kw_shift> {
  template <typename In>
  static void apply(const In& in, State& st) {
    st.in_what = false;
    if (st.block == Block::step && !st.seen_fields.insert("FLYTTA").second)
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
template <>
struct action<gr::shift_before> : shift_action<Shift::before> {};
template <>
struct action<gr::shift_after> : shift_action<Shift::after> {};
template <>
struct action<gr::shift_never> : shift_action<Shift::never> {};
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
    if ((st.block != Block::process && st.block != Block::calendar) || st.dates.empty()) return;
    auto from = st.dates.front(), to = st.dates.back();
    if (from[1] == 0 || to[1] == 0) return;  // an unknown month, reported already
    ClosedPeriod c{from[1], from[0], to[1], to[0], std::nullopt, here(in)};
    if (from[2]) c.year = from[2];
    st.file.closed.push_back(c);
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
struct action<gr::valid_first> : number_action {};
template <>
struct action<gr::valid_last> : number_action {};
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
  if (!st.line_explained) st.error(e.where, e.msg, {e.found});
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

ParseResult parse_rules(std::string_view text, const std::string& path) {
  using namespace parsing;
  State st;
  st.file.path = path;
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);  // a BOM from Windows editors
  pg::memory_input<pg::tracking_mode::eager, pg::eol::lf_crlf> in(text.data(), text.size(), path);
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
  return {std::move(st.file), std::move(st.diagnostics)};
}

}  // namespace arshjul::dsl
