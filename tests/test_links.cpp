// Links between processes and cycles (`EFTER nacka_budget.mal_och_budget`, `EFTER internbudget
// förra cykeln`) on a public transcription: tests/public/nacka/, Nacka's mål och budget
// (kommunfullmäktige, November) and utbildningsnämnden's internbudget (December) and
// utvärderingsplan (February), against dates and states worked out by hand.
#include <catch2/catch.hpp>

#include "dsl/loader.hpp"
#include "engine/audit.hpp"
#include "engine/engine.hpp"
#include "engine/records.hpp"
#include "present/texts.hpp"
#include "tests/admin.hpp"
#include "tests/helpers.hpp"

using namespace arshjul;

namespace {

using arshjul::test::day;  // tests/admin.hpp

const std::string kNacka = ARSHJUL_SOURCE_DIR "/tests/public/nacka";

/// The two processes of the folder with their roster, and a log of completions.
struct Nacka {
  dsl::RuleSet rules = dsl::load_rules({kNacka}, 2026);
  engine::Roster roster;
  std::vector<engine::Completion> log;

  Nacka() {
    REQUIRE(rules.ok());
    REQUIRE(rules.processes.size() == 2);
    std::vector<dsl::Diagnostic> errors;
    roster =
        engine::load_roster(kNacka + "/nacka_roster.csv", rules.processes, rules.sources, errors);
    REQUIRE(errors.empty());
  }

  void done(const std::string& process, const std::string& step, int cycle, const char* date) {
    engine::Completion c;
    c.process = process;
    c.cycle = cycle;
    c.step = step;
    c.done_on = day(date);
    log.push_back(c);
  }

  std::vector<engine::Task> at(const char* date) const {
    engine::Records records(rules.processes, roster);
    for (const auto& c : log) records.add(c);
    return engine::evaluate(rules.processes, roster, records, day(date), {});
  }

  const engine::Task& task(const std::vector<engine::Task>& tasks, const std::string& step,
                           int cycle) const {
    for (const auto& t : tasks)
      if (rules.processes[t.process].steps[t.step].id == step && t.cycle == cycle) return t;
    FAIL("no task " << step << " " << cycle);
    throw;
  }

  /// The audited task of `step` of process `process` in `report`; null when there is none.
  const engine::AuditTask* audited(const engine::AuditReport& report, const std::string& process,
                                   std::size_t step) const {
    for (const auto& pa : report.processes)
      for (const auto& t : pa.tasks)
        if (rules.processes[pa.process].id == process && t.step == step) return &t;
    return nullptr;
  }

  /// The one out-of-order finding of nacka_un's step `step` in `report`, in words.
  std::string out_of_order(const engine::AuditReport& report, std::size_t step,
                           dsl::Lang lang) const {
    const engine::AuditTask* t = audited(report, "nacka_un", step);
    REQUIRE(t);
    REQUIRE(t->out_of_order.size() == 1);
    return present::finding_text(engine::findings(*t).back(), *t, rules.processes[1], lang);
  }

  /// What status says a task waits for.
  std::string waits_for(const engine::Task& t) const {
    std::string out;
    for (const auto& b : t.blocked_by)
      out += (out.empty() ? "" : ", ") +
             present::step_ref_text(rules.processes[t.process], b.step, b.linked, dsl::Lang::sv);
    return out;
  }
};

}  // namespace

TEST_CASE("links: the folder's two processes, their windows and the link as written", "[links]") {
  Nacka n;
  const auto& un = n.rules.processes[1];
  REQUIRE(un.id == "nacka_un");
  const auto& internbudget = un.steps[*un.find_step("internbudget")];
  REQUIRE(internbudget.links.size() == 1);
  CHECK(internbudget.links[0].process == "nacka_budget");
  CHECK(internbudget.links[0].step == "mal_och_budget");
  CHECK(un.dependency_ids(internbudget) == "nacka_budget.mal_och_budget");
  CHECK(un.dependency_ids(un.steps[*un.find_step("utvarderingsplan")]) ==
        "internbudget förra cykeln");
  // Loading the nämnd's file alone reads the folder's other process to resolve the link.
  auto alone = dsl::load_rules({kNacka + "/nacka_utbildningsnamnden.arshjul"}, 2026);
  CHECK(alone.ok());
  CHECK(alone.processes.size() == 1);
}

