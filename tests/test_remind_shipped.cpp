// `arshjul remind` on the shipped rules and roster, the cron wrapper in examples/cron, and the
// letters people read (issue 18 item 5: one paragraph per step, plural, first names, the HTML
// part). Fixture: tests/remind_fixture.hpp.

#include "tests/remind_fixture.hpp"

TEST_CASE("the shipped rules and roster: escalation of skiss on D+15, parseable mail, once",
          "[remind]") {
  Sandbox s("shipped");
  const std::string inputs = " --rules " + shell_quote(kSource + "/rules") + " --roster " +
                             shell_quote(kSource + "/examples/roster.csv") + " --store store.db";
  auto at = [&](const std::string& date, const std::string& out) {
    auto r = s.arshjul("remind --date " + date + inputs + " --out " + out);
    INFO(r.err);
    REQUIRE(r.code == 0);
    return r;
  };
  // Roster: address -> name, and who heads a unit.
  std::map<std::string, std::string> names;
  std::set<std::string> staff;
  std::size_t unit_heads = 0;
  for (const auto& line : lines_of(slurp(kSource + "/examples/roster.csv"))) {
    auto c1 = line.find(','), c2 = line.find(',', c1 + 1), c3 = line.find(',', c2 + 1);
    std::string role = line.substr(c1 + 1, c2 - c1 - 1), name = line.substr(c2 + 1, c3 - c2 - 1),
                email = line.substr(c3 + 1);
    names[email] = name;
    if (role == "Personal") staff.insert(email);
    if (role == "Rektor" || role == "Förskolechef" || role == "Enhetschef") ++unit_heads;
  }
  REQUIRE(unit_heads > 20);

  // skiss: februari–mars, Enhetschef per enhet, due 2026-03-31, no ESKALERING: the default 14.
  const std::string chief = "margareta.holm@kommunen.se";
  // Named by its VAD, shortened (it has no title); the units waiting in one paragraph.
  const std::string skiss = "Enhetschef delger förvaltningschef skiss på särskilda…";
  const std::string skiss_escalated =
      "- " + skiss + " (Framtagande av mål, mätetal och handlingsplaner 2026, Enhetschef)";
  at("2026-04-14", "d14");
  auto d14 = s.eml("d14");
  REQUIRE(d14.size() > 10);
  REQUIRE(fs::exists(s.path("d14") / ("2026-04-14-" + chief + ".eml")));
  // The first run falls on the last day of the first ESKALERING period (day 14): it sends the
  // next period's reminder, escalation included, so the run of day 15 does not repeat it.
  auto chief_body = body_of(s.eml_text("d14", "2026-04-14", chief));
  CHECK(contains(chief_body, "ESKALERAT: försenat hos någon som rapporterar till dig\n"));
  CHECK(contains(squeezed(chief_body), skiss_escalated));
  CHECK(count_of(chief_body, skiss) == 1);
  CHECK(count_of(chief_body, "senast 2026-03-31 (14 dagar sen)") < unit_heads);
  auto waiting = squeezed(chief_body.substr(chief_body.find("Väntar på ")));
  CHECK(contains(waiting, "Förskolan Humlan"));
  CHECK(contains(waiting, "Ekbackens skola"));
  auto anna = body_of(s.eml_text("d14", "2026-04-14", "anna.andersson@kommunen.se"));
  CHECK(contains(squeezed(anna), "- " + skiss +
                                     " (Framtagande av mål, mätetal och handlingsplaner 2026, "
                                     "Ekbackens skola)"));
  at("2026-04-15", "d15");
  for (const auto& f : s.eml("d15")) CHECK_FALSE(contains(slurp(s.path("d15") / f), skiss));

  // Every message: one To, from the roster, with the roster's name; ASCII headers; UTF-8 body.
  std::vector<std::string> files;
  for (const auto& f : d14) files.push_back("d14/" + f);
  for (const auto& m : s.python_parse(files)) {
    INFO(m["file"]);
    CHECK(m["header_ascii"] == "1");
    CHECK(m["to_headers"] == "1");
    CHECK(m["to_addresses"] == "1");
    CHECK(names.count(m["to_addr"]) == 1);
    CHECK(m["to_name"] == names[m["to_addr"]]);
    CHECK(staff.count(m["to_addr"]) == 0);  // no step names Personal
    check_well_formed(m);
    CHECK(m["subject"].rfind("Årshjulet: ", 0) == 0);
    auto name = names[m["to_addr"]];
    CHECK(contains(m["body"], "Hej " + name.substr(0, name.find(' ')) + ",\n"));
  }

  at("2026-04-15", "again");
  CHECK(s.eml("again").empty());
}

