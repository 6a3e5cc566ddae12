// `arshjul remind`, the nightly job, through the real binary in temp folders: each reminder
// sent once (the same day twice, the next day, after a crash between send and record),
// escalation on exactly the right day, and messages that Python's email package reads with the
// right To, Subject and UTF-8 body. The fixture and its rule file: tests/remind_fixture.hpp.

#include "tests/remind_fixture.hpp"

// --- Each reminder once -------------------------------------------------------------------

TEST_CASE("remind twice for the same date: the second run sends nothing", "[remind]") {
  Sandbox s("same-day");
  auto first = s.remind("2026-03-25", "--out out1");
  INFO(first.err);
  REQUIRE(first.code == 0);
  CHECK(s.eml("out1") == Names{"2026-03-25-asa@k.se.eml", "2026-03-25-bo@k.se.eml",
                               "2026-03-25-fia@k.se.eml", "2026-03-25-nils@k.se.eml"});
  CHECK(s.recorded() == Names{"asa@k.se prov/2026/rapport/Ekskolan/1 overdue@14",
                              "bo@k.se prov/2026/rapport/Björkskolan/1 overdue@14",
                              "fia@k.se prov/2026/rapport/Björkskolan/1 escalation@14",
                              "fia@k.se prov/2026/rapport/Ekskolan/1 escalation@14",
                              "nils@k.se prov/2026/beslut//1 overdue"});
  CHECK(contains(first.err, "påminnelser 2026-03-25: 4 mottagare, 4 meddelanden"));

  auto second = s.remind("2026-03-25", "--out out2");
  CHECK(second.code == 0);
  CHECK(s.eml("out2").empty());
  CHECK(contains(second.err, "0 mottagare, 0 meddelanden"));

  auto third = s.remind("2026-03-25", Sandbox::sendmail());
  CHECK(third.code == 0);
  CHECK(s.sent().empty());
  CHECK(s.recorded().size() == 5);
}

TEST_CASE("a store written before schema 4 (Swedish reminder kinds) keeps what it sent",
          "[remind]") {
  Sandbox s("old-kinds");
  REQUIRE(s.remind("2026-03-25", "--out out1").code == 0);
  REQUIRE(s.recorded().size() == 5);
  // Make it what schema 3 wrote: the same tables, the kinds as Swedish words.
  s.sql(
      "UPDATE reminder SET kind = CASE kind WHEN 'overdue' THEN 'försenad'"
      " WHEN 'overdue@14' THEN 'försenad@14' WHEN 'escalation@14' THEN 'eskalerad@14' END;"
      " PRAGMA user_version=3;");
  REQUIRE(s.sql("SELECT count(*) FROM reminder WHERE kind IN ('försenad', 'försenad@14',"
                " 'eskalerad@14')") == "5\n");

  auto again = s.remind("2026-03-25", "--out out2");
  INFO(again.err);
  CHECK(again.code == 0);
  CHECK(s.eml("out2").empty());  // nothing sent twice
  CHECK(s.sql("PRAGMA user_version") ==
        std::to_string(arshjul::engine::Store::kSchemaVersion) + "\n");
  CHECK(s.recorded() == Names{"asa@k.se prov/2026/rapport/Ekskolan/1 overdue@14",
                              "bo@k.se prov/2026/rapport/Björkskolan/1 overdue@14",
                              "fia@k.se prov/2026/rapport/Björkskolan/1 escalation@14",
                              "fia@k.se prov/2026/rapport/Ekskolan/1 escalation@14",
                              "nils@k.se prov/2026/beslut//1 overdue"});
  // The next level still goes out once, under the new key.
  REQUIRE(s.remind("2026-04-08", "--out d29").code == 0);
  CHECK(s.eml_to("d29") == Names{kAsa, kBo, kNils});
}

