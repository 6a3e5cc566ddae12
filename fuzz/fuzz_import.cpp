// libFuzzer target: arbitrary bytes -> parse_import (read_csv with line breaks in cells,
// the header that picks the kind, check_shape) -> resolve_record / resolve_status /
// resolve_value of every row against the shipped rules and the example's roster -> format()
// of every diagnostic. Besides crashes, sanitizer reports, leaks and hangs it stops on a
// broken invariant: a diagnostic that does not point into the input (fuzz_common.hpp), a
// field located elsewhere than it is (fuzz_csv.hpp), or an entry accepted that the store
// must not get: a step, activity or measure the rules do not have, a unit not in the roster,
// a year outside 2000-2100, an outcome outside the step's UTFALL (or none where it has
// UTFALL), a tertial outside 1-3, a value not finite.
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "engine/records.hpp"
#include "engine/roster.hpp"
#include "fuzz/fuzz_common.hpp"
#include "fuzz/fuzz_csv.hpp"

using namespace arshjul;

namespace {

const engine::Roster& example_roster() {
  static const engine::Roster roster = [] {
    dsl::Sources sources;
    std::vector<dsl::Diagnostic> errors;
    auto r = engine::load_roster(std::string(ARSHJUL_SOURCE_DIR) + "/examples/roster.csv",
                                 fuzz::shipped_rules().processes, sources, errors);
    if (!errors.empty() || r.units.empty()) fuzz::fail("the example's roster did not load");
    return r;
  }();
  return roster;
}

const dsl::Process& process_of(const std::string& id) {
  for (const auto& p : fuzz::shipped_rules().processes)
    if (p.id == id) return p;
  fuzz::fail("an entry names the process '" + id + "', which the rules do not have");
}

void check_common(const std::string& process, int cycle, const std::string& unit) {
  (void)process_of(process);
  if (cycle < 2000 || cycle > 2100) fuzz::fail("an entry of cycle " + std::to_string(cycle));
  if (!unit.empty() && !example_roster().find_unit(unit))
    fuzz::fail("an entry for the unit '" + unit + "', which the roster does not have");
}

void check(const engine::Completion& c) {
  check_common(c.process, c.cycle, c.unit);
  const auto& p = process_of(c.process);
  auto step = p.find_step(c.step);
  if (!step) fuzz::fail("a completion of an unknown step '" + c.step + "'");
  const auto& outcomes = p.steps[*step].outcomes;
  bool outcome_ok = outcomes.empty()
                        ? c.outcome.empty()
                        : std::find(outcomes.begin(), outcomes.end(), c.outcome) != outcomes.end();
  if (!outcome_ok) fuzz::fail("a completion of " + c.step + " with outcome '" + c.outcome + "'");
  if (c.occurrence < 1) fuzz::fail("a completion of occurrence " + std::to_string(c.occurrence));
}

void check(const engine::StatusReport& s) {
  check_common(s.process, s.cycle, s.unit);
  if (!process_of(s.process).find_activity(s.activity))
    fuzz::fail("a status of an unknown activity '" + s.activity + "'");
  if (!engine::parse_status(s.status)) fuzz::fail("a status '" + s.status + "'");
}

void check(const engine::MeasuredValue& v) {
  check_common(v.process, v.cycle, v.unit);
  if (!process_of(v.process).find_measure(v.measure))
    fuzz::fail("a value of an unknown measure '" + v.measure + "'");
  if (v.tertial < 1 || v.tertial > 3) fuzz::fail("a value of tertial " + std::to_string(v.tertial));
  if (!std::isfinite(v.value)) fuzz::fail("a value that is not finite");
}

/// Resolves every request with `resolve` and checks what it accepts.
template <typename Request, typename Resolve>
void resolve_all(const std::vector<Request>& requests, Resolve resolve,
                 std::vector<dsl::Diagnostic>& errors) {
  const auto& ps = fuzz::shipped_rules().processes;
  for (const auto& r : requests)
    if (auto e = resolve(r, ps, example_roster(), "2026-10-15T08:00:00Z", errors)) check(*e);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string path = "fuzz.csv";
  std::string text(reinterpret_cast<const char*>(data), size);
  std::vector<dsl::Diagnostic> errors;
  auto rows = engine::parse_import(text, path, errors);
  resolve_all(rows.steps, engine::resolve_record, errors);
  resolve_all(rows.statuses, engine::resolve_status, errors);
  resolve_all(rows.values, engine::resolve_value, errors);
  dsl::Sources sources;
  engine::add_table_text(path, text, sources);  // as read_table_file does
  fuzz::check_diagnostics(errors, sources, path);
  // The rows as read (line breaks allowed in cells, as in notes), each field where it is.
  std::vector<dsl::Diagnostic> ignored;
  fuzz::check_fields(engine::read_csv(text, path, ignored, true), sources, path);
  return 0;
}
