#include "engine/task_id.hpp"

#include <algorithm>

#include "dsl/text.hpp"
#include "engine/roster.hpp"

namespace arshjul::engine {
std::string TaskId::text() const {
  return process + "/" + std::to_string(cycle) + "/" + step + "/" + unit + "/" +
         std::to_string(occurrence);
}

std::optional<TaskId> TaskId::parse(std::string_view text) {
  // process/cycle/step/ then the unit up to the last '/', then the occurrence.
  TaskId id;
  std::string_view rest = text;
  auto field = [&rest]() -> std::optional<std::string_view> {
    auto slash = rest.find('/');
    if (slash == std::string_view::npos) return std::nullopt;
    auto f = rest.substr(0, slash);
    rest.remove_prefix(slash + 1);
    return f;
  };
  auto process = field(), cycle_text = field(), step = field();
  auto last = rest.rfind('/');
  if (!process || !cycle_text || !step || last == std::string_view::npos) return std::nullopt;
  auto cycle = dsl::read_year(*cycle_text);
  auto occurrence = dsl::read_number(rest.substr(last + 1), 1, kMaxOccurrence);
  if (process->empty() || step->empty() || !cycle || !occurrence) return std::nullopt;
  id.process = *process;
  id.cycle = *cycle;
  id.step = *step;
  id.unit = rest.substr(0, last);
  id.occurrence = *occurrence;
  return id;
}

std::size_t TaskKeyHash::operator()(const TaskKey& k) const noexcept {
  // The fields side by side, as the engine meets them: consecutive units and occurrences of a
  // step land in neighbouring buckets, which keeps the lookups of an evaluation in the cache
  // (a mixing hash scattered them and made `status` a third slower). Bits beyond a field's
  // usual width are folded in, not cut: equality compares every field, so no two tasks are
  // ever taken for one, and the process's high bits still spread the buckets.
  std::uint64_t h = (std::uint64_t{k.process} << 56) ^
                    (std::uint64_t{std::uint32_t(k.cycle)} << 44) ^ (std::uint64_t{k.step} << 28) ^
                    (std::uint64_t{std::uint32_t(k.unit + 1)} << 8) ^ std::uint32_t(k.occurrence);
  return static_cast<std::size_t>(h ^ (std::uint64_t{k.process >> 8} * 0x9e3779b97f4a7c15ULL));
}

std::optional<TaskRef> find_task(const TaskId& id, const std::vector<dsl::Process>& processes,
                                 const Roster& roster) {
  auto named = [&](const dsl::Process& x) { return dsl::folded_equal(x.id, id.process); };
  // Of several versions of a process (engine/versions.hpp), the one in force in the cycle.
  auto p = std::find_if(processes.begin(), processes.end(),
                        [&](const dsl::Process& x) { return named(x) && x.applies_in(id.cycle); });
  if (p == processes.end()) p = std::find_if(processes.begin(), processes.end(), named);
  if (p == processes.end()) return std::nullopt;
  auto step = p->find_step(id.step);
  if (!step) return std::nullopt;
  TaskRef ref{static_cast<std::size_t>(p - processes.begin()), *step,
              TaskId{p->id, id.cycle, p->steps[*step].id, {}, id.occurrence}};
  if (p->per_unit(p->steps[*step]) || p->per_area(p->steps[*step])) {
    auto unit =
        p->per_unit(p->steps[*step]) ? roster.find_unit(id.unit) : roster.find_area(id.unit);
    if (!unit) return std::nullopt;
    ref.id.unit = *unit;
  }
  return ref;
}

}  // namespace arshjul::engine
