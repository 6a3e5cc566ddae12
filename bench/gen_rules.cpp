// gen_rules N [SEED] > file.arshjul: writes a valid, realistic rule file with N steps.
// The same N and SEED always give the same file (see bench/rulegen.hpp).
#include <charconv>
#include <cstdint>
#include <cstdio>
#include <iostream>
#include <string_view>

#include "bench/rulegen.hpp"

namespace {

template <typename T>
bool parse_number(std::string_view s, T& out) {
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && ptr == s.data() + s.size();
}

}  // namespace

int main(int argc, char** argv) {
  std::size_t steps = 0;
  std::uint64_t seed = 1;
  if (argc < 2 || argc > 3 || !parse_number(argv[1], steps) ||
      (argc == 3 && !parse_number(argv[2], seed))) {
    std::cerr
        << "usage: gen_rules N [SEED] > file.arshjul\n"
           "  writes a valid rule file with N steps; the same N and SEED give the same file\n";
    return 2;
  }
  std::cout << arshjul::bench::generate_rules(steps, seed);
  return std::cout ? 0 : 1;
}
