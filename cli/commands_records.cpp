// done, import: recording what was done. Nothing is written unless every entry is valid.
#include <fmt/format.h>

#include <iostream>

#include "cli/inputs.hpp"
#include "engine/records.hpp"
#include "engine/store.hpp"

namespace arshjul::cli {
namespace {

struct DoneOptions {
  InputOptions in;
  std::string step, process, unit, outcome, note, by;
  int occurrence = 0;
};

int print_errors(const std::vector<dsl::Diagnostic>& errors, const dsl::Sources& sources,
                 const GlobalOptions& g) {
  for (const auto& d : errors) std::cerr << dsl::format(d, sources, g.language());
  std::cerr << fmt::format(fmt::runtime(g.language() == dsl::Lang::sv
                                            ? "{} fel; inget sparades\n"
                                            : "{} errors; nothing was saved\n"),
                           errors.size());
  return kExitBadInput;
}

int store_entries(const std::string& path, const std::vector<engine::Completion>& entries) {
  try {
    engine::Store(path).record(entries);
  } catch (const engine::StoreError& e) {
    std::cerr << "arshjul: " << e.what() << "\n";
    return kExitStoreError;
  }
  return kExitOk;
}

int run_done(const DoneOptions& o, const GlobalOptions& g) {
  InputOptions in = o.in;
  std::string done_date = in.date;
  in.date.clear();  // --date is the done date here; "as of" is today
  auto inputs = load_inputs(in, g);
  if (!inputs) return kExitBadInput;
  const dsl::Location cli{"kommandoraden", 0, 0};
  engine::RecordRequest r{{o.process, cli},
                          {o.step, cli},
                          {o.in.year ? std::to_string(*o.in.year) : std::string(), cli},
                          {o.unit, cli},
                          {done_date.empty() ? dsl::iso(inputs->date) : done_date, cli},
                          {o.by, cli},
                          {o.outcome, cli},
                          {o.note, cli},
                          o.occurrence};
  if (!o.in.year) r.year.text = std::to_string(static_cast<int>(inputs->date.year()));
  std::vector<dsl::Diagnostic> errors;
  auto c = engine::resolve_record(r, inputs->rules.processes, inputs->roster, now_timestamp(), errors);
  if (!c) return print_errors(errors, inputs->rules.sources, g);
  if (int rc = store_entries(o.in.store, {*c})) return rc;
  bool sv = g.language() == dsl::Lang::sv;
  std::cout << fmt::format(fmt::runtime(sv ? "sparat: {} {} {}{} klart {} av {}\n"
                                           : "saved: {} {} {}{} done {} by {}\n"),
                           c->process, c->cycle, c->step, c->unit.empty() ? "" : " (" + c->unit + ")",
                           dsl::iso(c->done_on), c->done_by);
  return kExitOk;
}

int run_import(const std::string& file, const InputOptions& o, const GlobalOptions& g) {
  auto inputs = load_inputs(o, g);
  if (!inputs) return kExitBadInput;
  std::vector<dsl::Diagnostic> errors;
  auto requests = engine::read_import(file, inputs->rules.sources, errors);
  std::vector<engine::Completion> entries;
  const std::string stamp = now_timestamp();
  for (const auto& r : requests)
    if (auto c = engine::resolve_record(r, inputs->rules.processes, inputs->roster, stamp, errors))
      entries.push_back(std::move(*c));
  if (!errors.empty()) return print_errors(errors, inputs->rules.sources, g);
  if (int rc = store_entries(o.store, entries)) return rc;
  std::cout << fmt::format(fmt::runtime(g.language() == dsl::Lang::sv ? "importerade {} poster till {}\n"
                                                                      : "imported {} entries into {}\n"),
                           entries.size(), o.store);
  return kExitOk;
}

}  // namespace

void add_record_commands(CLI::App& app, const GlobalOptions& g, int& exit_code) {
  static DoneOptions done;
  auto* d = app.add_subcommand("done", "registrera att ett steg är gjort");
  d->add_option("STEP", done.step, "steg-id")->required();
  d->add_option("--process", done.process, "process-id (när steget finns i flera processer)");
  d->add_option("--unit", done.unit, "enhet (för steg per enhet)");
  d->add_option("--outcome", done.outcome, "utfall (för steg med UTFALL)");
  d->add_option("--note", done.note, "anteckning");
  d->add_option("--by", done.by, "vem som gjorde det (roll eller person; standard: stegets första roll)");
  d->add_option("--occurrence", done.occurrence, "vilket tillfälle (för steg som sker flera gånger)");
  add_input_options(d, done.in, true);
  d->callback([&] { exit_code = run_done(done, g); });

  static std::string file;
  static InputOptions imp;
  auto* i = app.add_subcommand("import", "registrera många på en gång från CSV (allt eller inget)");
  i->add_option("FILE", file, "CSV: process,år,steg,enhet,datum,av,utfall,anteckning")->required();
  add_input_options(i, imp, false);
  i->callback([&] { exit_code = run_import(file, imp, g); });
}

}  // namespace arshjul::cli
