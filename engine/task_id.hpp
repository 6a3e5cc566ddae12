#pragma once
// A task's identity: process, cycle, step, unit and occurrence. One type for the store's
// entries, the engine's records, the reminders' keys and the web view's addresses.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dsl/model.hpp"

namespace arshjul::engine {

struct Roster;

/// The most occurrences a step has in one cycle that any reading of a number accepts (a
/// weekly step has 53).
constexpr int kMaxOccurrence = 1000;

/// A task as people and files name it.
struct TaskId {
  std::string process;  ///< the process id
  int cycle = 0;        ///< the cycle, named by the year it starts in
  std::string step;     ///< the step id
  std::string unit;     ///< empty for single-instance steps
  int occurrence = 1;   ///< 1-based, for steps that happen several times a cycle

  /// "process/cycle/step/unit/occurrence": the form stored in the reminder rows of every
  /// store written so far, so its meaning never changes.
  std::string text() const;
  /// The inverse of text(); nullopt for anything else (also a cycle outside dsl::kFirstYear..
  /// kLastYear or an occurrence outside 1..kMaxOccurrence). A unit may hold '/'.
  static std::optional<TaskId> parse(std::string_view text);

  friend bool operator==(const TaskId&, const TaskId&) = default;
};

/// A task resolved against the rules and the roster: the indices the engine works with.
struct TaskKey {
  std::uint32_t process = 0;
  std::int32_t cycle = 0;
  std::uint32_t step = 0;
  std::int32_t unit = -1;  ///< index in the roster's units; -1 for single-instance steps
  std::int32_t occurrence = 1;

  friend bool operator==(const TaskKey&, const TaskKey&) = default;
};

/// Hashes every field of the key; none is cut to a width (any number of processes, cycles,
/// steps, units and occurrences), and equality compares them all.
struct TaskKeyHash {
  std::size_t operator()(const TaskKey& k) const noexcept;
};

/// A TaskId found in the rules and the roster: the process and step by index, the id with
/// the process and step ids as the rules write them and the unit as the roster spells it.
struct TaskRef {
  std::size_t process = 0;
  std::size_t step = 0;
  TaskId id;
};

/// Looks `id` up without case and diacritics. A per-unit step needs a unit of the roster; a
/// single-instance step takes none (a unit given is dropped). Nullopt when the process, the
/// step or the unit is unknown (the cycle and occurrence are not checked against the rules).
std::optional<TaskRef> find_task(const TaskId& id, const std::vector<dsl::Process>& processes,
                                 const Roster& roster);

}  // namespace arshjul::engine
