// The rules in force per cycle (engine/versions.hpp, `arshjul adopt`, `check --store`): the
// stored text of every rule file compiles on its own to the same process; equal meaning gives
// equal text; an audit of 2025 after a change of the rules in 2026 reads 2025's rules; adopt
// records who and when and says when it changes nothing; a store of schema 6 is migrated.
#include <httplib.h>
#include <sqlite3.h>

#include <catch2/catch.hpp>
#include <filesystem>

#include "dsl/canonical.hpp"
#include "dsl/loader.hpp"
#include "dsl/schedule.hpp"
#include "dsl/source.hpp"
#include "engine/audit.hpp"
#include "engine/roster.hpp"
#include "engine/store.hpp"
#include "engine/versions.hpp"
#include "tests/helpers.hpp"
#include "tests/web_site.hpp"

using namespace arshjul;
namespace fs = std::filesystem;
using test::contains;

namespace {

const std::string kRoster = "enhet,roll,namn,epost\n,Rektor,Anna Berg,anna@example.se\n";

// 2025's rules: a in May, b in October after it.
const std::string kRulesV1 =
    "process p \"P\"\n  cykel kalenderår\n\nroll Rektor\n\n"
    "steg a\n  NÄR   maj\n  VEM   Rektor\n  VAD   Gör a\n\n"
    "steg b\n  NÄR   oktober\n  VEM   Rektor\n  VAD   Gör b\n  EFTER a\n";
// The change made in 2026: a moves to March, a new step c in June.
const std::string kRulesV2 =
    "process p \"P\"\n  cykel kalenderår\n\nroll Rektor\n\n"
    "steg a\n  NÄR   mars\n  VEM   Rektor\n  VAD   Gör a\n\n"
    "steg b\n  NÄR   oktober\n  VEM   Rektor\n  VAD   Gör b\n  EFTER a\n\n"
    "steg c\n  NÄR   juni\n  VEM   Rektor\n  VAD   Gör c\n";

/// A folder with rules, roster and a store, and `arshjul` run on them.
struct Installation {
  test::TempDir dir;
  explicit Installation(const std::string& name) : dir("versions-" + name) {
    dir.write("roster.csv", kRoster);
    rules(kRulesV1);
  }
  void rules(const std::string& text) const { dir.write("rules/p.arshjul", text); }
  fs::path store() const { return dir.path() / "s.db"; }
  test::CommandResult run(std::vector<std::string> args) const {
    for (std::string flag : {"--roster", "--store"}) {
      if (args[0] == "check" || (args[0] == "adopt" && flag == "--roster")) continue;
      args.push_back(flag);
      args.push_back(flag == "--roster" ? "roster.csv" : "s.db");
    }
    if (args[0] != "check") args.insert(args.end(), {"--rules", "rules"});
    return test::run_arshjul(dir.path(), args, dir.path() / "run");
  }
};

/// The number of rows of `sql` (a count) in the store at `path`.
int count(const fs::path& path, const std::string& sql) {
  sqlite3* db = nullptr;
  sqlite3_open(path.c_str(), &db);
  int n = -1;
  sqlite3_exec(
      db, sql.c_str(),
      [](void* out, int, char** values, char**) {
        *static_cast<int*>(out) = std::atoi(values[0]);
        return 0;
      },
      &n, nullptr);
  sqlite3_close(db);
  return n;
}

std::vector<dsl::Process> compile(const std::string& text) {
  auto rules = dsl::load_rules_with("t.arshjul", text, 2025);
  REQUIRE(rules.ok());
  return rules.processes;
}

}  // namespace

