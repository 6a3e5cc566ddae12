#include "dsl/parser.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <set>

#include "dsl/grammar.hpp"
#include "dsl/months.hpp"
#include "dsl/text.hpp"

namespace arshjul::dsl {
namespace pg = tao::pegtl;
namespace gr = grammar;

namespace {

enum class Block { none, process, role, step, item, calendar, broken };

/// Where a field may stand, as a bit set: a step or one of the plan's item kinds.
enum Where : unsigned {
  kInStep = 1,
  kInPerspective = 2,
  kInGoal = 4,
  kInActivity = 8,
  kInMeasure = 16,
};

/// The blocks of `where`, as the user writes them: "steg/aktivitet/mätetal".
std::string where_words(unsigned where) {
  static const char* const kWords[] = {"steg", "perspektiv", "mål", "aktivitet", "mätetal"};
  std::string out;
  for (unsigned i = 0; i < 5; ++i)
    if (where & (1u << i)) out += (out.empty() ? "" : "/") + std::string(kWords[i]);
  return out;
}

constexpr std::array<int, 13> kMaxDays{0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

/// Everything the actions fill in while one file is read. Per-line scratch values are
/// cleared at the start of each line so a line with an error leaves nothing half-built.
struct State {
  FileSyntax file;
  std::vector<Diagnostic> diagnostics;
  Block block = Block::none;
  StepSyntax scratch_step;  // receives fields when no step is open, so actions need no checks
  ItemSyntax scratch_item;  // the same for goals, activities and measures
  ItemKind pending_kind = ItemKind::goal;  // the kind of the item header being read
  std::set<std::string> seen_fields;

  unsigned line_indent = 0;
  bool in_what = false;
  unsigned what_indent = 0;
  bool include_pending = false;  // an include header whose path is not read yet
  // which day count (LEDTID or ESKALERING) the number on this line sets
  std::optional<int> ProcessSyntax::*process_days = &ProcessSyntax::lead_days;
  std::optional<int> StepSyntax::*step_days = &StepSyntax::lead_days;

  // per-line scratch
  int day = 0, month = 0, week = 0, week_to = 0;
  MonthPart part = MonthPart::early;
  bool next_year = false;
  std::vector<Atom> atoms;
  std::vector<Occurrence> occurrences;
  std::vector<Name> names;
  std::vector<RoleRefSyntax> role_refs;
  std::vector<int> numbers;
  std::string text, quoted;
  When when;
  Name condition_step;

  bool continues_what() const { return in_what && line_indent > what_indent; }
  // Role headers take no indented lines; a broken block swallows its lines silently.
  bool outside_block() const { return block == Block::none || block == Block::role; }
  std::vector<std::array<int, 3>> dates;  // per line: day, month, year (0 = every year)

  void begin_line() {
    line_indent = 0;
    day = month = week = week_to = 0;
    next_year = false;
    atoms.clear();
    occurrences.clear();
    names.clear();
    role_refs.clear();
    numbers.clear();
    dates.clear();
    text.clear();
  }

  StepSyntax& step() { return block == Block::step ? file.steps.back() : scratch_step; }
  ItemSyntax& item() { return block == Block::item ? file.items.back() : scratch_item; }

  /// Where the open block is, as a Where bit (0 outside steps and items).
  unsigned where() const {
    if (block == Block::step) return kInStep;
    if (block == Block::item) return 2u << static_cast<unsigned>(file.items.back().kind);
    return 0;
  }
  /// The id of the open step or item, for messages.
  const std::string& block_id() { return block == Block::item ? item().id.text : step().id.text; }
  /// An error inside the open step or item: skip checks that would only echo it.
  void mark_broken() {
    step().broken = true;
    item().broken = true;
  }
  std::optional<std::string>& what() { return block == Block::item ? item().what : step().what; }

  void error(Location where, Msg msg, std::vector<std::string> args = {},
             std::optional<std::string> suggestion = std::nullopt) {
    diagnostics.push_back({std::move(where), msg, std::move(args), std::move(suggestion)});
  }
};

template <typename Input>
Location here(const Input& in) {
  auto p = in.position();
  return {p.source, static_cast<unsigned>(p.line), static_cast<unsigned>(p.column)};
}

int to_int(std::string_view s) {
  int v = 0;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  return ec == std::errc() ? v : 1'000'000;  // absurd on overflow, so range checks report it
}

std::string trim(std::string_view s) {
  auto b = s.find_first_not_of(" \t");
  auto e = s.find_last_not_of(" \t");
  return b == std::string_view::npos ? std::string() : std::string(s.substr(b, e - b + 1));
}

// --- syntax errors -----------------------------------------------------------------------

/// Thrown by the control when a `must` fails; caught by the line loop.
struct SyntaxError {
  Msg msg;
  std::string found;
  Location where;
};

template <typename Rule>
constexpr Msg kExpected = Msg::expected_next_line;
template <>
constexpr Msg kExpected<gr::header> = Msg::expected_block;
template <>
constexpr Msg kExpected<gr::field> = Msg::expected_field;
template <>
constexpr Msg kExpected<gr::when_expr> = Msg::expected_when;
template <>
constexpr Msg kExpected<gr::occurrence> = Msg::expected_when;
template <>
constexpr Msg kExpected<gr::range_end> = Msg::expected_when;
template <>
constexpr Msg kExpected<gr::when_end> = Msg::expected_when_end;
template <>
constexpr Msg kExpected<gr::month_name> = Msg::expected_month;
template <>
constexpr Msg kExpected<gr::week_number> = Msg::expected_week;
template <>
constexpr Msg kExpected<gr::role_list> = Msg::expected_role;
template <>
constexpr Msg kExpected<gr::role_ref> = Msg::expected_role;
template <>
constexpr Msg kExpected<gr::role_name> = Msg::expected_role;
template <>
constexpr Msg kExpected<gr::alias_list> = Msg::expected_role;
template <>
constexpr Msg kExpected<gr::alias_name> = Msg::expected_role;
template <>
constexpr Msg kExpected<gr::reports_to_name> = Msg::expected_role;
template <>
constexpr Msg kExpected<gr::role_end> = Msg::expected_role_end;
template <>
constexpr Msg kExpected<gr::step_list> = Msg::expected_step_id;
template <>
constexpr Msg kExpected<gr::step_ref> = Msg::expected_step_id;
template <>
constexpr Msg kExpected<gr::step_id> = Msg::expected_step_id;
template <>
constexpr Msg kExpected<gr::condition_step> = Msg::expected_step_id;
template <>
constexpr Msg kExpected<gr::process_id> = Msg::expected_process_id;
template <>
constexpr Msg kExpected<gr::include_path> = Msg::expected_string;
template <>
constexpr Msg kExpected<gr::closing_quote> = Msg::expected_closing_quote;
template <>
constexpr Msg kExpected<gr::cycle_kind> = Msg::expected_cycle_kind;
template <>
constexpr Msg kExpected<gr::text> = Msg::expected_text;
template <>
constexpr Msg kExpected<gr::field_end> = Msg::expected_end_of_line;
template <>
constexpr Msg kExpected<gr::equals> = Msg::expected_equals;
template <>
constexpr Msg kExpected<gr::outcome_name> = Msg::expected_outcome;
template <>
constexpr Msg kExpected<gr::outcome_list> = Msg::expected_outcome_name;
template <>
constexpr Msg kExpected<gr::declared_outcome> = Msg::expected_outcome_name;
template <>
constexpr Msg kExpected<gr::stray_indent> = Msg::unexpected_indent;
template <>
constexpr Msg kExpected<gr::every_rest> = Msg::expected_every;
template <>
constexpr Msg kExpected<gr::kw_from> = Msg::expected_every;
template <>
constexpr Msg kExpected<gr::every_from> = Msg::expected_every;
template <>
constexpr Msg kExpected<gr::if_needed_word> = Msg::expected_if_needed;
template <>
constexpr Msg kExpected<gr::closing_paren> = Msg::expected_closing_paren;
template <>
constexpr Msg kExpected<gr::every_spec> = Msg::expected_every;
template <>
constexpr Msg kExpected<gr::day_count> = Msg::expected_number;
template <>
constexpr Msg kExpected<gr::kw_days> = Msg::expected_days;
template <>
constexpr Msg kExpected<gr::type_name> = Msg::expected_type;
template <>
constexpr Msg kExpected<gr::tag_list> = Msg::expected_tag;
template <>
constexpr Msg kExpected<gr::tag_name> = Msg::expected_tag;
template <>
constexpr Msg kExpected<gr::deadline_date> = Msg::expected_day_month;
template <>
constexpr Msg kExpected<gr::closed_span> = Msg::expected_closed;
template <>
constexpr Msg kExpected<gr::closed_iso_end> = Msg::expected_closed;
template <>
constexpr Msg kExpected<gr::closed_day_end> = Msg::expected_closed;
template <>
constexpr Msg kExpected<gr::shift_kind> = Msg::expected_shift;
template <>
constexpr Msg kExpected<gr::item_id> = Msg::expected_item_id;
template <>
constexpr Msg kExpected<gr::item_ref> = Msg::expected_item_id;
template <>
constexpr Msg kExpected<gr::item_list> = Msg::expected_item_id;
template <>
constexpr Msg kExpected<gr::level_name> = Msg::expected_level;
template <>
constexpr Msg kExpected<gr::direction_name> = Msg::expected_direction;
template <>
constexpr Msg kExpected<gr::decimal> = Msg::expected_decimal;
template <>
constexpr Msg kExpected<gr::tertial_list> = Msg::expected_tertial;
template <>
constexpr Msg kExpected<gr::tertial_ref> = Msg::expected_tertial;
template <>
constexpr Msg kExpected<gr::due_expr> = Msg::expected_when;
template <>
constexpr Msg kExpected<gr::valid_years> = Msg::expected_years;
template <>
constexpr Msg kExpected<gr::valid_last> = Msg::expected_years;
template <>
constexpr Msg kExpected<gr::measure_unit_text> = Msg::expected_measure_unit;

/// What stands at the error: the next word or character, quoted, or the end-of-line token.
template <typename Input>
std::string found_at(const Input& in) {
  std::string_view rest(in.current(), in.size());
  if (rest.empty() || rest.front() == '\n' || rest.front() == '\r') return kEndOfLineArg;
  std::size_t n = 0;
  auto is_word = [](unsigned char c) { return c >= 0x80 || std::isalnum(c) || c == '_'; };
  while (n < rest.size() && n < 40 && is_word(static_cast<unsigned char>(rest[n]))) ++n;
  if (n == 0) {  // one character, whole UTF-8 sequence
    n = 1;
    while (n < rest.size() && (static_cast<unsigned char>(rest[n]) & 0xC0) == 0x80) ++n;
  }
  while (n > 0 && n < rest.size() && (static_cast<unsigned char>(rest[n]) & 0xC0) == 0x80) --n;
  return "'" + std::string(rest.substr(0, n)) + "'";
}

template <typename Rule>
struct control : pg::normal<Rule> {
  template <typename Input, typename... States>
  [[noreturn]] static void raise(const Input& in, States&&... /*unused*/) {
    throw SyntaxError{kExpected<Rule>, found_at(in), here(in)};
  }
};

// --- actions -----------------------------------------------------------------------------

template <typename Rule>
struct action : pg::nothing<Rule> {};

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
struct action<gr::kw_include> {
  template <typename In>
  static void apply(const In&, State& st) {
    st.include_pending = true;
  }
};
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
struct item_kind_action {
  template <typename In>
  static void apply(const In&, State& st) {
    st.pending_kind = K;
  }
};
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
constexpr char kLeadName[] = "LEDTID";
constexpr char kEscalateName[] = "ESKALERING";
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
      st.error(here(in), Msg::field_outside_block, {"stängt", "process/kalender"});
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
    std::string s = in.string();
    int y = to_int(s.substr(0, 4)), m = to_int(s.substr(5, 2)), d = to_int(s.substr(8, 2));
    Date date = std::chrono::year(y) / std::chrono::month(m) / std::chrono::day(d);
    if (!date.ok()) st.error(here(in), Msg::record_bad_date, {s});
    st.dates.push_back({date.ok() ? d : 1, date.ok() ? m : 1, y});
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
constexpr char kCycleName[] = "cykel";
constexpr char kValidName[] = "gäller";
template <>
struct action<gr::kw_cycle> : process_keyword_action<kCycleName> {};
template <>
struct action<gr::kw_valid> : process_keyword_action<kValidName> {};
template <>
struct action<gr::valid_first> {
  template <typename In>
  static void apply(const In& in, State& st) {
    st.numbers.push_back(to_int(in.string()));
  }
};
template <>
struct action<gr::valid_last> : action<gr::valid_first> {};
template <>
struct action<gr::valid_field> {
  template <typename In>
  static void apply(const In& in, State& st) {
    if (st.block != Block::process) return;
    st.file.process->valid = YearRange{st.numbers.front(), st.numbers.back(), here(in)};
  }
};

// NÄR: atoms, occurrences, the whole expression.
template <int N>
struct month_action {
  template <typename In>
  static void apply(const In&, State& st) {
    st.month = N;
  }
};
template <>
struct action<gr::m_jan> : month_action<1> {};
template <>
struct action<gr::m_feb> : month_action<2> {};
template <>
struct action<gr::m_mar> : month_action<3> {};
template <>
struct action<gr::m_apr> : month_action<4> {};
template <>
struct action<gr::m_may> : month_action<5> {};
template <>
struct action<gr::m_jun> : month_action<6> {};
template <>
struct action<gr::m_jul> : month_action<7> {};
template <>
struct action<gr::m_aug> : month_action<8> {};
template <>
struct action<gr::m_sep> : month_action<9> {};
template <>
struct action<gr::m_oct> : month_action<10> {};
template <>
struct action<gr::m_nov> : month_action<11> {};
template <>
struct action<gr::m_dec> : month_action<12> {};

template <>
struct action<gr::unknown_month> {
  template <typename In>
  static void apply(const In& in, State& st) {
    st.month = 0;
    st.mark_broken();
    st.error(here(in), Msg::unknown_month, {in.string()}, closest(in.string(), month_names()));
  }
};
template <>
struct action<gr::day> {
  template <typename In>
  static void apply(const In& in, State& st) {
    st.day = to_int(in.string());
  }
};

void check_day(State& st, const Location& where) {
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
struct action<gr::part_early> {
  template <typename In>
  static void apply(const In&, State& st) {
    st.part = MonthPart::early;
  }
};
template <>
struct action<gr::part_middle> {
  template <typename In>
  static void apply(const In&, State& st) {
    st.part = MonthPart::middle;
  }
};
template <>
struct action<gr::part_late> {
  template <typename In>
  static void apply(const In&, State& st) {
    st.part = MonthPart::late;
  }
};
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
template <>
struct action<gr::week_number> {
  template <typename In>
  static void apply(const In& in, State& st) {
    st.week = to_int(in.string());
  }
};
template <>
struct action<gr::week_last> {
  template <typename In>
  static void apply(const In& in, State& st) {
    st.week_to = to_int(in.string());
  }
};
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
template <>
struct action<gr::quarter> : numbered_atom_action<AtomKind::quarter> {};
template <>
struct action<gr::tertial> : numbered_atom_action<AtomKind::tertial> {};
template <>
struct action<gr::whole_cycle> {
  template <typename In>
  static void apply(const In& in, State& st) {
    st.atoms.push_back({AtomKind::whole_cycle, 0, 0, {}, 0, 0, here(in)});
  }
};
template <>
struct action<gr::every_month> {
  template <typename In>
  static void apply(const In& in, State& st) {
    st.atoms.push_back({AtomKind::every_month, 0, 0, {}, 0, 0, here(in)});
  }
};
template <>
struct action<gr::next_year> {
  template <typename In>
  static void apply(const In&, State& st) {
    st.next_year = true;
  }
};
template <>
struct action<gr::occurrence> {
  template <typename In>
  static void apply(const In& in, State& st) {
    if (st.atoms.empty()) return;
    Occurrence o{st.atoms.front(), std::nullopt, st.next_year, here(in)};
    if (st.atoms.size() > 1) o.to = st.atoms.back();
    st.occurrences.push_back(o);
    st.atoms.clear();
    st.next_year = false;
  }
};
template <>
struct action<gr::when_expr> {
  template <typename In>
  static void apply(const In& in, State& st) {
    st.when = When{std::move(st.occurrences), trim(in.string()), here(in)};
  }
};
template <>
struct action<gr::when_field> {
  template <typename In>
  static void apply(const In&, State& st) {
    st.step().when = st.when;
  }
};
template <>
struct action<gr::due_field> {
  template <typename In>
  static void apply(const In&, State& st) {
    st.item().due = st.when;
  }
};
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

void report(State& st, const SyntaxError& e) {
  if (st.include_pending) st.file.include_broken = true;
  st.include_pending = false;
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

const std::vector<std::string>& month_names() {
  static const std::vector<std::string> kNames = [] {
    std::vector<std::string> names;
    for (const auto& m : kMonths) names.emplace_back(m.sv);
    return names;
  }();
  return kNames;
}

ParseResult parse_rules(std::string_view text, const std::string& path) {
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
