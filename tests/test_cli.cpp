// The command line speaks one language (issue 16, item 7): CLI11's errors worded by the
// catalogue with a did-you-mean, --version, -o on every command that writes a document, the
// rules given the same way everywhere, and help without CLI11's English or a stray "[...]".
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <string>

#include "tests/helpers.hpp"

using namespace arshjul;
namespace fs = std::filesystem;

namespace {

test::CommandResult run_en(const std::vector<std::string>& args, const fs::path& scratch) {
  std::string cmd = test::shell_quote(ARSHJUL_BINARY) + " --lang en";
  for (const auto& a : args) cmd += " " + test::shell_quote(a);
  return test::run_command(cmd + " </dev/null", scratch);
}

}  // namespace

TEST_CASE("a mistyped command or flag gets the catalogue's words and a suggestion", "[cli]") {
  test::TempDir dir("cli-errors");
  auto r = test::run_arshjul(dir.path(), {"stauts"}, dir.path() / "r");
  CHECK(r.exit_code == 2);
  CHECK(r.err ==
        "arshjul: okänt kommando 'stauts'; menade du 'status'?\n"
        "Kör arshjul --help för mer information.\n");
  r = run_en({"status", "--rol", "Rektor"}, dir.path() / "r");
  CHECK(r.exit_code == 2);
  CHECK(r.err.rfind("arshjul: unknown option '--rol'; did you mean '--role'?\n", 0) == 0);
  r = test::run_arshjul(dir.path(), {}, dir.path() / "r");
  CHECK(r.exit_code == 2);
  CHECK(r.err.rfind("arshjul: ange ett kommando\n", 0) == 0);
  r = test::run_arshjul(dir.path(), {"audit", "--format", "pdf"}, dir.path() / "r");
  CHECK(r.exit_code == 2);
  CHECK(r.err.rfind("arshjul: --format: 'pdf' är inte ett av text,markdown,html,json\n", 0) == 0);
  r = test::run_arshjul(dir.path(), {"audit", "--year"}, dir.path() / "r");
  CHECK(r.err.rfind("arshjul: --year behöver ett värde\n", 0) == 0);
  for (const auto& res : {r}) CHECK(res.err.find("not expected") == std::string::npos);
}

TEST_CASE("version: --version names the project version and the git revision", "[cli]") {
  test::TempDir dir("cli-version");
  auto r = test::run_arshjul(dir.path(), {"--version"}, dir.path() / "r");
  CHECK(r.exit_code == 0);
  CHECK(r.out.rfind("arshjul 0.", 0) == 0);
  CHECK(r.out.find('(') != std::string::npos);
  CHECK(r.out.back() == '\n');
}

TEST_CASE("help is in the run's language, without a stray [...]", "[cli]") {
  test::TempDir dir("cli-help");
  auto sv = test::run_arshjul(dir.path(), {"--help"}, dir.path() / "r");
  CHECK(sv.exit_code == 0);
  CHECK(sv.out.find("Användning:") != std::string::npos);
  CHECK(sv.out.find("visa den här hjälpen") != std::string::npos);
  CHECK(sv.out.find("[...]") == std::string::npos);
  CHECK(sv.out.find("Print this help") == std::string::npos);
  auto en = run_en({"--help"}, dir.path() / "r");
  CHECK(en.out.find("Usage:") != std::string::npos);
  CHECK(en.out.find("language of messages: sv or en") != std::string::npos);
}

