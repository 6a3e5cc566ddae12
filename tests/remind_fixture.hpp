// The fixture of the `arshjul remind` tests (test_remind*.cpp): a small rule file whose
// every expected message is known, a roster, a sandbox folder where the real binary runs with a
// fake sendmail, and Python's email package to read what was sent. Included by the test files of
// one unity group, so its file-local names exist once per group.
#pragma once

#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "engine/store.hpp"
#include "tests/browser.hpp"
#include "tests/helpers.hpp"

namespace fs = std::filesystem;
using namespace arshjul::test;

namespace {

const std::string kBinary = ARSHJUL_BINARY;
const std::string kFaultsBinary =
    ARSHJUL_FAULTS_BINARY;  // with the fault hooks (engine/faults.hpp)
const std::string kSource = ARSHJUL_SOURCE_DIR;
const std::string kFakeSendmail = kSource + "/tests/fake_sendmail.sh";
const std::string kWrapper = kSource + "/examples/cron/arshjul-nightly";

// rapport: one task per unit, due 2026-03-10: due soon from 02-24 (14 days of lead), overdue
// from 03-11, escalated to Förvaltningschef from 03-25 (more than 14 days overdue) and to Nämnd
// from 04-08 (more than 28). beslut: Nämnd, due 2026-03-20, due soon from 03-06.
// The process and its roles, with `more_roles` after the three every test has.
std::string process_and_roles(const std::string& more_roles = "") {
  return "process prov \"Provprocess\"\n"
         "  cykel kalenderår\n"
         "  LEDTID 14 dagar\n"
         "\n"
         "roll Enhetschef per enhet alias Rektor rapporterar till Förvaltningschef\n"
         "roll Förvaltningschef rapporterar till Nämnd\n"
         "roll Nämnd\n" +
         more_roles + "\n";
}

std::string rules(const std::string& escalation_field = "  ESKALERING 14 dagar\n",
                  const std::string& rapport_vad = "Rektorn lämnar kvalitetsrapporten för läsåret",
                  const std::string& rapport_head = "rapport \"Kvalitetsrapport\"",
                  const std::string& rapport_vem = "Enhetschef") {
  return process_and_roles() + "steg " + rapport_head +
         "\n"
         "  NÄR   10 mars\n"
         "  VART  4:e år från 2026\n"
         "  VEM   " +
         rapport_vem +
         "\n"
         "  VAD   " +
         rapport_vad + "\n" + escalation_field +
         "\n"
         "steg beslut\n"
         "  NÄR   20 mars\n"
         "  VART  4:e år från 2026\n"
         "  VEM   Nämnd\n"
         "  VAD   Nämnden beslutar om kvalitetsrapporterna\n";
}

const std::string kRoster =
    "enhet,roll,namn,epost\n"
    "Ekskolan,Rektor,Åsa Öberg,asa@k.se\n"
    "Björkskolan,Rektor,Bo Berg,bo@k.se\n"
    ",Förvaltningschef,Fia Chef,fia@k.se\n"
    ",Nämnd,Nils Nämnd,nils@k.se\n";

const std::string kAsa = "asa@k.se", kBo = "bo@k.se", kFia = "fia@k.se", kNils = "nils@k.se";
using Names = std::vector<std::string>;

// Reads RFC 5322 files with Python's email package (policy.default); prints one key=value per
// line (\n, \r and \ escaped), a "file=" line first for each. Raises on a body not in UTF-8.
const char* const kParseEmail = R"PY(
import email, email.header, email.policy, sys
out = []
def put(key, value):
    value = str(value).replace("\\", "\\\\").replace("\r", "\\r").replace("\n", "\\n")
    out.append(key + "=" + value)
for path in sys.argv[1:]:
    raw = open(path, "rb").read()
    head, blank, _ = raw.partition(b"\r\n\r\n")
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    put("file", path)
    put("blank_line_crlf", int(bool(blank)))
    put("header_ascii", int(all(b < 128 for b in head)))
    put("bare_lf_in_header", int(b"\n" in head.replace(b"\r\n", b"")))
    put("longest_header_line", max(len(line) for line in head.split(b"\r\n")))
    put("defects", len(msg.defects))
    put("headers", ",".join(msg.keys()))
    for name in ("To", "Cc", "Bcc", "Reply-To"):
        put(name.lower() + "_headers", len(msg.get_all(name) or []))
    to = msg["To"]
    addresses = to.addresses if to is not None else ()
    put("to_defects", len(to.defects) if to is not None else 0)
    put("to_addresses", len(addresses))
    for a in addresses:
        put("to_name", a.display_name)
        put("to_addr", a.addr_spec)
    # The To header decoded by the letter of RFC 2047 (white space between two encoded words
    # is dropped), which the address parser of policy.default does not do.
    raw_to = email.message_from_bytes(raw, policy=email.policy.compat32)["To"]
    put("to_rfc2047", str(email.header.make_header(email.header.decode_header(raw_to))))
    put("from", msg["From"])
    put("subject", msg["Subject"])
    put("content_type", msg.get_content_type())
    parts = list(msg.iter_parts()) if msg.is_multipart() else [msg]
    put("parts", ",".join(p.get_content_type() for p in parts))
    for p in parts:
        kind = p.get_content_subtype()
        put(kind + "_charset", p.get_content_charset())
        put(kind + "_cte", p["Content-Transfer-Encoding"])
        text = p.get_payload(decode=True).decode("utf-8").replace("\r\n", "\n")
        put("body" if kind == "plain" else kind, text)
        if kind == "plain":
            # A link is one word: it may be longer (the sign-in token), nothing else is.
            put("longest_body_line", max(len(l) for l in text.split("\n") if not l.startswith("http")))
sys.stdout.buffer.write(("\n".join(out) + "\n").encode("utf-8"))
)PY";

