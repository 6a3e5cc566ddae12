// The language server spoken to as an editor does: `arshjul lsp` started with pipes, LSP
// messages written to its stdin and read from its stdout.
#include <fcntl.h>
#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <string>

#include "dsl/parser.hpp"
#include "lsp/document.hpp"
#include "lsp/features.hpp"
#include "tests/helpers.hpp"

using namespace arshjul;
using nlohmann::json;

namespace {

// `arshjul lsp ARGS` with its stdin and stdout on pipes.
class LanguageServer {
 public:
  explicit LanguageServer(std::vector<std::string> args) {
    int in[2], out[2];
    REQUIRE(::pipe(in) == 0);
    REQUIRE(::pipe(out) == 0);
    pid_ = ::fork();
    REQUIRE(pid_ >= 0);
    if (pid_ == 0) {
      ::dup2(in[0], 0);
      ::dup2(out[1], 1);
      ::close(in[1]);
      ::close(out[0]);
      std::vector<char*> argv{const_cast<char*>(ARSHJUL_BINARY), const_cast<char*>("lsp")};
      for (auto& a : args) argv.push_back(a.data());
      argv.push_back(nullptr);
      ::execv(ARSHJUL_BINARY, argv.data());
      ::_exit(127);
    }
    ::close(in[0]);
    ::close(out[1]);
    to_ = in[1];
    from_ = out[0];
  }
  ~LanguageServer() {
    if (to_ >= 0) ::close(to_);
    ::close(from_);
    if (pid_ > 0 && !waited_) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, nullptr, 0);
    }
  }

  void send(const json& message) {
    std::string body = message.dump();
    std::string framed = "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
    REQUIRE(::write(to_, framed.data(), framed.size()) == static_cast<ssize_t>(framed.size()));
  }
  json request(const std::string& method, const json& params) {
    int id = ++last_id_;
    send({{"jsonrpc", "2.0"}, {"id", id}, {"method", method}, {"params", params}});
    for (;;) {
      json m = next();
      if (m.contains("id") && m["id"] == id) return m;
      notifications_.push_back(m);
    }
  }
  void notify(const std::string& method, const json& params) {
    send({{"jsonrpc", "2.0"}, {"method", method}, {"params", params}});
  }
  /// Initializes the server and opens `text` as the document `uri`.
  void open(const std::string& uri, const std::string& text) {
    request("initialize", json::object());
    notify("textDocument/didOpen",
           {{"textDocument", {{"uri", uri}, {"languageId", "arshjul"}, {"text", text}}}});
  }
  /// The next publishDiagnostics for `uri`.
  json diagnostics_for(const std::string& uri) {
    for (;;) {
      for (auto it = notifications_.begin(); it != notifications_.end(); ++it)
        if ((*it)["method"] == "textDocument/publishDiagnostics" && (*it)["params"]["uri"] == uri) {
          json d = (*it)["params"]["diagnostics"];
          notifications_.erase(it);
          return d;
        }
      notifications_.push_back(next());
    }
  }
  /// Closes stdin after `exit` and returns the exit status.
  int finish() {
    ::close(to_);
    to_ = -1;
    int status = 0;
    ::waitpid(pid_, &status, 0);
    waited_ = true;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }

 private:
  // Reads one framed message (10 s at most for each read).
  json next() {
    std::string head;
    while (head.find("\r\n\r\n") == std::string::npos) head += read_some(1);
    auto length = std::stoul(head.substr(head.find(':') + 1));
    std::string body;
    while (body.size() < length) body += read_some(length - body.size());
    return json::parse(body);
  }
  std::string read_some(std::size_t n) {
    pollfd p{from_, POLLIN, 0};
    REQUIRE(::poll(&p, 1, 10000) == 1);
    std::string buffer(n, '\0');
    ssize_t got = ::read(from_, buffer.data(), n);
    REQUIRE(got > 0);
    buffer.resize(static_cast<std::size_t>(got));
    return buffer;
  }

  pid_t pid_ = -1;
  int to_ = -1, from_ = -1;
  int last_id_ = 0;
  bool waited_ = false;
  std::vector<json> notifications_;
};

const std::string kLspRules =
    "process prov \"Provprocess\"\n"
    "  cykel kalenderår\n"
    "\n"
    "roll Nämnd\n"
    "roll Rektor per enhet\n"
    "\n"
    "steg rapport\n"
    "  NÄR   maj\n"
    "  VEM   Rektor\n"
    "  VAD   Rektorn lämnar rapporten\n"
    "\n"
    "steg beslut\n"
    "  NÄR      20 juni\n"
    "  VEM   Nämnd\n"
    "  VAD   Nämnden beslutar\n"
    "  EFTER rapport\n";

