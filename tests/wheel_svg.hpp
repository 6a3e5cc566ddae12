#pragma once
// What the wheel's tests share: the binary's `wheel` command run into a scratch folder, a
// generated rule file of any size, the seed 000 plan (test_wheel.cpp on the SVG's structure,
// test_wheel_chromium.cpp on how Chromium draws it).
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdint>
#include <filesystem>
#include <iterator>
#include <string>
#include <vector>

#include "tests/helpers.hpp"

namespace arshjul::test::wheel_svg {

namespace fs = std::filesystem;

/// A scratch folder name of this test run.
inline std::string unique(const std::string& name) {
  return "wheel-" + name + "-" + std::to_string(getpid());
}

/// `command` through the shell with its output captured in `dir`.
inline test::CommandResult shell(const TempDir& dir, const std::string& command) {
  return test::run_command(command + " </dev/null", dir.path() / "cmd");
}

/// `arshjul [--lang L] wheel FILE --year Y ARGS... -o DIR/NAME`: the SVG's text.
inline std::string wheel(const TempDir& dir, const fs::path& rules, int year,
                         const std::string& name, const std::vector<std::string>& args = {},
                         const std::string& lang = "sv") {
  auto out = dir.path() / name;
  std::string cmd = shell_quote(ARSHJUL_BINARY) + " --lang " + lang + " wheel " +
                    shell_quote(rules.string()) + " --year " + std::to_string(year);
  for (const auto& a : args) cmd += " " + shell_quote(a);
  cmd += " -o " + shell_quote(out.string());
  auto run = shell(dir, cmd);
  INFO(cmd << "\n" << run.err);
  REQUIRE(run.exit_code == 0);
  REQUIRE(run.err.empty());
  return slurp(out);
}

/// A valid rule file with `steps` steps: eight roles, one to three per step (some `vid
/// behov`), and every NÄR form including ranges over New Year, `nästa år`, `under året` and
/// `varje månad`, chosen by a fixed pseudo-random sequence.
inline std::string generated_rules(int steps, const std::string& cycle = "kalenderår") {
  static const char* roles[] = {"Rektor",    "Förvaltningschef", "Nämnd", "Personal", "Controller",
                                "Elevhälsa", "Kvalitetsstrateg", "HR"};
  static const char* words[] = {
      "uppföljning", "verksamhetsplan", "budget",   "delårsrapport",    "kvalitetsdialog",
      "elevenkät",   "internkontroll",  "nämndmål", "medarbetarsamtal", "årsredovisning"};
  static const char* when[] = {"januari",
                               "mars–maj",
                               "5 maj",
                               "slutet av oktober",
                               "vecka 12-14",
                               "Q2",
                               "T3",
                               "september",
                               "februari nästa år",
                               "november–februari",
                               "14 november",
                               "augusti–december",
                               "början av juni",
                               "vecka 50-52",
                               "april",
                               "december–januari nästa år",
                               "Q4, T1",
                               "oktober"};
  std::uint64_t seed = 0x5eed000;
  auto next = [&](std::uint64_t n) {
    seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<std::size_t>((seed >> 33) % n);
  };
  std::string text = "process genererad \"Genererad plan\"\n  cykel " + cycle + "\n\n";
  for (const char* r : roles) text += std::string("roll ") + r + "\n";
  for (int i = 1; i <= steps; ++i) {
    text += "\nsteg " + std::string(words[next(std::size(words))]) + "_" + std::to_string(i) + "\n";
    std::size_t form = next(std::size(when) + 2);
    std::string w = form == std::size(when)       ? "under året"
                    : form == std::size(when) + 1 ? "varje månad"
                                                  : when[form];
    text += "  NÄR   " + w + "\n";
    std::size_t n = 1 + next(3), first = next(std::size(roles));
    text += "  VEM   ";
    for (std::size_t k = 0; k < n; ++k) {
      text += std::string(k ? ", " : "") + roles[(first + k * 3) % std::size(roles)];
      if (k == 2) text += " (vid behov)";
    }
    text += "\n  VAD   Steg " + std::to_string(i) + " i den genererade planen\n";
  }
  return text;
}

inline const std::string kSeed000 = ARSHJUL_SOURCE_DIR "/rules/mal_och_handlingsplaner.arshjul";

}  // namespace arshjul::test::wheel_svg
