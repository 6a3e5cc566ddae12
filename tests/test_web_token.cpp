// The web view's tokens (issue 9): the sign-in link, the session and the CSRF field are
// HMAC-SHA256 signed; an altered, expired or misused token is refused, and the secret
// beside the store is made once, atomically, and kept.
#include <pwd.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <fstream>
#include <set>
#include <string>
#include <vector>

#include "engine/files.hpp"
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
  CHECK_FALSE(unbase64url("-_9").has_value());  // the same bytes with an unused bit set
  CHECK_FALSE(unbase64url("QR").has_value());   // "A" is "QQ"
  CHECK(unbase64url("QQ") == "A");
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
    // Also the last character, whose unused bits would decode to the same bytes: only the
    // canonical text of a signature verifies (issue 17).
    if (!verify_token(kSecret, TokenKind::link, altered, kNow))
      ++refused;
    else
      FAIL("accepted altered token " << altered);
  }
  CHECK(refused == tried);

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

TEST_CASE("web token: a key that is a symbolic link, or readable by others, is refused") {
  TempDir dir("web-key-" + std::to_string(getpid()));
  auto store = (dir.path() / "lager.db").string();
  // Someone who can write the folder points the key at one of their own.
  auto theirs = dir.write("deras.key", std::string(64, 'a') + "\n");
  chmod(theirs.c_str(), 0600);
  std::filesystem::create_symlink(theirs, secret_path(store));
  CHECK_THROWS_WITH(load_or_create_secret(secret_path(store)), Catch::Contains("symbolisk länk"));
  try {  // worded by the catalogue, in the command's language
    load_or_create_secret(secret_path(store));
  } catch (const SecretError& e) {
    CHECK(e.text(arshjul::dsl::Lang::en) ==
          secret_path(store) + ": is a symbolic link; the key must be a file of its own");
  }
  std::filesystem::remove(secret_path(store));

  auto key = load_or_create_secret(secret_path(store));
  KeyFile running(secret_path(store));
  CHECK(running.current() == key);
  chmod(secret_path(store).c_str(), 0644);
  CHECK_THROWS_WITH(load_or_create_secret(secret_path(store)), Catch::Contains("0644"));
  CHECK_FALSE(running.current().has_value());  // the running server signs and verifies nothing
  chmod(secret_path(store).c_str(), 0600);
  CHECK(running.current() == key);
}

TEST_CASE("web token: a planted temporary file is never written through") {
  TempDir dir("web-key-tmp-" + std::to_string(getpid()));
  auto key = (dir.path() / "lager.db.key").string();
  auto victim = dir.write("offer.txt", "orörd\n");
  // The old code wrote "<key>.<pid>.tmp": plant it for the child that will create the key.
  int go[2];
  REQUIRE(pipe(go) == 0);
  pid_t pid = fork();
  if (pid == 0) {
    char c;
    close(go[1]);
    if (read(go[0], &c, 1) != 1) _exit(3);
    try {
      load_or_create_secret(key);
    } catch (...) {
    }
    _exit(0);
  }
  close(go[0]);
  std::filesystem::create_symlink(victim, key + "." + std::to_string(pid) + ".tmp");
  REQUIRE(write(go[1], "x", 1) == 1);
  close(go[1]);
  int status = 0;
  waitpid(pid, &status, 0);
  CHECK(slurp(victim) == "orörd\n");
  CHECK(load_or_create_secret(key).size() == 64);

  // The one way to write a file replaces a symbolic link at the path, never its target.
  auto link = dir.path() / "brev.eml";
  std::filesystem::create_symlink(victim, link);
  REQUIRE(arshjul::engine::write_file_atomically(link, "nytt\n"));
  CHECK(slurp(victim) == "orörd\n");
  CHECK_FALSE(std::filesystem::is_symlink(link));
  CHECK(slurp(link) == "nytt\n");
  // Without replacing, an existing name (a file or a link) is left alone: EEXIST.
  arshjul::engine::WriteOptions keep;
  keep.replace = false;
  CHECK_FALSE(arshjul::engine::write_file_atomically(link, "annat\n", keep));
  CHECK(errno == EEXIST);
  CHECK(slurp(link) == "nytt\n");
  for (const auto& e : std::filesystem::directory_iterator(dir.path()))
    CHECK(e.path().filename().string().find(".tmp-") == std::string::npos);
}

