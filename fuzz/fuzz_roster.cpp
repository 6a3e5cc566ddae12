// libFuzzer target: arbitrary bytes -> parse_roster (read_csv, check_shape, the roles of the
// shipped rules and of tests/public/goteborg_kvalitet/) -> format() of every diagnostic. Besides
// crashes, sanitizer reports, leaks and hangs it stops on a broken invariant: a diagnostic that
// does not point into the input (fuzz_common.hpp), a field located elsewhere than it is
// (fuzz_csv.hpp), a person whose unit is not among the roster's units, units not sorted in Swedish
// order or not distinct, a person whose role the rules do not know, an område (column `område`) of
// a person not among the roster's områden, områden not sorted or not distinct, or a unit's
// attributes not one per attribute column.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "dsl/collate.hpp"
#include "engine/roster.hpp"
#include "fuzz/fuzz_common.hpp"
#include "fuzz/fuzz_csv.hpp"

using namespace arshjul;

namespace {

void check_roster(const engine::Roster& roster, const std::vector<dsl::Process>& processes) {
  if (!std::is_sorted(roster.units.begin(), roster.units.end(), dsl::SwedishLess{}))
    fuzz::fail("the units are not in Swedish order");
  if (std::adjacent_find(roster.units.begin(), roster.units.end()) != roster.units.end())
    fuzz::fail("a unit is listed twice");
  for (const auto& p : roster.people) {
    if (!p.unit.empty() && !roster.find_unit(p.unit))
      fuzz::fail("the unit of " + p.name + " is not among the units");
    bool known = std::any_of(processes.begin(), processes.end(), [&](const dsl::Process& pr) {
      return pr.find_role(p.role_as_written).has_value();
    });
    if (!known) fuzz::fail("the role '" + p.role_as_written + "' is not in the rules");
    if (!p.area.empty() && !roster.find_area(p.area))
      fuzz::fail("the område of " + p.name + " is not among the områden");
  }
  if (!std::is_sorted(roster.areas.begin(), roster.areas.end(), dsl::SwedishLess{}) ||
      std::adjacent_find(roster.areas.begin(), roster.areas.end()) != roster.areas.end())
    fuzz::fail("the områden are not distinct and in Swedish order");
  for (const auto& [unit, values] : roster.attributes)
    if (values.size() != roster.columns.size()) fuzz::fail("the attributes of " + unit);
}

/// The shipped rules and the Göteborg transcription: its `per område` role and its ENHETER
/// and `stängt ... för` filters, checked against the roster's columns.
const dsl::RuleSet& roster_rules() {
  static const dsl::RuleSet rules = [] {
    const std::string root = ARSHJUL_SOURCE_DIR;
    auto r = dsl::load_rules({root + "/rules", root + "/examples/malkedja/mal.arshjul",
                              root + "/tests/public/goteborg_kvalitet/goteborg_kvalitet.arshjul"},
                             2026);
    if (!r.ok() || r.processes.empty()) fuzz::fail("the rules did not load");
    return r;
  }();
  return rules;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string path = "fuzz.csv";
  std::string text(reinterpret_cast<const char*>(data), size);
  const auto& rules = roster_rules();
  std::vector<dsl::Diagnostic> errors;
  auto roster = engine::parse_roster(text, path, rules.processes, errors);
  check_roster(roster, rules.processes);
  // The rules' unit filters checked against the roster's columns are located in the rule file:
  // each must point into that file's text.
  for (const auto& d : errors)
    if (d.where.file != path) {
      std::vector<dsl::Diagnostic> one{d};
      fuzz::check_diagnostics(one, rules.sources, d.where.file);
    }
  std::erase_if(errors, [&](const dsl::Diagnostic& d) { return d.where.file != path; });
  dsl::Sources sources;
  engine::add_table_text(path, text, sources);  // as read_table_file does
  fuzz::check_diagnostics(errors, sources, path);
  // The rows as read, each field where the input has it.
  std::vector<dsl::Diagnostic> ignored;
  fuzz::check_fields(engine::read_csv(text, path, ignored), sources, path);
  return 0;
}
