#include "present/texts.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <iterator>

#include "dsl/text.hpp"
#include "engine/plan.hpp"

namespace arshjul::present {
namespace {

using dsl::Lang;
using engine::FindingKind;
using engine::State;

std::string unit_suffix(const std::string& unit) {
  return unit.empty() ? "" : " (" + unit + ")";
}

std::string missing_text(const engine::AuditTask& t, Lang lang) {
  auto deadline = dsl::iso(t.window.deadline);
  if (t.conditional)
    return say<Msg::missing_its_condition_was_met_but>(lang, t.days_late, deadline);
  return say<Msg::missing_not_done_days_after>(lang, t.days_late, deadline);
}

std::string out_of_order_text(const engine::OrderIssue& o, const dsl::Process& p, Lang lang) {
  const auto step = step_ref_text(p, o.step, o.linked, lang);
  if (o.done_on)
    return say<Msg::out_of_order_done_before_done>(lang, step, unit_suffix(o.unit),
                                                   dsl::iso(*o.done_on));
  return say<Msg::out_of_order_done_while_was>(lang, step, unit_suffix(o.unit));
}

std::string activity_finding_text(const engine::PlanFinding& f, Lang lang) {
  const auto& a = *f.activity;
  std::string planned = a.planned ? dsl::iso(*a.planned) : "";
  switch (f.kind) {
    case FindingKind::late:
      return say<Msg::finished_late_reported_days_after_due>(lang, dsl::iso(*a.finished_on),
                                                             f.days_late, planned);
    case FindingKind::missing:
      return say<Msg::not_finished_days_after_due_status>(
          lang, f.days_late, planned,
          a.status ? engine::status_word(*a.status, lang)
                   : std::string(tr<Msg::no_status_word>(lang)));
    case FindingKind::on_time:
      return say<Msg::on_time_finished>(lang, dsl::iso(*a.finished_on));
    case FindingKind::pending:
      return say<Msg::not_yet_due>(lang);
    case FindingKind::before_start:
      return say<Msg::finding_before_start>(lang, planned);
    default:
      return say<Msg::no_due>(lang);
  }
}

std::string measure_finding_text(const engine::PlanFinding& f, Lang lang) {
  const auto& m = *f.measure;
  switch (f.kind) {
    case FindingKind::missing:
      return say<Msg::measure_value_missing_the_tertial_ended>(lang, dsl::iso(m.due));
    case FindingKind::on_time:
      return say<Msg::measure_value_met>(
          lang, engine::number_text(m.value->value, lang),
          *m.met() ? say<Msg::target_met>(lang) : say<Msg::target_not_met>(lang));
    case FindingKind::before_start:
      return say<Msg::finding_before_start>(lang, dsl::iso(m.due));
    default:
      return say<Msg::not_yet_due>(lang);
  }
}

}  // namespace

std::string step_ref_text(const dsl::Process& p, std::size_t step,
                          const std::optional<engine::LinkedStep>& l, Lang lang) {
  if (!l) return p.steps[step].id;
  if (l->other_process) return say<Msg::linked_other_process>(lang, l->step, l->process, l->cycle);
  return say<Msg::linked_previous_cycle>(lang, l->step, l->cycle);
}

std::string roles_text(const dsl::Process& p, const dsl::Step& s, Lang lang) {
  std::string out;
  for (const auto& r : s.roles) {
    if (!out.empty()) out += ", ";
    out += p.roles[r.role].name;
    if (r.if_needed) out += tr<Msg::if_needed>(lang);
  }
  return out;
}

Html link_html(const dsl::Step& s) {
  Html h;
  if (!s.link.empty()) h.format("<a class=\"link\" href=\"{}\">{}</a>", s.link.get(), s.link.get());
  return h;
}

Html task_html(const dsl::Process& p, const dsl::Step& s, Lang lang) {
  Html h;
  h.text(task_text(p, s, lang));
  if (!s.link.empty()) h.format(" {}", link_html(s));
  return h;
}

std::string task_text(const dsl::Process& p, const dsl::Step& s, Lang lang) {
  std::string out;
  if (s.condition)
    out += say<Msg::condition_prefix>(lang, p.steps[s.condition->step].id, s.condition->outcome);
  if (!s.title.empty()) out += s.title + ": ";
  out += s.task;
  if (s.type != dsl::StepType::none) out += " (" + dsl::type_name(s.type, lang) + ")";
  return out;
}

std::string deadline_text(const dsl::Window& w, Lang lang) {
  std::string out = dsl::iso(w.deadline);
  if (!w.moved_from) return out;
  std::string reason = dsl::closed_reason_text(*w.moved_because, *w.moved_from, lang);
  return out + say<Msg::moved_from>(lang, dsl::iso(*w.moved_from), reason);
}

std::string state_text(State s, Lang lang) {
  return engine::state_name(s, lang);
}

std::string state_class(State s) {
  auto name = engine::state_name(s, Lang::en);
  std::replace(name.begin(), name.end(), ' ', '_');
  return name;
}

std::string days_text(State state, int days, Lang lang, bool brief) {
  switch (state) {
    case State::overdue:
    case State::done_late:
      return brief ? say<Msg::status_days_late>(lang, days) : say<Msg::days_late>(lang, days);
    case State::blocked:
    case State::due_soon:
    case State::ready:
    case State::upcoming:
      return brief ? say<Msg::status_days_left>(lang, days) : say<Msg::days_left>(lang, days);
    default:
      return "";
  }
}

std::string task_name(const dsl::Process& p, const engine::Task& t) {
  std::string s = p.steps[t.step].name();
  if (p.steps[t.step].when.occurrences.size() > 1) s += fmt::format(" #{}", t.occurrence);
  return s + unit_suffix(t.unit);
}

std::string process_title(const dsl::Process& p) {
  return p.title.empty() ? p.id : p.title;
}

const char* finding_key(FindingKind k) {
  // In the order of FindingKind.
  static constexpr const char* kKeys[] = {
      "on_time",      "late",         "missing",    "pending",   "not_applicable",
      "before_start", "out_of_order", "wrong_role", "corrected", "vacant"};
  static_assert(std::size(kKeys) == static_cast<std::size_t>(FindingKind::vacant) + 1);
  return kKeys[static_cast<std::size_t>(k)];
}

std::string finding_text(const engine::Finding& f, const engine::AuditTask& t,
                         const dsl::Process& p, Lang lang) {
  std::string done = t.done_on ? dsl::iso(*t.done_on) : "";
  switch (f.kind) {
    case FindingKind::on_time:
      return say<Msg::on_time_done>(lang, done);
    case FindingKind::late:
      return say<Msg::late_done_days_after>(lang, done, t.days_late, dsl::iso(t.window.deadline));
    case FindingKind::missing:
      return missing_text(t, lang);
    case FindingKind::pending:
      return say<Msg::not_yet_due>(lang);
    case FindingKind::not_applicable:
      return say<Msg::not_applicable>(lang);
    case FindingKind::before_start:
      return say<Msg::finding_before_start>(lang, dsl::iso(t.window.deadline));
    case FindingKind::out_of_order:
      return out_of_order_text(*f.order, p, lang);
    case FindingKind::wrong_role: {
      auto who = dsl::join(p.steps[t.step].roles, ", ",
                           [&](const dsl::RoleRef& r) { return p.roles[r.role].name; });
      return say<Msg::wrong_role_done_by_who_is>(lang, t.done_by, who);
    }
    case FindingKind::vacant:
      return tr<Msg::finding_vacant>(lang);
    case FindingKind::corrected:
      break;
  }
  return say<Msg::corrected_the_later_entry_counts_the>(lang, dsl::iso(*t.corrected_from));
}

std::string plan_finding_text(const engine::PlanFinding& f, Lang lang) {
  return f.activity ? activity_finding_text(f, lang) : measure_finding_text(f, lang);
}

std::string plan_finding_item(const engine::PlanFinding& f) {
  if (f.activity) return f.activity->activity->id;
  return f.measure->measure->id + " T" + std::to_string(f.measure->tertial);
}

std::string unmatched_text(const engine::UnmatchedRecord& u, Lang lang) {
  const auto& c = u.record;
  using Why = engine::UnmatchedRecord::Why;
  std::string why = u.why == Why::unknown_process ? say<Msg::why_unknown_process>(lang)
                    : u.why == Why::unknown_step  ? say<Msg::why_unknown_step>(lang)
                                                  : say<Msg::why_unknown_unit>(lang);
  return fmt::format("{}/{}{} {} — {} (#{})", c.process, c.step, unit_suffix(c.unit),
                     dsl::iso(c.done_on), why, c.id);
}

}  // namespace arshjul::present
