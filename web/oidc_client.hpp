#pragma once
// The identity provider as the server reaches it: its discovery document, its signing keys
// (JWKS) and its token endpoint, over cpp-httplib's client (https with OpenSSL, verifying the
// provider's certificate against the system's authorities; plain http only as the issuer is
// configured, for a provider on the same machine).
#include <chrono>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>

#include "web/jwt.hpp"
#include "web/oidc.hpp"

namespace arshjul::web {

/// The provider could not be reached or gave an answer that cannot be used; what() says
/// which (for the server's log, never the page).
class OidcFailure : public std::runtime_error {
 public:
  explicit OidcFailure(const std::string& what, bool refused = false)
      : std::runtime_error(what), refused_(refused) {}
  /// True when the provider answered and refused (an HTTP 4xx: a code already spent or not
  /// this client's), false when it could not be reached or answered nonsense.
  bool refused() const { return refused_; }

 private:
  bool refused_;
};

class OidcClient {
 public:
  explicit OidcClient(OidcSettings settings);
  const OidcSettings& settings() const { return settings_; }

  /// The provider's endpoints: fetched at the first sign-in, kept after. Throws OidcFailure.
  ProviderInfo provider();

  /// The ID token for `code` from the token endpoint (the PKCE `verifier`, and the client's
  /// secret). Throws OidcFailure, also when the provider refuses the code.
  std::string exchange(const std::string& code, const std::string& verifier);

  /// The claims of `id_token` when its signature verifies with one of the provider's keys;
  /// the keys are fetched again when the token names a key not yet seen (the provider
  /// rotated them), at most once a minute. Sets `error` otherwise. Throws OidcFailure when
  /// the keys cannot be fetched.
  std::optional<nlohmann::json> verify(const std::string& id_token, JwtError& error);

 private:
  /// The body of a GET of `url` (200 only). Throws OidcFailure.
  std::string get(const std::string& url) const;
  std::shared_ptr<const Jwks> keys(bool refresh);

  OidcSettings settings_;
  std::mutex mutex_;
  std::optional<ProviderInfo> provider_;
  std::shared_ptr<const Jwks> jwks_;
  std::chrono::steady_clock::time_point jwks_fetched_;
};

}  // namespace arshjul::web
