// arshjul calendar: the ICS output read back by a real parser (Debian's python3-icalendar).
#include <array>
#include <catch2/catch.hpp>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <map>
#include <set>
#include <sstream>

#include "dsl/labels.hpp"
#include "dsl/loader.hpp"
#include "tests/helpers.hpp"

using namespace arshjul;

namespace {

std::string run(const std::string& command) {
  std::string out;
  FILE* pipe = popen(command.c_str(), "r");
  REQUIRE(pipe);
  std::array<char, 4096> buf;
  while (auto n = std::fread(buf.data(), 1, buf.size(), pipe)) out.append(buf.data(), n);
  REQUIRE(pclose(pipe) == 0);
  return out;
}

// The lines `script` (Python 3) prints when given `path`.
std::vector<std::string> python_lines(const std::string& script, const std::string& path) {
  test::TempDir dir("ics-py");
  auto py = dir.write("parse.py", script);
  std::istringstream lines(run("/usr/bin/python3 " + py.string() + " " + path));
  std::vector<std::string> out;
  for (std::string l; std::getline(lines, l);) out.push_back(l);
  return out;
}

// "UID|DTSTART|DTEND|SUMMARY" per event, as icalendar parses them.
std::vector<std::string> parse_ics(const std::string& path) {
  const std::string script =
      "import sys, icalendar\n"
      "cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())\n"
      "for e in cal.walk('VEVENT'):\n"
      "    print('|'.join([str(e['UID']), e.decoded('DTSTART').isoformat(), "
      "e.decoded('DTEND').isoformat(), str(e['SUMMARY'])]))\n";
  return python_lines(script, path);
}

std::string export_ics(const std::string& args, const std::string& out) {
  run("ARSHJUL_CONFIG=" + std::string(ARSHJUL_SOURCE_DIR) + "/examples/arshjul.toml " +
      std::string(ARSHJUL_BINARY) + " calendar " + args + " -o " + out);
  return out;
}

}  // namespace

TEST_CASE("the ICS calendar parses, with every task's dates and stable UIDs", "[icalendar]") {
  test::TempDir dir("ics");
  const std::string rules = ARSHJUL_SOURCE_DIR "/rules/mal_och_handlingsplaner.arshjul";
  auto first = parse_ics(
      export_ics(rules + " --year 2026 --unit 'Ekbackens skola'", (dir.path() / "a.ics").string()));

  // The expected events: one per window of every step, dates from the engine's schedule.
  auto loaded = dsl::load_rules({rules}, 2026);
  REQUIRE(loaded.ok());
  const auto& p = loaded.processes[0];
  // One day on each deadline, titled "Title (unit)": the step's title or its VAD's start.
  std::set<std::string> expected;
  for (const auto& s : p.steps) {
    std::vector<dsl::Diagnostic> ignored;
    std::string title = dsl::step_label(s) + (p.per_unit(s) ? " (Ekbackens skola)" : "");
    for (const auto& w : dsl::windows(p, s, 2026, ignored)) {
      auto end = dsl::Date(std::chrono::sys_days(w.deadline) + std::chrono::days(1));
      expected.insert(dsl::iso(w.deadline) + "|" + dsl::iso(end) + "|" + title);
      CHECK(title.rfind(s.id, 0) != 0);  // never the id
    }
  }
  std::set<std::string> got, uids;
  for (const auto& line : first) {
    auto uid = line.substr(0, line.find('|'));
    got.insert(line.substr(line.find('|') + 1));
    uids.insert(uid);
    CHECK(uid.find("@arshjul") != std::string::npos);
  }
  CHECK(got == expected);
  CHECK(uids.size() == first.size());  // unique
  // The per-unit sketch is the unit's own event, on its deadline.
  CHECK(got.count("2026-03-31|2026-04-01|Enhetschef delger förvaltningschef skiss på särskilda… "
                  "(Ekbackens skola)") == 1);

  // A re-export gives the same UIDs, so a calendar re-import updates instead of duplicating.
  auto second = parse_ics(
      export_ics(rules + " --year 2026 --unit 'Ekbackens skola'", (dir.path() / "b.ics").string()));
  std::set<std::string> uids2;
  for (const auto& line : second) uids2.insert(line.substr(0, line.find('|')));
  CHECK(uids2 == uids);
}

TEST_CASE("the ICS calendar follows a läsår and steps across the new year", "[icalendar]") {
  test::TempDir dir("ics-school");
  dir.write("p.arshjul",
            "process p \"Läsår\"\n  cykel läsår\nroll R\n"
            "steg start\n  NÄR augusti\n  VEM R\n  VAD Uppstart\n"
            "steg vår\n  NÄR mars\n  VEM R\n  VAD Vårens uppföljning\n  EFTER start\n");
  auto events =
      parse_ics(export_ics((dir.path() / "p.arshjul").string() + " --year 2026 --role R --windows",
                           (dir.path() / "p.ics").string()));
  REQUIRE(events.size() == 2);
  CHECK(events[0].find("2026-08-01|2026-09-01") != std::string::npos);
  CHECK(events[1].find("2027-03-01|2027-04-01") !=
        std::string::npos);  // 31 March 2027 is a Wednesday
}

