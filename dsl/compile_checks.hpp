#pragma once
// The compiler's checks of a linked process as a whole: dependency cycles, circles of NÄR
// counting from another step, and the dates of the checked year. Part of the compiler
// (dsl/compiler.cpp calls them once every step is linked).
#include <cstddef>
#include <optional>
#include <vector>

#include "dsl/diagnostic.hpp"
#include "dsl/model.hpp"

namespace arshjul::dsl {

/// A NÄR of step `from` counting from step `to` (`7 dagar före nämndmöte`), written at `where`.
struct AnchorEdge {
  std::size_t from;
  std::size_t to;
  Location where;
};

/// The steps `cycle` as "a -> b -> ... -> a"; a long one with its middle left out.
std::string cycle_text(const Process& p, const std::vector<std::size_t>& cycle);

/// Each circle of roles reporting to each other (`rapporterar till`), once, at the first
/// role's `rapporterar till` (`reports_to[i]`, of role i, as written).
void check_reports_chains(const Process& p, const std::vector<std::optional<Name>>& reports_to,
                          std::vector<Diagnostic>& errors);

/// Each dependency cycle (EFTER), the first ten of them, at the EFTER that closes it.
void check_cycles(const Process& p, std::vector<Diagnostic>& errors);

/// A step whose NÄR counts from a step that counts from it has no date: each such circle is
/// reported once, at the anchor that closes it, naming the whole circle.
void check_anchor_cycles(const Process& p, const std::vector<AnchorEdge>& anchors,
                         std::vector<Diagnostic>& errors);

/// The windows of every step in the cycle of `year` (`broken[i]`: step i had a syntax error,
/// no windows for it), a deadline before its window and a step due before what it comes after.
void check_dates(const Process& p, const std::vector<bool>& broken, int year,
                 std::vector<Diagnostic>& errors);

}  // namespace arshjul::dsl
