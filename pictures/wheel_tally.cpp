#include "pictures/wheel.hpp"

namespace arshjul::pictures {

StateTally::StateTally(const std::vector<engine::Task>& tasks, std::size_t process, int year)
    : StateTally(process, year) {
  for (const auto& t : tasks) add(t, 1);
}

void StateTally::add(const engine::Task& task, int n) {
  if (task.process != process_ || task.cycle != year_) return;
  auto& counts = counts_[{task.step, task.occurrence}];  // value-initialised: all 0
  counts[static_cast<std::size_t>(task.state)] += n;
}

const StateTally::Counts* StateTally::of(std::size_t step, int occurrence) const {
  auto it = counts_.find({step, occurrence});
  return it == counts_.end() ? nullptr : &it->second;
}

}  // namespace arshjul::pictures
