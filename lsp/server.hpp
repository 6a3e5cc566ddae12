#pragma once
// `arshjul lsp`: a language server for rule files (LSP over stdio). It checks a file as it
// is typed (the checker's diagnostics with ranges), and answers hover (a NÄR's dates this
// year and next, who holds a role), completion, go to definition, formatting (`arshjul fmt`)
// and the outline. Documents are synchronised whole on each change.
#include <iosfwd>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "dsl/messages.hpp"
#include "lsp/document.hpp"
#include "lsp/features.hpp"

namespace arshjul::lsp {

struct ServerOptions {
  int year = 0;       ///< the cycle whose dates are checked and shown
  RosterFile roster;  ///< for hovers on roles
  dsl::Lang lang = dsl::Lang::sv;
};

class Server {
 public:
  explicit Server(ServerOptions options) : options_(std::move(options)) {}

  /// Handles one message from the editor; what to send back, in order (a response, and
  /// diagnostics after a change).
  std::vector<nlohmann::json> handle(const nlohmann::json& message);

  /// True once `exit` came; the process should end with exit_code().
  bool exited() const { return exited_; }
  int exit_code() const { return shutdown_ ? 0 : 1; }

 private:
  nlohmann::json request(const std::string& method, const nlohmann::json& params);
  void open(const std::string& uri, std::string text, std::vector<nlohmann::json>& out);
  const Document* document(const nlohmann::json& params) const;

  ServerOptions options_;
  std::map<std::string, std::unique_ptr<Document>> documents_;
  std::map<std::string, std::set<std::string>> published_;  ///< per document: URIs given errors
  bool shutdown_ = false, exited_ = false;
};

/// Runs the server on `in` and `out` until `exit` or the end of `in`; the exit code.
int run(std::istream& in, std::ostream& out, const ServerOptions& options);

}  // namespace arshjul::lsp
