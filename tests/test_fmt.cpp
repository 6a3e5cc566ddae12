// arshjul fmt: the canonical layout of rule files. Every rule file of the project keeps its
// meaning (the compiled model's canonical text) and formatting twice gives the same bytes; the
// layout rules one by one; the command in place, with --check, and on a file with errors.
#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <filesystem>

#include "dsl/canonical.hpp"
#include "dsl/format.hpp"
#include "dsl/loader.hpp"
#include "dsl/source.hpp"
#include "tests/helpers.hpp"

using namespace arshjul;
namespace fs = std::filesystem;

namespace {

std::string meaning(const dsl::RuleSet& rules) {
  std::string out;
  for (const auto& p : rules.processes) out += dsl::canonical_text(p);
  return out;
}

std::string layout(const std::string& text) {
  return dsl::format_rules(text);
}

}  // namespace

TEST_CASE("fmt keeps the meaning of every rule file and is idempotent", "[fmt]") {
  auto files = test::valid_rule_files();
  REQUIRE(files.size() >= 10);  // the shipped rules, the examples, the test data and seeds
  int with_steps = 0;
  for (const auto& file : files) {
    INFO(file.string());
    auto before = dsl::load_rules({file}, 2026);
    const std::string& text = *before.sources.text(file.string());
    const std::string once = layout(text);
    auto after = dsl::load_rules_with(file, once, 2026);
    CHECK(after.ok());
    CHECK(meaning(after) == meaning(before));
    CHECK(layout(once) == once);
    for (const auto& p : before.processes) with_steps += !p.steps.empty();
  }
  CHECK(with_steps >= 5);  // the comparison saw real processes, not only libraries
}

TEST_CASE("the canonical text changes with what a step means", "[fmt]") {
  const std::string base =
      "process p\n  cykel kalenderår\nroll Rektor\nsteg a\n  NÄR   maj\n  VEM   Rektor\n"
      "  VAD   Gör det\n";
  std::vector<dsl::Diagnostic> errors;
  auto p = test::compile_text(base, 2026, errors);
  REQUIRE(p);
  const std::string same = dsl::canonical_text(*p);
  for (const std::string changed :
       {"NÄR   juni", "VEM   Rektor (vid behov)", "VAD   Gör något annat", "VAD   Gör  det"}) {
    std::string text = base;
    const std::string field = changed.substr(0, 3);
    auto at = text.find("  " + field);
    text.replace(at, text.find('\n', at) - at, "  " + changed);
    auto q = test::compile_text(text, 2026, errors);
    REQUIRE(q);
    INFO(changed);
    CHECK(dsl::canonical_text(*q) != same);
  }
  // Layout alone does not change it.
  auto r = test::compile_text(
      "process p\n  cykel   kalenderår\n\n\nroll Rektor\nsteg a\n"
      "    NÄR maj   # när\n\tVEM Rektor\n  VAD Gör det\n",
      2026, errors);
  REQUIRE(r);
  CHECK(dsl::canonical_text(*r) == same);
}

TEST_CASE("fmt aligns values per kind of block and re-indents VAD continuation lines", "[fmt]") {
  CHECK(layout("steg a\n    NÄR maj\n\tVEM    Rektor\n  VAD Första raden\n"
               "      andra raden\n  EFTER b\n  SENAST   31 maj\n") ==
        "steg a\n  NÄR   maj\n  VEM   Rektor\n  VAD   Första raden\n        andra raden\n"
        "  EFTER b\n  SENAST 31 maj\n");
  CHECK(layout("mätetal m \"M\"\n  MÅL g\n  UPPFÖLJNING T1\n  VAD Andel\n   i procent\n") ==
        "mätetal m \"M\"\n  MÅL          g\n  UPPFÖLJNING  T1\n  VAD          Andel\n"
        "               i procent\n");
  CHECK(layout("mål g \"G\"\n  NIVÅ nämndmål\naktivitet a\n  KLART Q2\n") ==
        "mål g \"G\"\n  NIVÅ        nämndmål\n\naktivitet a\n  KLART  Q2\n");
  // English keywords line up the same way; fields of process and kalender take one space.
  CHECK(layout("process p\n  cycle    calendar-year\nstep a\n  WHEN may\n") ==
        "process p\n  cycle calendar-year\n\nstep a\n  WHEN  may\n");
}

