#pragma once
// The roster: who holds which role in which unit (CSV `enhet,roll,namn,epost`, then optional
// columns of the units' attributes named in the header: `skolform`, `område`, ...).
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "dsl/diagnostic.hpp"
#include "dsl/model.hpp"
#include "dsl/text.hpp"

namespace arshjul::engine {

struct Person {
  std::string unit;             ///< empty for a single-instance role
  std::string role;             ///< the role's declared name (an alias in the file is resolved)
  std::string role_as_written;  ///< as the roster spells it (processes may differ in aliases)
  std::string name;
  std::string email;
  dsl::Location where;
  std::string area;  ///< the row's `område` column (of a per-område role: the område it holds)
};

/// True when `person` holds role `role` of `process` (by the name as written or resolved).
bool holds(const Person& person, const dsl::Process& process, std::size_t role);

/// The name of the roster column that makes the område level (also `omrade`, `area`).
bool is_area_column(std::string_view column);

struct Roster {
  std::vector<Person> people;
  std::vector<std::string> units;  ///< distinct units, sorted
  /// The attribute columns after `epost`, as the header names them.
  std::vector<std::string> columns;
  /// Per unit (its name folded: dsl::fold): its value of each column, "" where no row gives one.
  std::map<std::string, std::vector<std::string>> attributes;
  /// The distinct områden (the values of the `område` column), sorted. A task of a per-område
  /// step has unit index units.size() + its index here, and the område's name as its unit.
  std::vector<std::string> areas;

  /// The unit as the roster spells it, matched without case and diacritics.
  std::optional<std::string> find_unit(std::string_view unit) const;
  /// The index in `units` of the unit spelled exactly `unit`, if any.
  std::optional<std::size_t> unit_at(std::string_view unit) const;
  /// The område as the roster spells it, matched without case and diacritics.
  std::optional<std::string> find_area(std::string_view area) const;
  /// The index of the `område` column in `columns`, if the roster has one.
  std::optional<std::size_t> area_column() const;
  /// The value of column `column` for `unit` ("" when none).
  std::string attribute(const std::string& unit, std::size_t column) const;
  /// The område of `unit`; of an område's own name, that name; "" when none.
  std::string area_of(std::string_view unit) const;
  /// True when `unit` has, for every condition of `filter`, one of its values (a column the
  /// roster lacks matches nothing; an empty filter matches every unit).
  bool matches(const std::string& unit, const dsl::UnitFilter& filter) const;
  /// The name of unit index `index`: a unit, an område (after the units), or "" for -1.
  std::string name_of(int index) const;
  /// Makes the look-ups of find_unit and find_area by folded name (parse_roster does it; call
  /// it again after changing `units` or `areas`). Without it they compare every name.
  void index_names();

 private:
  // Folded name -> index in units / areas, the first of names equal folded; a web request
  // resolves its unit through them instead of folding a thousand names.
  dsl::FoldedIndex unit_index_, area_index_;
  bool indexed_ = false;
};

/// Reads the roster at `path` and checks it against the roles of `processes`: unknown roles
/// (with a suggestion), duplicate rows, and a per-unit role without a unit are located
/// errors in `errors`. The text is added to `sources`. Rows with errors are left out.
Roster load_roster(const std::string& path, const std::vector<dsl::Process>& processes,
                   dsl::Sources& sources, std::vector<dsl::Diagnostic>& errors);

/// The same from text already read (for tests and for load_roster).
Roster parse_roster(const std::string& text, const std::string& path,
                    const std::vector<dsl::Process>& processes,
                    std::vector<dsl::Diagnostic>& errors);

}  // namespace arshjul::engine
