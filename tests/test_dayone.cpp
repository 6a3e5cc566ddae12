// Day one (issue 16): no silent wrong answers. Read commands never create a store, an
// installation is a configuration file, names on the command line are checked, tasks due
// before the store's start are not overdue, completions after today are refused, a re-import
// adds nothing, an escalation period is reminded once, names sort in Swedish order.
#include <catch2/catch.hpp>
#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "dsl/collate.hpp"
#include "engine/store.hpp"
#include "tests/helpers.hpp"

namespace fs = std::filesystem;
using namespace arshjul::test;

namespace {

const std::string kBinary = ARSHJUL_BINARY;

// rapport: per unit, due 2026-03-10; beslut: Nämnd, due 2026-03-20, after rapport.
const std::string kRules =
    "process prov \"Provprocess\"\n"
    "  cykel kalenderår\n"
    "  LEDTID 14 dagar\n"
    "\n"
    "roll Rektor per enhet rapporterar till Förvaltningschef\n"
    "roll Förvaltningschef rapporterar till Nämnd\n"
    "roll Nämnd\n"
    "roll Förskolechef per enhet rapporterar till Förvaltningschef\n"
    "\n"
    "steg rapport\n"
    "  NÄR   10 mars\n"
    "  VEM   Rektor\n"
    "  VAD   Rektorn lämnar kvalitetsrapporten\n"
    "  ESKALERING 14 dagar\n"
    "\n"
    "steg lekplan\n"
    "  NÄR   12 mars\n"
    "  VEM   Förskolechef\n"
    "  VAD   Förskolechefen lämnar lekplanen\n"
    "\n"
    "steg beslut\n"
    "  NÄR   20 mars\n"
    "  VEM   Nämnd\n"
    "  VAD   Nämnden beslutar\n"
    "  EFTER rapport\n";

const std::string kRoster =
    "enhet,roll,namn,epost\n"
    "Ängsskolan,Rektor,Åsa Öberg,asa@k.se\n"
    "Åsens skola,Rektor,Bo Berg,bo@k.se\n"
    "Förskolan Myran,Förskolechef,My Myr,my@k.se\n"
    ",Förvaltningschef,Fia Chef,fia@k.se\n"
    ",Nämnd,Nils Nämnd,nils@k.se\n";

/// A folder with rules, roster and a configuration naming them and store.db.
struct Install {
  TempDir dir;
  explicit Install(const std::string& name) : dir("dayone-" + name) {
    dir.write("regler.arshjul", kRules);
    dir.write("enheter.csv", kRoster);
    dir.write("arshjul.toml",
              "rules = \"regler.arshjul\"\nroster = \"enheter.csv\"\nstore = \"store.db\"\n");
  }
  /// arshjul in the folder with `args`, no configuration from the environment (the folder's
  /// arshjul.toml is found as the current folder's).
  CommandResult run(const std::vector<std::string>& args) const {
    std::string cmd = "cd " + shell_quote(dir.path().string()) + " && env -u ARSHJUL_CONFIG " +
                      shell_quote(kBinary) + " --lang sv";
    for (const auto& a : args) cmd += " " + shell_quote(a);
    return arshjul::test::run_command(cmd + " </dev/null", dir.path().string() + "-cmd");
  }
  fs::path path(const std::string& name) const { return dir.path() / name; }
  /// Runs `arshjul init --start START` (which must succeed) and returns the installation.
  Install& started(const std::string& start) {
    REQUIRE(run({"init", "--start", start}).exit_code == 0);
    return *this;
  }
  /// The names of the files in the folder.
  std::set<std::string> files() const {
    std::set<std::string> out;
    for (const auto& e : fs::directory_iterator(dir.path()))
      out.insert(e.path().filename().string());
    return out;
  }
  /// Completions in the store.
  std::size_t rows() const {
    return arshjul::engine::Store(path("store.db").string(), false).load(2000, 2100).size();
  }
  /// Reminders recorded as sent.
  std::size_t sent() const {
    return arshjul::engine::Store(path("store.db").string(), false).sent_keys().size();
  }
};

}  // namespace

TEST_CASE("remind --dry-run from an empty folder without flags: exit 2, no file created",
          "[dayone]") {
  TempDir empty("dayone-empty");
  auto r = arshjul::test::run_command("cd " + shell_quote(empty.path().string()) +
                                          " && env -u ARSHJUL_CONFIG " + shell_quote(kBinary) +
                                          " --lang sv remind --dry-run </dev/null",
                                      empty.path().string() + "-cmd");
  CHECK(r.exit_code == 2);
  CHECK(contains(r.err, "ange --rules"));
  CHECK(contains(r.err, "ingen konfigurationsfil"));
  CHECK(r.out.empty());
  CHECK(fs::is_empty(empty.path()));
}

