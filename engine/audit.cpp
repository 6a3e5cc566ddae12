#include "engine/audit.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "dsl/text.hpp"
#include "engine/cycle.hpp"
#include "engine/engine.hpp"

namespace arshjul::engine {
namespace {

UnmatchedRecord::Why why_unmatched(const std::vector<dsl::Process>& ps, const Roster& roster,
                                   const Completion& c) {
  for (const auto& p : ps)
    if (dsl::fold(p.id) == dsl::fold(c.process)) {
      if (!p.find_step(c.step)) return UnmatchedRecord::Why::unknown_step;
      (void)roster;
      return UnmatchedRecord::Why::unknown_unit;
    }
  return UnmatchedRecord::Why::unknown_process;
}

/// Roles `who` stands for in `p`: a role or alias by name, or a person of the roster.
std::set<std::size_t> roles_of(const std::string& who, const dsl::Process& p,
                               const Roster& roster) {
  std::set<std::size_t> roles;
  if (auto r = p.find_role(who)) roles.insert(*r);
  for (const auto& person : roster.people) {
    if (dsl::fold(person.name) != dsl::fold(who) && dsl::fold(person.email) != dsl::fold(who))
      continue;
    for (std::size_t r = 0; r < p.roles.size(); ++r)
      if (holds(person, p, r)) roles.insert(r);
  }
  return roles;
}

class ProcessAuditor {
 public:
  ProcessAuditor(const CycleView& v, std::size_t process, const Roster& roster, dsl::Date as_of,
                 std::optional<dsl::Date> start)
      : v_(v), process_(process), roster_(roster), as_of_(as_of) {
    options_.start = start;
  }

  ProcessAudit run(std::size_t process) const {
    ProcessAudit out;
    out.process = process;
    const auto& steps = v_.process().steps;
    for (std::size_t s = 0; s < steps.size(); ++s)
      for (int unit : v_.units_of(s))
        for (std::size_t k = 0; k < v_.windows(s, unit).size(); ++k) {
          out.tasks.push_back(task(s, unit, static_cast<int>(k) + 1));
          count(out, out.tasks.back());
        }
    return out;
  }

 private:
  AuditTask task(std::size_t s, int unit, int occurrence) const {
    // The engine's classification as of the audit's date: the outcome is its state seen
    // from the audit, not a second reading of the records.
    const Task c = classify(v_, process_, s, unit, occurrence, as_of_, options_, roster_);
    AuditTask t;
    t.step = s;
    t.unit = c.unit;
    t.vacant = c.vacant;
    t.area = c.area;
    t.occurrence = occurrence;
    t.window = c.window;
    t.conditional =
        v_.process().steps[s].condition && v_.condition(s, unit) == CycleView::Cond::met;
    t.outcome = outcome_of(c.state);
    t.days_late = c.state == State::overdue || c.state == State::done_late ? c.days : 0;
    t.done_on = c.done_on;
    if (const auto* d = v_.done(s, unit, occurrence)) {
      t.done_by = d->done_by;
      if (d->entries > 1) t.corrected_from = date_of(d->replaced_done_on);
      t.wrong_role = wrong_role(s, d->done_by);
      t.out_of_order = order_issues(s, unit, t.window, d->done_on);
    }
    return t;
  }

  bool wrong_role(std::size_t s, const std::string& who) const {
    if (who.empty()) return false;
    // The same few names fill a whole cycle's record: look each up in the roster once.
    auto it = roles_cache_.find(who);
    if (it == roles_cache_.end())
      it = roles_cache_.emplace(who, roles_of(who, v_.process(), roster_)).first;
    const auto& roles = it->second;
    for (const auto& r : v_.process().steps[s].roles)
      if (roles.count(r.role)) return false;
    return true;
  }

  std::vector<OrderIssue> order_issues(std::size_t s, int unit, const dsl::Window& w,
                                       int done_on) const {
    std::vector<OrderIssue> out;
    for (const auto& pre : v_.prerequisites(s, unit, w)) {
      const auto* d = v_.done(pre);
      const CycleView& of = pre.view ? *pre.view : v_;
      std::string pre_unit = roster_.name_of(pre.unit);
      if (d && d->done_on > done_on)
        out.push_back({pre.step, pre_unit, date_of(d->done_on), of.process_index(), of.cycle(),
                       v_.linked(pre)});
      else if (!d && !v_.satisfied(pre))
        out.push_back(
            {pre.step, pre_unit, std::nullopt, of.process_index(), of.cycle(), v_.linked(pre)});
    }
    return out;
  }

  void count(ProcessAudit& out, const AuditTask& t) const {
    auto add = [&](Tally& tally) {
      if (t.outcome == Outcome::on_time) tally.on_time++;
      if (t.outcome == Outcome::late) tally.late++;
      if (t.outcome == Outcome::missing) tally.missing++;
      if (t.outcome == Outcome::before_start) tally.before_start++;
    };
    add(out.total);
    for (const auto& r : v_.process().steps[t.step].roles)
      if (!r.if_needed) add(out.by_role[v_.process().roles[r.role].name]);
    if (!t.unit.empty() && t.unit != t.area) add(out.by_unit[t.unit]);
    if (!t.area.empty()) add(out.by_area[t.area]);
  }

