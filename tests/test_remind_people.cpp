// `arshjul remind`: what the roster and the rules put into a message (header injection, names
// with address syntax, non-ASCII senders), people and roles nobody can be told about, JSON lines
// and dry runs. Fixture: tests/remind_fixture.hpp.

#include "tests/remind_fixture.hpp"

// --- Bad input ----------------------------------------------------------------------------

namespace {

// Names that would make headers if the mail layer let them through as they are: the roster
// refuses line breaks in a name (the input gate), so these are on one line.
const std::string kInjectionRoster =
    "enhet,roll,namn,epost\n"
    "Ekskolan,Rektor,\"Eva Evil Bcc: evil@x\",eva@k.se\n"
    "Björkskolan,Rektor,\"Örjan Ödmark Bcc: evil@x\",orjan@k.se\n"
    ",Förvaltningschef,\"Fia Cc: cc@x\",fia@k.se\n"
    ",Nämnd,Nils Nämnd,nils@k.se\n";

const std::string kInjectionVad =
    "Rektorn lämnar rapporten\n"
    "        Bcc: evil@x\n"
    "        Subject: falskt";

}  // namespace

TEST_CASE("header injection: a name or a VAD text with a line break never makes a header",
          "[remind]") {
  Sandbox s("injection", rules("  ESKALERING 14 dagar\n", kInjectionVad), kInjectionRoster);
  auto all = s.remind_well_formed("2026-03-25", Names{"eva@k.se", kFia, kNils, "orjan@k.se"});
  for (const auto& m : all) {
    INFO(m["file"]);
    CHECK(m["bcc_headers"] == "0");
    CHECK(m["cc_headers"] == "0");
  }
  // The VAD text is in the body, as text.
  CHECK(contains(squeezed(all[0]["body"]), "Rektorn lämnar rapporten Bcc: evil@x Subject: falskt"));
  CHECK(all[0]["subject"] == "Årshjulet: 1 uppgift försenad, sista dag var 10 mar");
  // A non-ASCII name with header syntax: encoded per RFC 2047, one address, decoded whole.
  auto orjan = s.eml_text("out", "2026-03-25", "orjan@k.se");
  CHECK(header_of(orjan, "To").rfind("=?UTF-8?B?", 0) == 0);
  CHECK(all[3]["to_addresses"] == "1");
  CHECK(all[3]["to_addr"] == "orjan@k.se");
  CHECK(squeezed(all[3]["to_name"]) == "Örjan Ödmark Bcc: evil@x");
  CHECK(squeezed(all[3]["to_rfc2047"]) == "Örjan Ödmark Bcc: evil@x <orjan@k.se>");
  // The raw header lines: exactly the nine, none starting with Bcc/Cc/a second To or Subject.
  for (const auto& file : s.eml("out")) {
    auto text = slurp(s.path("out") / file);
    std::string head = text.substr(0, text.find("\r\n\r\n"));
    CHECK(count_of("\r\n" + head, "\r\nTo:") == 1);
    CHECK(count_of("\r\n" + head, "\r\nSubject:") == 1);
    CHECK(count_of("\r\n" + head, "\r\nBcc:") == 0);
    CHECK(count_of("\r\n" + head, "\r\nCc:") == 0);
  }
}

TEST_CASE("a line break in a roster name is refused where it is, nothing is sent or recorded",
          "[remind]") {
  Sandbox s("injection-refused", rules(),
            "enhet,roll,namn,epost\n"
            "Ekskolan,Rektor,\"Eva Evil\nBcc: evil@x\",eva@k.se\n"
            "Björkskolan,Rektor,\"Örjan Ödmark\r\nBcc: evil@x\",orjan@k.se\n"
            ",Förvaltningschef,Fia,fia@k.se\n"
            ",Nämnd,Nils Nämnd,nils@k.se\n");
  auto run = s.remind("2026-03-25", "--out out");
  CHECK(run.code == 2);
  CHECK(contains(run.err, "roster.csv:2:26: error: otillåtet styrtecken U+000A i texten"));
  CHECK(contains(run.err, "roster.csv:4:33: error: otillåtet styrtecken U+000D i texten"));
  CHECK(s.eml("out").empty());
  CHECK(arshjul::engine::Store(s.path("store.db").string(), false).sent_keys().empty());
}

