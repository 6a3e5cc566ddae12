// arshjul diff: a comparison of what two versions of the rules mean. dsl::compare on small
// processes (moved, renamed, added, removed, changed), then the command on files, on folders
// and on two git revisions of a real repository.
#include <catch2/catch.hpp>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "dsl/compare.hpp"
#include "tests/helpers.hpp"

using namespace arshjul;
using dsl::Change;
using Kind = Change::Kind;

namespace {

const std::string kOld = R"(process p
  cykel kalenderår

roll Rektor per enhet rapporterar till Chef
roll Chef

steg plan
  NÄR   september
  VEM   Rektor
  VAD   Skriv planen

steg rapport
  NÄR   oktober
  VEM   Chef
  VAD   Skriv rapporten
  EFTER plan
)";

dsl::Process compiled(const std::string& text) {
  std::vector<dsl::Diagnostic> errors;
  auto p = test::compile_text(text, 2026, errors);
  INFO((errors.empty() ? "" : dsl::render(errors[0].msg, errors[0].args, dsl::Lang::sv)));
  REQUIRE(p);
  return *p;
}

std::vector<Change> changes(const std::string& after) {
  return dsl::compare({compiled(kOld)}, {compiled(after)}, 2026);
}

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

}  // namespace

TEST_CASE("diff: the same rules in another layout mean the same", "[diff]") {
  CHECK(changes(kOld).empty());
  CHECK(changes(replaced(kOld, "  NÄR   september", "    när september   # flyttad?")).empty());
}

TEST_CASE("diff: a moved step says its dates in the year before and after", "[diff]") {
  auto c = changes(replaced(kOld, "NÄR   oktober", "NÄR   november"));
  REQUIRE(c.size() == 1);
  CHECK(c[0].kind == Kind::step_changed);
  CHECK(c[0].id == "rapport");
  CHECK(c[0].field == "NÄR");
  CHECK(c[0].before == "oktober");
  CHECK(c[0].after == "november");
  CHECK(c[0].dates_before == "2026-10-01–2026-10-30");  // 31 October 2026 is a Saturday
  CHECK(c[0].dates_after == "2026-11-01–2026-11-30");
}

TEST_CASE("diff: a renamed step is one rename, and its dependents do not change", "[diff]") {
  std::string text = replaced(kOld, "steg plan", "steg planera");
  text = replaced(text, "EFTER plan", "EFTER planera");
  auto c = changes(text);
  REQUIRE(c.size() == 1);
  CHECK(c[0].kind == Kind::step_renamed);
  CHECK(c[0].id == "plan");
  CHECK(c[0].renamed_to == "planera");
  // With another VAD it is not the same step: removed and added.
  auto d = changes(replaced(text, "Skriv planen", "Skriv en ny plan"));
  std::vector<Kind> kinds;
  for (const auto& x : d) kinds.push_back(x.kind);
  CHECK(kinds == std::vector<Kind>{Kind::step_removed, Kind::step_added, Kind::step_changed});
  CHECK(d[2].field == "EFTER");
}

TEST_CASE("diff: a renamed role is one rename, whether kept as an alias or not", "[diff]") {
  for (const std::string header :
       {"roll Skolledare per enhet rapporterar till Chef",
        "roll Skolledare per enhet alias Rektor rapporterar till Chef"}) {
    std::string text = replaced(kOld, "roll Rektor per enhet rapporterar till Chef", header);
    text = replaced(text, "VEM   Rektor", "VEM   Skolledare");
    auto c = changes(text);
    INFO(header);
    REQUIRE(!c.empty());
    CHECK(c[0].kind == Kind::role_renamed);
    CHECK(c[0].id == "Rektor");
    CHECK(c[0].renamed_to == "Skolledare");
    bool alias = header.find("alias") != std::string::npos;
    REQUIRE(c.size() == (alias ? 2u : 1u));  // the alias is a change of the role itself
    if (alias) CHECK((c[1].field == "alias" && c[1].after == "Rektor"));
  }
}

TEST_CASE("diff: added and removed steps, and changed fields of role and step", "[diff]") {
  std::string text = kOld +
                     "\nsteg dialog\n  NÄR   15 november\n  VEM   Chef & Rektor\n"
                     "  VAD   Dialog om rapporten\n  EFTER rapport\n  TYP   beslut\n";
  text = replaced(text, "roll Chef", "roll Chef alias Förvaltningschef");
  text = replaced(text, "VEM   Chef\n", "VEM   Chef & Rektor (vid behov)\n");
  auto c = changes(text);
  REQUIRE(c.size() == 3);
  CHECK((c[0].kind == Kind::role_changed && c[0].field == "alias"));
  CHECK((c[1].kind == Kind::step_changed && c[1].id == "rapport" && c[1].field == "VEM"));
  CHECK(c[1].after == "Chef, Rektor (vid behov)");
  CHECK((c[2].kind == Kind::step_added && c[2].id == "dialog"));
  CHECK(c[2].dates_after == "2026-11-13");  // 15 November 2026 is a Sunday: Friday before
  auto removed = dsl::compare({compiled(text)}, {compiled(kOld)}, 2026);
  REQUIRE(removed.size() == 3);
  CHECK((removed[1].kind == Kind::step_removed && removed[1].id == "dialog"));
}

