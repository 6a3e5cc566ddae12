// fmt: rule files in the canonical layout (dsl/format.hpp), in place or checked.
#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "cli/common.hpp"
#include "dsl/canonical.hpp"
#include "dsl/format.hpp"
#include "dsl/loader.hpp"
#include "engine/files.hpp"

namespace arshjul::cli {
namespace {
namespace fs = std::filesystem;

std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

using Script = std::vector<std::pair<char, std::string>>;  // ' ', '-' or '+' and the line

/// The hunks of a unified diff of `script`: each change with 3 lines of context, changes less
/// than 7 lines apart in one hunk.
std::string hunks(const Script& script) {
  std::vector<std::size_t> changes, a_before{0}, b_before{0};  // lines of a and b before k
  for (std::size_t k = 0; k < script.size(); ++k) {
    if (script[k].first != ' ') changes.push_back(k);
    a_before.push_back(a_before.back() + (script[k].first != '+'));
    b_before.push_back(b_before.back() + (script[k].first != '-'));
  }
  std::string out;
  for (std::size_t c = 0; c < changes.size(); ++c) {
    std::size_t first = changes[c], last = first;
    while (c + 1 < changes.size() && changes[c + 1] - last <= 7) last = changes[++c];
    std::size_t start = first - std::min<std::size_t>(first, 3);
    std::size_t end = std::min(script.size(), last + 4);
    out +=
        fmt::format("@@ -{},{} +{},{} @@\n", a_before[start] + 1, a_before[end] - a_before[start],
                    b_before[start] + 1, b_before[end] - b_before[start]);
    for (std::size_t k = start; k < end; ++k) out += script[k].first + script[k].second + "\n";
  }
  return out;
}

/// A unified diff (3 lines of context) from `a` to `b`: the longest common subsequence of the
/// lines between the common start and end, so a long file with a few changes stays cheap.
std::string unified_diff(const std::string& a_text, const std::string& b_text,
                         const std::string& name) {
  auto a = split_lines(a_text), b = split_lines(b_text);
  std::size_t head = 0, tail = 0;
  while (head < a.size() && head < b.size() && a[head] == b[head]) ++head;
  while (tail < a.size() - head && tail < b.size() - head &&
         a[a.size() - 1 - tail] == b[b.size() - 1 - tail])
    ++tail;
  const std::size_t n = a.size() - head - tail, m = b.size() - head - tail;
  std::vector<std::vector<std::uint32_t>> lcs(n + 1, std::vector<std::uint32_t>(m + 1, 0));
  for (std::size_t i = n; i-- > 0;)
    for (std::size_t j = m; j-- > 0;)
      lcs[i][j] = a[head + i] == b[head + j] ? lcs[i + 1][j + 1] + 1
                                             : std::max(lcs[i + 1][j], lcs[i][j + 1]);
  // The edit script over the middle, as ' ', '-' and '+' lines.
  Script script;
  for (std::size_t i = 0; i < head; ++i) script.emplace_back(' ', a[i]);
  std::size_t i = 0, j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[head + i] == b[head + j]) {
      script.emplace_back(' ', a[head + i]), ++i, ++j;
    } else if (j < m && (i == n || lcs[i][j + 1] >= lcs[i + 1][j])) {
      script.emplace_back('+', b[head + j++]);
    } else {
      script.emplace_back('-', a[head + i++]);
    }
  }
  for (std::size_t k = a.size() - tail; k < a.size(); ++k) script.emplace_back(' ', a[k]);
  return fmt::format("--- {0}\n+++ {0} (arshjul fmt)\n", name) + hunks(script);
}

/// The rule files named by `paths`: files as given, folders' `*.arshjul` in name order.
std::vector<fs::path> files_of(const std::vector<std::string>& paths) {
  std::vector<fs::path> files;
  for (const auto& p : paths) {
    std::error_code ec;
    auto found = fs::is_directory(p, ec) ? dsl::rule_files(p) : std::vector<fs::path>{p};
    files.insert(files.end(), found.begin(), found.end());
  }
  return files;
}

std::string meaning(const dsl::RuleSet& rules) {
  std::string out;
  for (const auto& p : rules.processes) out += dsl::canonical_text(p);
  return out;
}

struct FmtOptions {
  std::vector<std::string> paths;
  bool check = false;
};

int run_fmt(const FmtOptions& o, const GlobalOptions& g) {
  const int year = current_year();
  int exit_code = kExitOk;
  std::size_t unformatted = 0;
  for (const auto& file : files_of(o.paths)) {
    auto before = dsl::load_rules({file}, year);
    if (!report(before, g)) {
      exit_code = std::max(exit_code, kExitBadInput);
      continue;
    }
    const std::string& text = *before.sources.text(file.string());
    std::string formatted = dsl::format_rules(text);
    std::ifstream raw(file, std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(raw)), std::istreambuf_iterator<char>());
    if (formatted == bytes) continue;
    auto after = dsl::load_rules_with(file, formatted, year);
    if (!after.ok() || meaning(after) != meaning(before)) {  // a bug in fmt: never save it
      std::cerr << say<Msg::fmt_would_change_meaning>(g.language(), file.string());
      exit_code = std::max(exit_code, kExitBadInput);
      continue;
    }
    ++unformatted;
    if (o.check) {
      std::cout << unified_diff(bytes, formatted, file.string());
      exit_code = std::max(exit_code, kExitFindings);
    } else if (engine::write_file_atomically(file, formatted)) {
      std::cout << say<Msg::fmt_formatted>(g.language(), file.string());
    } else {
      std::cerr << say<Msg::cannot_write_file>(g.language(), file.string(), std::strerror(errno));
      exit_code = std::max(exit_code, kExitStoreError);
    }
  }
  if (o.check && unformatted) std::cerr << say<Msg::fmt_not_formatted>(g.language(), unformatted);
  return exit_code;
}

}  // namespace

void add_fmt_command(CLI::App& app, const GlobalOptions& g, int& exit_code) {
  static FmtOptions o;
  auto* cmd = app.add_subcommand("fmt", tr<Msg::cli_help_fmt>(g.language()));
  cmd->add_option("paths", o.paths, tr<Msg::cli_help_rule_files_or_folders>(g.language()))
      ->required()
      ->check(CLI::ExistingPath);
  cmd->add_flag("--check", o.check, tr<Msg::cli_help_fmt_check>(g.language()));
  cmd->callback([&g, &exit_code] { exit_code = run_fmt(o, g); });
}

}  // namespace arshjul::cli