namespace {

// "UID|DTSTART|DTEND|SUMMARY|SEQUENCE|LAST-MODIFIED|URL" per event, then "NAME|X-WR-CALNAME".
std::map<std::string, std::vector<std::string>> parse_versions(const std::string& path) {
  const std::string script =
      "import sys, icalendar\n"
      "cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())\n"
      "print('NAME|' + str(cal['X-WR-CALNAME']))\n"
      "for e in cal.walk('VEVENT'):\n"
      "    print('|'.join([str(e['UID']), e.decoded('DTSTART').isoformat(),\n"
      "        e.decoded('DTEND').isoformat(), str(e['SUMMARY']), str(int(e['SEQUENCE'])),\n"
      "        e.decoded('LAST-MODIFIED').isoformat(), str(e.get('URL', ''))]))\n";
  std::map<std::string, std::vector<std::string>> out;  // by UID (NAME for the calendar)
  for (const auto& l : python_lines(script, path)) {
    std::vector<std::string> fields;
    std::size_t at = 0;
    for (auto bar = l.find('|'); bar != std::string::npos; bar = l.find('|', at = bar + 1))
      fields.push_back(l.substr(at, bar - at));
    fields.push_back(l.substr(at));
    out[fields[0]] = fields;
  }
  return out;
}

std::string rules_with(const std::string& beslut_vad) {
  return "process p \"Provprocess\"\n  cykel kalenderår\nroll Rektor per enhet\nroll Nämnd\n"
         "steg rapport \"Kvalitetsrapport\"\n  NÄR februari-mars\n  VEM Rektor\n"
         "  VAD Rektorn lämnar kvalitetsrapporten\n"
         "steg beslut\n  NÄR april\n  VEM Nämnd\n  VAD " +
         beslut_vad + "\n  EFTER rapport\n";
}

}  // namespace

TEST_CASE(
    "calendar: a day per deadline, 'Title (unit)', a name, URLs to the web view, and "
    "SEQUENCE higher exactly where a step changed",
    "[icalendar]") {
  test::TempDir dir("ics-versions");
  auto rules = dir.write("p.arshjul", rules_with("Nämnden beslutar. Sedan mer text."));
  dir.write("roster.csv",
            "enhet,roll,namn,epost\nEkskolan,Rektor,Åsa,asa@k.se\n,Nämnd,Nils,n@k.se\n");
  auto config =
      dir.write("arshjul.toml", "roster = \"roster.csv\"\nlink_base = \"https://arshjul.k.se\"\n");
  const std::string ics = (dir.path() / "out.ics").string();
  auto export_to = [&](const std::string& extra) {
    run("ARSHJUL_CONFIG=" + config.string() + " " + std::string(ARSHJUL_BINARY) + " calendar " +
        rules.string() + " --year 2026 --unit Ekskolan " + extra + " -o " + ics);
    return parse_versions(ics);
  };
  auto first = export_to("");
  CHECK(first.at("NAME")[1] == "Årshjulet 2026 – Ekskolan");
  const std::string rapport = "p-2026-rapport-Ekskolan-1@arshjul",
                    beslut = "p-2026-beslut-alla-1@arshjul";
  REQUIRE(first.size() == 3);
  // One day on the deadline: 31 March is a Tuesday, 30 April a Thursday.
  CHECK(first.at(rapport)[1] == "2026-03-31");
  CHECK(first.at(rapport)[2] == "2026-04-01");
  CHECK(first.at(rapport)[3] == "Kvalitetsrapport (Ekskolan)");
  CHECK(first.at(beslut)[1] == "2026-04-30");
  CHECK(first.at(beslut)[3] == "Nämnden beslutar");  // no title: the VAD's first sentence
  CHECK(first.at(rapport)[6] == "https://arshjul.k.se/task?p=p&c=2026&s=rapport&u=Ekskolan&n=1");
  CHECK(first.at(beslut)[6] == "https://arshjul.k.se/task?p=p&c=2026&s=beslut&u=&n=1");

  SECTION("--link-base instead of the configuration's") {
    auto other = export_to("--link-base https://annan.k.se/arshjul/");
    CHECK(other.at(rapport)[6] ==
          "https://annan.k.se/arshjul/task?p=p&c=2026&s=rapport&u=Ekskolan&n=1");
  }

  SECTION("--windows: the window as one event over its days") {
    auto windows = export_to("--windows");
    CHECK(windows.at(rapport)[1] == "2026-02-01");
    CHECK(windows.at(rapport)[2] == "2026-04-01");
  }

  SECTION("re-imported after a change: same UIDs, the changed step's SEQUENCE higher") {
    auto again = export_to("");  // unchanged: every version the same
    CHECK(again == first);
    // The nämnd's step changes (a minute later, as an editor saves it).
    dir.write("p.arshjul", rules_with("Nämnden beslutar om rapporterna. Sedan mer text."));
    std::filesystem::last_write_time(
        rules, std::filesystem::last_write_time(rules) + std::chrono::minutes(2));
    auto changed = export_to("");
    std::set<std::string> uids, uids_changed;
    for (const auto& [uid, e] : first) uids.insert(uid);
    for (const auto& [uid, e] : changed) uids_changed.insert(uid);
    CHECK(uids_changed == uids);
    CHECK(std::stoll(changed.at(beslut)[4]) > std::stoll(first.at(beslut)[4]));
    CHECK(changed.at(beslut)[5] > first.at(beslut)[5]);  // LAST-MODIFIED later
    CHECK(changed.at(beslut)[3] == "Nämnden beslutar om rapporterna");
    CHECK(changed.at(rapport)[4] == first.at(rapport)[4]);  // unchanged: equal
    CHECK(changed.at(rapport)[5] == first.at(rapport)[5]);
    // Without the earlier export (standard output) the changed file's time still gives the
    // changed step a SEQUENCE no lower than the one it had.
    auto fresh = run("ARSHJUL_CONFIG=" + config.string() + " " + std::string(ARSHJUL_BINARY) +
                     " calendar " + rules.string() + " --year 2026 --unit Ekskolan");
    dir.write("fresh.ics", fresh);
    auto from_stdout = parse_versions((dir.path() / "fresh.ics").string());
    CHECK(std::stoll(from_stdout.at(beslut)[4]) >= std::stoll(changed.at(beslut)[4]));
  }
}