TEST_CASE("remind twice through sendmail: the command runs once per recipient, then never",
          "[remind]") {
  Sandbox s("same-day-sendmail");
  REQUIRE(s.remind("2026-03-25", Sandbox::sendmail()).code == 0);
  CHECK(s.sent_to() == kAllFour);
  for (const auto& m : s.sent()) CHECK(m.args == "-t -i");
  auto again = s.remind("2026-03-25", Sandbox::sendmail());
  CHECK(again.code == 0);
  CHECK(s.sent_to() == kAllFour);  // still the first four: not run again
}

TEST_CASE("a run for the next day sends only what changed that day", "[remind]") {
  Sandbox s("next-day");
  auto d1 = s.remind("2026-03-05", "--out d1");
  INFO(d1.err);
  REQUIRE(d1.code == 0);
  CHECK(s.eml_to("d1") == Names{kAsa, kBo});  // rapport due soon, 5 days left
  CHECK(contains(body_of(s.eml_text("d1", "2026-03-05", kAsa)),
                 "SNART\n- Kvalitetsrapport (Provprocess 2026, Ekskolan)\n"));
  CHECK(
      contains(body_of(s.eml_text("d1", "2026-03-05", kAsa)), "senast 2026-03-10 (5 dagar kvar)"));

  // beslut became due soon today (14 days left); rapport was already sent.
  REQUIRE(s.remind("2026-03-06", "--out d2").code == 0);
  CHECK(s.eml_to("d2") == Names{kNils});
  auto nils = body_of(s.eml_text("d2", "2026-03-06", kNils));
  CHECK(contains(nils, "SNART\n- Nämnden beslutar om kvalitetsrapporterna (Provprocess 2026)\n"));
  CHECK(contains(nils, "senast 2026-03-20 (14 dagar kvar)"));
  CHECK_FALSE(contains(nils, "rapport ("));

  // Nothing changed: rapport is due today, still "due soon", already sent.
  REQUIRE(s.remind("2026-03-10", "--out d3").code == 0);
  CHECK(s.eml("d3").empty());

  // rapport became overdue today: its holders hear again, of that alone.
  REQUIRE(s.remind("2026-03-11", "--out d4").code == 0);
  CHECK(s.eml_to("d4") == Names{kAsa, kBo});
  auto bo = body_of(s.eml_text("d4", "2026-03-11", kBo));
  CHECK(contains(bo, "FÖRSENAT\n- Kvalitetsrapport (Provprocess 2026, Björkskolan)\n"));
  CHECK(contains(bo, "senast 2026-03-10 (1 dag sen)"));
  CHECK_FALSE(contains(bo, "SNART"));
  CHECK_FALSE(contains(bo, "beslut"));

  REQUIRE(s.remind("2026-03-12", "--out d5").code == 0);
  CHECK(s.eml("d5").empty());
}

TEST_CASE("a crash between send and record resends only the unconfirmed message", "[remind]") {
  Sandbox s("fault");
  s.binary = kFaultsBinary;
  // Four messages tonight, in address order: asa, bo, fia, nils. Crash right after the second
  // is delivered, before it is recorded.
  auto crashed = s.remind("2026-03-25", Sandbox::sendmail(), "ARSHJUL_FAULT_AFTER_SEND=2");
  CHECK(crashed.code == 70);
  CHECK(s.sent_to() == Names{kAsa, kBo});
  CHECK(s.sql("SELECT DISTINCT recipient FROM reminder ORDER BY 1") == "asa@k.se\n");
  // The crashed run's lock is still there; its process is gone, so the next run takes it over
  // without waiting.
  CHECK(s.sql("SELECT count(*) FROM run_lock") == "1\n");

  auto next = s.remind("2026-03-25", Sandbox::sendmail() + " --wait 0");
  INFO(next.err);
  CHECK(next.code == 0);
  CHECK(s.sent_to() == Names{kAsa, kBo, kBo, kFia, kNils});
  auto sent = s.sent();
  REQUIRE(sent.size() == 5);
  CHECK(sent[1].body() == sent[2].body());  // the unconfirmed message, again
  CHECK(s.sql("SELECT DISTINCT recipient FROM reminder ORDER BY 1") ==
        "asa@k.se\nbo@k.se\nfia@k.se\nnils@k.se\n");
  CHECK(s.recorded().size() == 5);
  CHECK(s.sql("SELECT count(*) FROM run_lock") == "0\n");

  REQUIRE(s.remind("2026-03-25", Sandbox::sendmail() + " --wait 0").code == 0);
  CHECK(s.sent().size() == 5);
}

