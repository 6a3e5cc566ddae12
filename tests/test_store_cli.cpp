// `arshjul done` and `arshjul import` through the real binary, on both back-ends: every row
// recorded, refused input (exit 2, located) writing nothing, one bad row importing nothing.
#include <catch2/catch.hpp>
#include <filesystem>
#include <iterator>
#include <string>
#include <vector>

#include "tests/helpers.hpp"
#include "tests/store_fixture.hpp"

namespace {

using namespace arshjul::test::store;  // tests/store_fixture.hpp

}  // namespace

TEST_CASE("done: records one entry", "[store][cli]") {
  TempDir tmp(unique("done-ok"));
  const auto db = fresh_store(tmp.path());
  auto r = run_arshjul({"done", "t1_uppföljning", "--year", "2026", "--unit", "hagaskolan",
                        "--date", "2026-04-20", "--note", "klart i Stratsys", "--store", db},
                       tmp);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.find("t1_uppföljning (Hagaskolan)") != std::string::npos);
  auto all = stored_2026(db, 1);
  CHECK(all[0].process == "resultatuppfoljning");
  CHECK(all[0].step == "t1_uppföljning");
  CHECK(all[0].unit == "Hagaskolan");  // as the roster spells it
  CHECK(all[0].done_on == entry(2026, "x", "", "2026-04-20").done_on);
  CHECK(all[0].done_by == "Enhetschef");  // the step's first role
  CHECK(all[0].occurrence == 1);
  CHECK(all[0].note == "klart i Stratsys");
  CHECK(all[0].recorded_at.size() == 20);  // 2026-10-15T08:00:00Z

  // An outcome from UTFALL, written in another case, is stored as UTFALL spells it.
  r = run_arshjul({"done", "t2_redovisning", "--year", "2026", "--date", "2026-09-22", "--outcome",
                   "FÖRBÄTTRINGSBEHOV", "--store", db},
                  tmp);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  all = stored_2026(db, 2);
  CHECK(all[1].outcome == "förbättringsbehov");
  CHECK(all[1].unit.empty());
}

TEST_CASE("done: refused input exits 2 with a located message and writes nothing", "[store][cli]") {
  TempDir tmp(unique("done-refused"));
  const auto db = fresh_store(tmp.path());
  struct Case {
    const char* name;
    std::string args;  // after "done", split at spaces
    std::string message;
  };
  const std::vector<Case> cases = {
      {"unknown step, with did-you-mean",
       "t1_uppfoljnng --year 2026 --unit Hagaskolan --date 2026-04-20",
       "okänt steg 't1_uppfoljnng'; menade du 't1_uppföljning'?"},
      {"unit not in the roster", "t1_uppföljning --year 2026 --unit Hagskolan --date 2026-04-20",
       "enheten 'Hagskolan' finns inte i enhetslistan; menade du 'Hagaskolan'?"},
      {"per-unit step without --unit", "t1_uppföljning --year 2026 --date 2026-04-20",
       "'t1_uppföljning' görs per enhet: ange enhet"},
      {"--unit on a single-instance step",
       "t1_godkännande --year 2026 --unit Hagaskolan --date 2026-05-26",
       "'t1_godkännande' görs inte per enhet"},
      {"a date that does not exist",
       "t1_uppföljning --year 2026 --unit Hagaskolan --date 2026-02-30",
       "'2026-02-30' är inget datum som finns"},
      {"a date far outside the cycle",
       "t1_uppföljning --year 2026 --unit Hagaskolan --date 1999-01-01",
       "datumet 1999-01-01 ligger orimligt långt från cykel 2026"},
      {"an outcome not in UTFALL", "t2_redovisning --year 2026 --date 2026-09-22 --outcome bra",
       "steget 't2_redovisning' har inget utfall 'bra' (UTFALL: förbättringsbehov, inga_åtgärder)"},
      {"an outcome on a step without UTFALL",
       "t1_godkännande --year 2026 --date 2026-05-26 --outcome godkänd",
       "steget 't1_godkännande' har inga UTFALL att ange"},
  };
  for (const auto& c : cases) {
    DYNAMIC_SECTION(c.name) {
      auto r = run_arshjul(arshjul::test::words("done " + c.args + " --store " + db), tmp);
      INFO(r.err);
      CHECK(r.exit_code == 2);
      CHECK(r.err.rfind("kommandoraden: error: ", 0) == 0);  // located: where it was given
      CHECK(r.err.find(c.message) != std::string::npos);
      CHECK(r.err.find("1 fel; inget sparades") != std::string::npos);
      CHECK(r.out.empty());
      CHECK(nothing_written(db));
    }
  }
}

// --- import through the binary ---------------------------------------------------------------

