#include "dsl/canonical.hpp"

#include <fmt/format.h>

#include <optional>
#include <vector>

#include "dsl/schedule.hpp"
#include "dsl/text.hpp"

namespace arshjul::dsl {
namespace {

template <typename T>
std::string opt(const std::optional<T>& v) {
  return v ? fmt::format("{}", *v) : "-";
}

std::string atom(const Atom& a) {
  std::string out = fmt::format("{}:{}/{}/{}/{}-{}", static_cast<int>(a.kind), a.month, a.day,
                                static_cast<int>(a.part), a.number, a.number_to);
  if (a.kind == AtomKind::anchored || a.kind == AtomKind::weekday_in_week)  // issue 14's forms
    out += fmt::format("@{}{:+}w{}-{}{}", static_cast<int>(a.anchor), a.offset, a.weekday,
                       a.weekday_to, a.name.get());
  return out;
}

std::string when(const When& w) {
  std::string out = w.text + " =";
  for (const auto& o : w.occurrences)
    out +=
        fmt::format(" {}..{}{}{}", atom(o.from), o.to ? atom(*o.to) : "-", o.next_year ? "+1" : "",
                    o.time ? fmt::format("@{}-{}", o.time->start, o.time->end) : "");
  return out;
}

std::string shift(const std::optional<Shift>& s) {
  return s ? std::to_string(static_cast<int>(*s)) : "-";
}

std::string roles(const Process& p, const std::vector<RoleRef>& refs) {
  return join(refs, "|",
              [&](const RoleRef& r) { return p.roles[r.role].name + (r.if_needed ? "?" : ""); });
}

void write_header(std::string& out, const Process& p) {
  out += fmt::format("process {} \"{}\" cycle={} lead={} escalate={} shift={}\n", p.id, p.title,
                     static_cast<int>(p.cycle), opt(p.lead_days), opt(p.escalate_days),
                     static_cast<int>(p.shift));
  if (p.valid) out += fmt::format("  valid {}-{}\n", p.valid->first, p.valid->last);
  for (const auto& c : p.calendar.closed_periods())
    out += fmt::format("  closed {}-{}..{}-{} year={}{}\n", c.from_month, c.from_day, c.to_month,
                       c.to_day, opt(c.year), c.name.empty() ? "" : " " + c.name);
  // the forms added later are written only when used: older canonical texts stay the same
  for (const auto& c : p.unit_closed)
    out += fmt::format("  closed {}-{}..{}-{} year={} for {}\n", c.period.from_month,
                       c.period.from_day, c.period.to_month, c.period.to_day, opt(c.period.year),
                       filter_text(c.filter));
  for (const auto& t : p.terms)
    out += fmt::format("  term {} {} {}..{}\n", t.autumn ? "ht" : "vt", t.year, iso(t.start),
                       iso(t.end));
  for (const auto& r : p.roles)
    out += fmt::format("role {} per_unit={} aliases={} reports_to={}{}\n", r.name, r.per_unit,
                       join(r.aliases, "|"),
                       r.reports_to ? p.roles[*r.reports_to].name : std::string("-"),
                       r.per_area ? " per_area" : "");
}

void write_step(std::string& out, const Process& p, const Step& s) {
  auto step_id = [&](std::size_t i) { return p.steps[i].id; };
  out += fmt::format("step {}\n  when {}\n  deadline {}\n  who {}\n  what {}\n", s.id, when(s.when),
                     s.deadline ? fmt::format("{}-{}{}", s.deadline->month, s.deadline->day,
                                              s.deadline->next_year ? "+1" : "")
                                : "-",
                     roles(p, s.roles), s.task);
  out += fmt::format("  after {}\n  type {} tags {} outcomes {}\n", p.dependency_ids(s, "|"),
                     static_cast<int>(s.type), join(s.tags, "|"), join(s.outcomes, "|"));
  out += fmt::format("  if {}\n  every {}\n  lead {} escalate {} shift {}\n",
                     s.condition ? step_id(s.condition->step) + "=" + s.condition->outcome : "-",
                     s.every ? fmt::format("{}/{}", s.every->every_years, s.every->from_year) : "-",
                     opt(s.lead_days), opt(s.escalate_days), shift(s.shift));
  out += fmt::format("  title \"{}\" link {}\n", s.title, s.link.get());
  if (!s.units.empty()) out += fmt::format("  units {}\n", filter_text(s.units));
}

}  // namespace

std::string canonical_text(const Process& p) {
  std::string out;
  write_header(out, p);
  for (const auto& s : p.steps) write_step(out, p, s);
  for (const auto& x : p.perspectives) out += fmt::format("perspective {} \"{}\"\n", x.id, x.title);
  for (const auto& g : p.goals) out += canonical_text(p, g);
  for (const auto& a : p.activities) out += canonical_text(p, a);
  for (const auto& m : p.measures) out += canonical_text(p, m);
  return out;
}

std::string canonical_text(const Process& p, const Goal& g) {
  return fmt::format("goal {} \"{}\" level={} perspective={} parent={} tags={}\n  {}\n", g.id,
                     g.title, static_cast<int>(g.level),
                     g.perspective ? p.perspectives[*g.perspective].id : "-",
                     g.parent ? p.goals[*g.parent].id : "-", join(g.tags, "|"), g.text);
}

std::string canonical_text(const Process& p, const Activity& a) {
  auto goal_id = [&](std::size_t i) { return p.goals[i].id; };
  return fmt::format("activity {} \"{}\" goals={} who={} due={} tags={}\n  {}\n", a.id, a.title,
                     join(a.goals, "|", goal_id), roles(p, a.roles), a.due ? when(*a.due) : "-",
                     join(a.tags, "|"), a.task);
}

std::string canonical_text(const Process& p, const Measure& m) {
  auto goal_id = [&](std::size_t i) { return p.goals[i].id; };
  std::string tertials;
  for (int t : m.tertials) tertials += fmt::format("T{}", t);
  return fmt::format(
      "measure {} \"{}\" goals={} who={} unit={} direction={} target={} followup={} tags={}\n"
      "  {}\n",
      m.id, m.title, join(m.goals, "|", goal_id), roles(p, m.roles), m.unit,
      static_cast<int>(m.direction), m.target, tertials, join(m.tags, "|"), m.text);
}

}  // namespace arshjul::dsl