// --- The cron wrapper ---------------------------------------------------------------------

TEST_CASE("examples/cron: the wrapper runs remind with sendmail, logs, passes the exit code on",
          "[remind]") {
  Sandbox s("cron");
  fs::create_directories(s.path("var"));
  // The installation is its configuration file; the wrapper reads nothing else.
  s.write("arshjul.toml",
          "rules = \"rules.arshjul\"\nroster = \"roster.csv\"\n"
          "store = \"var/arshjul.db\"\n[mail]\nfrom = \"Test <test@k.se>\"\n"
          "sendmail = \"sh " +
              shell_quote(kFakeSendmail) + " -t -i\"\n");
  REQUIRE(s.arshjul("--config arshjul.toml init --start 2020-01-01 -o arshjul.toml").code == 0);
  auto wrapper = [&](const std::string& more) {
    std::string vars = "ARSHJUL_BIN=" + shell_quote(kBinary) +
                       " ARSHJUL_CONFIG=" + shell_quote(s.path("arshjul.toml").string()) +
                       " ARSHJUL_LOG=" + shell_quote(s.path("log/nightly.log").string()) +
                       " ARSHJUL_DATE=2026-03-25 " + more;
    return s.shell(s.clean_env(vars) + shell_quote(kWrapper));
  };
  auto status = fs::status(kWrapper);
  CHECK((status.permissions() & fs::perms::owner_exec) != fs::perms::none);

  auto first = wrapper("");
  INFO(slurp(s.path("log/nightly.log")));
  CHECK(first.code == 0);
  CHECK(first.out.empty());  // cron would mail anything printed
  CHECK(first.err.empty());
  CHECK(s.sent_to() == kAllFour);
  for (const auto& m : s.sent()) {
    CHECK(m.args == "-t -i");
    CHECK(header_of(m.text, "From") == "\"Test\" <test@k.se>");
  }
  auto log = slurp(s.path("log/nightly.log"));
  CHECK(contains(log, "påminnelser 2026-03-25: 4 mottagare, 4 meddelanden"));
  CHECK(lines_with(log, "arshjul-nightly: end, exit 0") == 1);

  auto second = wrapper("");  // re-running is safe
  CHECK(second.code == 0);
  CHECK(s.sent().size() == 4);
  log = slurp(s.path("log/nightly.log"));
  CHECK(lines_with(log, "arshjul-nightly: end, exit 0") == 2);  // appended
  CHECK(lines_with(log, "0 mottagare, 0 meddelanden") == 1);

  CHECK(wrapper("ARSHJUL_OPTIONS=" + shell_quote("--fail-on-overdue --lead-days 14")).code == 1);
  CHECK(wrapper("ARSHJUL_OPTIONS=" + shell_quote("--rules nosuch.arshjul")).code == 2);
  s.write("var/arshjul.db", "not a store\n");
  CHECK(wrapper("").code == 3);
  log = slurp(s.path("log/nightly.log"));
  CHECK(lines_with(log, "arshjul-nightly: end, exit 1") == 1);
  CHECK(lines_with(log, "arshjul-nightly: end, exit 2") == 1);
  CHECK(lines_with(log, "arshjul-nightly: end, exit 3") == 1);
  CHECK(s.sent().size() == 4);
}

TEST_CASE("examples/cron/crontab: 06:15 every day, running the wrapper", "[remind]") {
  std::vector<std::vector<std::string>> entries;
  for (const auto& line : lines_of(slurp(kSource + "/examples/cron/crontab"))) {
    if (line.empty() || line[0] == '#' || line.find('=') < line.find(' '))
      continue;  // comments, MAILTO=
    std::istringstream in(line);
    std::vector<std::string> fields;
    for (std::string f; in >> f;) fields.push_back(f);
    entries.push_back(fields);
  }
  REQUIRE(entries.size() == 1);
  const auto& e = entries[0];
  REQUIRE(e.size() == 6);
  CHECK(e[0] == "15");
  CHECK(e[1] == "6");
  CHECK(e[2] == "*");
  CHECK(e[3] == "*");
  CHECK(e[4] == "*");
  CHECK(fs::path(e[5]).filename() == "arshjul-nightly");
}

