// The audit on the seeds' real rule files: every kind of finding.
#include <catch2/catch.hpp>
#include <map>

#include "engine/audit.hpp"
#include "tests/admin.hpp"

using namespace arshjul;
using engine::AuditReport;
using engine::AuditTask;
using engine::Outcome;
using test::Admin;
using test::day;
using test::kEk;
using test::kHumlan;

namespace {

AuditReport audit_of(const Admin& a, int cycle, const char* as_of) {
  return engine::audit(a.rules.processes, a.roster, cycle, day(as_of), a.log);
}

const AuditTask& find(const Admin& a, const AuditReport& r, const std::string& step,
                      const std::string& unit = "") {
  for (const auto& pa : r.processes)
    for (const auto& t : pa.tasks)
      if (a.rules.processes[pa.process].steps[t.step].id == step && t.unit == unit) return t;
  FAIL("no task " << step << " " << unit);
  throw;
}
// A task of a report that dies at the end of the statement would dangle (AddressSanitizer
// found three such uses): the report must be a named variable.
const AuditTask& find(const Admin&, AuditReport&&, const std::string&,
                      const std::string& = "") = delete;

std::string step_id(const Admin& a, const std::string& process_step, std::size_t step) {
  for (const auto& p : a.rules.processes)
    if (p.find_step(process_step)) return p.steps[step].id;
  return {};
}

}  // namespace

TEST_CASE("audit: done on time, done late by so many days, missing") {
  Admin a;
  a.done("skiss", 2026, kEk, "2026-03-10", "", "Rektor");
  a.done("skiss", 2026, kHumlan, "2026-04-07", "", "Förskolechef");
  auto r = audit_of(a, 2026, "2026-06-30");
  CHECK(find(a, r, "skiss", kEk).outcome == Outcome::on_time);
  const auto& late = find(a, r, "skiss", kHumlan);
  CHECK(late.outcome == Outcome::late);
  CHECK(late.days_late == 7);
  const auto& missing = find(a, r, "verksamhetsbesök");  // april–maj, Nämnd, nothing recorded
  CHECK(missing.outcome == Outcome::missing);
  CHECK(missing.days_late == 32);  // due Friday 29 May: the 31st is a Sunday
  CHECK(find(a, r, "verksamhetsplan", kEk).outcome == Outcome::pending);  // due in December
}

TEST_CASE("audit: a per-unit step done before the same unit's step it depends on") {
  Admin a;
  a.done("t2_möte", 2026, kEk, "2026-08-20");
  a.done("t2_uppföljning", 2026, kEk, "2026-08-25");
  auto r = audit_of(a, 2026, "2026-09-01");
  const auto& t = find(a, r, "t2_möte", kEk);
  REQUIRE(t.out_of_order.size() == 1);
  CHECK(step_id(a, "t2_möte", t.out_of_order[0].step) == "t2_uppföljning");
  CHECK(t.out_of_order[0].unit == kEk);
  CHECK(t.out_of_order[0].done_on == day("2026-08-25"));
  CHECK(find(a, r, "t2_uppföljning", kEk).out_of_order.empty());
}

TEST_CASE("audit: a barrier step done before one unit finished names that unit") {
  Admin a;
  for (auto unit : {kEk, kHumlan}) a.done("t2_uppföljning", 2026, unit, "2026-08-10");
  a.done("t2_möte", 2026, kEk, "2026-08-20");
  a.done("t2_rapport", 2026, "", "2026-09-10");
  a.done("t2_möte", 2026, kHumlan, "2026-09-12");
  auto r = audit_of(a, 2026, "2026-10-01");
  const auto& t = find(a, r, "t2_rapport");
  REQUIRE(t.out_of_order.size() == 1);
  CHECK(t.out_of_order[0].unit == kHumlan);
  CHECK(t.out_of_order[0].done_on == day("2026-09-12"));
}

TEST_CASE("audit: done by a role outside VEM, while a person or an alias of a VEM role is fine") {
  Admin a;
  a.done("skiss", 2026, kEk, "2026-03-10", "", "Nämnd");
  a.done("skiss", 2026, kHumlan, "2026-03-10", "", "Bo B");  // the unit's förskolechef
  a.done("verksamhetsbesök", 2026, "", "2026-04-20", "", "Rektor");
  auto r = audit_of(a, 2026, "2026-06-30");
  CHECK(find(a, r, "skiss", kEk).wrong_role);
  CHECK_FALSE(find(a, r, "skiss", kHumlan).wrong_role);
  CHECK(find(a, r, "verksamhetsbesök").wrong_role);
}

TEST_CASE("audit: a conditional step whose outcome was recorded had to run") {
  Admin a;
  SECTION("outcome met, step not done: missing, marked conditional") {
    a.done("t2_redovisning", 2026, "", "2026-09-20", "förbättringsbehov");
    auto r = audit_of(a, 2026, "2027-01-15");
    const auto& t = find(a, r, "tillägg_förvaltningsmål");
    CHECK(t.outcome == Outcome::missing);
    CHECK(t.conditional);
  }
  SECTION("another outcome: not applicable, no finding") {
    a.done("t2_redovisning", 2026, "", "2026-09-20", "inga_åtgärder");
    auto r = audit_of(a, 2026, "2027-01-15");
    const auto& t = find(a, r, "tillägg_förvaltningsmål");
    CHECK(t.outcome == Outcome::not_applicable);
  }
}

