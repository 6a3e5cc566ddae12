#pragma once
// The words for tasks, deadlines, roles, states and audit findings, in Swedish or English:
// plain text, for any output (HTML pages escape them through the HTML writer).
#include <string>

#include "dsl/messages.hpp"
#include "dsl/model.hpp"
#include "dsl/schedule.hpp"
#include "engine/audit.hpp"
#include "engine/engine.hpp"
#include "present/html.hpp"

namespace arshjul::present {

// The texts are the catalogue's (dsl/messages.hpp): say<Msg::key>(lang, args...) and
// tr<Msg::key>(lang).
using dsl::Msg;
using dsl::say;
using dsl::tr;

/// A deadline as text; a moved one says from what and why: "2026-05-29 (flyttad från
/// 2026-05-31: söndag)".
std::string deadline_text(const dsl::Window& w, dsl::Lang lang);
/// The roles of a step's VEM as text, "(vid behov)" marked.
std::string roles_text(const dsl::Process& p, const dsl::Step& s, dsl::Lang lang);
/// A step's VAD, with its OM condition in front and its TYP after.
std::string task_text(const dsl::Process& p, const dsl::Step& s, dsl::Lang lang);
/// The step's LÄNK as a link whose text is its address, escaped by the HTML writer; empty when
/// the step has none. The address is http(s) (the grammar takes no other).
Html link_html(const dsl::Step& s);
/// task_text for an HTML page, followed by the step's LÄNK (link_html): what every page that
/// shows a step's text writes.
Html task_html(const dsl::Process& p, const dsl::Step& s, dsl::Lang lang);

/// A task's state in words: "försenad" / "overdue".
std::string state_text(engine::State s, dsl::Lang lang);
/// "due_soon", "done_late": the English name, for a CSS class or a data attribute.
std::string state_class(engine::State s);
/// "3 dagar sen" for a task in an overdue (or done late) state, "5 dagar kvar" for an open one,
/// else empty; `brief`: "3 d sen", for the columns of `status`.
std::string days_text(engine::State state, int days, dsl::Lang lang, bool brief = false);
inline std::string days_text(const engine::Task& t, dsl::Lang lang) {
  return days_text(t.state, t.days, lang);
}
/// The step's id, "#2" for its second occurrence when it has several, the unit in brackets.
std::string task_name(const dsl::Process& p, const engine::Task& t);
/// The step a task waits for or was done before: step `step` of `p` (the task's process), or a
/// link's step named with its process and cycle ("anvisningar i processen budget (2026)", "rapport
/// i förra cykeln (2025)").
std::string step_ref_text(const dsl::Process& p, std::size_t step,
                          const std::optional<engine::LinkedStep>& l, dsl::Lang lang);
/// The title of a process, else its id.
std::string process_title(const dsl::Process& p);

/// The machine word of a finding kind: "on_time", "out_of_order", ... (JSON, CSS classes).
const char* finding_key(engine::FindingKind k);
/// One finding about task `t` of `p` as a sentence: "sen: klar 2026-03-02, 3 dagar efter ...".
std::string finding_text(const engine::Finding& f, const engine::AuditTask& t,
                         const dsl::Process& p, dsl::Lang lang);
/// One finding about the plan as a sentence.
std::string plan_finding_text(const engine::PlanFinding& f, dsl::Lang lang);
/// The plan finding's item: the activity's id, or the measure's id and tertial ("m1 T2").
std::string plan_finding_item(const engine::PlanFinding& f);
/// An entry that matches no step: "p/s (unit) date — why (#id)".
std::string unmatched_text(const engine::UnmatchedRecord& u, dsl::Lang lang);

}  // namespace arshjul::present
