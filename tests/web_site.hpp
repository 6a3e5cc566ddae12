#pragma once
// A web server on a free loopback port over small rules and a roster, for the web tests
// (tests/test_web_server.cpp, tests/test_web_hardening.cpp): real HTTP, real files.
#include <httplib.h>
#include <unistd.h>

#include <ctime>
#include <functional>
#include <memory>
#include <thread>

#include "dsl/loader.hpp"
#include "dsl/text.hpp"
#include "engine/roster.hpp"
#include "engine/store.hpp"
#include "tests/helpers.hpp"
#include "web/server.hpp"
#include "web/token.hpp"

namespace arshjul::test::web_site {

using namespace arshjul;
using test::contains;
using test::TempDir;

const std::string kVad = R"(Läs <script>document.title='HACKED'</script> & "citat")";

const std::string kRules = R"(process skola "Skolans <b>år</b>"
  cykel kalenderår

roll Rektor per enhet
roll Förvaltningschef
roll Nämnd

steg läsa
  NÄR   september–december
  VEM   Rektor
  VAD   )" + kVad + R"(
  LÄNK  https://skola.example.se/läsa?a=1&b=2#"><script>x()</script>

steg bedöma
  NÄR   oktober–december
  VEM   Förvaltningschef
  VAD   Förvaltningschefen bedömer läsningen
  EFTER läsa
  UTFALL bra, dåligt
)";

/// A plan for the rules above: a goal, an activity and a measure of Rektor's.
const std::string kPlanRules = R"(
mål läsande "Läsande skola"
  NIVÅ nämndmål

aktivitet läsprojekt
  VAD    Starta <läsprojekt>
  MÅL    läsande
  VEM    Rektor
  KLART  september

mätetal närvaro "Närvaro"
  MÅL          läsande
  VEM          Rektor
  ENHET        procent
  RIKTNING     högre
  MÅLVÄRDE     90
  UPPFÖLJNING  T2, T3
)";

const std::string kRoster =
    "enhet,roll,namn,epost\n"
    "Ekskolan,Rektor,Anna A,anna@example.se\n"
    "Björkskolan,Rektor,Bo <B>,bo@example.se\n"
    ",Förvaltningschef,Fia F,fia@example.se\n"
    ",Nämnd,Nils N,nils@example.se\n";

/// The HTTP status of an answer, -1 when there was none (the server did not answer).
inline int status_of(const httplib::Result& r) {
  return r ? r->status : -1;
}

inline std::int64_t now() {
  return static_cast<std::int64_t>(std::time(nullptr));
}

/// A server on a free loopback port over the rules and roster above, as of 2026-10-15,
/// with Nämnd as the process owner role; on the folder's lager.db unless `tweak` names
/// another store.
class Site {
 public:
  explicit Site(const std::string& rules = kRules, bool secure_cookie = false,
                const std::function<void(web::ServeOptions&)>& tweak = {},
                const std::string& name = "web-server")
      : dir_(name + "-" + std::to_string(getpid())) {
    dir_.write("regler.arshjul", rules);
    rules_ = dsl::load_rules({dir_.path() / "regler.arshjul"}, 2026);
    REQUIRE(rules_.ok());
    std::vector<dsl::Diagnostic> errors;
    roster_ = engine::parse_roster(kRoster, "enheter.csv", rules_.processes, errors);
    REQUIRE(errors.empty());
    web::ServeOptions o;
    o.store = (dir_.path() / "lager.db").string();
    o.key_file = web::secret_path(o.store);
    o.owner_roles = {dsl::fold("Nämnd")};
    o.today = [] {
      return dsl::Date{std::chrono::year(2026), std::chrono::month(10), std::chrono::day(15)};
    };
    o.now_timestamp = [] { return std::string("2026-10-15T08:00:00Z"); };
    o.now_seconds = now;
    o.threads = 4;
    o.secure_cookie = secure_cookie;
    if (tweak) tweak(o);  // may name another store (and key) than the folder's lager.db
    store_ = o.store;
    key_file_ = o.key_file;
    secret_ = web::load_or_create_secret(o.key_file);
    server_ = std::make_unique<web::Server>(rules_, roster_, o);
    port_ = server_->bind("127.0.0.1", 0);
    REQUIRE(port_ > 0);
    thread_ = std::thread([this] { server_->run(); });
  }
  ~Site() {
    server_->stop();
    thread_.join();
  }

