#include "engine/reminders.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>

#include "dsl/text.hpp"
#include "engine/units.hpp"

namespace arshjul::engine {
namespace {

// An address a message can go to: one '@', no spaces, no line breaks, no angle brackets, and
// printable ASCII only: mail goes out without SMTPUTF8, where `åsa@...` cannot be written.
bool usable_email(const std::string& e) {
  auto at = e.find('@');
  return at != std::string::npos && at > 0 && at + 1 < e.size() &&
         e.find('@', at + 1) == std::string::npos &&
         e.find_first_of(" \t\r\n<>,;\"") == std::string::npos &&
         std::all_of(e.begin(), e.end(), [](char c) { return c > 0x20 && c < 0x7F; });
}

// Where a holder of `role` is looked up: their unit, their område, or "" for a single role.
std::string holder_key(const dsl::Role& role, const std::string& unit, const std::string& area) {
  if (role.per_unit) return dsl::fold(unit);
  return role.per_area ? dsl::fold(area) : std::string();
}

class Planner {
 public:
  Planner(const std::vector<dsl::Process>& ps, const Roster& roster,
          const std::unordered_set<std::string>& sent, const ReminderOptions& o)
      : ps_(ps), roster_(roster), sent_(sent), options_(o) {
    for (const auto& key : sent) sent_kinds_.insert(key.substr(key.find('\t') + 1));
  }

  // The units of per-unit steps: every task counts, before any is planned.
  void tally(const Task& t) {
    if (t.unit.empty() || t.state == State::not_applicable || t.state == State::before_start)
      return;
    auto& units = tallies_[tally_key(t)];
    if (!units) units = std::make_shared<UnitTally>();
    ++units->total;
    if (needs_attention(t.state)) units->waiting.push_back(t.unit);
  }

  void add(const Task& t) {
    const auto& p = ps_[t.process];
    const auto& step = p.steps[t.step];
    if (t.state != State::due_soon && t.state != State::overdue) return;
    // On a closed day (weekend, holiday, summer break) nothing is sent: reminders due then
    // went out on the working day before (see WorkCalendar::reminder_day) or wait for after.
    if (!p.calendar.is_working_day(options_.run_date)) return;
    if (unit_closed_on(p, roster_, t.unit, options_.run_date)) return;  // `stängt ... för`
    const std::string key = task_id(t, ps_).text();
    int period = step.escalate_days.value_or(p.escalate_days.value_or(options_.escalate_days));
    int level = t.state == State::overdue ? level_of(key, t.days, period) : 0;
    auto k = t.state == State::due_soon ? ReminderKind::due_soon : ReminderKind::overdue;
    ReminderItem item{&t, nullptr, nullptr, k, level, {}, key, kind_key(k, level * period), {}, {}};
    if (!t.unit.empty()) item.units = tallies_[tally_key(t)];
    for (const auto& r : step.roles) {
      if (r.if_needed) continue;
      if (!t.unit.empty() && !reminded_of_each_unit(p, step, r.role)) continue;
      notify_role(p, r.role, t.unit, item);
      if (level > 0) escalate(p, r.role, level, t.unit, item, period);
    }
  }

  // The plan's items: an activity past its KLART unfinished (escalated like a step, per the
  // process's ESKALERING), a measure value missing after its tertial (told once).
  void add(const PlanFollowUp& f) {
    const auto& p = *f.process;
    if (!p.calendar.is_working_day(options_.run_date)) return;
    const std::string cycle = p.id + "/" + std::to_string(f.year) + "/";
    const int period = p.escalate_days.value_or(options_.escalate_days);
    for (const auto& a : f.activities) {
      if (!a.overdue) continue;
      int days = static_cast<int>(
          (std::chrono::sys_days(options_.run_date) - std::chrono::sys_days(*a.planned)).count());
      const std::string item_key = cycle + "activity:" + a.activity->id + "/" + a.unit;
      int level = level_of(item_key, days, period);
      ReminderItem item{
          nullptr, &a, nullptr,  ReminderKind::activity_overdue,
          level,   {}, item_key, kind_key(ReminderKind::activity_overdue, level * period),
          {},      {}};
      for (const auto& r : a.activity->roles) {
        if (r.if_needed) continue;
        notify_role(p, r.role, a.unit, item);
        if (level > 0) escalate(p, r.role, level, a.unit, item, period);
      }
    }
    for (const auto& m : f.measures) {
      if (!m.missing) continue;
      for (const auto& r : m.measure->roles)
        if (!r.if_needed)
          notify_role(
              p, r.role, m.unit,
              {nullptr,
               nullptr,
               &m,
               ReminderKind::measure_missing,
               0,
               {},
               cycle + "measure:" + m.measure->id + "/" + m.unit + "/T" + std::to_string(m.tertial),
               kind_key(ReminderKind::measure_missing, 0),
               {},
               {}});
    }
  }

