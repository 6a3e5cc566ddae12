#include "cli/version.hpp"

#ifdef ARSHJUL_HAS_REVISION_HEADER
#include "arshjul_revision.hpp"  // made at build time (cmake/revision.cmake)
#endif
#ifndef ARSHJUL_VERSION
#define ARSHJUL_VERSION "?"
#endif
#ifndef ARSHJUL_GIT_REVISION
#define ARSHJUL_GIT_REVISION ""
#endif

namespace arshjul::cli {

std::string_view version() {
  return ARSHJUL_VERSION;
}

std::string_view git_revision() {
  return ARSHJUL_GIT_REVISION;
}

}  // namespace arshjul::cli
