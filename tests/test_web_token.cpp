// The web view's tokens (issue 9): the sign-in link, the session and the CSRF field are
// HMAC-SHA256 signed; an altered, expired or misused token is refused, and the secret
// beside the store is made once, atomically, and kept.
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <set>
#include <string>
#include <vector>

#include "tests/helpers.hpp"
#include "web/token.hpp"

using namespace arshjul::web;
using arshjul::test::slurp;
using arshjul::test::TempDir;

namespace {
const std::string kSecret(64, 'k');
constexpr std::int64_t kNow = 1'800'000'000;
}  // namespace

TEST_CASE("web token: base64url round-trips every length and refuses other alphabets") {
  for (const std::string& s : std::vector<std::string>{"", "a", "ab", "abc", "abcd",
                                                       std::string("\xff\xfe\x00\x01 å", 7)}) {
    auto text = base64url(s);
    CHECK(text.find_first_of("+/=") == std::string::npos);
    CHECK(unbase64url(text) == s);
  }
  CHECK(base64url("\xfb\xff") == "-_8");
  CHECK_FALSE(unbase64url("ab+c").has_value());
  CHECK_FALSE(unbase64url("abcde").has_value());  // 4n+1 characters cannot be base64
}

TEST_CASE("web token: a signed token verifies for its kind until it expires") {
  auto token = sign_token(kSecret, TokenKind::link, "anna@example.se", kNow + 60);
  auto v = verify_token(kSecret, TokenKind::link, token, kNow);
  REQUIRE(v);
  CHECK(v.subject == "anna@example.se");
  CHECK(v.expires_at == kNow + 60);
  CHECK(verify_token(kSecret, TokenKind::link, token, kNow + 59));

  SECTION("expired at its expiry time and after") {
    CHECK(verify_token(kSecret, TokenKind::link, token, kNow + 60).error == TokenError::expired);
    CHECK(verify_token(kSecret, TokenKind::link, token, kNow + 86400).error == TokenError::expired);
  }
  SECTION("a link is not a session and a session is not a link") {
    CHECK(verify_token(kSecret, TokenKind::session, token, kNow).error == TokenError::wrong_kind);
    auto session = sign_token(kSecret, TokenKind::session, "anna@example.se", kNow + 60);
    CHECK(verify_token(kSecret, TokenKind::link, session, kNow).error == TokenError::wrong_kind);
  }
  SECTION("another secret's token is refused") {
    CHECK(verify_token(std::string(64, 'x'), TokenKind::link, token, kNow).error ==
          TokenError::bad_signature);
  }
}

TEST_CASE("web token: every altered character is refused") {
  auto token = sign_token(kSecret, TokenKind::link, "anna@example.se", kNow + 3600);
  const std::string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  int refused = 0, tried = 0;
  for (std::size_t i = 0; i < token.size(); ++i) {
    if (token[i] == '.') continue;
    std::string altered = token;
    altered[i] = alphabet[(alphabet.find(token[i]) + 1) % alphabet.size()];
    ++tried;
    // The last character of a base64 group may carry unused bits; a change there that
    // decodes to the same bytes is the same token, so only changed bytes must be refused.
    if (unbase64url(altered.substr(0, altered.find('.'))) ==
            unbase64url(token.substr(0, token.find('.'))) &&
        unbase64url(altered.substr(altered.find('.') + 1)) ==
            unbase64url(token.substr(token.find('.') + 1)))
      continue;
    if (!verify_token(kSecret, TokenKind::link, altered, kNow))
      ++refused;
    else
      FAIL("accepted altered token " << altered);
  }
  CHECK(refused >= tried - 2);

  SECTION("a payload naming someone else with the old signature is refused") {
    auto other = sign_token(kSecret, TokenKind::link, "bo@example.se", kNow + 3600);
    auto forged = other.substr(0, other.find('.')) + token.substr(token.find('.'));
    CHECK(verify_token(kSecret, TokenKind::link, forged, kNow).error == TokenError::bad_signature);
  }
  SECTION("malformed tokens") {
    for (const std::string& bad : std::vector<std::string>{
             "", ".", "abc", "a.b.c", token + ".x", "!!!." + token.substr(token.find('.') + 1)})
      CHECK_FALSE(verify_token(kSecret, TokenKind::link, bad, kNow));
  }
}

TEST_CASE("web token: CSRF values belong to one session") {
  auto s1 = sign_token(kSecret, TokenKind::session, "anna@example.se", kNow + 3600);
  auto s2 = sign_token(kSecret, TokenKind::session, "bo@example.se", kNow + 3600);
  auto c1 = csrf_for(kSecret, s1);
  CHECK(csrf_ok(kSecret, s1, c1));
  CHECK_FALSE(csrf_ok(kSecret, s2, c1));
  CHECK_FALSE(csrf_ok(kSecret, s1, ""));
  CHECK_FALSE(csrf_ok(kSecret, "", csrf_for(kSecret, "")));
  CHECK_FALSE(csrf_ok(kSecret, s1, c1.substr(1)));
}

TEST_CASE("web token: the secret beside the store is created once, private, and kept") {
  TempDir dir("web-secret-" + std::to_string(getpid()));
  auto path = secret_path((dir.path() / "lager.db").string());
  CHECK(path == (dir.path() / "lager.db.key").string());
  auto first = load_or_create_secret(path);
  CHECK(first.size() == 64);
  CHECK(load_or_create_secret(path) == first);
  struct stat st {};
  REQUIRE(stat(path.c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0600);

  SECTION("a short key is refused, not used") {
    dir.write("kort.key", "abc\n");
    CHECK_THROWS_AS(load_or_create_secret((dir.path() / "kort.key").string()), SecretError);
  }
  SECTION("processes creating it at once all end with the same key") {
    auto shared = (dir.path() / "ny.db.key").string();
    std::vector<pid_t> children;
    for (int i = 0; i < 8; ++i) {
      pid_t pid = fork();
      if (pid == 0) {
        auto key = load_or_create_secret(shared);
        _exit(key.size() == 64 ? 0 : 1);
      }
      children.push_back(pid);
    }
    for (pid_t pid : children) {
      int status = 0;
      waitpid(pid, &status, 0);
      CHECK((WIFEXITED(status) && WEXITSTATUS(status) == 0));
    }
    auto key = slurp(shared);
    CHECK(key.size() == 65);  // 64 hex digits and a newline: one whole key, never a mix
    CHECK(load_or_create_secret(shared) + "\n" == key);
  }
}
