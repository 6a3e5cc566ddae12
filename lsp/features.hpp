#pragma once
// What the server answers about an open rule file: hover, completion, go to definition and
// the outline. Each takes the document as last analysed and an LSP position.
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "dsl/messages.hpp"
#include "lsp/document.hpp"

namespace arshjul::lsp {

/// Who holds which role, for hovers on a role: the configured roster, if any.
struct RosterFile {
  std::string path;  ///< empty: none configured
};

/// Markdown for the NÄR, step or role at the position; nothing where there is none.
std::optional<nlohmann::json> hover(const Document& d, unsigned line0, unsigned character,
                                    const RosterFile& roster, dsl::Lang lang);

/// Completion items for the position: block keywords at the start of a line, field keywords
/// at the start of an indented line, months after NÄR/SENAST/KLART, roles after VEM, step ids
/// after EFTER and OM.
nlohmann::json completion(const Document& d, unsigned line0, unsigned character);

/// The location where the step or role named at the position is declared (in this file or
/// an included one); nothing for any other position.
std::optional<nlohmann::json> definition(const Document& d, unsigned line0, unsigned character);

/// The outline: the process, its roles, steps and plan items, as DocumentSymbols.
nlohmann::json symbols(const Document& d);

/// The keywords completion offers, as the parser accepts them (a test checks each).
const std::vector<std::string>& block_keywords();
const std::vector<std::string>& field_keywords();

}  // namespace arshjul::lsp
