// The fault hooks of arshjul_faults, the test build of the binary (see cli/faults.hpp):
// each dies where the environment tells it to, as a crash would, without cleaning up.
#include <unistd.h>

#include <cstdlib>

#include "cli/faults.hpp"

namespace arshjul::cli::faults {

void after_send(int delivered) {
  static const char* fault = std::getenv("ARSHJUL_FAULT_AFTER_SEND");
  if (fault && std::atoi(fault) == delivered) _exit(70);
}

}  // namespace arshjul::cli::faults