// Each line of standard input must be a JSON object with to, name, subject and body; prints
// "to<TAB>subject" per line.
const char* const kParseJsonLines = R"PY(
import json, sys
for line in sys.stdin.buffer.read().decode("utf-8").splitlines():
    o = json.loads(line)
    assert isinstance(o, dict) and set(o) == {"to", "name", "subject", "body"}, o
    sys.stdout.buffer.write((o["to"] + "\t" + o["subject"] + "\n").encode("utf-8"))
)PY";

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

std::size_t count_of(const std::string& text, const std::string& needle) {
  std::size_t n = 0;
  for (auto at = text.find(needle); at != std::string::npos;
       at = text.find(needle, at + needle.size()))
    ++n;
  return n;
}

std::size_t lines_with(const std::string& text, const std::string& needle) {
  auto lines = lines_of(text);
  return static_cast<std::size_t>(
      std::count_if(lines.begin(), lines.end(),
                    [&](const std::string& l) { return l.find(needle) != std::string::npos; }));
}

// Runs of spaces and line breaks as one space: body text is wrapped at 72 characters.
std::string squeezed(const std::string& text) {
  std::string out;
  for (char c : text) {
    bool space = c == ' ' || c == '\n' || c == '\r' || c == '\t';
    if (space && (out.empty() || out.back() == ' ')) continue;
    out += space ? ' ' : c;
  }
  return out;
}

// The body of a raw message (after the blank line), with LF line ends.
std::string body_of(const std::string& message) {
  auto at = message.find("\r\n\r\n");
  std::string body = at == std::string::npos ? std::string() : message.substr(at + 4);
  std::string out;
  for (char c : body)
    if (c != '\r') out += c;
  return out;
}

// A header of a raw message, unfolded; empty when missing.
std::string header_of(const std::string& message, const std::string& name) {
  std::string head = message.substr(0, message.find("\r\n\r\n"));
  std::string unfolded;
  for (std::size_t i = 0; i < head.size(); ++i) {
    if (head.compare(i, 3, "\r\n ") == 0 || head.compare(i, 3, "\r\n\t") == 0) {
      i += 1;
      continue;
    }
    unfolded += head[i];
  }
  unfolded = "\r\n" + unfolded + "\r\n";
  auto at = unfolded.find("\r\n" + name + ": ");
  if (at == std::string::npos) return {};
  at += 2 + name.size() + 2;
  return unfolded.substr(at, unfolded.find("\r\n", at) - at);
}

// The address in angle brackets of a To header.
std::string address_of(const std::string& to) {
  auto lt = to.rfind('<'), gt = to.rfind('>');
  return lt == std::string::npos || gt < lt ? to : to.substr(lt + 1, gt - lt - 1);
}

int exit_code_of(int status) {
  if (status == -1) return -1;
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return -1;
}

struct Result {
  int code = -1;
  std::string out, err;
};

/// One message as the fake sendmail got it.
struct Sent {
  std::string args;
  std::string text;
  std::string to() const { return address_of(header_of(text, "To")); }
  std::string body() const { return body_of(text); }
};