TEST_CASE("links: the internbudget waits for kommunfullmäktige's decision of its own year",
          "[links]") {
  Nacka n;
  // 10 December 2026, nothing recorded. Mål & Budget (november) was due Monday 30 November:
  // 10 days late. The internbudget (1-30 December, the 31st is nyårsafton) waits for it.
  auto tasks = n.at("2026-12-10");
  const auto& kf = n.task(tasks, "mal_och_budget", 2026);
  CHECK(kf.state == engine::State::overdue);
  CHECK(kf.days == 10);
  const auto& ib = n.task(tasks, "internbudget", 2026);
  CHECK(dsl::iso(ib.window.deadline) == "2026-12-30");
  CHECK(ib.state == engine::State::blocked);
  REQUIRE(ib.blocked_by.size() == 1);
  REQUIRE(ib.blocked_by[0].linked);
  CHECK(ib.blocked_by[0].linked->process == "nacka_budget");
  CHECK(ib.blocked_by[0].linked->cycle == 2026);
  CHECK(n.waits_for(ib) == "mal_och_budget i processen nacka_budget (2026)");

  // Last year's decision does not count: the 2026 internbudget waits for 2026's.
  n.done("nacka_budget", "mal_och_budget", 2025, "2025-11-17");
  CHECK(n.task(n.at("2026-12-10"), "internbudget", 2026).state == engine::State::blocked);

  // Decided on 16 November 2026: the internbudget is no longer blocked. Its window is 30
  // days, so its lead time is 28 days: due soon from Wednesday 2 December.
  n.done("nacka_budget", "mal_och_budget", 2026, "2026-11-16");
  tasks = n.at("2026-12-10");
  CHECK(n.task(tasks, "internbudget", 2026).state == engine::State::due_soon);
  CHECK(n.task(tasks, "internbudget", 2026).blocked_by.empty());
}

TEST_CASE("links: the utvärderingsplan waits for the internbudget of the cycle before", "[links]") {
  Nacka n;
  n.done("nacka_budget", "mal_och_budget", 2026, "2026-11-16");
  // 10 February 2027. The utvärderingsplan (1-26 February 2027, the 28th is a Sunday) waits
  // for the internbudget of December 2026, which is not done.
  auto tasks = n.at("2027-02-10");
  const auto& plan = n.task(tasks, "utvarderingsplan", 2027);
  CHECK(dsl::iso(plan.window.deadline) == "2027-02-26");
  CHECK(plan.state == engine::State::blocked);
  CHECK(n.waits_for(plan) == "internbudget i förra cykeln (2026)");
  // Done on 12 December 2026 (the sammanträde of the source): ready, and not yet due soon
  // (a 26-day window: 7 days' lead, from Friday 19 February).
  n.done("nacka_un", "internbudget", 2026, "2026-12-12");
  tasks = n.at("2027-02-10");
  CHECK(n.task(tasks, "utvarderingsplan", 2027).state == engine::State::ready);
  CHECK(n.task(tasks, "utvarderingsplan", 2027).blocked_by.empty());
  // The 2027 internbudget does not stand in for 2026's: done for 2027 only, still blocked.
  Nacka m;
  m.done("nacka_un", "internbudget", 2027, "2027-01-20");
  CHECK(m.task(m.at("2027-02-10"), "utvarderingsplan", 2027).state == engine::State::blocked);
}

TEST_CASE("links: the audit reports a step done before the other process's step it waits for",
          "[links]") {
  Nacka n;
  // The internbudget decided on 10 November, before kommunfullmäktige's decision on the 16th.
  n.done("nacka_budget", "mal_och_budget", 2026, "2026-11-16");
  n.done("nacka_un", "internbudget", 2026, "2026-11-10");
  auto report = engine::audit(n.rules.processes, n.roster, 2026, day("2026-12-31"), n.log);
  CHECK(n.out_of_order(report, 0, dsl::Lang::sv) ==
        "i fel ordning: klar före mal_och_budget i processen nacka_budget (2026), som blev klar "
        "2026-11-16");
  const auto& issue = n.audited(report, "nacka_un", 0)->out_of_order[0];
  CHECK(n.rules.processes[issue.process].id == "nacka_budget");
  // And the February 2026 utvärderingsplan, never recorded: missing.
  CHECK(report.findings() == 2);
}

TEST_CASE("links: the audit reads the cycle before for `förra cykeln`", "[links]") {
  Nacka n;
  // The 2027 utvärderingsplan on 5 February, the 2026 internbudget only on 8 February 2027.
  n.done("nacka_budget", "mal_och_budget", 2026, "2026-11-16");
  n.done("nacka_un", "internbudget", 2026, "2027-02-08");
  n.done("nacka_un", "utvarderingsplan", 2027, "2027-02-05");
  auto report = engine::audit(n.rules.processes, n.roster, 2027, day("2027-03-01"), n.log);
  CHECK(n.out_of_order(report, 1, dsl::Lang::en) ==
        "out of order: done before internbudget in the previous cycle (2026), done 2027-02-08");
  CHECK(n.audited(report, "nacka_un", 1)->out_of_order[0].cycle == 2026);
  CHECK(report.unmatched.empty());  // the 2026 entries are read, not unmatched
}