// Needs root to create a second, unprivileged user (tests/needs.sh root: SKIPPED otherwise).
TEST_CASE("web token: a key owned by another user than the store's is refused", "[root]") {
  REQUIRE(geteuid() == 0);
  const std::string user = "arshjul-t" + std::to_string(getpid() % 100000);
  REQUIRE(std::system(("useradd --no-create-home --shell /usr/sbin/nologin " + user).c_str()) == 0);
  struct Cleanup {
    std::string user;
    ~Cleanup() { std::system(("userdel " + user + " 2>/dev/null").c_str()); }
  } cleanup{user};
  const passwd* pw = getpwnam(user.c_str());
  REQUIRE(pw);
  TempDir dir("web-key-owner-" + std::to_string(getpid()));
  auto store = (dir.path() / "lager.db").string();
  dir.write("lager.db", "");  // the store, root's
  // A folder the other user may write (as a careless set-up would give them): as that user,
  // point the key at a key of their own. Root's arshjul then refuses it.
  chmod(dir.path().c_str(), 01777);
  pid_t planter = fork();
  if (planter == 0) {
    if (setgid(pw->pw_gid) != 0 || setuid(pw->pw_uid) != 0) _exit(3);
    auto own = dir.path() / "min.key";
    std::ofstream(own) << std::string(64, 'c') << "\n";
    chmod(own.c_str(), 0600);
    std::error_code ec;
    std::filesystem::create_symlink(own, secret_path(store), ec);
    _exit(ec ? 1 : 0);
  }
  int planted = 0;
  waitpid(planter, &planted, 0);
  REQUIRE((WIFEXITED(planted) && WEXITSTATUS(planted) == 0));
  CHECK_THROWS_WITH(load_or_create_secret(secret_path(store)), Catch::Contains("symbolisk länk"));
  std::filesystem::remove(secret_path(store));
  // The other user's own key, planted where the store's belongs (as if they wrote the folder).
  auto key = dir.write("lager.db.key", std::string(64, 'b') + "\n");
  chmod(key.c_str(), 0600);
  REQUIRE(chown(key.c_str(), pw->pw_uid, pw->pw_gid) == 0);
  CHECK_THROWS_WITH(load_or_create_secret(secret_path(store)), Catch::Contains("ägs av"));
  // The other way round: root makes the key of that user's store for them.
  std::filesystem::remove(key);
  REQUIRE(chown(store.c_str(), pw->pw_uid, pw->pw_gid) == 0);
  auto made = load_or_create_secret(secret_path(store));
  struct stat st {};
  REQUIRE(stat(secret_path(store).c_str(), &st) == 0);
  CHECK(st.st_uid == pw->pw_uid);
  CHECK((st.st_mode & 0777) == 0600);
  // and as that user, through arshjul token's own code: their key is theirs to read.
  pid_t pid = fork();
  if (pid == 0) {
    if (setgid(pw->pw_gid) != 0 || setuid(pw->pw_uid) != 0) _exit(3);
    try {
      _exit(load_or_create_secret(secret_path(store)) == made ? 0 : 1);
    } catch (...) {
      _exit(2);
    }
  }
  int status = 0;
  waitpid(pid, &status, 0);
  CHECK((WIFEXITED(status) && WEXITSTATUS(status) == 0));
}

TEST_CASE("web token: a session verified once is verified alike, and refused once expired") {
  VerifiedSessions sessions;
  auto token = sign_token(kSecret, TokenKind::session, "anna@example.se", kNow + 60, kNow);
  for (int asked = 0; asked < 2; ++asked) {  // the first time worked out, then remembered
    auto checked = sessions.verify(kSecret, token, kNow);
    auto v = verify_token(kSecret, TokenKind::session, token, kNow);
    REQUIRE(checked);
    CHECK(checked->verified.subject == v.subject);
    CHECK(checked->verified.id == v.id);
    CHECK(checked->verified.expires_at == v.expires_at);
    CHECK(checked->verified.issued_at == v.issued_at);
    CHECK(checked->csrf == csrf_for(kSecret, token));
    CHECK(sessions.csrf_ok(kSecret, token, csrf_for(kSecret, token)));
    CHECK(!sessions.csrf_ok(kSecret, token, csrf_for(kSecret, token + "x")));
  }
  CHECK(!sessions.verify(kSecret, token, kNow + 60));  // expired, though remembered
  // Another key (a new key file) verifies nothing the old one signed, remembered or not.
  const std::string other(64, 'o');
  CHECK(sessions.verify(kSecret, token, kNow));
  CHECK(!sessions.verify(other, token, kNow));
  CHECK(!sessions.csrf_ok(other, token, csrf_for(kSecret, token)));
  CHECK(sessions.csrf_ok(other, token, csrf_for(other, token)));
  // Not a session token, or altered: refused as verify_token refuses it.
  CHECK(!sessions.verify(
      kSecret, sign_token(kSecret, TokenKind::link, "anna@example.se", kNow + 60, kNow), kNow));
  CHECK(!sessions.verify(kSecret, token + "A", kNow));
}
