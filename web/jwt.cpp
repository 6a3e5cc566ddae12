#include "web/jwt.hpp"

#include <openssl/core_names.h>
#include <openssl/ecdsa.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>

#include <stdexcept>

#include "dsl/text.hpp"

namespace arshjul::web {
namespace {

using nlohmann::json;

struct PkeyFree {
  void operator()(EVP_PKEY* k) const { EVP_PKEY_free(k); }
};
using Pkey = std::unique_ptr<EVP_PKEY, PkeyFree>;

std::optional<std::string> unb64(const std::string& text) {
  return dsl::base64_decode(text, dsl::Base64::url);
}

/// A big-endian number of a JWK field (base64url), as OpenSSL wants it; throws when absent.
std::string field_bytes(const json& jwk, const char* name) {
  auto it = jwk.find(name);
  std::optional<std::string> bytes;
  if (it != jwk.end() && it->is_string()) bytes = unb64(it->get<std::string>());
  if (!bytes || bytes->empty()) throw std::runtime_error(std::string("JWK without ") + name);
  return *bytes;
}

/// A public key made from OSSL parameters (OpenSSL 3: no deprecated RSA_/EC_KEY calls).
Pkey from_params(const char* type, OSSL_PARAM_BLD* bld) {
  OSSL_PARAM* params = OSSL_PARAM_BLD_to_param(bld);
  EVP_PKEY_CTX* ctx = EVP_PKEY_CTX_new_from_name(nullptr, type, nullptr);
  EVP_PKEY* key = nullptr;
  bool ok = params && ctx && EVP_PKEY_fromdata_init(ctx) == 1 &&
            EVP_PKEY_fromdata(ctx, &key, EVP_PKEY_PUBLIC_KEY, params) == 1;
  EVP_PKEY_CTX_free(ctx);
  OSSL_PARAM_free(params);
  if (!ok) throw std::runtime_error(std::string("JWK not a usable ") + type + " key");
  return Pkey(key);
}

Pkey rsa_key(const json& jwk) {
  std::string n = field_bytes(jwk, "n"), e = field_bytes(jwk, "e");
  auto bn = [](const std::string& b) {
    return BN_bin2bn(reinterpret_cast<const unsigned char*>(b.data()), static_cast<int>(b.size()),
                     nullptr);
  };
  BIGNUM *bn_n = bn(n), *bn_e = bn(e);
  OSSL_PARAM_BLD* bld = OSSL_PARAM_BLD_new();
  OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_RSA_N, bn_n);
  OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_RSA_E, bn_e);
  Pkey key;
  try {
    key = from_params("RSA", bld);
  } catch (...) {
    OSSL_PARAM_BLD_free(bld), BN_free(bn_n), BN_free(bn_e);
    throw;
  }
  OSSL_PARAM_BLD_free(bld), BN_free(bn_n), BN_free(bn_e);
  return key;
}

Pkey ec_key(const json& jwk) {
  if (jwk.value("crv", "") != "P-256") throw std::runtime_error("EC JWK not on P-256");
  std::string point = "\x04" + field_bytes(jwk, "x") + field_bytes(jwk, "y");
  OSSL_PARAM_BLD* bld = OSSL_PARAM_BLD_new();
  OSSL_PARAM_BLD_push_utf8_string(bld, OSSL_PKEY_PARAM_GROUP_NAME, "prime256v1", 0);
  OSSL_PARAM_BLD_push_octet_string(bld, OSSL_PKEY_PARAM_PUB_KEY, point.data(), point.size());
  Pkey key;
  try {
    key = from_params("EC", bld);
  } catch (...) {
    OSSL_PARAM_BLD_free(bld);
    throw;
  }
  OSSL_PARAM_BLD_free(bld);
  return key;
}

