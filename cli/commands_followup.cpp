// followup: the follow-up of the verksamhetsplan as the administration writes it (seed 002);
// the engine follows the plan up, present/followup words it.
#include <algorithm>
#include <filesystem>
#include <iostream>
#include <sstream>

#include "cli/inputs.hpp"
#include "engine/plan.hpp"
#include "engine/versions.hpp"
#include "present/followup.hpp"

namespace arshjul::cli {
namespace {

struct FollowUpOptions : DocumentOptions {
  std::string tertial = "T3";
};

/// An activity overdue, or a measure value missing or off target: `followup` exits 1.
bool has_findings(const engine::PlanFollowUp& f) {
  auto off = [](const engine::MeasureLine& m) { return m.missing || (m.met() && !*m.met()); };
  return std::any_of(f.activities.begin(), f.activities.end(),
                     [](const engine::ActivityLine& a) { return a.overdue; }) ||
         std::any_of(f.measures.begin(), f.measures.end(), off);
}

int run_followup(const FollowUpOptions& o, const GlobalOptions& g) {
  const auto lang = g.language();
  auto parsed = engine::parse_tertial(o.tertial);
  if (!parsed) {
    std::cerr << "arshjul: " << dsl::render(dsl::Msg::record_bad_period, {o.tertial}, lang) << "\n";
    return kExitBadInput;
  }
  const int tertial = *parsed;
  const bool dated = !o.in.date.empty();
  auto inputs = load_inputs(o.in, g);
  if (!inputs) return kExitBadInput;
  const int year = o.in.year.value_or(static_cast<int>(inputs->date.year()));
  // As of the end of the tertial, or of --date (a report written before or after it ends).
  dsl::Date as_of =
      dsl::Date{std::chrono::year(year) / std::chrono::month(4u * static_cast<unsigned>(tertial)) /
                std::chrono::last};
  for (const auto& p : inputs->rules.processes)
    if (!p.measures.empty() || !p.activities.empty()) {
      as_of = engine::tertial_window(p, year, tertial).deadline;
      break;
    }
  if (dated) as_of = inputs->date;
  engine::PlanRecords records;
  engine::RulesInForce rules;  // the cycle's recorded rules, else the files
  try {
    auto store = open_existing_store(inputs->store);
    rules = engine::rules_in_force(inputs->rules.processes, &store, year, year);
    records = engine::load_plan_records(store, year, year);
  } catch (const engine::StoreError& e) {
    std::cerr << "arshjul: " << e.text(g.language()) << "\n";
    return kExitStoreError;
  }
  auto fs = engine::follow_up(rules.processes(), inputs->roster, records, year, tertial, as_of);
  std::ostringstream text;
  if (o.format == "json") {
    text << present::followup_json(fs, year, tertial, as_of) << "\n";
  } else {
    auto doc = present::followup_document(fs, year, tertial, as_of, lang);
    if (o.format == "markdown")
      present::render_markdown(text, doc);
    else if (o.format == "html")
      present::render_html(text, doc);
    else
      present::render_text(text, doc);
  }
  if (int rc = write_output(text.str(), o.out, lang)) return rc;
  return std::any_of(fs.begin(), fs.end(), has_findings) ? kExitFindings : kExitOk;
}

}  // namespace

void add_followup_command(CLI::App& app, const GlobalOptions& g, int& exit_code) {
  static FollowUpOptions o;
  auto* c = add_document_command(app, "followup", tr<Msg::cli_help_followup>(g.language()), o, g,
                                 [&] { exit_code = run_followup(o, g); });
  c->add_option("--tertial", o.tertial, tr<Msg::cli_help_followup_tertial>(g.language()));
}

}  // namespace arshjul::cli
