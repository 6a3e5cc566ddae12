#pragma once
// The rules in force for each cycle. A store keeps, per process and cycle, the rules that cycle
// is followed by: the compiled process written as a self-contained rule file
// (dsl::source_text) and the SHA-256 of that text, content-addressed (a text is stored once,
// however many cycles hold it). A version is recorded when a writing command first meets a
// cycle (done, import, progress, measure, remind, the web view, init) or when a process owner
// adopts the files for a cycle (`arshjul adopt`); read commands never write, they use the
// recorded version where there is one and the files elsewhere. So an audit of 2025 after a
// change of the rules in 2026 reads 2025's rules.
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "dsl/diagnostic.hpp"
#include "dsl/model.hpp"
#include "engine/store.hpp"

namespace arshjul::engine {

/// The rules of one process for one cycle.
struct RuleVersion {
  std::string process;      ///< the process id
  int cycle = 0;            ///< named by the year it starts in
  std::string hash;         ///< SHA-256 of `text` in hex; empty: not in force that cycle
  std::string text;         ///< dsl::source_text of the process
  std::string recorded_by;  ///< who adopted it; empty when recorded on first use
  std::string recorded_at;  ///< ISO 8601 UTC; empty for a version not recorded
  bool adopted = false;     ///< by `arshjul adopt`, not on first use
};

/// The SHA-256 of `text`, 64 lower-case hex digits (OpenSSL).
std::string sha256_hex(std::string_view text);

/// The files' version of `p` for `cycle`: its text and hash, not yet recorded.
RuleVersion version_of(const dsl::Process& p, int cycle);

/// The versions of every process of `files` for the cycles `cycles` it applies in (`gäller`).
std::vector<RuleVersion> versions_of(const std::vector<dsl::Process>& files,
                                     const std::vector<int>& cycles);

/// Appends `versions` in one transaction, stamped `recorded_at`. With `only_missing` (first
/// use) a process and cycle that has a version already is left out; otherwise (adopt) one
/// equal to the version in force is. How many were recorded. Throws StoreError.
std::size_t record_versions(Store& store, std::vector<RuleVersion> versions,
                            const std::string& recorded_at, bool only_missing);

/// The version in force of each process and cycle of first..last that has one (the latest
/// recorded), by cycle and then process. Throws StoreError.
std::vector<RuleVersion> recorded_versions(const Store& store, int first, int last);

/// The rules the engine evaluates cycles first..last by. Moving it keeps references into
/// processes() valid.
struct RulesInForce {
  /// The files' processes, and after them each recorded version that differs from the files
  /// compiled again, every one scoped to the cycles it holds in (dsl::Process::only_cycles,
  /// other_cycles): a task's process index points to the version of its cycle. The files'
  /// vector itself (not a copy) when nothing recorded differs.
  const std::vector<dsl::Process>& processes() const { return versioned ? *versioned : *files; }
  /// The recorded versions that differ from the files (cycle order), for "the files differ".
  std::vector<RuleVersion> differing;

  const std::vector<dsl::Process>* files = nullptr;
  std::unique_ptr<std::vector<dsl::Process>> versioned;  ///< set when something differs
};

/// The rules in force for cycles first..last: the files where the store records nothing for
/// a process and cycle (or no store), else the recorded version. `files` must outlive it. Throws
/// StoreError; a recorded text that no longer compiles (it always did when recorded) is StoreError
/// too.
RulesInForce rules_in_force(const std::vector<dsl::Process>& files, const Store* store, int first,
                            int last);

/// The index of the version of process `id` in force in `cycle` among `processes` (as
/// RulesInForce::processes() holds them), if any.
std::optional<std::size_t> process_in_force(const std::vector<dsl::Process>& processes,
                                            std::string_view id, int cycle);

/// The (process, cycle) of every entry: the cycles a writing command records the rules of.
template <typename Entry>
std::vector<std::pair<std::string, int>> cycles_of(const std::vector<Entry>& entries) {
  std::vector<std::pair<std::string, int>> out;
  for (const auto& e : entries) out.emplace_back(e.process, e.cycle);
  return out;
}

/// Records (first use) the files' version of every process and cycle that `evaluated` lists as
/// (process id, cycle) and that has none yet. How many were recorded.
std::size_t record_first_use(Store& store, const std::vector<dsl::Process>& files,
                             const std::vector<std::pair<std::string, int>>& evaluated,
                             const std::string& recorded_at);

}  // namespace arshjul::engine