TEST_CASE("read commands never create a store; --dry-run writes nothing", "[dayone]") {
  Install in("readonly");
  auto before = in.files();
  for (auto args : std::vector<std::vector<std::string>>{
           {"status", "--store", "stroe.db"},
           {"audit", "--year", "2026", "--store", "stroe.db"},
           {"remind", "--dry-run", "--store", "stroe.db"},
           {"followup", "--year", "2026", "--store", "stroe.db"}}) {
    auto r = in.run(args);
    INFO(args[0] << ": " << r.err);
    CHECK(r.exit_code == 3);
    CHECK(contains(r.err, "stroe.db: lagret finns inte"));
    CHECK(contains(r.err, "arshjul init"));
    CHECK(in.files() == before);
  }
  // An existing store: a dry run records no reminder and makes no key for the links.
  REQUIRE(in.run({"init", "--start", "2026-01-01"}).exit_code == 0);
  before = in.files();
  auto dry = in.run({"remind", "--dry-run", "--date", "2026-03-12", "--link-base", "https://x/"});
  CHECK(dry.exit_code == 0);
  CHECK(contains(dry.out, "bo@k.se"));
  CHECK(in.sent() == 0);
  CHECK(in.files() == before);
}

TEST_CASE("configuration: found by --config, ARSHJUL_CONFIG or the folder; flags override",
          "[dayone]") {
  Install in("config");
  in.started("2026-01-01");
  auto here = in.run({"status", "--date", "2026-03-12"});
  CHECK(here.exit_code == 0);
  CHECK(contains(here.out, "Rektor · Åsens skola"));
  // The configuration elsewhere, named after the command: paths relative to its folder.
  fs::create_directories(in.path("sub"));
  fs::rename(in.path("arshjul.toml"), in.path("sub/x.toml"));
  in.dir.write("sub/x.toml",
               "rules = \"../regler.arshjul\"\nroster = \"../enheter.csv\"\nstore = "
               "\"../store.db\"\nlang = \"en\"\n");
  auto named = in.run({"status", "--date", "2026-03-12", "--config", "sub/x.toml"});
  CHECK(named.exit_code == 0);
  CHECK(contains(named.out, "Läge 2026-03-12"));  // --lang sv beats the file's lang
  auto english =
      arshjul::test::run_command("cd " + shell_quote(in.dir.path().string()) +
                                     " && env -u ARSHJUL_LANG ARSHJUL_CONFIG=sub/x.toml " +
                                     shell_quote(kBinary) + " status --date 2026-03-12",
                                 in.dir.path().string() + "-cmd");
  CHECK(english.exit_code == 0);
  CHECK(contains(english.out, "Status 2026-03-12"));  // the file's lang
  auto env = arshjul::test::run_command(
      "cd " + shell_quote(in.dir.path().string()) + " && ARSHJUL_CONFIG=sub/x.toml " +
          shell_quote(kBinary) + " status --date 2026-03-12 --store nope.db",
      in.dir.path().string() + "-cmd");
  CHECK(env.exit_code == 3);  // the flag overrides the file's store
  CHECK(contains(env.err, "nope.db"));
  // A typo in the file is located.
  in.dir.write("arshjul.toml", "rules = \"regler.arshjul\"\nstroe = \"store.db\"\n");
  auto typo = in.run({"status"});
  CHECK(typo.exit_code == 2);
  CHECK(contains(typo.err, "arshjul.toml:2:1: okänd inställning 'stroe'"));
  auto missing = in.run({"--config", "nosuch.toml", "status"});
  CHECK(missing.exit_code == 2);
  CHECK(contains(missing.err, "nosuch.toml: konfigurationsfilen finns inte"));
}

TEST_CASE("init writes a commented configuration and a store with a start date, once", "[dayone]") {
  TempDir dir("dayone-init");
  auto run = [&](const std::string& args) {
    return arshjul::test::run_command("cd " + shell_quote(dir.path().string()) +
                                          " && env -u ARSHJUL_CONFIG " + shell_quote(kBinary) +
                                          " --lang sv " + args,
                                      dir.path().string() + "-cmd");
  };
  auto r = run("init --start 2026-11-01 --store data/a.db --roster enheter.csv");
  INFO(r.err);
  REQUIRE(r.exit_code == 3);  // data/ does not exist: nothing written
  CHECK(!fs::exists(dir.path() / "arshjul.toml"));
  fs::create_directories(dir.path() / "data");
  r = run("init --start 2026-11-01 --store data/a.db --roster enheter.csv");
  REQUIRE(r.exit_code == 0);
  auto toml = arshjul::test::slurp(dir.path() / "arshjul.toml");
  CHECK(contains(toml, "store = \"data/a.db\""));
  CHECK(contains(toml, "roster = \"enheter.csv\""));
  CHECK(contains(toml, "# "));
  CHECK(arshjul::engine::Store((dir.path() / "data/a.db").string(), false).start_date() ==
        arshjul::dsl::Date{std::chrono::year(2026) / 11 / 1});
  auto again = run("init --start 2026-12-01");  // the store from arshjul.toml
  CHECK(again.exit_code == 2);
  CHECK(contains(again.err, "har redan startdatum 2026-11-01"));
  CHECK(arshjul::engine::Store((dir.path() / "data/a.db").string(), false).start_date() ==
        arshjul::dsl::Date{std::chrono::year(2026) / 11 / 1});
}

