#pragma once
// The dependency graph of a process: a compact adjacency array searched for cycles by itself,
// Boost.Graph for the topological order and the DOT writer (included only in graph.cpp).
#include <memory>
#include <ostream>
#include <vector>

#include "dsl/model.hpp"

namespace arshjul::dsl {

/// Steps as vertices (by index) and an edge from each dependency to the step that waits for it.
class DependencyGraph {
 public:
  explicit DependencyGraph(const Process& process);
  ~DependencyGraph();
  DependencyGraph(DependencyGraph&&) noexcept;
  DependencyGraph& operator=(DependencyGraph&&) noexcept;

  /// The dependency cycles found (one per back edge of a depth-first search), each as step
  /// indices where each step depends on the next and the last depends on the first: the first
  /// `limit` of them, and how many there are. None for a valid process. The limit keeps a
  /// hostile file from costing memory and output quadratic in its size.
  struct Cycles {
    std::vector<std::vector<std::size_t>> listed;
    std::size_t total = 0;
  };
  Cycles cycles(std::size_t limit) const;

  /// Step indices so that each step comes after all it depends on.
  /// Precondition: there are no cycles (otherwise the order is unspecified but complete).
  std::vector<std::size_t> topological_order() const;

  /// Writes the graph in Graphviz DOT (Boost.Graph's writer): each step a box with its id,
  /// NÄR and VEM, coloured by its first required role; when `month_of_step` holds a month
  /// (1-12, or 13+ for the next year's) per step, steps are grouped in one cluster per month.
  /// A step of another process or cycle a step waits for (a link) is a dashed box named as
  /// EFTER writes it (`budget.anvisningar`) with a dashed edge.
  void write_dot(std::ostream& out, const Process& process,
                 const std::vector<int>& month_of_step = {}) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace arshjul::dsl
