#pragma once
// The build's version and git revision, kept in a file of their own (cli/version.cpp): the
// revision header changes with every commit, and only this small file is compiled again.
#include <string_view>

namespace arshjul::cli {

/// The project's version, "0.1.0".
std::string_view version();

/// The git revision the binary was built from, "abc1234" (with "-dirty" for a changed tree),
/// or empty when it was not built from a git checkout.
std::string_view git_revision();

}  // namespace arshjul::cli
