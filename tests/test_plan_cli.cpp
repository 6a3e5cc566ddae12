// The plan's commands: progress, measure and import refusing bad input, the nightly job's
// reminders of activities and measures, the audit, status, followup and the malkedja example.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "tests/helpers.hpp"
#include "tests/plan_fixture.hpp"

using namespace arshjul;
using namespace arshjul::test;
using namespace arshjul::test::plan_fixture;
namespace fs = std::filesystem;
namespace ch = std::chrono;

TEST_CASE("progress, measure and import refuse bad input with a located error and write nothing") {
  Sandbox box("bad");
  auto& dir = box.dir;
  auto run = [&](const std::string& args) { return box.run(args); };
  auto rows = [&](const std::string& table) {
    auto r = run_command(
        "sqlite3 " + shell_quote(box.db()) + " " + shell_quote("SELECT count(*) FROM " + table),
        dir.path() / "q");
    return r.exit_code == 0 ? std::stoi(r.out) : -1;
  };
  // a good entry first, so the store exists and has something to keep
  REQUIRE(run("progress läsprojekt --status pågående --year 2026 --date 2026-03-01").exit_code ==
          0);
  REQUIRE(rows("activity_status") == 1);

  // Each refused with exit 2 and its message, nothing written.
  const std::vector<std::pair<std::string, std::string>> refused = {
      {"progress läsprojket --status pågående --year 2026",
       "okänd aktivitet 'läsprojket'; menade du 'läsprojekt'?"},
      {"progress läsprojekt --status klar --year 2026",
       "okänd status 'klar': använd pågående, genomfört, kvarstår eller klart; menade du 'klart'?"},
      {"progress läsprojekt --status pågående --year 2026 --date 2026-02-30",
       "'2026-02-30' är inget datum som finns"},
      {"measure närvaro 91 --period T4 --unit Ekskolan --year 2026",
       "'T4' är ingen period: skriv T1, T2 eller T3"},
      {"measure närvaro 91 --period 2026-T3 --unit Ekskolan",
       "mätetalet 'närvaro' följs inte upp i T3 (UPPFÖLJNING: T1, T2)"},
      {"measure närvaro 9x --period T1 --unit Ekskolan --year 2026", "'9x' är inget tal"},
      {"measure närvaro 91 --period T1 --year 2026", "'närvaro' görs per enhet: ange enhet"},
  };
  for (const auto& [args, message] : refused) {
    INFO(args);
    auto r = run(args);
    CHECK(r.exit_code == 2);
    CHECK(contains(r.err, message));
  }
  CHECK(rows("measure_value") == 0);

  // an import with one bad row among good ones: the row's cell is named, nothing is written
  auto csv = dir.write("values.csv",
                       "process,år,mätetal,enhet,period,värde,av,anteckning\n"
                       "plan,2026,närvaro,Ekskolan,T1,93.5,Rektor,\n"
                       "plan,2026,närvaro,Ekskolan,T2,92,Rektor,\n"
                       "plan,2026,närvaro,Ekskolan,T5,92,Rektor,\n");
  auto r = run("import " + shell_quote(csv.string()));
  CHECK(r.exit_code == 2);
  CHECK(contains(r.err, "values.csv:4:28: error: 'T5' är ingen period"));
  CHECK(rows("measure_value") == 0);
  auto statuses = dir.write("statuses.csv",
                            "process,år,aktivitet,enhet,datum,status,kommentar,av\n"
                            "plan,2026,läsprojekt,,2026-05-01,genomfört,,Förvaltningschef\n"
                            "plan,2026,okänd,,2026-05-01,genomfört,,Förvaltningschef\n");
  r = run("import " + shell_quote(statuses.string()));
  CHECK(r.exit_code == 2);
  CHECK(contains(r.err, "statuses.csv:3:11: error: okänd aktivitet 'okänd'"));
  CHECK(rows("activity_status") == 1);

  // and the good file goes in whole
  csv = dir.write("values.csv",
                  "process,år,mätetal,enhet,period,värde,av,anteckning\n"
                  "plan,2026,närvaro,Ekskolan,T1,\"93,5\",Rektor,\n"
                  "plan,2026,frånvaroanmälningar,,T1,3,Förvaltningschef,\n");
  r = run("import " + shell_quote(csv.string()));
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK(rows("measure_value") == 2);
  auto json = nlohmann::json::parse(
      run("followup --year 2026 --tertial T1 --format json --date 2026-05-10").out);
  const auto& ms = json["processes"][0]["measures"];
  REQUIRE(ms.size() == 3);
  CHECK(ms[0]["unit"] == "Björkskolan");  // roster units sorted
  CHECK(ms[0]["missing"] == true);
  CHECK(ms[1]["value"] == 93.5);
  CHECK(ms[1]["met"] == true);
  CHECK(ms[2]["met"] == true);
}

