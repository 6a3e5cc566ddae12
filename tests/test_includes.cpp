// inkludera: roles shared between files, relative paths, each file read once per process.
#include <catch2/catch.hpp>
#include <filesystem>

#include "dsl/canonical.hpp"
#include "dsl/compiler.hpp"
#include "dsl/loader.hpp"
#include "dsl/parser.hpp"
#include "tests/helpers.hpp"

using namespace arshjul::dsl;
using arshjul::test::TempDir;

TEST_CASE("roles come from an included library, relative to the including file") {
  TempDir dir("include");
  dir.write("lib/roller.arshjul", "roll Enhetschef per enhet alias Rektor\nroll Nämnd\n");
  dir.write("lib/mer.arshjul", "inkludera \"roller.arshjul\"\nroll Personal per enhet\n");
  auto main = dir.write("plan.arshjul",
                        "process plan \"Plan\"\n"
                        "inkludera \"lib/roller.arshjul\"\n"
                        "include \"lib/mer.arshjul\"   # includes roller.arshjul again\n"
                        "steg a\n  NÄR mars\n  VEM Rektor, Personal\n  VAD gör\n");
  auto rules = load_rules({main}, 2026);
  INFO((rules.diagnostics.empty() ? std::string()
                                  : format(rules.diagnostics[0], rules.sources, Lang::sv)));
  REQUIRE(rules.ok());
  REQUIRE(rules.processes.size() == 1);
  const auto& p = rules.processes[0];
  CHECK(p.roles.size() == 3);  // the library included twice is read once: no duplicate roles
  CHECK(p.per_unit(p.steps[0]));
}

TEST_CASE("a folder loads every process and skips libraries") {
  TempDir dir("folder");
  dir.write("roller.arshjul", "roll Nämnd\n");
  dir.write("a.arshjul",
            "process a\ninkludera \"roller.arshjul\"\nsteg x\n  NÄR maj\n  VEM Nämnd\n  VAD x\n");
  dir.write("b.arshjul",
            "process b\ninkludera \"roller.arshjul\"\nsteg y\n  NÄR juni\n  VEM Nämnd\n  VAD y\n");
  dir.write("notes.txt", "not a rule file");
  auto rules = load_rules({dir.path()}, 2026);
  REQUIRE(rules.ok());
  REQUIRE(rules.processes.size() == 2);
  CHECK(rules.processes[0].id == "a");
  CHECK(rules.processes[1].id == "b");
}

TEST_CASE("an error in an included file points into that file") {
  TempDir dir("include-error");
  dir.write("roller.arshjul", "roll Nämnd\nroll Nämnd\n");
  auto main = dir.write("a.arshjul", "process a\ninkludera \"roller.arshjul\"\n");
  auto rules = load_rules({main}, 2026);
  REQUIRE(rules.diagnostics.size() == 1);
  CHECK(rules.diagnostics[0].where.file == (dir.path() / "roller.arshjul").string());
  CHECK(rules.diagnostics[0].where.line == 2);
  CHECK(rules.diagnostics[0].msg == Msg::duplicate_role);
}

// The compiler takes the steps out of the syntax it compiles (a large file is not held twice);
// a library with steps included by two processes must give both of them its steps, and its
// syntax error must be reported once.
TEST_CASE("steps of a library included by two processes are in both") {
  TempDir dir("include-steps");
  dir.write("gemensamt.arshjul",
            "roll Nämnd\nsteg delad\n  NÄR april\n  VEM Nämnd\n  VAD gemensam\n"
            "  UTFALL ja, nej\nsteg trasig x y\n");
  dir.write("a.arshjul",
            "process a\ninkludera \"gemensamt.arshjul\"\nsteg x\n  NÄR maj\n"
            "  VEM Nämnd\n  VAD x\n  OM delad = ja\n");
  dir.write("b.arshjul",
            "process b\ninkludera \"gemensamt.arshjul\"\nsteg y\n  NÄR juni\n"
            "  VEM Nämnd\n  VAD y\n  EFTER delad\n");
  auto rules = load_rules({dir.path()}, 2026);
  REQUIRE(rules.processes.size() == 2);
  for (const auto& p : rules.processes) {
    INFO(p.id);
    REQUIRE(p.find_step("delad"));
    CHECK(p.steps[*p.find_step("delad")].task == "gemensam");
    CHECK(p.steps[*p.find_step("delad")].outcomes == std::vector<std::string>{"ja", "nej"});
  }
  CHECK(rules.processes[0].steps[*rules.processes[0].find_step("x")].condition);
  CHECK(rules.processes[1].steps[*rules.processes[1].find_step("y")].deps.size() == 1);
  REQUIRE(rules.diagnostics.size() == 1);  // `steg trasig x y`, once
  CHECK(rules.diagnostics[0].where.line == 7);
}

