#include "web/token.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <fstream>
#include <iterator>
#include <vector>

#include "dsl/text.hpp"
#include "engine/files.hpp"

namespace arshjul::web {
namespace {

using dsl::Msg;

constexpr std::size_t kSecretBytes = 32;

std::string hmac(const std::string& secret, const std::string& data) {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int n = 0;
  HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()),
       reinterpret_cast<const unsigned char*>(data.data()), data.size(), out, &n);
  return std::string(reinterpret_cast<const char*>(out), n);
}

bool same(const std::string& a, const std::string& b) {
  return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

std::string hex(const unsigned char* p, std::size_t n) {
  std::string out;
  for (std::size_t i = 0; i < n; ++i) out += fmt::format("{:02x}", p[i]);
  return out;
}

/// The owner a new key gets: the store's (the key's path without ".key"), or whoever runs
/// this when there is no store yet.
uid_t expected_owner(const std::string& key_path) {
  struct stat st {};
  const std::string suffix = ".key";
  if (key_path.size() > suffix.size() &&
      key_path.compare(key_path.size() - suffix.size(), suffix.size(), suffix) == 0 &&
      ::stat(key_path.substr(0, key_path.size() - suffix.size()).c_str(), &st) == 0)
    return st.st_uid;
  return ::geteuid();
}

/// The key at `path`, refused unless it is a regular file (not a symbolic link: opened with
/// O_NOFOLLOW), owned by whoever runs this (root: or the store's owner) and readable by
/// nobody else. nullopt when there is
/// no file; throws SecretError otherwise.
std::optional<std::string> read_secret(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0 && errno == ENOENT) return std::nullopt;
  if (fd < 0 && errno == ELOOP) throw SecretError(Msg::key_is_symlink, {path});
  if (fd < 0) throw SecretError(Msg::key_cannot_read, {path, std::strerror(errno)});
  struct stat st {};
  std::string text;
  bool ok = ::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size < 4096;
  if (ok) {
    text.resize(static_cast<std::size_t>(st.st_size));
    ok = ::read(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
  }
  ::close(fd);
  if (!ok) throw SecretError(Msg::key_not_readable, {path});
  if ((st.st_mode & 077) != 0)
    throw SecretError(Msg::key_mode, {path, fmt::format("{:04o}", st.st_mode & 07777)});
  // Whoever runs this owns the key; root may also use the key of the store's owner (it made
  // it for them). So a key planted by someone else is refused even when they also replaced
  // the store, which would make them its owner.
  if (st.st_uid != ::geteuid() && (::geteuid() != 0 || st.st_uid != expected_owner(path)))
    throw SecretError(Msg::key_owner,
                      {path, std::to_string(st.st_uid), std::to_string(::geteuid())});
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
  // A short key would make every token easy to forge: refuse it rather than sign with it.
  if (text.size() < 2 * kSecretBytes)
    throw SecretError(Msg::key_too_short,
                      {path, std::to_string(text.size()), std::to_string(2 * kSecretBytes)});
  return text;
}

std::string random_text(std::size_t bytes) {
  std::string raw(bytes, '\0');
  if (RAND_bytes(reinterpret_cast<unsigned char*>(raw.data()), static_cast<int>(bytes)) != 1)
    throw SecretError(Msg::key_no_random, {});
  return raw;
}

}  // namespace

std::string submission_key() {
  return base64url(random_text(16));
}

bool submission_key_ok(const std::string& key) {
  return key.size() >= 16 && key.size() <= 64 && std::all_of(key.begin(), key.end(), [](char c) {
           return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                  c == '-' || c == '_';
         });
}

std::string secret_path(const std::string& store_path) {
  return store_path + ".key";
}

std::string load_or_create_secret(const std::string& path) {
  if (auto existing = read_secret(path)) return *existing;
  std::string raw = random_text(kSecretBytes);
  std::string text = hex(reinterpret_cast<const unsigned char*>(raw.data()), raw.size()) + "\n";
  // Written whole under a random name, then put in place without replacing anything: when
  // two processes create it at once, one key wins and both read it.
  engine::WriteOptions w;
  w.replace = false;
  w.mode = 0600;
  if (uid_t owner = expected_owner(path); owner != ::geteuid()) w.owner = owner;
  if (!engine::write_file_atomically(path, text, w) && errno != EEXIST)
    throw SecretError(Msg::key_cannot_create, {path, std::strerror(errno)});
  if (auto made = read_secret(path)) return *made;
  throw SecretError(Msg::key_vanished, {path});
}

KeyFile::KeyFile(std::string path) : path_(std::move(path)) {}

std::optional<std::string> KeyFile::current() {
  struct stat st {};
  std::lock_guard lock(mutex_);
  if (::lstat(path_.c_str(), &st) != 0) {
    secret_.reset();
    return std::nullopt;
  }
  // Mode and owner too: a chmod or chown is noticed even within the clock's resolution.
  Stamp stamp{st.st_dev, st.st_ino,         st.st_size,        st.st_mode,
              st.st_uid, st.st_ctim.tv_sec, st.st_ctim.tv_nsec};
  if (secret_ && stamp == stamp_) return secret_;
  stamp_ = stamp;
  try {
    secret_ = read_secret(path_);
  } catch (const SecretError&) {
    secret_.reset();  // a key that may not be used signs nothing and verifies nothing
  }
  return secret_;
}

