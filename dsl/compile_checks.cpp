#include "dsl/compile_checks.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <iterator>
#include <utility>

#include "dsl/graph.hpp"
#include "dsl/schedule.hpp"

namespace arshjul::dsl {

namespace {

void check_reports_chain(const Process& p, const std::vector<std::optional<Name>>& reports_to,
                         std::size_t start, std::vector<Diagnostic>& errors) {
  std::vector<std::size_t> seen{start};
  for (auto next = p.roles[start].reports_to; next; next = p.roles[*next].reports_to) {
    if (*next < start) return;  // a cycle is reported once, from its first role
    if (*next == start) {
      std::string chain;
      for (auto r : seen) chain += p.roles[r].name + " -> ";
      errors.push_back(
          {reports_to[start]->where, Msg::reports_to_cycle, {chain + p.roles[start].name}, {}});
      return;
    }
    if (std::find(seen.begin(), seen.end(), *next) != seen.end())
      return;  // reported at its own start
    seen.push_back(*next);
  }
}

}  // namespace

void check_reports_chains(const Process& p, const std::vector<std::optional<Name>>& reports_to,
                          std::vector<Diagnostic>& errors) {
  for (std::size_t i = 0; i < p.roles.size(); ++i) check_reports_chain(p, reports_to, i, errors);
}

std::string cycle_text(const Process& p, const std::vector<std::size_t>& cycle) {
  constexpr std::size_t kHead = 4, kTail = 3;
  std::string text;
  for (std::size_t k = 0; k < cycle.size(); ++k) {
    if (cycle.size() > kHead + kTail + 1 && k == kHead) {
      text += fmt::format("… ({}) … -> ", cycle.size() - kHead - kTail);
      k = cycle.size() - kTail - 1;
      continue;
    }
    text += p.steps[cycle[k]].id + " -> ";
  }
  return text + p.steps[cycle.front()].id;
}

void check_cycles(const Process& p, std::vector<Diagnostic>& errors) {
  constexpr std::size_t kListed = 10;
  auto cycles = DependencyGraph(p).cycles(kListed);
  for (const auto& cycle : cycles.listed) {
    std::string text = cycle_text(p, cycle);
    // Point at the EFTER of the first step that names the next one in the cycle.
    std::size_t next = cycle.size() > 1 ? cycle[1] : cycle[0];
    Location at = p.steps[cycle.front()].where;
    for (const auto& d : p.steps[cycle.front()].deps)
      if (d.step == next) at = d.where;
    errors.push_back({at, Msg::dependency_cycle, {text}, {}});
  }
  if (cycles.total > kListed)
    errors.push_back(
        {p.where, Msg::dependency_cycles_more, {std::to_string(cycles.total - kListed)}, {}});
}

void check_anchor_cycles(const Process& p, const std::vector<AnchorEdge>& anchors,
                         std::vector<Diagnostic>& errors) {
  std::vector<std::vector<std::pair<std::size_t, Location>>> next(p.steps.size());
  for (const auto& a : anchors) next[a.from].push_back({a.to, a.where});
  std::vector<int> state(p.steps.size(), 0);  // 0 new, 1 on the path, 2 done
  std::vector<std::size_t> path;
  auto visit = [&](auto&& self, std::size_t i) -> void {
    state[i] = 1;
    path.push_back(i);
    for (const auto& [j, where] : next[i]) {
      if (state[j] == 1) {
        auto from = std::find(path.begin(), path.end(), j);
        errors.push_back({where, Msg::anchor_cycle, {cycle_text(p, {from, path.end()})}, {}});
      } else if (state[j] == 0) {
        self(self, j);
      }
    }
    path.pop_back();
    state[i] = 2;
  };
  for (std::size_t i = 0; i < p.steps.size(); ++i)
    if (state[i] == 0) visit(visit, i);
}

namespace {

void check_windows(const Process& p, const std::vector<bool>& broken_steps, int year,
                   std::vector<Diagnostic>& errors) {
  // Of each step's windows only the first start and the last deadline are compared: kept
  // rather than the windows (10 MB for 100,000 steps).
  struct Span {
    Date start, deadline;
  };
  std::vector<std::optional<Span>> spans;
  spans.reserve(p.steps.size());
  for (std::size_t i = 0; i < p.steps.size(); ++i) {
    const Step& step = p.steps[i];
    bool broken = broken_steps[i] || step.when.occurrences.empty();
    auto ws = broken ? std::vector<Window>{} : windows(step, p.cycle, year, errors, &p);
    if (step.deadline && ws.size() == 1 &&
        std::chrono::sys_days(ws.front().deadline) < std::chrono::sys_days(ws.front().start))
      errors.push_back({step.deadline->where,
                        Msg::deadline_before_start,
                        {iso(ws.front().deadline), iso(ws.front().start)},
                        {}});
    spans.push_back(ws.empty() ? std::nullopt
                               : std::optional<Span>(Span{ws.front().start, ws.back().deadline}));
  }
  for (std::size_t i = 0; i < p.steps.size(); ++i) {
    for (const auto& d : p.steps[i].deps) {
      const auto& mine = spans[i];
      const auto& theirs = spans[d.step];
      if (!mine || !theirs) continue;
      if (std::chrono::sys_days(mine->deadline) < std::chrono::sys_days(theirs->start))
        errors.push_back(
            {d.where,
             Msg::dependency_order,
             {p.steps[i].id, iso(mine->deadline), p.steps[d.step].id, iso(theirs->start)},
             {}});
    }
  }
}

}  // namespace

void check_dates(const Process& p, const std::vector<bool>& broken, int year,
                 std::vector<Diagnostic>& errors) {
  std::vector<Diagnostic> found;
  check_windows(p, broken, year, found);
  // A process that does not apply this year (`gäller`) needs no terms for it.
  std::copy_if(found.begin(), found.end(), std::back_inserter(errors), [&](const Diagnostic& d) {
    return p.applies_in(year) || d.msg != Msg::term_not_in_calendar;
  });
}

}  // namespace arshjul::dsl