json at(const std::string& uri, unsigned line, unsigned character) {
  return {{"textDocument", {{"uri", uri}}},
          {"position", {{"line", line}, {"character", character}}}};
}

std::vector<std::string> labels(const json& items) {
  std::vector<std::string> out;
  for (const auto& i : items) out.push_back(i["label"]);
  return out;
}

}  // namespace

TEST_CASE("lsp: diagnostics as you type, hover, completion, definition, formatting, outline",
          "[lsp]") {
  test::TempDir dir("lsp");
  dir.write("roster.csv",
            "enhet,roll,namn,epost\nEkskolan,Rektor,Åsa Öberg,asa@k.se\n"
            ",Nämnd,Nils Nämnd,nils@k.se\n");
  const std::string path = (dir.path() / "prov process.arshjul").string();
  const std::string uri = lsp::path_to_uri(path);
  CHECK(uri.find("prov%20process.arshjul") != std::string::npos);
  LanguageServer server({"--year", "2026", "--roster", (dir.path() / "roster.csv").string()});
  auto init = server.request("initialize", {{"capabilities", json::object()}});
  CHECK(init["result"]["capabilities"]["hoverProvider"] == true);
  server.notify("initialized", json::object());

  // A mistyped role: one error with its range and a suggestion.
  std::string typo = kLspRules;
  typo.replace(typo.find("VEM   Nämnd"), std::string("VEM   Nämnd").size(), "VEM   Nämd");
  server.notify("textDocument/didOpen",
                {{"textDocument",
                  {{"uri", uri}, {"languageId", "arshjul"}, {"version", 1}, {"text", typo}}}});
  auto diags = server.diagnostics_for(uri);
  REQUIRE(diags.size() == 1);
  CHECK(diags[0]["range"]["start"] == json{{"line", 13}, {"character", 8}});
  CHECK(diags[0]["range"]["end"] == json{{"line", 13}, {"character", 12}});  // "Nämd": 4 units
  CHECK(diags[0]["message"].get<std::string>().find("menade du 'Nämnd'?") != std::string::npos);

  // Fixed: the error goes away.
  server.notify("textDocument/didChange",
                {{"textDocument", {{"uri", uri}, {"version", 2}}},
                 {"contentChanges", json::array({{{"text", kLspRules}}})}});
  CHECK(server.diagnostics_for(uri).empty());

  // Hover on a NÄR: the dates this year and next.
  auto h = server.request("textDocument/hover", at(uri, 7, 8))["result"]["contents"]["value"];
  CHECK(h.get<std::string>().find("2026: 2026-05-01 – 2026-05-29") != std::string::npos);
  CHECK(h.get<std::string>().find("2027: 2027-05-01 – 2027-05-31") != std::string::npos);
  // Hover on a role: who holds it in the roster.
  auto role = server.request("textDocument/hover", at(uri, 8, 8))["result"]["contents"]["value"];
  CHECK(role.get<std::string>().find("Åsa Öberg (Ekskolan)") != std::string::npos);

  // Completion: fields on an indented line, roles after VEM, steps after EFTER.
  CHECK_THAT(labels(server.request("textDocument/completion", at(uri, 8, 1))["result"]),
             Catch::VectorContains(std::string("EFTER")));
  CHECK(labels(server.request("textDocument/completion", at(uri, 8, 8))["result"]) ==
        std::vector<std::string>{"Nämnd", "Rektor"});
  CHECK(labels(server.request("textDocument/completion", at(uri, 15, 8))["result"]) ==
        std::vector<std::string>{"rapport", "beslut"});

  // Definition of the step named in EFTER.
  auto def = server.request("textDocument/definition", at(uri, 15, 9))["result"];
  CHECK(def["uri"] == uri);
  CHECK(def["range"]["start"] == json{{"line", 6}, {"character", 5}});

  // Formatting: the NÄR with too many spaces is aligned; the result formats to itself.
  auto edits = server.request("textDocument/formatting",
                              {{"textDocument", {{"uri", uri}}}, {"options", json::object()}});
  REQUIRE(edits["result"].size() == 1);
  std::string formatted = edits["result"][0]["newText"];
  CHECK(formatted.find("  NÄR   20 juni\n") != std::string::npos);

  // The outline.
  auto outline = server.request("textDocument/documentSymbol", {{"textDocument", {{"uri", uri}}}});
  std::vector<std::string> names;
  for (const auto& s : outline["result"]) names.push_back(s["name"]);
  CHECK(names == std::vector<std::string>{"prov", "Nämnd", "Rektor", "rapport", "beslut"});

  // An unknown request is an error, not a crash; shutdown and exit end with 0.
  CHECK(server.request("textDocument/rename", at(uri, 0, 0))["error"]["code"] == -32601);
  server.request("shutdown", nullptr);
  server.notify("exit", nullptr);
  CHECK(server.finish() == 0);
}