TEST_CASE("the stored text of every rule file compiles on its own to the same process",
          "[versions]") {
  auto files = test::valid_rule_files();
  REQUIRE(files.size() >= 10);
  int processes = 0;
  for (const auto& file : files) {
    for (const auto& p : dsl::load_rules({file}, 2026).processes) {
      INFO(file.string() << ": " << p.id);
      const std::string text = dsl::source_text(p);
      CHECK_FALSE(contains("\n" + text, "\ninclude "));  // includes resolved: it stands alone
      // As the store compiles it: a link to another process kept as written.
      auto again = dsl::load_rules_with("stored.arshjul", text, 2026, dsl::ForeignLinks::unchecked);
      for (const auto& d : again.diagnostics)
        UNSCOPED_INFO(dsl::format(d, again.sources, dsl::Lang::en));
      REQUIRE(again.ok());
      REQUIRE(again.processes.size() == 1);
      CHECK(dsl::canonical_text(again.processes[0]) == dsl::canonical_text(p));
      CHECK(dsl::source_text(again.processes[0]) == text);  // a fixed point
      ++processes;
    }
  }
  CHECK(processes >= 8);
}

TEST_CASE("the stored text keeps a kalender's terms, lov names and a lov across the new year",
          "[versions]") {
  const std::string rules =
      "process p\n  cykel läsår\n\nkalender\n  termin ht 2026 2026-08-18 - 2026-12-18\n"
      "  termin vt 2027 2027-01-11 - 2027-06-11\n  lov höstlov 2026 vecka 44\n"
      "  lov jullov 2026-12-19 - 2027-01-10\n  stängt 2026-08-14\n\nroll R\n\n"
      "steg s\n  NÄR   3 dagar före terminsstart vt\n  VEM   R\n  VAD   x\n";
  auto loaded = dsl::load_rules_with("p.arshjul", rules, 2026);
  REQUIRE(loaded.ok());
  const std::string text = dsl::source_text(loaded.processes.at(0));
  CHECK(contains(text, "  term        ht 2026 2026-08-18 - 2026-12-18\n"));
  CHECK(contains(text, "  term        vt 2027 2027-01-11 - 2027-06-11\n"));
  CHECK(contains(text, "  break       höstlov 2026-10-26 - 2026-11-01\n"));
  CHECK(contains(text, "  break       jullov 2026-12-19 - 2027-01-10\n"));
  CHECK(contains(text, "  closed      2026-08-14 - 2026-08-14\n"));
  // It compiles on its own: the term-relative NÄR finds vt 2027 (three days before 11 January
  // is Friday 8 January, in the jullov: due the working day before it, 18 December).
  auto again = dsl::load_rules_with("stored.arshjul", text, 2026);
  REQUIRE(again.ok());
  const auto& p = again.processes.at(0);
  std::vector<dsl::Diagnostic> ignored;
  auto w = dsl::windows(p, p.steps.at(0), 2026, ignored);
  REQUIRE(w.size() == 1);
  CHECK(dsl::iso(w[0].deadline) == "2026-12-18");
  CHECK(p.calendar.closed(dsl::Date(std::chrono::year(2026) / 10 / 28))->name == "höstlov");
}

TEST_CASE("equal meaning gives equal text: keywords, layout, comments, includes", "[versions]") {
  test::TempDir dir("versions-equal");
  dir.write("roller.arshjul", "# delade roller\nroll Rektor per enhet alias Enhetschef\n");
  auto swedish =
      dir.write("a/p.arshjul",
                "# Planen\nprocess p \"P\"\n  cykel läsår\n\ninkludera \"../roller.arshjul\"\n\n"
                "steg a   # först\n  NÄR    maj\n  VEM    Rektor\n  VAD    Gör a \\# 1\n"
                "  LEDTID 7 dagar\n  TYP    beslut\n");
  auto english =
      dir.write("b/p.arshjul",
                "process p \"P\"\n    cycle school-year\nrole Rektor per unit alias Enhetschef\n"
                "step a\n    TYPE decision\n    LEAD 7 days\n    WHAT Gör a \\# 1\n    WHO Rektor\n"
                "    WHEN maj\n");
  auto one = dsl::load_rules({swedish}, 2026), other = dsl::load_rules({english}, 2026);
  REQUIRE(one.ok());
  REQUIRE(other.ok());
  auto v1 = engine::version_of(one.processes[0], 2026),
       v2 = engine::version_of(other.processes[0], 2026);
  CHECK(v1.text == v2.text);
  CHECK(v1.hash == v2.hash);
  CHECK(v1.hash.size() == 64);
  // A change of meaning changes the hash.
  auto changed = one.processes[0];
  changed.steps[0].lead_days = 8;
  CHECK(engine::version_of(changed, 2026).hash != v1.hash);
}

