#include "dsl/model.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <iterator>

#include "dsl/text.hpp"

namespace arshjul::dsl {

// --- model helpers -----------------------------------------------------------------------

void Process::index_steps() {
  step_index_.clear();
  step_index_.reserve(steps.size());
  for (std::size_t i = 0; i < steps.size(); ++i) step_index_.insert(steps[i].id, i);
}

std::optional<std::size_t> Process::find_step(std::string_view id) const {
  return step_index_.find(id);
}

std::optional<std::size_t> Process::find_role(std::string_view name) const {
  for (std::size_t i = 0; i < roles.size(); ++i) {
    if (folded_equal(roles[i].name, name)) return i;
    for (const auto& a : roles[i].aliases)
      if (folded_equal(a, name)) return i;
  }
  return std::nullopt;
}

bool Process::per_unit(const Step& step) const {
  return per_unit(step.roles);
}

std::string filter_text(const UnitFilter& filter) {
  std::string out;
  for (const auto& c : filter) {
    if (!out.empty()) out += "; ";
    out += c.attribute.text + " =";
    for (std::size_t i = 0; i < c.values.size(); ++i) out += (i ? ", " : " ") + c.values[i].text;
  }
  return out;
}

bool Process::per_area(const Step& step) const {
  return per_area(step.roles);
}

bool Process::per_area(const std::vector<RoleRef>& refs) const {
  return !per_unit(refs) && std::any_of(refs.begin(), refs.end(), [&](const RoleRef& r) {
    return !r.if_needed && roles[r.role].per_area;
  });
}

bool Process::per_unit(const std::vector<RoleRef>& refs) const {
  return std::any_of(refs.begin(), refs.end(),
                     [&](const RoleRef& r) { return !r.if_needed && roles[r.role].per_unit; });
}

std::optional<std::size_t> Process::find_activity(std::string_view id) const {
  for (std::size_t i = 0; i < activities.size(); ++i)
    if (folded_equal(activities[i].id, id)) return i;
  return std::nullopt;
}

std::optional<std::size_t> Process::find_measure(std::string_view id) const {
  for (std::size_t i = 0; i < measures.size(); ++i)
    if (folded_equal(measures[i].id, id)) return i;
  return std::nullopt;
}

std::size_t Process::dependency_count() const {
  std::size_t n = 0;
  for (const auto& s : steps) n += s.deps.size() + s.links.size();
  return n;
}

std::string Process::dependency_ids(const Step& step, std::string_view sep) const {
  std::string out = join(
      step.deps, sep, [&](const Dependency& d) -> const std::string& { return steps[d.step].id; });
  for (const auto& l : step.links) out += (out.empty() ? "" : std::string(sep)) + l.text();
  return out;
}

std::string Link::text() const {
  // As the rule language writes it, whatever the language of the output: Swedish.
  return (process.empty() ? "" : process + ".") + step +
         (previous_cycle ? std::string(" ") + raw_text(Msg::previous_cycle_words, Lang::sv) : "");
}

namespace {
// The catalogue's words, indexed by the enums (StepType::none has none).
constexpr Msg kLevelNames[] = {Msg::level_board, Msg::level_administration, Msg::level_unit};
constexpr Msg kDirectionNames[] = {Msg::direction_higher, Msg::direction_lower};
constexpr Msg kTypeNames[] = {Msg::type_meeting,     Msg::type_meeting,  Msg::type_decision,
                              Msg::type_report,      Msg::type_activity, Msg::type_event,
                              Msg::type_information, Msg::type_theme};
static_assert(std::size(kLevelNames) == static_cast<std::size_t>(GoalLevel::unit) + 1);
static_assert(std::size(kDirectionNames) == static_cast<std::size_t>(Direction::lower) + 1);
static_assert(std::size(kTypeNames) == static_cast<std::size_t>(StepType::theme) + 1);
}  // namespace

std::string level_name(GoalLevel level, Lang lang) {
  return raw_text(kLevelNames[static_cast<std::size_t>(level)], lang);
}

std::string direction_name(Direction direction, Lang lang) {
  return raw_text(kDirectionNames[static_cast<std::size_t>(direction)], lang);
}

std::string type_name(StepType type, Lang lang) {
  if (type == StepType::none) return "";
  return raw_text(kTypeNames[static_cast<std::size_t>(type)], lang);
}

}  // namespace arshjul::dsl
