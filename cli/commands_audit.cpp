// audit: was the cycle followed? The engine audits, present/ writes text, Markdown, HTML or
// JSON; the exit code comes from the findings' kinds.
#include <algorithm>
#include <filesystem>
#include <iostream>
#include <optional>
#include <sstream>
#include <utility>

#include "cli/inputs.hpp"
#include "dsl/text.hpp"
#include "engine/audit.hpp"
#include "engine/audit_years.hpp"
#include "engine/plan.hpp"
#include "engine/store.hpp"
#include "engine/versions.hpp"
#include "present/audit.hpp"
#include "present/audit_years.hpp"

namespace arshjul::cli {
namespace {

struct AuditOptions : DocumentOptions {
  bool all = false;
  std::string years;  ///< --years 2022-2026
};

/// `audit --years`: the cycles side by side; exit 1 when any of them has a task late or
/// missing.
int run_audit_years(const AuditOptions& o, const GlobalOptions& g, const Inputs& in) {
  dsl::Lang lang = g.language();
  auto range = dsl::read_years(o.years);
  if (!range) {
    std::cerr << "arshjul: "
              << say<Msg::bad_year_range>(lang, o.years, dsl::kFirstYear, dsl::kLastYear,
                                          dsl::kMostYears)
              << "\n";
    return kExitBadInput;
  }
  std::vector<engine::YearTallies> years;
  try {
    auto store = open_existing_store(in.store);
    years = engine::audit_years(in.rules.processes, in.roster, store, range->first, range->second,
                                in.date);
  } catch (const engine::StoreError& e) {
    std::cerr << "arshjul: " << e.text(lang) << "\n";
    return kExitStoreError;
  }
  std::ostringstream text;
  if (o.format == "json")
    present::write_audit_years_json(text, years, in.date);
  else if (o.format == "html")
    present::write_audit_years_html(text, years, in.rules.processes, in.date, lang);
  else
    present::write_audit_years_text(text, years, in.date, lang, o.format == "markdown");
  if (int rc = write_output(text.str(), o.out, lang)) return rc;
  bool any = std::any_of(years.begin(), years.end(), [](const engine::YearTallies& y) {
    return y.total.late + y.total.missing > 0;
  });
  return any ? kExitFindings : kExitOk;
}

int run_audit(const AuditOptions& o, const GlobalOptions& g) {
  auto inputs = load_inputs(o.in, g);
  if (!inputs) return kExitBadInput;
  if (!o.years.empty()) return run_audit_years(o, g, *inputs);
  int cycle = o.in.year.value_or(static_cast<int>(inputs->date.year()));
  std::vector<engine::Completion> entries;
  engine::PlanRecords plan_records;
  std::optional<dsl::Date> start;
  engine::RulesInForce rules;  // the cycle's recorded rules, else the files
  try {
    auto store = open_existing_store(inputs->store);
    rules = engine::rules_in_force(inputs->rules.processes, &store, cycle, cycle);
    start = store.start_date();
    entries = store.load(cycle - 1, cycle + 1);  // either side: read by links
    plan_records = engine::load_plan_records(store, cycle, cycle);
  } catch (const engine::StoreError& e) {
    std::cerr << "arshjul: " << e.text(g.language()) << "\n";
    return kExitStoreError;
  }
  const auto& ps = rules.processes();
  auto report = engine::audit(ps, inputs->roster, cycle, inputs->date, entries, start);
  dsl::Lang lang = g.language();
  auto plans = engine::follow_up(ps, inputs->roster, plan_records, cycle, 3, inputs->date);
  // Markdown and HTML list everything, as the step tables do; text only the findings.
  auto plan = engine::plan_findings(plans, inputs->date, o.all || o.format != "text");
  std::ostringstream text;
  if (o.format == "json")
    present::write_audit_json(text, report, ps, plan, lang);
  else if (o.format == "html")
    present::write_audit_html(text, report, plans, ps, lang, {o.all, {}});
  else
    present::write_audit_text(text, report, ps, plan, lang, o.all, o.format == "markdown");
  if (int rc = write_output(text.str(), o.out, lang)) return rc;
  bool plan_findings_found =
      std::any_of(plan.begin(), plan.end(),
                  [](const engine::PlanFinding& f) { return engine::is_finding(f.kind); });
  return report.findings() || plan_findings_found ? kExitFindings : kExitOk;
}

}  // namespace

void add_audit_command(CLI::App& app, const GlobalOptions& g, int& exit_code) {
  static AuditOptions o;
  auto* a = add_document_command(app, "audit", tr<Msg::cli_help_audit>(g.language()), o, g,
                                 [&] { exit_code = run_audit(o, g); });
  a->get_option("--date")->description(tr<Msg::cli_help_audit_date>(g.language()));
  a->add_option("--as-of", o.in.date, tr<Msg::cli_help_audit_as_of>(g.language()));
  a->add_flag("--all", o.all, tr<Msg::cli_help_audit_all>(g.language()));
  a->add_option("--years", o.years, tr<Msg::cli_help_audit_years>(g.language()));
}

}  // namespace arshjul::cli
