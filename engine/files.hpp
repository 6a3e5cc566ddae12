#pragma once
// The one safe way to write a file: what fmt writes over a rule file, what remind writes as a
// message and the web view's key beside the store. Never through a symbolic link, never into
// a file someone else prepared, whole or not at all.
#include <sys/types.h>

#include <filesystem>
#include <optional>
#include <string_view>

namespace arshjul::engine {

struct WriteOptions {
  /// Replace a file already at the path (false: fail with EEXIST and leave it alone; two
  /// writers racing then keep exactly one of the two texts).
  bool replace = true;
  /// The new file's mode; unset: an existing file's mode, else 0600.
  std::optional<mode_t> mode;
  /// The new file's owner (only root can give a file away); unset: whoever runs this.
  std::optional<uid_t> owner;
};

/// Writes `text` to `path` through a fresh temporary file beside it: a random name opened
/// with O_CREAT|O_EXCL|O_NOFOLLOW (a name nobody can guess or plant, and a symbolic link put
/// there is never followed), mode 0600 until written, flushed to disk (fsync), then renamed
/// over `path` (a symbolic link at `path` is replaced, not followed) and the folder flushed.
/// False, with nothing changed and no temporary file left, when any step fails (errno tells
/// why).
bool write_file_atomically(const std::filesystem::path& path, std::string_view text,
                           const WriteOptions& options = {});

}  // namespace arshjul::engine