TEST_CASE("a crash after the first message: nothing recorded, all of it again", "[remind]") {
  Sandbox s("fault-first");
  s.binary = kFaultsBinary;
  CHECK(s.remind("2026-03-25", Sandbox::sendmail(), "ARSHJUL_FAULT_AFTER_SEND=1").code == 70);
  CHECK(s.sent_to() == Names{kAsa});
  CHECK(s.recorded().empty());
  CHECK(s.remind("2026-03-25", Sandbox::sendmail() + " --wait 0").code == 0);
  CHECK(s.sent_to() == Names{kAsa, kAsa, kBo, kFia, kNils});
}

TEST_CASE("the shipped binary has no fault hook: ARSHJUL_FAULT_AFTER_SEND changes nothing",
          "[remind]") {
  Sandbox s("fault-shipped");
  auto run = s.remind("2026-03-25", Sandbox::sendmail(), "ARSHJUL_FAULT_AFTER_SEND=1");
  INFO(run.err);
  CHECK(run.code == 0);
  CHECK(s.sent_to() == Names{kAsa, kBo, kFia, kNils});
  CHECK(s.recorded().size() == 5);
}

// --- Escalation ---------------------------------------------------------------------------

TEST_CASE("escalation with ESKALERING 14 dagar: on D+15, not on D+14, the next level on D+29",
          "[remind]") {
  Sandbox s("escalation");
  REQUIRE(s.remind("2026-03-11", "--out d1").code == 0);  // D+1: overdue, holders told
  CHECK(s.eml_to("d1") == Names{kAsa, kBo, kNils});       // nils: beslut due soon

  // D+14: 14 days overdue is not more than 14. Only beslut, overdue since 03-21, goes out.
  REQUIRE(s.remind("2026-03-24", "--out d14").code == 0);
  CHECK(s.eml_to("d14") == Names{kNils});
  CHECK_FALSE(contains(body_of(s.eml_text("d14", "2026-03-24", kNils)), "ESKALERAT"));

  // D+15: the Förvaltningschef hears of both units' rapport; the holders are told again.
  auto d15 = s.remind("2026-03-25", "--out d15");
  REQUIRE(d15.code == 0);
  CHECK(s.eml_to("d15") == Names{kAsa, kBo, kFia});
  auto fia = s.eml_text("d15", "2026-03-25", kFia);
  auto fia_body = body_of(fia);
  CHECK(header_of(fia, "To") == "\"Fia Chef\" <fia@k.se>");
  CHECK(contains(fia_body, "Hej Fia,"));
  CHECK(contains(fia_body, "ESKALERAT: försenat hos någon som rapporterar till dig\n"));
  // Both units in one paragraph.
  CHECK(contains(fia_body, "- Kvalitetsrapport (Provprocess 2026, Enhetschef)\n"));
  CHECK(contains(fia_body, "  Väntar på 2 av 2 enheter: Björkskolan, Ekskolan\n"));
  CHECK(count_of(fia_body, "senast 2026-03-10 (15 dagar sen)") == 1);
  CHECK(contains(squeezed(fia_body), "Rektorn lämnar kvalitetsrapporten för läsåret"));
  CHECK_FALSE(contains(fia_body, "FÖRSENAT\n"));
  CHECK_FALSE(contains(fia_body, "beslut"));
  auto asa_body = body_of(s.eml_text("d15", "2026-03-25", kAsa));
  CHECK(contains(asa_body, "FÖRSENAT\n- Kvalitetsrapport (Provprocess 2026, Ekskolan)\n"));
  CHECK_FALSE(contains(asa_body, "ESKALERAT"));
  CHECK(s.python_parse("d15/2026-03-25-fia@k.se.eml")["subject"] ==
        "Årshjulet: 1 eskalerad, sista dag var 10 mar");
  CHECK(s.python_parse("d15/2026-03-25-asa@k.se.eml")["subject"] ==
        "Årshjulet: 1 uppgift försenad, sista dag var 10 mar");

  REQUIRE(s.remind("2026-03-26", "--out d16").code == 0);  // told once per level
  CHECK(s.eml("d16").empty());

  // D+28 (04-07): still the first level for rapport. beslut is 18 days overdue: more than 14,
  // so Nämnd is reminded again (nobody above Nämnd to escalate to).
  REQUIRE(s.remind("2026-04-07", "--out d28").code == 0);
  CHECK(s.eml_to("d28") == Names{kNils});
  auto nils28 = body_of(s.eml_text("d28", "2026-04-07", kNils));
  CHECK(contains(nils28,
                 "FÖRSENAT\n- Nämnden beslutar om kvalitetsrapporterna (Provprocess 2026)\n"));
  CHECK_FALSE(contains(nils28, "ESKALERAT"));

  // D+29: more than 2 x 14 days: two steps up the chain, to Nämnd; not to Fia again.
  REQUIRE(s.remind("2026-04-08", "--out d29").code == 0);
  CHECK(s.eml_to("d29") == Names{kAsa, kBo, kNils});
  auto nils29 = body_of(s.eml_text("d29", "2026-04-08", kNils));
  CHECK(contains(nils29, "ESKALERAT"));
  CHECK(contains(nils29, "- Kvalitetsrapport (Provprocess 2026, Enhetschef)\n"));
  CHECK(count_of(nils29, "(29 dagar sen)") == 1);
  CHECK_FALSE(contains(nils29, "beslut"));
  auto recorded = s.recorded();
  CHECK(std::count(recorded.begin(), recorded.end(),
                   "nils@k.se prov/2026/rapport/Ekskolan/1 escalation@28") == 1);
}

