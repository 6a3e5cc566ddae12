#pragma once
// Fault injection for the crash tests: the points in the commands where a test can make the
// process die. The shipped `arshjul` links cli/faults_off.cpp, where every point does
// nothing; `arshjul_faults`, built only with the tests (ARSHJUL_TESTS), links
// tests/faults_on.cpp, which reads the environment and dies where it is told to.

namespace arshjul::cli::faults {

/// `remind` delivered its message number `delivered` (1, 2, ...) and has not yet recorded
/// it. arshjul_faults exits with status 70 here when ARSHJUL_FAULT_AFTER_SEND=`delivered`.
void after_send(int delivered);

}  // namespace arshjul::cli::faults