/// A JWS ES256 signature is r||s (32 bytes each); OpenSSL verifies DER.
std::optional<std::string> ecdsa_der(const std::string& raw) {
  if (raw.size() != 64) return std::nullopt;
  const auto* p = reinterpret_cast<const unsigned char*>(raw.data());
  ECDSA_SIG* sig = ECDSA_SIG_new();
  ECDSA_SIG_set0(sig, BN_bin2bn(p, 32, nullptr), BN_bin2bn(p + 32, 32, nullptr));
  unsigned char* der = nullptr;
  int n = i2d_ECDSA_SIG(sig, &der);
  ECDSA_SIG_free(sig);
  if (n <= 0) return std::nullopt;
  std::string out(reinterpret_cast<const char*>(der), static_cast<std::size_t>(n));
  OPENSSL_free(der);
  return out;
}

bool verifies(EVP_PKEY* key, const std::string& data, const std::string& sig) {
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  bool ok = ctx && EVP_DigestVerifyInit(ctx, nullptr, EVP_sha256(), nullptr, key) == 1 &&
            EVP_DigestVerify(ctx, reinterpret_cast<const unsigned char*>(sig.data()), sig.size(),
                             reinterpret_cast<const unsigned char*>(data.data()), data.size()) == 1;
  EVP_MD_CTX_free(ctx);
  return ok;
}

/// The three parts of a compact JWS, decoded: header JSON, payload JSON, signature bytes.
struct Parts {
  json header, payload;
  std::string signing_input, signature;
};

std::optional<Parts> split(const std::string& token) {
  auto a = token.find('.');
  auto b = a == std::string::npos ? a : token.find('.', a + 1);
  if (b == std::string::npos || token.find('.', b + 1) != std::string::npos) return std::nullopt;
  auto header = unb64(token.substr(0, a));
  auto payload = unb64(token.substr(a + 1, b - a - 1));
  auto signature = unb64(token.substr(b + 1));
  if (!header || !payload || !signature) return std::nullopt;
  Parts p;
  p.header = json::parse(*header, nullptr, false);
  p.payload = json::parse(*payload, nullptr, false);
  if (!p.header.is_object() || !p.payload.is_object()) return std::nullopt;
  p.signing_input = token.substr(0, b);
  p.signature = *signature;
  return p;
}

/// A claim's whole seconds; nullopt when absent, throws json errors when not a number.
std::optional<std::int64_t> seconds(const json& claims, const char* name) {
  auto it = claims.find(name);
  if (it == claims.end()) return std::nullopt;
  if (!it->is_number()) return INT64_MIN;  // refused by the checks below, as malformed
  return it->get<std::int64_t>();
}

bool audience_ok(const json& claims, const std::string& client_id) {
  auto aud = claims.find("aud");
  if (aud == claims.end()) return false;
  bool held = aud->is_string() ? aud->get<std::string>() == client_id : false;
  if (aud->is_array())
    for (const auto& a : *aud) held = held || (a.is_string() && a.get<std::string>() == client_id);
  // OpenID Connect Core 3.1.3.7: when azp is present, it names this client.
  auto azp = claims.find("azp");
  bool azp_ok = azp == claims.end() || (azp->is_string() && azp->get<std::string>() == client_id);
  return held && azp_ok;
}

}  // namespace

struct Jwks::Key {
  std::string kid;
  std::string kty;  ///< "RSA" or "EC"
  Pkey key;
};

Jwks::Jwks() = default;
Jwks::~Jwks() = default;
Jwks::Jwks(Jwks&&) noexcept = default;
Jwks& Jwks::operator=(Jwks&&) noexcept = default;

Jwks Jwks::parse(const std::string& text) {
  json doc = json::parse(text, nullptr, false);
  if (!doc.is_object() || !doc.contains("keys") || !doc["keys"].is_array())
    throw std::runtime_error("not a JWKS: no \"keys\" list");
  Jwks out;
  for (const auto& jwk : doc["keys"]) {
    if (!jwk.is_object() || jwk.value("use", "sig") != "sig") continue;
    std::string kty = jwk.value("kty", "");
    if (kty != "RSA" && kty != "EC") continue;
    out.keys_.push_back(Key{jwk.value("kid", ""), kty, kty == "RSA" ? rsa_key(jwk) : ec_key(jwk)});
  }
  return out;
}

