#include "web/token.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>

#include "dsl/text.hpp"

namespace arshjul::web {
namespace {

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

std::string read_secret(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
  if (!in.eof() && !in) throw SecretError(fmt::format("{}: kan inte läsas", path));
  // A short key would make every token easy to forge: refuse it rather than sign with it.
  if (text.size() < 2 * kSecretBytes)
    throw SecretError(fmt::format("{}: nyckeln är för kort ({} tecken, minst {})", path,
                                  text.size(), 2 * kSecretBytes));
  return text;
}

}  // namespace

std::string secret_path(const std::string& store_path) {
  return store_path + ".key";
}

std::string load_or_create_secret(const std::string& path) {
  if (access(path.c_str(), F_OK) == 0) return read_secret(path);
  unsigned char raw[kSecretBytes];
  if (RAND_bytes(raw, sizeof raw) != 1) throw SecretError("slumptal saknas (OpenSSL RAND_bytes)");
  std::string text = hex(raw, sizeof raw) + "\n";
  // Written in full under a temporary name, then linked into place: link() fails when the
  // file exists, so a concurrent creator never sees a half-written key and both keep one.
  std::string tmp = fmt::format("{}.{}.tmp", path, getpid());
  int fd = open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  if (fd < 0)
    throw SecretError(fmt::format("{}: kan inte skapas ({})", path, std::strerror(errno)));
  bool written =
      write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) && fsync(fd) == 0;
  close(fd);
  int linked = written ? link(tmp.c_str(), path.c_str()) : -1;
  int link_errno = errno;
  unlink(tmp.c_str());
  if (!written || (linked != 0 && link_errno != EEXIST))
    throw SecretError(fmt::format("{}: kan inte skapas ({})", path, std::strerror(link_errno)));
  return read_secret(path);
}

std::string base64url(const std::string& bytes) {
  return dsl::base64_encode(bytes, dsl::Base64::url);
}

std::optional<std::string> unbase64url(const std::string& text) {
  return dsl::base64_decode(text, dsl::Base64::url);
}

std::string sign_token(const std::string& secret, TokenKind kind, const std::string& subject,
                       std::int64_t expires_at) {
  std::string payload =
      base64url(fmt::format("{}\n{}\n{}", static_cast<char>(kind), subject, expires_at));
  return payload + "." + base64url(hmac(secret, payload));
}

Verified verify_token(const std::string& secret, TokenKind kind, const std::string& token,
                      std::int64_t now) {
  Verified v;
  auto dot = token.find('.');
  if (dot == std::string::npos || token.find('.', dot + 1) != std::string::npos) {
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
  auto nl1 = text ? text->find('\n') : std::string::npos;
  auto nl2 = text && nl1 != std::string::npos ? text->find('\n', nl1 + 1) : std::string::npos;
  if (nl2 == std::string::npos || nl1 != 1) {
    v.error = TokenError::malformed;
    return v;
  }
  if ((*text)[0] != static_cast<char>(kind)) {
    v.error = TokenError::wrong_kind;
    return v;
  }
  try {
    v.expires_at = std::stoll(text->substr(nl2 + 1));
  } catch (const std::exception&) {
    v.error = TokenError::malformed;
    return v;
  }
  if (now >= v.expires_at) {
    v.error = TokenError::expired;
    return v;
  }
  v.subject = text->substr(nl1 + 1, nl2 - nl1 - 1);
  return v;
}

std::string csrf_for(const std::string& secret, const std::string& session) {
  return base64url(hmac(secret, "csrf\n" + session));
}

bool csrf_ok(const std::string& secret, const std::string& session, const std::string& given) {
  return !session.empty() && same(csrf_for(secret, session), given);
}

std::string sign_in_link(const std::string& secret, const std::string& base,
                         const std::string& email, std::int64_t now, int days) {
  std::string root = base.empty() || base.back() != '/' ? base + "/" : base;
  return root +
         "signin?t=" + sign_token(secret, TokenKind::link, email, now + std::int64_t{days} * 86400);
}

}  // namespace arshjul::web