TEST_CASE("an audit of 2025 after a 2026 change of the rules reports against 2025's rules",
          "[versions]") {
  Installation in("audit");
  // Done in 2025 under 2025's rules: recording it records them for the cycle.
  REQUIRE(
      in.run({"done", "a", "--year", "2025", "--date", "2025-05-20", "--by", "Rektor"}).exit_code ==
      0);
  REQUIRE(
      in.run({"done", "b", "--year", "2025", "--date", "2025-10-10", "--by", "Rektor"}).exit_code ==
      0);
  in.rules(kRulesV2);
  auto audit = in.run({"audit", "--year", "2025", "--as-of", "2026-01-31", "--all"});
  INFO(audit.out << audit.err);
  CHECK(audit.exit_code == 0);  // a on time by May's deadline, and no c in 2025
  CHECK_FALSE(contains(audit.out, "Gör c"));
  CHECK_FALSE(contains(audit.out, " c "));

  // The same audit by the files alone finds c missing and a late: what the recorded rules
  // prevent (the test would fail if the audit read the files).
  auto files = compile(kRulesV2);
  std::vector<dsl::Diagnostic> errors;
  dsl::Sources sources;
  auto roster_path = in.dir.path() / "roster.csv";
  auto roster = engine::load_roster(roster_path.string(), files, sources, errors);
  REQUIRE(errors.empty());
  engine::Store store(in.store().string(), false);
  auto entries = store.load(2025, 2025);
  const auto as_of = dsl::Date{std::chrono::year(2026) / 1 / 31};
  CHECK(engine::audit(files, roster, 2025, as_of, entries).findings() == 2);
  auto in_force = engine::rules_in_force(files, &store, 2025, 2025);
  CHECK(engine::audit(in_force.processes(), roster, 2025, as_of, entries).findings() == 0);
  REQUIRE(in_force.differing.size() == 1);
  CHECK(in_force.differing[0].cycle == 2025);
}

TEST_CASE("status names the open cycles whose recorded rules differ from the files, once",
          "[versions]") {
  Installation in("status");
  REQUIRE(
      in.run({"done", "a", "--year", "2025", "--date", "2025-05-20", "--by", "Rektor"}).exit_code ==
      0);
  auto same = in.run({"status", "--date", "2026-02-10"});
  CHECK(same.exit_code == 0);
  CHECK_FALSE(contains(same.out, "skiljer sig"));
  in.rules(kRulesV2);
  auto differs = in.run({"status", "--date", "2026-02-10"});
  INFO(differs.out << differs.err);
  CHECK(differs.exit_code == 0);
  CHECK(
      contains(differs.out, "obs: regelfilerna skiljer sig från reglerna som gäller för p 2025;"));
  auto json = in.run({"status", "--date", "2026-02-10", "--format", "json"});
  CHECK(contains(json.out, "\"rules_differ\""));
  // Read commands never write: status and a dry run recorded nothing for 2026; the nightly
  // job records the cycles it evaluated, the files' rules for 2026 and 2025's left as they were.
  CHECK(in.run({"remind", "--date", "2026-02-10", "--dry-run"}).exit_code == 0);
  CHECK(count(in.store(), "SELECT count(*) FROM cycle_rules WHERE cycle = 2026") == 0);
  auto night = in.run({"remind", "--date", "2026-02-10", "--out", "mail"});
  CHECK(night.exit_code == 0);
  CHECK(contains(night.err, "regelfilerna skiljer sig"));
  CHECK(count(in.store(), "SELECT count(*) FROM cycle_rules WHERE cycle = 2026") == 1);
  CHECK(count(in.store(), "SELECT count(*) FROM cycle_rules WHERE cycle = 2025") == 1);
}