TEST_CASE("the nightly job tells owners of overdue activities and missing measure values, once") {
  Sandbox box("remind");
  auto run = [&](const std::string& args) { return box.run(args); };
  REQUIRE(run("progress läsprojekt --status pågående --year 2026 --date 2026-03-01").exit_code ==
          0);
  REQUIRE(run("measure närvaro 95 --period T1 --unit Ekskolan --year 2026").exit_code == 0);
  auto messages = [&](const std::string& date) { return box.reminders(date); };
  // 30 June: Q2 and T1 have not both passed: T1 ended (values missing), läsprojekt not yet overdue
  auto june = messages("2026-06-30");
  REQUIRE(june.count("anna@example.se"));
  std::string anna = june["anna@example.se"]["body"];
  CHECK(contains(anna, "MÄTVÄRDEN SOM SAKNAS"));
  CHECK(contains(anna, "- Anmälningar om frånvaro (Plan 2026 2026)"));  // by title
  CHECK_FALSE(contains(anna, "läsprojekt"));
  REQUIRE(june.count("eva@example.se"));  // Björkskolan gave no T1 value
  CHECK(contains(june["eva@example.se"]["body"].get<std::string>(),
                 "- Närvaro (Plan 2026 2026, Björkskolan)"));
  CHECK(june.count("per@example.se") == 0);  // Ekskolan gave its value
  // 1 July: läsprojekt (KLART Q2) is overdue; the missing values were already told
  auto july = messages("2026-07-01");
  REQUIRE(july.size() == 1);
  std::string body = july["anna@example.se"]["body"];
  CHECK(contains(body, "AKTIVITETER I VERKSAMHETSPLANEN SOM INTE ÄR GENOMFÖRDA I TID"));
  CHECK(contains(body, "KLART Q2, planerad 2026-06-30 (status: pågående)"));
  CHECK_FALSE(contains(body, "MÄTVÄRDEN SOM SAKNAS"));
  CHECK(july["anna@example.se"]["subject"] ==
        "Årshjulet: 1 uppgift försenad, sista dag var 30 jun");
  CHECK(messages("2026-07-02").empty());  // a re-run sends nothing twice
}

