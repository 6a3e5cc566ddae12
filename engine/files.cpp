#include "engine/files.hpp"

#include <fcntl.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <string>

#include "engine/faults.hpp"

namespace arshjul::engine {
namespace fs = std::filesystem;
namespace {

/// True, with errno EIO, when the test build fails this step here (engine/faults.hpp).
bool injected(faults::Io step, const std::string& path) {
  if (!faults::io_fails(step, path.c_str())) return false;
  errno = EIO;
  return true;
}

/// fsync(2), or the test build's failure of it.
int sync_file(int fd, const std::string& path) {
  return injected(faults::Io::fsync, path) ? -1 : ::fsync(fd);
}

/// Opens a new file beside `path` under a random name (O_EXCL: never one that exists, nor a
/// symbolic link); -1 when none could be made. `tmp` receives its path.
int open_temporary(const fs::path& path, std::string& tmp) {
  static constexpr char kDigits[] = "abcdefghijklmnopqrstuvwxyz0123456789";
  for (int attempt = 0; attempt < 100; ++attempt) {
    unsigned char random[12];
    if (getrandom(random, sizeof random, 0) != static_cast<ssize_t>(sizeof random)) return -1;
    tmp = path.string() + ".tmp-";
    for (unsigned char r : random) tmp += kDigits[r % 36];
    int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd >= 0 || errno != EEXIST) return fd;
  }
  return -1;
}

/// Flushes the folder holding `path`, so the rename survives a power loss.
void sync_folder(const fs::path& path) {
  auto folder = path.parent_path().empty() ? fs::path(".") : path.parent_path();
  int fd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  (void)sync_file(fd, folder.string());
  ::close(fd);
}

/// The temporary file's mode and owner before it takes `path`'s place.
bool set_attributes(int fd, const fs::path& path, const WriteOptions& o) {
  mode_t mode = 0600;
  struct stat st {};
  if (o.mode)
    mode = *o.mode;
  else if (::lstat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode))
    mode = st.st_mode & 07777;
  if (o.owner && ::fchown(fd, *o.owner, static_cast<gid_t>(-1)) != 0) return false;
  return ::fchmod(fd, mode) == 0;
}

}  // namespace

bool write_file_atomically(const fs::path& path, std::string_view text, const WriteOptions& o) {
  std::string tmp;
  int fd = open_temporary(path, tmp);
  if (fd < 0) return false;
  bool ok = true;
  for (std::size_t at = 0; ok && at < text.size();) {
    ssize_t n =
        injected(faults::Io::write, tmp) ? -1 : ::write(fd, text.data() + at, text.size() - at);
    ok = n > 0 || (n < 0 && errno == EINTR);
    if (n > 0) at += static_cast<std::size_t>(n);
  }
  ok = ok && set_attributes(fd, path, o) && sync_file(fd, tmp) == 0;
  int saved = errno;
  ok = ::close(fd) == 0 && ok;
  if (ok) {
    // Without replacing: the kernel refuses when the name exists (a file or a symbolic link).
    ok = !injected(faults::Io::rename, path) &&
         (o.replace
              ? ::rename(tmp.c_str(), path.c_str())
              : ::renameat2(AT_FDCWD, tmp.c_str(), AT_FDCWD, path.c_str(), RENAME_NOREPLACE)) == 0;
    // A file system without RENAME_NOREPLACE: link() refuses an existing name just as well.
    if (!ok && !o.replace && errno == EINVAL) {
      ok = ::link(tmp.c_str(), path.c_str()) == 0;
      saved = errno;
      ::unlink(tmp.c_str());
      if (ok) sync_folder(path);
      errno = saved;
      return ok;
    }
    saved = errno;
  }
  if (ok) {
    sync_folder(path);
    return true;
  }
  ::unlink(tmp.c_str());
  errno = saved;
  return false;
}

}  // namespace arshjul::engine
