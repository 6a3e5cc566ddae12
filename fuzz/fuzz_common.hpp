#pragma once
// What every fuzz target checks of the diagnostics it got for one input: each renders in
// Swedish and English, names the input's file, and points at an existing line of it and a
// column on it (or just after its end). A broken invariant aborts, so libFuzzer keeps the
// input.
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "dsl/diagnostic.hpp"
#include "dsl/loader.hpp"

namespace arshjul::fuzz {

inline unsigned line_count(const std::string& text) {
  unsigned n = 1;
  for (char c : text) n += c == '\n';
  return n;
}

/// An invariant broke: show the diagnostic and stop.
[[noreturn]] inline void fail(const char* what, const dsl::Diagnostic& d,
                              const dsl::Sources& sources) {
  std::fprintf(stderr, "fuzz: %s: %s:%u:%u\n%s", what, d.where.file.c_str(), d.where.line,
               d.where.column, format(d, sources, dsl::Lang::en).c_str());
  std::abort();
}

/// An invariant about the result (not a diagnostic) broke.
[[noreturn]] inline void fail(const std::string& what) {
  std::fprintf(stderr, "fuzz: %s\n", what.c_str());
  std::abort();
}

/// The shipped rules (rules/, and the example goal chain for its measures; checked for
/// 2026), loaded once: what the CSV targets check their rows against.
inline const dsl::RuleSet& shipped_rules() {
  static const dsl::RuleSet rules = [] {
    const std::string root = ARSHJUL_SOURCE_DIR;
    auto r = dsl::load_rules({root + "/rules", root + "/examples/malkedja/mal.arshjul"}, 2026);
    if (!r.ok() || r.processes.empty()) fail("the shipped rules did not load");
    return r;
  }();
  return rules;
}

/// Checks `diagnostics` against the text of `path` in `sources` (sorted first).
inline void check_diagnostics(std::vector<dsl::Diagnostic>& diagnostics,
                              const dsl::Sources& sources, const std::string& path) {
  dsl::sort_diagnostics(diagnostics);
  for (const auto& d : diagnostics) {
    std::size_t total = 0;
    for (dsl::Lang lang : {dsl::Lang::sv, dsl::Lang::en}) total += format(d, sources, lang).size();
    if (total == 0) fail("a diagnostic rendered to nothing", d, sources);
    if (d.where.file != path) fail("a diagnostic names another file", d, sources);
    if (d.where.line == 0) continue;
    if (d.where.line > line_count(*sources.text(path)))
      fail("a diagnostic points past the last line", d, sources);
    if (d.where.column == 0 || d.where.column > sources.line(path, d.where.line).size() + 1)
      fail("a diagnostic points outside its line", d, sources);
  }
}

}  // namespace arshjul::fuzz
