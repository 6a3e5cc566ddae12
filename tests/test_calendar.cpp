// arshjul calendar: the ICS output read back by a real parser (Debian's python3-icalendar).
#include <array>
#include <catch2/catch.hpp>
#include <cstdio>
#include <set>
#include <sstream>

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

// "UID|DTSTART|DTEND|SUMMARY" per event, as icalendar parses them.
std::vector<std::string> parse_ics(const std::string& path) {
  const std::string script =
      "import sys, icalendar\n"
      "cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())\n"
      "for e in cal.walk('VEVENT'):\n"
      "    print('|'.join([str(e['UID']), e.decoded('DTSTART').isoformat(), "
      "e.decoded('DTEND').isoformat(), str(e['SUMMARY'])]))\n";
  test::TempDir dir("ics-py");
  auto py = dir.write("parse.py", script);
  std::istringstream lines(run("/usr/bin/python3 " + py.string() + " " + path));
  std::vector<std::string> out;
  for (std::string l; std::getline(lines, l);) out.push_back(l);
  return out;
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
  std::set<std::string> expected;
  for (const auto& s : p.steps) {
    std::vector<dsl::Diagnostic> ignored;
    for (const auto& w : dsl::windows(p, s, 2026, ignored)) {
      auto end = dsl::Date(std::chrono::sys_days(w.deadline) + std::chrono::days(1));
      expected.insert(s.id + "|" + dsl::iso(w.start) + "|" + dsl::iso(end));
    }
  }
  std::set<std::string> got, uids;
  for (const auto& line : first) {
    auto parts = line.substr(0, line.rfind('|'));
    auto uid = parts.substr(0, parts.find('|'));
    auto summary = line.substr(line.rfind('|') + 1);
    auto step = summary.substr(0, summary.find(' '));
    step = step.substr(0, step.find(':'));
    got.insert(step + parts.substr(parts.find('|')));
    uids.insert(uid);
    CHECK(uid.find("@arshjul") != std::string::npos);
  }
  CHECK(got == expected);
  CHECK(uids.size() == first.size());  // unique
  // The per-unit sketch is the unit's own event.
  CHECK(std::any_of(first.begin(), first.end(), [](const std::string& l) {
    return l.find("skiss (Ekbackens skola)") != std::string::npos &&
           l.find("2026-02-01|2026-04-01") != std::string::npos;
  }));

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
  auto events = parse_ics(export_ics((dir.path() / "p.arshjul").string() + " --year 2026 --role R",
                                     (dir.path() / "p.ics").string()));
  REQUIRE(events.size() == 2);
  CHECK(events[0].find("2026-08-01|2026-09-01") != std::string::npos);
  CHECK(events[1].find("2027-03-01|2027-04-01") !=
        std::string::npos);  // 31 March 2027 is a Wednesday
}
