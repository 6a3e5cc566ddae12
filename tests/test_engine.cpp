// The engine on the seeds' real rule files: every state, barriers, same-unit dependencies,
// conditions, `vid behov`, corrections and the year boundary.
#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>

#include "dsl/loader.hpp"
#include "engine/engine.hpp"
#include "engine/records.hpp"
#include "engine/snapshot.hpp"
#include "tests/admin.hpp"
#include "tests/helpers.hpp"

using namespace arshjul;
using engine::State;
using engine::Task;
using test::Admin;
using test::day;
using test::kEk;
using test::kHumlan;

TEST_CASE("a per-unit step moves from upcoming to ready, due soon and overdue") {
  Admin a;
  // skiss: februari–mars, Enhetschef per enhet, deadline 31 March.
  CHECK(a.task(a.at("2026-01-10"), "skiss", 2026, kEk).state == State::upcoming);
  CHECK(a.task(a.at("2026-02-10"), "skiss", 2026, kEk).state == State::ready);
  const auto soon = a.task(a.at("2026-03-20"), "skiss", 2026, kEk);
  CHECK(soon.state == State::due_soon);
  CHECK(soon.days == 11);
  const auto late = a.task(a.at("2026-04-10"), "skiss", 2026, kEk);
  CHECK(late.state == State::overdue);
  CHECK(late.days == 10);
}

TEST_CASE("a completion makes a task done, or done late with the days late") {
  Admin a;
  a.done("skiss", 2026, kEk, "2026-03-15");
  a.done("skiss", 2026, kHumlan, "2026-04-03");
  auto tasks = a.at("2026-05-01");
  CHECK(a.task(tasks, "skiss", 2026, kEk).state == State::done);
  const auto& late = a.task(tasks, "skiss", 2026, kHumlan);
  CHECK(late.state == State::done_late);
  CHECK(late.days == 3);
}

TEST_CASE("a correction entry wins over the earlier one") {
  Admin a;
  a.done("skiss", 2026, kEk, "2026-04-20");  // wrong date first
  a.done("skiss", 2026, kEk, "2026-03-02");  // the correction
  CHECK(a.task(a.at("2026-05-01"), "skiss", 2026, kEk).state == State::done);
}

TEST_CASE("a single step after a per-unit step waits for every unit (barrier)") {
  Admin a;
  // t2_rapport (Förvaltningschef, september) waits for t2_möte in every unit.
  a.done("t2_uppföljning", 2026, kEk, "2026-08-20");
  a.done("t2_möte", 2026, kEk, "2026-08-25");
  auto tasks = a.at("2026-09-05");
  const auto& rapport = a.task(tasks, "t2_rapport", 2026);
  REQUIRE(rapport.state == State::blocked);
  REQUIRE(rapport.blocked_by.size() == 1);
  CHECK(rapport.blocked_by[0].units_missing == 1);
  CHECK(rapport.blocked_by[0].units_total == 2);

  a.done("t2_uppföljning", 2026, kHumlan, "2026-08-21");
  a.done("t2_möte", 2026, kHumlan, "2026-08-28");
  // September's window is a month: due soon from 28 days before its deadline (2 September).
  CHECK(a.task(a.at("2026-09-05"), "t2_rapport", 2026).state == State::due_soon);
}

TEST_CASE("a per-unit step after a per-unit step waits only for the same unit") {
  Admin a;
  a.done("t2_uppföljning", 2026, kEk, "2026-08-10");
  auto tasks = a.at("2026-08-12");
  CHECK(a.task(tasks, "t2_möte", 2026, kEk).state == State::due_soon);  // 19 days left of 28
  const auto& humlan = a.task(tasks, "t2_möte", 2026, kHumlan);
  CHECK(humlan.state == State::blocked);
  REQUIRE(humlan.blocked_by.size() == 1);
  CHECK(a.rules.processes[humlan.process].steps[humlan.blocked_by[0].step].id == "t2_uppföljning");
}

TEST_CASE("a conditional step runs only when its condition's outcome was recorded") {
  Admin a;
  for (auto unit : {kEk, kHumlan}) {
    a.done("t2_uppföljning", 2026, unit, "2026-08-10");
    a.done("t2_möte", 2026, unit, "2026-08-20");
  }
  a.done("t2_rapport", 2026, "", "2026-09-05");
  SECTION("not yet known: waits for the step that decides it") {
    const auto t =
        a.task(a.at("2026-09-20"), "tillägg_förvaltningsmål", 2026);  // a copy: at() is a temporary
    CHECK(t.state == State::blocked);
  }
  SECTION("another outcome: not applicable") {
    a.done("t2_redovisning", 2026, "", "2026-09-15", "inga_åtgärder");
    CHECK(a.task(a.at("2026-09-20"), "tillägg_förvaltningsmål", 2026).state ==
          State::not_applicable);
    CHECK(a.task(a.at("2027-03-01"), "tillägg_förvaltningsmål", 2026).state ==
          State::not_applicable);
  }
  SECTION("its outcome: the step is due") {
    a.done("t2_redovisning", 2026, "", "2026-09-15", "förbättringsbehov");
    auto state = a.task(a.at("2026-09-20"), "tillägg_förvaltningsmål", 2026).state;
    CHECK((state == State::ready || state == State::due_soon));
    CHECK(a.task(a.at("2027-03-01"), "tillägg_förvaltningsmål", 2026).state == State::overdue);
  }
}

