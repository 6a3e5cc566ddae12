// audit: was the cycle followed? Text, Markdown, self-contained HTML or JSON.
#include <fmt/format.h>

#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/inputs.hpp"
#include "engine/audit.hpp"
#include "engine/plan.hpp"
#include "engine/store.hpp"

namespace arshjul::cli {
namespace {

using engine::AuditReport;
using engine::AuditTask;
using engine::Outcome;

struct AuditOptions {
  InputOptions in;
  std::string format = "text";
  bool all = false;
};

/// One finding about a task, as a machine word and a sentence.
struct Finding {
  std::string kind;  ///< on_time, late, missing, out_of_order, wrong_role, corrected, pending,
                     ///< not_applicable
  std::string text;
};

std::string unit_suffix(const std::string& unit) {
  return unit.empty() ? "" : " (" + unit + ")";
}

std::vector<Finding> findings_of(const AuditTask& t, const dsl::Process& p, dsl::Lang lang) {
  bool sv = lang == dsl::Lang::sv;
  auto f = [&](const char* s, const char* e, auto&&... args) {
    return fmt::format(fmt::runtime(sv ? s : e), std::forward<decltype(args)>(args)...);
  };
  std::vector<Finding> out;
  std::string done = t.done_on ? dsl::iso(*t.done_on) : "";
  switch (t.outcome) {
    case Outcome::on_time:
      out.push_back({"on_time", f("i tid: klar {}", "on time: done {}", done)});
      break;
    case Outcome::late:
      out.push_back({"late", f("sen: klar {}, {} dagar efter {}", "late: done {}, {} days after {}",
                               done, t.days_late, dsl::iso(t.window.deadline))});
      break;
    case Outcome::missing:
      out.push_back(
          {"missing",
           t.conditional
               ? f("saknas: villkoret uppfylldes men steget gjordes inte ({} dagar efter {})",
                   "missing: its condition was met but it was not done ({} days after {})",
                   t.days_late, dsl::iso(t.window.deadline))
               : f("saknas: inte gjord, {} dagar efter {}", "missing: not done, {} days after {}",
                   t.days_late, dsl::iso(t.window.deadline))});
      break;
    case Outcome::pending:
      out.push_back({"pending", f("ej förfallen", "not yet due")});
      break;
    case Outcome::not_applicable:
      out.push_back({"not_applicable", f("ej aktuell", "not applicable")});
      break;
  }
  for (const auto& o : t.out_of_order)
    out.push_back({"out_of_order",
                   o.done_on ? f("i fel ordning: klar före {}{}, som blev klar {}",
                                 "out of order: done before {}{}, done {}", p.steps[o.step].id,
                                 unit_suffix(o.unit), dsl::iso(*o.done_on))
                             : f("i fel ordning: klar fast {}{} aldrig gjordes",
                                 "out of order: done while {}{} was never done", p.steps[o.step].id,
                                 unit_suffix(o.unit))});
  if (t.wrong_role) {
    std::string who;
    for (const auto& r : p.steps[t.step].roles)
      who += (who.empty() ? "" : ", ") + p.roles[r.role].name;
    out.push_back({"wrong_role", f("fel roll: gjord av '{}', VEM är {}",
                                   "wrong role: done by '{}', WHO is {}", t.done_by, who)});
  }
  if (t.corrected_from)
    out.push_back({"corrected", f("rättad: den senare posten gäller, den tidigare sade {}",
                                  "corrected: the later entry counts, the earlier said {}",
                                  dsl::iso(*t.corrected_from))});
  return out;
}

bool is_finding(const Finding& f) {
  return f.kind == "late" || f.kind == "missing" || f.kind == "out_of_order" ||
         f.kind == "wrong_role";
}

std::string percent(int n, int of) {
  return of ? fmt::format("{:.0f} %", 100.0 * n / of) : "–";
}

std::string unmatched_text(const engine::UnmatchedRecord& u, dsl::Lang lang) {
  bool sv = lang == dsl::Lang::sv;
  const auto& c = u.record;
  std::string why = u.why == engine::UnmatchedRecord::Why::unknown_process
                        ? (sv ? "okänd process" : "unknown process")
                    : u.why == engine::UnmatchedRecord::Why::unknown_step
                        ? (sv ? "okänt steg" : "unknown step")
                        : (sv ? "enheten finns inte i enhetslistan" : "unit not in the roster");
  return fmt::format("{}/{}{} {} — {} (#{})", c.process, c.step, unit_suffix(c.unit),
                     dsl::iso(c.done_on), why, c.id);
}

// --- the plan: activities against KLART, measure values per tertial ------------------------

/// One finding about the plan: an activity finished late or not at all, a value missing.
struct PlanFinding {
  std::string process, item, unit, kind, text;
};

std::vector<PlanFinding> plan_findings(const std::vector<engine::PlanFollowUp>& plans,
                                       dsl::Date as_of, dsl::Lang lang, bool all) {
  bool sv = lang == dsl::Lang::sv;
  auto f = [&](const char* s, const char* e, auto&&... args) {
    return fmt::format(fmt::runtime(sv ? s : e), std::forward<decltype(args)>(args)...);
  };
  std::vector<PlanFinding> out;
  for (const auto& plan : plans) {
    for (const auto& a : plan.activities) {
      auto j = engine::judge(a, as_of);
      std::string planned = a.planned ? dsl::iso(*a.planned) : "";
      PlanFinding pf{plan.process->id, a.activity->id, a.unit, {}, {}};
      switch (j.outcome) {
        case engine::PlanOutcome::late:
          pf.kind = "late";
          pf.text = f("genomförd sent: rapporterad {}, {} dagar efter KLART {}",
                      "finished late: reported {}, {} days after DUE {}", dsl::iso(*a.finished_on),
                      j.days_late, planned);
          break;
        case engine::PlanOutcome::missing:
          pf.kind = "missing";
          pf.text = f("inte genomförd: {} dagar efter KLART {} (status: {})",
                      "not finished: {} days after DUE {} (status: {})", j.days_late, planned,
                      a.status ? engine::status_word(*a.status, lang) : (sv ? "ingen" : "none"));
          break;
        case engine::PlanOutcome::on_time:
          pf.kind = "on_time";
          pf.text = f("i tid: genomförd {}", "on time: finished {}", dsl::iso(*a.finished_on));
          break;
        case engine::PlanOutcome::pending:
          pf.kind = "pending";
          pf.text = f("ej förfallen", "not yet due");
          break;
        case engine::PlanOutcome::unplanned:
          pf.kind = "not_applicable";
          pf.text = f("utan KLART", "no DUE");
          break;
      }
      if (all || pf.kind == "late" || pf.kind == "missing") out.push_back(std::move(pf));
    }
    for (const auto& m : plan.measures) {
      if (!m.missing && !all) continue;
      PlanFinding pf{
          plan.process->id, m.measure->id + " T" + std::to_string(m.tertial), m.unit, {}, {}};
      if (m.missing) {
        pf.kind = "missing";
        pf.text = f("mätvärde saknas (tertialen slutade {})",
                    "measure value missing (the tertial ended {})", dsl::iso(m.due));
      } else if (m.value) {
        pf.kind = "on_time";
        pf.text = f("värde {} ({})", "value {} ({})", engine::number_text(m.value->value, lang),
                    *m.met() ? f("målvärdet nått", "target met")
                             : f("målvärdet inte nått", "target not met"));
      } else {
        pf.kind = "pending";
        pf.text = f("ej förfallen", "not yet due");
      }
      out.push_back(std::move(pf));
    }
  }
  return out;
}

// --- text and markdown -------------------------------------------------------------------

enum class Style { text, markdown, html };

/// The summary at the top of the report: the totals, per role and unit, the worst units. In
/// HTML without the title (the page's <h1> says it) and with every text escaped.
void print_summary(std::ostream& os, const AuditReport& r, dsl::Lang lang, Style style) {
  bool sv = lang == dsl::Lang::sv;
  const bool md = style == Style::markdown, html = style == Style::html;
  auto heading = [&](const std::string& text) {
    if (html)
      os << "<h2>" << escape_html(text) << "</h2>\n";
    else
      os << (md ? "## " : "") << text << "\n\n";
  };
  engine::Tally total;
  for (const auto& p : r.processes)
    total.on_time += p.total.on_time, total.late += p.total.late, total.missing += p.total.missing;
  if (!html)
    os << (md ? "# " : "")
       << fmt::format(fmt::runtime(sv ? "Granskning av cykel {} per {}\n\n"
                                      : "Audit of cycle {} as of {}\n\n"),
                      r.cycle, dsl::iso(r.as_of));
  std::string totals = fmt::format(
      fmt::runtime(
          sv ? "{} uppgifter att ha gjort: {} i tid ({}), {} sena ({}), {} saknas ({}). "
               "Avvikelser: {}."
             : "{} tasks due: {} on time ({}), {} late ({}), {} missing ({}). Findings: {}."),
      total.due(), total.on_time, percent(total.on_time, total.due()), total.late,
      percent(total.late, total.due()), total.missing, percent(total.missing, total.due()),
      r.findings());
  os << (html ? "<p>" + escape_html(totals) + "</p>\n" : totals + "\n\n");
  auto table = [&](const std::string& title, const std::map<std::string, engine::Tally>& rows) {
    heading(title);
    if (html)
      os << (sv ? "<table><tr><th></th><th>i tid</th><th>sena</th><th>saknas</th></tr>\n"
                : "<table><tr><th></th><th>on time</th><th>late</th><th>missing</th></tr>\n");
    if (md)
      os << (sv ? "| | i tid | sena | saknas |\n|---|---|---|---|\n"
                : "| | on time | late | missing |\n|---|---|---|---|\n");
    for (const auto& [name, t] : rows) {
      auto on_time = percent(t.on_time, t.due()), late = percent(t.late, t.due()),
           missing = percent(t.missing, t.due());
      if (html)
        os << "<tr><td>" << escape_html(name) << "</td><td class=\"n\">" << on_time
           << "</td><td class=\"n\">" << late << "</td><td class=\"n\">" << missing
           << "</td></tr>\n";
      else if (md)
        os << fmt::format("| {} | {} | {} | {} |\n", name, on_time, late, missing);
      else
        os << fmt::format("  {:<40} {:>6} {:>6} {:>6}\n", name, on_time, late, missing);
    }
    os << (html ? "</table>\n" : "\n");
  };
  std::map<std::string, engine::Tally> roles, units;
  for (const auto& p : r.processes) {
    for (const auto& [k, t] : p.by_role)
      roles[k].on_time += t.on_time, roles[k].late += t.late, roles[k].missing += t.missing;
    for (const auto& [k, t] : p.by_unit)
      units[k].on_time += t.on_time, units[k].late += t.late, units[k].missing += t.missing;
  }
  std::string cols = html ? "" : sv ? " (i tid, sena, saknas)" : " (on time, late, missing)";
  table((sv ? "Per roll" : "Per role") + cols, roles);
  table((sv ? "Per enhet" : "Per unit") + cols, units);
  auto worst = r.worst_units(5);
  if (!worst.empty()) {
    heading(sv ? "Sämst följda enheter" : "Units that followed it least");
    if (html) os << "<ul>\n";
    for (const auto& [unit, t] : worst) {
      std::string line = fmt::format(
          fmt::runtime(sv ? "{}: {} sena, {} saknas av {}" : "{}: {} late, {} missing of {}"), unit,
          t.late, t.missing, t.due());
      os << (html ? "<li>" + escape_html(line) + "</li>\n" : "- " + line + "\n");
    }
    os << (html ? "</ul>\n" : "\n");
  }
}

void print_text(std::ostream& os, const AuditReport& r, const std::vector<dsl::Process>& ps,
                dsl::Lang lang, bool all, bool md, const std::vector<PlanFinding>& plan) {
  print_summary(os, r, lang, md ? Style::markdown : Style::text);
  for (const auto& pa : r.processes) {
    const auto& p = ps[pa.process];
    os << (md ? "## " : "") << p.id << " — " << p.title << "\n\n";
    if (md)
      os << (lang == dsl::Lang::sv ? "| steg | enhet | senast | fynd |\n|---|---|---|---|\n"
                                   : "| step | unit | due | finding |\n|---|---|---|---|\n");
    for (const auto& t : pa.tasks) {
      auto fs = findings_of(t, p, lang);
      if (!all && !md && std::none_of(fs.begin(), fs.end(), is_finding) && !t.corrected_from)
        continue;
      std::string text;
      for (const auto& f : fs) text += (text.empty() ? "" : "; ") + f.text;
      std::string step =
          p.steps[t.step].id +
          (p.steps[t.step].when.occurrences.size() > 1 ? fmt::format(" #{}", t.occurrence) : "");
      if (md)
        os << fmt::format("| {} | {} | {} | {} |\n", step, t.unit, dsl::iso(t.window.deadline),
                          text);
      else
        os << fmt::format("  {:<28} {:<24} {}  {}\n", step, t.unit, dsl::iso(t.window.deadline),
                          text);
    }
    os << "\n";
  }
  if (!plan.empty()) {
    bool sv = lang == dsl::Lang::sv;
    os << (md ? "## " : "")
       << (sv ? "Verksamhetsplanen: aktiviteter och mätvärden\n\n"
              : "The plan: activities and measure values\n\n");
    if (md)
      os << (sv ? "| process | aktivitet/mätetal | enhet | fynd |\n|---|---|---|---|\n"
                : "| process | activity/measure | unit | finding |\n|---|---|---|---|\n");
    for (const auto& p : plan)
      os << (md ? fmt::format("| {} | {} | {} | {} |\n", p.process, p.item, p.unit, p.text)
                : fmt::format("  {:<28} {:<32} {:<24} {}\n", p.process, p.item, p.unit, p.text));
    os << "\n";
  }
  if (!r.unmatched.empty()) {
    os << (md ? "## " : "")
       << (lang == dsl::Lang::sv ? "Poster som inte hör till något steg\n\n"
                                 : "Entries that match no step\n\n");
    for (const auto& u : r.unmatched) os << "- " << unmatched_text(u, lang) << "\n";
  }
}

// --- JSON and HTML -----------------------------------------------------------------------

// Streamed: the tasks of a large administration (200,000 and more) are written one by one
// instead of being built into one document first (that took 800 MB for 1,000 units).
void print_json(std::ostream& os, const AuditReport& r, const std::vector<dsl::Process>& ps,
                dsl::Lang lang, const std::vector<PlanFinding>& plan) {
  auto tally = [](const engine::Tally& t) {
    return nlohmann::json{
        {"due", t.due()}, {"on_time", t.on_time}, {"late", t.late}, {"missing", t.missing}};
  };
  os << "{\"cycle\":" << r.cycle << ",\"as_of\":\"" << dsl::iso(r.as_of)
     << "\",\"findings\":" << r.findings() << ",\"processes\":[";
  for (std::size_t i = 0; i < r.processes.size(); ++i) {
    const auto& pa = r.processes[i];
    const auto& p = ps[pa.process];
    nlohmann::json head{{"process", p.id},
                        {"title", p.title},
                        {"total", tally(pa.total)},
                        {"by_role", nlohmann::json::object()},
                        {"by_unit", nlohmann::json::object()}};
    for (const auto& [k, t] : pa.by_role) head["by_role"][k] = tally(t);
    for (const auto& [k, t] : pa.by_unit) head["by_unit"][k] = tally(t);
    std::string text = head.dump();
    text.pop_back();  // reopen the object to append the task list
    os << (i ? "," : "") << text << ",\"tasks\":[";
    for (std::size_t k = 0; k < pa.tasks.size(); ++k) {
      const auto& t = pa.tasks[k];
      nlohmann::json tj{{"step", p.steps[t.step].id},
                        {"unit", t.unit},
                        {"occurrence", t.occurrence},
                        {"start", dsl::iso(t.window.start)},
                        {"deadline", dsl::iso(t.window.deadline)},
                        {"findings", nlohmann::json::array()}};
      if (t.done_on) tj["done_on"] = dsl::iso(*t.done_on), tj["done_by"] = t.done_by;
      for (const auto& f : findings_of(t, p, lang))
        tj["findings"].push_back({{"kind", f.kind}, {"text", f.text}});
      os << (k ? "," : "") << tj.dump();
    }
    os << "]}";
  }
  nlohmann::json tail{{"unmatched", nlohmann::json::array()},
                      {"worst_units", nlohmann::json::array()},
                      {"plan", nlohmann::json::array()}};
  for (const auto& p : plan)
    tail["plan"].push_back({{"process", p.process},
                            {"item", p.item},
                            {"unit", p.unit},
                            {"kind", p.kind},
                            {"text", p.text}});
  for (const auto& u : r.unmatched)
    tail["unmatched"].push_back({{"id", u.record.id}, {"text", unmatched_text(u, lang)}});
  for (const auto& [unit, t] : r.worst_units(5))
    tail["worst_units"].push_back({{"unit", unit}, {"tally", tally(t)}});
  std::string rest = tail.dump();
  os << "]," << rest.substr(1) << "\n";  // the tail's members close the top object
}

void print_html(std::ostream& os, const AuditReport& r, const std::vector<dsl::Process>& ps,
                dsl::Lang lang, const std::vector<PlanFinding>& plan) {
  bool sv = lang == dsl::Lang::sv;
  os << "<!DOCTYPE html>\n<html lang=\"" << (sv ? "sv" : "en")
     << "\"><head><meta charset=\"utf-8\">"
     << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
     << "<title>"
     << escape_html(fmt::format(fmt::runtime(sv ? "Granskning {}" : "Audit {}"), r.cycle))
     << "</title>"
     << "<style>body{font-family:system-ui,sans-serif;margin:2em;max-width:70em}"
        "table{border-collapse:collapse;width:100%;margin-bottom:2em}td,th{border:1px solid "
        "#ccc;padding:.3em .5em;text-align:left;vertical-align:top}"
        "th{background:#eee}.late{background:#fff3cd}.missing{background:#f8d7da}.out_of_order,."
        "wrong_role{background:#e2d9f3}"
        ".on_time{background:#d4edda}td.date,td.n{white-space:nowrap}td.n{text-align:right}"
        "@media (max-width:40em){body{margin:.5em}table{font-size:.85em}td,th{padding:.2em "
        ".3em}}</style></head><body>\n";
  os << "<h1>"
     << escape_html(fmt::format(
            fmt::runtime(sv ? "Granskning av cykel {} per {}" : "Audit of cycle {} as of {}"),
            r.cycle, dsl::iso(r.as_of)))
     << "</h1>\n";
  print_summary(os, r, lang, Style::html);
  for (const auto& pa : r.processes) {
    const auto& p = ps[pa.process];
    os << "<h2>" << escape_html(p.id + " — " + p.title) << "</h2>\n<table><tr><th>"
       << (sv ? "steg</th><th>enhet</th><th>senast</th><th>VAD</th><th>fynd"
              : "step</th><th>unit</th><th>due</th><th>WHAT</th><th>finding")
       << "</th></tr>\n";
    for (const auto& t : pa.tasks) {
      auto fs = findings_of(t, p, lang);
      std::string cls = fs.empty() ? "" : fs.front().kind;
      for (const auto& f : fs)
        if (is_finding(f)) cls = f.kind;
      os << "<tr class=\"" << cls << "\"><td>" << escape_html(p.steps[t.step].id) << "</td><td>"
         << escape_html(t.unit) << "</td><td class=\"date\">" << dsl::iso(t.window.deadline)
         << "</td><td>" << escape_html(p.steps[t.step].task) << "</td><td>";
      for (const auto& f : fs) os << escape_html(f.text) << "<br>";
      os << "</td></tr>\n";
    }
    os << "</table>\n";
  }
  if (!plan.empty()) {
    os << "<h2>"
       << (sv ? "Verksamhetsplanen: aktiviteter och mätvärden"
              : "The plan: activities and measure values")
       << "</h2>\n<table><tr><th>"
       << (sv ? "process</th><th>aktivitet/mätetal</th><th>enhet</th><th>fynd"
              : "process</th><th>activity/measure</th><th>unit</th><th>finding")
       << "</th></tr>\n";
    for (const auto& p : plan)
      os << "<tr class=\"" << p.kind << "\"><td>" << escape_html(p.process) << "</td><td>"
         << escape_html(p.item) << "</td><td>" << escape_html(p.unit) << "</td><td>"
         << escape_html(p.text) << "</td></tr>\n";
    os << "</table>\n";
  }
  if (!r.unmatched.empty()) {
    os << "<h2>" << (sv ? "Poster som inte hör till något steg" : "Entries that match no step")
       << "</h2><ul>\n";
    for (const auto& u : r.unmatched)
      os << "<li>" << escape_html(unmatched_text(u, lang)) << "</li>\n";
    os << "</ul>\n";
  }
  os << "</body></html>\n";
}

int run_audit(const AuditOptions& o, const GlobalOptions& g) {
  auto inputs = load_inputs(o.in, g);
  if (!inputs) return kExitBadInput;
  int cycle = o.in.year.value_or(static_cast<int>(inputs->date.year()));
  std::vector<engine::Completion> entries;
  engine::PlanRecords plan_records;
  if (std::filesystem::exists(o.in.store)) {
    try {
      engine::Store store(o.in.store, false);
      entries = store.load(cycle, cycle);
      plan_records = engine::load_plan_records(store, cycle, cycle);
    } catch (const engine::StoreError& e) {
      std::cerr << "arshjul: " << e.what() << "\n";
      return kExitStoreError;
    }
  }
  const auto& ps = inputs->rules.processes;
  auto report = engine::audit(ps, inputs->roster, cycle, inputs->date, entries);
  dsl::Lang lang = g.language();
  auto plans = engine::follow_up(ps, inputs->roster, plan_records, cycle, 3, inputs->date);
  // Markdown and HTML list everything, as the step tables do; text only the findings.
  auto plan = plan_findings(plans, inputs->date, lang, o.all || o.format != "text");
  if (o.format == "json")
    print_json(std::cout, report, ps, lang, plan);
  else if (o.format == "html")
    write_audit_html(std::cout, report, plans, ps, lang);
  else
    print_text(std::cout, report, ps, lang, o.all, o.format == "markdown", plan);
  bool plan_findings_found = std::any_of(plan.begin(), plan.end(), [](const PlanFinding& p) {
    return p.kind == "late" || p.kind == "missing";
  });
  return report.findings() || plan_findings_found ? kExitFindings : kExitOk;
}

}  // namespace

void write_audit_html(std::ostream& os, const engine::AuditReport& r,
                      const std::vector<engine::PlanFollowUp>& plans,
                      const std::vector<dsl::Process>& ps, dsl::Lang lang) {
  print_html(os, r, ps, lang, plan_findings(plans, r.as_of, lang, true));
}

std::string escape_html(const std::string& s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '&':
        out += "&amp;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

void add_audit_command(CLI::App& app, const GlobalOptions& g, int& exit_code) {
  static AuditOptions o;
  auto* a =
      app.add_subcommand("audit", "granska en cykel: i tid, sent, saknas, i fel ordning, fel roll");
  add_input_options(a, o.in, true);
  a->get_option("--date")->description("granska per detta datum (standard: i dag)");
  a->add_option("--as-of", o.in.date, "samma som --date");
  a->add_option("--format", o.format, "text, markdown, html eller json")
      ->check(CLI::IsMember({"text", "markdown", "html", "json"}));
  a->add_flag("--all", o.all, "text: visa alla uppgifter, inte bara avvikelser");
  a->callback([&] { exit_code = run_audit(o, g); });
}

}  // namespace arshjul::cli
