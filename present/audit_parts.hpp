#pragma once
// What every format of the audit says (the title, the totals, the tallies per role and unit,
// the worst units, the headings), shared by the text, JSON and HTML writers and the audit of
// several years. Internal to present/.
#include <string>
#include <vector>

#include "dsl/model.hpp"
#include "engine/audit.hpp"
#include "engine/audit_years.hpp"
#include "engine/plan.hpp"
#include "present/html.hpp"

namespace arshjul::present::audit_parts {

/// "3 %" of `of`, "–" when `of` is 0.
std::string percent(int n, int of);
/// "Granskning av cykel 2026 per 2026-10-15".
std::string title_text(const engine::AuditReport& r, dsl::Lang lang);
/// The tally of every process of `r` summed.
engine::Tally total_of(const engine::AuditReport& r);
/// "454 uppgifter att ha gjort: 439 i tid (97 %), ... Avvikelser: 19." and the tasks before
/// start.
std::string totals_text(const engine::AuditReport& r, dsl::Lang lang);

/// The tallies of every process summed, per role and per unit.
engine::YearTallies tallies(const engine::AuditReport& r);

/// "Förskolan Myran: 0 sena, 1 saknas av 15".
std::string worst_text(const std::string& unit, const engine::Tally& t, dsl::Lang lang);
const char* by_role_text(dsl::Lang lang);
const char* by_unit_text(dsl::Lang lang);
const char* worst_heading(dsl::Lang lang);
const char* plan_heading(dsl::Lang lang);
const char* unmatched_heading(dsl::Lang lang);

/// The four count cells of a tally table row (due, on time, late, missing: counts and
/// shares), each with its column's name for a phone (present/page.hpp).
void tally_cells(Html& h, const engine::Tally& t, dsl::Lang lang);
/// Begins a tally table whose first column is `first`.
void begin_tally_table(Html& h, const char* first, dsl::Lang lang);

/// The step's title (else its id), "#2" for its second occurrence when it has several.
std::string step_text(const dsl::Process& p, const engine::AuditTask& t);
std::string plan_unit(const engine::PlanFinding& f);

/// A role's name for a reader: an abbreviation (LG) with what it stands for from the rules,
/// the first alias of the role that is not itself an abbreviation: "LG (Ledningsgrupp)";
/// any other name as it is.
std::string role_title(const std::vector<dsl::Process>& processes, const std::string& name);
/// The same from one process's roles.
std::string role_title(const dsl::Process& p, const std::string& name);

}  // namespace arshjul::present::audit_parts