TEST_CASE("check --store lists the cycles whose rules differ, with the difference", "[versions]") {
  Installation in("check");
  REQUIRE(
      in.run({"done", "a", "--year", "2025", "--date", "2025-05-20", "--by", "Rektor"}).exit_code ==
      0);
  auto same = in.run({"check", "rules", "--store", "s.db"});
  CHECK(same.exit_code == 0);
  CHECK(contains(same.out, "(1 st.) är filernas"));
  in.rules(kRulesV2);
  auto differs = in.run({"check", "rules", "--store", "s.db"});
  INFO(differs.out << differs.err);
  CHECK(differs.exit_code == 1);
  CHECK(contains(differs.out, "p 2025: reglerna som gäller (sparade "));
  CHECK(contains(differs.out,
                 "~ steg a: NÄR maj -> mars (2025: 2025-05-01–2025-05-30 -> "
                 "2025-03-01–2025-03-31)"));
  CHECK(contains(differs.out, "+ steg c (2025: 2025-06-01–2025-06-30)"));
  CHECK(contains(differs.out, "1 av 1 sparade cykler har andra regler än filerna"));
}

TEST_CASE("adopt records the files for a cycle with who and when, and says when nothing changes",
          "[versions]") {
  Installation in("adopt");
  REQUIRE(
      in.run({"done", "a", "--year", "2025", "--date", "2025-05-20", "--by", "Rektor"}).exit_code ==
      0);
  auto first = in.run({"adopt", "--year", "2026", "--by", "Eva Ek"});
  INFO(first.out << first.err);
  CHECK(first.exit_code == 0);
  CHECK(contains(first.out, "p 2026: inga regler sparade tidigare; filernas regler antagna"));
  auto again = in.run({"adopt", "--year", "2026", "--by", "Eva Ek"});
  CHECK(again.exit_code == 0);
  CHECK(contains(again.out, "p 2026: reglerna som gäller är redan filernas"));
  CHECK(contains(again.out, "inget ändrat"));
  CHECK(count(in.store(), "SELECT count(*) FROM cycle_rules WHERE cycle = 2026") == 1);
  {
    engine::Store store(in.store().string(), false);
    auto v = engine::recorded_versions(store, 2026, 2026);
    REQUIRE(v.size() == 1);
    CHECK(v[0].adopted);
    CHECK(v[0].recorded_by == "Eva Ek");
    CHECK(v[0].recorded_at.size() == 20);  // 2026-11-30T01:02:03Z
  }
  // A deliberate change of 2025's rules: the diff it adopts, then the audit reads them.
  in.rules(kRulesV2);
  auto change = in.run({"adopt", "--year", "2025", "--by", "Eva Ek"});
  CHECK(change.exit_code == 0);
  CHECK(contains(change.out, "p 2025: filernas regler antagna (sha256 "));
  CHECK(contains(change.out, "i stället för de som gällde (sparade "));
  CHECK(contains(change.out, "+ steg c"));
  CHECK(count(in.store(), "SELECT count(*) FROM cycle_rules WHERE cycle = 2025") == 2);
  CHECK(in.run({"audit", "--year", "2025", "--as-of", "2026-01-31"}).exit_code == 1);
  auto missing = test::run_arshjul(
      in.dir.path(),
      {"adopt", "--year", "2025", "--by", "Eva Ek", "--store", "saknas.db", "--rules", "rules"},
      in.dir.path() / "run");
  CHECK(missing.exit_code == 3);  // adopt makes no store: it changes the rules of one
  CHECK_FALSE(fs::exists(in.dir.path() / "saknas.db"));
}

TEST_CASE("init records the rules of the cycle each process is in on the start date",
          "[versions]") {
  Installation in("init");
  auto init = test::run_arshjul(
      in.dir.path(), {"init", "--start", "2026-11-01", "--store", "s.db", "--rules", "rules"},
      in.dir.path() / "run");
  INFO(init.out << init.err);
  REQUIRE(init.exit_code == 0);
  CHECK(count(in.store(), "SELECT count(*) FROM cycle_rules WHERE cycle = 2026 AND adopted = 0") ==
        1);
  CHECK(count(in.store(), "SELECT count(*) FROM cycle_rules WHERE cycle <> 2026") == 0);
}

