#pragma once
// The audit of one cycle as text, Markdown, JSON or one self-contained HTML page: the
// findings come from engine/audit as data, their words from present/texts.
#include <cstddef>
#include <iosfwd>
#include <string>
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

/// What the audit's HTML page lists besides the summary and the findings.
struct AuditPageOptions {
  /// Every task (in a collapsed section) and every plan item, and every finding however many.
  bool all = false;
  /// Where the page with every task is (the web view's ?all=1); empty: the page names the
  /// command instead.
  std::string all_link;
};

/// Findings listed one by one on the page without `all`; past this many, those of the units
/// that followed the cycle least (the table per unit counts the rest), so that an
/// administration of 1,000 units gets a page under 1 MB (bench/status/README.md).
inline constexpr std::size_t kListedFindings = 400;

/// The audit of one cycle as one self-contained HTML page (what `audit --format html` prints
/// and the web view shows): the summary (tallies per role and per unit with counts), the
/// findings grouped by role and unit, the plan's findings; with `options.all` every task and
/// every item of the plans `plans`.
void write_audit_html(std::ostream& os, const engine::AuditReport& report,
                      const std::vector<engine::PlanFollowUp>& plans,
                      const std::vector<dsl::Process>& processes, dsl::Lang lang,
                      const AuditPageOptions& options = {});

}  // namespace arshjul::present
