#pragma once
// Writing a file whole or not at all: what fmt writes over a rule file and what remind
// writes as a message.
#include <filesystem>
#include <string_view>

namespace arshjul::engine {

/// Writes `text` to `path` through a fresh temporary file beside it (mkstemp: a name nobody
/// can guess or plant, created with mode 0600), flushed to disk and renamed over `path`. An
/// existing file keeps its permissions. False, with nothing changed and no temporary file
/// left, when any step fails (errno tells why).
bool write_file_atomically(const std::filesystem::path& path, std::string_view text);

}  // namespace arshjul::engine