TEST_CASE("a store of schema 6 is migrated to 7 and keeps its entries, no rules recorded yet",
          "[versions]") {
  test::TempDir dir("versions-migrate");
  const auto path = (dir.path() / "s.db").string();
  auto files = compile(kRulesV1);
  {
    engine::Store store(path);
    engine::Completion c;
    c.process = "p", c.cycle = 2025, c.step = "a", c.done_by = "Rektor";
    c.done_on = std::chrono::year(2025) / 5 / 20;
    c.recorded_at = "2025-05-20T10:00:00Z";
    store.record({c});
  }
  // What schema 6 was: the same store without the two tables of schema 7.
  REQUIRE(count(path, "SELECT count(*) FROM completion") == 1);
  sqlite3* db = nullptr;
  sqlite3_open(path.c_str(), &db);
  REQUIRE(sqlite3_exec(db, "DROP TABLE cycle_rules; DROP TABLE rule_text; PRAGMA user_version=6;",
                       nullptr, nullptr, nullptr) == SQLITE_OK);
  sqlite3_close(db);
  REQUIRE(count(path, "PRAGMA user_version") == 6);
  engine::Store store(path, false);
  CHECK(count(path, "PRAGMA user_version") == engine::Store::kSchemaVersion);
  CHECK(store.load(2025, 2025).size() == 1);
  CHECK(engine::recorded_versions(store, 2000, 2100).empty());
  CHECK(engine::rules_in_force(files, &store, 2025, 2025).differing.empty());
  CHECK(engine::record_first_use(store, files, {{"p", 2025}}, "2026-01-01T00:00:00Z") == 1);
  CHECK(engine::record_first_use(store, files, {{"p", 2025}}, "2026-01-02T00:00:00Z") == 0);
}

TEST_CASE("the web view reads each cycle by its recorded rules: audit and task pages",
          "[versions][web]") {
  using namespace test::web_site;
  Site site;
  {
    // 2025 was followed by rules without `bedöma` (added for 2026): recorded for 2025.
    std::string before = kRules.substr(0, kRules.find("\nsteg bedöma"));
    auto rules = dsl::load_rules_with("regler.arshjul", before, 2025);
    REQUIRE(rules.ok());
    engine::Store store(site.store());
    REQUIRE(engine::record_versions(store, {engine::version_of(rules.processes[0], 2025)},
                                    "2025-01-02T08:00:00Z", true) == 1);
  }
  auto cookie = site.sign_in("nils@example.se");  // Nämnd: the process owner sees everything
  // Every task (all=1): a step is listed by its VAD whatever its finding.
  auto audit_2025 = site.get("/audit?year=2025&all=1", cookie);
  auto audit_2024 = site.get("/audit?year=2024&all=1", cookie);
  REQUIRE(status_of(audit_2025) == 200);
  REQUIRE(status_of(audit_2024) == 200);
  const std::string bedoma = "Förvaltningschefen bedömer läsningen";
  CHECK_FALSE(contains(audit_2025->body, bedoma));  // not a step of 2025's rules
  CHECK(contains(audit_2024->body, bedoma));        // 2024 has none recorded: the files
  CHECK(status_of(site.get("/task?p=skola&c=2025&s=bed%C3%B6ma&n=1", cookie)) == 404);
  CHECK(status_of(site.get("/task?p=skola&c=2026&s=bed%C3%B6ma&n=1", cookie)) == 200);
  CHECK(status_of(site.get("/task?p=skola&c=2025&s=l%C3%A4sa&u=Ekskolan&n=1", cookie)) == 200);
  CHECK(status_of(site.get("/", cookie)) == 200);
  CHECK(status_of(site.get("/my", cookie)) == 200);
}
