#include "dsl/links.hpp"

#include <string>
#include <utility>

#include "dsl/text.hpp"

namespace arshjul::dsl {
namespace {

const Process* find_process(const std::string& id, const std::vector<Process>& processes,
                            const std::vector<Process>& others) {
  for (const auto* list : {&processes, &others})
    for (const auto& p : *list)
      if (fold(p.id) == fold(id)) return &p;
  return nullptr;
}

std::vector<std::string> process_ids(const std::vector<Process>& processes,
                                     const std::vector<Process>& others) {
  std::vector<std::string> ids;
  for (const auto* list : {&processes, &others})
    for (const auto& p : *list) ids.push_back(p.id);
  return ids;
}

std::vector<std::string> step_ids(const Process& p) {
  std::vector<std::string> ids;
  for (const auto& s : p.steps) ids.push_back(s.id);
  return ids;
}

// False (with the error said) when the link names no process or step there is.
bool resolve(Link& l, const std::vector<Process>& processes, const std::vector<Process>& others,
             std::vector<Diagnostic>& errors) {
  const Process* q = find_process(l.process, processes, others);
  if (!q) {
    errors.push_back({l.where,
                      Msg::link_unknown_process,
                      {l.process},
                      closest(l.process, process_ids(processes, others))});
    return false;
  }
  auto step = q->find_step(l.step);
  if (!step) {
    errors.push_back(
        {l.where, Msg::link_unknown_step, {l.step, q->id}, closest(l.step, step_ids(*q))});
    return false;
  }
  l.process = q->id;
  l.step = q->steps[*step].id;
  return true;
}

/// The steps of all processes as one graph: an edge from a step to each step it waits for in
/// the same cycle (EFTER within the process, and links without `förra cykeln`).
class CombinedGraph {
 public:
  /// `all`: the processes checked, then those read only to resolve links (`checked` is how
  /// many are checked: a cycle among the others alone is theirs to report).
  CombinedGraph(const std::vector<const Process*>& all, std::size_t checked)
      : all_(all), checked_(checked) {
    for (std::size_t p = 0; p < all.size(); ++p) {
      first_.push_back(names_.size());
      for (const auto& s : all[p]->steps) names_.push_back({p, all[p]->id + "." + s.id});
    }
    edges_.resize(names_.size());
    for (std::size_t p = 0; p < all.size(); ++p)
      for (std::size_t s = 0; s < all[p]->steps.size(); ++s) add_edges(p, s);
  }

  /// Each cycle through more than one process, as the text of its path and where it starts.
  std::vector<std::pair<std::string, Location>> cross_cycles(std::size_t limit) const {
    std::vector<std::pair<std::string, Location>> out;
    std::vector<int> state(names_.size(), 0);               // 0 new, 1 on the path, 2 done
    std::vector<std::pair<std::size_t, std::size_t>> path;  // vertex, next edge
    for (std::size_t root = 0; root < names_.size() && out.size() < limit; ++root) {
      if (state[root]) continue;
      path.push_back({root, 0});
      state[root] = 1;
      while (!path.empty() && out.size() < limit) {
        auto& [v, e] = path.back();
        if (e == edges_[v].size()) {
          state[v] = 2;
          path.pop_back();
          continue;
        }
        std::size_t w = edges_[v][e++].first;
        if (state[w] == 0) {
          state[w] = 1;
          path.push_back({w, 0});
        } else if (state[w] == 1) {
          report(path, w, out);
        }
      }
      for (const auto& [v, e] : path) state[v] = 2;
      path.clear();
    }
    return out;
  }

 private:
  void add_edges(std::size_t p, std::size_t s) {
    const Step& step = all_[p]->steps[s];
    std::size_t from = first_[p] + s;
    for (const auto& d : step.deps) edges_[from].push_back({first_[p] + d.step, d.where});
    for (const auto& l : step.links) {
      if (l.previous_cycle || l.process.empty()) continue;  // another cycle: no circle
      for (std::size_t q = 0; q < all_.size(); ++q)
        if (all_[q]->id == l.process)
          if (auto t = all_[q]->find_step(l.step))
            edges_[from].push_back({first_[q] + *t, l.where});
    }
  }

  void report(const std::vector<std::pair<std::size_t, std::size_t>>& path, std::size_t w,
              std::vector<std::pair<std::string, Location>>& out) const {
    std::size_t start = 0;
    while (path[start].first != w) ++start;
    bool cross = false, checked = false;
    std::string text;
    for (std::size_t k = start; k < path.size(); ++k) {
      text += names_[path[k].first].second + " -> ";
      cross |= names_[path[k].first].first != names_[w].first;
      checked |= names_[path[k].first].first < checked_;
    }
    if (!cross || !checked) return;  // inside one process: the compiler said it
    const auto& [v, e] = path[start];
    out.push_back({text + names_[w].second, edges_[v][e - 1].second});
  }

  const std::vector<const Process*>& all_;
  std::size_t checked_;
  std::vector<std::size_t> first_;                          // per process: its first vertex
  std::vector<std::pair<std::size_t, std::string>> names_;  // per vertex: process, "p.s"
  std::vector<std::vector<std::pair<std::size_t, Location>>> edges_;  // to, where written
};

}  // namespace

bool has_foreign_links(const std::vector<Process>& processes) {
  for (const auto& p : processes)
    for (const auto& s : p.steps)
      for (const auto& l : s.links)
        if (!l.process.empty() && !find_process(l.process, processes, {})) return true;
  return false;
}

void link_processes(std::vector<Process>& processes, const std::vector<Process>& others,
                    std::vector<Diagnostic>& errors) {
  bool any = false;
  for (auto& p : processes)
    for (auto& s : p.steps) {
      s.links.erase_if(
          [&](Link& l) { return !l.process.empty() && !resolve(l, processes, others, errors); });
      for (const auto& l : s.links) any |= !l.process.empty();
    }
  if (!any) return;
  std::vector<const Process*> all;
  for (const auto& p : processes) all.push_back(&p);
  for (const auto& p : others) all.push_back(&p);
  constexpr std::size_t kListed = 10;
  for (auto& [text, where] : CombinedGraph(all, processes.size()).cross_cycles(kListed))
    errors.push_back({where, Msg::dependency_cycle, {text}, {}});
}

}  // namespace arshjul::dsl
