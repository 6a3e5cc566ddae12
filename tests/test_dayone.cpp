// Day one (issue 16): no silent wrong answers. Read commands never create a store, an
// installation is a configuration file, names on the command line are checked, tasks due
// before the store's start are not overdue, completions after today are refused, a re-import
// adds nothing, an escalation period is reminded once, names sort in Swedish order.
#include <catch2/catch.hpp>
#include <cctype>
#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "dsl/collate.hpp"
#include "engine/store.hpp"
#include "tests/helpers.hpp"
#include "tests/sqlite_raw.hpp"

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

// A plan beside the steps: tidig (KLART 2026-02-28), sen (06-30), närvaro in T1 and T2.
const std::string kPlan = R"(
mål bättre "Bättre skola"
  NIVÅ nämndmål

aktivitet tidig
  VAD    Tidig aktivitet
  MÅL    bättre
  VEM    Förvaltningschef
  KLART  februari

aktivitet sen
  VAD    Sen aktivitet
  MÅL    bättre
  VEM    Förvaltningschef
  KLART  juni

mätetal närvaro "Närvaro"
  MÅL          bättre
  VEM          Förvaltningschef
  ENHET        procent
  RIKTNING     högre
  MÅLVÄRDE     90
  UPPFÖLJNING  T1, T2
)";

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
  std::size_t rows() const { return reader().load(2000, 2100).size(); }
  /// Reminders recorded as sent.
  std::size_t sent() const { return reader().sent_keys().size(); }
  arshjul::engine::Store reader() const {
    return arshjul::engine::Store(path("store.db").string(), arshjul::engine::Store::read_only);
  }
  /// All a command could change: the folder's files, the store's bytes and its time.
  struct State {
    std::set<std::string> files;
    std::string bytes;
    fs::file_time_type modified;
    bool operator==(const State&) const = default;
  };
  State state() const {
    auto store = path("store.db");
    return {files(), slurp(store),
            fs::exists(store) ? fs::last_write_time(store) : fs::file_time_type{}};
  }
  /// Runs `args` and checks that it exits with `code`, says each of `said` on stderr and
  /// leaves the folder and the store as they were.
  void refused(const std::vector<std::string>& args, int code,
               const std::vector<std::string>& said) const {
    const auto before = state();
    auto r = run(args);
    INFO(args[0] << ": " << r.err);
    CHECK(r.exit_code == code);
    for (const auto& s : said) CHECK(contains(r.err, s));
    CHECK(state() == before);
  }
};