  ReminderPlan finish() {
    ReminderPlan plan;
    for (auto& [email, reminder] : by_email_) {
      fold_same_task(reminder.items);
      plan.reminders.push_back(std::move(reminder));
    }
    for (auto& [role, units] : empty_roles_)
      plan.roles_without_people.push_back({role, std::move(units)});
    plan.people_without_email.assign(no_email_.begin(), no_email_.end());
    plan.new_overdue = static_cast<int>(new_overdue_.size());
    return plan;
  }

 private:
  static std::string tally_key(const Task& t) {
    return fmt::format("{}/{}/{}/{}", t.process, t.cycle, t.step, t.occurrence);
  }

  // Escalated before overdue before due soon; a higher level first.
  static int weight(const ReminderItem& i) {
    int kind = i.kind == ReminderKind::escalation ? 2 : i.kind == ReminderKind::due_soon ? 0 : 1;
    return kind * 1000 + i.level;
  }

  // One item per task: the strongest kind is shown, the others are recorded with it.
  static void fold_same_task(std::vector<ReminderItem>& items) {
    std::unordered_map<std::string, std::size_t> first;  // task_key -> index in `kept`
    std::vector<ReminderItem> kept;
    for (auto& item : items) {
      auto [it, fresh] = first.try_emplace(item.task_key, kept.size());
      if (fresh) {
        kept.push_back(std::move(item));
        continue;
      }
      auto& shown = kept[it->second];
      if (weight(item) > weight(shown)) std::swap(item, shown);
      shown.also_kind_keys.push_back(item.kind_key);
      for (auto& k : item.also_kind_keys) shown.also_kind_keys.push_back(std::move(k));
    }
    items = std::move(kept);
  }

  // How many escalation periods an item `days` overdue has passed: period k covers days
  // k*period+1 .. (k+1)*period. On the last day of a period whose reminder was never sent (a
  // first run, or one after missed nights) the next period is chosen, so tomorrow's run, which
  // is in that period, finds it sent instead of reminding the same item again.
  int level_of(const std::string& key, int days, int period) const {
    if (period <= 0 || days <= 0) return 0;
    int level = (days - 1) / period;
    if (days % period == 0 &&
        !sent_kinds_.count(key + '\t' + kind_key(ReminderKind::overdue, level * period)))
      ++level;
    return level;
  }

  // Tells the role `level` steps up the `rapporterar till` chain from `role` about `item`.
  void escalate(const dsl::Process& p, std::size_t role, int level, const std::string& unit,
                ReminderItem item, int period) {
    std::optional<std::size_t> up = role;
    for (int i = 0; i < level && up; ++i) up = p.roles[*up].reports_to;
    if (!up || *up == role) return;
    item.kind = ReminderKind::escalation;
    item.level = level;
    item.for_role = p.roles[role].name;
    item.kind_key = kind_key(ReminderKind::escalation, level * period);
    notify_role(p, *up, unit, std::move(item));
  }

  // The people holding `role` of process `p`, per folded unit ("" for a single role):
  // worked out once per role, not once per task.
  const std::unordered_map<std::string, std::vector<const Person*>>& holders(const dsl::Process& p,
                                                                             std::size_t role) {
    auto [it, fresh] = holders_.try_emplace({&p, role});
    if (fresh)
      for (const auto& person : roster_.people)
        if (holds(person, p, role))
          it->second[holder_key(p.roles[role], person.unit, person.area)].push_back(&person);
    return it->second;
  }

