// The fault hooks of the shipped binary: none of them does anything (see cli/faults.hpp).
#include "cli/faults.hpp"

namespace arshjul::cli::faults {

void after_send(int) {}

}  // namespace arshjul::cli::faults