// --- What people read (issue 18 item 5) -----------------------------------------------------

namespace {

// A report every school writes, that the förvaltningschef collects and the nämnd receives;
// the nämnd's own decision after it. Almskolan has handed its report in.
std::string letter_rules() {
  return rules("  ESKALERING 14 dagar\n",
               "Rektorn lämnar kvalitetsrapporten för läsåret till förvaltningen, som\n"
               "        sammanställer den för nämnden",
               "rapport \"Kvalitetsrapport\"", "Förvaltningschef, Enhetschef & Nämnd");
}

const std::string kLetterRoster =
    "enhet,roll,namn,epost\n"
    "Ekskolan,Rektor,Åsa Öberg,asa@k.se\n"
    "Björkskolan,Rektor,Bo Berg,bo@k.se\n"
    "Almskolan,Rektor,Alma Al,alma@k.se\n"
    ",Förvaltningschef,\"Holm, Margareta\",fia@k.se\n"
    ",Nämnd,Ulf Sjöberg (ordförande),ulf@k.se\n";

const std::string kUlf = "ulf@k.se";

// Almskolan's report recorded; the configuration names the owner role and `config`.
void prepare_letters(Sandbox& s, const std::string& config) {
  s.write("done.csv",
          "process,år,steg,enhet,datum,av,utfall,anteckning\n"
          "prov,2026,rapport,Almskolan,2026-03-02,Alma Al,,\n");
  auto r = s.arshjul("import done.csv --rules rules.arshjul --roster roster.csv --store store.db");
  INFO(r.err);
  REQUIRE(r.code == 0);
  s.write("arshjul.toml", "owner_roles = [\"Förvaltningschef\"]\n" + config);
}

/// Every text of a message's HTML part as Python's HTML parser reads it (the entities decoded,
/// the tags gone), and whether it has a fixed width anywhere.
const char* const kHtmlText = R"PY(
import html.parser, re, sys
class Text(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.out = []
        self.links = []
    def handle_data(self, data):
        self.out.append(data)
    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self.links.append(dict(attrs).get("href", ""))
page = open(sys.argv[1], encoding="utf-8").read()
t = Text()
t.feed(page)
print("text=" + " ".join(" ".join(t.out).split()))
print("links=" + " ".join(t.links))
print("fixed_width=" + str(int(bool(re.search(r"(width|min-width)\s*:\s*\d+px|width=\"\d", page)))))
print("viewport=" + str(int('name="viewport" content="width=device-width' in page)))
)PY";

std::map<std::string, std::string> html_facts(const Sandbox& s, const std::string& html) {
  s.write("page.html", html);
  s.write("html_text.py", kHtmlText);
  auto r = s.shell("python3 html_text.py page.html");
  INFO(r.err);
  REQUIRE(r.code == 0);
  std::map<std::string, std::string> facts;
  for (const auto& line : lines_of(r.out))
    facts[line.substr(0, line.find('='))] = line.substr(line.find('=') + 1);
  return facts;
}

}  // namespace

