// Events and information (issue 14, item 1): TYP möte/händelse stay on their day unless the
// step says FLYTTA, `check` warns of one on a closed day, TYP information/tema are never
// tasks, and a time of day (`kl 16.00–17.00`) becomes a timed event in Europe/Stockholm.
#include <catch2/catch.hpp>

#include "dsl/loader.hpp"
#include "dsl/schedule.hpp"
#include "engine/engine.hpp"
#include "engine/reminders.hpp"
#include "tests/helpers.hpp"

using namespace arshjul;

namespace {

// 13 December 2026 is a Sunday, 2 October 2026 a Friday, 31 October 2026 Alla helgons dag.
const std::string kEventRules = R"(process forskola "Förskolans år"
roll Personal

steg lucia
  NÄR   13 december kl 16.00–17.00
  VEM   Personal
  VAD   Luciafirande
  TYP   händelse

steg stäng
  NÄR   13 december
  VEM   Personal
  VAD   Föräldrar fixar och stänger
  TYP   möte
  FLYTTA efter

steg planering
  NÄR   2 oktober kl 9
  VEM   Personal
  VAD   Planeringsdag
  TYP   meeting

steg samtal
  NÄR   oktober
  VEM   Personal
  VAD   Utvecklingssamtal under oktober
  TYP   möte

steg rapport
  NÄR   13 december
  VEM   Personal
  VAD   Rapport
  TYP   rapport

steg tema
  NÄR   oktober
  VEM   Personal
  VAD   Månadens tema: hösten
  TYP   tema

steg info
  NÄR   1 november
  VEM   Personal
  VAD   Information om julen
  TYP   info
)";

int loaded_count = 0;  // each Loaded in a folder of its own

struct Loaded {
  test::TempDir dir{"events-" + std::to_string(++loaded_count)};
  dsl::RuleSet rules;
  explicit Loaded(const std::string& text, int year = 2026) {
    rules = dsl::load_rules({dir.write("forskola.arshjul", text)}, year);
  }
  const dsl::Process& p() const { return rules.processes.at(0); }
  std::vector<dsl::Window> windows(const std::string& step) const {
    std::vector<dsl::Diagnostic> ignored;
    return dsl::windows(p(), p().steps.at(*p().find_step(step)), 2026, ignored);
  }
};

/// What `command` printed; it must succeed.
std::string run(const std::string& command, const std::filesystem::path& scratch) {
  auto r = test::run_command(command, scratch);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  return r.out;
}

}  // namespace

TEST_CASE("an event stays on its day, FLYTTA efter moves it, other types still move", "[events]") {
  Loaded l(kEventRules);
  REQUIRE(l.rules.ok());
  CHECK(dsl::iso(l.windows("lucia").at(0).deadline) == "2026-12-13");  // a Sunday: stays
  CHECK_FALSE(l.windows("lucia").at(0).moved_from);
  CHECK(dsl::iso(l.windows("stäng").at(0).deadline) == "2026-12-14");    // Monday after
  CHECK(dsl::iso(l.windows("rapport").at(0).deadline) == "2026-12-11");  // Friday before
  // A meeting some time in October is due by the last working day, as before.
  CHECK(dsl::iso(l.windows("samtal").at(0).deadline) == "2026-10-30");
  // A process's FLYTTA does not move an event: only the step's own does.
  Loaded after(
      std::string(kEventRules)
          .replace(kEventRules.find("roll Personal"), 13, "  FLYTTA efter\nroll Personal"));
  REQUIRE(after.rules.ok());
  CHECK(dsl::iso(after.windows("lucia").at(0).deadline) == "2026-12-13");
  CHECK(dsl::iso(after.windows("rapport").at(0).deadline) == "2026-12-14");
}

