#include "dsl/graph.hpp"

#include <algorithm>
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/depth_first_search.hpp>
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

struct DependencyGraph::Impl {
  Graph graph;
};

namespace {

using Vertex = Graph::vertex_descriptor;

// Records the DFS tree, and for every back edge the cycle it closes.
struct CycleRecorder : boost::default_dfs_visitor {
  std::vector<Vertex>* parent;
  DependencyGraph::Cycles* cycles;
  std::size_t limit = 0;

  void tree_edge(Graph::edge_descriptor e, const Graph& g) const {
    (*parent)[boost::target(e, g)] = boost::source(e, g);
  }
  // Edge u -> v (v waits for u) with v an ancestor of u closes v -> ... -> u -> v.
  // Listed as v, u, parent(u), ...: each step depends on the next, the last on v.
  void back_edge(Graph::edge_descriptor e, const Graph& g) const {
    if (cycles->total++ >= limit) return;
    Vertex u = boost::source(e, g), v = boost::target(e, g);
    std::vector<std::size_t> path{v};
    for (Vertex w = u; w != v; w = (*parent)[w]) path.push_back(w);
    cycles->listed.push_back(std::move(path));
  }
};

}  // namespace

DependencyGraph::DependencyGraph(const Process& process) : impl_(std::make_unique<Impl>()) {
  impl_->graph = Graph(process.steps.size());
  for (std::size_t i = 0; i < process.steps.size(); ++i)
    for (const auto& dep : process.steps[i].deps) boost::add_edge(dep.step, i, impl_->graph);
}

DependencyGraph::~DependencyGraph() = default;
DependencyGraph::DependencyGraph(DependencyGraph&&) noexcept = default;
DependencyGraph& DependencyGraph::operator=(DependencyGraph&&) noexcept = default;

DependencyGraph::Cycles DependencyGraph::cycles(std::size_t limit) const {
  const auto& g = impl_->graph;
  std::vector<Vertex> parent(boost::num_vertices(g));
  Cycles found;
  CycleRecorder rec;
  rec.parent = &parent;
  rec.cycles = &found;
  rec.limit = limit;
  std::vector<boost::default_color_type> colors(boost::num_vertices(g));
  boost::depth_first_search(g, boost::visitor(rec).color_map(boost::make_iterator_property_map(
                                   colors.begin(), boost::get(boost::vertex_index, g))));
  return found;
}

std::vector<std::size_t> DependencyGraph::topological_order() const {
  std::vector<Vertex> reversed;
  try {
    boost::topological_sort(impl_->graph, std::back_inserter(reversed));
  } catch (const boost::not_a_dag&) {
    reversed.clear();
    for (Vertex v = 0; v < boost::num_vertices(impl_->graph); ++v) reversed.push_back(v);
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
  boost::write_graphviz(out, impl_->graph, vertex_label, boost::default_writer(), graph_attrs);
}

}  // namespace arshjul::dsl
