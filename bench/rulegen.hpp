#pragma once
// Generates large, valid, realistic rule files for benchmarks (gen_rules, bench_compile).
#include <cstddef>
#include <cstdint>
#include <string>

namespace arshjul::bench {

/// The text of one rule file (a `kalenderår` process) with `steps` steps, fully determined
/// by `seed`. It uses ten roles (some `per enhet`, some with aliases), every NÄR form
/// (months, ranges, day and month, parts of a month, weeks, Q, T, `nästa år`, repeats,
/// `under året`, `varje månad`), multi-line VAD, SENAST, TYP, TAGG, UTFALL/OM, VART and
/// LEDTID, and 0-3 EFTER per step to earlier steps only, each one starting no later than
/// the dependent step's deadline in any year, so the file checks cleanly for every year.
std::string generate_rules(std::size_t steps, std::uint64_t seed);

}  // namespace arshjul::bench
