// bench_lsp [--steps N] [--edits K]: the language server at the speed of typing. A generated
// rule file of N steps (default 1,000; rulegen.hpp) is opened in an lsp::Server, then edited
// K times (default 200) as a person types: one character appended to a VAD line, then the
// next, each a whole-document didChange as VS Code sends it. Each edit is timed from the
// message to the diagnostics the server answers with (parse, compile with includes, date
// checks, diagnostics as JSON). Prints min, median, p95 and max in ms.
// The goal (issue 19): a 1,000-step file re-checked in under 20 ms.
#include <fmt/format.h>
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <string>
#include <vector>

#include "bench/rulegen.hpp"
#include "lsp/server.hpp"

namespace {

// CPU time of this thread in ms: what an edit costs, less disturbed by other programs.
double thread_cpu_ms() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) * 1e3 + static_cast<double>(t.tv_nsec) / 1e6;
}

}  // namespace

int main(int argc, char** argv) {
  std::size_t steps = 1000, edits = 200;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string a = argv[i];
    if (a == "--steps") steps = std::strtoul(argv[i + 1], nullptr, 10);
    if (a == "--edits") edits = std::strtoul(argv[i + 1], nullptr, 10);
  }
  std::string text = arshjul::bench::generate_rules(steps, 1);
  const std::string uri = "file:///tmp/arshjul-bench-lsp.arshjul";
  arshjul::lsp::Server server({2026, {}, arshjul::dsl::Lang::sv});
  auto out = server.handle({{"jsonrpc", "2.0"},
                            {"method", "textDocument/didOpen"},
                            {"params", {{"textDocument", {{"uri", uri}, {"text", text}}}}}});
  if (out.empty() || !out.back()["params"]["diagnostics"].empty()) {
    fmt::print(stderr, "bench_lsp: the generated file does not check cleanly\n");
    return 1;
  }
  // The VAD lines, where the edits go (one letter each, in turn).
  std::vector<std::size_t> vad_ends;
  for (std::size_t at = text.find("  VAD"); at != std::string::npos;
       at = text.find("  VAD", at + 1))
    vad_ends.push_back(text.find('\n', at));
  std::vector<double> ms, cpu;
  for (std::size_t k = 0; k < edits; ++k) {
    std::size_t pos = vad_ends[k % vad_ends.size()];
    text.insert(pos, "x");
    for (auto& e : vad_ends)
      if (e >= pos) ++e;
    double c0 = thread_cpu_ms();
    auto t0 = std::chrono::steady_clock::now();
    auto reply = server.handle({{"jsonrpc", "2.0"},
                                {"method", "textDocument/didChange"},
                                {"params",
                                 {{"textDocument", {{"uri", uri}, {"version", k + 2}}},
                                  {"contentChanges", nlohmann::json::array({{{"text", text}}})}}}});
    auto t1 = std::chrono::steady_clock::now();
    cpu.push_back(thread_cpu_ms() - c0);
    if (reply.empty() || !reply.back()["params"]["diagnostics"].empty()) {
      fmt::print(stderr, "bench_lsp: edit {} gave diagnostics\n", k);
      return 1;
    }
    ms.push_back(std::chrono::duration<double, std::milli>(t1 - t0).count());
  }
  std::sort(ms.begin(), ms.end());
  std::sort(cpu.begin(), cpu.end());
  fmt::print(
      "{} steps ({} KB), {} edits: re-check min {:.2f}  median {:.2f}  p95 {:.2f}  max {:.2f} ms"
      "  (cpu median {:.2f} ms)\n",
      steps, text.size() / 1024, edits, ms.front(), ms[ms.size() / 2], ms[ms.size() * 95 / 100],
      ms.back(), cpu[cpu.size() / 2]);
  return 0;
}
