#include "dsl/source.hpp"

#include <fmt/format.h>

#include <array>
#include <string_view>

#include "dsl/months.hpp"
#include "dsl/schedule.hpp"
#include "dsl/text.hpp"

namespace arshjul::dsl {
namespace {

// The rule language's English keywords for the values the model keeps as enums: parsed,
// like the Swedish ones, by dsl/grammar.hpp.
constexpr std::array<std::string_view, 8> kTypes{"",         "meeting", "decision",    "report",
                                                 "activity", "event",   "information", "theme"};
constexpr std::array<std::string_view, 3> kLevels{"board", "administration", "unit"};
constexpr std::array<std::string_view, 2> kDirections{"higher", "lower"};
constexpr std::array<std::string_view, 3> kShifts{"before", "after", "never"};

std::string_view month(int m) {
  return month_name(static_cast<unsigned>(m), Lang::en);
}

/// A text field's value: a '#' would start a comment, so it is escaped.
std::string text(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '#') out += '\\';
    out += c;
  }
  return out;
}

std::string quoted(const std::string& title) {
  return title.empty() ? std::string() : " \"" + title + "\"";
}

std::string who(const Process& p, const std::vector<RoleRef>& refs) {
  return join(refs, ", ", [&](const RoleRef& r) {
    return p.roles[r.role].name + (r.if_needed ? " (if needed)" : "");
  });
}

void field(std::string& out, std::string_view key, const std::string& value) {
  if (!value.empty()) out += fmt::format("  {:<11} {}\n", key, value);
}

std::string days(const std::optional<int>& n) {
  return n ? fmt::format("{} days", *n) : std::string();
}

std::string cycle(CycleKind kind) {
  if (kind == CycleKind::calendar_year) return "calendar-year";
  if (kind == CycleKind::school_year) return "school-year";
  return fmt::format("from {}", month(start_month(kind)));
}

std::string closed(const ClosedPeriod& c) {
  if (c.year) {
    // A period across the new year (`jullov 2026-12-23 - 2027-01-08`) ends the year after.
    const bool wraps = std::pair(c.to_month, c.to_day) < std::pair(c.from_month, c.from_day);
    return fmt::format("{:04}-{:02}-{:02} - {:04}-{:02}-{:02}", *c.year, c.from_month, c.from_day,
                       *c.year + (wraps ? 1 : 0), c.to_month, c.to_day);
  }
  return fmt::format("{} {} - {} {}", c.from_day, month(c.from_month), c.to_day, month(c.to_month));
}

/// The kalender's terms and closed days: a lov keeps its name (`show` names it), so the
/// stored text compiles to the same calendar and term-relative NÄR still finds its terms.
void write_calendar(std::string& out, const Process& p) {
  for (const auto& t : p.terms)
    field(out, "term",
          fmt::format("{} {} {} - {}", t.autumn ? "ht" : "vt", t.year, iso(t.start), iso(t.end)));
  for (const auto& c : p.calendar.closed_periods())
    if (c.name.empty())
      field(out, "closed", closed(c));
    else
      field(out, "break", c.name + " " + closed(c));
}

void write_process(std::string& out, const Process& p) {
  out += fmt::format("process {}{}\n", p.id, quoted(p.title));
  field(out, "cycle", cycle(p.cycle));
  if (p.valid) field(out, "valid", fmt::format("{}-{}", p.valid->first, p.valid->last));
  field(out, "LEAD", days(p.lead_days));
  field(out, "ESCALATE", days(p.escalate_days));
  field(out, "SHIFT", std::string(kShifts[static_cast<std::size_t>(p.shift)]));
  write_calendar(out, p);
  for (const auto& c : p.unit_closed)
    field(out, "closed", closed(c.period) + " for " + filter_text(c.filter));
  if (!p.roles.empty()) out += "\n";
  for (const auto& r : p.roles) {
    out += "role " + r.name;
    if (r.per_unit) out += " per unit";
    if (r.per_area) out += " per area";
    if (!r.aliases.empty()) out += " alias " + join(r.aliases, ", ");
    if (r.reports_to) out += " reports to " + p.roles[*r.reports_to].name;
    out += "\n";
  }
}

void write_step(std::string& out, const Process& p, const Step& s) {
  out += fmt::format("\nstep {}{}\n", s.id, quoted(s.title));
  field(out, "WHEN", s.when.text);
  if (s.deadline)
    field(out, "DEADLINE",
          fmt::format("{} {}{}", s.deadline->day, month(s.deadline->month),
                      s.deadline->next_year ? " next year" : ""));
  field(out, "WHO", who(p, s.roles));
  field(out, "WHAT", text(s.task));
  field(out, "AFTER", p.dependency_ids(s));
  field(out, "TYPE", std::string(kTypes[static_cast<std::size_t>(s.type)]));
  field(out, "TAGS", join(s.tags, ", "));
  field(out, "OUTCOMES", join(s.outcomes, ", "));
  if (s.condition) field(out, "IF", p.steps[s.condition->step].id + " = " + s.condition->outcome);
  if (s.every)
    field(out, "EVERY", fmt::format("{} years from {}", s.every->every_years, s.every->from_year));
  field(out, "LEAD", days(s.lead_days));
  field(out, "ESCALATE", days(s.escalate_days));
  if (s.shift) field(out, "SHIFT", std::string(kShifts[static_cast<std::size_t>(*s.shift)]));
  field(out, "LINK", s.link.get());
  field(out, "UNITS", filter_text(s.units));
}

/// The header of an activity or a measure and the fields both have: VAD, MÅL and VEM.
template <typename Item>
void item_head(std::string& out, const Process& p, std::string_view kind, const Item& item,
               const std::string& what) {
  out += fmt::format("\n{} {}{}\n", kind, item.id, quoted(item.title));
  field(out, "WHAT", text(what));
  field(out, "GOAL", join(item.goals, ", ", [&](std::size_t g) { return p.goals[g].id; }));
  field(out, "WHO", who(p, item.roles));
}

void write_plan(std::string& out, const Process& p) {
  for (const auto& x : p.perspectives)
    out += fmt::format("\nperspective {}{}\n", x.id, quoted(x.title));
  for (const auto& g : p.goals) {
    out += fmt::format("\ngoal {}{}\n", g.id, quoted(g.title));
    field(out, "LEVEL", std::string(kLevels[static_cast<std::size_t>(g.level)]));
    if (g.perspective) field(out, "PERSPECTIVE", p.perspectives[*g.perspective].id);
    if (g.parent) field(out, "PARENT", p.goals[*g.parent].id);
    field(out, "WHAT", text(g.text));
    field(out, "TAGS", join(g.tags, ", "));
  }
  for (const auto& a : p.activities) {
    item_head(out, p, "activity", a, a.task);
    if (a.due) field(out, "DUE", a.due->text);
    field(out, "TAGS", join(a.tags, ", "));
  }
  for (const auto& m : p.measures) {
    item_head(out, p, "measure", m, m.text);
    field(out, "UNIT", text(m.unit));
    field(out, "DIRECTION", std::string(kDirections[static_cast<std::size_t>(m.direction)]));
    field(out, "TARGET", fmt::format("{}", m.target));
    field(out, "FOLLOWUP", join(m.tertials, ", ", [](int t) { return fmt::format("T{}", t); }));
    field(out, "TAGS", join(m.tags, ", "));
  }
}

}  // namespace

std::string source_text(const Process& p) {
  std::string out;
  write_process(out, p);
  for (const auto& s : p.steps) write_step(out, p, s);
  write_plan(out, p);
  return out;
}

}  // namespace arshjul::dsl