TEST_CASE("lsp: every keyword completion offers is one the parser accepts", "[lsp]") {
  for (const auto& k : lsp::block_keywords()) {
    INFO(k);
    auto r = dsl::parse_rules(k + " x\n", "k.arshjul");
    for (const auto& d : r.diagnostics) CHECK(d.msg != dsl::Msg::expected_block);
  }
  for (const auto& k : lsp::field_keywords()) {
    INFO(k);
    auto r = dsl::parse_rules("process p \"P\"\nsteg s\n  " + k + " x\n", "k.arshjul");
    for (const auto& d : r.diagnostics) CHECK(d.msg != dsl::Msg::expected_field);
  }
}

TEST_CASE("lsp: an included file's error is published under that file, with its range", "[lsp]") {
  test::TempDir dir("lsp-include");
  dir.write("roller.arshjul", "roll Nämnd\nroll Rektor per enhet rapporterar till Nämdn\n");
  const std::string text =
      "process p \"P\"\n  cykel kalenderår\ninkludera \"roller.arshjul\"\n\n"
      "steg s\n  NÄR   maj\n  VEM   Rektor\n  VAD   x\n";
  const std::string uri = lsp::path_to_uri((dir.path() / "p.arshjul").string());
  const std::string roles_uri = lsp::path_to_uri((dir.path() / "roller.arshjul").string());
  LanguageServer server({"--year", "2026"});
  server.open(uri, text);
  CHECK(server.diagnostics_for(uri).empty());
  auto diags = server.diagnostics_for(roles_uri);
  REQUIRE(diags.size() == 1);
  CHECK(diags[0]["range"]["start"] == json{{"line", 1}, {"character", 39}});
  CHECK(diags[0]["range"]["end"] == json{{"line", 1}, {"character", 44}});
  // Go to definition of the role, declared in the included file.
  auto def = server.request("textDocument/definition", at(uri, 6, 8))["result"];
  CHECK(def["uri"] == roles_uri);
  CHECK(def["range"]["start"]["line"] == 1);
}

TEST_CASE("lsp: a link to another process of the folder: its errors, and go to its step",
          "[lsp][links]") {
  test::TempDir dir("lsp-links");
  dir.write("budget.arshjul",
            "process budget \"Budget\"\n\nroll KF\n\nsteg anvisningar\n  NÄR   januari\n"
            "  VEM   KF\n  VAD   Anvisningar\n");
  const std::string wrong =
      "process namnd \"Nämnd\"\n\nroll Nämnd\n\nsteg internbudget\n  NÄR   december\n"
      "  VEM   Nämnd\n  VAD   x\n  EFTER budget.anvisnigar\n";
  std::string right = wrong;
  right.replace(right.find("anvisnigar"), 10, "anvisningar");
  const std::string uri = lsp::path_to_uri((dir.path() / "namnd.arshjul").string());
  const std::string budget_uri = lsp::path_to_uri((dir.path() / "budget.arshjul").string());
  LanguageServer server({"--year", "2026"});
  server.open(uri, wrong);
  auto diags = server.diagnostics_for(uri);
  REQUIRE(diags.size() == 1);
  CHECK(diags[0]["message"].get<std::string>().find(
            "processen 'budget' har inget steg 'anvisnigar'; menade du 'anvisningar'?") !=
        std::string::npos);
  CHECK(diags[0]["range"]["start"] == json{{"line", 8}, {"character", 8}});  // the link
  server.notify("textDocument/didChange", {{"textDocument", {{"uri", uri}, {"version", 2}}},
                                           {"contentChanges", json::array({{{"text", right}}})}});
  CHECK(server.diagnostics_for(uri).empty());
  // On `budget.anvisningar` (one word to the editor, as `kl.` is): the step in budget.arshjul.
  for (unsigned character : {9u, 18u}) {
    auto def = server.request("textDocument/definition", at(uri, 8, character))["result"];
    CHECK(def["uri"] == budget_uri);
    CHECK(def["range"]["start"] == json{{"line", 4}, {"character", 5}});
  }
}
