#include "dsl/graph.hpp"

#include <algorithm>
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/graphviz.hpp>
#include <boost/graph/topological_sort.hpp>
#include <map>

#include "dsl/months.hpp"

namespace arshjul::dsl {

namespace {

// The edges in one vector too (the last vecS; the default, a list, allocates each edge): a
// graph of 100,000 steps has 130,000 of them. They are never removed.
using Graph =
    boost::adjacency_list<boost::vecS, boost::vecS, boost::bidirectionalS, boost::no_property,
                          boost::no_property, boost::no_property, boost::vecS>;

}  // namespace

// The steps waiting for step u are targets[offsets[u]] .. targets[offsets[u + 1] - 1], in the
// order Boost's out-edges of u would be (by waiting step, then its EFTER): two vectors for a
// graph of 100,000 steps (Boost's bidirectional adjacency list holds two vectors per vertex).
struct DependencyGraph::Impl {
  std::vector<std::size_t> offsets, targets;
  std::size_t size() const { return offsets.size() - 1; }
};

namespace {

using Vertex = Graph::vertex_descriptor;

// Boost's graph of `process`, its edges added in the order of the steps and their EFTER.
Graph boost_graph(const Process& process) {
  Graph g(process.steps.size());
  for (std::size_t i = 0; i < process.steps.size(); ++i)
    for (const auto& dep : process.steps[i].deps) boost::add_edge(dep.step, i, g);
  return g;
}

}  // namespace

DependencyGraph::DependencyGraph(const Process& process) : impl_(std::make_unique<Impl>()) {
  const auto& steps = process.steps;
  auto& offsets = impl_->offsets;
  offsets.assign(steps.size() + 1, 0);
  for (const auto& s : steps)
    for (const auto& dep : s.deps) ++offsets[dep.step + 1];
  for (std::size_t u = 0; u < steps.size(); ++u) offsets[u + 1] += offsets[u];
  impl_->targets.resize(offsets.back());
  std::vector<std::size_t> next(offsets.begin(), offsets.end() - 1);
  for (std::size_t i = 0; i < steps.size(); ++i)
    for (const auto& dep : steps[i].deps) impl_->targets[next[dep.step]++] = i;
}

DependencyGraph::~DependencyGraph() = default;
DependencyGraph::DependencyGraph(DependencyGraph&&) noexcept = default;
DependencyGraph& DependencyGraph::operator=(DependencyGraph&&) noexcept = default;

// A depth-first search as Boost's depth_first_search makes it (vertices in order, each one's
// edges in order), recording for every back edge the cycle it closes: edge u -> v (v waits for
// u) with v an ancestor of u closes v -> ... -> u -> v, listed as v, u, parent(u), ...: each
// step depends on the next, the last on v.
DependencyGraph::Cycles DependencyGraph::cycles(std::size_t limit) const {
  const Impl& g = *impl_;
  enum Colour : unsigned char { white, grey, black };
  std::vector<Colour> colour(g.size(), white);
  std::vector<std::size_t> parent(g.size());
  std::vector<std::pair<std::size_t, std::size_t>> stack;  // vertex, its next edge
  Cycles found;
  for (std::size_t root = 0; root < g.size(); ++root) {
    if (colour[root] != white) continue;
    colour[root] = grey;
    stack.push_back({root, g.offsets[root]});
    while (!stack.empty()) {
      auto& [u, e] = stack.back();
      if (e == g.offsets[u + 1]) {
        colour[u] = black;
        stack.pop_back();
        continue;
      }
      std::size_t from = u, v = g.targets[e++];
      if (colour[v] == white) {
        parent[v] = from;
        colour[v] = grey;
        stack.push_back({v, g.offsets[v]});
      } else if (colour[v] == grey && found.total++ < limit) {
        std::vector<std::size_t> path{v};
        for (std::size_t w = from; w != v; w = parent[w]) path.push_back(w);
        found.listed.push_back(std::move(path));
      }
    }
  }
  return found;
}

std::vector<std::size_t> DependencyGraph::topological_order() const {
  Graph graph(impl_->size());  // out-edges in the order of the steps' EFTER, as boost_graph's
  for (std::size_t u = 0; u < impl_->size(); ++u)
    for (std::size_t e = impl_->offsets[u]; e < impl_->offsets[u + 1]; ++e)
      boost::add_edge(u, impl_->targets[e], graph);
  std::vector<Vertex> reversed;
  try {
    boost::topological_sort(graph, std::back_inserter(reversed));
  } catch (const boost::not_a_dag&) {
    reversed.clear();
    for (Vertex v = 0; v < boost::num_vertices(graph); ++v) reversed.push_back(v);
    std::reverse(reversed.begin(), reversed.end());
  }
  return {reversed.rbegin(), reversed.rend()};
}

void DependencyGraph::write_dot(std::ostream& out, const Process& process,
                                const std::vector<int>& month_of_step) const {
  static constexpr const char* kPalette[] = {"#cfe2f3", "#d9ead3", "#fff2cc", "#f4cccc",
                                             "#d9d2e9", "#fce5cd", "#d0e0e3", "#ead1dc"};
  auto escape = [](const std::string& s) {
    std::string r;
    for (char c : s) r += (c == '"' || c == '\\') ? std::string("\\") + c : std::string(1, c);
    return r;
  };
  // Each step takes the colour of its first required role; its box says id, NÄR and VEM.
  auto vertex_label = [&](std::ostream& os, Vertex v) {
    const Step& s = process.steps[v];
    std::string roles;
    std::size_t colour = 0;
    for (const auto& r : s.roles) {
      if (roles.empty() || (colour == 0 && !r.if_needed)) colour = r.role;
      if (!roles.empty()) roles += ", ";
      roles += process.roles[r.role].name + (r.if_needed ? " (vid behov)" : "");
    }
    os << "[label=\"" << escape(s.id) << "\\n"
       << escape(s.when.text) << "\\n"
       << escape(roles) << "\", shape=box, style=\"filled,rounded\", fillcolor=\""
       << kPalette[colour % 8] << "\"]";
  };
  // A step of another process or cycle (EFTER budget.anvisningar): a dashed box of its own,
  // once per link text, with a dashed edge to each step that waits for it.
  auto write_links = [&](std::ostream& os) {
    std::vector<std::string> seen;
    for (std::size_t i = 0; i < process.steps.size(); ++i)
      for (const auto& l : process.steps[i].links) {
        auto at = std::find(seen.begin(), seen.end(), l.text());
        if (at == seen.end()) {
          at = seen.insert(seen.end(), l.text());
          os << "link" << seen.size() - 1 << " [label=\"" << escape(l.text())
             << "\", shape=box, style=\"dashed,rounded\"];\n";
        }
        os << "link" << at - seen.begin() << " -> " << i << " [style=dashed];\n";
      }
  };
  // Steps grouped by the month their window starts in (clusters in the month order given).
  auto graph_attrs = [&](std::ostream& os) {
    os << "label=\"" << escape(process.title.empty() ? process.id : process.title) << "\";\n"
       << "rankdir=LR;\nfontname=\"sans-serif\";\nnode [fontname=\"sans-serif\"];\n";
    write_links(os);
    if (month_of_step.size() != process.steps.size()) return;
    std::vector<int> months;
    for (int m : month_of_step)
      if (m > 0 && std::find(months.begin(), months.end(), m) == months.end()) months.push_back(m);
    for (int m : months) {
      os << "subgraph cluster_" << m << " {\nlabel=\"" << month_name((m - 1) % 12 + 1, Lang::sv)
         << (m > 12 ? " nästa år" : "") << "\";\nstyle=dashed;\n";
      for (std::size_t i = 0; i < month_of_step.size(); ++i)
        if (month_of_step[i] == m) os << i << ";\n";
      os << "}\n";
    }
  };
  boost::write_graphviz(out, boost_graph(process), vertex_label, boost::default_writer(),
                        graph_attrs);
}

}  // namespace arshjul::dsl
