// The fault hooks of arshjul_faults, the test build of the binary (see engine/faults.hpp): each
// does what the environment tells it to, and nothing when it says nothing.
//
//   ARSHJUL_FAULT_AFTER_SEND=K   remind dies (exit 70, no clean-up, as a crash would) right
//                                after delivering its K-th message, before recording it.
//   ARSHJUL_FAULT_IO=N           the N-th write, fsync, truncate or rename of the run fails:
//                                counted over the store's SQLite files (a VFS in front of the
//                                default "unix" one: xWrite, xSync, xTruncate fail with
//                                SQLITE_IOERR_WRITE, _FSYNC, _TRUNCATE) and the files written
//                                by write_file_atomically (write, fsync, rename fail with
//                                EIO). 0 fails none, which counts them.
//   ARSHJUL_FAULT_IO_PERSIST=1   every step after the N-th fails too (a disk that is gone),
//                                not only the N-th (a transient error).
//   ARSHJUL_FAULT_IO_LOG=FILE    one line per step appended to FILE: its number, its kind,
//                                the file, and "fail" when it failed.
// This is SQLite's own way of testing I/O errors (its test_vfs and "ioerr" tests), applied to
// the whole program.
#include <sqlite3.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <mutex>

#include "engine/faults.hpp"

namespace arshjul::engine::faults {
namespace {

struct IoFaults {
  long fail_at = -1;  // -1: no I/O faults asked for (nothing counted)
  bool persist = false;
  std::FILE* log = nullptr;
  long count = 0;
  std::mutex mutex;  // the web view writes from several threads
};

IoFaults& io() {
  static IoFaults f;
  static std::once_flag once;
  std::call_once(once, [] {
    if (const char* n = std::getenv("ARSHJUL_FAULT_IO")) f.fail_at = std::atol(n);
    const char* persist = std::getenv("ARSHJUL_FAULT_IO_PERSIST");
    f.persist = persist && std::atoi(persist) == 1;
    if (const char* log = std::getenv("ARSHJUL_FAULT_IO_LOG"); log && f.fail_at >= 0)
      f.log = std::fopen(log, "ae");
  });
  return f;
}

/// Counts one step; true when it must fail.
bool next_fails(const char* kind, const char* file) {
  auto& f = io();
  if (f.fail_at < 0) return false;
  std::lock_guard<std::mutex> lock(f.mutex);
  const long n = ++f.count;
  const bool fails = f.fail_at > 0 && (n == f.fail_at || (f.persist && n > f.fail_at));
  if (f.log) {
    std::fprintf(f.log, "%ld %s %s%s\n", n, kind, file ? file : "(temporary)",
                 fails ? " fail" : "");
    std::fflush(f.log);
  }
  return fails;
}

// --- The SQLite VFS: the default one's files, each behind a File that can fail ------------

struct File {
  sqlite3_file base;   // pMethods: kMethods
  sqlite3_file* real;  // the default VFS's file, right after this struct
  const char* name;    // valid until xClose (SQLite's promise)
};

sqlite3_vfs* real_vfs = nullptr;

sqlite3_file* real(sqlite3_file* f) {
  return reinterpret_cast<File*>(f)->real;
}
const char* name(sqlite3_file* f) {
  return reinterpret_cast<File*>(f)->name;
}

int x_close(sqlite3_file* f) {
  return real(f)->pMethods->xClose(real(f));
}
int x_read(sqlite3_file* f, void* buf, int n, sqlite3_int64 at) {
  return real(f)->pMethods->xRead(real(f), buf, n, at);
}
int x_write(sqlite3_file* f, const void* buf, int n, sqlite3_int64 at) {
  if (next_fails("sqlite-write", name(f))) return SQLITE_IOERR_WRITE;
  return real(f)->pMethods->xWrite(real(f), buf, n, at);
}
int x_truncate(sqlite3_file* f, sqlite3_int64 size) {
  if (next_fails("sqlite-truncate", name(f))) return SQLITE_IOERR_TRUNCATE;
  return real(f)->pMethods->xTruncate(real(f), size);
}
int x_sync(sqlite3_file* f, int flags) {
  if (next_fails("sqlite-fsync", name(f))) return SQLITE_IOERR_FSYNC;
  return real(f)->pMethods->xSync(real(f), flags);
}
int x_file_size(sqlite3_file* f, sqlite3_int64* size) {
  return real(f)->pMethods->xFileSize(real(f), size);
}
int x_lock(sqlite3_file* f, int level) {
  return real(f)->pMethods->xLock(real(f), level);
}
int x_unlock(sqlite3_file* f, int level) {
  return real(f)->pMethods->xUnlock(real(f), level);
}
int x_check_reserved_lock(sqlite3_file* f, int* out) {
  return real(f)->pMethods->xCheckReservedLock(real(f), out);
}
int x_file_control(sqlite3_file* f, int op, void* arg) {
  return real(f)->pMethods->xFileControl(real(f), op, arg);
}
int x_sector_size(sqlite3_file* f) {
  return real(f)->pMethods->xSectorSize(real(f));
}
int x_device_characteristics(sqlite3_file* f) {
  return real(f)->pMethods->xDeviceCharacteristics(real(f));
}
int x_shm_map(sqlite3_file* f, int region, int size, int extend, void volatile** out) {
  return real(f)->pMethods->xShmMap(real(f), region, size, extend, out);
}
int x_shm_lock(sqlite3_file* f, int offset, int n, int flags) {
  return real(f)->pMethods->xShmLock(real(f), offset, n, flags);
}
void x_shm_barrier(sqlite3_file* f) {
  real(f)->pMethods->xShmBarrier(real(f));
}
int x_shm_unmap(sqlite3_file* f, int delete_flag) {
  return real(f)->pMethods->xShmUnmap(real(f), delete_flag);
}
int x_fetch(sqlite3_file* f, sqlite3_int64 at, int n, void** out) {
  return real(f)->pMethods->xFetch(real(f), at, n, out);
}
int x_unfetch(sqlite3_file* f, sqlite3_int64 at, void* p) {
  return real(f)->pMethods->xUnfetch(real(f), at, p);
}

const sqlite3_io_methods kMethods = {3,
                                     x_close,
                                     x_read,
                                     x_write,
                                     x_truncate,
                                     x_sync,
                                     x_file_size,
                                     x_lock,
                                     x_unlock,
                                     x_check_reserved_lock,
                                     x_file_control,
                                     x_sector_size,
                                     x_device_characteristics,
                                     x_shm_map,
                                     x_shm_lock,
                                     x_shm_barrier,
                                     x_shm_unmap,
                                     x_fetch,
                                     x_unfetch};

int x_open(sqlite3_vfs*, const char* path, sqlite3_file* file, int flags, int* out_flags) {
  auto* f = reinterpret_cast<File*>(file);
  f->real = reinterpret_cast<sqlite3_file*>(f + 1);
  f->name = path;
  int rc = real_vfs->xOpen(real_vfs, path, f->real, flags, out_flags);
  // The unix VFS's files have every method of version 3, which kMethods forwards to.
  f->base.pMethods = f->real->pMethods ? &kMethods : nullptr;
  return rc;
}

}  // namespace

void start() {
  if (io().fail_at < 0) return;
  real_vfs = sqlite3_vfs_find(nullptr);
  if (!real_vfs || real_vfs->iVersion < 1) std::abort();
  static sqlite3_vfs vfs = *real_vfs;
  vfs.zName = "arshjul-faults";
  vfs.szOsFile = static_cast<int>(sizeof(File)) + real_vfs->szOsFile;
  vfs.xOpen = x_open;
  if (sqlite3_vfs_register(&vfs, 1) != SQLITE_OK) std::abort();
}

void after_send(int delivered) {
  static const char* fault = std::getenv("ARSHJUL_FAULT_AFTER_SEND");
  if (fault && std::atoi(fault) == delivered) _exit(70);
}

bool io_fails(Io step, const char* path) {
  static constexpr const char* kKinds[] = {"write", "fsync", "rename"};
  return next_fails(kKinds[static_cast<int>(step)], path);
}

}  // namespace arshjul::engine::faults