TEST_CASE("check warns, not fails, of an event on a closed day", "[events]") {
  Loaded l(kEventRules);
  REQUIRE(l.rules.ok());
  REQUIRE(l.rules.warnings.size() == 1);  // lucia; not stäng (FLYTTA), not planering (Friday)
  const auto& w = l.rules.warnings[0];
  CHECK(w.msg == dsl::Msg::event_on_closed_day);
  CHECK(w.args == std::vector<std::string>{"lucia", "2026-12-13", "söndag"});
  CHECK(w.where.line == 5);
  CHECK(test::contains(dsl::format(w, l.rules.sources, dsl::Lang::sv), ": warning: 'lucia'"));
  // In 2027 13 December is a Monday, but 2 October a Saturday.
  Loaded next(kEventRules, 2027);
  REQUIRE(next.rules.warnings.size() == 1);
  CHECK(next.rules.warnings[0].args ==
        std::vector<std::string>{"planering", "2027-10-02", "lördag"});
  // Through the command: exit 0, the warning and its count on stderr.
  auto r = test::run_arshjul(l.dir.path(), {"check", "--year", "2026", "forskola.arshjul"},
                             l.dir.path() / "out");
  CHECK(r.exit_code == 0);
  CHECK(test::contains(r.err, "1 varning\n"));
}

TEST_CASE("information and tema are shown but never overdue or reminded", "[events]") {
  Loaded l(kEventRules);
  REQUIRE(l.rules.ok());
  engine::Roster roster;
  engine::Records records(l.rules.processes, roster);
  auto tasks = engine::evaluate_cycle(l.rules.processes, 0, 2026, roster, records,
                                      std::chrono::year(2026) / 12 / 20, {});
  int info = 0;
  for (const auto& t : tasks) {
    const auto& id = l.p().steps[t.step].id;
    if (id == "tema" || id == "info") {
      ++info;
      CHECK(t.state == engine::State::not_applicable);
      CHECK_FALSE(engine::needs_attention(t.state));
    }
    if (id == "rapport") CHECK(t.state == engine::State::overdue);
  }
  CHECK(info == 2);
  // Shown: their windows are there for the wheel, the calendar and show.
  CHECK(dsl::iso(l.windows("tema").at(0).start) == "2026-10-01");
  CHECK(dsl::type_name(l.p().steps[*l.p().find_step("tema")].type, dsl::Lang::en) == "theme");
}

TEST_CASE("a time of day: kl 9 is one hour, kl 16.00–17.00 its range", "[events]") {
  Loaded l(kEventRules);
  REQUIRE(l.rules.ok());
  auto lucia = l.windows("lucia").at(0);
  REQUIRE(lucia.time);
  CHECK(lucia.time->start == 16 * 60);
  CHECK(lucia.time->end == 17 * 60);
  auto planning = l.windows("planering").at(0);
  REQUIRE(planning.time);
  CHECK(planning.time->start == 9 * 60);
  CHECK(planning.time->end == 10 * 60);
  for (const std::string when : {"2 oktober klockan 8:30 till 9.15", "2 oct at 8:30-9.15"}) {
    std::vector<dsl::Diagnostic> errors;
    auto p = test::compile_text(
        "process p\nroll R\nsteg s\n  NÄR " + when + "\n  VEM R\n  VAD x\n  TYP möte\n", 2026,
        errors);
    INFO(when);
    REQUIRE(errors.empty());
    CHECK(p->steps[0].when.occurrences.at(0).time == dsl::TimeOfDay{8 * 60 + 30, 9 * 60 + 15});
  }
}

TEST_CASE("a timed event is a timed VEVENT in Europe/Stockholm with its VTIMEZONE",
          "[events][icalendar]") {
  Loaded l(kEventRules);
  auto ics = l.dir.path() / "f.ics";
  run(std::string(ARSHJUL_BINARY) + " calendar " + (l.dir.path() / "forskola.arshjul").string() +
          " --year 2026 -o " + ics.string(),
      l.dir.path() / "calendar");
  const std::string script =
      "import sys, icalendar\n"
      "cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())\n"
      "print(len(cal.walk('VTIMEZONE')), cal.walk('VTIMEZONE')[0]['TZID'])\n"
      "for e in cal.walk('VEVENT'):\n"
      "    s = e.decoded('DTSTART')\n"
      "    step = str(e['UID']).split('-2026-')[1].split('-')[0]\n"
      "    print(step, s.isoformat(), e.decoded('DTEND').isoformat(),"
      " getattr(s, 'tzinfo', None) is not None and s.utcoffset().total_seconds() // 3600)\n";
  auto py = l.dir.write("parse.py", script);
  auto out = run("/usr/bin/python3 " + py.string() + " " + ics.string(), l.dir.path() / "python");
  CHECK(test::contains(out, "1 Europe/Stockholm\n"));
  // Local time: winter, UTC+1.
  CHECK(test::contains(out, "lucia 2026-12-13T16:00:00+01:00 2026-12-13T17:00:00+01:00 1.0\n"));
  // 2 October: summer time, UTC+2.
  CHECK(test::contains(out, "planering 2026-10-02T09:00:00+02:00 2026-10-02T10:00:00+02:00 2.0\n"));
  // Untimed steps stay all-day events.
  CHECK(test::contains(out, "rapport 2026-12-11 2026-12-12 False\n"));
}