TEST_CASE(
    "a reminder is worth reading: one paragraph per step with its units, each task once, "
    "titles, first names, a subject that says what and by when, text and HTML",
    "[remind]") {
  Sandbox s("letter", letter_rules(), kLetterRoster);
  prepare_letters(s,
                  "link_base = \"https://arshjul.k.se/\"\n"
                  "[mail]\nfrom = \"Årshjulet <arshjul@k.se>\"\n");
  const std::string config = "ARSHJUL_CONFIG=arshjul.toml";

  SECTION(
      "due soon: the förvaltningschef's one paragraph lists the schools still waiting; the "
      "nämnd, which the förvaltningschef reports to, is not told of each school") {
    auto all = s.remind_well_formed("2026-03-04", Names{kAsa, kBo, kFia}, config);
    all.erase(all.begin() + 1);  // Bo's is Åsa's for his school
    for (const auto& m : all) {
      INFO(m["file"]);
      CHECK(m["from"] == "Årshjulet <arshjul@k.se>");
      // The personal link, because a link base is configured (no --link-base given).
      CHECK(contains(m["body"],
                     "Dina uppgifter, och markera dem klara:\nhttps://arshjul.k.se/signin?t="));
      CHECK(
          contains(m["body"], "Frågor om årshjulet: Holm, Margareta (Förvaltningschef), fia@k.se"));
      CHECK_FALSE(contains(m["body"], "- rapport"));  // never the id
    }
    const auto& asa = all[0];
    CHECK(asa["subject"] == "Årshjulet: 1 uppgift snart, nästa senast 10 mar");
    CHECK(contains(asa["body"], "Hej Åsa,\n"));
    CHECK(contains(asa["body"], "SNART\n- Kvalitetsrapport (Provprocess 2026, Ekskolan)\n"));
    CHECK(contains(asa["body"], "  NÄR 10 mars, senast 2026-03-10 (6 dagar kvar)\n"));
    CHECK_FALSE(contains(asa["body"], "Väntar på"));  // her own school, named above
    const auto& fia = all[1];
    CHECK(fia["subject"] == "Årshjulet: 1 uppgift snart, nästa senast 10 mar");
    CHECK(contains(fia["body"], "Hej Margareta,\n"));
    CHECK(count_of(fia["body"], "Kvalitetsrapport") == 1);
    CHECK(contains(fia["body"], "- Kvalitetsrapport (Provprocess 2026)\n"));
    CHECK(contains(squeezed(fia["body"]), "Väntar på 2 av 3 enheter: Björkskolan, Ekskolan"));
    CHECK_FALSE(contains(fia["body"], "Almskolan"));  // done
    // The HTML part says the same, escaped, and reflows: no fixed width, the viewport set.
    auto html = html_facts(s, fia["html"]);
    CHECK(html["fixed_width"] == "0");
    CHECK(html["viewport"] == "1");
    CHECK(contains(html["text"], "Hej Margareta,"));
    CHECK(contains(html["text"], "Kvalitetsrapport (Provprocess 2026)"));
    CHECK(contains(html["text"], "Väntar på 2 av 3 enheter: Björkskolan, Ekskolan"));
    CHECK(contains(html["text"],
                   "Frågor om årshjulet: Holm, Margareta (Förvaltningschef), fia@k.se"));
    CHECK(contains(html["links"], "https://arshjul.k.se/signin?t="));
  }

  SECTION(
      "overdue and escalated: each task once, under ESKALERAT; the chair hears by "
      "escalation, greeted by first name") {
    auto all = s.remind_well_formed("2026-03-25", Names{kAsa, kBo, kFia, kUlf}, config);
    all.erase(all.begin() + 1);
    CHECK(all[0]["subject"] == "Årshjulet: 1 uppgift försenad, sista dag var 10 mar");
    CHECK(contains(all[0]["body"], "  NÄR 10 mars, senast 2026-03-10 (15 dagar sen)\n"));
    const auto& fia = all[1];
    CHECK(fia["subject"] == "Årshjulet: 1 eskalerad, sista dag var 10 mar");
    CHECK_FALSE(contains(fia["body"], "FÖRSENAT"));  // her own part too: once, escalated
    CHECK(count_of(fia["body"], "Kvalitetsrapport") == 1);
    CHECK(contains(fia["body"], "- Kvalitetsrapport (Provprocess 2026, Enhetschef)\n"));
    const auto& ulf = all[2];
    CHECK(contains(ulf["body"], "Hej Ulf,\n"));
    CHECK(ulf["subject"] == "Årshjulet: 1 uppgift försenad, 1 eskalerad, sista dag var 10 mar");
    CHECK(contains(ulf["body"],
                   "FÖRSENAT\n- Nämnden beslutar om kvalitetsrapporterna (Provprocess 2026)\n"));
    CHECK(contains(ulf["body"], "- Kvalitetsrapport (Provprocess 2026, Förvaltningschef)\n"));
    CHECK(contains(squeezed(ulf["body"]), "Väntar på 2 av 3 enheter: Björkskolan, Ekskolan"));
    CHECK(count_of(ulf["body"], "Kvalitetsrapport") == 1);
    // Both kinds the förvaltningschef was told are recorded: nothing comes again tomorrow.
    auto again = s.remind("2026-03-26", "--out again", config);
    CHECK(again.code == 0);
    CHECK(s.eml_to("again").empty());
  }

  SECTION("in English") {
    auto run = s.arshjul(
        "--lang en remind --date 2026-03-25 --rules rules.arshjul --roster "
        "roster.csv --store store.db --out en",
        config);
    REQUIRE(run.code == 0);
    auto all = s.python_parse(Names{"en/2026-03-25-asa@k.se.eml", "en/2026-03-25-ulf@k.se.eml"});
    CHECK(all[0]["subject"] == "Annual cycle: 1 task overdue, was due 10 Mar");
    CHECK(contains(all[0]["body"], "Hello Åsa,\n"));
    CHECK(all[1]["subject"] == "Annual cycle: 1 task overdue, 1 escalated, was due 10 Mar");
    CHECK(contains(squeezed(all[1]["body"]), "Waiting for 2 of 3 units: Björkskolan, Ekskolan"));
    CHECK(contains(all[1]["body"], "Questions about the annual cycle: Holm, Margareta"));
  }
}

