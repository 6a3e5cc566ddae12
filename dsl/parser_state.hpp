#pragma once
// What the parser's actions share: the state of one file being read, syntax errors and the
// message for each rule that must match, and the action template the others specialise.
// Part of the parser: included by dsl/parser.cpp and parser_fields.hpp only (PEGTL's actions
// must all be seen where the grammar is parsed).
#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "dsl/diagnostic.hpp"
#include "dsl/grammar.hpp"
#include "dsl/parser.hpp"
#include "dsl/syntax.hpp"

namespace arshjul::dsl::parsing {

namespace pg = tao::pegtl;
namespace gr = grammar;

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
inline std::string where_words(unsigned where) {
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
  StepSink* sink = nullptr;  // takes each step once read; null after it left one in `file`
  Block block = Block::none;
  StepSyntax scratch_step;  // receives fields when no step is open, so actions need no checks
  ItemSyntax scratch_item;  // the same for goals, activities and measures
  ItemKind pending_kind = ItemKind::goal;  // the kind of the item header being read
  /// The fields the open step or item has had, by name (a few per block: a linear search).
  struct SeenFields {
    std::vector<std::string_view> names;
    /// False when `name` was there already.
    bool insert(std::string_view name) {
      if (std::find(names.begin(), names.end(), name) != names.end()) return false;
      names.push_back(name);
      return true;
    }
    void clear() { names.clear(); }
  } seen_fields;

  unsigned line_indent = 0;
  bool line_indent_tabs = false;  // the line's indent has a tab
  bool in_what = false;
  unsigned what_indent = 0;
  bool what_indent_tabs = false;  // the VAD line's indent has a tab
  unsigned what_line = 0;         // the VAD line
  bool include_pending = false;   // an include header whose path is not read yet
  // which day count (LEDTID or ESKALERING) the number on this line sets
  std::optional<int> ProcessSyntax::*process_days = &ProcessSyntax::lead_days;
  std::optional<int> StepSyntax::*step_days = &StepSyntax::lead_days;

  // per-line scratch
  int day = 0, month = 0, week = 0, week_to = 0;
  MonthPart part = MonthPart::early;
  bool next_year = false;
  int clock_from = -1, clock_to = -1;  // minutes after midnight, -1 when not given
  int weekday = 0, ordinal = 0, month_from = 0, month_to = 0;  // of weekday rhythms
  std::optional<TimeOfDay> time;                               // of the occurrence being read
  // of terms and anchored days: ht/vt (0 neither, 1 vt, 2 ht), what a day counts from
  int term = 0, offset = 0, offset_count = 0, offset_weekday = 0, direction = 1, holiday = 0;
  int wd_from = 0, wd_to = 0;
  Anchor anchor = Anchor::none;
  std::string anchor_name, label;  // a holiday or step counted from; a lov's name
  Location anchor_where;
  std::string_view span_text;  // the occurrence as written, for messages (in the file's text)
  std::vector<Atom> atoms;
  std::vector<Occurrence> occurrences;
  std::vector<Name> names;
  std::vector<LinkSyntax> links;     // EFTER's links, and the one being read:
  std::optional<Name> link_process;  // `budget.` before its step
  bool link_previous = false;        // `förra cykeln` after it
  std::vector<RoleRefSyntax> role_refs;
  std::vector<int> numbers;
  UnitFilter filter;  // ENHETER or `stängt ... för`
  std::string text, quoted;
  When when;
  Name condition_step;

  bool continues_what() const { return in_what && line_indent > what_indent; }
  /// This line after a VAD is indented with tabs where the VAD line has spaces or the other
  /// way round: a tab counts as one character, so what looks deeper may not continue the VAD.
  bool indent_mixed_with_what() const {
    return in_what && line_indent > 0 && line_indent_tabs != what_indent_tabs;
  }
  // Role headers take no indented lines; a broken block swallows its lines silently.
  bool outside_block() const { return block == Block::none || block == Block::role; }
  std::vector<std::array<int, 3>> dates;  // per line: day, month, year (0 = every year)

  bool line_explained = false;  // an error said what is wrong with the line: no syntax error

  void begin_line() {
    line_explained = false;
    line_indent = 0;
    line_indent_tabs = false;
    day = month = week = week_to = 0;
    term = wd_to = 0;
    anchor = Anchor::none;
    label.clear();
    next_year = false;
    time.reset();
    atoms.clear();
    occurrences.clear();
    names.clear();
    links.clear();
    link_process.reset();
    link_previous = false;
    role_refs.clear();
    numbers.clear();
    filter.clear();
    dates.clear();
    text.clear();
  }

  StepSyntax& step() { return block == Block::step ? file.steps.back() : scratch_step; }
  /// Hands the last step read to the sink (a step takes no more fields once another begins).
  void hand_over_step() {
    if (!sink || file.steps.empty()) return;
    if (sink->take(file, file.steps.back()))
      file.steps.pop_back();
    else
      sink = nullptr;  // this step and the later ones stay, in their order
  }
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

  void warn(Location where, Msg msg, std::vector<std::string> args = {}) {
    Diagnostic d{std::move(where), msg, std::move(args), std::nullopt};
    d.warning = true;
    diagnostics.push_back(std::move(d));
  }
  void error(Location where, Msg msg, std::vector<std::string> args = {},
             std::optional<std::string> suggestion = std::nullopt) {
    diagnostics.push_back({std::move(where), msg, std::move(args), std::move(suggestion)});
  }
};

/// Where `in` (an action's input, or the input itself) stands: its line and column as the
/// input counts them, its file as the input names it (a FileName: nothing is copied).
template <typename Input>
Location here(const Input& in) {
  const auto& it = in.iterator();
  if constexpr (requires { in.input(); })
    return {in.input().source(), static_cast<unsigned>(it.line), static_cast<unsigned>(it.column)};
  else
    return {in.source(), static_cast<unsigned>(it.line), static_cast<unsigned>(it.column)};
}

inline int to_int(std::string_view s) {
  int v = 0;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  return ec == std::errc() ? v : 1'000'000;  // absurd on overflow, so range checks report it
}

/// Year, month and day of `2026-10-05` (as the grammar's ISO dates match it), or nothing
/// when that day does not exist.
inline std::optional<std::array<int, 3>> iso_day(std::string_view s) {
  int y = to_int(s.substr(0, 4)), m = to_int(s.substr(5, 2)), d = to_int(s.substr(8, 2));
  Date date = std::chrono::year(y) / std::chrono::month(m) / std::chrono::day(d);
  if (!date.ok()) return std::nullopt;
  return std::array{y, m, d};
}

/// `s` without the blanks around it.
inline std::string_view trim_view(std::string_view s) {
  auto b = s.find_first_not_of(" \t");
  auto e = s.find_last_not_of(" \t");
  return b == std::string_view::npos ? std::string_view() : s.substr(b, e - b + 1);
}
inline std::string trim(std::string_view s) {
  return std::string(trim_view(s));
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
constexpr Msg kExpected<gr::clock_start> = Msg::expected_time;
template <>
constexpr Msg kExpected<gr::url> = Msg::expected_url;
template <>
constexpr Msg kExpected<gr::kw_in> = Msg::expected_in;
template <>
constexpr Msg kExpected<gr::nth_month> = Msg::expected_in;
template <>
constexpr Msg kExpected<gr::every_kind> = Msg::expected_every_what;
template <>
constexpr Msg kExpected<gr::cycle_start_month> = Msg::expected_month;
template <>
constexpr Msg kExpected<gr::range_end_month> = Msg::expected_month;
template <>
constexpr Msg kExpected<gr::eo_week_word> = Msg::expected_every_other;
template <>
constexpr Msg kExpected<gr::eo_from> = Msg::expected_every_other;
template <>
constexpr Msg kExpected<gr::eo_week> = Msg::expected_every_other;
template <>
constexpr Msg kExpected<gr::every_other_from> = Msg::expected_every_other;
template <>
constexpr Msg kExpected<gr::clock_end> = Msg::expected_time;
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
constexpr Msg kExpected<gr::after_ref> = Msg::expected_step_id;
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
constexpr Msg kExpected<gr::unit_filter> = Msg::expected_unit_filter;
template <>
constexpr Msg kExpected<gr::unit_condition> = Msg::expected_unit_filter;
template <>
constexpr Msg kExpected<gr::unit_equals> = Msg::expected_unit_filter;
template <>
constexpr Msg kExpected<gr::unit_value> = Msg::expected_unit_filter;
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

template <>
constexpr Msg kExpected<gr::term_kind> = Msg::expected_term;
template <>
constexpr Msg kExpected<gr::term_year> = Msg::expected_term;
template <>
constexpr Msg kExpected<gr::term_first> = Msg::expected_term;
template <>
constexpr Msg kExpected<gr::term_dash> = Msg::expected_term;
template <>
constexpr Msg kExpected<gr::term_last> = Msg::expected_term;
template <>
constexpr Msg kExpected<gr::lov_span> = Msg::expected_lov;
template <>
constexpr Msg kExpected<gr::lov_week> = Msg::expected_lov;
template <>
constexpr Msg kExpected<gr::lov_week_first> = Msg::expected_lov;
template <>
constexpr Msg kExpected<gr::lov_week_last> = Msg::expected_lov;
template <>
constexpr Msg kExpected<gr::lov_last> = Msg::expected_lov;
template <>
constexpr Msg kExpected<gr::direction> = Msg::expected_before_after;
template <>
constexpr Msg kExpected<gr::anchor> = Msg::expected_anchor;
template <>
constexpr Msg kExpected<gr::week_day_last> = Msg::expected_day_week;
template <>
constexpr Msg kExpected<gr::day_week> = Msg::expected_day_week;
template <>
constexpr Msg kExpected<gr::each_term> = Msg::expected_before_each_term;

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

/// A number on the line (years of gäller and VART), for the field's action to take.
struct number_action {
  template <typename In>
  static void apply(const In& in, State& st) {
    st.numbers.push_back(to_int(in.string()));
  }
};

/// Moves what the line collected (`From`, a member of State) into a field (`To`) of the open
/// step, or of the open item (the next line collects anew).
template <auto To, auto From>
struct step_field_action {
  template <typename In>
  static void apply(const In& /*unused*/, State& st) {
    st.step().*To = std::move(st.*From);
  }
};
template <auto To, auto From>
struct item_field_action {
  template <typename In>
  static void apply(const In& /*unused*/, State& st) {
    st.item().*To = std::move(st.*From);
  }
};

/// Stores the matched word, with where it stands, in a member `To` of what `Owner` returns
/// (&State::step: the open step, &State::item: the open item), or of the state itself.
template <auto To, auto Owner = nullptr>
struct name_to_action {
  template <typename In>
  static void apply(const In& in, State& st) {
    Name name{in.string(), here(in)};
    if constexpr (Owner == nullptr)
      st.*To = std::move(name);
    else
      (st.*Owner)().*To = std::move(name);
  }
};
template <auto To>
using step_name_action = name_to_action<To, &State::step>;
template <auto To>
using item_name_action = name_to_action<To, &State::item>;

/// Sets a member of the state, or of the file being read, to a value the rule stands for (a
/// flag by default).
template <auto Member, auto Value = true>
struct set_action {
  template <typename In>
  static void apply(const In& /*unused*/, State& st) {
    if constexpr (requires { st.file.*Member; })
      st.file.*Member = Value;
    else
      st.*Member = Value;
  }
};

/// Stores the matched text, converted (`to_int` by default, `clock_minutes`, `as_text`), in a
/// member of the state, or of what `Owner` returns (&State::step: the open step).
inline std::string as_text(std::string_view s) {
  return std::string(s);
}
template <auto Member, auto Convert = &to_int, auto Owner = nullptr>
struct store_action {
  template <typename In>
  static void apply(const In& in, State& st) {
    if constexpr (Owner == nullptr)
      st.*Member = Convert(in.string());
    else
      (st.*Owner)().*Member = Convert(in.string());
  }
};

/// A form that is one atom of kind `K` without numbers (`under året`, `varje vecka`, `inför
/// varje termin`), or with the number the line read into `Number` (`ht`: State::term).
template <AtomKind K, int State::*Number = nullptr>
struct word_atom_action {
  template <typename In>
  static void apply(const In& in, State& st) {
    int number = 0;
    if constexpr (Number != nullptr) number = st.*Number;
    st.atoms.push_back({K, 0, 0, {}, number, 0, here(in)});
    st.span_text = trim_view(in.string_view());
  }
};

/// Copies one member of the state to another: the month or weekday just read to where the
/// form keeps it (`varje måndag september–december`, `tisdag–torsdag`).
template <auto To, auto From>
struct copy_action {
  template <typename In>
  static void apply(const In& /*unused*/, State& st) {
    st.*To = st.*From;
  }
};

}  // namespace arshjul::dsl::parsing