TEST_CASE("import: a valid CSV imports every row", "[store][cli]") {
  TempDir tmp(unique("import-ok"));
  const auto db = fresh_store(tmp.path());
  auto r =
      import_rows(tmp, db,
                  "resultatuppfoljning,2026,t1_uppföljning,Hagaskolan,2026-04-20,,,\n"
                  ",2026,t1_uppföljning,Norrskolan,2026-04-22,Ingrid Jansson,,\"sent, men klart\"\n"
                  "styrning_och_uppfoljning,2026,t1_rapport,Åsens skola,2026-05-25,,,\n"
                  "resultatuppfoljning,2026,t1_rapport,,2026-05-28,,,\n"
                  "resultatuppfoljning,2026,t2_redovisning,,2026-09-22,,inga_åtgärder,\n"
                  "vp_tidplan,2026,verksamhetsdialog_rektor,Hagaskolan,2026-05-12,,,\n");
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.find("importerade 6 nya poster") != std::string::npos);
  auto all = stored_2026(db, 6);
  CHECK(all[1].process == "resultatuppfoljning");  // found from the step id alone
  CHECK(all[1].done_by == "Ingrid Jansson");
  CHECK(all[1].note == "sent, men klart");
  CHECK(all[2].process == "styrning_och_uppfoljning");
  CHECK(all[2].unit == "Åsens skola");
  CHECK(all[3].unit.empty());
  CHECK(all[4].outcome == "inga_åtgärder");
  CHECK(all[5].occurrence == 2);  // May: the second of februari, maj, oktober
}

TEST_CASE("import: one bad row among good ones imports nothing and is located", "[store][cli]") {
  TempDir tmp(unique("import-bad"));
  const auto db = fresh_store(tmp.path());
  const std::string rows =
      "resultatuppfoljning,2026,t1_uppföljning,Hagaskolan,2026-04-20,,,\n"
      "resultatuppfoljning,2026,t1_uppföljning,Norrskolan,2026-04-22,,,\n"
      "resultatuppfoljning,2026,t1_uppföljning,Hagskolan,2026-04-23,,,\n"
      "resultatuppfoljning,2026,t1_uppföljning,Västerskolan,2026-04-24,,,\n";
  auto r = import_rows(tmp, db, rows);
  INFO(r.err);
  CHECK(r.exit_code == 2);
  // Line 4 (the header is line 1); the unit is in column 41, counted in characters:
  // "resultatuppfoljning,2026,t1_uppföljning," is 40 characters (41 bytes).
  CHECK(r.err.find((tmp.path() / "klart.csv").string() + ":4:41: error: ") != std::string::npos);
  CHECK(r.err.find("'Hagskolan'") != std::string::npos);
  CHECK(r.err.find("1 fel; inget sparades") != std::string::npos);
  CHECK(r.out.empty());
  CHECK(nothing_written(db));

  SECTION("nor into a store that already has entries") {
    REQUIRE(import_rows(tmp, db,
                        "resultatuppfoljning,2026,t1_uppföljning,Hagaskolan,2026-04-20,,,\n",
                        "ok.csv")
                .exit_code == 0);
    REQUIRE(count_rows(db) == 1);
    CHECK(import_rows(tmp, db, rows).exit_code == 2);
    CHECK(count_rows(db) == 1);
  }
}

// --- the nightly job -------------------------------------------------------------------------

namespace {

/// How many messages `remind --out` has written into `dir`.
long messages_in(const fs::path& dir) {
  if (!fs::exists(dir)) return 0;
  return std::distance(fs::directory_iterator(dir), fs::directory_iterator());
}

}  // namespace

TEST_CASE("remind: the nightly job sends each reminder once, on either store", "[store][cli]") {
  TempDir tmp(unique("remind"));
  const auto db = fresh_store(tmp.path());
  const auto records = std::string(ARSHJUL_SOURCE_DIR) + "/examples/records.csv";
  REQUIRE(run_arshjul({"import", records, "--store", db}, tmp).exit_code == 0);
  const auto mail = tmp.path() / "mail";
  // The second night: the lock is free again and every delivered reminder was recorded.
  for (const char* said : {"21 mottagare, 21 meddelanden", "0 mottagare, 0 meddelanden"}) {
    auto r =
        run_arshjul({"remind", "--date", "2026-10-15", "--out", mail.string(), "--store", db}, tmp);
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(r.err.find(said) != std::string::npos);
    CHECK(messages_in(mail) == 21);  // nothing sent twice
  }
}

TEST_CASE("serve, token and remind: a PostgreSQL store needs the links' key file, exit 2",
          "[cli]") {
  TempDir tmp(unique("serve-pg"));
  const std::string address = "postgresql://arshjul:hemligt@db.kommunen.se/arshjul";
  for (const auto& args : std::vector<std::vector<std::string>>{
           {"serve", "--listen", "127.0.0.1:0", "--store", address},
           {"token", "anna.andersson@kommunen.se", "--store", address},
           {"remind", "--link-base", "https://a/", "--out", "mail", "--store", address}}) {
    auto r = run_arshjul(args, tmp);
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("ange --key-file eller key_file i konfigurationsfilen: ett PostgreSQL-lager "
                     "(postgresql://arshjul@db.kommunen.se/arshjul)") != std::string::npos);
    CHECK(r.err.find("hemligt") == std::string::npos);
  }
}
