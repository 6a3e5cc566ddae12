#pragma once
// Fault injection for the crash and I/O-error tests: the points where a test build can make
// the process die or a write fail. The shipped `arshjul` gets engine/faults_off.cpp (library
// arshjul_faults_off, linked by the engine), where every hook does nothing;
// `arshjul_faults`, built only with the tests (ARSHJUL_TESTS), links tests/faults_on.cpp into
// the program itself, whose definitions take the place of the library's (a static library's
// member is only linked when something is still undefined), and reads the environment.

namespace arshjul::engine::faults {

/// Called first thing in main(): the test build puts its SQLite VFS in front of the default
/// one when the environment asks for I/O faults (ARSHJUL_FAULT_IO, see tests/faults_on.cpp).
void start();

/// `remind` delivered its message number `delivered` (1, 2, ...) and has not yet recorded
/// it. arshjul_faults exits with status 70 here when ARSHJUL_FAULT_AFTER_SEND=`delivered`.
void after_send(int delivered);

/// One step of write_file_atomically (engine/files.hpp) that can fail on a real disk.
enum class Io { write, fsync, rename };

/// True when this step must fail as if the disk had said EIO (the caller then fails it);
/// always false in the shipped binary. `path` names the file, for the test build's log.
bool io_fails(Io step, const char* path);

}  // namespace arshjul::engine::faults
