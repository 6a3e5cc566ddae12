#include "lsp/server.hpp"

#include <istream>
#include <ostream>

#include "dsl/format.hpp"
#include "lsp/protocol.hpp"

namespace arshjul::lsp {
namespace {

constexpr int kMethodNotFound = -32601, kInvalidParams = -32602, kParseError = -32700;
constexpr int kErrorSeverity = 1;

nlohmann::json notification(const std::string& method, nlohmann::json params) {
  return {{"jsonrpc", "2.0"}, {"method", method}, {"params", std::move(params)}};
}

nlohmann::json capabilities() {
  return {{"textDocumentSync", 1},  // whole documents
          {"hoverProvider", true},
          {"definitionProvider", true},
          {"documentFormattingProvider", true},
          {"documentSymbolProvider", true},
          {"completionProvider", {{"triggerCharacters", nlohmann::json::array({" ", ","})}}}};
}

// A thrown request error: answered as a JSON-RPC error.
struct RequestError {
  int code;
  std::string message;
};

unsigned position_field(const nlohmann::json& params, const char* key) {
  const auto& v = params.at("position").at(key);
  if (!v.is_number_unsigned()) throw RequestError{kInvalidParams, "bad position"};
  return v.get<unsigned>();
}

}  // namespace

const Document* Server::document(const nlohmann::json& params) const {
  auto it = documents_.find(params.at("textDocument").at("uri").get<std::string>());
  if (it == documents_.end()) throw RequestError{kInvalidParams, "the document is not open"};
  return it->second.get();
}

void Server::open(const std::string& uri, std::string text, std::vector<nlohmann::json>& out) {
  auto doc = std::make_unique<Document>(uri, std::move(text), options_.year);
  // The diagnostics by file: this one's, and an included file's under its own URI.
  std::map<std::string, nlohmann::json> by_uri;
  by_uri[uri] = nlohmann::json::array();
  for (const auto& d : doc->rules().diagnostics) {
    std::string file_uri = d.where.file == doc->path() ? uri : path_to_uri(d.where.file.str());
    nlohmann::json range;
    if (file_uri == uri) {
      range = doc->range_of(d.where);
    } else {
      const std::string* text = doc->rules().sources.text(d.where.file);
      range = text ? Lines(*text).range_of(d.where) : doc->range_of(dsl::Location{});
    }
    std::string message = dsl::render(d.msg, d.args, options_.lang);
    if (d.suggestion)
      message += dsl::render(dsl::Msg::did_you_mean, {*d.suggestion}, options_.lang);
    by_uri[file_uri].push_back({{"range", range},
                                {"severity", kErrorSeverity},
                                {"source", "arshjul"},
                                {"message", dsl::printable(message)}});
  }
  auto& published = published_[uri];
  for (const auto& old : published)  // a file whose errors are gone is cleared
    if (!by_uri.count(old)) by_uri[old] = nlohmann::json::array();
  published.clear();
  for (auto& [file_uri, list] : by_uri) {
    if (!list.empty()) published.insert(file_uri);
    out.push_back(notification("textDocument/publishDiagnostics",
                               {{"uri", file_uri}, {"diagnostics", std::move(list)}}));
  }
  documents_[uri] = std::move(doc);
}

nlohmann::json Server::request(const std::string& method, const nlohmann::json& params) {
  if (method == "initialize")
    return {{"capabilities", capabilities()}, {"serverInfo", {{"name", "arshjul"}}}};
  if (method == "shutdown") {
    shutdown_ = true;
    return nullptr;
  }
  if (method == "textDocument/hover") {
    auto h = hover(*document(params), position_field(params, "line"),
                   position_field(params, "character"), options_.roster, options_.lang);
    return h ? *h : nlohmann::json(nullptr);
  }
  if (method == "textDocument/completion")
    return completion(*document(params), position_field(params, "line"),
                      position_field(params, "character"));
  if (method == "textDocument/definition") {
    auto loc = definition(*document(params), position_field(params, "line"),
                          position_field(params, "character"));
    return loc ? *loc : nlohmann::json(nullptr);
  }
  if (method == "textDocument/documentSymbol") return symbols(*document(params));
  if (method == "textDocument/formatting") {
    const Document& d = *document(params);
    // Only a file that parses has one layout: the parser's reading of its lines.
    for (const auto& diag : d.rules().diagnostics)
      if (diag.where.file == d.path()) return nlohmann::json::array();
    std::string formatted = dsl::format_rules(d.text());
    if (formatted == d.text()) return nlohmann::json::array();
    unsigned last = static_cast<unsigned>(std::count(d.text().begin(), d.text().end(), '\n'));
    nlohmann::json whole{{"start", {{"line", 0}, {"character", 0}}},
                         {"end", d.position(last, d.line(last).size())}};
    return nlohmann::json::array({{{"range", whole}, {"newText", formatted}}});
  }
  throw RequestError{kMethodNotFound, "unknown method " + method};
}

std::vector<nlohmann::json> Server::handle(const nlohmann::json& message) {
  std::vector<nlohmann::json> out;
  if (!message.is_object() || !message.contains("method")) return out;  // a response to us
  const std::string method = message.value("method", "");
  const nlohmann::json params = message.value("params", nlohmann::json::object());
  try {
    if (message.contains("id")) {
      nlohmann::json response{{"jsonrpc", "2.0"}, {"id", message["id"]}};
      try {
        response["result"] = request(method, params);
      } catch (const RequestError& e) {
        response["error"] = {{"code", e.code}, {"message", e.message}};
      } catch (const nlohmann::json::exception& e) {
        response["error"] = {{"code", kInvalidParams}, {"message", e.what()}};
      }
      out.insert(out.begin(), response);
      return out;
    }
    if (method == "exit")
      exited_ = true;
    else if (method == "textDocument/didOpen")
      open(params.at("textDocument").at("uri"), params.at("textDocument").at("text"), out);
    else if (method == "textDocument/didChange")
      open(params.at("textDocument").at("uri"), params.at("contentChanges").back().at("text"), out);
    else if (method == "textDocument/didClose") {
      std::string uri = params.at("textDocument").at("uri");
      for (const auto& u : published_[uri])
        out.push_back(notification("textDocument/publishDiagnostics",
                                   {{"uri", u}, {"diagnostics", nlohmann::json::array()}}));
      published_.erase(uri);
      documents_.erase(uri);
    }
  } catch (const nlohmann::json::exception&) {
    // A notification with bad parameters has no answer: it is left out.
  }
  return out;
}

int run(std::istream& in, std::ostream& out, const ServerOptions& options) {
  Server server(options);
  while (!server.exited()) {
    std::string error;
    auto message = read_message(in, error);
    if (!message && error.empty()) return 1;  // the editor went away without `exit`
    if (!message) {
      write_message(out, {{"jsonrpc", "2.0"},
                          {"id", nullptr},
                          {"error", {{"code", kParseError}, {"message", error}}}});
      if (!in) return 1;
      continue;
    }
    for (const auto& reply : server.handle(*message)) write_message(out, reply);
  }
  return server.exit_code();
}

}  // namespace arshjul::lsp