TEST_CASE(
    "the audit reports plan activities finished late or not at all and missing measure values") {
  Sandbox box("audit");
  auto run = [&](const std::string& args) { return box.run(args); };
  REQUIRE(run("progress läsprojekt --status pågående --year 2026 --date 2026-03-01").exit_code ==
          0);
  REQUIRE(run("progress läsprojekt --status genomfört --year 2026 --date 2026-07-10").exit_code ==
          0);
  REQUIRE(run("measure närvaro 95 --period T1 --unit Ekskolan --year 2026").exit_code == 0);
  auto findings = [&](const std::string& date) {
    auto r = run("audit --format json --year 2026 --date " + date);
    CHECK(r.exit_code == 1);
    std::map<std::string, std::string> by_item;  // "item/unit" -> kind: text
    auto json = nlohmann::json::parse(r.out);
    for (const auto& p : json["plan"])
      by_item[p["item"].get<std::string>() + "/" + p["unit"].get<std::string>()] =
          p["kind"].get<std::string>() + ": " + p["text"].get<std::string>();
    return by_item;
  };
  auto july = findings("2026-07-05");  // before the Genomfört report
  CHECK(july["läsprojekt/"] ==
        "missing: inte genomförd: 5 dagar efter KLART 2026-06-30 (status: pågående)");
  CHECK(july["närvaro T1/Björkskolan"] ==
        "missing: mätvärde saknas (tertialen slutade 2026-04-30)");
  CHECK(july["närvaro T1/Ekskolan"] == "on_time: värde 95 (målvärdet nått)");
  CHECK(july["löpande/"] == "not_applicable: utan KLART");
  auto year_end = findings("2026-12-31");
  CHECK(year_end["läsprojekt/"] ==
        "late: genomförd sent: rapporterad 2026-07-10, 10 dagar efter KLART 2026-06-30");
  CHECK(year_end["närvaro T2/Ekskolan"] ==
        "missing: mätvärde saknas (tertialen slutade 2026-08-31)");
}

TEST_CASE(
    "examples/malkedja: the walkthrough's commands work and show each case its README names") {
  Sandbox box("malkedja",
              Paths{kSource + "/examples/malkedja", kSource + "/examples/malkedja/roster.csv"});
  auto run = [&](const std::string& args) { return box.run(args); };
  auto checked = run_command(kBinary + " check " + shell_quote(kSource + "/examples/malkedja"),
                             box.dir.path() / "c");
  CHECK(checked.exit_code == 0);
  CHECK(contains(
      checked.out,
      "process malkedja: 0 steg, 6 roller, 0 beroenden; 10 mål, 6 aktiviteter, 6 mätetal"));
  // show lists the plan: the goal chain, each activity's planned date in the year, the targets
  auto shown = run_command(
      kBinary + " show " + shell_quote(kSource + "/examples/malkedja/mal.arshjul") + " --year 2026",
      box.dir.path() / "s");
  CHECK(shown.exit_code == 0);
  for (const char* part : {"trygg_skola                 enhetsmål        trygghet_och_studiero",
                           "2026-04-30", "≥ 87,5 procent", "≤ 25", "T1, T2, T3"})
    CHECK(contains(shown.out, part));
  auto imported = run("import " + shell_quote(kSource + "/examples/malkedja/matvarden.csv"));
  INFO(imported.err);
  REQUIRE(imported.exit_code == 0);
  auto r = run("followup --year 2026 --tertial T2 --format json");
  CHECK(r.exit_code == 1);
  auto json = nlohmann::json::parse(r.out);
  std::map<std::string, nlohmann::json> m;  // "measure/unit/T" -> line
  for (const auto& line : json["processes"][0]["measures"])
    m[line["id"].get<std::string>() + "/" + line["unit"].get<std::string>() + "/T" +
      std::to_string(line["tertial"].get<int>())] = line;
  CHECK(m.at("meritvärde_åk9/Hagaskolan/T2")["missing"] == true);
  CHECK(m.at("närvaro/Centralskolan/T1")["value"] == 94.0);  // exactly the target: met
  CHECK(m.at("närvaro/Centralskolan/T1")["met"] == true);
  CHECK(m.at("frånvaroanmälningar//T1")["direction"] == "lower");
  CHECK(m.at("frånvaroanmälningar//T1")["met"] == true);   // 21 <= 25
  CHECK(m.at("frånvaroanmälningar//T2")["met"] == false);  // 31 > 25
}