// Known bug: an ASCII display name is written unquoted, so its specials (":", ",", "@", "<")
// are read as address syntax. "Eva Evil\nBcc: evil@x" becomes
//   To: Eva Evil Bcc: evil@x <eva@k.se>
// which Python (and `sendmail -t`) read as a group whose one address is evil@x; and the
// everyday name "Lind, Anna" becomes two addresses, "Lind" (a local user) and anna@k.se.
TEST_CASE("an ASCII name with address syntax in it still gives one To address, the roster's",
          "[remind]") {
  Sandbox s("injection-to", rules(),
            "enhet,roll,namn,epost\n"
            "Ekskolan,Rektor,\"Eva Evil Bcc: evil@x\",eva@k.se\n"
            "Björkskolan,Rektor,\"Lind, Anna\",anna@k.se\n"
            ",Förvaltningschef,Fia <fake@x>,fia@k.se\n"
            ",Nämnd,Nils Nämnd,nils@k.se\n");
  REQUIRE(s.remind("2026-03-25", "--out out").code == 0);
  auto all = s.python_parse({"out/2026-03-25-eva@k.se.eml", "out/2026-03-25-anna@k.se.eml",
                             "out/2026-03-25-fia@k.se.eml"});
  const Names expected = {"eva@k.se", "anna@k.se", "fia@k.se"};
  for (std::size_t i = 0; i < all.size(); ++i) {
    INFO(all[i]["file"]);
    CHECK(all[i].all("to_addr") == Names{expected[i]});
    CHECK(all[i]["to_defects"] == "0");
  }
  CHECK(all[0]["to_name"] == "Eva Evil Bcc: evil@x");
  CHECK(all[1]["to_name"] == "Lind, Anna");
}

// Known bug: --from is written as given, raw UTF-8 in the header, not RFC 2047.
TEST_CASE("a non-ASCII --from is encoded per RFC 2047", "[remind]") {
  Sandbox s("from");
  REQUIRE(s.remind("2026-03-25", "--out out --from " + shell_quote("Årshjulet Öst <arshjul@k.se>"))
              .code == 0);
  auto m = s.python_parse("out/2026-03-25-asa@k.se.eml");
  CHECK(m["header_ascii"] == "1");
  CHECK(m["from"] == "Årshjulet Öst <arshjul@k.se>");
}

TEST_CASE("a person without e-mail and a role nobody holds are reported once, not per task",
          "[remind]") {
  const std::string unheld_rules =
      process_and_roles("roll Personal per enhet\n") +
      "steg rapport\n  NÄR   10 mars\n  VART  4:e år från 2026\n  VEM   Enhetschef\n  VAD   "
      "Rapporten\n"
      "steg granskning\n  NÄR   11 mars\n  VART  4:e år från 2026\n  VEM   Förvaltningschef\n  VAD "
      "  Granskning\n"
      "steg sammanställning\n  NÄR   12 mars\n  VART  4:e år från 2026\n  VEM   Förvaltningschef\n"
      "  VAD   Sammanställning\n"
      "steg beslut\n  NÄR   13 mars\n  VART  4:e år från 2026\n  VEM   Nämnd\n  VAD   Beslut\n"
      "steg protokoll\n  NÄR   14 mars\n  VART  4:e år från 2026\n  VEM   Nämnd\n  VAD   "
      "Protokoll\n";
  // Björkskolan has staff but no Rektor; nobody is Förvaltningschef; Nils has no address and
  // Nora an unusable one.
  Sandbox s("unheld", unheld_rules,
            "enhet,roll,namn,epost\n"
            "Ekskolan,Rektor,Åsa Öberg,asa@k.se\n"
            "Björkskolan,Personal,Per Persson,per@k.se\n"
            ",Nämnd,Nils Nämnd,\n"
            ",Nämnd,Nora Nämnd,nora at k.se\n");
  // 2026-03-25: every step overdue; rapport more than 14 days, so also escalated (to nobody).
  auto run = s.remind("2026-03-25", "--out out");
  INFO(run.err);
  REQUIRE(run.code == 0);
  CHECK(s.eml_to("out") == Names{kAsa});
  CHECK(lines_with(run.err, "Nils Nämnd") == 1);
  CHECK(lines_with(run.err, "Nora Nämnd") == 1);
  CHECK(lines_with(run.err, "rollen Förvaltningschef") == 1);
  CHECK(lines_with(run.err, "rollen Enhetschef") == 1);
  CHECK(lines_with(run.err, "rollen Enhetschef i 1 enheter: Björkskolan") == 1);
  CHECK(lines_with(run.err, "rollen Nämnd") == 0);  // Nämnd is held, just not reachable
  CHECK(lines_with(run.err, "warning") == 4);
  CHECK(lines_with(run.err, "per@k.se") == 0);
  auto asa = body_of(s.eml_text("out", "2026-03-25", kAsa));
  CHECK(contains(asa, "- Rapporten (Provprocess 2026, Ekskolan)\n"));
  CHECK_FALSE(contains(asa, "Granskning"));
}