TEST_CASE("a step whose roles all take part only if needed is never overdue") {
  Admin a;
  CHECK(a.task(a.at("2026-06-15"), "t1_möte", 2026).state == State::not_applicable);
}

TEST_CASE("a cycle crosses the year boundary and two cycles are open at once") {
  Admin a;
  for (auto unit : {kEk, kHumlan}) {
    a.done("t3_uppföljning", 2026, unit, "2026-12-15");
    a.done("årsresultat_möte", 2026, unit, "2026-12-18");
  }
  auto tasks = a.at("2027-01-10");
  // 2026's annual report is due in January 2027 and is ready once every unit's T3 is done.
  const auto& report = a.task(tasks, "årsredovisning", 2026);
  CHECK(report.window.start == day("2027-01-01"));
  CHECK(report.state == State::due_soon);  // not blocked: due 2027-01-29, Sunday the 31st moved
  // Meanwhile the 2027 cycle has started: its planning sketch is upcoming in February.
  CHECK(a.task(tasks, "skiss", 2027, kEk).state == State::upcoming);
}

TEST_CASE("the previous cycle's unfinished work stays overdue into the new year") {
  Admin a;
  auto tasks = a.at("2027-01-20");
  const auto& t3 = a.task(tasks, "t3_uppföljning", 2026, kEk);
  CHECK(t3.state == State::overdue);
  CHECK(t3.days == 21);  // due 2026-12-30: the 31st is nyårsafton
}

TEST_CASE("entries naming an unknown step or unit are ignored and counted") {
  Admin a;
  engine::Records records(a.rules.processes, a.roster);
  engine::Completion c;
  c.process = "resultatuppfoljning";
  c.cycle = 2026;
  c.step = "finns_inte";
  c.done_on = day("2026-03-01");
  records.add(c);
  c.step = "t1_uppföljning";
  c.unit = "Skolan som lades ner";
  records.add(c);
  CHECK(records.ignored() == 2);
}

// --- a task's identity ----------------------------------------------------------------------

TEST_CASE("TaskId: the stored text form process/cycle/step/unit/occurrence, and back") {
  engine::TaskId id{"resultatuppfoljning", 2026, "t1_uppföljning", kEk, 2};
  CHECK(id.text() == "resultatuppfoljning/2026/t1_uppföljning/Ekbackens skola/2");
  CHECK(engine::TaskId::parse(id.text()) == id);
  engine::TaskId single{"p", 2025, "beslut", "", 1};
  CHECK(single.text() == "p/2025/beslut//1");
  CHECK(engine::TaskId::parse("p/2025/beslut//1") == single);
  // A unit may hold '/': the occurrence is after the last one.
  engine::TaskId slash{"p", 2026, "s", "Skola F/9", 1};
  CHECK(engine::TaskId::parse(slash.text()) == slash);
  for (const char* bad : {"", "p/2026/s/u", "p/x/s/u/1", "p/2026/s/u/", "/2026/s/u/1",
                          "p/2026//u/1", "p/2026/s/u/1x"})
    CHECK_FALSE(engine::TaskId::parse(bad));
}

TEST_CASE("TaskId: a task's id, and find_task resolving one without case and diacritics") {
  Admin a;
  auto tasks = a.at("2026-03-20");
  const auto& skiss = a.task(tasks, "skiss", 2026, kEk);
  auto id = engine::task_id(skiss, a.rules.processes);
  CHECK(id.step == "skiss");
  CHECK(id.unit == kEk);
  auto ref = engine::find_task({id.process, 2026, "SKISS", "ekbackens skola", 1}, a.rules.processes,
                               a.roster);
  REQUIRE(ref);
  CHECK(ref->process == skiss.process);
  CHECK(ref->step == skiss.step);
  CHECK(ref->id == id);
  CHECK_FALSE(engine::find_task({id.process, 2026, "skiss", "Skolan som lades ner", 1},
                                a.rules.processes, a.roster));
  CHECK_FALSE(
      engine::find_task({id.process, 2026, "finns_inte", kEk, 1}, a.rules.processes, a.roster));
  // A single-instance step takes no unit: one given is dropped.
  const auto& single = a.task(tasks, "t2_rapport", 2026);
  auto sref = engine::find_task({a.process_of("t2_rapport"), 2026, "t2_rapport", kEk, 1},
                                a.rules.processes, a.roster);
  REQUIRE(sref);
  CHECK(sref->id.unit.empty());
  CHECK(sref->step == single.step);
}

