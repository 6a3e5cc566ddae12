// The corpus of malformed rule files: every tests/bad/*.arshjul is checked against its
// sibling .expected, which holds exactly what `arshjul check` prints to stderr for it
// (every warning and the "N varningar" line, then every error and the "N fel" line that only
// the command line prints). A case of a warning only is checked the same way.
//
// A case whose first line is `# år: 2027` is checked for that cycle year (default 2026).
// Files under tests/bad/inc/ are helpers included by cases, not cases themselves; files
// named *.arshjul.pending are cases waiting for a parser fix and are not run. A case with a
// sibling NAME.roster.csv is also checked against that roster, as `arshjul check --roster`
// does: the roster's errors follow the rules' (unit filters against the roster's columns).
#include <sys/wait.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "dsl/diagnostic.hpp"
#include "dsl/loader.hpp"
#include "engine/roster.hpp"
#include "tests/helpers.hpp"

using arshjul::test::slurp;

namespace {

namespace fs = std::filesystem;
using arshjul::dsl::Lang;

constexpr int kDefaultYear = 2026;
constexpr std::size_t kMinCases = 30;

/// Runs the enclosing scope in the source dir, so file names in diagnostics are
/// `tests/bad/...` exactly as in the .expected files; restores the old directory after.
class InSourceDir {
 public:
  InSourceDir() : old_(fs::current_path()) { fs::current_path(ARSHJUL_SOURCE_DIR); }
  ~InSourceDir() {
    std::error_code ec;
    fs::current_path(old_, ec);
  }
  InSourceDir(const InSourceDir&) = delete;
  InSourceDir& operator=(const InSourceDir&) = delete;

 private:
  fs::path old_;
};

/// The cases, as paths relative to the source dir, in name order.
std::vector<fs::path> cases() {
  std::vector<fs::path> out;
  for (const auto& e : fs::directory_iterator("tests/bad"))
    if (e.is_regular_file() && e.path().extension() == ".arshjul") out.push_back(e.path());
  std::sort(out.begin(), out.end());
  return out;
}

/// The year in a first line `# år: 2027` (after an optional BOM), else the default.
int check_year(const fs::path& file) {
  std::string line = slurp(file);
  line = line.substr(0, line.find('\n'));
  if (line.rfind("\xEF\xBB\xBF", 0) == 0) line.erase(0, 3);
  const std::string prefix = "# år:";
  if (line.rfind(prefix, 0) != 0) return kDefaultYear;
  try {
    return std::stoi(line.substr(prefix.size()));
  } catch (const std::exception&) {
    return kDefaultYear;
  }
}

/// What `arshjul check` prints to stderr: the warnings and their count, then the errors and
/// theirs.
std::string check_output(const arshjul::dsl::RuleSet& rules) {
  std::string out;
  for (const auto& d : rules.warnings) out += arshjul::dsl::format(d, rules.sources, Lang::sv);
  if (rules.warnings.size() == 1) out += "1 varning\n";
  if (rules.warnings.size() > 1) out += std::to_string(rules.warnings.size()) + " varningar\n";
  for (const auto& d : rules.diagnostics) out += arshjul::dsl::format(d, rules.sources, Lang::sv);
  if (!rules.diagnostics.empty()) out += std::to_string(rules.diagnostics.size()) + " fel\n";
  return out;
}

struct Run {
  int exit_code = -1;
  std::string err;
};

/// Runs `args` with the built binary from the source dir; captures stderr, drops stdout.
Run run_binary(const std::string& args) {
  InSourceDir here;
  std::string cmd = std::string("'") + ARSHJUL_BINARY + "' " + args + " 2>&1 >/dev/null";
  Run r;
  FILE* pipe = popen(cmd.c_str(), "r");
  if (pipe == nullptr) return r;
  char buf[4096];
  std::size_t n = 0;
  while ((n = fread(buf, 1, sizeof buf, pipe)) > 0) r.err.append(buf, n);
  int status = pclose(pipe);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

}  // namespace

TEST_CASE("bad corpus: every malformed file gives exactly its expected diagnostics", "[bad]") {
  InSourceDir here;
  const auto files = cases();
  REQUIRE(files.size() >= kMinCases);
  for (const auto& file : files) {
    fs::path expected_path = fs::path(file).replace_extension(".expected");
    DYNAMIC_SECTION(file.string()) {
      REQUIRE(fs::exists(expected_path));
      const int year = check_year(file);
      auto rules = arshjul::dsl::load_rules({file}, year);
      fs::path roster = fs::path(file).replace_extension(".roster.csv");
      if (rules.ok() && fs::exists(roster))
        arshjul::engine::load_roster(roster.string(), rules.processes, rules.sources,
                                     rules.diagnostics);
      INFO("check year " << year);
      CHECK((!rules.diagnostics.empty() || !rules.warnings.empty()));
      CHECK(check_output(rules) == slurp(expected_path));
    }
  }
}

TEST_CASE("bad corpus: no .expected without a case", "[bad]") {
  InSourceDir here;
  for (const auto& e : fs::directory_iterator("tests/bad")) {
    if (e.path().extension() != ".expected") continue;
    fs::path stem = fs::path(e.path()).replace_extension(".arshjul");
    fs::path pending = fs::path(stem).concat(".pending");
    INFO(e.path().string());
    CHECK((fs::exists(stem) || fs::exists(pending)));
  }
}

TEST_CASE("bad corpus: `arshjul check` prints the diagnostics and exits 2", "[bad][cli]") {
  // Several different errors in one file, none of them depending on the year checked.
  const std::string file = "tests/bad/59_flera_fel.arshjul";
  auto run = run_binary("--lang sv check " + file);
  CHECK(run.exit_code == 2);
  InSourceDir here;
  CHECK(run.err == slurp("tests/bad/59_flera_fel.expected"));
}

TEST_CASE("bad corpus: `arshjul check` on a valid file exits 0 and prints no error", "[bad][cli]") {
  auto run = run_binary("--lang sv check tests/data/sketch_example.arshjul");
  CHECK(run.exit_code == 0);
  CHECK(run.err.empty());
}