TEST_CASE("arshjul diff on files and on two git revisions", "[diff][cli]") {
  test::TempDir dir("diff");
  const std::string bin = ARSHJUL_BINARY;
  auto old_file = dir.write("old/p.arshjul", kOld);
  auto new_file = dir.write("new/p.arshjul", replaced(kOld, "NÄR   oktober", "NÄR   november"));
  auto q = [](const std::filesystem::path& p) { return test::shell_quote(p.string()); };

  auto same = test::run_command(bin + " diff " + q(old_file) + " " + q(old_file), dir.path() / "s");
  CHECK(same.exit_code == 0);
  CHECK(test::contains(same.out, "Inga skillnader i innebörd"));

  auto text = test::run_command(
      bin + " diff --year 2026 " + q(dir.path() / "old") + " " + q(dir.path() / "new"),
      dir.path() / "t");
  CHECK(text.exit_code == 1);
  CHECK(test::contains(text.out,
                       "process p\n  ~ steg rapport: NÄR oktober -> november (2026: "
                       "2026-10-01–2026-10-30 -> 2026-11-01–2026-11-30)\n1 ändring\n"));

  auto json = test::run_command(
      bin + " diff --year 2026 --format json " + q(old_file) + " " + q(new_file), dir.path() / "j");
  CHECK(json.exit_code == 1);
  auto j = nlohmann::json::parse(json.out);
  REQUIRE(j["changes"].size() == 1);
  CHECK(j["changes"][0]["change"] == "step_changed");
  CHECK(j["changes"][0]["dates_after"] == "2026-11-01–2026-11-30");

  // A repository with two commits of rules/p.arshjul: the step renamed in the second.
  auto repo = dir.path() / "repo";
  dir.write("repo/rules/p.arshjul", kOld);
  std::string git = "cd " + q(repo) + " && git -c init.defaultBranch=main init -q && " +
                    "git -c user.name=t -c user.email=t@x add -A && " +
                    "git -c user.name=t -c user.email=t@x commit -qm one";
  REQUIRE(std::system(git.c_str()) == 0);
  dir.write("repo/rules/p.arshjul",
            replaced(replaced(kOld, "steg plan", "steg planera"), "EFTER plan", "EFTER planera"));
  REQUIRE(std::system(("cd " + q(repo) + " && git -c user.name=t -c user.email=t@x commit -qam two")
                          .c_str()) == 0);
  auto revs = test::run_command("cd " + q(repo) + " && " + bin + " diff HEAD~1 HEAD -- rules",
                                dir.path() / "g");
  CHECK(revs.exit_code == 1);
  CHECK(test::contains(revs.out, "  > steg plan -> planera (omdöpt: samma VAD och EFTER)\n"));
  auto bad = test::run_command("cd " + q(repo) + " && " + bin + " diff HEAD~5 HEAD -- rules",
                               dir.path() / "b");
  CHECK(bad.exit_code == 2);
  CHECK(test::contains(bad.err, "varken filer, mappar eller git-revisioner"));
}

TEST_CASE("arshjul diff --store: the open tasks whose deadline or state the change moves",
          "[diff][cli]") {
  test::TempDir dir("diff-store");
  const std::string bin = ARSHJUL_BINARY;
  auto q = [](const std::filesystem::path& p) { return test::shell_quote(p.string()); };
  auto old_file = dir.write("old/p.arshjul", kOld);
  auto new_file = dir.write("new/p.arshjul", replaced(kOld, "NÄR   oktober", "NÄR   november"));
  auto roster = dir.write("roster.csv",
                          "enhet,roll,namn,epost\nEkskolan,Rektor,Anna,anna@x.se\n"
                          ",Chef,Carl,carl@x.se\n");
  auto db = dir.path() / "p.db";
  // The store: the unit's plan done in September.
  auto done = test::run_command(bin + " done plan --year 2026 --unit Ekskolan --date 2026-09-20" +
                                    " --rules " + q(old_file) + " --roster " + q(roster) +
                                    " --store " + q(db),
                                dir.path() / "i");
  INFO(done.err);
  REQUIRE(done.exit_code == 0);
  const std::string args = " --year 2026 --roster " + q(roster) + " --date 2026-10-15 " +
                           q(old_file) + " " + q(new_file);
  auto r = test::run_command(bin + " diff --store " + q(db) + args, dir.path() / "d");
  CHECK(r.exit_code == 1);
  CHECK(test::contains(r.out, "uppgifter 2026-10-15 ("));
  CHECK(test::contains(r.out, "  ~ p/2026/rapport//1: "));
  CHECK(test::contains(r.out, ", senast 2026-10-30 -> 2026-11-30\n"));
  CHECK_FALSE(test::contains(r.out, "/plan/"));  // done, and its dates did not change

  auto missing =
      test::run_command(bin + " diff --store " + q(dir.path() / "nej.db") + args, dir.path() / "m");
  CHECK(missing.exit_code == 3);
  CHECK_FALSE(std::filesystem::exists(dir.path() / "nej.db"));  // a read never creates a store
}

TEST_CASE("diff: a changed link to another process or cycle is a changed EFTER", "[diff][links]") {
  const std::string linked = replaced(kOld, "  EFTER plan\n", "  EFTER plan, budget.anvisningar\n");
  auto c = dsl::compare({compiled(linked)},
                        {compiled(replaced(linked, "budget.anvisningar", "budget.beslut"))}, 2026);
  REQUIRE(c.size() == 1);
  CHECK((c[0].kind == Kind::step_changed && c[0].id == "rapport" && c[0].field == "EFTER"));
  CHECK(c[0].before == "plan, budget.anvisningar");
  CHECK(c[0].after == "plan, budget.beslut");
  // The cycle before is another dependency than this cycle's.
  auto previous = dsl::compare(
      {compiled(kOld)}, {compiled(replaced(kOld, "EFTER plan", "EFTER plan förra cykeln"))}, 2026);
  REQUIRE(previous.size() == 1);
  CHECK(previous[0].after == "plan förra cykeln");
}