TEST_CASE("every name on the command line is checked, with a suggestion", "[dayone]") {
  Install in("names");
  in.started("2026-01-01");
  auto role = in.run({"status", "--role", "Rektorr"});
  CHECK(role.exit_code == 2);
  CHECK(contains(role.err, "okänd roll 'Rektorr'; menade du 'Rektor'?"));
  auto unit = in.run({"status", "--unit", "Angskolan"});
  CHECK(unit.exit_code == 2);
  CHECK(
      contains(unit.err, "enheten 'Angskolan' finns inte i enhetslistan; menade du 'Ängsskolan'?"));
  CHECK(in.run({"next", "--role", "Nobody"}).exit_code == 2);
  auto year = in.run({"audit", "--year", "26"});
  CHECK(year.exit_code == 2);
  CHECK(contains(year.err, "--year 26: året ska ligga mellan 2000 och"));
  CHECK(in.run({"calendar", "regler.arshjul", "--year", "26"}).exit_code == 2);
  auto cal = in.run({"calendar", "regler.arshjul", "--year", "2026", "--unit", "Nowhere"});
  CHECK(cal.exit_code == 2);
  CHECK(contains(cal.err, "enheten 'Nowhere' finns inte"));
  // The preschool's calendar: its own step, not the schools' (it has no Rektor).
  auto myran =
      in.run({"calendar", "regler.arshjul", "--year", "2026", "--unit", "Förskolan Myran"});
  REQUIRE(myran.exit_code == 0);
  CHECK(contains(myran.out, "SUMMARY:Förskolechefen lämnar lekplanen (Förskolan Myran)"));
  CHECK(!contains(myran.out, "SUMMARY:Rektorn lämnar"));
  CHECK(contains(myran.out, "SUMMARY:Nämnden beslutar\r\n"));
}

TEST_CASE("before start: not overdue, not reminded, counted apart by the audit", "[dayone]") {
  Install in("start");
  in.started("2026-03-15");
  // rapport (03-10) and lekplan (03-12) lie before the start; beslut (03-20) does not.
  auto status = in.run({"status", "--date", "2026-03-25"});
  REQUIRE(status.exit_code == 0);
  CHECK(contains(status.out, "Läge 2026-03-25: 1 försenade"));
  CHECK(!contains(status.out, "prov 2026 rapport"));
  auto all = in.run({"status", "--date", "2026-03-25", "--all"});
  CHECK(contains(all.out, "före start"));
  auto remind = in.run({"remind", "--dry-run", "--date", "2026-03-25"});
  CHECK(remind.exit_code == 0);
  CHECK(!contains(remind.out, "bo@k.se"));
  CHECK(contains(remind.out, "nils@k.se"));
  auto audit = in.run({"audit", "--year", "2026", "--as-of", "2026-03-25"});
  CHECK(contains(audit.out, "1 uppgifter att ha gjort"));
  CHECK(contains(audit.out, "6 före start (räknas inte)"));
  // History from before the start counts as usual once imported.
  in.dir.write("h.csv",
               "process,år,steg,enhet,datum,av,utfall,anteckning\nprov,2026,rapport,Ängsskolan,"
               "2026-03-12,Rektor,,\n");
  REQUIRE(in.run({"import", "h.csv", "--date", "2026-03-25"}).exit_code == 0);
  audit = in.run({"audit", "--year", "2026", "--as-of", "2026-03-25"});
  CHECK(contains(audit.out, "2 uppgifter att ha gjort: 0 i tid (0 %), 1 sena"));
}

