#pragma once
// An open rule file as the editor has it, and the translation between LSP positions (0-based
// line, UTF-16 code units) and the rule language's locations (1-based line, byte column).
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "dsl/diagnostic.hpp"
#include "dsl/loader.hpp"
#include "dsl/parser.hpp"

namespace arshjul::lsp {

/// `file:///a/b%20c.arshjul` -> `/a/b c.arshjul`; a URI of another scheme is returned as it is.
std::string uri_to_path(std::string_view uri);
/// The inverse: a `file://` URI with the characters URIs reserve percent-encoded.
std::string path_to_uri(std::string_view path);

/// The lines of a text and LSP positions in it: for an open document, and for an included
/// file a diagnostic or a definition points into (without compiling that file).
class Lines {
 public:
  explicit Lines(std::string_view text) { view(text); }

  /// Line `line0` (0-based) without its line end; empty past the end.
  std::string_view line(unsigned line0) const;
  /// The byte offset in line `line0` of UTF-16 position `character`.
  std::size_t byte_column(unsigned line0, unsigned character) const;
  /// An LSP position {line, character} for a byte offset in line `line0`.
  nlohmann::json position(unsigned line0, std::size_t byte_col) const;
  /// The LSP range of the word (a name, a keyword, a number) at `where`, or of the one
  /// character there; the whole first line for a location without a line.
  nlohmann::json range_of(const dsl::Location& where) const;

 protected:
  Lines() = default;
  /// Looks at `text` (which must outlive this object) from now on.
  void view(std::string_view text);

 private:
  std::string_view text_;
  std::vector<std::size_t> line_starts_;
};

class Document : public Lines {
 public:
  Document(std::string uri, std::string text, int year);
  Document(const Document&) = delete;
  Document& operator=(const Document&) = delete;

  const std::string& uri() const { return uri_; }
  const std::string& path() const { return path_; }
  const std::string& text() const { return text_; }

  /// The file as the parser reads it, and what it means compiled with its includes.
  const dsl::FileSyntax& syntax() const { return syntax_; }
  const dsl::RuleSet& rules() const { return rules_; }
  int year() const { return year_; }

 private:
  std::string uri_, path_, text_;
  int year_;
  dsl::FileSyntax syntax_;
  dsl::RuleSet rules_;
};

/// Whether byte `c` can be part of a name or keyword of the language (letters of any script
/// as UTF-8 bytes, digits, `_`, `-`, `.`, `:`).
bool word_byte(char c);

}  // namespace arshjul::lsp