/// One message as Python's email package read it.
struct Parsed {
  std::map<std::string, std::vector<std::string>> values;
  std::string operator[](const std::string& key) const {
    auto it = values.find(key);
    return it == values.end() || it->second.size() != 1 ? "<" + key + ": not exactly one value>"
                                                        : it->second[0];
  }
  std::vector<std::string> all(const std::string& key) const {
    auto it = values.find(key);
    return it == values.end() ? std::vector<std::string>{} : it->second;
  }
};

/// What every message must be: parsed without defects, its headers plain ASCII with CRLF
/// line ends, exactly these headers in this order, one To.
void check_well_formed(const Parsed& m) {
  CHECK(m["defects"] == "0");
  CHECK(m["header_ascii"] == "1");
  CHECK(m["bare_lf_in_header"] == "0");
  CHECK(std::stoi(m["longest_header_line"]) <= 78);  // RFC 5322: should be, 998 must be
  CHECK(m["headers"] == "From,To,Subject,Date,Message-ID,MIME-Version,Content-Type,Auto-Submitted");
  // Two alternatives, plain text first (the one a reader shows last wins: HTML).
  CHECK(m["content_type"] == "multipart/alternative");
  CHECK(m["parts"] == "text/plain,text/html");
  CHECK(m["plain_charset"] == "utf-8");
  CHECK(m["html_charset"] == "utf-8");
  CHECK(std::stoi(m["longest_body_line"]) <= 78);
  CHECK(m["to_headers"] == "1");
}

std::string unescape(const std::string& s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '\\' || i + 1 == s.size()) {
      out += s[i];
      continue;
    }
    char c = s[++i];
    out += c == 'n' ? '\n' : c == 'r' ? '\r' : c;
  }
  return out;
}

/// A temp folder with a rule file, a roster and (after the first run) a store, where the real
/// binary runs with a clean environment.
class Sandbox {
 public:
  explicit Sandbox(const std::string& name, const std::string& rule_text = rules(),
                   const std::string& roster = kRoster)
      : dir_("remind-" + name + "-" + std::to_string(getpid())) {
    dir_.write("rules.arshjul", rule_text);
    dir_.write("roster.csv", roster);
    arshjul::engine::Store store(path("store.db").string());  // remind reads an existing store
  }

  std::string binary = kBinary;  ///< kFaultsBinary in the crash tests

  fs::path path(const std::string& relative = "") const {
    return relative.empty() ? dir_.path() : dir_.path() / relative;
  }
  fs::path write(const std::string& name, const std::string& text) const {
    return dir_.write(name, text);
  }

  /// A shell command run in the folder, with stdout and stderr captured.
  Result shell(const std::string& command, const std::string& input = "") const {
    int n = ++runs_;
    auto out = path("run-" + std::to_string(n) + ".out"),
         err = path("run-" + std::to_string(n) + ".err");
    std::string stdin_from = "/dev/null";
    if (!input.empty()) stdin_from = write("run-" + std::to_string(n) + ".in", input).string();
    std::string full = "cd " + shell_quote(path().string()) + " && { " + command + "\n} <" +
                       shell_quote(stdin_from) + " >" + shell_quote(out.string()) + " 2>" +
                       shell_quote(err.string());
    Result r{exit_code_of(std::system(full.c_str())), slurp(out), slurp(err)};
    fs::remove(out);
    fs::remove(err);
    return r;
  }

  /// `env` before a program: nothing from the test's own environment but PATH, then `vars`.
  std::string clean_env(const std::string& vars = "") const {
    const char* path_var = std::getenv("PATH");
    return "env -i PATH=" + shell_quote(path_var ? path_var : "/usr/bin:/bin") +
           " FAKE_SENDMAIL_LOG=" + shell_quote(log().string()) + " " + vars + " ";
  }

  /// arshjul with `args` (before the subcommand, e.g. "remind ...").
  Result arshjul(const std::string& args, const std::string& vars = "",
                 const std::string& runner = "") const {
    return shell(clean_env(vars) + runner + " " + shell_quote(binary) + " " + args);
  }

  /// `arshjul remind --date DATE` on the folder's rules, roster and store.db, plus `args`.
  Result remind(const std::string& date, const std::string& args, const std::string& vars = "",
                const std::string& runner = "") const {
    return arshjul("remind --date " + date +
                       " --rules rules.arshjul --roster roster.csv --store store.db " + args,
                   vars, runner);
  }

  /// --sendmail with the fake sendmail, given the arguments a real one would get.
  static std::string sendmail() {
    return "--sendmail " + shell_quote("sh " + shell_quote(kFakeSendmail) + " -t -i");
  }
  fs::path log() const { return path("sendmail.log"); }

