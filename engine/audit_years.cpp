#include "engine/audit_years.hpp"

#include "engine/versions.hpp"

namespace arshjul::engine {
namespace {

void add_counts(Tally& to, const Tally& t) {
  to.on_time += t.on_time, to.late += t.late, to.missing += t.missing,
      to.before_start += t.before_start;
}

}  // namespace

YearTallies year_tallies(const AuditReport& report) {
  YearTallies out;
  out.cycle = report.cycle;
  for (const auto& p : report.processes) {
    add_counts(out.total, p.total);
    for (const auto& [k, t] : p.by_role) add_counts(out.roles[k], t);
    for (const auto& [k, t] : p.by_unit) add_counts(out.units[k], t);
    for (const auto& [k, t] : p.by_area) add_counts(out.areas[k], t);
  }
  return out;
}

std::vector<YearTallies> audit_years(const std::vector<dsl::Process>& files, const Roster& roster,
                                     const Store& store, int first, int last, dsl::Date as_of) {
  std::vector<YearTallies> out;
  auto start = store.start_date();
  for (int cycle = first; cycle <= last; ++cycle) {
    // One cycle at a time: its tasks are dropped once counted.
    auto rules = rules_in_force(files, &store, cycle, cycle);
    out.push_back(year_tallies(
        audit(rules.processes(), roster, cycle, as_of, store.load(cycle - 1, cycle + 1), start)));
  }
  return out;
}

}  // namespace arshjul::engine
