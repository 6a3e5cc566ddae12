#pragma once
// Signed, expiring tokens for the web view: the personal sign-in link, the session cookie and
// the CSRF field of every form. HMAC-SHA256 (OpenSSL) with a secret kept beside the store, so
// the server, `arshjul token` and the nightly `remind` sign alike without sharing anything else.
#include <sys/types.h>

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "dsl/messages.hpp"

namespace arshjul::web {

/// What a token may be used for; a token of one kind is refused as another.
/// `oidc_state`: the state of a sign-in at the identity provider (web/oidc.hpp).
enum class TokenKind : char { link = 'l', session = 's', oidc_state = 'o' };

/// A secret that cannot be read or created (the message names the file), worded by the
/// catalogue: text(lang) in the command's language.
class SecretError : public dsl::WordedError {
 public:
  using dsl::WordedError::WordedError;
};

/// The secret's file for a store: "<store>.key".
std::string secret_path(const std::string& store_path);

/// An HMAC-SHA256 of `data` under `secret`, base64url: values derived from a token (the CSRF
/// field, an OpenID Connect sign-in's nonce and PKCE verifier).
std::string derived(const std::string& secret, const std::string& data);

/// Reads the secret at `path`, creating it (32 random bytes, hex, mode 0600) when missing.
/// Two processes creating it at once end up with the same secret (the file appears
/// atomically, the loser reads the winner's). Throws SecretError, also for a key that must
/// not be trusted: a symbolic link, not a regular file, readable or writable by others than
/// its owner, or owned by another user than whoever runs this (root also accepts the owner
/// of the store, `<path without .key>`). Made by root for another user's store, it is that
/// user's.
std::string load_or_create_secret(const std::string& path);

/// The key of a running server: read again whenever the file changes, so deleting it ends
/// every link and session at once and a new key (made by `arshjul token`) takes effect
/// without a restart.
class KeyFile {
 public:
  explicit KeyFile(std::string path);
  /// The key as the file is now; nullopt when it is missing or may not be used.
  std::optional<std::string> current();
  const std::string& path() const { return path_; }

 private:
  struct Stamp {
    dev_t dev = 0;
    ino_t ino = 0;
    off_t size = 0;
    mode_t mode = 0;
    uid_t owner = 0;
    std::int64_t sec = 0, nsec = 0;
    bool operator==(const Stamp&) const = default;
  };
  std::string path_;
  std::mutex mutex_;
  Stamp stamp_;
  std::optional<std::string> secret_;
};

/// A token for `subject` (a person's e-mail in lower case) of `kind`, valid until
/// `expires_at` (seconds since 1970), made at `issued_at`: base64url(kind, subject, expiry,
/// issue time, 16 random bytes) "." base64url(HMAC). No two tokens are alike.
std::string sign_token(const std::string& secret, TokenKind kind, const std::string& subject,
                       std::int64_t expires_at, std::int64_t issued_at = 0);

/// Why a token was refused.
enum class TokenError { malformed, bad_signature, wrong_kind, expired };

struct Verified {
  std::string subject;  ///< set when valid
  std::int64_t expires_at = 0;
  std::int64_t issued_at = 0;  ///< 0 in tokens made before issue times were signed
  std::string id;              ///< names this token in the session table (not the token itself)
  std::optional<TokenError> error;
  explicit operator bool() const { return !error; }
};

/// Checks the signature (in constant time), the kind and that `now` is before the expiry.
Verified verify_token(const std::string& secret, TokenKind kind, const std::string& token,
                      std::int64_t now);

/// The CSRF value for forms shown to the holder of `session` (a session token): an HMAC of
/// it, so it needs no server state and changes with each sign-in.
std::string csrf_for(const std::string& secret, const std::string& session);

/// Whether `given` is the CSRF value for `session` (compared in constant time).
bool csrf_ok(const std::string& secret, const std::string& session, const std::string& given);

/// verify_token and csrf_for of session tokens, remembered per token and key: the same token
/// under the same key verifies alike, so a request's HMACs (the signature, the session's id,
/// its CSRF value) are made once per session, not once per request. The expiry is checked
/// against `now` each time; only valid tokens are kept (at most 100,000).
class VerifiedSessions {
 public:
  struct Checked {
    Verified verified;
    std::string csrf;
  };
  /// The session token `token` verified under `secret` (TokenKind::session), or nullopt when
  /// verify_token refuses it.
  std::optional<Checked> verify(const std::string& secret, const std::string& token,
                                std::int64_t now) const;
  /// csrf_ok(secret, token, given), with the CSRF value remembered for a verified token.
  bool csrf_ok(const std::string& secret, const std::string& token, const std::string& given) const;

 private:
  struct Kept {
    std::string secret;
    Checked checked;
  };
  mutable std::mutex mutex_;
  mutable std::unordered_map<std::string, Kept> seen_;
};

/// A new one-time key for a form that records an entry (a hidden field, made as the page is
/// rendered): 16 random bytes, base64url. The store keeps it with the entry, unique, so the
/// form sent twice records once (throws SecretError when the system has no randomness).
std::string submission_key();
/// Whether `key` can be a form's one-time key: 16 to 64 characters of base64url's alphabet
/// (a page's key with a form's suffix, "-a3"); any other value is taken as none.
bool submission_key_ok(const std::string& key);

/// URL-safe base64 without padding (RFC 4648 §5), and back (nullopt on a bad character).
std::string base64url(const std::string& bytes);
std::optional<std::string> unbase64url(const std::string& text);

/// The longest a sign-in link may be valid (`token --days`, `remind --link-days`).
constexpr int kMaxLinkDays = 90;

/// The personal sign-in link: `base` (e.g. "https://arshjul.kommunen.se/") + "signin?t=" +
/// a link token for `email` valid `days` days from `now`.
std::string sign_in_link(const std::string& secret, const std::string& base,
                         const std::string& email, std::int64_t now, int days);

}  // namespace arshjul::web