// Titles and links (issue 14, item 5).
TEST_CASE("a step's title replaces its id in the outputs, LÄNK keeps its '#', an escaped # in VAD",
          "[titles]") {
  const std::string text = R"(process forskola "Förskolans år"
roll Personal

steg lucia "Luciafirande"
  NÄR   11 december
  VEM   Personal
  VAD   Luciafirande för familjerna
  LÄNK  https://example.se/forskola#lucia   # a comment after it
  TYP   händelse

steg pris
  NÄR   oktober
  VEM   Personal
  VAD   Betala till bankgiro \#123 # a comment
  LINK  http://example.se/avgifter#2027
)";
  Loaded l(text);
  REQUIRE(l.rules.ok());
  CHECK(l.rules.warnings.empty());
  const auto& lucia = l.p().steps[*l.p().find_step("lucia")];
  CHECK(lucia.title == "Luciafirande");
  CHECK(lucia.name() == "Luciafirande");
  CHECK(lucia.link == "https://example.se/forskola#lucia");
  const auto& pris = l.p().steps[*l.p().find_step("pris")];
  CHECK(pris.name() == "pris");  // no title: the id
  CHECK(pris.task == "Betala till bankgiro #123");
  CHECK(pris.link == "http://example.se/avgifter#2027");

  auto ics = test::run_arshjul(l.dir.path(), {"calendar", "forskola.arshjul", "--year", "2026"},
                               l.dir.path() / "ics");
  CHECK(test::contains(ics.out, "SUMMARY:Luciafirande\r\n"));
  CHECK(test::contains(ics.out, "URL:https://example.se/forskola#lucia\r\n"));
  // No title: the VAD's first sentence names it (step_label), its "#" kept.
  CHECK(test::contains(ics.out, "SUMMARY:Betala till bankgiro #123\r\n"));
  auto wheel = test::run_arshjul(l.dir.path(), {"wheel", "forskola.arshjul", "--year", "2026"},
                                 l.dir.path() / "wheel");
  CHECK(test::contains(wheel.out, ">Luciafirande<"));
  CHECK(test::contains(wheel.out, "data-step=\"lucia\""));  // the id stays the key
  auto show = test::run_arshjul(l.dir.path(), {"show", "forskola.arshjul", "--year", "2026"},
                                l.dir.path() / "show");
  CHECK(test::contains(show.out, "Luciafirande: Luciafirande för familjerna"));
}

TEST_CASE("a '#' glued to a word in VAD is a located warning, the rest of the line a comment",
          "[titles]") {
  Loaded l(R"(process p
roll R
steg s
  NÄR   maj
  VEM   R
  VAD   Se https://example.se/sida#avsnitt för mer
)");
  REQUIRE(l.rules.ok());
  CHECK(l.p().steps[0].task == "Se https://example.se/sida");
  REQUIRE(l.rules.warnings.size() == 1);
  CHECK(l.rules.warnings[0].msg == dsl::Msg::hash_ends_text);
  CHECK(l.rules.warnings[0].where.line == 6);
  CHECK(l.rules.warnings[0].where.column == 35);  // at the '#'
}

// Forgiving input (issue 14, item 6).
TEST_CASE("non-breaking spaces are spaces, typographic quotes are quotes", "[forgiving]") {
  // "nästa år" with U+00A0 between the words, the title in ” ” and in “ ”.
  Loaded l(
      "process p \u201CPlan\u201D\nroll R\nsteg a \u201DTitel\u201D\n"
      "  N\u00C4R\u00A0  januari n\u00E4sta\u00A0\u00E5r\n  VEM   R\n"
      "  VAD   Text\u00A0med h\u00E5rt mellanslag\n");
  REQUIRE(l.rules.ok());
  CHECK(l.p().title == "Plan");
  CHECK(l.p().steps[0].title == "Titel");
  CHECK(dsl::iso(l.windows("a").at(0).start) == "2027-01-01");
  CHECK(l.p().steps[0].task == "Text\u00A0med h\u00E5rt mellanslag");  // the text as written
}

