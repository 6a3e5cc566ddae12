#pragma once
// The overview's table of tasks per role, område and unit and state, kept beside the cached
// snapshot: counted once over every task, then changed by the tasks classified anew after a
// write, so the overview need not count hundreds of thousands of tasks again.
#include <array>
#include <map>
#include <string>
#include <vector>

#include "dsl/model.hpp"
#include "engine/engine.hpp"

namespace arshjul::web {

class StatusCounts {
 public:
  /// Role, then område (for a role per unit or område), then unit.
  using Key = std::array<std::string, 3>;
  struct SwedishLess {
    bool operator()(const Key& a, const Key& b) const;
  };
  struct Row {
    std::array<int, 9> n{};    ///< tasks per State (done late counted as done)
    mutable std::string html;  ///< the row as the overview wrote it last; "" once n changes
  };

  /// Counts every task of `tasks`, evaluated by `rules`.
  StatusCounts(const std::vector<dsl::Process>& rules, const std::vector<engine::Task>& tasks);
  /// Counts `t` once more (`sign` 1) or once less (-1): a task classified anew.
  void add(const std::vector<dsl::Process>& rules, const engine::Task& t, int sign);

  const std::map<Key, Row, SwedishLess>& rows() const { return rows_; }
  /// True when some row has an område.
  bool areas() const { return areas_; }

 private:
  std::map<Key, Row, SwedishLess> rows_;
  bool areas_ = false;
};

}  // namespace arshjul::web