  httplib::Client client() const {
    httplib::Client c("127.0.0.1", port_);
    c.set_read_timeout(10, 0);
    return c;
  }
  std::string link_token(const std::string& email, std::int64_t expires) const {
    return web::sign_token(secret_, web::TokenKind::link, email, expires, now());
  }
  web::Server& server() { return *server_; }
  /// The key beside the store (what the server signs with).
  const std::string& secret() const { return secret_; }
  /// The key the server uses now (after the test replaced the file, the new one).
  void reread_key() { secret_ = web::load_or_create_secret(key_file_); }
  /// Signs in by link as `email`: the session cookie's "arshjul=..." part.
  std::string sign_in(const std::string& email) const {
    auto c = client();
    auto res = c.Get(("/signin?t=" + link_token(email, now() + 600)).c_str());
    REQUIRE(res);
    REQUIRE(res->status == 200);
    CHECK(res->get_header_value("Refresh") == "0; url=/my");
    auto cookie = res->get_header_value("Set-Cookie");
    CHECK(contains(cookie, "HttpOnly"));
    CHECK(contains(cookie, "SameSite=Strict"));
    last_cookie_ = cookie;
    return cookie.substr(0, cookie.find(';'));
  }
  httplib::Result get(const std::string& path, const std::string& cookie) const {
    auto c = client();
    return c.Get(path.c_str(), httplib::Headers{{"Cookie", cookie}});
  }
  /// The CSRF value of the forms on /my for this session.
  std::string csrf(const std::string& cookie) const {
    auto res = get("/my", cookie);
    REQUIRE(res);
    auto at = res->body.find("name=\"csrf\" value=\"");
    REQUIRE(at != std::string::npos);
    at += 19;
    return res->body.substr(at, res->body.find('"', at) - at);
  }
  httplib::Result post_done(const std::string& cookie, httplib::Params form) const {
    return post("/done", cookie, std::move(form));
  }
  httplib::Result post(const std::string& path, const std::string& cookie,
                       httplib::Params form) const {
    auto c = client();
    return c.Post(path.c_str(), httplib::Headers{{"Cookie", cookie}}, form);
  }
  const TempDir& dir() const { return dir_; }
  /// The whole Set-Cookie header of the last sign_in().
  const std::string& last_cookie() const { return last_cookie_; }
  const std::string& store() const { return store_; }
  std::vector<engine::Completion> records() const {
    return engine::Store(store_, false).load(2026, 2026);
  }

 private:
  TempDir dir_;
  dsl::RuleSet rules_;
  engine::Roster roster_;
  std::string store_, key_file_, secret_;
  mutable std::string last_cookie_;
  std::unique_ptr<web::Server> server_;
  int port_ = 0;
  std::thread thread_;
};

inline httplib::Params done_form(const std::string& csrf, const std::string& step,
                                 const std::string& unit, const std::string& outcome = "") {
  return {{"csrf", csrf},
          {"p", "skola"},
          {"c", "2026"},
          {"s", step},
          {"u", unit},
          {"n", "1"},
          {"date", "2026-10-14"},
          {"outcome", outcome},
          {"note", "klart <i>nu</i>"}};
}

/// `form` with its note replaced (an entry equal to the task's latest is not added again).
inline httplib::Params with_note(httplib::Params form, const std::string& note) {
  form.erase("note");
  form.emplace("note", note);
  return form;
}

}  // namespace arshjul::test::web_site