TEST_CASE("a field keyword indented as a VAD continuation is a warning naming the field",
          "[forgiving]") {
  Loaded l(
      "process p\nroll R\nsteg a\n  NÄR maj\n  VEM R\n  VAD Planera\n    EFTER b\n"
      "        efter att allt är klart\nsteg b\n  NÄR april\n  VEM R\n  VAD x\n");
  REQUIRE(l.rules.ok());
  REQUIRE(l.rules.warnings.size() == 1);  // "efter att" in lower case is prose
  CHECK(l.rules.warnings[0].msg == dsl::Msg::field_as_continuation);
  CHECK(l.rules.warnings[0].args == std::vector<std::string>{"EFTER"});
  CHECK(l.rules.warnings[0].where.line == 7);
  CHECK(l.p().steps[0].task == "Planera EFTER b efter att allt är klart");  // nothing lost
}

TEST_CASE("a file that is not UTF-8 is one error, at its first such byte", "[forgiving]") {
  Loaded l("process p \"F\xF6rskolan\"\nroll R\nsteg a\n  N\xC4R maj\n  VEM R\n  VAD x\n");
  REQUIRE(l.rules.diagnostics.size() == 1);
  CHECK(l.rules.diagnostics[0].msg == dsl::Msg::text_not_utf8);
  CHECK(l.rules.diagnostics[0].where.line == 1);
  CHECK(l.rules.diagnostics[0].where.column == 13);
}

// Weekday rhythms and dated occurrences (issue 14, item 2), worked out by hand on a calendar.
namespace {
std::vector<std::string> deadlines(const Loaded& l, const std::string& step) {
  std::vector<std::string> out;
  for (const auto& w : l.windows(step)) out.push_back(dsl::iso(w.deadline));
  return out;
}
}  // namespace

TEST_CASE("weekday rhythms: every Friday, Mondays of some months, nth weekdays, a dated day",
          "[rhythms]") {
  Loaded l(R"(process forskola "Förskolans år"
  cykel läsår
roll Personal

steg veckobrev
  NÄR   varje fredag
  VEM   Personal
  VAD   Veckobrev
steg apt
  NÄR   varje måndag september–december kl 15.30-16.30
  VEM   Personal
  VAD   APT
  TYP   möte
steg ledning
  NÄR   första måndagen i varje månad
  VEM   Personal
  VAD   Ledningsgrupp
steg diverse
  NÄR   sista fredagen i maj, andra tisdagen i oktober, 2026-10-05, 2027-10-05
  VEM   Personal
  VAD   Diverse
steg english
  NÄR   every friday, last friday in may, first monday in every month
  VEM   Personal
  VAD   English
)");
  REQUIRE(l.rules.ok());
  auto fridays = deadlines(l, "veckobrev");
  REQUIRE(fridays.size() == 52);  // läsår 2026/27: 7 August 2026 to 30 July 2027
  CHECK(fridays.front() == "2026-08-07");
  CHECK(fridays.back() == "2027-07-30");
  // Långfredagen 2027 (26 March): that Friday's letter is due the working day before.
  CHECK(std::count(fridays.begin(), fridays.end(), "2027-03-25") == 1);
  CHECK(std::count(fridays.begin(), fridays.end(), "2027-03-26") == 0);
  auto mondays = deadlines(l, "apt");
  REQUIRE(mondays.size() == 17);  // 7 September to 28 December 2026
  CHECK(mondays.front() == "2026-09-07");
  CHECK(mondays.back() == "2026-12-28");
  CHECK(l.windows("apt").front().time == dsl::TimeOfDay{15 * 60 + 30, 16 * 60 + 30});
  CHECK(deadlines(l, "ledning") ==
        std::vector<std::string>{"2026-08-03", "2026-09-07", "2026-10-05", "2026-11-02",
                                 "2026-12-07", "2027-01-04", "2027-02-01", "2027-03-01",
                                 "2027-04-05", "2027-05-03", "2027-06-07", "2027-07-05"});
  // 2027-10-05 is in the next läsår: only the cycle containing a date has it.
  CHECK(deadlines(l, "diverse") ==
        std::vector<std::string>{"2026-10-05", "2026-10-13", "2027-05-28"});
  CHECK(l.windows("english").size() == 52 + 1 + 12);
  // APT (möte) falls on no closed day in September–December 2026: no warning.
  CHECK(l.rules.warnings.empty());
}