  const CycleView& v_;
  std::size_t process_;
  const Roster& roster_;
  dsl::Date as_of_;
  EngineOptions options_;
  mutable std::map<std::string, std::set<std::size_t>> roles_cache_;
};

}  // namespace

Outcome outcome_of(State state) {
  switch (state) {
    case State::done:
      return Outcome::on_time;
    case State::done_late:
      return Outcome::late;
    case State::overdue:
      return Outcome::missing;
    case State::not_applicable:
      return Outcome::not_applicable;
    case State::before_start:
      return Outcome::before_start;
    default:
      return Outcome::pending;
  }
}

int AuditReport::findings() const {
  int n = static_cast<int>(unmatched.size());
  for (const auto& p : processes)
    for (const auto& t : p.tasks)
      n += (t.outcome == Outcome::late) + (t.outcome == Outcome::missing) +
           !t.out_of_order.empty() + t.wrong_role;
  return n;
}

std::vector<std::pair<std::string, Tally>> AuditReport::worst_units(std::size_t n) const {
  TallyMap sum;
  for (const auto& p : processes)
    for (const auto& [unit, t] : p.by_unit) {
      auto& s = sum[unit];
      s.on_time += t.on_time, s.late += t.late, s.missing += t.missing,
          s.before_start += t.before_start;
    }
  std::vector<std::pair<std::string, Tally>> out(sum.begin(), sum.end());
  auto bad_share = [](const Tally& t) {
    return t.due() ? double(t.late + t.missing) / t.due() : 0.0;
  };
  std::stable_sort(out.begin(), out.end(), [&](const auto& a, const auto& b) {
    return bad_share(a.second) > bad_share(b.second);
  });
  std::erase_if(out, [&](const auto& u) { return bad_share(u.second) == 0.0; });
  if (out.size() > n) out.resize(n);
  return out;
}

AuditReport audit(const std::vector<dsl::Process>& processes, const Roster& roster, int cycle,
                  dsl::Date as_of, const std::vector<Completion>& entries,
                  std::optional<dsl::Date> start) {
  AuditReport report;
  report.cycle = cycle;
  report.as_of = as_of;
  Records records(processes, roster);
  records.set_as_of(as_of);
  for (const auto& c : entries)
    if (c.cycle != cycle)
      records.add(c);  // read by links only
    else if (!records.add(c))
      report.unmatched.push_back({c, why_unmatched(processes, roster, c)});
  for (std::size_t p = 0; p < processes.size(); ++p) {
    if (!processes[p].applies_in(cycle)) continue;  // `gäller`
    CycleView view(processes[p], p, cycle, roster, records, &processes);
    report.processes.push_back(ProcessAuditor(view, p, roster, as_of, start).run(p));
  }
  return report;
}

namespace {

/// An outcome as a finding's kind: the finding kinds begin with the outcomes, in their order.
FindingKind kind_of(Outcome o) {
  static_assert(
      static_cast<int>(FindingKind::on_time) == static_cast<int>(Outcome::on_time) &&
      static_cast<int>(FindingKind::late) == static_cast<int>(Outcome::late) &&
      static_cast<int>(FindingKind::missing) == static_cast<int>(Outcome::missing) &&
      static_cast<int>(FindingKind::pending) == static_cast<int>(Outcome::pending) &&
      static_cast<int>(FindingKind::not_applicable) == static_cast<int>(Outcome::not_applicable) &&
      static_cast<int>(FindingKind::before_start) == static_cast<int>(Outcome::before_start));
  return static_cast<FindingKind>(o);
}

}  // namespace

std::vector<Finding> findings(const AuditTask& t) {
  std::vector<Finding> out{{kind_of(t.outcome), nullptr}};
  for (const auto& o : t.out_of_order) out.push_back({FindingKind::out_of_order, &o});
  if (t.wrong_role) out.push_back({FindingKind::wrong_role, nullptr});
  if (t.corrected_from) out.push_back({FindingKind::corrected, nullptr});
  if (t.vacant && (t.outcome == Outcome::missing || t.outcome == Outcome::pending))
    out.push_back({FindingKind::vacant, nullptr});
  return out;
}

FindingKind headline(const std::vector<Finding>& fs) {
  FindingKind k = fs.front().kind;
  for (const auto& f : fs)
    if (is_finding(f.kind)) k = f.kind;
  return k;
}

std::vector<PlanFinding> plan_findings(const std::vector<PlanFollowUp>& plans, dsl::Date as_of,
                                       bool all) {
  std::vector<PlanFinding> out;
  for (const auto& plan : plans) {
    for (const auto& a : plan.activities) {
      auto j = judge(a, as_of);
      PlanFinding pf{&plan, &a, nullptr, kind_of(j.outcome), j.days_late};
      if (all || is_finding(pf.kind) || pf.kind == FindingKind::before_start) out.push_back(pf);
    }
    for (const auto& m : plan.measures) {
      if (!m.missing && !m.before_start && !all) continue;
      auto kind = m.missing        ? FindingKind::missing
                  : m.before_start ? FindingKind::before_start
                  : m.value        ? FindingKind::on_time
                                   : FindingKind::pending;
      out.push_back({&plan, nullptr, &m, kind, 0});
    }
  }
  return out;
}

}  // namespace arshjul::engine
