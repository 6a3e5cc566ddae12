#pragma once
// The Language Server Protocol's framing over a byte stream: a header block
// (`Content-Length: N`, other headers ignored) and a blank line, then N bytes of JSON-RPC.
#include <iosfwd>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>

namespace arshjul::lsp {

/// A message larger than this is refused: the editor sends whole documents, not more.
inline constexpr std::size_t kMaxMessageBytes = 64u << 20;

/// The next message of `in`; nothing at the end of the stream. A malformed header or body
/// sets `error` (and returns nothing): the caller answers or stops.
std::optional<nlohmann::json> read_message(std::istream& in, std::string& error);

/// Writes `message` to `out` framed, and flushes.
void write_message(std::ostream& out, const nlohmann::json& message);

}  // namespace arshjul::lsp