TEST_CASE("escalation with --escalate-days 7 for a step without ESKALERING: on D+8, not on D+7",
          "[remind]") {
  Sandbox s("escalate-days", rules(""));
  REQUIRE(s.remind("2026-03-11", "--out d1 --escalate-days 7").code == 0);
  CHECK(s.eml_to("d1") == Names{kAsa, kBo, kNils});
  REQUIRE(s.remind("2026-03-17", "--out d7 --escalate-days 7").code == 0);
  CHECK(s.eml("d7").empty());
  REQUIRE(s.remind("2026-03-18", "--out d8 --escalate-days 7").code == 0);
  CHECK(s.eml_to("d8") == Names{kAsa, kBo, kFia});
  auto fia = body_of(s.eml_text("d8", "2026-03-18", kFia));
  CHECK(contains(fia, "- Kvalitetsrapport (Provprocess 2026, Enhetschef)\n"));
  CHECK(count_of(fia, "(8 dagar sen)") == 1);
  auto recorded = s.recorded();
  CHECK(std::count(recorded.begin(), recorded.end(),
                   "fia@k.se prov/2026/rapport/Ekskolan/1 escalation@7") == 1);

  SECTION("the step's ESKALERING wins over --escalate-days") {
    Sandbox t("escalate-field-wins");  // ESKALERING 14 dagar
    REQUIRE(t.remind("2026-03-18", "--out d8 --escalate-days 7").code == 0);
    CHECK(t.eml_to("d8") == Names{kAsa, kBo, kNils});  // nils: beslut due soon
    CHECK(t.recorded() == Names{"asa@k.se prov/2026/rapport/Ekskolan/1 overdue",
                                "bo@k.se prov/2026/rapport/Björkskolan/1 overdue",
                                "nils@k.se prov/2026/beslut//1 due_soon"});
  }
}

// --- The messages, read by a real parser ----------------------------------------------------