/// Every command that only reads the store, as of 2026-03-25.
const std::vector<std::vector<std::string>> kReadCommands = {
    {"status", "--date", "2026-03-25", "--all"},
    {"next", "--role", "Rektor", "--date", "2026-03-25"},
    {"audit", "--year", "2026", "--as-of", "2026-03-25"},
    {"followup", "--year", "2026", "--date", "2026-03-25"},
    {"remind", "--dry-run", "--date", "2026-03-25", "--link-base", "https://x/"},
    {"wheel", "regler.arshjul", "--store", "store.db", "--year", "2026", "--date", "2026-03-25"},
    {"report", "regler.arshjul", "--store", "store.db", "--year", "2026", "--date", "2026-03-25"},
    {"diff", "regler.arshjul", "regler.arshjul", "--store", "store.db", "--roster", "enheter.csv",
     "--date", "2026-03-25"},
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

TEST_CASE("read commands never create a store, --dry-run writes nothing", "[dayone]") {
  Install in("readonly");
  for (auto args :
       std::vector<std::vector<std::string>>{{"status", "--store", "stroe.db"},
                                             {"audit", "--year", "2026", "--store", "stroe.db"},
                                             {"remind", "--dry-run", "--store", "stroe.db"},
                                             {"followup", "--year", "2026", "--store", "stroe.db"}})
    in.refused(args, 3, {"stroe.db: lagret finns inte", "arshjul init"});
  // An existing store: a dry run records no reminder and makes no key for the links.
  REQUIRE(in.run({"init", "--start", "2026-01-01"}).exit_code == 0);
  auto before = in.files();
  auto dry = in.run({"remind", "--dry-run", "--date", "2026-03-12", "--link-base", "https://x/"});
  CHECK(dry.exit_code == 0);
  CHECK(contains(dry.out, "bo@k.se"));
  CHECK(in.sent() == 0);
  CHECK(in.files() == before);
}

TEST_CASE("a read command changes no byte of the store, an older schema is refused, not migrated",
          "[dayone]") {
  Install in("readbytes");
  in.started("2026-01-01");
  REQUIRE(
      in.run({"done", "rapport", "--year", "2026", "--unit", "Ängsskolan", "--date", "2026-03-09"})
          .exit_code == 0);
  auto before = in.state();
  for (const auto& args : kReadCommands) {
    auto r = in.run(args);
    INFO(args[0] << ": " << r.err);
    CHECK((r.exit_code == 0 || r.exit_code == 1));  // the audit's findings are exit 1
    CHECK(in.state() == before);
  }
  CHECK(in.sent() == 0);
  // A store of the schema before this build's (5: no settings yet), made by an older arshjul.
  {
    arshjul::test::Raw raw(in.path("store.db"));
    REQUIRE(raw.exec("DROP TABLE setting; PRAGMA user_version=5;") == "");
  }
  const auto current = std::to_string(arshjul::engine::Store::kSchemaVersion);
  for (const auto& args : kReadCommands)
    in.refused(args, 3,
               {"store.db: lagret har schema 5, den här arshjul läser schema " + current,
                "`arshjul store migrate --store "});
  CHECK(arshjul::test::Raw(in.path("store.db")).integer("PRAGMA user_version") == 5);
  // The way to upgrade, once; then the store reads as before, its entry kept.
  auto migrate = in.run({"store", "migrate"});
  CHECK(migrate.exit_code == 0);
  CHECK(contains(migrate.out, "store.db har schema " + current));
  CHECK(arshjul::test::Raw(in.path("store.db")).integer("PRAGMA user_version") ==
        arshjul::engine::Store::kSchemaVersion);
  CHECK(in.rows() == 1);
  CHECK(in.run({"status", "--date", "2026-03-25"}).exit_code == 0);
  auto none = in.run({"store", "migrate", "--store", "stroe.db"});
  CHECK(none.exit_code == 3);
  CHECK(contains(none.err, "stroe.db: lagret finns inte"));
  CHECK(!fs::exists(in.path("stroe.db")));
}

TEST_CASE("configuration: found by --config, ARSHJUL_CONFIG or the folder, flags override",
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
  // Every setting the template shows commented out is one arshjul knows: with all of them
  // taken in (the [mail] and [oidc] sections too), the file is still a valid configuration.
  std::string all;
  for (std::size_t at = 0, end; at < toml.size(); at = end + 1) {
    end = toml.find('\n', at);
    std::string line = toml.substr(at, end - at);
    bool setting = line.rfind("# ", 0) == 0 && line.size() > 2 &&
                   (line[2] == '[' || (std::islower(static_cast<unsigned char>(line[2])) &&
                                       line.find(" = ") != std::string::npos &&
                                       line.find(' ', 2) == line.find(" = ")));
    all += (setting ? line.substr(2) : line) + "\n";
  }
  CHECK(contains(all, "\nkey_file = "));
  CHECK(contains(all, "\n[oidc]\n"));
  dir.write("all.toml", all);
  auto read = run("--config all.toml check");  // no rules folder here: a later error
  CHECK(!contains(read.err, "all.toml:"));
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

TEST_CASE("names: an alias is a role's name, process, activity and measure are checked too",
          "[dayone]") {
  Install in("names2");
  std::string rules = kRules + kPlan;
  rules.replace(rules.find("roll Nämnd\n"), 11, "roll Nämnd alias Politiker\n");
  in.dir.write("regler.arshjul", rules);
  in.started("2026-01-01");
  CHECK(in.run({"next", "--role", "Politiker", "--date", "2026-03-25"}).exit_code == 0);
  for (const auto& [args, said] : std::vector<std::pair<std::vector<std::string>, std::string>>{
           {{"next", "--role", "Politikr"}, "okänd roll 'Politikr'; menade du 'Politiker'?"},
           {{"done", "rapport", "--process", "provv", "--year", "2026", "--unit", "Ängsskolan",
             "--date", "2026-03-09"},
            "okänd process 'provv'; menade du 'prov'?"},
           {{"done", "rapportt", "--year", "2026", "--unit", "Ängsskolan", "--date", "2026-03-09"},
            "okänt steg 'rapportt'; menade du 'rapport'?"},
           {{"progress", "tidigg", "--status", "pågående", "--year", "2026", "--date",
             "2026-02-01"},
            "okänd aktivitet 'tidigg'; menade du 'tidig'?"},
           {{"measure", "närvaroo", "91", "--period", "2026-T1"},
            "okänt mätetal 'närvaroo'; menade du 'närvaro'?"},
           // A status after today, as a completion (item 5).
           {{"progress", "tidig", "--status", "pågående", "--year", "2026", "--date", "2099-01-01"},
            "datumet 2099-01-01 ligger efter idag"}})
    in.refused(args, 2, {said});
}

TEST_CASE("Swedish collation in the output: units in status and audit, Å before Ä", "[dayone]") {
  Install in("collate");
  in.started("2026-01-01");
  auto status = in.run({"status", "--date", "2026-03-25"});
  REQUIRE(status.exit_code == 0);
  auto asen = status.out.find("Rektor · Åsens skola"),
       angs = status.out.find("Rektor · Ängsskolan");
  REQUIRE(asen != std::string::npos);
  REQUIRE(angs != std::string::npos);
  CHECK(asen < angs);
  auto audit = in.run({"audit", "--year", "2026", "--as-of", "2026-03-25"});
  auto by_unit = audit.out.find("Per enhet");
  REQUIRE(by_unit != std::string::npos);
  auto myran = audit.out.find("Förskolan Myran", by_unit);
  auto a1 = audit.out.find("Åsens skola", by_unit), a2 = audit.out.find("Ängsskolan", by_unit);
  CHECK(myran < a1);
  CHECK(a1 < a2);
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

TEST_CASE("before start: the plan's activities and values due before it are counted apart",
          "[dayone]") {
  Install in("planstart");
  in.dir.write("regler.arshjul", kRules + kPlan);
  // tidig (KLART 2026-02-28) and närvaro T1 (2026-04-30) lie before the start; sen (06-30)
  // and närvaro T2 (08-31) do not.
  in.started("2026-05-15");
  auto audit = in.run({"audit", "--year", "2026", "--as-of", "2026-09-15"});
  INFO(audit.out);
  CHECK(audit.exit_code == 1);
  CHECK(contains(audit.out,
                 "2 av planens aktiviteter och mätvärden har sista dag före lagrets "
                 "start (räknas inte)."));
  CHECK(contains(audit.out, "inte genomförd: 77 dagar efter KLART 2026-06-30"));  // sen
  CHECK(contains(audit.out, "mätvärde saknas (tertialen slutade 2026-08-31)"));   // närvaro T2
  CHECK(!contains(audit.out, "tidig"));
  CHECK(!contains(audit.out, "närvaro T1"));
  auto all = in.run({"audit", "--year", "2026", "--as-of", "2026-09-15", "--all"});
  CHECK(contains(all.out, "före start: sista dag 2026-02-28 före lagrets startdatum"));
  CHECK(contains(all.out, "före start: sista dag 2026-04-30 före lagrets startdatum"));
  auto json = in.run({"audit", "--year", "2026", "--as-of", "2026-09-15", "--format", "json"});
  CHECK(contains(json.out, R"("item":"tidig","kind":"before_start")"));
  CHECK(contains(json.out, R"("item":"närvaro T1","kind":"before_start")"));
  CHECK(contains(json.out, R"("item":"sen","kind":"missing")"));
  // Nor overdue for the nightly job.
  auto remind = in.run({"remind", "--dry-run", "--date", "2026-09-15"});
  CHECK(remind.exit_code == 0);
  CHECK(
      contains(remind.err + remind.out, "1 försenade totalt (1 aktiviteter), 1 mätvärden saknas"));
  // Once the items after the start are done, nothing before it is a finding: exit 0.
  REQUIRE(in.run({"progress", "sen", "--status", "genomfört", "--date", "2026-06-20"}).exit_code ==
          0);
  REQUIRE(in.run({"measure", "närvaro", "93", "--period", "2026-T2"}).exit_code == 0);
  auto clean = in.run({"audit", "--year", "2026", "--as-of", "2026-09-15"});
  CHECK(clean.exit_code == 0);
  CHECK(contains(clean.out,
                 "2 av planens aktiviteter och mätvärden har sista dag före lagrets "
                 "start (räknas inte)."));
}

TEST_CASE("a step with UTFALL needs an outcome: done and import refuse it, as the web form does",
          "[dayone]") {
  Install in("outcome");
  in.dir.write("regler.arshjul", kRules + R"(
steg granskning
  NÄR    25 mars
  VEM    Nämnd
  VAD    Nämnden granskar
  UTFALL godkänd, återremiss
)");
  in.started("2026-01-01");
  in.refused({"done", "granskning", "--year", "2026", "--date", "2026-03-25"}, 2,
             {"steget 'granskning' har UTFALL: ange ett av godkänd, återremiss"});
  in.dir.write("g.csv",
               "process,år,steg,enhet,datum,av,utfall,anteckning\n"
               "prov,2026,granskning,,2026-03-25,Nämnd,,\n");
  in.refused({"import", "g.csv"}, 2, {"g.csv:2:", "har UTFALL: ange ett av godkänd, återremiss"});
  CHECK(in.rows() == 0);
  auto ok = in.run(
      {"done", "granskning", "--year", "2026", "--date", "2026-03-25", "--outcome", "Godkänd"});
  CHECK(ok.exit_code == 0);
  REQUIRE(in.rows() == 1);
  CHECK(in.reader().load(2026, 2026)[0].outcome == "godkänd");
}

TEST_CASE("a completion after today is refused, a status as of a date ignores later ones",
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

TEST_CASE("Swedish collation: å, ä, ö after z, accents and case only break ties", "[dayone]") {
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
