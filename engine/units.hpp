#pragma once
// Units with attributes: the rules' unit filters (ENHETER, `stängt ... för`) checked against
// the roster's columns, vacancies (a unit or område whose role nobody holds), and the closed
// days of one unit.
#include <string>
#include <vector>

#include "dsl/diagnostic.hpp"
#include "dsl/model.hpp"
#include "engine/roster.hpp"

namespace arshjul::engine {

/// Checks every unit filter of `processes` against `roster`: a column the roster has not
/// (unknown_unit_attribute) and a value no unit has (unknown_unit_value), each with the
/// closest name, located in the rule file; and a per-område role used by a step when the
/// roster has no `område` column. Appends to `errors`.
void check_unit_filters(const std::vector<dsl::Process>& processes, const Roster& roster,
                        std::vector<dsl::Diagnostic>& errors);

/// A role nobody holds at a unit (or område) that has tasks of it.
struct Vacancy {
  std::size_t process = 0;
  std::size_t role = 0;
  std::string unit;                ///< a unit, or an område for a per-område role
  std::vector<std::size_t> steps;  ///< the steps of the role with tasks there
};

/// The vacancies of `processes` with `roster`, by process, role and unit (Swedish order).
std::vector<Vacancy> vacancies(const std::vector<dsl::Process>& processes, const Roster& roster);

/// True when `date` lies in a `stängt ... för` period of `process` that covers `unit`.
bool unit_closed_on(const dsl::Process& process, const Roster& roster, const std::string& unit,
                    dsl::Date date);

}  // namespace arshjul::engine