std::string base64url(const std::string& bytes) {
  return dsl::base64_encode(bytes, dsl::Base64::url);
}

std::optional<std::string> unbase64url(const std::string& text) {
  return dsl::base64_decode(text, dsl::Base64::url);
}

std::string sign_token(const std::string& secret, TokenKind kind, const std::string& subject,
                       std::int64_t expires_at, std::int64_t issued_at) {
  // A random part makes every token unique, even two made in the same second.
  std::string payload =
      base64url(fmt::format("{}\n{}\n{}\n{}\n{}", static_cast<char>(kind), subject, expires_at,
                            issued_at, base64url(random_text(16))));
  return payload + "." + base64url(hmac(secret, payload));
}

namespace {

/// The fields of a verified payload: kind, subject, expiry and (in tokens made since the
/// session table) issue time and the random part.
std::vector<std::string> fields_of(const std::string& text) {
  std::vector<std::string> out;
  std::size_t at = 0;
  for (auto nl = text.find('\n'); nl != std::string::npos; nl = text.find('\n', at))
    out.push_back(text.substr(at, nl - at)), at = nl + 1;
  out.push_back(text.substr(at));
  return out;
}

std::optional<std::int64_t> whole_seconds(const std::string& s) {
  std::int64_t v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (s.empty() || ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
  return v;
}

}  // namespace

Verified verify_token(const std::string& secret, TokenKind kind, const std::string& token,
                      std::int64_t now) {
  Verified v;
  auto dot = token.find('.');
  if (secret.empty() || dot == std::string::npos || token.find('.', dot + 1) != std::string::npos) {
    v.error = TokenError::malformed;
    return v;
  }
  std::string payload = token.substr(0, dot);
  auto mac = unbase64url(token.substr(dot + 1));
  // The signature is checked before anything in the payload is believed.
  if (!mac || !same(*mac, hmac(secret, payload))) {
    v.error = mac ? TokenError::bad_signature : TokenError::malformed;
    return v;
  }
  auto text = unbase64url(payload);
  auto fields = text ? fields_of(*text) : std::vector<std::string>{};
  auto expires = fields.size() >= 3 ? whole_seconds(fields[2]) : std::nullopt;
  auto issued = fields.size() == 5 ? whole_seconds(fields[3]) : std::optional<std::int64_t>(0);
  if ((fields.size() != 3 && fields.size() != 5) || fields[0].size() != 1 || !expires || !issued) {
    v.error = TokenError::malformed;
    return v;
  }
  if (fields[0][0] != static_cast<char>(kind)) {
    v.error = TokenError::wrong_kind;
    return v;
  }
  v.expires_at = *expires;
  v.issued_at = *issued;
  if (now >= v.expires_at) {
    v.error = TokenError::expired;
    return v;
  }
  v.subject = fields[1];
  v.id = base64url(hmac("id", token));
  return v;
}

std::string derived(const std::string& secret, const std::string& data) {
  return base64url(hmac(secret, data));
}

std::string csrf_for(const std::string& secret, const std::string& session) {
  return derived(secret, "csrf\n" + session);
}

bool csrf_ok(const std::string& secret, const std::string& session, const std::string& given) {
  return !session.empty() && same(csrf_for(secret, session), given);
}

std::optional<VerifiedSessions::Checked> VerifiedSessions::verify(const std::string& secret,
                                                                  const std::string& token,
                                                                  std::int64_t now) const {
  {
    std::lock_guard lock(mutex_);
    auto it = seen_.find(token);
    if (it != seen_.end() && it->second.secret == secret &&
        now < it->second.checked.verified.expires_at)
      return it->second.checked;
  }
  auto v = verify_token(secret, TokenKind::session, token, now);
  if (!v) return std::nullopt;
  Checked checked{std::move(v), csrf_for(secret, token)};
  std::lock_guard lock(mutex_);
  if (seen_.size() >= 100000) seen_.clear();  // a bound: tokens of sessions signed in
  seen_.insert_or_assign(token, Kept{secret, checked});
  return checked;
}

bool VerifiedSessions::csrf_ok(const std::string& secret, const std::string& token,
                               const std::string& given) const {
  {
    std::lock_guard lock(mutex_);
    auto it = seen_.find(token);
    if (it != seen_.end() && it->second.secret == secret)
      return same(it->second.checked.csrf, given);
  }
  return web::csrf_ok(secret, token, given);
}

std::string sign_in_link(const std::string& secret, const std::string& base,
                         const std::string& email, std::int64_t now, int days) {
  std::string root = base.empty() || base.back() != '/' ? base + "/" : base;
  return root + "signin?t=" +
         sign_token(secret, TokenKind::link, email, now + std::int64_t{days} * 86400, now);
}

}  // namespace arshjul::web
