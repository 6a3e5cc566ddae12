// Issue 17: the store under I/O errors, in the spirit of SQLite's "ioerr" tests. arshjul_faults
// (tests/faults_on.cpp) fails the N-th write, fsync, truncate or rename of a run: the store's
// SQLite files through a VFS in front of the default one, the .eml files of `remind --out`
// and the web view's key through write_file_atomically. Each operation (import, done, remind
// by sendmail and to a folder, the web view's POST /done) is first run without a fault to
// count its steps, then once for every N up to that count, from the same starting folder;
// once with only the N-th step failing (a transient error) and once with every step from
// the N-th on failing (a disk that is gone). Every run must end with exit 0 or 3, leave a
// store whose PRAGMA integrity_check is ok and no temporary file; what it said was saved must
// be there and what it said failed must not; what sendmail got must be recorded; and a normal
// run after it must end with the exact totals: no entry lost or doubled, each reminder sent
// once (with a disk that is gone, at most the one message whose record could not be written
// is sent again: no program can make a message handed to sendmail and a row in its store one
// act). The figures are printed: `arshjul_tests "[faults]" -s` or ctest -V.
#include <sqlite3.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <functional>
#include <iostream>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "tests/helpers.hpp"
#include "tests/serve.hpp"
#include "tests/web_site.hpp"

namespace fs = std::filesystem;
using namespace arshjul;
namespace web_site = arshjul::test::web_site;
using test::shell_quote;
using test::slurp;

