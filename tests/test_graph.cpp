// arshjul graph: DOT from Boost.Graph's writer, grouped by month and coloured by role.
#include <array>
#include <catch2/catch.hpp>
#include <cstdio>

#include "tests/helpers.hpp"

using arshjul::test::contains;

namespace {

std::string run(const std::string& command, int* status = nullptr) {
  std::string out;
  FILE* pipe = popen(command.c_str(), "r");
  REQUIRE(pipe);
  std::array<char, 4096> buf;
  while (auto n = std::fread(buf.data(), 1, buf.size(), pipe)) out.append(buf.data(), n);
  int rc = pclose(pipe);
  if (status) *status = rc;
  return out;
}

}  // namespace

TEST_CASE("graph: the seed plan as DOT, one cluster per month, edges for EFTER") {
  auto dot = run(std::string(ARSHJUL_BINARY) +
                 " graph " ARSHJUL_SOURCE_DIR "/rules/mal_och_handlingsplaner.arshjul --year 2026");
  CHECK(contains(dot, "digraph G {"));
  CHECK(contains(dot, "label=\"februari\""));
  CHECK(
      contains(dot, "label=\"januari nästa år\""));  // vp_till_nämnd, January after the cycle year
  CHECK(contains(dot, "fillcolor="));
  CHECK(contains(dot, "label=\"skiss\\nfebruari–mars\\nEnhetschef\""));
  // 13 steps, 14 dependencies: one "->" per EFTER name.
  std::size_t edges = 0;
  for (std::size_t at = dot.find("->"); at != std::string::npos; at = dot.find("->", at + 2))
    ++edges;
  CHECK(edges == 14);
}

TEST_CASE("graph -o file.svg renders through Graphviz", "[graphviz]") {
  // ctest reports this test SKIPPED on a machine without Graphviz (tests/needs.sh).
  INFO("Graphviz dot is not installed: this test needs it (scripts/deps.sh installs it)");
  REQUIRE(std::system("command -v dot >/dev/null 2>&1") == 0);
  arshjul::test::TempDir dir("graph-svg");
  auto svg = (dir.path() / "graph.svg").string();
  int status = 0;
  run(std::string(ARSHJUL_BINARY) +
          " graph " ARSHJUL_SOURCE_DIR "/rules/resultatuppfoljning.arshjul --year 2026 -o " + svg,
      &status);
  REQUIRE(status == 0);
  auto text = run("cat " + svg);
  CHECK(contains(text, "<svg"));
  CHECK(contains(text, "t2_redovisning"));
}
