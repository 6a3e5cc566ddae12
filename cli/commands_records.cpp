// done, progress, measure, import: recording what was done, where an activity stands and
// what a measure showed. Nothing is written unless every entry is valid.
#include <fmt/format.h>

#include <iostream>

#include "cli/inputs.hpp"
#include "cli/versions.hpp"
#include "engine/plan.hpp"
#include "engine/records.hpp"
#include "engine/store.hpp"

namespace arshjul::cli {
namespace {

struct DoneOptions {
  InputOptions in;
  std::string step, process, unit, outcome, note, by;
  int occurrence = 0;
  bool allow_future = false;
};

/// A date after `as_of` is refused (a completion recorded ahead of time would count at once)
/// unless `allow` (a planned correction): false with the error in `errors`.
bool not_after(const engine::Given& date, dsl::Date as_of, bool allow,
               std::vector<dsl::Diagnostic>& errors) {
  auto d = engine::parse_date(date.text);
  if (allow || !d || std::chrono::sys_days(*d) <= std::chrono::sys_days(as_of)) return true;
  errors.push_back({date.where, dsl::Msg::record_after_today, {date.text, dsl::iso(as_of)}, {}});
  return false;
}

int print_errors(const std::vector<dsl::Diagnostic>& errors, const dsl::Sources& sources,
                 const GlobalOptions& g) {
  for (const auto& d : errors) std::cerr << dsl::format(d, sources, g.language());
  std::cerr << say<Msg::errors_nothing_saved>(g.language(), errors.size());
  return kExitBadInput;
}

/// Appends `entries` to the store at `path` (made when missing); `added` says how many were
/// new (an entry equal to its task's latest is not added again).
/// The cycles the entries are for keep the files' rules from now on, unless they have rules
/// recorded already (engine/versions.hpp).
template <typename Entry>
int store_entries(const std::string& path, const std::vector<dsl::Process>& rules,
                  const std::vector<Entry>& entries, dsl::Lang lang, std::size_t& added,
                  engine::Store::Duplicates d = engine::Store::Duplicates::latest) {
  try {
    engine::Store store(path);
    store.transaction([&] {  // the rules and the entries, all or nothing
      engine::record_first_use(store, rules, engine::cycles_of(entries), now_timestamp());
      added = store.record(entries, d);
    });
  } catch (const engine::StoreError& e) {
    std::cerr << "arshjul: " << e.text(lang) << "\n";
    return kExitStoreError;
  }
  return kExitOk;
}

/// Resolves one request against the rules and the roster and stores the entry: the entry, or
/// nullopt with `rc` the exit code when it was refused or could not be stored.
template <typename Entry, typename Request>
std::optional<Entry> record_one(
    const Request& r,
    std::optional<Entry> (*resolve)(const Request&, const std::vector<dsl::Process>&,
                                    const engine::Roster&, const std::string&,
                                    std::vector<dsl::Diagnostic>&),
    const Inputs& in, bool allow_future, const GlobalOptions& g, int& rc) {
  std::vector<dsl::Diagnostic> errors;
  std::optional<Entry> entry;
  bool ok = true;
  if constexpr (requires { r.date; }) ok = not_after(r.date, today(), allow_future, errors);
  if (ok) entry = resolve(r, in.rules.processes, in.roster, now_timestamp(), errors);
  if (!entry) {
    rc = print_errors(errors, in.rules.sources, g);
    return std::nullopt;
  }
  std::size_t added = 0;
  if ((rc = store_entries(in.store, in.rules.processes, std::vector{*entry}, g.language(), added)))
    return std::nullopt;
  if (!added) std::cout << dsl::tr<Msg::record_was_there>(g.language());
  return entry;
}

/// --year, else the year of the date.
std::string year_text(const InputOptions& in, dsl::Date date) {
  return std::to_string(in.year.value_or(static_cast<int>(date.year())));
}

/// Values given on the command line, located there (no file position): an error about one
/// begins "kommandoraden: error:", in English "the command line: error:".
struct CommandLine {
  dsl::Lang lang;
  engine::Given operator()(std::string text) const {
    return {std::move(text), dsl::Location{tr<Msg::command_line>(lang), 0, 0}};
  }
};

/// How done, progress and measure record one entry: load rules and roster (when `dated`,
/// --date is the entry's date and "as of" is today), build the request from the year and
/// the entry's date, resolve and store it, and print what `saved` says of it.
template <typename MakeRequest, typename Resolve, typename Saved>
int record_command(const InputOptions& o, bool dated, bool allow_future, const GlobalOptions& g,
                   MakeRequest make, Resolve resolve, Saved saved) {
  InputOptions in = o;
  if (dated) in.date.clear();
  auto inputs = load_inputs(in, g);
  if (!inputs) return kExitBadInput;
  const CommandLine given{g.language()};
  const auto year = given(year_text(o, inputs->date));
  const auto on = given(dated && !o.date.empty() ? o.date : dsl::iso(inputs->date));
  int rc = kExitOk;
  auto entry = record_one(make(year, on), resolve, *inputs, allow_future, g, rc);
  if (!entry) return rc;
  std::cout << saved(*entry, g.language());
  return kExitOk;
}

/// " (unit)" after a name, or nothing.
std::string unit_suffix(const std::string& unit) {
  return unit.empty() ? "" : " (" + unit + ")";
}

int run_done(const DoneOptions& o, const GlobalOptions& g) {
  const CommandLine given{g.language()};
  auto make = [&](const engine::Given& year, const engine::Given& on) {
    return engine::RecordRequest{
        given(o.process), given(o.step),    year,          given(o.unit), on,
        given(o.by),      given(o.outcome), given(o.note), o.occurrence};
  };
  return record_command(o.in, true, o.allow_future, g, make, engine::resolve_record,
                        [](const engine::Completion& c, dsl::Lang lang) {
                          return say<Msg::saved_completion>(lang, c.process, c.cycle, c.step,
                                                            unit_suffix(c.unit),
                                                            dsl::iso(c.done_on), c.done_by);
                        });
}

int run_import(const std::string& file, const InputOptions& o, bool allow_future,
               const GlobalOptions& g) {
  auto inputs = load_inputs(o, g);
  if (!inputs) return kExitBadInput;
  std::vector<dsl::Diagnostic> errors;
  auto rows = engine::read_import(file, inputs->rules.sources, errors);
  const std::string stamp = now_timestamp();
  const auto& processes = inputs->rules.processes;
  // One kind per file; each resolved the same way: every row checked (none dated after the
  // as-of date), then all or nothing.
  auto resolve_all = [&](const auto& requests, auto resolve) {
    std::vector<typename decltype(resolve(requests.front()))::value_type> entries;
    for (const auto& r : requests)
      if (not_after(r.date, inputs->date, allow_future, errors))
        if (auto e = resolve(r)) entries.push_back(std::move(*e));
    return entries;
  };
  auto steps = resolve_all(rows.steps, [&](const engine::RecordRequest& r) {
    return engine::resolve_record(r, processes, inputs->roster, stamp, errors);
  });
  auto statuses = resolve_all(rows.statuses, [&](const engine::StatusRequest& r) {
    return engine::resolve_status(r, processes, inputs->roster, stamp, errors);
  });
  std::vector<engine::MeasuredValue> values;
  for (const auto& r : rows.values)
    if (auto e = engine::resolve_value(r, processes, inputs->roster, stamp, errors))
      values.push_back(std::move(*e));
  if (!errors.empty()) return print_errors(errors, inputs->rules.sources, g);
  std::size_t added = 0;
  // A row already in the store, for its task, is not added again (an identical re-import
  // adds nothing, and cannot undo a correction made since).
  const auto any = engine::Store::Duplicates::any;
  const auto lang = g.language();
  int rc = !steps.empty()      ? store_entries(inputs->store, processes, steps, lang, added, any)
           : !statuses.empty() ? store_entries(inputs->store, processes, statuses, lang, added, any)
                               : store_entries(inputs->store, processes, values, lang, added, any);
  if (rc) return rc;
  const std::size_t total = steps.size() + statuses.size() + values.size();
  std::cout << say<Msg::imported_entries>(lang, added, inputs->store, total - added);
  return kExitOk;
}

struct ProgressOptions {
  InputOptions in;
  std::string activity, process, unit, status, comment, by;
  bool allow_future = false;
};

int run_progress(const ProgressOptions& o, const GlobalOptions& g) {
  const CommandLine given{g.language()};
  auto make = [&](const engine::Given& year, const engine::Given& on) {
    return engine::StatusRequest{given(o.process), given(o.activity), year,       given(o.unit), on,
                                 given(o.status),  given(o.comment),  given(o.by)};
  };
  return record_command(o.in, true, o.allow_future, g, make, engine::resolve_status,
                        [&](const engine::StatusReport& s, dsl::Lang lang) {
                          return say<Msg::saved_activity_status>(
                              lang, s.process, s.cycle, s.activity, unit_suffix(s.unit),
                              engine::status_word(*engine::parse_status(s.status), g.language()),
                              dsl::iso(s.reported_on));
                        });
}

struct MeasureOptions {
  InputOptions in;
  std::string measure, value, period, process, unit, by, note;
};

int run_measure(const MeasureOptions& o, const GlobalOptions& g) {
  const CommandLine given{g.language()};
  auto make = [&](const engine::Given& year, const engine::Given&) {
    return engine::ValueRequest{given(o.process), given(o.measure), year,        given(o.unit),
                                given(o.period),  given(o.value),   given(o.by), given(o.note)};
  };
  return record_command(o.in, false, false, g, make, engine::resolve_value,
                        [](const engine::MeasuredValue& v, dsl::Lang lang) {
                          return say<Msg::saved_measure_value>(lang, v.process, v.cycle, v.tertial,
                                                               v.measure, unit_suffix(v.unit),
                                                               v.value);
                        });
}

/// The help of --process, --unit and --by for an entry of one kind (a step, an activity, a
/// measure).
struct WhoseHelp {
  const char* process;
  const char* unit;
  const char* by;
};

/// --process, --unit and --by: which task of which process and unit the entry is for, and who
/// made it; done, progress and measure each take them.
void add_whose_options(CLI::App* cmd, std::string& process, std::string& unit, std::string& by,
                       const WhoseHelp& help) {
  cmd->add_option("--process", process, help.process);
  cmd->add_option("--unit", unit, help.unit);
  cmd->add_option("--by", by, help.by);
}

}  // namespace

void add_record_commands(CLI::App& app, const GlobalOptions& g, int& exit_code) {
  const dsl::Lang lang = g.language();
  static DoneOptions done;
  auto* d = app.add_subcommand("done", tr<Msg::cli_help_done>(lang));
  d->add_option("STEP", done.step, tr<Msg::cli_help_done_step>(lang))->required();
  add_whose_options(d, done.process, done.unit, done.by,
                    {tr<Msg::cli_help_done_process>(lang), tr<Msg::cli_help_done_unit>(lang),
                     tr<Msg::cli_help_done_by>(lang)});
  d->add_option("--outcome", done.outcome, tr<Msg::cli_help_done_outcome>(lang));
  d->add_option("--note", done.note, tr<Msg::cli_help_note>(lang));
  d->add_option("--occurrence", done.occurrence, tr<Msg::cli_help_done_occurrence>(lang));
  add_input_options(d, done.in, true, g);
  d->add_flag("--allow-future", done.allow_future, tr<Msg::cli_help_allow_future>(lang));
  d->callback([&] { exit_code = run_done(done, g); });

  static std::string file;
  static InputOptions imp;
  static bool import_future = false;
  auto* i = app.add_subcommand("import", tr<Msg::cli_help_import>(lang));
  i->add_option("FILE", file, tr<Msg::cli_help_import_file>(lang))->required();
  add_input_options(i, imp, false, g);
  i->get_option("--date")->description(tr<Msg::cli_help_import_date>(lang));
  i->add_flag("--allow-future", import_future, tr<Msg::cli_help_import_allow_future>(lang));
  i->callback([&] { exit_code = run_import(file, imp, import_future, g); });

  static ProgressOptions progress;
  auto* p = app.add_subcommand("progress", tr<Msg::cli_help_progress>(lang));
  p->add_option("ACTIVITY", progress.activity, tr<Msg::cli_help_progress_activity>(lang))
      ->required();
  p->add_option("--status", progress.status, tr<Msg::cli_help_progress_status>(lang))->required();
  p->add_option("--comment", progress.comment, tr<Msg::cli_help_progress_comment>(lang));
  add_whose_options(p, progress.process, progress.unit, progress.by,
                    {tr<Msg::cli_help_progress_process>(lang),
                     tr<Msg::cli_help_progress_unit>(lang), tr<Msg::cli_help_progress_by>(lang)});
  add_input_options(p, progress.in, true, g);
  p->add_flag("--allow-future", progress.allow_future, tr<Msg::cli_help_allow_future>(lang));
  p->callback([&] { exit_code = run_progress(progress, g); });

  static MeasureOptions measure;
  auto* m = app.add_subcommand("measure", tr<Msg::cli_help_measure>(lang));
  m->add_option("MEASURE", measure.measure, tr<Msg::cli_help_measure_measure>(lang))->required();
  m->add_option("VALUE", measure.value, tr<Msg::cli_help_measure_value>(lang))->required();
  m->add_option("--period", measure.period, tr<Msg::cli_help_measure_period>(lang))->required();
  add_whose_options(m, measure.process, measure.unit, measure.by,
                    {tr<Msg::cli_help_measure_process>(lang), tr<Msg::cli_help_measure_unit>(lang),
                     tr<Msg::cli_help_measure_by>(lang)});
  m->add_option("--note", measure.note, tr<Msg::cli_help_note>(lang));
  add_input_options(m, measure.in, true, g);
  m->callback([&] { exit_code = run_measure(measure, g); });
}

}  // namespace arshjul::cli
