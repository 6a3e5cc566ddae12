#include "engine/files.hpp"

#include <stdlib.h>
#include <unistd.h>

#include <cerrno>
#include <string>

namespace arshjul::engine {
namespace fs = std::filesystem;

bool write_file_atomically(const fs::path& path, std::string_view text) {
  std::string tmp = path.string() + ".tmp-XXXXXX";
  int fd = mkstemp(tmp.data());
  if (fd < 0) return false;
  bool ok = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
  ok = ::fsync(fd) == 0 && ok;
  ok = ::close(fd) == 0 && ok;
  std::error_code ec;
  if (ok && fs::exists(path, ec)) fs::permissions(tmp, fs::status(path, ec).permissions(), ec);
  if (ok && !ec) fs::rename(tmp, path, ec);
  if (ok && !ec) return true;
  const int saved = ec ? ec.value() : errno;
  fs::remove(tmp, ec);
  errno = saved;
  return false;
}

}  // namespace arshjul::engine
