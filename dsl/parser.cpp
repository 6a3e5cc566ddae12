#include "dsl/parser.hpp"

#include <array>
#include <cctype>
#include <charconv>
#include <set>

#include "dsl/grammar.hpp"
#include "dsl/text.hpp"

namespace arshjul::dsl {
namespace pg = tao::pegtl;
namespace gr = grammar;

namespace {

enum class Block { none, process, role, step, calendar, broken };

constexpr std::array<int, 13> kMaxDays{0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

/// Everything the actions fill in while one file is read. Per-line scratch values are
/// cleared at the start of each line so a line with an error leaves nothing half-built.
struct State {
  FileSyntax file;
  std::vector<Diagnostic> diagnostics;
  Block block = Block::none;
  StepSyntax scratch_step;  // receives fields when no step is open, so actions need no checks
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

template <typename Rule> constexpr Msg kExpected = Msg::expected_next_line;
template <> constexpr Msg kExpected<gr::header> = Msg::expected_block;
template <> constexpr Msg kExpected<gr::field> = Msg::expected_field;
template <> constexpr Msg kExpected<gr::when_expr> = Msg::expected_when;
template <> constexpr Msg kExpected<gr::occurrence> = Msg::expected_when;
template <> constexpr Msg kExpected<gr::range_end> = Msg::expected_when;
template <> constexpr Msg kExpected<gr::when_end> = Msg::expected_when_end;
template <> constexpr Msg kExpected<gr::month_name> = Msg::expected_month;
template <> constexpr Msg kExpected<gr::week_number> = Msg::expected_week;
template <> constexpr Msg kExpected<gr::role_list> = Msg::expected_role;
template <> constexpr Msg kExpected<gr::role_ref> = Msg::expected_role;
template <> constexpr Msg kExpected<gr::role_name> = Msg::expected_role;
template <> constexpr Msg kExpected<gr::alias_list> = Msg::expected_role;
template <> constexpr Msg kExpected<gr::alias_name> = Msg::expected_role;
template <> constexpr Msg kExpected<gr::reports_to_name> = Msg::expected_role;
template <> constexpr Msg kExpected<gr::role_end> = Msg::expected_role_end;
template <> constexpr Msg kExpected<gr::step_list> = Msg::expected_step_id;
template <> constexpr Msg kExpected<gr::step_ref> = Msg::expected_step_id;
template <> constexpr Msg kExpected<gr::step_id> = Msg::expected_step_id;
template <> constexpr Msg kExpected<gr::condition_step> = Msg::expected_step_id;
template <> constexpr Msg kExpected<gr::process_id> = Msg::expected_process_id;
template <> constexpr Msg kExpected<gr::include_path> = Msg::expected_string;
template <> constexpr Msg kExpected<gr::closing_quote> = Msg::expected_closing_quote;
template <> constexpr Msg kExpected<gr::cycle_kind> = Msg::expected_cycle_kind;
template <> constexpr Msg kExpected<gr::text> = Msg::expected_text;
template <> constexpr Msg kExpected<gr::field_end> = Msg::expected_end_of_line;
template <> constexpr Msg kExpected<gr::equals> = Msg::expected_equals;
template <> constexpr Msg kExpected<gr::outcome_name> = Msg::expected_outcome;
template <> constexpr Msg kExpected<gr::outcome_list> = Msg::expected_outcome_name;
template <> constexpr Msg kExpected<gr::declared_outcome> = Msg::expected_outcome_name;
template <> constexpr Msg kExpected<gr::stray_indent> = Msg::unexpected_indent;
template <> constexpr Msg kExpected<gr::every_rest> = Msg::expected_every;
template <> constexpr Msg kExpected<gr::kw_from> = Msg::expected_every;
template <> constexpr Msg kExpected<gr::every_from> = Msg::expected_every;
template <> constexpr Msg kExpected<gr::if_needed_word> = Msg::expected_if_needed;
template <> constexpr Msg kExpected<gr::closing_paren> = Msg::expected_closing_paren;
template <> constexpr Msg kExpected<gr::every_spec> = Msg::expected_every;
template <> constexpr Msg kExpected<gr::day_count> = Msg::expected_number;
template <> constexpr Msg kExpected<gr::kw_days> = Msg::expected_days;
template <> constexpr Msg kExpected<gr::type_name> = Msg::expected_type;
template <> constexpr Msg kExpected<gr::tag_list> = Msg::expected_tag;
template <> constexpr Msg kExpected<gr::tag_name> = Msg::expected_tag;
template <> constexpr Msg kExpected<gr::deadline_date> = Msg::expected_day_month;
template <> constexpr Msg kExpected<gr::closed_span> = Msg::expected_closed;
template <> constexpr Msg kExpected<gr::closed_iso_end> = Msg::expected_closed;
template <> constexpr Msg kExpected<gr::closed_day_end> = Msg::expected_closed;
template <> constexpr Msg kExpected<gr::shift_kind> = Msg::expected_shift;

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

template <> struct action<gr::indent> {
  template <typename In> static void apply(const In& in, State& st) {
    st.line_indent = static_cast<unsigned>(in.size());
  }
};

// Headers open a block.
template <> struct action<gr::process_id> {
  template <typename In> static void apply(const In& in, State& st) {
    st.in_what = false;
    if (st.file.process) {
      st.error(here(in), Msg::second_process, {st.file.process->id.text});
      st.block = Block::broken;
      return;
    }
    st.file.process = ProcessSyntax{{in.string(), here(in)}, {}, CycleKind::calendar_year, {}, {}};
    st.block = Block::process;
  }
};
template <> struct action<gr::kw_include> {
  template <typename In> static void apply(const In&, State& st) { st.include_pending = true; }
};
template <> struct action<gr::kw_process> {
  template <typename In> static void apply(const In&, State& st) { st.file.process_header_seen = true; }
};
template <> struct action<gr::quoted_body> {
  template <typename In> static void apply(const In& in, State& st) { st.quoted = in.string(); }
};
template <> struct action<gr::process_title> {
  template <typename In> static void apply(const In&, State& st) {
    if (st.block == Block::process) st.file.process->title = st.quoted;
  }
};
template <> struct action<gr::role_name> {
  template <typename In> static void apply(const In& in, State& st) {
    st.in_what = false;
    st.file.roles.push_back({{in.string(), here(in)}, false, {}, {}});
    st.block = Block::role;
  }
};
template <> struct action<gr::per_unit> {
  template <typename In> static void apply(const In&, State& st) { st.file.roles.back().per_unit = true; }
};
template <> struct action<gr::alias_name> {
  template <typename In> static void apply(const In& in, State& st) {
    st.file.roles.back().aliases.push_back({in.string(), here(in)});
  }
};
template <> struct action<gr::reports_to_name> {
  template <typename In> static void apply(const In& in, State& st) {
    st.file.roles.back().reports_to = Name{in.string(), here(in)};
  }
};
template <> struct action<gr::step_id> {
  template <typename In> static void apply(const In& in, State& st) {
    st.in_what = false;
    st.file.steps.push_back({});
    st.file.steps.back().id = {in.string(), here(in)};
    st.block = Block::step;
    st.seen_fields.clear();
  }
};
template <> struct action<gr::include_path> {
  template <typename In> static void apply(const In& in, State& st) {
    st.in_what = false;
    st.file.includes.push_back({st.quoted, here(in)});
    st.include_pending = false;
    st.block = Block::none;
  }
};

/// Field keywords: check the field is in a step (or process) and given once.
template <typename Keyword> struct FieldKeyword;
template <> struct FieldKeyword<gr::kw_when> { static constexpr const char* kName = "NÄR"; };
template <> struct FieldKeyword<gr::kw_who> { static constexpr const char* kName = "VEM"; };
template <> struct FieldKeyword<gr::kw_what> { static constexpr const char* kName = "VAD"; };
template <> struct FieldKeyword<gr::kw_after> { static constexpr const char* kName = "EFTER"; };
template <> struct FieldKeyword<gr::kw_deadline> { static constexpr const char* kName = "SENAST"; };
template <> struct FieldKeyword<gr::kw_type> { static constexpr const char* kName = "TYP"; };
template <> struct FieldKeyword<gr::kw_tag> { static constexpr const char* kName = "TAGG"; };
template <> struct FieldKeyword<gr::kw_if> { static constexpr const char* kName = "OM"; };
template <> struct FieldKeyword<gr::kw_every> { static constexpr const char* kName = "VART"; };
template <> struct FieldKeyword<gr::kw_outcomes> { static constexpr const char* kName = "UTFALL"; };

template <typename Keyword>
struct field_keyword_action {
  template <typename In> static void apply(const In& in, State& st) {
    st.in_what = false;
    const std::string name = FieldKeyword<Keyword>::kName;
    if (st.block == Block::broken) return;
    if (st.block != Block::step) {
      st.error(here(in), Msg::field_outside_block, {name, "steg"});
      st.block = Block::broken;
      return;
    }
    if (!st.seen_fields.insert(name).second)
      st.error(here(in), Msg::duplicate_field, {name, st.step().id.text});
  }
};
template <> struct action<gr::kw_when> : field_keyword_action<gr::kw_when> {};
template <> struct action<gr::kw_who> : field_keyword_action<gr::kw_who> {};
template <> struct action<gr::kw_what> : field_keyword_action<gr::kw_what> {};
template <> struct action<gr::kw_after> : field_keyword_action<gr::kw_after> {};
template <> struct action<gr::kw_deadline> : field_keyword_action<gr::kw_deadline> {};
template <> struct action<gr::kw_type> : field_keyword_action<gr::kw_type> {};
template <> struct action<gr::kw_tag> : field_keyword_action<gr::kw_tag> {};
template <> struct action<gr::kw_if> : field_keyword_action<gr::kw_if> {};
template <> struct action<gr::kw_every> : field_keyword_action<gr::kw_every> {};
template <> struct action<gr::kw_outcomes> : field_keyword_action<gr::kw_outcomes> {};

// LEDTID, ESKALERING and cykel may also stand under the process.
template <const char* Name, std::optional<int> ProcessSyntax::*ProcessField,
          std::optional<int> StepSyntax::*StepField>
struct day_count_keyword_action {
  template <typename In> static void apply(const In& in, State& st) {
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
template <> struct action<gr::kw_lead>
    : day_count_keyword_action<kLeadName, &ProcessSyntax::lead_days, &StepSyntax::lead_days> {};
template <> struct action<gr::kw_escalate>
    : day_count_keyword_action<kEscalateName, &ProcessSyntax::escalate_days, &StepSyntax::escalate_days> {};
template <> struct action<gr::kw_calendar> {
  template <typename In> static void apply(const In&, State& st) {
    st.in_what = false;
    st.block = Block::calendar;
  }
};
template <> struct action<gr::kw_closed> {
  template <typename In> static void apply(const In& in, State& st) {
    st.in_what = false;
    if (st.block != Block::process && st.block != Block::calendar && st.block != Block::broken) {
      st.error(here(in), Msg::field_outside_block, {"stängt", "process/kalender"});
      if (st.block != Block::step) st.block = Block::broken;  // a step keeps its other fields
    }
  }
};
template <> struct action<gr::kw_shift> {
  template <typename In> static void apply(const In& in, State& st) {
    st.in_what = false;
    if (st.block == Block::step && !st.seen_fields.insert("FLYTTA").second)
      st.error(here(in), Msg::duplicate_field, {"FLYTTA", st.step().id.text});
    if (st.block == Block::none || st.block == Block::role) {
      st.error(here(in), Msg::field_outside_block, {"FLYTTA", "steg/process/kalender"});
      st.block = Block::broken;
    }
  }
};
template <Shift S> struct shift_action {
  template <typename In> static void apply(const In&, State& st) {
    if (st.block == Block::step) st.step().shift = S;
    else if (st.block == Block::process || st.block == Block::calendar) st.file.shift = S;
  }
};
template <> struct action<gr::shift_before> : shift_action<Shift::before> {};
template <> struct action<gr::shift_after> : shift_action<Shift::after> {};
template <> struct action<gr::shift_never> : shift_action<Shift::never> {};
template <> struct action<gr::closed_day> {
  template <typename In> static void apply(const In& in, State& st) {
    check_day(st, here(in));
    st.dates.push_back({st.day, st.month, 0});
  }
};
template <> struct action<gr::iso_date> {
  template <typename In> static void apply(const In& in, State& st) {
    std::string s = in.string();
    int y = to_int(s.substr(0, 4)), m = to_int(s.substr(5, 2)), d = to_int(s.substr(8, 2));
    Date date = std::chrono::year(y) / std::chrono::month(m) / std::chrono::day(d);
    if (!date.ok()) st.error(here(in), Msg::record_bad_date, {s});
    st.dates.push_back({date.ok() ? d : 1, date.ok() ? m : 1, y});
  }
};
template <> struct action<gr::closed_field> {
  template <typename In> static void apply(const In& in, State& st) {
    if ((st.block != Block::process && st.block != Block::calendar) || st.dates.empty()) return;
    auto from = st.dates.front(), to = st.dates.back();
    if (from[1] == 0 || to[1] == 0) return;  // an unknown month, reported already
    ClosedPeriod c{from[1], from[0], to[1], to[0], std::nullopt, here(in)};
    if (from[2]) c.year = from[2];
    st.file.closed.push_back(c);
  }
};
template <> struct action<gr::kw_cycle> {
  template <typename In> static void apply(const In& in, State& st) {
    st.in_what = false;
    if (st.block != Block::process && st.block != Block::broken) {
      st.error(here(in), Msg::field_outside_block, {"cykel", "process"});
      if (st.block != Block::step) st.block = Block::broken;  // a step keeps its other fields
    }
  }
};

// NÄR: atoms, occurrences, the whole expression.
template <int N> struct month_action {
  template <typename In> static void apply(const In&, State& st) { st.month = N; }
};
template <> struct action<gr::m_jan> : month_action<1> {};
template <> struct action<gr::m_feb> : month_action<2> {};
template <> struct action<gr::m_mar> : month_action<3> {};
template <> struct action<gr::m_apr> : month_action<4> {};
template <> struct action<gr::m_may> : month_action<5> {};
template <> struct action<gr::m_jun> : month_action<6> {};
template <> struct action<gr::m_jul> : month_action<7> {};
template <> struct action<gr::m_aug> : month_action<8> {};
template <> struct action<gr::m_sep> : month_action<9> {};
template <> struct action<gr::m_oct> : month_action<10> {};
template <> struct action<gr::m_nov> : month_action<11> {};
template <> struct action<gr::m_dec> : month_action<12> {};

template <> struct action<gr::unknown_month> {
  template <typename In> static void apply(const In& in, State& st) {
    st.month = 0;
    st.step().broken = true;
    st.error(here(in), Msg::unknown_month, {in.string()}, closest(in.string(), month_names()));
  }
};
template <> struct action<gr::day> {
  template <typename In> static void apply(const In& in, State& st) { st.day = to_int(in.string()); }
};

void check_day(State& st, const Location& where) {
  if (st.month == 0) return;
  if (st.day < 1 || st.day > kMaxDays[st.month]) {
    st.error(where, Msg::day_not_in_month,
             {std::to_string(st.day), month_names()[st.month - 1], std::to_string(kMaxDays[st.month])});
    st.step().broken = true;
  }
}

template <> struct action<gr::day_month> {
  template <typename In> static void apply(const In& in, State& st) {
    check_day(st, here(in));
    Atom a{AtomKind::day_month, st.month, st.day, {}, 0, 0, here(in)};
    st.atoms.push_back(a);
  }
};
template <> struct action<gr::part_early> {
  template <typename In> static void apply(const In&, State& st) { st.part = MonthPart::early; }
};
template <> struct action<gr::part_middle> {
  template <typename In> static void apply(const In&, State& st) { st.part = MonthPart::middle; }
};
template <> struct action<gr::part_late> {
  template <typename In> static void apply(const In&, State& st) { st.part = MonthPart::late; }
};
template <> struct action<gr::part_of_month> {
  template <typename In> static void apply(const In& in, State& st) {
    st.atoms.push_back({AtomKind::part_of_month, st.month, 0, st.part, 0, 0, here(in)});
  }
};
template <> struct action<gr::month_atom> {
  template <typename In> static void apply(const In& in, State& st) {
    st.atoms.push_back({AtomKind::month, st.month, 0, {}, 0, 0, here(in)});
  }
};
template <> struct action<gr::kw_week> {
  template <typename In> static void apply(const In&, State& st) { st.week_to = 0; }
};
template <> struct action<gr::week_number> {
  template <typename In> static void apply(const In& in, State& st) { st.week = to_int(in.string()); }
};
template <> struct action<gr::week_last> {
  template <typename In> static void apply(const In& in, State& st) {
    st.week_to = to_int(in.string());
  }
};
template <> struct action<gr::week_atom> {
  template <typename In> static void apply(const In& in, State& st) {
    std::vector<int> weeks{st.week};
    if (st.week_to != 0 || in.string().find_first_of("-–—") != std::string::npos) weeks.push_back(st.week_to);
    for (int w : weeks) {
      if (w < 1 || w > 53) {
        st.error(here(in), Msg::week_out_of_range, {std::to_string(w)});
        st.step().broken = true;
      }
    }
    st.atoms.push_back({AtomKind::week, 0, 0, {}, st.week, st.week_to, here(in)});
  }
};
template <AtomKind K> struct numbered_atom_action {
  template <typename In> static void apply(const In& in, State& st) {
    st.atoms.push_back({K, 0, 0, {}, in.string()[1] - '0', 0, here(in)});
  }
};
template <> struct action<gr::quarter> : numbered_atom_action<AtomKind::quarter> {};
template <> struct action<gr::tertial> : numbered_atom_action<AtomKind::tertial> {};
template <> struct action<gr::whole_cycle> {
  template <typename In> static void apply(const In& in, State& st) {
    st.atoms.push_back({AtomKind::whole_cycle, 0, 0, {}, 0, 0, here(in)});
  }
};
template <> struct action<gr::every_month> {
  template <typename In> static void apply(const In& in, State& st) {
    st.atoms.push_back({AtomKind::every_month, 0, 0, {}, 0, 0, here(in)});
  }
};
template <> struct action<gr::next_year> {
  template <typename In> static void apply(const In&, State& st) { st.next_year = true; }
};
template <> struct action<gr::occurrence> {
  template <typename In> static void apply(const In& in, State& st) {
    if (st.atoms.empty()) return;
    Occurrence o{st.atoms.front(), std::nullopt, st.next_year, here(in)};
    if (st.atoms.size() > 1) o.to = st.atoms.back();
    st.occurrences.push_back(o);
    st.atoms.clear();
    st.next_year = false;
  }
};
template <> struct action<gr::when_expr> {
  template <typename In> static void apply(const In& in, State& st) {
    st.step().when = When{std::move(st.occurrences), trim(in.string()), here(in)};
  }
};
template <> struct action<gr::deadline_date> {
  template <typename In> static void apply(const In& in, State& st) {
    check_day(st, here(in));
    st.step().deadline = DayMonth{st.day, st.month, st.next_year, here(in)};
  }
};

// VEM, EFTER and the other lists.
template <> struct action<gr::role_ref_name> {
  template <typename In> static void apply(const In& in, State& st) {
    st.role_refs.push_back({{in.string(), here(in)}, false});
  }
};
template <> struct action<gr::if_needed> {
  template <typename In> static void apply(const In&, State& st) { st.role_refs.back().if_needed = true; }
};
template <> struct action<gr::who_field> {
  template <typename In> static void apply(const In&, State& st) { st.step().who = st.role_refs; }
};
template <typename Rule> struct name_action {
  template <typename In> static void apply(const In& in, State& st) {
    st.names.push_back({in.string(), here(in)});
  }
};
template <> struct action<gr::step_ref> : name_action<gr::step_ref> {};
template <> struct action<gr::tag_name> : name_action<gr::tag_name> {};
template <> struct action<gr::outcome_name> : name_action<gr::outcome_name> {};
template <> struct action<gr::declared_outcome> : name_action<gr::declared_outcome> {};
template <> struct action<gr::after_field> {
  template <typename In> static void apply(const In&, State& st) { st.step().after = st.names; }
};
template <> struct action<gr::tag_field> {
  template <typename In> static void apply(const In&, State& st) { st.step().tags = st.names; }
};
template <> struct action<gr::outcomes_field> {
  template <typename In> static void apply(const In&, State& st) { st.step().outcomes = st.names; }
};
template <> struct action<gr::type_name> {
  template <typename In> static void apply(const In& in, State& st) {
    st.step().type = Name{in.string(), here(in)};
  }
};
template <> struct action<gr::condition_step> {
  template <typename In> static void apply(const In& in, State& st) {
    st.condition_step = {in.string(), here(in)};
  }
};
template <> struct action<gr::if_field> {
  template <typename In> static void apply(const In&, State& st) {
    st.step().condition = ConditionSyntax{st.condition_step, st.names.back()};
  }
};
template <> struct action<gr::every_years> {
  template <typename In> static void apply(const In& in, State& st) {
    st.numbers.push_back(to_int(in.string()));
  }
};
template <> struct action<gr::every_from> : action<gr::every_years> {};
template <> struct action<gr::every_spec> {
  template <typename In> static void apply(const In& in, State& st) {
    if (st.numbers[0] < 1) {
      st.error(here(in), Msg::every_zero);
      st.step().broken = true;
    }
    st.step().every = EverySyntax{st.numbers[0], st.numbers[1], here(in)};
  }
};
template <> struct action<gr::day_count> {
  template <typename In> static void apply(const In& in, State& st) {
    int days = to_int(in.string());
    if (st.block == Block::process) (*st.file.process).*st.process_days = days;
    else st.step().*st.step_days = days;
  }
};
template <> struct action<gr::kw_calendar_year> {
  template <typename In> static void apply(const In&, State& st) {
    if (st.block == Block::process) st.file.process->cycle = CycleKind::calendar_year;
  }
};
template <> struct action<gr::kw_school_year> {
  template <typename In> static void apply(const In&, State& st) {
    if (st.block == Block::process) st.file.process->cycle = CycleKind::school_year;
  }
};

// VAD and its continuation lines.
template <> struct action<gr::text> {
  template <typename In> static void apply(const In& in, State& st) { st.text = trim(in.string()); }
};
template <> struct action<gr::what_field> {
  template <typename In> static void apply(const In&, State& st) {
    st.step().what = st.text;
    st.in_what = st.block == Block::step;
    st.what_indent = st.line_indent;
  }
};
template <> struct action<gr::continuation> {
  template <typename In> static void apply(const In&, State& st) {
    if (!st.text.empty()) *st.step().what += " " + st.text;
  }
};

void report(State& st, const SyntaxError& e) {
  if (st.include_pending) st.file.include_broken = true;
  st.include_pending = false;
  st.error(e.where, e.msg, {e.found});
  if (st.line_indent == 0) {
    st.step().broken = true;  // the line may have been one of its fields, written unindented
    st.block = Block::broken;  // a broken header: its fields must not land in the block above
    st.in_what = false;
  } else {
    st.step().broken = true;
  }
}

}  // namespace

const std::vector<std::string>& month_names() {
  static const std::vector<std::string> kNames{"januari", "februari", "mars",      "april",
                                               "maj",     "juni",     "juli",      "augusti",
                                               "september", "oktober", "november", "december"};
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