namespace {

/// A second process beside Göteborg's quality work (tests/public/goteborg_kvalitet/) whose
/// steps wait for its per-unit dialog and its per-område analysis.
const char* kUppfoljning = R"(process goteborg_uppfoljning "Uppföljning efter kvalitetsdialogen"
  cykel läsår

roll Förvaltningen
roll Utbildningschef per område rapporterar till Förvaltningen
roll Rektor per enhet rapporterar till Utbildningschef

steg åtgärdsplan
  NÄR     december
  VEM     Rektor
  VAD     Rektorn skriver en åtgärdsplan efter skolans kvalitetsdialog.
  EFTER   goteborg_kvalitet.kvalitetsdialog
  ENHETER skolform = grundskola, grundsärskola

steg områdesplan
  NÄR   december
  VEM   Utbildningschef
  VAD   Utbildningschefen samlar områdets skolor.
  EFTER goteborg_kvalitet.kvalitetsdialog

steg sammanställning
  NÄR   januari
  VEM   Förvaltningen
  VAD   Förvaltningen sammanställer områdenas analyser.
  EFTER goteborg_kvalitet.områdets_analys
)";

}  // namespace

TEST_CASE("links: a link to a per-unit or per-område step spreads as within a process",
          "[links][units]") {
  const std::string dir = ARSHJUL_SOURCE_DIR "/tests/public/goteborg_kvalitet/";
  test::TempDir tmp("links-units");
  tmp.write("goteborg_kvalitet.arshjul", test::slurp(dir + "goteborg_kvalitet.arshjul"));
  tmp.write("uppfoljning.arshjul", kUppfoljning);
  auto rules = dsl::load_rules({tmp.path().string()}, 2026);
  REQUIRE(rules.ok());
  std::vector<dsl::Diagnostic> errors;
  auto roster =
      engine::load_roster(dir + "goteborg_roster.csv", rules.processes, rules.sources, errors);
  REQUIRE(errors.empty());
  std::size_t up = rules.processes[0].id == "goteborg_uppfoljning" ? 0 : 1;
  const dsl::Process& p = rules.processes[up];
  std::vector<engine::Completion> log;
  auto done = [&](const std::string& step, const std::string& unit, int cycle,
                  const std::string& process, const char* date) {
    engine::Completion c;
    c.process = process;
    c.cycle = cycle;
    c.step = step;
    c.unit = unit;
    c.done_on = day(date);
    log.push_back(c);
  };
  // Only Bergsskolan (Nord) has had its dialog by 15 December 2026.
  done("kvalitetsdialog", "Bergsskolan", 2026, "goteborg_kvalitet", "2026-11-20");
  engine::Records records(rules.processes, roster);
  for (const auto& c : log) records.add(c);
  auto tasks = engine::evaluate(rules.processes, roster, records, day("2026-12-15"), {});
  auto task = [&](const std::string& step, const std::string& unit) -> const engine::Task& {
    for (const auto& t : tasks)
      if (t.process == up && t.cycle == 2026 && p.steps[t.step].id == step && t.unit == unit)
        return t;
    FAIL("no task " << step << " " << unit);
    throw;
  };
  // A unit's task waits for its own unit's dialog only.
  CHECK(task("åtgärdsplan", "Bergsskolan").blocked_by.empty());
  const auto& dal = task("åtgärdsplan", "Dalskolan");
  REQUIRE(dal.blocked_by.size() == 1);
  REQUIRE(dal.blocked_by[0].linked);
  CHECK(dal.blocked_by[0].linked->process == "goteborg_kvalitet");
  CHECK(dal.blocked_by[0].linked->step == "kvalitetsdialog");
  CHECK(dal.blocked_by[0].units_total == 0);
  // An område's task waits for its own område's units: Nord lacks Älvskolan, Syd both.
  const auto& nord = task("områdesplan", "Nord");
  REQUIRE(nord.blocked_by.size() == 1);
  CHECK(nord.blocked_by[0].units_missing == 1);
  CHECK(nord.blocked_by[0].units_total == 2);
  const auto& syd = task("områdesplan", "Syd");
  REQUIRE(syd.blocked_by.size() == 1);
  CHECK(syd.blocked_by[0].units_missing == 2);
  CHECK(syd.blocked_by[0].units_total == 2);
  // A single task after a per-område step waits for every område (a barrier of two).
  auto later = engine::evaluate(rules.processes, roster, records, day("2027-01-15"), {});
  for (const auto& t : later)
    if (t.process == up && t.cycle == 2026 && p.steps[t.step].id == "sammanställning") {
      REQUIRE(t.blocked_by.size() == 1);
      CHECK(t.blocked_by[0].units_total == 2);
      CHECK(t.blocked_by[0].units_missing == 2);
    }
  // The audit names the unit of the linked task a unit's task was done before.
  done("åtgärdsplan", "Dalskolan", 2026, "goteborg_uppfoljning", "2026-12-01");
  done("kvalitetsdialog", "Dalskolan", 2026, "goteborg_kvalitet", "2026-12-03");
  auto report = engine::audit(rules.processes, roster, 2026, day("2026-12-31"), log);
  bool seen = false;
  for (const auto& pa : report.processes)
    for (const auto& t : pa.tasks)
      if (pa.process == up && t.unit == "Dalskolan" && p.steps[t.step].id == "åtgärdsplan") {
        REQUIRE(t.out_of_order.size() == 1);
        CHECK(t.out_of_order[0].unit == "Dalskolan");
        CHECK(t.out_of_order[0].linked);
        seen = true;
      }
  CHECK(seen);
}
