#pragma once
// Signed, expiring tokens for the web view: the personal sign-in link, the session cookie and
// the CSRF field of every form. HMAC-SHA256 (OpenSSL) with a secret kept beside the store, so
// the server, `arshjul token` and the nightly `remind` sign alike without sharing anything else.
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>

namespace arshjul::web {

/// What a token may be used for; a token of one kind is refused as another.
enum class TokenKind : char { link = 'l', session = 's' };

/// A secret that cannot be read or created (the message names the file).
class SecretError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// The secret's file for a store: "<store>.key".
std::string secret_path(const std::string& store_path);

/// Reads the secret at `path`, creating it (32 random bytes, hex, mode 0600) when missing.
/// Two processes creating it at once end up with the same secret (the file appears
/// atomically, the loser reads the winner's). Throws SecretError.
std::string load_or_create_secret(const std::string& path);

/// A token for `subject` (a person's e-mail in lower case) of `kind`, valid until
/// `expires_at` (seconds since 1970): base64url(kind, subject, expiry) "." base64url(HMAC).
std::string sign_token(const std::string& secret, TokenKind kind, const std::string& subject,
                       std::int64_t expires_at);

/// Why a token was refused.
enum class TokenError { malformed, bad_signature, wrong_kind, expired };

struct Verified {
  std::string subject;  ///< set when valid
  std::int64_t expires_at = 0;
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

/// URL-safe base64 without padding (RFC 4648 §5), and back (nullopt on a bad character).
std::string base64url(const std::string& bytes);
std::optional<std::string> unbase64url(const std::string& text);

/// The personal sign-in link: `base` (e.g. "https://arshjul.kommunen.se/") + "signin?t=" +
/// a link token for `email` valid `days` days from `now`.
std::string sign_in_link(const std::string& secret, const std::string& base,
                         const std::string& email, std::int64_t now, int days);

}  // namespace arshjul::web
