#pragma once
// One diagnostic type and one format for every error, parse or semantic:
//   file:line:col: error: message
//     the source line
//     ^
#include <compare>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dsl/messages.hpp"

namespace arshjul::dsl {

/// The name of a source file as a Location holds it: a pointer to the one copy of each
/// distinct name the program keeps (for its whole run: a program reads few files), so
/// copying a located element copies no text and allocates nothing. Equal names are the same
/// pointer; they order as the texts do.
class FileName {
 public:
  FileName();                         ///< ""
  FileName(std::string_view name);    // NOLINT(google-explicit-constructor): a path is a name
  FileName(const std::string& name);  // NOLINT(google-explicit-constructor)
  FileName(const char* name);         // NOLINT(google-explicit-constructor)

  const std::string& str() const { return *name_; }
  operator const std::string&() const { return *name_; }  // NOLINT: read as the text
  const char* c_str() const { return name_->c_str(); }
  bool empty() const { return name_->empty(); }

  friend bool operator==(FileName a, FileName b) { return a.name_ == b.name_; }
  friend bool operator==(FileName a, const std::string& b) { return *a.name_ == b; }
  friend bool operator==(FileName a, std::string_view b) { return *a.name_ == b; }
  friend bool operator==(FileName a, const char* b) { return *a.name_ == b; }
  friend std::strong_ordering operator<=>(FileName a, FileName b) {
    return a.name_ == b.name_ ? std::strong_ordering::equal : a.name_->compare(*b.name_) <=> 0;
  }

 private:
  const std::string* name_;
};

/// A place in a source file. `line` and `column` are 1-based; `column` counts bytes
/// (it is turned into characters when shown). line == 0 means "the file as a whole".
struct Location {
  FileName file;
  unsigned line = 0;
  unsigned column = 0;
  friend bool operator==(const Location&, const Location&) = default;
  /// "file:line", as messages that point to another place write it.
  std::string file_line() const { return file.str() + ":" + std::to_string(line); }
};

/// One error, located, with its message id and arguments, rendered late so the
/// language can be chosen by the command-line layer.
struct Diagnostic {
  Location where;
  Msg msg;
  std::vector<std::string> args;
  std::optional<std::string> suggestion;  ///< shown as "; did you mean 'x'?"
  bool warning = false;                   ///< a warning: shown by `check`, never fails a command
};

/// The texts of the files that were read, kept so diagnostics can show their lines.
class Sources {
 public:
  /// Stores (or replaces) the text of `file`.
  void add(const std::string& file, std::string text);
  /// The text of 1-based `line` of `file` without its line end; empty when unknown.
  std::string_view line(const std::string& file, unsigned line) const;
  /// The whole text of `file`, or nullptr when it was never added.
  const std::string* text(const std::string& file) const;

 private:
  struct Text {
    std::shared_ptr<const std::string> text;
    std::vector<std::uint32_t> line_starts;  // byte offset of each line: line() is O(1)
  };
  std::map<std::string, Text> texts_;
};

/// "file:line:col" with the column in characters, or "file" for line 0.
std::string format_location(const Location& where, const Sources& sources);

/// The full text of one diagnostic: header line, source line and caret, each ending in '\n'.
std::string format(const Diagnostic& d, const Sources& sources, Lang lang);

/// Sorts diagnostics by file, line and column, keeping the order of equal places.
void sort_diagnostics(std::vector<Diagnostic>& ds);

}  // namespace arshjul::dsl
