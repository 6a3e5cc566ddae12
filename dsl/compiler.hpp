#pragma once
// Syntax -> validated model: names resolved, every semantic error of the rules reported.
#include <memory>
#include <optional>
#include <vector>

#include "dsl/diagnostic.hpp"
#include "dsl/model.hpp"
#include "dsl/parser.hpp"
#include "dsl/syntax.hpp"

namespace arshjul::dsl {

/// Merges a root file and the files it includes (root first) into one process and
/// validates it: names, types, conditions, dependency cycles, and for the cycle starting in
/// `check_year` the dates (29 februari, vecka 53) and the order of dependent steps.
/// Errors are appended to `errors`. Returns no process for a file without `process`
/// (a library of roles meant to be included). The steps of `files` are moved into the process
/// (a file of 100,000 steps is not held twice): their `steps` are empty afterwards.
std::optional<Process> compile(const std::vector<FileSyntax*>& files, int check_year,
                               std::vector<Diagnostic>& errors);

class Compiler;

/// `compile` fed one file at a time, as the loader reads them (the root first, then what it
/// includes, in the order of `files` given to finish): each file's steps move into the process
/// when it is added and its syntax is freed, so only one file's syntax is alive at a time. As
/// the parser's StepSink it takes each step as soon as it is read (then no file's steps are
/// held at all); `add` follows the parse of each file it took steps of. The names a step uses
/// that are not known yet (a role declared further on, a step of a later file) are resolved
/// by finish, which says what is wrong as `compile` would.
class Compilation {
 public:
  explicit Compilation(std::vector<Diagnostic>& errors);
  ~Compilation();
  Compilation(const Compilation&) = delete;
  Compilation& operator=(const Compilation&) = delete;
  /// What the parser hands each step to while it reads a file of this compilation.
  StepSink& sink();
  void add(FileSyntax& file);
  std::optional<Process> finish(const std::vector<FileSyntax*>& files, int check_year);

 private:
  std::unique_ptr<Compiler> impl_;
};

}  // namespace arshjul::dsl
