#pragma once
// Small helpers shared by the tests: compile rule text held in a string.
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>

#include "dsl/compiler.hpp"
#include "dsl/loader.hpp"
#include "dsl/parser.hpp"
#include "dsl/schedule.hpp"

namespace arshjul::test {

/// `s` quoted for /bin/sh.
inline std::string shell_quote(const std::string& s) {
  std::string q = "'";
  for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

/// The bytes of the file at `p`; empty when it cannot be read.
inline std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

inline bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

/// Parses and compiles `text` as file "t.arshjul"; diagnostics land in `errors`.
inline std::optional<dsl::Process> compile_text(const std::string& text, int year,
                                                std::vector<dsl::Diagnostic>& errors) {
  auto parsed = dsl::parse_rules(text, "t.arshjul");
  errors = parsed.diagnostics;
  return dsl::compile({&parsed.file}, year, errors);
}

/// Each element of `items` as text, in order.
template <typename Range, typename TextOf>
std::vector<std::string> texts_of(const Range& items, TextOf text_of) {
  std::vector<std::string> out;
  for (const auto& x : items) out.push_back(text_of(x));
  return out;
}

/// The messages of `diagnostics`, in Swedish.
inline std::vector<std::string> messages_sv(const std::vector<dsl::Diagnostic>& diagnostics) {
  return texts_of(diagnostics, [](const dsl::Diagnostic& d) {
    return dsl::render(d.msg, d.args, dsl::Lang::sv);
  });
}

/// "start..deadline" of each window, as the schedule tests compare them.
inline std::vector<std::string> spans_text(const std::vector<dsl::Window>& windows) {
  return texts_of(windows, [](const dsl::Window& w) {
    return dsl::iso(w.start) + ".." + dsl::iso(w.deadline);
  });
}

/// `text` split at spaces: a command line written as one string in a table of test cases.
inline std::vector<std::string> words(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

/// What a shell command printed and how it exited.
struct CommandResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

/// Runs `command` with /bin/sh, capturing stdout and stderr in files beside `scratch`.
inline CommandResult run_command(const std::string& command, const std::filesystem::path& scratch) {
  auto out = scratch.string() + ".out", err = scratch.string() + ".err";
  int status = std::system((command + " >" + shell_quote(out) + " 2>" + shell_quote(err)).c_str());
  CommandResult r{WIFEXITED(status) ? WEXITSTATUS(status) : -1, slurp(out), slurp(err)};
  std::filesystem::remove(out);
  std::filesystem::remove(err);
  return r;
}

/// The built binary with Swedish messages, run in folder `cwd` with `args` quoted one by one
/// and nothing on stdin; stdout and stderr captured beside `scratch`. Rules and roster are the
/// shipped example's (examples/arshjul.toml) unless `args` name others.
inline CommandResult run_arshjul(const std::filesystem::path& cwd,
                                 const std::vector<std::string>& args,
                                 const std::filesystem::path& scratch) {
  std::string cmd = "cd " + shell_quote(cwd.string()) + " && ARSHJUL_CONFIG=" +
                    shell_quote(std::string(ARSHJUL_SOURCE_DIR) + "/examples/arshjul.toml") + " " +
                    shell_quote(ARSHJUL_BINARY) + " --lang sv";
  for (const auto& a : args) cmd += " " + shell_quote(a);
  return run_command(cmd + " </dev/null", scratch);
}

/// Every rule file of the repository that checks without errors (the bad corpus and the
/// fuzzer's error seeds are left out: they are wrong on purpose).
inline std::vector<std::filesystem::path> valid_rule_files() {
  namespace fs = std::filesystem;
  std::vector<fs::path> files;
  const fs::path root = ARSHJUL_SOURCE_DIR;
  for (const char* dir :
       {"rules", "examples", "tests/data", "tests/public", "fuzz/seeds", "fuzz/regressions"})
    for (const auto& e : fs::recursive_directory_iterator(root / dir))
      if (e.path().extension() == ".arshjul" && dsl::load_rules({e.path()}, 2026).ok())
        files.push_back(e.path());
  std::sort(files.begin(), files.end());
  return files;
}

/// A fresh empty folder under the system temp dir, removed when the object dies. The name
/// carries the process id: ctest runs test cases in parallel processes, and two of them
/// sharing a folder removed each other's files.
class TempDir {
 public:
  explicit TempDir(const std::string& name)
      : path_(std::filesystem::temp_directory_path() /
              ("arshjul-test-" + name + "-" + std::to_string(::getpid()))) {
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~TempDir() { std::filesystem::remove_all(path_); }
  const std::filesystem::path& path() const { return path_; }
  /// Writes `text` to `name` inside the folder (creating sub-folders) and returns its path.
  std::filesystem::path write(const std::string& name, const std::string& text) const {
    auto p = path_ / name;
    std::filesystem::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << text;
    return p;
  }

 private:
  std::filesystem::path path_;
};

}  // namespace arshjul::test
