#pragma once
// What the tests of the incremental snapshot write: random entries for a snapshot's tasks, and
// a generated administration with områden, single roles and a vacancy.
#include <fmt/format.h>

#include <random>
#include <string>
#include <vector>

#include "dsl/text.hpp"
#include "engine/snapshot.hpp"

namespace arshjul::test {

/// A random entry for a task of `s` (any state), sometimes a correction with another date or
/// outcome, done after the date, of a cycle not read, or naming a unit nobody has.
inline engine::Completion random_entry(const engine::Snapshot& s, std::mt19937& rng) {
  auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
  const auto& t = s.tasks[static_cast<std::size_t>(pick(static_cast<int>(s.tasks.size())))];
  const auto& p = s.processes()[t.process];
  const auto& step = p.steps[t.step];
  engine::Completion c;
  c.process = p.id;
  c.cycle = t.cycle;
  c.step = step.id;
  c.unit = t.unit;
  c.occurrence = t.occurrence;
  int shift = pick(10) == 0 ? 3 + pick(20) : -pick(90);  // now and then after the date
  c.done_on = dsl::Date(std::chrono::sys_days(s.date) + std::chrono::days(shift));
  if (!step.outcomes.empty() && pick(6) != 0)
    c.outcome = step.outcomes[static_cast<std::size_t>(pick(int(step.outcomes.size())))];
  c.done_by = "prov@example.se";
  c.recorded_at = "2026-01-01T00:00:00Z";
  if (pick(25) == 0) c.unit = "Ingen sådan enhet";
  if (pick(25) == 0) c.cycle -= 3;  // a cycle the snapshot did not read
  return c;
}

/// One to three random entries (random_entry), a batch as one write takes them.
inline std::vector<engine::Completion> random_batch(const engine::Snapshot& s, std::mt19937& rng) {
  std::vector<engine::Completion> batch;
  for (int n = 1 + static_cast<int>(rng() % 3); n > 0; --n) batch.push_back(random_entry(s, rng));
  return batch;
}

/// The roster of the rules bench::generate_rules makes: eight units in two områden (Skolan 8
/// has no Elevhälsa: a vacancy) and the single roles.
inline std::string generated_roster() {
  std::string roster = "enhet,roll,namn,epost,område\n";
  for (int u = 1; u <= 8; ++u)
    for (const char* role : {"Enhetschef", "Personal", "Elevhälsa", "Skyddsombud"}) {
      if (u == 8 && std::string(role) == "Elevhälsa") continue;
      roster += fmt::format("Skolan {0},{1},{1} {0},{2}{0}@example.se,{3}\n", u, role,
                            dsl::fold(role).substr(0, 3), u <= 4 ? "Norr" : "Söder");
    }
  for (const char* role : {"Förvaltningschef", "Nämnd", "Controller", "Kvalitetsstrateg",
                           "Nämndsekreterare", "HR-specialist"})
    roster += fmt::format(",{0},{0},{1}@example.se,\n", role, dsl::fold(role).substr(0, 4));
  return roster;
}

}  // namespace arshjul::test