TEST_CASE(
    "a name of 1,200 characters folds into short header lines, a non-ASCII address is "
    "said once as unusable, not written raw into To",
    "[remind]") {
  std::string huge;
  while (huge.size() < 1200) huge += "Anna-Lena ";
  huge.pop_back();
  Sandbox s("huge-name", rules(),
            "enhet,roll,namn,epost\n"
            "Ekskolan,Rektor," +
                huge +
                ",asa@k.se\n"
                "Björkskolan,Rektor,Bo Berg,båå@k.se\n"
                ",Förvaltningschef,Fia F,fia@k.se\n"
                ",Nämnd,Nils Nämnd,nils@k.se\n");
  auto all = s.remind_well_formed("2026-03-25", Names{kAsa, kFia, kNils});
  CHECK(all[0]["to_rfc2047"] == huge + " <asa@k.se>");
  auto run = s.remind("2026-03-26", "--out again");  // nothing new, but the warning again
  CHECK(lines_with(run.err, "Bo Berg") == 1);
}

TEST_CASE("remind --format json prints one JSON line per message, a second run none", "[remind]") {
  Sandbox s("json");
  auto first = s.remind("2026-03-25", "--format json");
  INFO(first.err);
  REQUIRE(first.code == 0);
  CHECK(lines_of(first.out).size() == 4);
  s.write("parse_json.py", kParseJsonLines);
  auto parsed = s.shell("python3 parse_json.py", first.out);
  INFO(parsed.err);
  REQUIRE(parsed.code == 0);
  CHECK(lines_of(parsed.out) ==
        Names{"asa@k.se\tÅrshjulet: 1 uppgift försenad, sista dag var 10 mar",
              "bo@k.se\tÅrshjulet: 1 uppgift försenad, sista dag var 10 mar",
              "fia@k.se\tÅrshjulet: 1 eskalerad, sista dag var 10 mar",
              "nils@k.se\tÅrshjulet: 1 uppgift försenad, sista dag var 20 mar"});
  CHECK(contains(first.out, "\"name\":\"Åsa Öberg\""));
  CHECK(contains(first.out, "- Kvalitetsrapport (Provprocess 2026, Ekskolan)\\n"));
  CHECK(s.recorded().size() == 5);
  auto second = s.remind("2026-03-25", "--format json");
  CHECK(second.code == 0);
  CHECK(second.out.empty());
}

TEST_CASE("remind --dry-run shows what would go out and records nothing", "[remind]") {
  Sandbox s("dry-run");
  const Names expected = {
      "Åsa Öberg <asa@k.se>: Årshjulet: 1 uppgift försenad, sista dag var 10 mar",
      "Bo Berg <bo@k.se>: Årshjulet: 1 uppgift försenad, sista dag var 10 mar",
      "Fia Chef <fia@k.se>: Årshjulet: 1 eskalerad, sista dag var 10 mar",
      "Nils Nämnd <nils@k.se>: Årshjulet: 1 uppgift försenad, sista dag var 20 mar"};
  auto dry = s.remind("2026-03-25", "--dry-run");
  INFO(dry.err);
  REQUIRE(dry.code == 0);
  CHECK(lines_of(dry.out) == expected);
  CHECK(contains(dry.err, "torrkörning"));
  CHECK(s.recorded().empty());
  // Also with a delivery option: nothing is delivered.
  auto dry_out = s.remind("2026-03-25", "--dry-run --out out");
  CHECK(dry_out.code == 0);
  CHECK(lines_of(dry_out.out) == expected);
  CHECK(s.eml("out").empty());
  CHECK(s.recorded().empty());
  // A later real run still sends everything.
  REQUIRE(s.remind("2026-03-25", Sandbox::sendmail()).code == 0);
  CHECK(s.sent_to() == kAllFour);
  CHECK(s.recorded().size() == 5);
}

// --- The store ----------------------------------------------------------------------------
