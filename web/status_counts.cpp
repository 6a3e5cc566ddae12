#include "web/status_counts.hpp"

#include <unordered_map>

#include "dsl/collate.hpp"

namespace arshjul::web {
namespace {

using engine::State;

std::size_t column(State s) {
  return static_cast<std::size_t>(s == State::done_late ? State::done : s);
}

/// The rows a task counts in: for each role of its step that puts it on a list (not `vid
/// behov`), the role's name and whether the role is one per unit or område.
template <typename Visit>
void rows_of(const std::vector<dsl::Process>& rules, const engine::Task& t, Visit visit) {
  const auto& p = rules[t.process];
  for (const auto& r : p.steps[t.step].roles) {
    if (r.if_needed) continue;
    const auto& role = p.roles[r.role];
    visit(role.name, role.per_unit || role.per_area);
  }
}

}  // namespace

bool StatusCounts::SwedishLess::operator()(const Key& a, const Key& b) const {
  for (std::size_t i = 0; i < a.size(); ++i)
    if (int c = dsl::swedish_compare(a[i], b[i])) return c < 0;
  return false;
}

StatusCounts::StatusCounts(const std::vector<dsl::Process>& rules,
                           const std::vector<engine::Task>& tasks) {
  // Counted first by the role's name (by address: one string per role of a process) and the
  // unit's index, then merged into rows by name: comparing names in Swedish order for each of
  // hundreds of thousands of tasks was most of the overview's time.
  struct Partial {
    const engine::Task* sample = nullptr;
    bool own = false;
    std::array<int, 9> counts{};
  };
  struct Hash {
    std::size_t operator()(const std::pair<const std::string*, int>& k) const {
      return std::hash<const void*>()(k.first) * 31 + std::hash<int>()(k.second);
    }
  };
  std::unordered_map<std::pair<const std::string*, int>, Partial, Hash> partial;
  for (const auto& t : tasks)
    rows_of(rules, t, [&](const std::string& role, bool own) {
      auto& part = partial[{&role, own ? t.unit_index : -1}];
      part.sample = &t;
      part.own = own;
      part.counts[column(t.state)]++;
    });
  for (const auto& [key, part] : partial) {
    const auto& t = *part.sample;
    areas_ = areas_ || (part.own && !t.area.empty());
    auto& row =
        rows_[{*key.first, part.own ? t.area : std::string(), part.own ? t.unit : std::string()}];
    for (std::size_t s = 0; s < row.n.size(); ++s) row.n[s] += part.counts[s];
  }
}

void StatusCounts::add(const std::vector<dsl::Process>& rules, const engine::Task& t, int sign) {
  rows_of(rules, t, [&](const std::string& role, bool own) {
    if (!areas_ && own && !t.area.empty()) {
      areas_ = true;  // a column more in every row
      for (auto& [key, row] : rows_) row.html.clear();
    }
    auto& row = rows_[{role, own ? t.area : std::string(), own ? t.unit : std::string()}];
    row.n[column(t.state)] += sign;
    row.html.clear();
  });
}

}  // namespace arshjul::web