  void notify_role(const dsl::Process& p, std::size_t role, const std::string& unit,
                   ReminderItem item) {
    const auto& r = p.roles[role];
    const auto& by_unit = holders(p, role);
    // a per-område role: the område of the unit (a rektor's escalation goes to their own chief)
    auto found = by_unit.find(holder_key(r, unit, roster_.area_of(unit)));
    bool anyone = found != by_unit.end() && !found->second.empty();
    if (anyone)
      for (const Person* person : found->second) deliver_to(*person, item);
    if (!anyone) {
      auto& units = empty_roles_[r.name];
      if (!unit.empty() && std::find(units.begin(), units.end(), unit) == units.end())
        units.push_back(unit);
    }
  }

  void deliver_to(const Person& person, const ReminderItem& item) {
    if (!usable_email(person.email)) {
      no_email_.insert(&person);
      return;
    }
    std::string who = recipient_key(person);
    std::string key = who + '\t' + item.task_key + '\t' + item.kind_key;
    if (sent_.count(key) || !planned_.insert(std::move(key)).second) return;  // sent, or already in
    auto& reminder = by_email_[who];
    if (!reminder.to) reminder.to = &person;
    reminder.items.push_back(item);
    if (item.kind == ReminderKind::overdue && item.level == 0) new_overdue_.insert(item.task_key);
  }

  const std::vector<dsl::Process>& ps_;
  const Roster& roster_;
  const std::unordered_set<std::string>& sent_;
  std::unordered_set<std::string> sent_kinds_;  // "task_key\tkind" sent to anyone
  const ReminderOptions& options_;
  std::map<std::pair<const dsl::Process*, std::size_t>,
           std::unordered_map<std::string, std::vector<const Person*>>>
      holders_;
  std::map<std::string, Reminder> by_email_;
  std::unordered_set<std::string> planned_;  // recipient, task and kind already in this plan
  std::map<std::string, std::vector<std::string>> empty_roles_;  // role -> units without anyone
  std::set<const Person*> no_email_;
  std::set<std::string> new_overdue_;
  std::unordered_map<std::string, std::shared_ptr<UnitTally>> tallies_;
};

// A role `from` reports to `to`, directly or further up (the chain has no cycles: the compiler
// refuses them; the bound is a guard all the same).
bool reports_to(const dsl::Process& p, std::size_t from, std::size_t to) {
  std::optional<std::size_t> up = p.roles[from].reports_to;
  for (std::size_t n = 0; up && n <= p.roles.size(); ++n, up = p.roles[*up].reports_to)
    if (*up == to) return true;
  return false;
}

}  // namespace

bool reminded_of_each_unit(const dsl::Process& p, const dsl::Step& step, std::size_t role) {
  if (p.roles[role].per_unit || !p.per_unit(step)) return true;
  for (const auto& other : step.roles)
    if (!other.if_needed && other.role != role && !p.roles[other.role].per_unit &&
        reports_to(p, other.role, role))
      return false;
  return true;
}

std::string recipient_key(const Person& p) {
  std::string e = p.email;
  for (auto& c : e) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return e;
}

std::string kind_key(ReminderKind kind, int days) {
  auto at = [days](const char* word) {
    return days > 0 ? word + ("@" + std::to_string(days)) : std::string(word);
  };
  switch (kind) {
    case ReminderKind::due_soon:
      return "due_soon";
    case ReminderKind::overdue:
    case ReminderKind::activity_overdue:
      return at("overdue");
    case ReminderKind::escalation:
      return at("escalation");
    case ReminderKind::measure_missing:
      return "missing";
  }
  return {};
}

ReminderPlan plan_reminders(const std::vector<dsl::Process>& processes, const Roster& roster,
                            const std::vector<Task>& tasks,
                            const std::unordered_set<std::string>& sent,
                            const ReminderOptions& options,
                            const std::vector<PlanFollowUp>& plans) {
  Planner planner(processes, roster, sent, options);
  for (const auto& t : tasks) planner.tally(t);
  for (const auto& t : tasks) planner.add(t);
  for (const auto& f : plans) planner.add(f);
  return planner.finish();
}

}  // namespace arshjul::engine
