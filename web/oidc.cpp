#include "web/oidc.hpp"

#include <openssl/sha.h>

#include <algorithm>
#include <stdexcept>

namespace arshjul::web {
namespace {

using nlohmann::json;

/// Percent-encoding of a query value: everything but RFC 3986's unreserved characters.
std::string encoded(const std::string& value) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : value) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

std::string query(std::initializer_list<std::pair<const char*, std::string>> fields) {
  std::string out;
  for (const auto& [name, value] : fields) {
    if (!out.empty()) out += '&';
    out += std::string(name) + "=" + encoded(value);
  }
  return out;
}

bool listed(const json& doc, const char* key, const std::string& wanted) {
  auto it = doc.find(key);
  if (it == doc.end() || !it->is_array()) return true;  // not listed: the defaults apply
  return std::any_of(it->begin(), it->end(), [&](const json& v) {
    return v.is_string() && v.get<std::string>() == wanted;
  });
}

std::string endpoint(const json& doc, const char* key) {
  auto it = doc.find(key);
  if (it == doc.end() || !it->is_string() || !split_url(it->get<std::string>()))
    throw std::runtime_error(std::string("discovery document without a usable ") + key);
  return it->get<std::string>();
}

}  // namespace

std::string pkce_challenge(const std::string& verifier) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(verifier.data()), verifier.size(), digest);
  return base64url(std::string(reinterpret_cast<const char*>(digest), sizeof digest));
}

std::string oidc_nonce(const std::string& secret, const std::string& state) {
  return derived(secret, "oidc nonce\n" + state);
}

std::string oidc_verifier(const std::string& secret, const std::string& state) {
  return derived(secret, "oidc pkce\n" + state);
}

OidcStart begin_oidc(const std::string& secret, std::int64_t now) {
  OidcStart s;
  // The subject is empty: who signs in is known only from the provider's answer.
  s.state = sign_token(secret, TokenKind::oidc_state, "", now + kOidcStateSeconds, now);
  s.nonce = oidc_nonce(secret, s.state);
  s.verifier = oidc_verifier(secret, s.state);
  return s;
}

CheckedState check_state(const std::string& secret, const std::string& state,
                         const std::string& cookie, std::int64_t now) {
  CheckedState c;
  if (state.empty() || cookie.empty()) {
    c.error = StateError::missing;
    return c;
  }
  // The cookie binds the sign-in to the browser that began it: a callback URL with someone
  // else's code and state (a forced sign-in as the attacker) has no cookie to match.
  if (state != cookie) {
    c.error = StateError::other_browser;
    return c;
  }
  auto v = verify_token(secret, TokenKind::oidc_state, state, now);
  if (!v) {
    c.error = v.error == TokenError::expired ? StateError::expired : StateError::invalid;
    return c;
  }
  c.id = "oidc-state:" + v.id;
  c.expires_at = v.expires_at;
  return c;
}

ProviderInfo parse_discovery(const std::string& text, const std::string& issuer) {
  json doc = json::parse(text, nullptr, false);
  if (!doc.is_object()) throw std::runtime_error("discovery document is not a JSON object");
  ProviderInfo p;
  p.issuer = doc.value("issuer", "");
  // Discovery 4.3: the document must name the issuer it was fetched for, exactly; otherwise
  // tokens could be taken from a provider the configuration does not name.
  if (p.issuer != issuer)
    throw std::runtime_error("discovery document names issuer '" + p.issuer + "', not '" + issuer +
                             "'");
  p.authorization_endpoint = endpoint(doc, "authorization_endpoint");
  p.token_endpoint = endpoint(doc, "token_endpoint");
  p.jwks_uri = endpoint(doc, "jwks_uri");
  if (!listed(doc, "response_types_supported", "code"))
    throw std::runtime_error("provider does not offer the authorization code flow");
  if (doc.contains("code_challenge_methods_supported") &&
      !listed(doc, "code_challenge_methods_supported", "S256"))
    throw std::runtime_error("provider does not offer PKCE with S256");
  p.secret_post_only =
      !listed(doc, "token_endpoint_auth_methods_supported", "client_secret_basic") &&
      listed(doc, "token_endpoint_auth_methods_supported", "client_secret_post");
  return p;
}

std::string authorization_url(const ProviderInfo& provider, const OidcSettings& settings,
                              const OidcStart& start) {
  char sep = provider.authorization_endpoint.find('?') == std::string::npos ? '?' : '&';
  return provider.authorization_endpoint + sep +
         query({{"response_type", "code"},
                {"client_id", settings.client_id},
                {"redirect_uri", settings.redirect_url},
                {"scope", settings.scopes},
                {"state", start.state},
                {"nonce", start.nonce},
                {"code_challenge", pkce_challenge(start.verifier)},
                {"code_challenge_method", "S256"}});
}

std::string token_request_body(const ProviderInfo& provider, const OidcSettings& settings,
                               const std::string& code, const std::string& verifier) {
  std::string body = query({{"grant_type", "authorization_code"},
                            {"code", code},
                            {"redirect_uri", settings.redirect_url},
                            {"code_verifier", verifier}});
  // With a secret and HTTP Basic (the default method, RFC 6749 2.3.1) the client is named in
  // the Authorization header; otherwise in the form.
  if (settings.client_secret.empty() || provider.secret_post_only)
    body += "&" + query({{"client_id", settings.client_id}});
  if (!settings.client_secret.empty() && provider.secret_post_only)
    body += "&" + query({{"client_secret", settings.client_secret}});
  return body;
}

std::optional<std::string> person_claim(const json& claims, const std::string& claim) {
  auto it = claims.find(claim);
  if (it == claims.end() || !it->is_string() || it->get<std::string>().empty()) return std::nullopt;
  // A provider that lets people type any address (Keycloak without verification) says so;
  // such an address must not sign anyone in as the roster's holder of it.
  auto verified = claims.find("email_verified");
  if (claim == "email" && verified != claims.end() && verified->is_boolean() && !*verified)
    return std::nullopt;
  return it->get<std::string>();
}

std::optional<std::pair<std::string, std::string>> split_url(const std::string& url) {
  auto scheme_end = url.find("://");
  if (scheme_end == std::string::npos) return std::nullopt;
  std::string scheme = url.substr(0, scheme_end);
  if (scheme != "http" && scheme != "https") return std::nullopt;
  auto path_at = url.find_first_of("/?#", scheme_end + 3);
  std::string origin = url.substr(0, path_at);
  if (origin.size() == scheme_end + 3) return std::nullopt;  // no host
  std::string path = path_at == std::string::npos ? "/" : url.substr(path_at);
  if (path[0] == '?') path = "/" + path;
  if (auto hash = path.find('#'); hash != std::string::npos) path.erase(hash);
  return std::pair{origin, path};
}

}  // namespace arshjul::web