std::size_t Jwks::size() const {
  return keys_.size();
}

bool Jwks::has_kid(const std::string& kid) const {
  for (const auto& k : keys_)
    if (k.kid == kid) return true;
  return false;
}

std::optional<json> Jwks::verify(const std::string& token, JwtError& error) const {
  auto parts = split(token);
  if (!parts || !parts->header.contains("alg") || !parts->header["alg"].is_string()) {
    error = JwtError::malformed;
    return std::nullopt;
  }
  // The algorithm is the header's word, so it is held to the two this accepts: never "none",
  // never HMAC (which would take a public key for a shared secret).
  std::string alg = parts->header["alg"];
  std::string kty = alg == "RS256" ? "RSA" : alg == "ES256" ? "EC" : "";
  if (kty.empty()) {
    error = JwtError::unknown_alg;
    return std::nullopt;
  }
  std::string kid = parts->header.value("kid", "");
  std::string sig = parts->signature;
  if (kty == "EC") {
    auto der = ecdsa_der(sig);
    if (!der) {
      error = JwtError::bad_signature;
      return std::nullopt;
    }
    sig = *der;
  }
  error = JwtError::unknown_key;
  for (const auto& k : keys_) {
    if (k.kty != kty || (!kid.empty() && k.kid != kid)) continue;
    if (verifies(k.key.get(), parts->signing_input, sig)) return parts->payload;
    error = JwtError::bad_signature;
  }
  return std::nullopt;
}

namespace {

std::optional<JwtError> checked(const json& claims, const ClaimRules& rules, std::int64_t now) {
  if (claims.value("iss", "") != rules.issuer) return JwtError::wrong_issuer;
  if (!audience_ok(claims, rules.client_id)) return JwtError::wrong_audience;
  auto exp = seconds(claims, "exp"), nbf = seconds(claims, "nbf"), iat = seconds(claims, "iat");
  if (!exp || *exp == INT64_MIN || (nbf && *nbf == INT64_MIN) || (iat && *iat == INT64_MIN))
    return JwtError::malformed;
  if (now >= *exp + rules.skew) return JwtError::expired;
  if ((nbf && *nbf > now + rules.skew) || (iat && *iat > now + rules.skew))
    return JwtError::not_yet_valid;
  auto nonce = claims.find("nonce");
  if (nonce == claims.end() || !nonce->is_string() || nonce->get<std::string>() != rules.nonce ||
      rules.nonce.empty())
    return JwtError::wrong_nonce;
  return std::nullopt;
}

}  // namespace

std::optional<JwtError> check_claims(const json& claims, const ClaimRules& rules,
                                     std::int64_t now) {
  try {
    return checked(claims, rules, now);
  } catch (const json::exception&) {  // a claim of the wrong JSON type (an iss that is a number)
    return JwtError::malformed;
  }
}

std::string jwt_kid(const std::string& token) {
  auto dot = token.find('.');
  auto header = dot == std::string::npos ? std::nullopt : unb64(token.substr(0, dot));
  if (!header) return {};
  json h = json::parse(*header, nullptr, false);
  return h.is_object() ? h.value("kid", "") : "";
}

const char* jwt_error_name(JwtError e) {
  // In the order of the enum.
  static const char* const kNames[] = {"malformed",     "unknown_alg",   "unknown_key",
                                       "bad_signature", "wrong_issuer",  "wrong_audience",
                                       "expired",       "not_yet_valid", "wrong_nonce"};
  return kNames[static_cast<int>(e)];
}

}  // namespace arshjul::web
