#pragma once
// The ID token of an OpenID Connect sign-in: a JSON Web Token (RFC 7519) signed by the
// provider, checked against the keys it publishes (its JWKS, RFC 7517) and against what this
// sign-in expects (issuer, audience, nonce, times). OpenSSL verifies the signatures (RS256,
// and ES256 for providers that sign with P-256); nlohmann::json reads the JSON. Pure: no
// network and no clock (the caller gives `now`).
#include <cstdint>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace arshjul::web {

/// Why a token was refused; each is worded for the person by the sign-in page.
enum class JwtError {
  malformed,      ///< not three base64url parts of JSON
  unknown_alg,    ///< an algorithm other than RS256/ES256 (never "none", never HMAC)
  unknown_key,    ///< no key of the JWKS fits the header's kid and algorithm
  bad_signature,  ///< the signature does not verify
  wrong_issuer,
  wrong_audience,  ///< aud does not hold the client id (or azp names another client)
  expired,         ///< exp is past (beyond the clock skew)
  not_yet_valid,   ///< nbf or iat lies in the future (beyond the clock skew)
  wrong_nonce,
};

/// The name of `e` for logs ("wrong_audience").
const char* jwt_error_name(JwtError e);

/// A provider's signing keys, read from its JWKS document.
class Jwks {
 public:
  /// Reads a JWKS ({"keys":[...]}): RSA keys (n, e) and EC P-256 keys (x, y); keys meant for
  /// encryption ("use":"enc") and of other types are left out. Throws std::runtime_error
  /// when the document is not a JWKS.
  static Jwks parse(const std::string& json);
  Jwks();
  ~Jwks();
  Jwks(Jwks&&) noexcept;
  Jwks& operator=(Jwks&&) noexcept;

  std::size_t size() const;
  /// Whether a key with this kid is present (a new kid means the provider rotated its keys).
  bool has_kid(const std::string& kid) const;

  /// Checks the signature of `token` (header.payload.signature); the claims on success.
  /// Which key: the header's kid, else every key of the algorithm's type in turn.
  std::optional<nlohmann::json> verify(const std::string& token, JwtError& error) const;

 private:
  struct Key;
  std::vector<Key> keys_;
};

/// What a sign-in expects of its ID token's claims.
struct ClaimRules {
  std::string issuer;      ///< iss must be exactly this
  std::string client_id;   ///< aud must be (or hold) this; azp, when present, too
  std::string nonce;       ///< the nonce sent with this sign-in
  std::int64_t skew = 60;  ///< seconds of clock difference tolerated on exp, nbf and iat
};

/// Checks iss, aud/azp, exp, nbf, iat and nonce of verified `claims` as of `now`; nullopt
/// when they all hold, else the first that fails. exp is required.
std::optional<JwtError> check_claims(const nlohmann::json& claims, const ClaimRules& rules,
                                     std::int64_t now);

/// The kid of a token's header (empty when it has none or is malformed).
std::string jwt_kid(const std::string& token);

}  // namespace arshjul::web
