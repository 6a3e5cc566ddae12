#include "engine/records.hpp"

#include <charconv>
#include <cstring>
#include <fstream>
#include <sstream>

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
  std::size_t step = 0;
};

std::optional<Found> find_step(const RecordRequest& r, const std::vector<dsl::Process>& processes,
                               std::vector<dsl::Diagnostic>& errors) {
  std::vector<Found> hits;
  std::vector<std::string> ids, names;
  bool process_known = r.process.text.empty();
  for (std::size_t p = 0; p < processes.size(); ++p) {
    names.push_back(processes[p].id);
    if (!r.process.text.empty() && dsl::fold(processes[p].id) != dsl::fold(r.process.text)) continue;
    process_known = true;
    for (const auto& s : processes[p].steps) ids.push_back(s.id);
    if (auto s = processes[p].find_step(r.step.text)) hits.push_back({p, *s});
  }
  if (!process_known) {
    refuse(errors, r.process, dsl::Msg::record_unknown_process, {r.process.text},
           dsl::closest(r.process.text, names));
    return std::nullopt;
  }
  if (hits.empty()) {
    refuse(errors, r.step, dsl::Msg::unknown_step, {r.step.text}, dsl::closest(r.step.text, ids));
    return std::nullopt;
  }
  if (hits.size() > 1) {
    std::string which;
    for (const auto& h : hits) which += (which.empty() ? "" : ", ") + processes[h.process].id;
    refuse(errors, r.step, dsl::Msg::record_ambiguous_step, {r.step.text, which});
    return std::nullopt;
  }
  return hits.front();
}

std::optional<int> parse_year(const Given& g, std::vector<dsl::Diagnostic>& errors) {
  int y = 0;
  auto [ptr, ec] = std::from_chars(g.text.data(), g.text.data() + g.text.size(), y);
  if (ec != std::errc() || ptr != g.text.data() + g.text.size() || y < 2000 || y > 2100) {
    refuse(errors, g, dsl::Msg::record_bad_year, {g.text});
    return std::nullopt;
  }
  return y;
}

// The occurrence a date belongs to: the last window that has started by then (or the first).
int occurrence_for(const std::vector<dsl::Window>& ws, dsl::Date d) {
  int k = 1;
  for (std::size_t i = 0; i < ws.size(); ++i)
    if (ch::sys_days(ws[i].start) <= ch::sys_days(d)) k = static_cast<int>(i) + 1;
  return k;
}

bool check_outcome(const dsl::Step& step, const Given& outcome, std::vector<dsl::Diagnostic>& errors,
                   std::string& canonical) {
  if (outcome.text.empty()) return true;
  if (step.outcomes.empty()) {
    refuse(errors, outcome, dsl::Msg::record_no_outcomes, {step.id});
    return false;
  }
  for (const auto& o : step.outcomes)
    if (dsl::fold(o) == dsl::fold(outcome.text)) return canonical = o, true;
  std::string list;
  for (const auto& o : step.outcomes) list += (list.empty() ? "" : ", ") + o;
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

std::optional<Completion> resolve_record(const RecordRequest& r,
                                         const std::vector<dsl::Process>& processes,
                                         const Roster& roster, const std::string& recorded_at,
                                         std::vector<dsl::Diagnostic>& errors) {
  const std::size_t before = errors.size();
  auto found = find_step(r, processes, errors);
  auto year = parse_year(r.year, errors);
  auto date = parse_date(r.date.text);
  if (!date) refuse(errors, r.date, dsl::Msg::record_bad_date, {r.date.text});
  if (!found || !year || !date) return std::nullopt;

  const dsl::Process& p = processes[found->process];
  const dsl::Step& step = p.steps[found->step];
  Completion c;
  c.process = p.id;
  c.cycle = *year;
  c.step = step.id;
  c.done_on = *date;
  c.note = r.note.text;
  c.recorded_at = recorded_at;
  c.done_by = r.by.text.empty() && !step.roles.empty() ? p.roles[step.roles[0].role].name : r.by.text;

  if (p.per_unit(step)) {
    auto unit = roster.find_unit(r.unit.text);
    if (r.unit.text.empty()) refuse(errors, r.unit, dsl::Msg::record_unit_required, {step.id});
    else if (!unit) refuse(errors, r.unit, dsl::Msg::record_unknown_unit, {r.unit.text}, dsl::closest(r.unit.text, roster.units));
    else c.unit = *unit;
  } else if (!r.unit.text.empty()) {
    refuse(errors, r.unit, dsl::Msg::record_unit_not_allowed, {step.id});
  }
  check_outcome(step, r.outcome, errors, c.outcome);

  std::vector<dsl::Diagnostic> ignored;
  auto ws = dsl::windows(p, step, *year, ignored);
  if (ws.empty()) refuse(errors, r.step, dsl::Msg::record_not_this_year, {step.id, r.year.text});
  // A completion more than a year before its cycle or three years after is a typo.
  auto first = ch::sys_days(dsl::cycle_start(p.cycle, *year));
  auto from = dsl::Date(first - ch::days(366)), to = dsl::Date(first + ch::days(3 * 366));
  if (ch::sys_days(*date) < ch::sys_days(from) || ch::sys_days(*date) > ch::sys_days(to))
    refuse(errors, r.date, dsl::Msg::record_date_range, {r.date.text, r.year.text, dsl::iso(from), dsl::iso(to)});
  c.occurrence = r.occurrence > 0 ? r.occurrence : occurrence_for(ws, *date);
  if (errors.size() != before) return std::nullopt;
  return c;
}

std::vector<RecordRequest> read_import(const std::string& path, dsl::Sources& sources,
                                       std::vector<dsl::Diagnostic>& errors) {
  const std::string* text = read_table_file(path, sources, errors);
  if (!text) return {};
  auto rows = read_csv(*text, path, errors);
  if (!check_shape(rows, {"process", "år", "steg", "enhet", "datum", "av", "utfall", "anteckning"},
                   path, errors))
    return {};
  std::vector<RecordRequest> out;
  for (std::size_t i = 1; i < rows.size(); ++i) {
    const auto& f = rows[i];
    auto g = [&](std::size_t k) { return Given{f[k].text, f[k].where}; };
    out.push_back({g(0), g(1 + 1), g(1), g(3), g(4), g(5), g(6), g(7), 0});
  }
  return out;
}

}  // namespace arshjul::engine