TEST_CASE("audit: across the year boundary the cycle's January steps belong to it") {
  Admin a;
  a.done("årsredovisning", 2026, "", "2027-01-20");
  auto r = audit_of(a, 2026, "2027-03-01");
  const auto& t = find(a, r, "årsredovisning");
  CHECK(t.window.deadline == day("2027-01-29"));  // Sunday the 31st moves to Friday
  CHECK(t.outcome == Outcome::on_time);
  CHECK(find(a, r, "årsredovisning_godkännande").outcome == Outcome::missing);  // February
}

TEST_CASE("audit: a correction entry is what counts, and the audit says so") {
  Admin a;
  a.done("skiss", 2026, kEk, "2026-04-20");  // entered wrongly: looks late
  a.done("skiss", 2026, kEk, "2026-03-20");  // the correction
  auto r = audit_of(a, 2026, "2026-06-30");
  const auto& t = find(a, r, "skiss", kEk);
  CHECK(t.outcome == Outcome::on_time);
  CHECK(t.corrected_from == day("2026-04-20"));
}

TEST_CASE("audit: entries that match no step are findings") {
  Admin a;
  a.done("skiss", 2026, kEk, "2026-03-10");
  engine::Completion c = a.log.back();
  c.step = "skisss";
  a.log.push_back(c);
  c.step = "skiss";
  c.unit = "Nedlagda skolan";
  a.log.push_back(c);
  c.process = "okänd_process";
  a.log.push_back(c);
  auto r = audit_of(a, 2026, "2026-03-31");
  REQUIRE(r.unmatched.size() == 3);
  CHECK(r.unmatched[0].why == engine::UnmatchedRecord::Why::unknown_step);
  CHECK(r.unmatched[1].why == engine::UnmatchedRecord::Why::unknown_unit);
  CHECK(r.unmatched[2].why == engine::UnmatchedRecord::Why::unknown_process);
}

TEST_CASE("audit: tallies per role and unit, worst units, and the number of findings") {
  Admin a;
  a.done("skiss", 2026, kEk, "2026-03-10");
  a.done("skiss", 2026, kHumlan, "2026-04-10");
  auto r = audit_of(a, 2026, "2026-04-01");  // only skiss (31 March) and earlier are due
  const auto& plan = r.processes[*[&] {
    for (std::size_t i = 0; i < r.processes.size(); ++i)
      if (a.rules.processes[r.processes[i].process].id == "mal_och_handlingsplaner")
        return std::optional(i);
    return std::optional<std::size_t>();
  }()];
  CHECK(plan.by_unit.at(kEk).on_time == 1);
  CHECK(plan.by_unit.at(kHumlan).missing == 1);  // done 04-10: not yet as of 04-01
  CHECK(plan.by_role.at("Enhetschef").due() == 2);
  auto worst = r.worst_units(5);
  REQUIRE_FALSE(worst.empty());
  CHECK(worst.front().first == kHumlan);
  CHECK(r.findings() > 0);

  Admin clean;
  CHECK(engine::audit(clean.rules.processes, clean.roster, 2026, day("2026-01-01"), clean.log)
            .findings() == 0);
}

TEST_CASE("audit: each task's outcome is the engine's state of the same task, seen by the audit") {
  Admin a;
  a.done("skiss", 2026, kEk, "2026-03-15");
  a.done("skiss", 2026, kHumlan, "2026-04-03");
  a.done("t1_uppföljning", 2026, kEk, "2026-05-02");
  auto r = audit_of(a, 2026, "2026-10-15");
  engine::Records records(a.rules.processes, a.roster);
  for (const auto& c : a.log) records.add(c);
  std::map<Outcome, int> seen;
  for (const auto& pa : r.processes) {
    auto tasks = engine::evaluate_cycle(a.rules.processes, pa.process, 2026, a.roster, records,
                                        day("2026-10-15"), {});
    REQUIRE(tasks.size() == pa.tasks.size());
    for (std::size_t i = 0; i < tasks.size(); ++i) {
      INFO(a.rules.processes[pa.process].steps[tasks[i].step].id << " " << tasks[i].unit);
      CHECK(pa.tasks[i].outcome == engine::outcome_of(tasks[i].state));
      seen[pa.tasks[i].outcome]++;
    }
  }
  CHECK(seen[Outcome::on_time] > 0);
  CHECK(seen[Outcome::late] > 0);
  CHECK(seen[Outcome::missing] > 0);
  CHECK(seen[Outcome::pending] > 0);
  CHECK(engine::outcome_of(engine::State::blocked) == Outcome::pending);
  CHECK(engine::outcome_of(engine::State::overdue) == Outcome::missing);
  CHECK(engine::outcome_of(engine::State::done_late) == Outcome::late);
  CHECK(engine::outcome_of(engine::State::not_applicable) == Outcome::not_applicable);
}