// The loader hands each step to the compiler as soon as it is read (no file's steps are held
// at once): what it compiles must be what whole files compile to, with the same errors, when
// roles are declared after the steps using them, a step stands before the process line, and
// roles report to each other in a circle.
TEST_CASE("steps taken as they are read compile as whole files do") {
  TempDir dir("include-taken");
  const std::string root =
      "process a\ninkludera \"mer.arshjul\"\n"
      "steg x\n  NÄR maj\n  VEM Chef\n  VAD x\n  UTFALL ja, nej\n"
      "steg y\n  NÄR juni\n  VEM Okänd, Styrelse\n  VAD y\n  EFTER x, z, saknas\n  OM x = ja\n"
      "roll Chef rapporterar till Styrelse\nroll Styrelse rapporterar till Chef\n"
      "steg x\n  NÄR juli\n  VEM Chef\n  VAD igen\n";
  const std::string more = "steg z\n  NÄR augusti\n  VEM Chef\n  VAD z\n  EFTER y\n";
  const std::string early = "steg tidig\n  NÄR maj\n  VEM Chef\n  VAD t\n" + root;
  for (const std::string& text : {root, early}) {
    auto main = dir.write("a.arshjul", text);
    dir.write("mer.arshjul", more);
    auto loaded = load_rules({main}, 2026);
    auto a = parse_rules(text, main.string());
    auto b = parse_rules(more, (dir.path() / "mer.arshjul").string());
    std::vector<Diagnostic> errors;
    auto whole = compile({&a.file, &b.file}, 2026, errors);
    std::erase_if(errors, [](const Diagnostic& d) { return d.warning; });
    sort_diagnostics(errors);
    REQUIRE(whole);
    REQUIRE(loaded.processes.size() == 1);
    CHECK(canonical_text(loaded.processes[0]) == canonical_text(*whole));
    auto messages = [&](const std::vector<Diagnostic>& ds) {
      std::vector<std::string> out;
      for (const auto& d : ds) out.push_back(format(d, loaded.sources, Lang::sv));
      return out;
    };
    CHECK(messages(loaded.diagnostics) == messages(errors));
    CHECK(errors.size() >= 5);  // Okänd, saknas, the circle, x twice, and the cycle x->y->z
  }
}

// A library reached by two spellings of its path (a folder linked under another name) is one
// file: read once, its error said once, at the path first met; a process named twice is
// compiled once.
TEST_CASE("a file reached through a symbolic link is one file") {
  TempDir dir("include-symlink");
  dir.write("gemensamt/roller.arshjul", "roll Nämnd\nroll Nämnd\n");
  std::filesystem::create_directory_symlink(dir.path() / "gemensamt", dir.path() / "delat");
  dir.write("a.arshjul", "process a\ninkludera \"gemensamt/roller.arshjul\"\n");
  dir.write("b.arshjul", "process b\ninkludera \"delat/roller.arshjul\"\n");
  auto rules = load_rules({dir.path()}, 2026);
  REQUIRE(rules.processes.size() == 2);
  REQUIRE(rules.diagnostics.size() == 1);
  CHECK(rules.diagnostics[0].msg == Msg::duplicate_role);
  CHECK(rules.diagnostics[0].where.file == (dir.path() / "gemensamt/roller.arshjul").string());
  std::filesystem::create_symlink(dir.path() / "a.arshjul", dir.path() / "c.arshjul");
  auto named_twice = load_rules({dir.path() / "a.arshjul", dir.path() / "c.arshjul"}, 2026);
  CHECK(named_twice.processes.size() == 1);
}