TEST_CASE("the rules as FILE or --rules, not both, not neither", "[cli]") {
  test::TempDir dir("cli-rules");
  const std::string rules = std::string(ARSHJUL_SOURCE_DIR) + "/rules";
  auto positional = test::run_arshjul(dir.path(), {"check", rules}, dir.path() / "r");
  auto option = test::run_arshjul(dir.path(), {"check", "--rules", rules}, dir.path() / "r");
  CHECK(positional.exit_code == 0);
  CHECK(option.exit_code == 0);
  CHECK(option.out == positional.out);
  dir.write("none.toml", "lang = \"sv\"\n");  // a configuration that names no rules
  auto neither = test::run_arshjul(dir.path(), {"--config", "none.toml", "show", "--year", "2026"},
                                   dir.path() / "r");
  CHECK(neither.exit_code == 2);
  CHECK(neither.err.rfind(
            "arshjul: ange reglerna: FILE, --rules SÖKVÄG eller rules i arshjul.toml\n", 0) == 0);
  auto both = test::run_arshjul(dir.path(), {"check", rules, "--rules", rules}, dir.path() / "r");
  CHECK(both.exit_code == 2);
  CHECK(both.err.rfind("arshjul: FILE och --rules kan inte anges tillsammans\n", 0) == 0);
}

TEST_CASE("without FILE or --rules, check and show read the rules arshjul.toml names", "[cli]") {
  test::TempDir dir("cli-rules-config");
  const std::string src = ARSHJUL_SOURCE_DIR;  // run_arshjul's examples/arshjul.toml: ../rules
  dir.write("one.arshjul", "process en\nroll Nämnd\nsteg a\n  NÄR maj\n  VEM Nämnd\n  VAD a\n");
  auto given = test::run_arshjul(dir.path(), {"check", src + "/rules"}, dir.path() / "r");
  auto from_config = test::run_arshjul(dir.path(), {"check"}, dir.path() / "r");
  REQUIRE(given.exit_code == 0);
  CHECK(from_config.exit_code == 0);
  CHECK(from_config.out == given.out);
  auto show = test::run_arshjul(dir.path(), {"show", "--year", "2026"}, dir.path() / "r");
  CHECK(show.exit_code == 0);
  CHECK(show.out ==
        test::run_arshjul(dir.path(), {"show", "--year", "2026", src + "/rules"}, dir.path() / "r")
            .out);
  // A file on the command line is what is read, not the configuration's.
  auto one = test::run_arshjul(dir.path(), {"check", "one.arshjul"}, dir.path() / "r");
  CHECK(one.exit_code == 0);
  CHECK(one.out.find("process en") != std::string::npos);
  CHECK(one.out.find("resultatuppfoljning") == std::string::npos);
}

TEST_CASE("followup and audit write their document to -o", "[cli]") {
  test::TempDir dir("cli-output");
  const std::string src = ARSHJUL_SOURCE_DIR;
  const std::vector<std::string> common{"--rules",  src + "/rules",
                                        "--roster", src + "/examples/roster.csv",
                                        "--store",  (dir.path() / "none.db").string()};
  // A store to read (a read command does not create one).
  REQUIRE(test::run_arshjul(
              dir.path(),
              {"init", "--store", (dir.path() / "none.db").string(), "--start", "2019-01-01"},
              dir.path() / "r")
              .exit_code == 0);
  auto args = common;
  args.insert(args.begin(), {"followup", "--year", "2019", "--tertial", "T1"});
  auto to_stdout = test::run_arshjul(dir.path(), args, dir.path() / "r");
  args.insert(args.end(), {"-o", "f.txt"});
  auto to_file = test::run_arshjul(dir.path(), args, dir.path() / "r");
  CHECK(to_file.exit_code == to_stdout.exit_code);
  CHECK(to_file.out.empty());
  CHECK(test::slurp((dir.path() / "f.txt").string()) == to_stdout.out);
  CHECK(!to_stdout.out.empty());
  args = common;
  args.insert(args.begin(), {"audit", "--year", "2026", "--format", "html", "-o", "a.html"});
  auto audit = test::run_arshjul(dir.path(), args, dir.path() / "r");
  CHECK(audit.out.empty());
  CHECK(test::slurp((dir.path() / "a.html").string()).rfind("<!DOCTYPE html>", 0) == 0);
}
