#include "engine/task_id.hpp"

#include <algorithm>
#include <charconv>

#include "dsl/text.hpp"
#include "engine/roster.hpp"

namespace arshjul::engine {
namespace {

std::optional<int> whole_number(std::string_view s) {
  int v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (s.empty() || ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
  return v;
}

// The finaliser of splitmix64: every input bit reaches every output bit.
std::uint64_t mix(std::uint64_t x) {
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

}  // namespace

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
  auto cycle = whole_number(*cycle_text);
  auto occurrence = whole_number(rest.substr(last + 1));
  if (process->empty() || step->empty() || !cycle || !occurrence) return std::nullopt;
  id.process = *process;
  id.cycle = *cycle;
  id.step = *step;
  id.unit = rest.substr(0, last);
  id.occurrence = *occurrence;
  return id;
}

std::size_t TaskKeyHash::operator()(const TaskKey& k) const noexcept {
  std::uint64_t h = mix((std::uint64_t{k.process} << 32) | std::uint32_t(k.cycle));
  h = mix(h ^ ((std::uint64_t{k.step} << 32) | std::uint32_t(k.unit)));
  return static_cast<std::size_t>(mix(h ^ std::uint32_t(k.occurrence)));
}

std::optional<TaskRef> find_task(const TaskId& id, const std::vector<dsl::Process>& processes,
                                 const Roster& roster) {
  const auto process_id = dsl::fold(id.process);
  auto p = std::find_if(processes.begin(), processes.end(),
                        [&](const dsl::Process& x) { return dsl::fold(x.id) == process_id; });
  if (p == processes.end()) return std::nullopt;
  auto step = p->find_step(id.step);
  if (!step) return std::nullopt;
  TaskRef ref{static_cast<std::size_t>(p - processes.begin()), *step,
              TaskId{p->id, id.cycle, p->steps[*step].id, {}, id.occurrence}};
  if (p->per_unit(p->steps[*step])) {
    auto unit = roster.find_unit(id.unit);
    if (!unit) return std::nullopt;
    ref.id.unit = *unit;
  }
  return ref;
}

}  // namespace arshjul::engine