TEST_CASE("Records tell apart tasks of more than 255 processes (no field of the key is cut)") {
  Admin a;
  std::vector<dsl::Process> many;
  for (int i = 0; i < 300; ++i) {
    many.push_back(a.rules.processes.front());
    many.back().id = "p" + std::to_string(i);
  }
  engine::Records records(many, a.roster);
  engine::Completion c;
  c.process = "p256";
  c.cycle = 2026;
  c.step = many[256].steps[0].id;
  c.unit = many[256].per_unit(many[256].steps[0]) ? kEk : "";
  c.done_on = day("2026-03-01");
  REQUIRE(records.add(c));
  auto key = records.key_of(c);
  REQUIRE(key);
  CHECK(key->process == 256);
  CHECK(records.find(*key) != nullptr);
  auto other = *key;
  other.process = 0;  // 256 & 0xFF: the old packed key's process
  CHECK(records.find(other) == nullptr);
  other.process = 256;
  other.cycle += 4096;  // the old key kept 12 bits of the cycle
  CHECK(records.find(other) == nullptr);
}

TEST_CASE("most urgent first: by state, the longest overdue first, then the earliest deadline") {
  auto task = [](State s, int days, const char* deadline) {
    Task t;
    t.state = s;
    t.days = days;
    t.window.deadline = day(deadline);
    return t;
  };
  auto long_late = task(State::overdue, 30, "2026-01-01"),
       short_late = task(State::overdue, 3, "2026-02-01"),
       blocked = task(State::blocked, 2, "2026-03-01"),
       soon_early = task(State::due_soon, 5, "2026-03-05"),
       soon_later = task(State::due_soon, 9, "2026-03-09");
  std::vector<const Task*> order{&soon_later, &blocked, &short_late, &soon_early, &long_late};
  std::stable_sort(order.begin(), order.end(),
                   [](const Task* x, const Task* y) { return engine::more_urgent(*x, *y); });
  CHECK(order ==
        std::vector<const Task*>{&long_late, &short_late, &blocked, &soon_early, &soon_later});
  // Seen in another state (a `vid behov` role sees not applicable): that state counts.
  CHECK(engine::more_urgent(State::due_soon, soon_later, State::not_applicable, long_late));
  CHECK(engine::needs_attention(State::ready));
  CHECK_FALSE(engine::needs_attention(State::upcoming));
}

// --- the one entry point --------------------------------------------------------------------

TEST_CASE("load_snapshot: what evaluate gives, the urgent tasks in order, a task's history") {
  Admin a;
  a.done("skiss", 2026, kEk, "2026-04-20");
  a.done("skiss", 2026, kEk, "2026-03-02");  // the correction
  a.done("skiss", 2026, kHumlan, "2026-03-10");
  test::TempDir tmp("engine-snapshot-" + std::to_string(getpid()));
  engine::Store store((tmp.path() / "store.db").string());
  store.record(a.log);

  auto snap = engine::load_snapshot(a.rules.processes, a.roster, &store, day("2026-10-15"));
  auto direct = a.at("2026-10-15");
  REQUIRE(snap.tasks.size() == direct.size());
  for (std::size_t i = 0; i < direct.size(); ++i) {
    CHECK(snap.tasks[i].state == direct[i].state);
    CHECK(snap.tasks[i].days == direct[i].days);
  }
  CHECK(snap.urgent.size() ==
        static_cast<std::size_t>(std::count_if(direct.begin(), direct.end(), [](const Task& t) {
          return engine::needs_attention(t.state);
        })));
  CHECK(std::is_sorted(snap.urgent.begin(), snap.urgent.end(),
                       [](const Task* x, const Task* y) { return engine::more_urgent(*x, *y); }));
  CHECK(snap.plans.empty());  // not asked for

  engine::SnapshotOptions one;
  one.cycle = 2026;
  one.history_of = engine::TaskId{a.process_of("skiss"), 2026, "Skiss", "ekbackens skola", 1};
  auto cycle = engine::load_snapshot(a.rules.processes, a.roster, &store, day("2026-10-15"), one);
  REQUIRE(cycle.history.size() == 2);  // Humlan's entry is another task's
  CHECK(cycle.history[1].done_on == day("2026-03-02"));
  CHECK(std::all_of(cycle.tasks.begin(), cycle.tasks.end(),
                    [](const Task& t) { return t.cycle == 2026; }));
  CHECK(a.task(cycle.tasks, "skiss", 2026, kEk).state == State::done);

  auto none = engine::load_snapshot(a.rules.processes, a.roster, nullptr, day("2026-10-15"));
  CHECK(a.task(none.tasks, "skiss", 2026, kEk).state == State::overdue);
}
