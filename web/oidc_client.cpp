#include "web/oidc_client.hpp"

#include <httplib.h>

namespace arshjul::web {
namespace {

/// A client for the origin of `url` with short deadlines: a sign-in waits for the provider,
/// and a provider that hangs must not hold the server's worker for long.
httplib::Client client_for(const std::string& origin) {
  httplib::Client c(origin);
  c.set_connection_timeout(5, 0);
  c.set_read_timeout(10, 0);
  c.set_write_timeout(10, 0);
#ifdef CPPHTTPLIB_OPENSSL_SUPPORT
  c.enable_server_certificate_verification(true);
#endif
  return c;
}

std::string describe(const httplib::Result& r, const std::string& url) {
  if (!r) return url + ": " + httplib::to_string(r.error());
  return url + ": HTTP " + std::to_string(r->status) + " " + r->body.substr(0, 300);
}

std::pair<std::string, std::string> parts_of(const std::string& url) {
  auto parts = split_url(url);
  if (!parts) throw OidcFailure("not an http(s) URL: " + url);
  return *parts;
}

}  // namespace

OidcClient::OidcClient(OidcSettings settings) : settings_(std::move(settings)) {}

std::string OidcClient::get(const std::string& url) const {
  auto [origin, path] = parts_of(url);
  auto c = client_for(origin);
  auto r = c.Get(path, {{"Accept", "application/json"}});
  if (!r || r->status != 200) throw OidcFailure(describe(r, url));
  return r->body;
}

ProviderInfo OidcClient::provider() {
  std::lock_guard lock(mutex_);
  if (provider_) return *provider_;
  std::string issuer = settings_.issuer;
  while (!issuer.empty() && issuer.back() == '/') issuer.pop_back();
  std::string doc = get(issuer + "/.well-known/openid-configuration");
  try {
    provider_ = parse_discovery(doc, settings_.issuer);
  } catch (const std::runtime_error& e) {
    throw OidcFailure(e.what());
  }
  return *provider_;
}

std::string OidcClient::exchange(const std::string& code, const std::string& verifier) {
  ProviderInfo p = provider();
  auto [origin, path] = parts_of(p.token_endpoint);
  auto c = client_for(origin);
  if (!settings_.client_secret.empty() && !p.secret_post_only)
    c.set_basic_auth(httplib::detail::encode_query_param(settings_.client_id),
                     httplib::detail::encode_query_param(settings_.client_secret));
  auto r =
      c.Post(path, {{"Accept", "application/json"}},
             token_request_body(p, settings_, code, verifier), "application/x-www-form-urlencoded");
  if (!r || r->status != 200)
    throw OidcFailure(describe(r, p.token_endpoint), r && r->status >= 400 && r->status < 500);
  auto answer = nlohmann::json::parse(r->body, nullptr, false);
  if (!answer.is_object() || !answer.contains("id_token") || !answer["id_token"].is_string())
    throw OidcFailure(p.token_endpoint + ": no id_token in the answer");
  return answer["id_token"];
}

std::shared_ptr<const Jwks> OidcClient::keys(bool refresh) {
  ProviderInfo p = provider();
  std::lock_guard lock(mutex_);
  auto now = std::chrono::steady_clock::now();
  if (jwks_ && (!refresh || now - jwks_fetched_ < std::chrono::minutes(1))) return jwks_;
  try {
    jwks_ = std::make_shared<const Jwks>(Jwks::parse(get(p.jwks_uri)));
  } catch (const std::runtime_error& e) {
    throw OidcFailure(p.jwks_uri + ": " + e.what());
  }
  jwks_fetched_ = now;
  return jwks_;
}

std::optional<nlohmann::json> OidcClient::verify(const std::string& id_token, JwtError& error) {
  auto jwks = keys(false);
  std::string kid = jwt_kid(id_token);
  if (!kid.empty() && !jwks->has_kid(kid)) jwks = keys(true);
  return jwks->verify(id_token, error);
}

}  // namespace arshjul::web
