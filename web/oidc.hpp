#pragma once
// Sign-in through the municipality's identity provider: OpenID Connect's authorization code
// flow with PKCE (RFC 7636, S256). This file holds the pure parts: the settings, the state
// that ties a sign-in to the browser that began it, the nonce and the PKCE verifier, the
// discovery document, the provider's address for the browser, and the person's claim.
//
// Nothing is kept in the server's memory between the two halves of a sign-in: the state is
// a token signed with the key beside the store (web/token.hpp), the nonce and the verifier
// are HMACs of it, and the browser holds it in a short cookie. So any server on the store
// can finish a sign-in another began; that a state is used only once is kept in the store
// (engine::SessionTable::use_once), for every server alike.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "web/token.hpp"

namespace arshjul::web {

/// How the server signs people in with the provider (the configuration's [oidc] table).
struct OidcSettings {
  std::string issuer;           ///< e.g. "https://login.microsoftonline.com/TENANT/v2.0"
  std::string client_id;        ///< the application's id at the provider
  std::string client_secret;    ///< empty for a public client (PKCE only)
  std::string redirect_url;     ///< this server's callback, as registered at the provider
  std::string claim = "email";  ///< the ID token's claim matched to the roster's e-mail
  std::string scopes = "openid email profile";
  std::int64_t skew = 60;  ///< seconds of clock difference tolerated on the token's times
};

/// How long a begun sign-in may take at the provider (the state's and its cookie's life).
constexpr std::int64_t kOidcStateSeconds = 600;
/// The cookie that holds the state in the browser that began the sign-in.
constexpr const char* kOidcCookie = "arshjul_oidc";

/// The PKCE challenge of `verifier`: base64url(SHA-256(verifier)) (method S256).
std::string pkce_challenge(const std::string& verifier);

/// A sign-in begun at `now`: the state (a signed token, valid kOidcStateSeconds), and the
/// nonce and PKCE verifier derived from it under `secret`. Throws SecretError when no
/// random bytes can be had.
struct OidcStart {
  std::string state, nonce, verifier;
};
OidcStart begin_oidc(const std::string& secret, std::int64_t now);

/// The nonce and the PKCE verifier of a state (HMACs under `secret`; 43 characters each).
std::string oidc_nonce(const std::string& secret, const std::string& state);
std::string oidc_verifier(const std::string& secret, const std::string& state);

/// Why a state coming back from the provider was refused.
enum class StateError {
  missing,        ///< no state, or no cookie: not begun in this browser (or begun too long ago)
  other_browser,  ///< the state is not the one this browser's cookie holds
  invalid,        ///< not signed by this server's key (altered, or the key is new)
  expired,        ///< begun more than kOidcStateSeconds ago
};

/// Checks the state of a callback against the cookie of the browser and the key; on
/// success `id` names the state for the single-use check in the store.
struct CheckedState {
  std::string id;
  std::int64_t expires_at = 0;
  std::optional<StateError> error;
  explicit operator bool() const { return !error; }
};
CheckedState check_state(const std::string& secret, const std::string& state,
                         const std::string& cookie, std::int64_t now);

/// The provider's endpoints, from its discovery document.
struct ProviderInfo {
  std::string issuer, authorization_endpoint, token_endpoint, jwks_uri;
  bool secret_post_only = false;  ///< the token endpoint takes the secret only in the form
};

/// Reads `/.well-known/openid-configuration`. Its issuer must be `issuer` exactly (OpenID
/// Connect Discovery 4.3), its endpoints absolute http(s) URLs, and it must offer the code
/// flow and S256 when it lists them. Throws std::runtime_error saying what is wrong.
ProviderInfo parse_discovery(const std::string& json, const std::string& issuer);

/// Where the browser goes to sign in: the authorization endpoint with response_type=code,
/// client_id, redirect_uri, scope, state, nonce and the S256 challenge.
std::string authorization_url(const ProviderInfo& provider, const OidcSettings& settings,
                              const OidcStart& start);

/// The form of the token request (application/x-www-form-urlencoded); the client id and
/// secret go in it only when the provider takes the secret that way (or there is none).
std::string token_request_body(const ProviderInfo& provider, const OidcSettings& settings,
                               const std::string& code, const std::string& verifier);

/// The value of the claim `claim` of verified ID token claims, to be matched to the roster;
/// nullopt when it is missing or not text, or when it is an e-mail address the provider
/// says is not verified ("email_verified": false).
std::optional<std::string> person_claim(const nlohmann::json& claims, const std::string& claim);

/// The scheme and authority of an http(s) URL ("https://host:port") and its path with the
/// query ("/a/b?c"); nullopt when it is not an absolute http(s) URL.
std::optional<std::pair<std::string, std::string>> split_url(const std::string& url);

}  // namespace arshjul::web