TEST_CASE("the .eml files open in Python's email package with the right To, Subject and body",
          "[remind]") {
  const std::string long_name = "Margareta Åkesson-Östlund Ängquist Öhrling-Ärlebäck";
  Sandbox s("python", rules(),
            "enhet,roll,namn,epost\n"
            "Ekskolan,Rektor,Åsa Öberg,asa@k.se\n"
            "Björkskolan,Rektor,Bo Berg,bo@k.se\n"
            ",Förvaltningschef," +
                long_name +
                ",fia@k.se\n"
                ",Nämnd,Nils Nämnd,nils@k.se\n");
  auto all = s.remind_well_formed("2026-03-25", kAllFour);
  auto raw = s.eml_text("out", "2026-03-25", kAsa);
  CHECK(contains(header_of(raw, "To"), "=?UTF-8?B?"));  // RFC 2047 in the raw header
  CHECK(contains(header_of(raw, "Subject"), "=?UTF-8?B?"));
  for (const auto& m : all) {
    INFO(m["file"]);
    CHECK(m["to_defects"] == "0");
    CHECK(m["blank_line_crlf"] == "1");
    CHECK(m["to_addresses"] == "1");
    CHECK(m["plain_cte"] == "8bit");
    CHECK(m["html_cte"] == "base64");
    CHECK(m["from"] == "arshjul <arshjul@localhost>");
  }
  const auto& asa = all[0];
  CHECK(asa["to_name"] == "Åsa Öberg");
  CHECK(asa["to_rfc2047"] == "Åsa Öberg <asa@k.se>");
  CHECK(asa["to_addr"] == "asa@k.se");
  CHECK(asa["subject"] == "Årshjulet: 1 uppgift försenad, sista dag var 10 mar");
  CHECK(contains(asa["body"], "Hej Åsa,\n"));
  CHECK(contains(asa["body"], "- Kvalitetsrapport (Provprocess 2026, Ekskolan)\n"));
  CHECK(contains(squeezed(asa["body"]), "Rektorn lämnar kvalitetsrapporten för läsåret"));
  CHECK(all[1]["to_name"] == "Bo Berg");
  // A name longer than one encoded word: folded over several, decoded whole.
  auto fia_raw = s.eml_text("out", "2026-03-25", kFia);
  CHECK(count_of(fia_raw.substr(0, fia_raw.find("\r\n\r\n")), "=?UTF-8?B?") >= 3);
  CHECK(all[2]["to_rfc2047"] == long_name + " <fia@k.se>");
  // policy.default keeps the fold between two encoded words as a space (not RFC 2047); the
  // name is otherwise whole.
  auto no_spaces = [](std::string t) { return std::erase(t, ' '), t; };
  CHECK(no_spaces(all[2]["to_name"]) == no_spaces(long_name));
  CHECK(all[2]["to_addr"] == "fia@k.se");
  CHECK(all[2]["subject"] == "Årshjulet: 1 eskalerad, sista dag var 10 mar");
  CHECK(contains(all[2]["body"], "Hej Margareta,\n"));
  CHECK(all[3]["to_name"] == "Nils Nämnd");
  CHECK(all[3]["subject"] == "Årshjulet: 1 uppgift försenad, sista dag var 20 mar");
  CHECK(
      contains(all[3]["body"], "- Nämnden beslutar om kvalitetsrapporterna (Provprocess 2026)\n"));
  CHECK(contains(all[3]["body"], "Nämnden beslutar om kvalitetsrapporterna"));

  SECTION("in English with --lang en") {
    Sandbox en("python-en");
    REQUIRE(
        en.arshjul("--lang en remind --date 2026-03-25 --rules rules.arshjul --roster roster.csv "
                   "--store store.db --out out")
            .code == 0);
    auto m = en.python_parse("out/2026-03-25-asa@k.se.eml");
    CHECK(m["subject"] == "Annual cycle: 1 task overdue, was due 10 Mar");
    CHECK(contains(m["body"], "Hello Åsa,\n"));
    CHECK(contains(m["body"], "OVERDUE\n- Kvalitetsrapport (Provprocess 2026, Ekskolan)\n"));
    CHECK(contains(m["body"], "due 2026-03-10 (15 days late)"));
  }
}
