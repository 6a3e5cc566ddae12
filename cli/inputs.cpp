#include "cli/inputs.hpp"

#include <fmt/format.h>

#include <ctime>
#include <filesystem>
#include <iostream>

#include "engine/records.hpp"

namespace arshjul::cli {
namespace fs = std::filesystem;

namespace {

// A path relative to the current folder when it exists there, else the shipped one.
std::string shipped(const std::string& relative) {
  if (fs::exists(relative)) return relative;
  return (fs::path(ARSHJUL_DATA_DIR) / relative).string();
}

}  // namespace

void add_input_options(CLI::App* cmd, InputOptions& o, bool with_year) {
  cmd->add_option("--rules", o.rules, "regelfil eller mapp (standard: rules/)");
  cmd->add_option("--roster", o.roster,
                  "enhetslista, CSV enhet,roll,namn,epost (standard: examples/roster.csv)");
  cmd->add_option("--store", o.store, "lagret (standard: arshjul.db)");
  cmd->add_option("--date", o.date, "datum att utgå från, ÅÅÅÅ-MM-DD (standard: i dag)");
  if (with_year)  // a bound chrono::year holds; the cycle years themselves are checked where used
    cmd->add_option("--year", o.year, "cykel (året den börjar)")->check(CLI::Range(1, 9999));
}

dsl::Date today() {
  std::time_t t = std::time(nullptr);
  std::tm local{};
  localtime_r(&t, &local);
  return std::chrono::year(local.tm_year + 1900) / std::chrono::month(local.tm_mon + 1) /
         std::chrono::day(local.tm_mday);
}

std::string now_timestamp() {
  return timestamp_seconds_ago(0);
}

std::string timestamp_seconds_ago(long seconds) {
  std::time_t t = std::time(nullptr) - static_cast<std::time_t>(seconds);
  std::tm utc{};
  gmtime_r(&t, &utc);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return buf;
}

std::optional<Inputs> load_inputs(const InputOptions& o, const GlobalOptions& g) {
  Inputs in;
  if (o.date.empty()) {
    in.date = today();
  } else if (auto d = engine::parse_date(o.date)) {
    in.date = *d;
  } else {
    std::cerr << "arshjul: " << dsl::render(dsl::Msg::record_bad_date, {o.date}, g.language())
              << "\n";
    return std::nullopt;
  }
  int year = o.year.value_or(static_cast<int>(in.date.year()));
  in.rules = dsl::load_rules({o.rules.empty() ? shipped("rules") : o.rules}, year);
  if (!report(in.rules, g)) return std::nullopt;
  std::vector<dsl::Diagnostic> errors;
  in.roster = engine::load_roster(o.roster.empty() ? shipped("examples/roster.csv") : o.roster,
                                  in.rules.processes, in.rules.sources, errors);
  for (const auto& d : errors) std::cerr << dsl::format(d, in.rules.sources, g.language());
  if (!errors.empty()) {
    std::cerr << say<Msg::n_errors>(g.language(), errors.size());
    return std::nullopt;
  }
  return in;
}

}  // namespace arshjul::cli