TEST_CASE("a completion after today is refused; a status as of a date ignores later ones",
          "[dayone]") {
  Install in("future");
  in.started("2026-01-01");
  auto before = in.files();
  auto r =
      in.run({"done", "rapport", "--year", "2026", "--unit", "Ängsskolan", "--date", "2099-01-01"});
  CHECK(r.exit_code == 2);
  CHECK(contains(r.err, "datumet 2099-01-01 ligger efter idag"));
  CHECK(in.rows() == 0);
  CHECK(in.files() == before);
  in.dir.write("f.csv",
               "process,år,steg,enhet,datum,av,utfall,anteckning\nprov,2026,rapport,Ängsskolan,"
               "2026-03-20,Rektor,,\n");
  auto imp = in.run({"import", "f.csv", "--date", "2026-03-15"});
  CHECK(imp.exit_code == 2);
  CHECK(contains(imp.err, "f.csv:2:"));
  CHECK(contains(imp.err, "ligger efter idag (2026-03-15)"));
  CHECK(in.rows() == 0);
  REQUIRE(in.run({"import", "f.csv", "--date", "2026-03-15", "--allow-future"}).exit_code == 0);
  CHECK(in.rows() == 1);
  // As of 03-15 the entry of 03-20 has not happened: rapport is still overdue for Ängsskolan.
  auto status = in.run({"status", "--date", "2026-03-15", "--unit", "Ängsskolan"});
  CHECK(contains(status.out, "försenad"));
  auto later = in.run({"status", "--date", "2026-03-21", "--unit", "Ängsskolan"});
  CHECK(!contains(later.out, "rapport"));
}

TEST_CASE("an identical re-import adds nothing and says so", "[dayone]") {
  Install in("reimport");
  in.started("2026-01-01");
  in.dir.write("r.csv",
               "process,år,steg,enhet,datum,av,utfall,anteckning\n"
               "prov,2026,rapport,Ängsskolan,2026-03-09,Rektor,,\n"
               "prov,2026,rapport,Åsens skola,2026-03-09,Rektor,,\n");
  auto first = in.run({"import", "r.csv"});
  CHECK(contains(first.out, "importerade 2 nya poster till "));
  CHECK(contains(first.out, "store.db, 0 fanns redan"));
  auto second = in.run({"import", "r.csv"});
  CHECK(second.exit_code == 0);
  CHECK(contains(second.out, "importerade 0 nya poster till "));
  CHECK(contains(second.out, "store.db, 2 fanns redan"));
  CHECK(in.rows() == 2);
  auto done = in.run({"done", "rapport", "--year", "2026", "--unit", "Ängsskolan", "--date",
                      "2026-03-09", "--by", "Rektor"});
  CHECK(done.exit_code == 0);
  CHECK(contains(done.out, "fanns redan"));
  CHECK(in.rows() == 2);
  // A correction (another date) is a new entry.
  REQUIRE(in.run({"done", "rapport", "--year", "2026", "--unit", "Ängsskolan", "--date",
                  "2026-03-08", "--by", "Rektor"})
              .exit_code == 0);
  CHECK(in.rows() == 3);
  // The file again: its rows are in the store, so it adds nothing and the correction stands.
  auto third = in.run({"import", "r.csv"});
  CHECK(contains(third.out, "importerade 0 nya poster till "));
  CHECK(in.rows() == 3);
  auto audit = in.run({"audit", "--year", "2026", "--as-of", "2026-03-12", "--all"});
  CHECK(contains(audit.out, "klar 2026-03-08"));
}

TEST_CASE("escalation: a first run on a period's last day is not repeated the next day",
          "[dayone]") {
  Install in("boundary");
  in.started("2026-01-01");
  // rapport is due 2026-03-10; 2026-04-07 is 28 days late, the last day of period 1.
  auto first = in.run({"remind", "--format", "json", "--date", "2026-04-07"});
  REQUIRE(first.exit_code == 0);
  CHECK(contains(first.out, "asa@k.se"));
  auto next = in.run({"remind", "--format", "json", "--date", "2026-04-08"});
  REQUIRE(next.exit_code == 0);
  CHECK(!contains(next.out, "asa@k.se"));
  CHECK(!contains(next.out, "bo@k.se"));
}

TEST_CASE("Swedish collation: å, ä, ö after z; accents and case only break ties", "[dayone]") {
  using arshjul::dsl::swedish_compare;
  std::vector<std::string> names{"Östra skolan", "Ängsskolan", "Åsens skola", "Zeta",  "Ekbacken",
                                 "éra",          "era",        "Era",         "Ørsta", "Ymer",
                                 "Über",         "10 b",       "9 a"};
  std::sort(names.begin(), names.end(), arshjul::dsl::SwedishLess{});
  CHECK(names == std::vector<std::string>{"10 b", "9 a", "Ekbacken", "era", "Era", "éra", "Über",
                                          "Ymer", "Zeta", "Åsens skola", "Ängsskolan", "Ørsta",
                                          "Östra skolan"});
  CHECK(swedish_compare("a", "a") == 0);
  CHECK(swedish_compare("ab", "a") > 0);
}
