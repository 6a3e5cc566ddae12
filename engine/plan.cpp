#include "engine/plan.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <map>
#include <tuple>

#include "dsl/text.hpp"
#include "engine/engine.hpp"

namespace arshjul::engine {
namespace ch = std::chrono;

namespace {

// The catalogue's words, in ActivityStatus's order; import files and the web form give the
// status in either language.
constexpr std::array kStatusWords{dsl::Msg::status_ongoing, dsl::Msg::status_done,
                                  dsl::Msg::status_pending, dsl::Msg::status_closed};

bool before_or_on(dsl::Date a, dsl::Date b) {
  return ch::sys_days(a) <= ch::sys_days(b);
}

}  // namespace

std::optional<ActivityStatus> parse_status(std::string_view word) {
  const auto key = dsl::fold(word);
  for (std::size_t i = 0; i < kStatusWords.size(); ++i)
    if (dsl::fold(dsl::raw_text(kStatusWords[i], dsl::Lang::sv)) == key ||
        dsl::raw_text(kStatusWords[i], dsl::Lang::en) == key)
      return static_cast<ActivityStatus>(i);
  return std::nullopt;
}

std::string status_word(ActivityStatus status, dsl::Lang lang) {
  return dsl::raw_text(kStatusWords.at(static_cast<std::size_t>(status)), lang);
}

std::optional<dsl::Date> planned_completion(const dsl::Process& process,
                                            const dsl::Activity& activity, int year) {
  if (!activity.due) return std::nullopt;
  std::vector<dsl::Diagnostic> ignored;  // the compiler reported dates that do not exist
  auto ws = dsl::windows(*activity.due, process.cycle, year, ignored, &process);
  if (ws.empty()) return std::nullopt;
  return ws.back().deadline;
}

dsl::Window tertial_window(const dsl::Process& process, int year, int n) {
  dsl::When when;
  dsl::Occurrence o;
  o.from.kind = dsl::AtomKind::tertial;
  o.from.number = n;
  when.occurrences.push_back(o);
  std::vector<dsl::Diagnostic> ignored;
  return dsl::windows(when, process.cycle, year, ignored).front();
}

std::optional<int> parse_tertial(std::string_view text) {
  if (text.size() == 2 && (text[0] == 'T' || text[0] == 't') && text[1] >= '1' && text[1] <= '3')
    return text[1] - '0';
  return std::nullopt;
}

std::vector<PlanFollowUp> current_plans(const std::vector<dsl::Process>& processes,
                                        const Roster& roster, const Store& store, dsl::Date date) {
  std::map<int, std::vector<const dsl::Process*>>
      by_year;  // the processes whose cycle is now `year`
  for (const auto& p : processes)
    if (!p.activities.empty() || !p.measures.empty())
      by_year[cycle_of(p.cycle, date)].push_back(&p);
  std::vector<PlanFollowUp> out;
  for (const auto& [year, wanted] : by_year) {
    auto records = load_plan_records(store, year, year);
    for (auto& f : follow_up(processes, roster, records, year, 3, date))
      if (std::find(wanted.begin(), wanted.end(), f.process) != wanted.end())
        out.push_back(std::move(f));
  }
  return out;
}

std::string number_text(double value, dsl::Lang lang) {
  std::string s = fmt::format("{:g}", value);
  if (lang == dsl::Lang::sv) std::replace(s.begin(), s.end(), '.', ',');
  return s;
}

std::vector<std::string> units_for(const dsl::Process& process,
                                   const std::vector<dsl::RoleRef>& roles, const Roster& roster) {
  if (process.per_unit(roles)) return roster.units;
  return {std::string()};
}

ActivityJudgement judge(const ActivityLine& line, dsl::Date as_of) {
  if (!line.planned) return {Outcome::not_applicable, 0};
  auto planned = ch::sys_days(*line.planned);
  if (line.finished_on) {
    int late = static_cast<int>((ch::sys_days(*line.finished_on) - planned).count());
    return late > 0 ? ActivityJudgement{Outcome::late, late}
                    : ActivityJudgement{Outcome::on_time, 0};
  }
  if (line.before_start) return {Outcome::before_start, 0};
  int open = static_cast<int>((ch::sys_days(as_of) - planned).count());
  return open > 0 ? ActivityJudgement{Outcome::missing, open}
                  : ActivityJudgement{Outcome::pending, 0};
}

PlanRecords load_plan_records(const Store& store, int first_cycle, int last_cycle) {
  return {store.statuses(first_cycle, last_cycle), store.values(first_cycle, last_cycle),
          store.start_date()};
}

std::vector<PlanFollowUp> follow_up(const std::vector<dsl::Process>& processes,
                                    const Roster& roster, const PlanRecords& records, int year,
                                    int last_tertial, dsl::Date as_of) {
  // Latest status per (process, activity, unit) as of the date: reports in date order, ties
  // by entry order, so a correction on the same day wins.
  using Key = std::tuple<std::string, std::string, std::string>;
  std::map<Key, std::vector<const StatusReport*>> reports;
  for (const auto& r : records.statuses)
    if (r.cycle == year && before_or_on(r.reported_on, as_of))
      reports[{dsl::fold(r.process), dsl::fold(r.activity), r.unit}].push_back(&r);
  for (auto& [key, list] : reports)
    std::sort(list.begin(), list.end(), [](const StatusReport* a, const StatusReport* b) {
      return std::tie(a->reported_on, a->id) < std::tie(b->reported_on, b->id);
    });
  std::map<std::tuple<std::string, std::string, std::string, int>, const MeasuredValue*>
      latest_value;
  for (const auto& v : records.values) {
    if (v.cycle != year) continue;
    auto& slot = latest_value[{dsl::fold(v.process), dsl::fold(v.measure), v.unit, v.tertial}];
    if (!slot || slot->id < v.id) slot = &v;
  }

  auto before_start = [&](std::optional<dsl::Date> due) {
    return records.start && due && ch::sys_days(*due) < ch::sys_days(*records.start);
  };
  std::vector<PlanFollowUp> out;
  for (const auto& p : processes) {
    if (!p.applies_in(year) || (p.activities.empty() && p.measures.empty())) continue;
    PlanFollowUp f{&p, year, {}, {}};
    for (const auto& a : p.activities) {
      auto planned = planned_completion(p, a, year);
      for (const auto& unit : units_for(p, a.roles, roster)) {
        ActivityLine line{&p,           year,         &a,    unit,        planned,
                          std::nullopt, std::nullopt, false, std::nullopt};
        auto it = reports.find({dsl::fold(p.id), dsl::fold(a.id), unit});
        if (it != reports.end()) {
          // The latest report is the status; a finished run of reports started at its first.
          for (const StatusReport* r : it->second) {
            auto st = parse_status(r->status);
            bool done = st && finished(*st);
            if (!done)
              line.finished_on.reset();
            else if (!line.finished_on)
              line.finished_on = r->reported_on;
          }
          line.latest = *it->second.back();
          line.status = parse_status(line.latest->status);
        }
        line.before_start = !line.finished_on && before_start(planned);
        // One classification: overdue now is what the audit calls missing.
        line.overdue = judge(line, as_of).outcome == Outcome::missing;
        f.activities.push_back(std::move(line));
      }
    }
    for (const auto& m : p.measures) {
      for (int t : m.tertials) {
        if (t > last_tertial) continue;
        auto due = tertial_window(p, year, t).deadline;
        for (const auto& unit : units_for(p, m.roles, roster)) {
          MeasureLine line{&p, year, &m, unit, t, due, std::nullopt, false};
          auto it = latest_value.find({dsl::fold(p.id), dsl::fold(m.id), unit, t});
          if (it != latest_value.end()) line.value = *it->second;
          line.before_start = !line.value && before_start(due);
          line.missing =
              !line.value && !line.before_start && ch::sys_days(due) <= ch::sys_days(as_of);
          f.measures.push_back(std::move(line));
        }
      }
    }
    out.push_back(std::move(f));
  }
  return out;
}

}  // namespace arshjul::engine
