#pragma once
// The one way text files enter the system: rule files, rosters, CSV files to import. Only a
// regular file is read (not a folder, a device such as /dev/zero, or a FIFO that would block
// the nightly job), and only up to a size, so a mistaken or hostile path cannot exhaust the
// machine; its text must pass the input gate (check_text) before it is used.
#include <cstddef>
#include <optional>
#include <string>

#include "dsl/diagnostic.hpp"

namespace arshjul::dsl {

/// Sizes past which an input file is refused: a rule file is written by hand; a table may
/// hold years of entries of a large administration.
inline constexpr std::size_t kMaxRuleFileBytes = 16u << 20;
inline constexpr std::size_t kMaxTableFileBytes = 1u << 30;

/// Reads `path` into `text`. On failure, the diagnostic at `from`: `unreadable` with the path
/// and the system's reason when it cannot be opened or read (its message takes {path, why}),
/// or why it is refused.
std::optional<Diagnostic> read_input_file(const std::string& path, std::size_t max_bytes,
                                          const Location& from, Msg unreadable, std::string& text);

/// The diagnostic for the first fault of `text` (check_text), located in `file` where the
/// text starts at `start` (line and byte column of its first byte); nothing when it passes.
std::optional<Diagnostic> text_fault(std::string_view text, bool line_breaks,
                                     const Location& start);

}  // namespace arshjul::dsl
