// The engine on the seeds' real rule files: every state, barriers, same-unit dependencies,
// conditions, `vid behov`, corrections and the year boundary.
#include <catch2/catch.hpp>

#include "dsl/loader.hpp"
#include "engine/engine.hpp"
#include "engine/records.hpp"
#include "tests/admin.hpp"

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
    const auto& t = a.task(a.at("2026-09-20"), "tillägg_förvaltningsmål", 2026);
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