namespace {

const std::string kFaults = ARSHJUL_FAULTS_BINARY;
const std::string kSendmail = std::string(ARSHJUL_SOURCE_DIR) + "/tests/fake_sendmail.sh";
const std::vector<std::string> kInputs{"--rules",     "regler.arshjul", "--roster",
                                       "enheter.csv", "--store",        "lager.db"};

/// The rows of `sql` on the store at `db`, one line each, columns joined by '|'.
std::string query(const fs::path& db, const std::string& sql) {
  sqlite3* h = nullptr;
  std::string out;
  if (sqlite3_open_v2(db.c_str(), &h, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
    sqlite3_busy_timeout(h, 10000);
    sqlite3_exec(
        h, sql.c_str(),
        [](void* text, int n, char** values, char**) {
          auto& o = *static_cast<std::string*>(text);
          for (int i = 0; i < n; ++i) o += (i ? "|" : "") + std::string(values[i] ? values[i] : "");
          o += "\n";
          return 0;
        },
        &out, nullptr);
  }
  sqlite3_close(h);
  return out;
}

/// The environment of a faulted run: none, the N-th step failing, or all from the N-th.
struct Fault {
  long at = -1;  // -1: no fault asked for; 0: count the steps only
  bool persist = false;
  fs::path log;
  std::vector<std::pair<std::string, std::string>> env() const {
    if (at < 0) return {};
    std::vector<std::pair<std::string, std::string>> e{{"ARSHJUL_FAULT_IO", std::to_string(at)}};
    if (persist) e.emplace_back("ARSHJUL_FAULT_IO_PERSIST", "1");
    if (!log.empty()) e.emplace_back("ARSHJUL_FAULT_IO_LOG", log.string());
    return e;
  }
};

/// The folder an operation runs in: rules, roster, store (and what the operation needs).
class Folder {
 public:
  explicit Folder(fs::path path) : path_(std::move(path)) {}
  const fs::path& path() const { return path_; }
  fs::path db() const { return path_ / "lager.db"; }

  /// `binary args...` in the folder with a clean environment plus `fault`'s; the exit code.
  int run(const std::string& binary, const std::vector<std::string>& args,
          const Fault& fault = {}) const {
    std::string cmd = "cd " + shell_quote(path_.string()) + " && env -i PATH=/usr/bin:/bin" +
                      " FAKE_SENDMAIL_LOG=" + shell_quote((path_ / "sendmail.log").string());
    for (const auto& [name, value] : fault.env()) cmd += " " + name + "=" + shell_quote(value);
    cmd += " " + shell_quote(binary) + " --lang sv";
    for (const auto& a : args) cmd += " " + shell_quote(a);
    auto r = test::run_command(cmd + " </dev/null", path_.string() + "-run");
    last_err_ = r.err;
    return r.exit_code;
  }
  int run(const std::vector<std::string>& args, const Fault& fault = {}) const {
    return run(kFaults, with_inputs(args), fault);
  }
  static std::vector<std::string> with_inputs(std::vector<std::string> args) {
    args.insert(args.end(), kInputs.begin(), kInputs.end());
    return args;
  }
  const std::string& last_err() const { return last_err_; }

  /// "step/unit/cycle" -> how many entries the store has of it.
  std::map<std::string, int> completions() const {
    std::map<std::string, int> out;
    std::istringstream in(query(db(),
                                "SELECT step||'/'||unit||'/'||cycle, count(*) FROM "
                                "completion GROUP BY 1"));
    for (std::string line; std::getline(in, line);)
      out[line.substr(0, line.rfind('|'))] = std::stoi(line.substr(line.rfind('|') + 1));
    return out;
  }
  /// The recipients the store has recorded a reminder for.
  std::set<std::string> recorded() const {
    std::set<std::string> out;
    std::istringstream in(query(db(), "SELECT DISTINCT recipient FROM reminder"));
    for (std::string line; std::getline(in, line);) out.insert(line);
    return out;
  }
  /// The address of each message the fake sendmail got, in order.
  std::vector<std::string> mailed() const {
    std::vector<std::string> to;
    std::istringstream in(slurp(path_ / "sendmail.log"));
    for (std::string line; std::getline(in, line);)
      if (line.rfind("To: ", 0) == 0)
        to.push_back(line.substr(line.rfind('<') + 1, line.rfind('>') - line.rfind('<') - 1));
    return to;
  }
  /// The address of each .eml file in `out`.
  std::vector<std::string> written(const std::string& out = "ut") const {
    std::vector<std::string> to;
    if (!fs::exists(path_ / out)) return to;
    for (const auto& e : fs::directory_iterator(path_ / out)) {
      if (e.path().extension() != ".eml") continue;
      auto text = slurp(e.path());
      auto at = text.find("\r\nTo: ");
      auto line = text.substr(at + 2, text.find("\r\n", at + 2) - at - 2);
      to.push_back(line.substr(line.rfind('<') + 1, line.rfind('>') - line.rfind('<') - 1));
    }
    std::sort(to.begin(), to.end());
    return to;
  }
  /// Temporary files write_file_atomically left behind (it must leave none).
  std::vector<std::string> leftovers() const {
    std::vector<std::string> out;
    for (const auto& e : fs::recursive_directory_iterator(path_))
      if (test::contains(e.path().filename().string(), ".tmp-")) out.push_back(e.path());
    return out;
  }

 private:
  fs::path path_;
  mutable std::string last_err_;
};

/// One operation under faults.
struct Operation {
  std::string name;
  /// Makes the starting state in a fresh folder (with the shipped binary).
  std::function<void(const Folder&)> prepare;
  /// Runs the operation, checks what it confirmed or refused, returns its exit code.
  std::function<int(const Folder&, const Fault&)> run;
  /// After the faulted run and a normal one: the exact totals.
  std::function<void(const Folder&, bool persist)> totals;
};

struct Tally {
  long points = 0, failed = 0, succeeded = 0;
};

/// Answers of the web view that said the store failed (503), in the current sweep.
long refused_answers = 0;

/// Counts a refusal, which must say the store failed (503), not anything else.
void refused(const httplib::Result& res) {
  CHECK(web_site::status_of(res) == 503);
  ++refused_answers;
}

/// Runs `op` once without a fault to count its steps, then for every N of them.
Tally sweep(const Operation& op, bool persist) {
  test::TempDir root("faults-" + op.name + (persist ? "-persist" : ""));
  const Folder start(root.path() / "start"), f(root.path() / "run");
  fs::create_directories(start.path());
  op.prepare(start);
  auto fresh = [&] {
    fs::remove_all(f.path());
    fs::copy(start.path(), f.path(), fs::copy_options::recursive);
  };
  fresh();
  Fault count{0, false, root.path() / "count.log"};
  REQUIRE(op.run(f, count) == 0);
  std::vector<std::string> steps;
  std::istringstream log(slurp(count.log));
  for (std::string line; std::getline(log, line);) steps.push_back(line);
  REQUIRE(!steps.empty());
  Tally tally;
  refused_answers = 0;
  for (long n = 1; n <= static_cast<long>(steps.size()); ++n) {
    INFO(op.name << (persist ? ", every step from " : ", only step ") << steps[n - 1]);
    fresh();
    int code = op.run(f, Fault{n, persist, {}});
    INFO("exit " << code << ": " << f.last_err());
    CHECK((code == 0 || code == 3));
    ++(code == 0 ? tally.succeeded : tally.failed);
    CHECK(query(f.db(), "PRAGMA integrity_check") == "ok\n");
    CHECK(f.leftovers().empty());
    CHECK(op.run(f, Fault{}) == 0);  // the normal run after it
    CHECK(query(f.db(), "PRAGMA integrity_check") == "ok\n");
    op.totals(f, persist);
    ++tally.points;
  }
  std::cout << "I/O faults, " << op.name << (persist ? " (every step from the N-th)" : "") << ": "
            << tally.points << " fault points, " << tally.failed << " runs exit 3, "
            << tally.succeeded << " succeed";
  if (refused_answers) std::cout << ", " << refused_answers << " web answers 503";
  std::cout << "\n";
  return tally;
}

const std::string kBefore = "läsa/Björkskolan/2026";  // in the store before each operation

/// The store with one entry, made by the shipped binary.
void prepare_store(const Folder& f) {
  std::ofstream(f.path() / "regler.arshjul") << web_site::kRules;
  std::ofstream(f.path() / "enheter.csv") << web_site::kRoster;
  REQUIRE(f.run(ARSHJUL_BINARY, Folder::with_inputs({"done", "läsa", "--unit", "Björkskolan",
                                                     "--year", "2026", "--date", "2026-10-01"})) ==
          0);
}

// --- import and done: all or nothing, and what was said saved is there -------------------

const std::map<std::string, int> kImported{
    {kBefore, 1}, {"läsa/Ekskolan/2026", 1}, {"bedöma//2026", 1}, {"läsa/Ekskolan/2025", 1}};

const Operation kImport{"import",
                        [](const Folder& f) {
                          prepare_store(f);
                          std::ofstream(f.path() / "in.csv")
                              << "process,år,steg,enhet,datum,av,utfall,anteckning\n"
                                 "skola,2026,läsa,Ekskolan,2026-10-02,Rektor,,\n"
                                 "skola,2026,bedöma,,2026-10-05,Förvaltningschef,bra,\n"
                                 "skola,2025,läsa,Ekskolan,2025-10-01,Rektor,,\n";
                        },
                        [](const Folder& f, const Fault& fault) {
                          int code = f.run({"import", "in.csv", "--date", "2026-10-15"}, fault);
                          if (code == 0) CHECK(f.completions() == kImported);
                          if (code != 0)
                            CHECK(f.completions() == std::map<std::string, int>{{kBefore, 1}});
                          return code;
                        },
                        [](const Folder& f, bool) { CHECK(f.completions() == kImported); }};

const std::map<std::string, int> kDone{{kBefore, 1}, {"läsa/Ekskolan/2026", 1}};

const Operation kDoneOp{
    "done", prepare_store,
    [](const Folder& f, const Fault& fault) {
      int code = f.run(
          {"done", "läsa", "--unit", "Ekskolan", "--year", "2026", "--date", "2026-10-02"}, fault);
      if (code == 0) CHECK(f.completions() == kDone);
      if (code != 0) CHECK(f.completions() == std::map<std::string, int>{{kBefore, 1}});
      return code;
    },
    [](const Folder& f, bool) { CHECK(f.completions() == kDone); }};

// --- remind: what was sent is recorded, and each message goes once -------------------------

const std::vector<std::string> kRecipients{"anna@example.se", "bo@example.se", "fia@example.se"};

/// What sendmail got (or the folder holds) is recorded; with a disk that is gone, all but
/// possibly the last one.
void check_sent_recorded(const Folder& f, const std::vector<std::string>& sent, bool persist) {
  auto recorded = f.recorded();
  std::size_t unrecorded = 0;
  for (const auto& to : sent) unrecorded += recorded.count(to) == 0;
  CHECK(unrecorded <= (persist ? 1u : 0u));
}

/// After the normal run: each recipient once, or (disk gone) one of them at most twice.
void check_each_once(const Folder& f, std::vector<std::string> sent, bool persist) {
  std::sort(sent.begin(), sent.end());
  auto unique = sent;
  unique.erase(std::unique(unique.begin(), unique.end()), unique.end());
  CHECK(unique == kRecipients);
  CHECK(sent.size() - unique.size() <= (persist ? 1u : 0u));
  CHECK(f.recorded() == std::set<std::string>(kRecipients.begin(), kRecipients.end()));
}

const Operation kRemindSendmail{
    "remind-sendmail", prepare_store,
    [](const Folder& f, const Fault& fault) {
      int code = f.run({"remind", "--date", "2026-12-14", "--wait", "0", "--sendmail",
                        "sh " + shell_quote(kSendmail) + " -t -i"},
                       fault);
      check_sent_recorded(f, f.mailed(), fault.persist);
      return code;
    },
    [](const Folder& f, bool persist) { check_each_once(f, f.mailed(), persist); }};

const Operation kRemindOut{
    "remind-out", prepare_store,
    [](const Folder& f, const Fault& fault) {
      // --link-base: the key of the sign-in links is made in the same run.
      int code = f.run({"remind", "--date", "2026-12-14", "--wait", "0", "--out", "ut",
                        "--link-base", "https://arshjul.example.se"},
                       fault);
      check_sent_recorded(f, f.written(), fault.persist);
      return code;
    },
    [](const Folder& f, bool persist) { check_each_once(f, f.written(), persist); }};

// --- fmt: a rule file is the old text or the new one, whole --------------------------------

const Operation kFmt{
    "fmt",
    [](const Folder& f) {
      prepare_store(f);  // untouched by fmt, and checked like every other operation's
      std::string text = web_site::kRules;  // out of the canonical layout: fmt rewrites it
      for (auto at = text.find("  NÄR   "); at != std::string::npos; at = text.find("  NÄR   "))
        text.replace(at, 8, "    NÄR ");
      std::ofstream(f.path() / "fmt.arshjul") << text;
      std::ofstream(f.path() / "before.arshjul") << text;
      std::ofstream(f.path() / "after.arshjul") << text;
      REQUIRE(f.run(ARSHJUL_BINARY, {"fmt", "after.arshjul"}) == 0);
      REQUIRE(slurp(f.path() / "after.arshjul") != text);
    },
    [](const Folder& f, const Fault& fault) {
      int code = f.run(kFaults, {"fmt", "fmt.arshjul"}, fault);
      CHECK(slurp(f.path() / "fmt.arshjul") ==
            slurp(f.path() / (code == 0 ? "after.arshjul" : "before.arshjul")));
      return code;
    },
    [](const Folder& f, bool) {
      CHECK(slurp(f.path() / "fmt.arshjul") == slurp(f.path() / "after.arshjul"));
    }};

// --- the web view: POST /done against a running `arshjul_faults serve` --------------------

/// The cookie of a sign-in by a fresh link as anna; empty when the server refused.
std::string sign_in(httplib::Client& c, const Folder& f) {
  auto secret = web::load_or_create_secret(web::secret_path(f.db().string()));
  auto token = web::sign_token(secret, web::TokenKind::link, "anna@example.se",
                               web_site::now() + 600, web_site::now());
  auto res = c.Get(("/signin?t=" + token).c_str());
  if (!res || res->status != 200) {
    refused(res);
    return "";
  }
  auto cookie = res->get_header_value("Set-Cookie");
  return cookie.substr(0, cookie.find(';'));
}

/// The CSRF value on /my; empty when the server refused.
std::string csrf_of(httplib::Client& c, const std::string& cookie) {
  auto res = c.Get("/my", httplib::Headers{{"Cookie", cookie}});
  if (!res || res->status != 200) {
    refused(res);
    return "";
  }
  auto at = res->body.find("name=\"csrf\" value=\"");
  REQUIRE(at != std::string::npos);
  at += 19;
  return res->body.substr(at, res->body.find('"', at) - at);
}

/// Signs in, opens /my and records anna's step: each tried again (at most 3 times) after a
/// refusal, as a person would; a 303 means saved, and it must be in the store at once. False
/// when the server kept refusing (only a disk that is gone may make it).
bool post_done(const Folder& f, int port) {
  httplib::Client c("127.0.0.1", port);
  c.set_read_timeout(10, 0);
  std::string cookie, csrf;
  for (int i = 0; i < 3 && cookie.empty(); ++i) cookie = sign_in(c, f);
  for (int i = 0; i < 3 && !cookie.empty() && csrf.empty(); ++i) csrf = csrf_of(c, cookie);
  for (int i = 0; i < 3 && !csrf.empty(); ++i) {
    auto res = c.Post("/done", httplib::Headers{{"Cookie", cookie}},
                      web_site::done_form(csrf, "läsa", "Ekskolan"));
    if (res && res->status == 303) {
      CHECK(f.completions() == kDone);
      return true;
    }
    refused(res);
    CHECK(f.completions() == std::map<std::string, int>{{kBefore, 1}});
  }
  return false;
}

const Operation kWebDone{
    "web-done",
    [](const Folder& f) {
      prepare_store(f);  // and the key, as `arshjul token` makes it
      REQUIRE(f.run(ARSHJUL_BINARY, Folder::with_inputs({"token", "anna@example.se", "--date",
                                                         "2026-10-15"})) == 0);
    },
    [](const Folder& f, const Fault& fault) {
      test::Serve serve(f.path(), Folder::with_inputs({"--date", "2026-10-15"}), kFaults,
                        fault.env(), f.path().string() + "-serve.err");
      if (serve.port() == 0) return serve.stop();  // failed as it started: exit 3
      // A transient error is over when the person tries again; a disk that is gone is not.
      if (!post_done(f, serve.port())) CHECK(fault.persist);
      return serve.stop();
    },
    [](const Folder& f, bool) { CHECK(f.completions() == kDone); }};

}  // namespace

// One test case per operation, with both kinds of fault: ctest runs them side by side.
#define FAULT_SWEEPS(op, title)                                                              \
  TEST_CASE("I/O faults: " title ": each step failing once and every step from the N-th on", \
            "[faults]") {                                                                    \
    CHECK(sweep(op, false).points > 0);                                                      \
    CHECK(sweep(op, true).points > 0);                                                       \
  }

FAULT_SWEEPS(kImport, "import")
FAULT_SWEEPS(kDoneOp, "done")
FAULT_SWEEPS(kRemindSendmail, "remind by sendmail")
FAULT_SWEEPS(kRemindOut, "remind --out")
FAULT_SWEEPS(kWebDone, "POST /done to serve")
FAULT_SWEEPS(kFmt, "fmt")

TEST_CASE("the shipped binary has no I/O fault hook: ARSHJUL_FAULT_IO=1 changes nothing",
          "[faults]") {
  test::TempDir root("faults-shipped");
  const Folder f(root.path());
  prepare_store(f);
  auto log = root.path() / "io.log";
  CHECK(f.run(ARSHJUL_BINARY,
              Folder::with_inputs(
                  {"done", "läsa", "--unit", "Ekskolan", "--year", "2026", "--date", "2026-10-02"}),
              Fault{1, true, log}) == 0);
  CHECK(f.completions() == kDone);
  CHECK_FALSE(fs::exists(log));
  // The same with the test build fails at its first write.
  CHECK(f.run({"done", "läsa", "--unit", "Ekskolan", "--year", "2026", "--date", "2026-10-03"},
              Fault{1, true, log}) == 3);
  CHECK(fs::exists(log));
}