  /// Every message the fake sendmail got, in order.
  std::vector<Sent> sent() const {
    std::vector<Sent> messages;
    std::string text = slurp(log());
    const std::string begin = "--- fake-sendmail begin: ", end = "\n--- fake-sendmail end\n";
    for (auto at = text.find(begin); at != std::string::npos; at = text.find(begin, at)) {
      auto eol = text.find('\n', at);
      auto stop = text.find(end, eol);
      REQUIRE(stop != std::string::npos);
      messages.push_back({text.substr(at + begin.size(), eol - at - begin.size()),
                          text.substr(eol + 1, stop - eol - 1)});
      at = stop + end.size();
    }
    REQUIRE(count_of(text, "--- fake-sendmail begin: ") == messages.size());
    return messages;
  }
  /// The To address of every message the fake sendmail got, in order.
  Names sent_to() const {
    Names to;
    for (const auto& m : sent()) to.push_back(m.to());
    return to;
  }

  /// The .eml files in `folder`, sorted; nothing when it does not exist.
  Names eml(const std::string& folder) const {
    Names names;
    if (!fs::exists(path(folder))) return names;
    for (const auto& e : fs::directory_iterator(path(folder)))
      if (e.path().extension() == ".eml") names.push_back(e.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
  }
  /// The addresses the .eml files in `folder` went to (file names DATE-ADDRESS.eml), sorted.
  Names eml_to(const std::string& folder) const {
    Names to;
    for (const auto& name : eml(folder)) to.push_back(name.substr(11, name.size() - 11 - 4));
    return to;
  }
  /// The message to `address` in `folder` (written on `date`).
  std::string eml_text(const std::string& folder, const std::string& date,
                       const std::string& address) const {
    auto p = path(folder) / (date + "-" + address + ".eml");
    REQUIRE(fs::exists(p));
    return slurp(p);
  }

  /// Runs sqlite3 on store.db; its output.
  std::string sql(const std::string& statement) const {
    auto r = shell("sqlite3 store.db " + shell_quote(statement));
    INFO(r.err);
    REQUIRE(r.code == 0);
    return r.out;
  }
  /// "recipient task kind" of every recorded reminder, sorted.
  Names recorded() const {
    return lines_of(sql("SELECT recipient || ' ' || task || ' ' || kind FROM reminder ORDER BY 1"));
  }

  /// The messages at `files` (relative to the folder) as Python's email package reads them.
  std::vector<Parsed> python_parse(const std::vector<std::string>& files) const {
    write("parse_email.py", kParseEmail);
    std::string args;
    for (const auto& f : files) args += " " + shell_quote(f);
    auto r = shell("python3 parse_email.py" + args);
    INFO(r.err);
    REQUIRE(r.code == 0);
    std::vector<Parsed> parsed;
    for (const auto& line : lines_of(r.out)) {
      auto eq = line.find('=');
      REQUIRE(eq != std::string::npos);
      std::string key = line.substr(0, eq), value = unescape(line.substr(eq + 1));
      if (key == "file") parsed.emplace_back();
      REQUIRE(!parsed.empty());
      parsed.back().values[key].push_back(value);
    }
    REQUIRE(parsed.size() == files.size());
    return parsed;
  }
  Parsed python_parse(const std::string& file) const {
    return python_parse(std::vector<std::string>{file}).at(0);
  }
  /// Runs remind on `date` into out/, requires mail to exactly `to` and returns each message as
  /// Python's email package reads it, every one checked to be well formed.
  std::vector<Parsed> remind_well_formed(const std::string& date, const Names& to,
                                         const std::string& vars = "") {
    auto run = remind(date, "--out out", vars);
    INFO(run.err);
    REQUIRE(run.code == 0);
    REQUIRE(eml_to("out") == to);
    std::vector<std::string> files;
    for (const auto& address : to) files.push_back("out/" + date + "-" + address + ".eml");
    auto all = python_parse(files);
    for (const auto& m : all) {
      INFO(m["file"]);
      check_well_formed(m);
    }
    return all;
  }

 private:
  TempDir dir_;
  mutable int runs_ = 0;
};

std::string this_host() {
  char host[256] = "?";
  gethostname(host, sizeof host - 1);
  return host;
}

// A process id nobody has on this machine.
long dead_pid() {
  for (long pid = 4194000; pid > 1000; --pid)
    if (kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH) return pid;
  FAIL("no free process id");
  return 0;
}

const Names kAllFour = {kAsa, kBo, kFia, kNils};

}  // namespace