TEST_CASE("every week is Monday to its last working day, every other week from a stated week",
          "[rhythms]") {
  Loaded l(R"(process p
roll R
steg plan
  NÄR   varje vecka
  VEM   R
  VAD   Veckoplanering
steg reflektion
  NÄR   varannan vecka från vecka 35
  VEM   R
  VAD   Reflektion
)");
  REQUIRE(l.rules.ok());
  auto weeks = l.windows("plan");
  // Kalenderår 2026: the weeks starting 5 January to 28 December.
  REQUIRE(weeks.size() == 52);
  CHECK(dsl::iso(weeks.front().start) == "2026-01-05");
  CHECK(dsl::iso(weeks.front().deadline) == "2026-01-09");
  // Week 14: Friday 3 April is långfredagen, so the week's last working day is Thursday.
  CHECK(dsl::iso(weeks[12].start) == "2026-03-30");
  CHECK(dsl::iso(weeks[12].deadline) == "2026-04-02");
  auto other = l.windows("reflektion");
  REQUIRE(other.size() == 26);
  CHECK(dsl::iso(other.front().start) == "2026-01-12");  // week 3: 32 weeks before week 35
  bool week35 = std::any_of(other.begin(), other.end(),
                            [](const dsl::Window& w) { return dsl::iso(w.start) == "2026-08-24"; });
  bool week36 = std::any_of(other.begin(), other.end(),
                            [](const dsl::Window& w) { return dsl::iso(w.start) == "2026-08-31"; });
  CHECK(week35);
  CHECK_FALSE(week36);
}

// Cycles from any month (issue 14, item 4).
TEST_CASE(
    "cykel från november: named by its start year, months after October in it, the "
    "wheel starts at November",
    "[cycles]") {
  Loaded l(R"(process budget "Budgetprocess"
  cykel från november
roll KS
roll KF
steg direktiv
  NÄR   november
  VEM   KS
  VAD   Budgetdirektiv
steg beslut
  NÄR   juni
  VEM   KF
  VAD   Budgetbeslut
  EFTER direktiv
steg uppföljning
  NÄR   varje månad
  VEM   KS
  VAD   Månadsuppföljning
steg delår
  NÄR   vecka 35
  VEM   KS
  VAD   Delårsrapport
)");
  REQUIRE(l.rules.ok());
  CHECK(dsl::start_month(l.p().cycle) == 11);
  CHECK(dsl::cycle_start(l.p().cycle, 2026) == std::chrono::year(2026) / 11 / 1);
  CHECK(dsl::iso(l.windows("direktiv").at(0).start) == "2026-11-01");
  CHECK(dsl::iso(l.windows("beslut").at(0).deadline) == "2027-06-30");
  auto months = l.windows("uppföljning");
  REQUIRE(months.size() == 12);
  CHECK(dsl::iso(months.front().start) == "2026-11-01");
  CHECK(dsl::iso(months.back().start) == "2027-10-01");
  CHECK(dsl::iso(l.windows("delår").at(0).start) == "2027-08-30");  // ISO week 35 of 2027
  CHECK(engine::cycle_of(l.p().cycle, std::chrono::year(2027) / 10 / 31) == 2026);
  CHECK(engine::cycle_of(l.p().cycle, std::chrono::year(2027) / 11 / 1) == 2027);
  CHECK(dsl::cycle_name(l.p().cycle, dsl::Lang::sv) == "cykel från november");
  auto wheel = test::run_arshjul(l.dir.path(), {"wheel", "forskola.arshjul", "--year", "2026"},
                                 l.dir.path() / "wheel");
  auto first = wheel.out.find("data-month=\"");
  REQUIRE(first != std::string::npos);
  CHECK(wheel.out.substr(first, 15) == "data-month=\"11\"");
  CHECK(test::contains(wheel.out, "cykel från november 2026/27"));
  // The same process written the old ways still means what it meant.
  Loaded school("process p\n  cykel läsår\nroll R\nsteg s\n  NÄR maj\n  VEM R\n  VAD x\n");
  CHECK(dsl::iso(school.windows("s").at(0).start) == "2027-05-01");
}
