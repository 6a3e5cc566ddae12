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
#include "engine/units.hpp"

namespace arshjul::engine {
namespace {

constexpr std::size_t kFixedColumns = 4;  // enhet, roll, namn, epost

struct RoleMatch {
  std::string name;
  bool per_unit = false;
  bool per_area = false;
};

std::optional<RoleMatch> find_role(const std::vector<dsl::Process>& processes,
                                   const std::string& name) {
  for (const auto& p : processes)
    if (auto r = p.find_role(name))
      return RoleMatch{p.roles[*r].name, p.roles[*r].per_unit, p.roles[*r].per_area};
  return std::nullopt;
}

std::vector<std::string> all_role_names(const std::vector<dsl::Process>& processes) {
  std::vector<std::string> names;
  for (const auto& p : processes)
    for (const auto& r : p.roles) names.push_back(r.name);
  return names;
}

void sort_unique(std::vector<std::string>& names) {
  std::sort(names.begin(), names.end(), dsl::SwedishLess{});
  names.erase(std::unique(names.begin(), names.end()), names.end());
}

/// Reads the rows of a roster into `roster`, one at a time, checking each.
class RowReader {
 public:
  RowReader(Roster& roster, const std::vector<dsl::Process>& processes,
            std::vector<dsl::Diagnostic>& errors)
      : roster_(roster), processes_(processes), errors_(errors), area_(roster.area_column()) {}

  void add(const CsvRow& row) {
    auto role = find_role(processes_, row[1].text);
    if (!role) {
      errors_.push_back({row[1].where,
                         dsl::Msg::unknown_role,
                         {row[1].text},
                         dsl::closest(row[1].text, all_role_names(processes_))});
      return;
    }
    if (role->per_unit && row[0].text.empty())
      return errors_.push_back({row[0].where, dsl::Msg::roster_missing_unit, {role->name}, {}});
    std::string area = area_ ? spelling(row[kFixedColumns + *area_].text) : std::string();
    if (role->per_area && !checked_area(row, *role, area)) return;
    auto key = dsl::fold(row[0].text) + '\n' + dsl::fold(role->name) + '\n' +
               dsl::fold(row[2].text) + '\n' + (role->per_area ? dsl::fold(area) : "");
    auto [it, fresh] = seen_.emplace(key, row[0].where);
    if (!fresh)
      return errors_.push_back(
          {row[0].where, dsl::Msg::roster_duplicate, {it->second.file_line()}, {}});
    roster_.people.push_back(
        {row[0].text, role->name, row[1].text, row[2].text, row[3].text, row[0].where, area});
    if (!area.empty()) roster_.areas.push_back(area);
    if (!row[0].text.empty()) {
      roster_.units.push_back(row[0].text);
      add_attributes(row);
    }
  }

 private:
  // An område as first spelled: its units and chief compare by the same text.
  std::string spelling(const std::string& area) {
    return area.empty() ? area : area_spelling_.try_emplace(dsl::fold(area), area).first->second;
  }

  bool checked_area(const CsvRow& row, const RoleMatch& role, const std::string& area) {
    if (!area_)
      errors_.push_back({row[1].where, dsl::Msg::roster_no_area_column, {role.name}, {}});
    else if (area.empty())
      errors_.push_back(
          {row[kFixedColumns + *area_].where, dsl::Msg::roster_missing_area, {role.name}, {}});
    return area_ && !area.empty();
  }

  // A unit's attributes may be given on any of its rows; two rows must not disagree.
  void add_attributes(const CsvRow& row) {
    const std::string unit = dsl::fold(row[0].text);
    auto& values = roster_.attributes[unit];
    auto& where = where_[unit];
    values.resize(roster_.columns.size());
    where.resize(roster_.columns.size());
    for (std::size_t c = 0; c < roster_.columns.size(); ++c) {
      const auto& cell = row[kFixedColumns + c];
      if (cell.text.empty()) continue;
      if (values[c].empty()) {
        values[c] = c == area_ ? spelling(cell.text) : cell.text, where[c] = cell.where;
      } else if (dsl::fold(values[c]) != dsl::fold(cell.text)) {
        errors_.push_back({cell.where,
                           dsl::Msg::roster_attribute_conflict,
                           {row[0].text, roster_.columns[c], values[c], where[c].file_line()},
                           {}});
      }
    }
  }