TEST_CASE(
    "followup --format html is one page with every text escaped, and English with --lang en") {
  std::string plan = kPlan;
  plan.replace(plan.find("Starta läsprojekt"), std::string("Starta läsprojekt").size(),
               "Starta <script>alert(1)</script> & läs");
  Sandbox box("html", plan);
  REQUIRE(box.run("progress läsprojekt --status kvarstår --comment '<b>snart</b>' --year 2026 "
                  "--date 2026-03-01")
              .exit_code == 0);
  auto r = box.run("followup --year 2026 --tertial T3 --format html");
  CHECK(r.exit_code == 1);
  CHECK(r.out.rfind("<!DOCTYPE html>", 0) == 0);
  CHECK(contains(
      r.out,
      "<td data-l=\"Aktivitet\">Starta &lt;script&gt;alert(1)&lt;/script&gt; &amp; läs</td>"));
  CHECK(contains(r.out, "<td data-l=\"Ev kommentar\">&lt;b&gt;snart&lt;/b&gt;</td>"));
  CHECK_FALSE(contains(r.out, "<script"));
  CHECK_FALSE(contains(r.out, "http"));           // nothing from the network
  CHECK(contains(r.out, "<tr class=\"warn\">"));  // the overdue activity
  auto en = run_command(
      kBinary + " --lang en followup --year 2026 --tertial T1 --date 2026-07-01" + box.common,
      box.dir.path() / "e");
  CHECK(contains(en.out, "Follow-up 2026 tertial 1 (as of 2026-07-01)"));
  CHECK(contains(en.out, "Pending (overdue: planned 2026-06-30)"));
  CHECK(contains(en.out, "Board goal: Maximalt lärande"));
}

TEST_CASE(
    "status lists the plan's overdue activities and missing values under their role and unit") {
  Sandbox box("status");
  REQUIRE(box.run("measure närvaro 95 --period T1 --unit Ekskolan --year 2026").exit_code == 0);
  auto r = box.run("status --date 2026-07-10");
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK(contains(r.out, "Verksamhetsplanen: försenade aktiviteter 1, saknade mätvärden 2"));
  CHECK(contains(r.out,
                 "Förvaltningschef\n  försenad   10 d sen   plan 2026 aktivitet läsprojekt — KLART "
                 "Q2 (planerad 2026-06-30), status ingen status"));
  CHECK(contains(r.out,
                 "Rektor · Björkskolan\n  saknas     71 d sen   plan 2026 mätetal närvaro T1 — "
                 "tertialen slutade 2026-04-30"));
  CHECK_FALSE(contains(r.out, "Rektor · Ekskolan"));  // gave its value
  auto only = box.run("status --date 2026-07-10 --role Rektor --format json");
  auto json = nlohmann::json::parse(only.out);
  REQUIRE(json["plan"].size() == 1);
  CHECK(json["plan"][0]["kind"] == "value_missing");
  CHECK(json["plan"][0]["unit"] == "Björkskolan");
  CHECK(json["plan"][0]["tertial"] == 1);
}

TEST_CASE(
    "an overdue plan activity is escalated up 'rapporterar till' each ESKALERING period, like a "
    "step") {
  std::string plan = kPlan;
  plan.replace(plan.find("roll Förvaltningschef\n"), std::string("roll Förvaltningschef\n").size(),
               "roll Förvaltningschef rapporterar till Nämnd\nroll Nämnd\n");
  Sandbox box("escalate", plan, kRoster + ",Nämnd,Nora N,nora@example.se\n");
  // The body of each message, by recipient.
  auto messages = [&](const std::string& date) {
    std::map<std::string, std::string> bodies;
    for (const auto& [to, m] : box.reminders(date)) bodies[to] = m["body"].get<std::string>();
    return bodies;
  };
  CHECK(messages("2026-07-01").count("nora@example.se") == 0);  // 1 day late: the owner only
  CHECK(messages("2026-07-14").count("nora@example.se") == 0);  // 14 days: still within the period
  auto day15 = messages("2026-07-15");
  REQUIRE(day15.count("nora@example.se"));
  CHECK(contains(day15["nora@example.se"], "ESKALERAT"));
  CHECK(contains(day15["nora@example.se"], "läsprojekt (Plan 2026 2026, Förvaltningschef)"));
  REQUIRE(day15.count("anna@example.se"));  // reminded again, once per period
  CHECK(contains(day15["anna@example.se"], "läsprojekt"));
  CHECK(messages("2026-07-16").count("nora@example.se") == 0);  // sent once
}
