#pragma once
// The roster: who holds which role in which unit (CSV `enhet,roll,namn,epost`).
#include <optional>
#include <string>
#include <vector>

#include "dsl/diagnostic.hpp"
#include "dsl/model.hpp"

namespace arshjul::engine {

struct Person {
  std::string unit;             ///< empty for a single-instance role
  std::string role;             ///< the role's declared name (an alias in the file is resolved)
  std::string role_as_written;  ///< as the roster spells it (processes may differ in aliases)
  std::string name;
  std::string email;
  dsl::Location where;
};

/// True when `person` holds role `role` of `process` (by the name as written or resolved).
bool holds(const Person& person, const dsl::Process& process, std::size_t role);

struct Roster {
  std::vector<Person> people;
  std::vector<std::string> units;  ///< distinct units, sorted

  /// The unit as the roster spells it, matched without case and diacritics.
  std::optional<std::string> find_unit(std::string_view unit) const;
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