TEST_CASE("the HTML part escapes what the rules and the roster say", "[remind]") {
  Sandbox s(
      "letter-escape",
      rules("  ESKALERING 14 dagar\n", "Rektorn <b>lämnar</b> & \"skickar\" <script>x</script>"),
      "enhet,roll,namn,epost\n"
      "Ekskolan,Rektor,<i>Åsa</i> Öberg,asa@k.se\n"
      ",Förvaltningschef,Fia,fia@k.se\n"
      ",Nämnd,Nils,nils@k.se\n");
  REQUIRE(s.remind("2026-03-25", "--out out").code == 0);
  auto m = s.python_parse("out/2026-03-25-asa@k.se.eml");
  CHECK_FALSE(contains(m["html"], "<script>"));
  CHECK_FALSE(contains(m["html"], "<b>"));
  CHECK_FALSE(contains(m["html"], "<i>"));
  CHECK(contains(m["html"], "&lt;script&gt;"));
  auto html = html_facts(s, m["html"]);
  CHECK(contains(html["text"], "Hej <i>Åsa</i>,"));
  CHECK(contains(html["text"], "Rektorn <b>lämnar</b> & \"skickar\" <script>x</script>"));
}

TEST_CASE(
    "the HTML part reflows at 320 CSS px in headless Chromium: nothing wider than the "
    "screen",
    "[chromium]") {
  Sandbox s("letter-phone", letter_rules(), kLetterRoster);
  prepare_letters(s, "link_base = \"https://arshjul.k.se/\"\n");
  REQUIRE(s.remind("2026-03-25", "--out out", "ARSHJUL_CONFIG=arshjul.toml").code == 0);
  auto ulf = s.python_parse("out/2026-03-25-ulf@k.se.eml");
  // The page in a frame 320 CSS px wide (headless Chromium's window is at least 500), as a
  // phone's mail reader shows it; the frame reports its widths once loaded.
  std::string srcdoc;
  for (char c : ulf["html"])
    srcdoc += c == '&'   ? std::string("&amp;")
              : c == '"' ? std::string("&quot;")
                         : std::string(1, c);
  std::string html =
      "<!DOCTYPE html><html><body style=\"margin:0\"><iframe id=\"f\" style=\"border:0\" "
      "width=\"320\" height=\"900\" srcdoc=\"" +
      srcdoc +
      "\"></iframe><script>window.onload = () => { const d = "
      "document.getElementById('f').contentWindow; document.body.setAttribute('data-widths', "
      "d.document.documentElement.scrollWidth + ' ' + d.innerWidth); };</script></body></html>";
  auto page = s.write("phone.html", html);
  arshjul::test::Chromium chromium(s.path());
  auto dom = chromium.run({"--window-size=320,900", "--dump-dom", chromium.file_url(page)});
  INFO(dom.err);
  REQUIRE(dom.ok());
  auto at = dom.out.find("data-widths=\"");
  REQUIRE(at != std::string::npos);
  std::istringstream widths(dom.out.substr(at + 13));
  int scroll = 0, inner = 0;
  widths >> scroll >> inner;
  CHECK(inner == 320);
  CHECK(scroll <= inner);  // no horizontal scrolling, the long sign-in link included
}
