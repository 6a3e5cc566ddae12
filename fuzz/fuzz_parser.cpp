// libFuzzer target: arbitrary bytes -> parse_rules -> compile -> format(), the whole path
// from rule text to error message. Any crash, sanitizer report, leak or hang is a bug:
// parse_rules promises never to throw, and compile must cope with whatever it parses.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "dsl/compiler.hpp"
#include "dsl/diagnostic.hpp"
#include "dsl/graph.hpp"
#include "dsl/links.hpp"
#include "dsl/parser.hpp"
#include "dsl/schedule.hpp"
#include "fuzz/fuzz_common.hpp"

using namespace arshjul::dsl;

namespace {

/// True when a NÄR counts from the kalender's terms, a holiday or another step: its days are
/// as far from the cycle as the terms or the count say, so the cycle bounds do not hold.
bool counts_from_something(const When& when) {
  for (const auto& o : when.occurrences)
    for (const Atom* a : {&o.from, o.to ? &*o.to : nullptr})
      if (a && (a->kind == AtomKind::term || a->kind == AtomKind::anchored ||
                a->kind == AtomKind::before_each_term))
        return true;
  return false;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string path = "fuzz.arshjul";
  std::string text(reinterpret_cast<const char*>(data), size);
  // The check year comes from the input (its first byte) so leap years, 53-week years and
  // the weekday of 1 January all vary: 2000..2059.
  const int year = 2000 + (size > 0 ? data[0] % 60 : 0);

  ParseResult parsed = parse_rules(text, path);
  std::vector<Diagnostic> diagnostics = std::move(parsed.diagnostics);
  std::vector<FileSyntax*> files{&parsed.file};
  auto process = compile(files, year, diagnostics);
  if (process) {
    // Exercise the model helpers the compiler's users call.
    (void)process->dependency_count();
    for (const auto& step : process->steps) {
      (void)process->per_unit(step);
      (void)process->find_step(step.id);
    }
    for (const auto& role : process->roles) (void)process->find_role(role.name);
    // Links across processes: the process beside a copy of itself named `andra`, so
    // `EFTER andra.x` resolves and can close a circle through both (the copy's links as
    // written: `andra.x` from the copy is a link to itself by another name).
    std::vector<Process> processes{*process}, others{*process};
    others[0].id = "andra";
    link_processes(processes, others, diagnostics);
    for (const auto& step : processes[0].steps) (void)processes[0].dependency_ids(step);
  }
  if (process && diagnostics.empty()) {
    // A valid process: the graph and schedule views `arshjul show/graph` build from it
    // (windows also for the following cycle, which the checker did not validate).
    DependencyGraph graph(*process);
    (void)graph.topological_order();
    std::ostringstream dot;
    graph.write_dot(dot, *process);
    std::vector<Diagnostic> ignored;
    for (const auto& step : process->steps) {
      (void)windows(step, process->cycle, year + 1, ignored, &*process);
      (void)windows(*process, step, year + 1, ignored);
      const bool bounded = !counts_from_something(step.when);
      // In the checked cycle every window of a valid step starts no earlier than three days
      // before the cycle (ISO week 1 may start on 29 December, a läsår week on 29 July),
      // ends no later than a week after the cycle that follows (`nästa år`), and does not
      // end before it starts.
      using std::chrono::days;
      using std::chrono::sys_days;
      const sys_days first = cycle_start(process->cycle, year);
      const sys_days limit = sys_days(cycle_start(process->cycle, year + 2)) + days(7);
      for (const auto& w : windows(step, process->cycle, year, ignored, &*process)) {
        if ((bounded && (sys_days(w.start) < first - days(3) || sys_days(w.deadline) > limit)) ||
            sys_days(w.deadline) < sys_days(w.start)) {
          std::fprintf(stderr,
                       "fuzz_parser: step '%s' (NÄR %s) has the window %s..%s in cycle %d\n",
                       step.id.c_str(), step.when.text.c_str(), iso(w.start).c_str(),
                       iso(w.deadline).c_str(), year);
          std::abort();
        }
      }
    }
  }

  Sources sources;
  sources.add(path, std::move(text));
  arshjul::fuzz::check_diagnostics(diagnostics, sources, path);
  return 0;
}
