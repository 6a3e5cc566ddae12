#include "engine/records.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>
#include <fstream>
#include <sstream>

#include "dsl/input_file.hpp"
#include "dsl/schedule.hpp"
#include "dsl/text.hpp"
#include "engine/csv.hpp"

namespace arshjul::engine {
namespace ch = std::chrono;

namespace {

void refuse(std::vector<dsl::Diagnostic>& errors, const Given& at, dsl::Msg msg,
            std::vector<std::string> args, std::optional<std::string> suggestion = std::nullopt) {
  errors.push_back({at.where, msg, std::move(args), std::move(suggestion)});
}

struct Found {
  std::size_t process = 0;
  std::size_t item = 0;
};

/// Finds the step, activity or measure `id` (through `find` of each process), in the process
/// named by `process` if given. `items` (the process's steps, activities or measures) give
/// the ids for the suggestion.
template <typename Item>
std::optional<Found> find_in(const Given& process, const Given& id,
                             const std::vector<dsl::Process>& processes,
                             std::optional<std::size_t> (dsl::Process::*find)(std::string_view)
                                 const,
                             std::vector<Item> dsl::Process::*items, dsl::Msg unknown,
                             std::vector<dsl::Diagnostic>& errors) {
  std::vector<Found> hits;
  bool process_known = process.text.empty();
  auto named = [&](const dsl::Process& p) {
    return process.text.empty() || dsl::folded_equal(p.id, process.text);
  };
  for (std::size_t p = 0; p < processes.size(); ++p) {
    if (!named(processes[p])) continue;
    process_known = true;
    if (auto s = (processes[p].*find)(id.text)) hits.push_back({p, *s});
  }
  // The names for a suggestion only when there is something to suggest: a web form resolves
  // its step per request, and most requests name one that exists.
  if (!process_known) {
    std::vector<std::string> names;
    for (const auto& p : processes) names.push_back(p.id);
    refuse(errors, process, dsl::Msg::record_unknown_process, {process.text},
           dsl::closest(process.text, names));
    return std::nullopt;
  }
  if (hits.empty()) {
    std::vector<std::string> ids;
    for (const auto& p : processes)
      if (named(p))
        for (const auto& item : p.*items) ids.push_back(item.id);
    refuse(errors, id, unknown, {id.text}, dsl::closest(id.text, ids));
    return std::nullopt;
  }
  if (hits.size() > 1) {
    std::string which;
    for (const auto& h : hits) which += (which.empty() ? "" : ", ") + processes[h.process].id;
    refuse(errors, id, dsl::Msg::record_ambiguous_step, {id.text, which});
    return std::nullopt;
  }
  return hits.front();
}

std::optional<Found> find_step(const RecordRequest& r, const std::vector<dsl::Process>& processes,
                               std::vector<dsl::Diagnostic>& errors) {
  return find_in(r.process, r.step, processes, &dsl::Process::find_step, &dsl::Process::steps,
                 dsl::Msg::unknown_step, errors);
}

/// The unit of an entry for `roles`: required and known for per-unit work, else empty.
void resolve_unit(const dsl::Process& p, const std::vector<dsl::RoleRef>& roles,
                  const std::string& id, const Given& unit, const Roster& roster,
                  std::vector<dsl::Diagnostic>& errors, std::string& out) {
  const bool per_unit = p.per_unit(roles), per_area = !per_unit && p.per_area(roles);
  if (!per_unit && !per_area) {
    if (!unit.text.empty()) refuse(errors, unit, dsl::Msg::record_unit_not_allowed, {id});
    return;
  }
  // a unit of the roster; for an område's task (per område), the område
  auto found = per_unit ? roster.find_unit(unit.text) : roster.find_area(unit.text);
  if (unit.text.empty())
    refuse(errors, unit, dsl::Msg::record_unit_required, {id});
  else if (!found)
    refuse(errors, unit, dsl::Msg::record_unknown_unit, {unit.text},
           dsl::closest(unit.text, per_unit ? roster.units : roster.areas));
  else
    out = *found;
}

std::optional<int> parse_year(const Given& g, std::vector<dsl::Diagnostic>& errors) {
  auto y = dsl::read_year(g.text);
  if (!y) refuse(errors, g, dsl::Msg::record_bad_year, {g.text});
  return y;
}

// The occurrence a date belongs to: the last window that has started by then (or the first).
int occurrence_for(const std::vector<dsl::Window>& ws, dsl::Date d) {
  int k = 1;
  for (std::size_t i = 0; i < ws.size(); ++i)
    if (ch::sys_days(ws[i].start) <= ch::sys_days(d)) k = static_cast<int>(i) + 1;
  return k;
}

// The one check of an outcome, for `done`, `import` and the web form alike: a step with
// UTFALL needs one of them (the steps that depend on it, OM, cannot be decided without it),
// a step without UTFALL takes none.
bool check_outcome(const dsl::Step& step, const Given& outcome,
                   std::vector<dsl::Diagnostic>& errors, std::string& canonical) {
  if (outcome.text.empty() && step.outcomes.empty()) return true;
  if (step.outcomes.empty()) {
    refuse(errors, outcome, dsl::Msg::record_no_outcomes, {step.id});
    return false;
  }
  for (const auto& o : step.outcomes)
    if (!outcome.text.empty() && dsl::fold(o) == dsl::fold(outcome.text))
      return canonical = o, true;
  std::string list;
  for (const auto& o : step.outcomes) list += (list.empty() ? "" : ", ") + o;
  if (outcome.text.empty())
    refuse(errors, outcome, dsl::Msg::record_outcome_missing, {step.id, list});
  else
    refuse(errors, outcome, dsl::Msg::unknown_outcome, {step.id, outcome.text, list},
           dsl::closest(outcome.text, step.outcomes));
  return false;
}

}  // namespace

std::optional<dsl::Date> parse_date(const std::string& text) {
  int y = 0;
  unsigned m = 0, d = 0;
  char tail = 0;
  if (text.size() != 10 || std::sscanf(text.c_str(), "%4d-%2u-%2u%c", &y, &m, &d, &tail) != 3)
    return std::nullopt;
  dsl::Date date = ch::year(y) / ch::month(m) / ch::day(d);
  if (!date.ok()) return std::nullopt;
  return date;
}

namespace {

std::optional<int> check_year_of(const dsl::Process& p, const Given& year,
                                 std::vector<dsl::Diagnostic>& errors) {
  auto y = parse_year(year, errors);
  if (y && !p.applies_in(*y)) {
    refuse(errors, year, dsl::Msg::record_process_not_valid,
           {p.id, year.text,
            p.valid->first == p.valid->last ? std::to_string(p.valid->first)
                                            : fmt::format("{}-{}", p.valid->first, p.valid->last)});
    return std::nullopt;
  }
  return y;
}

// A date more than a year before its cycle or three years after is a typo.
void check_date_range(const dsl::Process& p, int year, dsl::Date date, const Given& given_date,
                      const Given& given_year, std::vector<dsl::Diagnostic>& errors) {
  auto first = ch::sys_days(dsl::cycle_start(p.cycle, year));
  auto from = dsl::Date(first - ch::days(366)), to = dsl::Date(first + ch::days(3 * 366));
  if (ch::sys_days(date) < ch::sys_days(from) || ch::sys_days(date) > ch::sys_days(to))
    refuse(errors, given_date, dsl::Msg::record_date_range,
           {given_date.text, given_year.text, dsl::iso(from), dsl::iso(to)});
}

// The free text of an entry through the input gate: its note or comment may hold line breaks,
// the name of who made it not.
void check_free_text(const Given& note, const Given& by, std::vector<dsl::Diagnostic>& errors) {
  if (auto fault = dsl::text_fault(note.text, true, note.where)) errors.push_back(*fault);
  if (auto fault = dsl::text_fault(by.text, false, by.where)) errors.push_back(*fault);
}

std::string first_role(const dsl::Process& p, const std::vector<dsl::RoleRef>& roles,
                       const Given& by) {
  return by.text.empty() && !roles.empty() ? p.roles[roles[0].role].name : by.text;
}

}  // namespace

std::optional<Completion> resolve_record(const RecordRequest& r,
                                         const std::vector<dsl::Process>& processes,
                                         const Roster& roster, const std::string& recorded_at,
                                         std::vector<dsl::Diagnostic>& errors) {
  const std::size_t before = errors.size();
  check_free_text(r.note, r.by, errors);
  auto found = find_step(r, processes, errors);
  auto year =
      found ? check_year_of(processes[found->process], r.year, errors) : parse_year(r.year, errors);
  auto date = parse_date(r.date.text);
  if (!date) refuse(errors, r.date, dsl::Msg::record_bad_date, {r.date.text});
  if (!found || !year || !date) return std::nullopt;

  const dsl::Process& p = processes[found->process];
  const dsl::Step& step = p.steps[found->item];
  Completion c;
  c.process = p.id;
  c.cycle = *year;
  c.step = step.id;
  c.done_on = *date;
  c.note = r.note.text;
  c.recorded_at = recorded_at;
  c.done_by =
      r.by.text.empty() && !step.roles.empty() ? p.roles[step.roles[0].role].name : r.by.text;

  resolve_unit(p, step.roles, step.id, r.unit, roster, errors, c.unit);
  check_outcome(step, r.outcome, errors, c.outcome);

  std::vector<dsl::Diagnostic> ignored;
  auto ws = dsl::windows(p, step, *year, ignored);
  if (ws.empty()) refuse(errors, r.step, dsl::Msg::record_not_this_year, {step.id, r.year.text});
  check_date_range(p, *year, *date, r.date, r.year, errors);
  c.occurrence = r.occurrence > 0 ? r.occurrence : occurrence_for(ws, *date);
  if (errors.size() != before) return std::nullopt;
  return c;
}

std::optional<StatusReport> resolve_status(const StatusRequest& r,
                                           const std::vector<dsl::Process>& processes,
                                           const Roster& roster, const std::string& recorded_at,
                                           std::vector<dsl::Diagnostic>& errors) {
  const std::size_t before = errors.size();
  check_free_text(r.comment, r.by, errors);
  auto found = find_in(r.process, r.activity, processes, &dsl::Process::find_activity,
                       &dsl::Process::activities, dsl::Msg::record_unknown_activity, errors);
  auto date = parse_date(r.date.text);
  if (!date) refuse(errors, r.date, dsl::Msg::record_bad_date, {r.date.text});
  auto status = parse_status(r.status.text);
  if (!status) {
    std::vector<std::string> words;
    for (auto s : {ActivityStatus::ongoing, ActivityStatus::done, ActivityStatus::pending,
                   ActivityStatus::closed})
      words.push_back(status_word(s, dsl::Lang::sv));
    refuse(errors, r.status, dsl::Msg::record_unknown_status, {r.status.text},
           dsl::closest(r.status.text, words));
  }
  if (!found) return std::nullopt;
  const dsl::Process& p = processes[found->process];
  const dsl::Activity& a = p.activities[found->item];
  auto year = check_year_of(p, r.year, errors);
  if (!year || !date || !status) return std::nullopt;
  StatusReport s;
  s.process = p.id;
  s.cycle = *year;
  s.activity = a.id;
  s.reported_on = *date;
  s.status = status_word(*status, dsl::Lang::sv);
  s.comment = r.comment.text;
  s.reported_by = first_role(p, a.roles, r.by);
  s.recorded_at = recorded_at;
  resolve_unit(p, a.roles, a.id, r.unit, roster, errors, s.unit);
  check_date_range(p, *year, *date, r.date, r.year, errors);
  if (errors.size() != before) return std::nullopt;
  return s;
}

std::optional<MeasuredValue> resolve_value(const ValueRequest& r,
                                           const std::vector<dsl::Process>& processes,
                                           const Roster& roster, const std::string& recorded_at,
                                           std::vector<dsl::Diagnostic>& errors) {
  const std::size_t before = errors.size();
  check_free_text(r.note, r.by, errors);
  auto found = find_in(r.process, r.measure, processes, &dsl::Process::find_measure,
                       &dsl::Process::measures, dsl::Msg::record_unknown_measure, errors);
  // The period: T1-T3, or YYYY-T1 which also gives the year.
  Given year = r.year;
  int tertial = 0;
  std::string period = r.period.text;
  if (period.size() == 7 && period[4] == '-') {
    year = {period.substr(0, 4), r.period.where};
    period = period.substr(5);
  }
  if (auto t = parse_tertial(period))
    tertial = *t;
  else
    refuse(errors, r.period, dsl::Msg::record_bad_period, {r.period.text});
  std::string number = r.value.text;
  std::replace(number.begin(), number.end(), ',', '.');
  double value = 0;
  auto [end, ec] = std::from_chars(number.data(), number.data() + number.size(), value);
  bool value_ok = !number.empty() && ec == std::errc() && end == number.data() + number.size() &&
                  std::isfinite(value);
  if (!value_ok) refuse(errors, r.value, dsl::Msg::record_bad_value, {r.value.text});
  if (!found) return std::nullopt;
  const dsl::Process& p = processes[found->process];
  const dsl::Measure& m = p.measures[found->item];
  auto y = check_year_of(p, year, errors);
  if (tertial && std::find(m.tertials.begin(), m.tertials.end(), tertial) == m.tertials.end()) {
    std::string list;
    for (int t : m.tertials) list += (list.empty() ? "T" : ", T") + std::to_string(t);
    refuse(errors, r.period, dsl::Msg::record_not_followed_up,
           {m.id, std::to_string(tertial), list});
  }
  if (!y || !tertial || !value_ok) return std::nullopt;
  MeasuredValue v;
  v.process = p.id;
  v.cycle = *y;
  v.measure = m.id;
  v.tertial = tertial;
  v.value = value;
  v.reported_by = first_role(p, m.roles, r.by);
  v.note = r.note.text;
  v.recorded_at = recorded_at;
  resolve_unit(p, m.roles, m.id, r.unit, roster, errors, v.unit);
  if (errors.size() != before) return std::nullopt;
  return v;
}

ImportRows read_import(const std::string& path, dsl::Sources& sources,
                       std::vector<dsl::Diagnostic>& errors) {
  const std::string* text = read_table_file(path, sources, errors);
  return text ? parse_import(*text, path, errors) : ImportRows{};
}

ImportRows parse_import(std::string_view text, const std::string& path,
                        std::vector<dsl::Diagnostic>& errors) {
  static const std::vector<std::string> kSteps{"process", "år", "steg",   "enhet",
                                               "datum",   "av", "utfall", "anteckning"};
  static const std::vector<std::string> kStatuses{"process", "år",     "aktivitet", "enhet",
                                                  "datum",   "status", "kommentar", "av"};
  static const std::vector<std::string> kValues{"process", "år",    "mätetal", "enhet",
                                                "period",  "värde", "av",      "anteckning"};
  ImportRows out;
  const std::size_t before = errors.size();
  auto rows = read_csv(text, path, errors, /*line_breaks=*/true);  // in notes
  if (errors.size() != before) return out;                         // said once, where it is
  // The third column names the kind; anything else is checked as a step import, whose
  // header the error then shows.
  std::string kind = !rows.empty() && rows[0].size() > 2 ? dsl::fold(rows[0][2].text) : "";
  const auto& header = kind == "aktivitet" ? kStatuses : kind == "matetal" ? kValues : kSteps;
  if (!check_shape(rows, header, path, errors)) return out;
  for (std::size_t i = 1; i < rows.size(); ++i) {
    const auto& f = rows[i];
    auto g = [&](std::size_t k) { return Given{f[k].text, f[k].where}; };
    if (&header == &kStatuses)
      out.statuses.push_back({g(0), g(2), g(1), g(3), g(4), g(5), g(6), g(7)});
    else if (&header == &kValues)
      out.values.push_back({g(0), g(2), g(1), g(3), g(4), g(5), g(6), g(7)});
    else
      out.steps.push_back({g(0), g(2), g(1), g(3), g(4), g(5), g(6), g(7), 0});
  }
  return out;
}

}  // namespace arshjul::engine