TEST_CASE("fmt keeps comments where they are and puts one blank line between blocks", "[fmt]") {
  const std::string in =
      "\n\n# Om filen\n\n\n\nprocess  p   \"Två  ord # inte en kommentar\"\n"
      "  cykel kalenderår # cykeln\n# mitt i blocket\n  LEDTID 7\nsteg a\n  NÄR maj\n\n"
      "    # inne i steget\n  VEM Rektor  # vem\n  VAD x                     # vad\n"
      "# före b\nsteg b\n  NÄR juni\n\n\n";
  const std::string out =
      "# Om filen\n\nprocess p \"Två  ord # inte en kommentar\"\n"
      "  cykel kalenderår  # cykeln\n# mitt i blocket\n  LEDTID 7\n\nsteg a\n  NÄR   maj\n"
      "  # inne i steget\n  VEM   Rektor  # vem\n  VAD   x                   # vad\n\n"
      "# före b\nsteg b\n  NÄR   juni\n";
  CHECK(layout(in) == out);
  CHECK(layout(out) == out);
  // Headers without fields (a list of roles) keep their own grouping.
  CHECK(layout("roll A\nroll B\n\n\nroll C\n") == "roll A\nroll B\n\nroll C\n");
  // Windows line ends and a byte-order mark go; the text stays.
  CHECK(layout("\xEF\xBB\xBFsteg a\r\n  NÄR maj\r\n") == "steg a\n  NÄR   maj\n");
}

TEST_CASE("fmt follows the parser on what continues a VAD", "[fmt]") {
  // After a comment and a blank line, a deeper line still continues the VAD; a line at the
  // VAD's own depth is the next field.
  CHECK(layout("steg a\n  VAD en\n  # not\n\n      två\n  NÄR maj\n") ==
        "steg a\n  VAD   en\n  # not\n        två\n  NÄR   maj\n");
}

TEST_CASE("arshjul fmt writes in place, --check shows a diff, errors leave the file alone",
          "[fmt][cli]") {
  test::TempDir dir("fmt");
  const std::string messy =
      "process p\n  cykel kalenderår\n\nroll Rektor\n\n\nsteg a\n"
      "      NÄR maj\n  VEM Rektor\n  VAD Gör det\n";
  auto file = dir.write("p.arshjul", messy);
  ::chmod(file.c_str(), 0640);
  const std::string bin = ARSHJUL_BINARY;
  auto quoted = test::shell_quote(file.string());

  auto check = test::run_command(bin + " fmt --check " + quoted, dir.path() / "c");
  CHECK(check.exit_code == 1);
  CHECK(test::contains(check.out, "@@ -3,8 +3,7 @@"));
  CHECK(test::contains(check.out, "-      NÄR maj\n"));
  CHECK(test::contains(check.out, "+  NÄR   maj\n"));
  CHECK(test::contains(check.err, "1 fil(er) är inte formaterade"));
  CHECK(test::slurp(file) == messy);  // --check writes nothing

  auto run =
      test::run_command(bin + " fmt " + test::shell_quote(dir.path().string()), dir.path() / "r");
  CHECK(run.exit_code == 0);
  CHECK(test::contains(run.out, "p.arshjul: formaterad"));
  CHECK(test::slurp(file) == layout(messy));
  CHECK((fs::status(file).permissions() & fs::perms::all) ==
        (fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read));
  auto again = test::run_command(bin + " fmt --check " + quoted, dir.path() / "a");
  CHECK(again.exit_code == 0);
  CHECK(again.out.empty());

  const std::string broken = "steg a\n  NÄR   marsch\n";
  auto bad = dir.write("bad.arshjul", broken);
  auto refused =
      test::run_command(bin + " fmt " + test::shell_quote(bad.string()), dir.path() / "b");
  CHECK(refused.exit_code == 2);
  CHECK(test::contains(refused.err, "bad.arshjul:2:"));
  CHECK(test::slurp(bad) == broken);
  std::size_t left = 0;
  for (const auto& e : fs::directory_iterator(dir.path())) left += e.is_regular_file();
  CHECK(left == 2);  // no temporary files stay behind
}

TEST_CASE("the canonical text and the rules written back keep links as written", "[fmt][links]") {
  std::vector<dsl::Diagnostic> errors;
  auto p = test::compile_text(
      "process p\nroll R\nsteg a\n  NÄR maj\n  VEM R\n  VAD x\n"
      "steg b\n  NÄR juni\n  VEM R\n  VAD y\n"
      "  EFTER a förra cykeln, budget.anvisningar, P.a, budget.beslut previous cycle\n",
      2026, errors);
  REQUIRE(p);
  CHECK(errors.empty());
  // `P.a` is the process's own step: a plain dependency, listed first.
  CHECK(p->dependency_ids(p->steps[1]) ==
        "a, a förra cykeln, budget.anvisningar, budget.beslut förra cykeln");
  auto q = test::compile_text(dsl::source_text(*p), 2026, errors);
  REQUIRE(q);
  CHECK(dsl::canonical_text(*q) == dsl::canonical_text(*p));
}
