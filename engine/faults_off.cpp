// The fault hooks of the shipped binary: none of them does anything (see engine/faults.hpp).
#include "engine/faults.hpp"

namespace arshjul::engine::faults {

void start() {}
void after_send(int) {}
bool io_fails(Io, const char*) {
  return false;
}

}  // namespace arshjul::engine::faults