  Roster& roster_;
  const std::vector<dsl::Process>& processes_;
  std::vector<dsl::Diagnostic>& errors_;
  std::optional<std::size_t> area_;
  std::map<std::string, dsl::Location> seen_;
  std::map<std::string, std::vector<dsl::Location>> where_;
  std::map<std::string, std::string> area_spelling_;  // folded -> as first written
};

// An område named as a unit would make a task's unit ambiguous.
void check_area_names(const Roster& roster, const std::vector<CsvRow>& rows,
                      std::vector<dsl::Diagnostic>& errors) {
  auto column = roster.area_column();
  for (const auto& area : roster.areas) {
    if (!roster.find_unit(area)) continue;
    for (std::size_t r = 1; r < rows.size(); ++r)
      if (column && rows[r].size() > kFixedColumns + *column &&
          rows[r][kFixedColumns + *column].text == area) {
        errors.push_back(
            {rows[r][kFixedColumns + *column].where, dsl::Msg::roster_area_is_unit, {area}, {}});
        break;
      }
  }
}

}  // namespace

bool is_area_column(std::string_view column) {
  auto c = dsl::fold(column);
  return c == "omrade" || c == "area";
}

bool holds(const Person& person, const dsl::Process& process, std::size_t role) {
  return process.find_role(person.role_as_written) == role ||
         process.find_role(person.role) == role;
}

namespace {
std::optional<std::string> find_folded(const std::vector<std::string>& names,
                                       const dsl::FoldedIndex& index, bool indexed,
                                       std::string_view name) {
  if (indexed) {
    auto at = index.find(name);
    return at ? std::optional(names[*at]) : std::nullopt;
  }
  for (const auto& n : names)
    if (dsl::folded_equal(n, name)) return n;
  return std::nullopt;
}

void index_of(const std::vector<std::string>& names, dsl::FoldedIndex& index) {
  index.clear();
  index.reserve(names.size());
  for (std::size_t i = 0; i < names.size(); ++i) index.insert(names[i], i);  // the first kept
}
}  // namespace

std::optional<std::string> Roster::find_unit(std::string_view unit) const {
  return find_folded(units, unit_index_, indexed_, unit);
}

std::optional<std::size_t> Roster::unit_at(std::string_view unit) const {
  auto folded = indexed_ ? unit_index_.find(unit) : std::nullopt;
  if (folded && units[*folded] == unit) return folded;
  if (indexed_ && !folded) return std::nullopt;  // not even a unit equal to it folded
  // Not indexed, or another spelling of it comes first: every unit looked at.
  auto at = std::find(units.begin(), units.end(), unit);
  if (at == units.end()) return std::nullopt;
  return static_cast<std::size_t>(at - units.begin());
}

std::optional<std::string> Roster::find_area(std::string_view area) const {
  return find_folded(areas, area_index_, indexed_, area);
}

void Roster::index_names() {
  index_of(units, unit_index_);
  index_of(areas, area_index_);
  indexed_ = true;
}

std::optional<std::size_t> Roster::area_column() const {
  for (std::size_t c = 0; c < columns.size(); ++c)
    if (is_area_column(columns[c])) return c;
  return std::nullopt;
}

std::string Roster::attribute(const std::string& unit, std::size_t column) const {
  auto it = attributes.find(dsl::fold(unit));
  return it == attributes.end() || column >= it->second.size() ? std::string() : it->second[column];
}

std::string Roster::area_of(std::string_view unit) const {
  if (unit.empty()) return {};
  auto it = attributes.find(dsl::fold(unit));  // every unit has an entry, an område none
  if (it == attributes.end()) return find_area(unit).value_or("");
  auto column = area_column();
  return column && *column < it->second.size() ? it->second[*column] : std::string();
}

bool Roster::matches(const std::string& unit, const dsl::UnitFilter& filter) const {
  for (const auto& condition : filter) {
    auto column = std::find_if(columns.begin(), columns.end(), [&](const std::string& c) {
      return dsl::fold(c) == dsl::fold(condition.attribute.text) ||
             (is_area_column(c) && is_area_column(condition.attribute.text));
    });
    if (column == columns.end()) return false;
    auto value = dsl::fold(attribute(unit, std::size_t(column - columns.begin())));
    if (std::none_of(condition.values.begin(), condition.values.end(),
                     [&](const dsl::Name& v) { return dsl::fold(v.text) == value; }))
      return false;
  }
  return true;
}

std::string Roster::name_of(int index) const {
  if (index < 0) return {};
  auto i = static_cast<std::size_t>(index);
  return i < units.size() ? units[i] : areas.at(i - units.size());
}

Roster parse_roster(const std::string& text, const std::string& path,
                    const std::vector<dsl::Process>& processes,
                    std::vector<dsl::Diagnostic>& errors) {
  Roster roster;
  auto rows = read_csv(text, path, errors);
  std::vector<std::string> expected{"enhet", "roll", "namn", "epost"};
  for (std::size_t c = kFixedColumns; !rows.empty() && c < rows[0].size(); ++c)
    expected.push_back(rows[0][c].text);  // the units' attributes, named in the header
  if (!check_shape(rows, expected, path, errors) && rows.size() < 2) return roster;
  roster.columns.assign(expected.begin() + kFixedColumns, expected.end());
  RowReader reader(roster, processes, errors);
  for (std::size_t r = 1; r < rows.size(); ++r)
    if (rows[r].size() == expected.size()) reader.add(rows[r]);  // else reported by check_shape
  sort_unique(roster.units);
  sort_unique(roster.areas);
  roster.index_names();
  check_area_names(roster, rows, errors);
  check_unit_filters(processes, roster, errors);
  return roster;
}

Roster load_roster(const std::string& path, const std::vector<dsl::Process>& processes,
                   dsl::Sources& sources, std::vector<dsl::Diagnostic>& errors) {
  const std::string* text = read_table_file(path, sources, errors);
  return text ? parse_roster(*text, path, processes, errors) : Roster{};
}

}  // namespace arshjul::engine
