#pragma once
// The audit of one cycle as text, Markdown, JSON or one self-contained HTML page: the
// findings come from engine/audit as data, their words from present/texts.
#include <iosfwd>
#include <vector>

#include "dsl/model.hpp"
#include "engine/audit.hpp"
#include "engine/plan.hpp"

namespace arshjul::present {

/// Text (only the tasks with findings, unless `all`) or Markdown (every task): the summary,
/// one table per process, the plan's findings `plan`, the entries that match no step.
void write_audit_text(std::ostream& os, const engine::AuditReport& report,
                      const std::vector<dsl::Process>& processes,
                      const std::vector<engine::PlanFinding>& plan, dsl::Lang lang, bool all,
                      bool markdown);

/// JSON, streamed task by task (an administration's audit can have 200,000 tasks).
void write_audit_json(std::ostream& os, const engine::AuditReport& report,
                      const std::vector<dsl::Process>& processes,
                      const std::vector<engine::PlanFinding>& plan, dsl::Lang lang);

/// The audit of one cycle as one self-contained HTML page (what `audit --format html` prints
/// and the web view shows), with every activity and measure of the plans `plans`.
void write_audit_html(std::ostream& os, const engine::AuditReport& report,
                      const std::vector<engine::PlanFollowUp>& plans,
                      const std::vector<dsl::Process>& processes, dsl::Lang lang);

}  // namespace arshjul::present
