#include "engine/roster.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <map>
#include <sstream>

#include "dsl/collate.hpp"
#include "dsl/text.hpp"
#include "engine/csv.hpp"

namespace arshjul::engine {
namespace {

struct RoleMatch {
  std::string name;
  bool per_unit = false;
};

std::optional<RoleMatch> find_role(const std::vector<dsl::Process>& processes,
                                   const std::string& name) {
  for (const auto& p : processes)
    if (auto r = p.find_role(name)) return RoleMatch{p.roles[*r].name, p.roles[*r].per_unit};
  return std::nullopt;
}

std::vector<std::string> all_role_names(const std::vector<dsl::Process>& processes) {
  std::vector<std::string> names;
  for (const auto& p : processes)
    for (const auto& r : p.roles) names.push_back(r.name);
  return names;
}

}  // namespace

bool holds(const Person& person, const dsl::Process& process, std::size_t role) {
  return process.find_role(person.role_as_written) == role ||
         process.find_role(person.role) == role;
}

std::optional<std::string> Roster::find_unit(std::string_view unit) const {
  const auto key = dsl::fold(unit);
  for (const auto& u : units)
    if (dsl::fold(u) == key) return u;
  return std::nullopt;
}

Roster parse_roster(const std::string& text, const std::string& path,
                    const std::vector<dsl::Process>& processes,
                    std::vector<dsl::Diagnostic>& errors) {
  Roster roster;
  auto rows = read_csv(text, path, errors);
  if (!check_shape(rows, {"enhet", "roll", "namn", "epost"}, path, errors) && rows.size() < 2)
    return roster;
  std::map<std::string, dsl::Location> seen;
  for (std::size_t r = 1; r < rows.size(); ++r) {
    const auto& row = rows[r];
    if (row.size() != 4) continue;  // reported by check_shape
    auto role = find_role(processes, row[1].text);
    if (!role) {
      errors.push_back({row[1].where,
                        dsl::Msg::unknown_role,
                        {row[1].text},
                        dsl::closest(row[1].text, all_role_names(processes))});
      continue;
    }
    if (role->per_unit && row[0].text.empty()) {
      errors.push_back({row[0].where, dsl::Msg::roster_missing_unit, {role->name}, {}});
      continue;
    }
    auto key =
        dsl::fold(row[0].text) + '\n' + dsl::fold(role->name) + '\n' + dsl::fold(row[2].text);
    auto [it, fresh] = seen.emplace(key, row[0].where);
    if (!fresh) {
      errors.push_back({row[0].where,
                        dsl::Msg::roster_duplicate,
                        {it->second.file.str() + ":" + std::to_string(it->second.line)},
                        {}});
      continue;
    }
    roster.people.push_back(
        {row[0].text, role->name, row[1].text, row[2].text, row[3].text, row[0].where});
    if (!row[0].text.empty()) roster.units.push_back(row[0].text);
  }
  std::sort(roster.units.begin(), roster.units.end(), dsl::SwedishLess{});
  roster.units.erase(std::unique(roster.units.begin(), roster.units.end()), roster.units.end());
  return roster;
}

Roster load_roster(const std::string& path, const std::vector<dsl::Process>& processes,
                   dsl::Sources& sources, std::vector<dsl::Diagnostic>& errors) {
  const std::string* text = read_table_file(path, sources, errors);
  return text ? parse_roster(*text, path, processes, errors) : Roster{};
}

}  // namespace arshjul::engine
