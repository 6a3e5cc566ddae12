// Sign-in with the identity provider (web/jwt.hpp, web/oidc.hpp): PKCE, the state and its
// cookie, ID tokens checked against a JWKS made here from keys generated here (RS256 and
// ES256), the claims' checks one by one, the discovery document, the person's claim, and the
// [oidc] table of the configuration through the binary.
#include <openssl/core_names.h>
#include <openssl/ecdsa.h>
#include <openssl/evp.h>
#include <openssl/rsa.h>

#include <catch2/catch.hpp>
#include <memory>

#include "tests/helpers.hpp"
#include "tests/web_site.hpp"
#include "web/jwt.hpp"
#include "web/oidc.hpp"

using namespace arshjul::web;
using nlohmann::json;

namespace {

struct KeyFree {
  void operator()(EVP_PKEY* k) const { EVP_PKEY_free(k); }
};
using Key = std::unique_ptr<EVP_PKEY, KeyFree>;

std::string b64(const std::string& bytes) {
  return base64url(bytes);
}

std::string bn_param(EVP_PKEY* k, const char* name) {
  BIGNUM* bn = nullptr;
  REQUIRE(EVP_PKEY_get_bn_param(k, name, &bn) == 1);
  std::string out(static_cast<std::size_t>(BN_num_bytes(bn)), '\0');
  BN_bn2bin(bn, reinterpret_cast<unsigned char*>(out.data()));
  BN_free(bn);
  return out;
}

/// The public half of `k` as a JWK with `kid`.
json jwk_of(EVP_PKEY* k, const std::string& kid) {
  if (EVP_PKEY_is_a(k, "RSA"))
    return {{"kty", "RSA"},
            {"kid", kid},
            {"use", "sig"},
            {"alg", "RS256"},
            {"n", b64(bn_param(k, OSSL_PKEY_PARAM_RSA_N))},
            {"e", b64(bn_param(k, OSSL_PKEY_PARAM_RSA_E))}};
  auto pad = [](std::string s) { return std::string(32 - s.size(), '\0') + s; };
  return {{"kty", "EC"},
          {"kid", kid},
          {"crv", "P-256"},
          {"x", b64(pad(bn_param(k, OSSL_PKEY_PARAM_EC_PUB_X)))},
          {"y", b64(pad(bn_param(k, OSSL_PKEY_PARAM_EC_PUB_Y)))}};
}

std::string jwks_of(std::initializer_list<std::pair<EVP_PKEY*, std::string>> keys) {
  json doc{{"keys", json::array()}};
  for (const auto& [k, kid] : keys) doc["keys"].push_back(jwk_of(k, kid));
  return doc.dump();
}

/// A compact JWS of `claims` signed by `k` (RS256 or ES256, by its type), header `extra`.
std::string sign_jwt(EVP_PKEY* k, const json& claims, json header = json::object()) {
  bool rsa = EVP_PKEY_is_a(k, "RSA");
  if (!header.contains("alg")) header["alg"] = rsa ? "RS256" : "ES256";
  std::string input = b64(header.dump()) + "." + b64(claims.dump());
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  std::size_t n = 0;
  REQUIRE(EVP_DigestSignInit(ctx, nullptr, EVP_sha256(), nullptr, k) == 1);
  REQUIRE(EVP_DigestSign(ctx, nullptr, &n, reinterpret_cast<const unsigned char*>(input.data()),
                         input.size()) == 1);
  std::string sig(n, '\0');
  REQUIRE(EVP_DigestSign(ctx, reinterpret_cast<unsigned char*>(sig.data()), &n,
                         reinterpret_cast<const unsigned char*>(input.data()), input.size()) == 1);
  EVP_MD_CTX_free(ctx);
  sig.resize(n);
  if (!rsa) {  // DER -> r||s, as JWS has it
    const auto* p = reinterpret_cast<const unsigned char*>(sig.data());
    ECDSA_SIG* es = d2i_ECDSA_SIG(nullptr, &p, static_cast<long>(sig.size()));
    std::string raw(64, '\0');
    BN_bn2binpad(ECDSA_SIG_get0_r(es), reinterpret_cast<unsigned char*>(raw.data()), 32);
    BN_bn2binpad(ECDSA_SIG_get0_s(es), reinterpret_cast<unsigned char*>(raw.data()) + 32, 32);
    ECDSA_SIG_free(es);
    sig = raw;
  }
  return input + "." + b64(sig);
}

Key rsa_key() {
  return Key(EVP_RSA_gen(2048));
}
Key ec_key() {
  return Key(EVP_EC_gen("P-256"));
}

constexpr std::int64_t kNow = 1790000000;

json good_claims() {
  return {{"iss", "https://idp.kommunen.se"},
          {"aud", "arshjul"},
          {"sub", "123"},
          {"email", "anna@kommunen.se"},
          {"nonce", "n-1"},
          {"iat", kNow - 5},
          {"exp", kNow + 300}};
}

ClaimRules rules() {
  return ClaimRules{"https://idp.kommunen.se", "arshjul", "n-1", 60};
}

}  // namespace

TEST_CASE("oidc: the PKCE challenge is RFC 7636's S256 (its appendix B example)", "[oidc]") {
  CHECK(pkce_challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk") ==
        "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
}

TEST_CASE("oidc: a begun sign-in's state, nonce and verifier", "[oidc]") {
  const std::string secret(64, 'k');
  auto a = begin_oidc(secret, kNow), b = begin_oidc(secret, kNow);
  CHECK(a.state != b.state);  // a random part in each
  CHECK(a.nonce != b.nonce);
  CHECK(a.verifier.size() == 43);  // RFC 7636: 43 to 128 unreserved characters
  CHECK(a.verifier.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                                     "0123456789-._~") == std::string::npos);
  CHECK(oidc_nonce(secret, a.state) == a.nonce);
  CHECK(oidc_verifier(secret, a.state) == a.verifier);
  CHECK(oidc_nonce(std::string(64, 'x'), a.state) != a.nonce);  // under the key only

  auto ok = check_state(secret, a.state, a.state, kNow + 10);
  CHECK(ok);
  CHECK(ok.id.rfind("oidc-state:", 0) == 0);
  CHECK(ok.expires_at == kNow + kOidcStateSeconds);
  CHECK(check_state(secret, b.state, b.state, kNow).id != ok.id);

  struct Case {
    std::string state, cookie, secret;
    std::int64_t now;
    StateError error;
  };
  std::string altered = a.state;
  altered[3] = altered[3] == 'A' ? 'B' : 'A';
  for (const auto& c : std::vector<Case>{
           {a.state, "", secret, kNow, StateError::missing},
           {"", a.state, secret, kNow, StateError::missing},
           {a.state, b.state, secret, kNow, StateError::other_browser},
           {altered, altered, secret, kNow, StateError::invalid},
           {a.state, a.state, std::string(64, 'x'), kNow, StateError::invalid},
           {a.state, a.state, secret, kNow + kOidcStateSeconds, StateError::expired},
       }) {
    auto r = check_state(c.secret, c.state, c.cookie, c.now);
    CHECK_FALSE(r);
    CHECK(r.error == c.error);
  }
  // A sign-in link or a session is not a state.
  auto link = sign_token(secret, TokenKind::link, "anna@kommunen.se", kNow + 60, kNow);
  CHECK(check_state(secret, link, link, kNow).error == StateError::invalid);
}

TEST_CASE("oidc: an ID token's signature is checked against the JWKS (RS256, ES256)", "[oidc]") {
  Key rsa = rsa_key(), other = rsa_key(), ec = ec_key();
  auto jwks = Jwks::parse(jwks_of({{rsa.get(), "r1"}, {ec.get(), "e1"}}));
  CHECK(jwks.size() == 2);
  CHECK(jwks.has_kid("r1"));
  CHECK_FALSE(jwks.has_kid("r2"));
  JwtError error{};

  auto rs = jwks.verify(sign_jwt(rsa.get(), good_claims(), {{"kid", "r1"}}), error);
  REQUIRE(rs);
  CHECK((*rs)["email"] == "anna@kommunen.se");
  CHECK(jwks.verify(sign_jwt(ec.get(), good_claims(), {{"kid", "e1"}}), error));
  CHECK(jwks.verify(sign_jwt(rsa.get(), good_claims()), error));  // no kid: tried by type

  struct Case {
    std::string name, token;
    JwtError error;
  };
  std::string good = sign_jwt(rsa.get(), good_claims(), {{"kid", "r1"}});
  std::string flipped = good;
  flipped[flipped.size() - 5] = flipped[flipped.size() - 5] == 'A' ? 'B' : 'A';
  auto dot = good.rfind('.');
  json changed = good_claims();
  changed["email"] = "bo@kommunen.se";
  std::string swapped = good.substr(0, good.find('.')) + "." + b64(changed.dump()) +
                        good.substr(dot);  // the claims changed under the old signature
  std::string none = b64(R"({"alg":"none"})") + "." + b64(good_claims().dump()) + ".";
  for (const auto& c : std::vector<Case>{
           {"a signature altered", flipped, JwtError::bad_signature},
           {"claims changed after signing", swapped, JwtError::bad_signature},
           {"another key under a known kid", sign_jwt(other.get(), good_claims(), {{"kid", "r1"}}),
            JwtError::bad_signature},
           {"an unknown kid", sign_jwt(rsa.get(), good_claims(), {{"kid", "r9"}}),
            JwtError::unknown_key},
           {"alg none", none, JwtError::unknown_alg},
           {"HS256", b64(R"({"alg":"HS256"})") + "." + b64("{}") + "." + b64("mac"),
            JwtError::unknown_alg},
           {"two parts", "abc.def", JwtError::malformed},
           {"not base64", "a*b.c.d", JwtError::malformed},
           {"a header that is not JSON", b64("{") + "." + b64("{}") + ".", JwtError::malformed},
       }) {
    INFO(c.name);
    CHECK_FALSE(jwks.verify(c.token, error));
    CHECK(error == c.error);
  }
  CHECK(jwt_kid(good) == "r1");
  CHECK(jwt_kid("garbage").empty());
}

TEST_CASE("oidc: a JWKS that is not one, and keys left out", "[oidc]") {
  CHECK_THROWS(Jwks::parse("{}"));
  CHECK_THROWS(Jwks::parse("not json"));
  CHECK_THROWS(Jwks::parse(R"({"keys":[{"kty":"RSA","kid":"a"}]})"));  // no n, e
  auto only = Jwks::parse(
      R"({"keys":[{"kty":"oct","k":"c2VjcmV0"},{"kty":"RSA","use":"enc","n":"AQ","e":"AQAB"}]})");
  CHECK(only.size() == 0);  // a shared secret and an encryption key sign nothing
}

TEST_CASE("oidc: the claims are checked one by one", "[oidc]") {
  struct Case {
    std::string name;
    std::function<void(json&)> change;
    std::optional<JwtError> error;
  };
  for (const auto& c : std::vector<Case>{
           {"all good", [](json&) {}, std::nullopt},
           {"another issuer", [](json& j) { j["iss"] = "https://evil.example"; },
            JwtError::wrong_issuer},
           {"issuer with a slash more", [](json& j) { j["iss"] = "https://idp.kommunen.se/"; },
            JwtError::wrong_issuer},
           {"another audience", [](json& j) { j["aud"] = "annan-tjanst"; },
            JwtError::wrong_audience},
           {"no audience", [](json& j) { j.erase("aud"); }, JwtError::wrong_audience},
           {"audience list holding it",
            [](json& j) {
              j["aud"] = {"x", "arshjul"};
            },
            std::nullopt},
           {"audience list without it",
            [](json& j) {
              j["aud"] = {"x", "y"};
            },
            JwtError::wrong_audience},
           {"azp naming another client",
            [](json& j) {
              j["aud"] = {"arshjul", "x"};
              j["azp"] = "x";
            },
            JwtError::wrong_audience},
           {"expired beyond the skew", [](json& j) { j["exp"] = kNow - 61; }, JwtError::expired},
           {"expired within the skew", [](json& j) { j["exp"] = kNow - 59; }, std::nullopt},
           {"no exp", [](json& j) { j.erase("exp"); }, JwtError::malformed},
           {"exp as text", [](json& j) { j["exp"] = "soon"; }, JwtError::malformed},
           {"nbf in the future", [](json& j) { j["nbf"] = kNow + 61; }, JwtError::not_yet_valid},
           {"iat in the future", [](json& j) { j["iat"] = kNow + 120; }, JwtError::not_yet_valid},
           {"iat within the skew", [](json& j) { j["iat"] = kNow + 30; }, std::nullopt},
           {"another nonce", [](json& j) { j["nonce"] = "n-2"; }, JwtError::wrong_nonce},
           {"no nonce", [](json& j) { j.erase("nonce"); }, JwtError::wrong_nonce},
           {"an issuer that is a number", [](json& j) { j["iss"] = 7; }, JwtError::malformed},
       }) {
    INFO(c.name);
    json claims = good_claims();
    c.change(claims);
    CHECK(check_claims(claims, rules(), kNow) == c.error);
  }
  auto no_nonce_expected = rules();
  no_nonce_expected.nonce.clear();
  json claims = good_claims();
  claims["nonce"] = "";
  CHECK(check_claims(claims, no_nonce_expected, kNow) == JwtError::wrong_nonce);
}

TEST_CASE("oidc: the discovery document", "[oidc]") {
  json doc{{"issuer", "https://idp.kommunen.se"},
           {"authorization_endpoint", "https://idp.kommunen.se/auth"},
           {"token_endpoint", "https://idp.kommunen.se/token"},
           {"jwks_uri", "https://idp.kommunen.se/jwks"},
           {"response_types_supported", {"code", "id_token"}},
           {"code_challenge_methods_supported", {"plain", "S256"}}};
  auto p = parse_discovery(doc.dump(), "https://idp.kommunen.se");
  CHECK(p.token_endpoint == "https://idp.kommunen.se/token");
  CHECK_FALSE(p.secret_post_only);
  CHECK_THROWS_WITH(parse_discovery(doc.dump(), "https://other.kommunen.se"),
                    Catch::Contains("names issuer 'https://idp.kommunen.se'"));
  auto changed = [&](auto change) {
    json d = doc;
    change(d);
    return d.dump();
  };
  CHECK_THROWS(parse_discovery(changed([](json& d) { d.erase("jwks_uri"); }), p.issuer));
  CHECK_THROWS(parse_discovery(changed([](json& d) { d["token_endpoint"] = "/token"; }), p.issuer));
  CHECK_THROWS(parse_discovery(
      changed([](json& d) { d["code_challenge_methods_supported"] = {"plain"}; }), p.issuer));
  CHECK_THROWS(parse_discovery(
      changed([](json& d) { d["response_types_supported"] = {"id_token"}; }), p.issuer));
  auto post = parse_discovery(
      changed([](json& d) { d["token_endpoint_auth_methods_supported"] = {"client_secret_post"}; }),
      p.issuer);
  CHECK(post.secret_post_only);

  OidcSettings s;
  s.issuer = p.issuer;
  s.client_id = "arshjul app";
  s.client_secret = "hemligt";
  s.redirect_url = "https://arshjul.kommunen.se/oidc/callback";
  OidcStart start{"st", "no", "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"};
  CHECK(authorization_url(p, s, start) ==
        "https://idp.kommunen.se/auth?response_type=code&client_id=arshjul%20app&redirect_uri="
        "https%3A%2F%2Farshjul.kommunen.se%2Foidc%2Fcallback&scope=openid%20email%20profile&"
        "state=st&nonce=no&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&"
        "code_challenge_method=S256");
  std::string basic = token_request_body(p, s, "c/1", "v");
  CHECK(basic ==
        "grant_type=authorization_code&code=c%2F1&redirect_uri=https%3A%2F%2Farshjul.kommunen.se"
        "%2Foidc%2Fcallback&code_verifier=v");  // the secret goes in the Authorization header
  CHECK(token_request_body(post, s, "c", "v")
            .find("&client_id=arshjul%20app&client_secret=hemligt") != std::string::npos);
}

TEST_CASE("oidc: the person's claim, and an unverified address", "[oidc]") {
  json c{{"email", "Anna@Kommunen.se"}, {"upn", "anna@ad.kommunen.se"}};
  CHECK(person_claim(c, "email") == "Anna@Kommunen.se");
  CHECK(person_claim(c, "upn") == "anna@ad.kommunen.se");
  CHECK_FALSE(person_claim(c, "preferred_username"));
  c["email_verified"] = false;
  CHECK_FALSE(person_claim(c, "email"));
  CHECK(person_claim(c, "upn"));
  c["email_verified"] = true;
  CHECK(person_claim(c, "email"));
  CHECK_FALSE(person_claim(json{{"email", 7}}, "email"));
}

TEST_CASE("oidc: URLs split into origin and path", "[oidc]") {
  using P = std::pair<std::string, std::string>;
  CHECK(split_url("https://idp.se/a/b?c=1") == P{"https://idp.se", "/a/b?c=1"});
  CHECK(split_url("http://127.0.0.1:8080") == P{"http://127.0.0.1:8080", "/"});
  CHECK(split_url("https://idp.se?x") == P{"https://idp.se", "/?x"});
  CHECK(split_url("https://idp.se/p#frag") == P{"https://idp.se", "/p"});
  CHECK_FALSE(split_url("ftp://idp.se/"));
  CHECK_FALSE(split_url("/token"));
  CHECK_FALSE(split_url("https:///x"));
}

namespace {

/// `arshjul ARGS` in a folder holding `toml` as arshjul.toml (and the example's rules and
/// roster named in it), with `env` before the command.
arshjul::test::CommandResult with_config(const arshjul::test::TempDir& dir, const std::string& oidc,
                                         const std::string& args, const std::string& env = "") {
  using arshjul::test::shell_quote;
  const std::string src = ARSHJUL_SOURCE_DIR;
  dir.write("arshjul.toml", "rules = \"" + src + "/rules\"\nroster = \"" + src +
                                "/examples/roster.csv\"\nstore = \"lager.db\"\n\n[oidc]\n" + oidc);
  return arshjul::test::run_command("cd " + shell_quote(dir.path().string()) +
                                        " && env -u ARSHJUL_CONFIG -u ARSHJUL_LANG " + env + " " +
                                        shell_quote(ARSHJUL_BINARY) + " " + args + " </dev/null",
                                    dir.path() / "r");
}

const std::string kGood =
    "issuer = \"https://login.microsoftonline.com/t/v2.0\"\n"
    "client_id = \"app\"\n"
    "redirect_url = \"https://arshjul.kommunen.se/oidc/callback\"\n";

}  // namespace

TEST_CASE("oidc: a bad [oidc] table is a located error, exit 2", "[oidc][cli]") {
  arshjul::test::TempDir dir("oidc-config");
  struct Case {
    std::string table, error;
  };
  for (const auto& c : std::vector<Case>{
           {kGood + "client_secret = \"hemligt\"\n",
            "arshjul.toml:9:17: klienthemligheten skrivs inte i filen: ange client_secret_file"},
           {"issuer = \"https://idp.se\"\nredirect_url = \"https://a.se/cb\"\n",
            "arshjul.toml:5:1: [oidc] saknar 'client_id'"},
           {"issuer = \"http://idp.kommunen.se\"\nclient_id = \"a\"\nredirect_url = "
            "\"https://a.se/cb\"\n",
            "arshjul.toml:6:10: 'issuer' ska vara en https-adress (http bara till den egna "
            "datorn: localhost, 127.0.0.1), fick 'http://idp.kommunen.se'"},
           {"issuer = \"http://localhost.evil.se\"\nclient_id = \"a\"\nredirect_url = "
            "\"https://a.se/cb\"\n",
            "'issuer' ska vara en https-adress"},
           {kGood + "client_secret_file = \"s\"\nclient_secret_env = \"S\"\n",
            "arshjul.toml:10:21: ange antingen client_secret_file eller client_secret_env"},
           {kGood + "clock_skew = 9999\n",
            "arshjul.toml:9:14: 'clock_skew' ska vara ett heltal 0-600 (sekunder)"},
           {kGood + "clientid = \"x\"\n", "arshjul.toml:9:1: okänd inställning 'clientid'"},
       }) {
    INFO(c.table);
    auto r = with_config(dir, c.table, "status");
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.err, Catch::Contains(c.error));
  }
}

TEST_CASE("oidc: serve refuses a client secret it cannot have, exit 2", "[oidc][cli]") {
  arshjul::test::TempDir dir("oidc-secret");
  auto unset = with_config(dir, kGood + "client_secret_env = \"ARSHJUL_TEST_NO_SUCH\"\n",
                           "serve --listen 127.0.0.1:0", "-u ARSHJUL_TEST_NO_SUCH");
  CHECK(unset.exit_code == 2);
  CHECK_THAT(unset.err, Catch::Contains("arshjul.toml:5:1: miljövariabeln ARSHJUL_TEST_NO_SUCH "
                                        "med klienthemligheten är inte satt"));
  auto secret = dir.write("hemlighet", "s3cret\n");
  std::filesystem::permissions(secret, std::filesystem::perms(0644));
  auto open = with_config(dir, kGood + "client_secret_file = \"hemlighet\"\n",
                          "serve --listen 127.0.0.1:0");
  CHECK(open.exit_code == 2);
  CHECK_THAT(open.err, Catch::Contains("hemlighet' kan läsas av andra (läge 0644); chmod 600"));
  auto missing =
      with_config(dir, kGood + "client_secret_file = \"saknas\"\n", "serve --listen 127.0.0.1:0");
  CHECK(missing.exit_code == 2);
  CHECK_THAT(missing.err, Catch::Contains("saknas' går inte att läsa"));
}

TEST_CASE("oidc: the server's sign-in pages, in English, with a provider that cannot be reached",
          "[oidc][web]") {
  using arshjul::test::contains;
  arshjul::test::web_site::Site site(arshjul::test::web_site::kRules, false, [](ServeOptions& o) {
    o.lang = arshjul::dsl::Lang::en;
    OidcSettings s;
    s.issuer = "http://127.0.0.1:1";  // nothing listens on port 1: refused at once
    s.client_id = "arshjul";
    s.redirect_url = "http://127.0.0.1:8080/login/answer";
    o.oidc = s;
  });
  auto page = site.get("/my", "");
  REQUIRE(page);
  CHECK(page->status == 401);
  CHECK(contains(page->body,
                 "<a class=\"oidc\" href=\"/oidc/login\">Sign in with the "
                 "municipality&#39;s account</a>"));
  auto login = site.get("/oidc/login", "");
  REQUIRE(login);
  CHECK(login->status == 502);
  CHECK(contains(login->body, "The municipality&#39;s sign-in cannot be reached right now"));
  CHECK(login->get_header_value("Set-Cookie").empty());  // no state begun

  // The callback is the redirect URL's path; a state this server made, in its cookie.
  auto start = begin_oidc(site.secret(), arshjul::test::web_site::now());
  std::string answer = "/login/answer?code=c&state=" + start.state;
  auto none = site.get(answer, "");
  REQUIRE(none);
  CHECK(none->status == 403);
  CHECK(contains(none->body, "The sign-in was not begun in this browser"));
  auto first = site.get(answer, std::string(kOidcCookie) + "=" + start.state);
  REQUIRE(first);
  CHECK(first->status == 502);  // the state is spent, the provider is not there
  CHECK(contains(first->get_header_value("Set-Cookie"),
                 "arshjul_oidc=; Path=/; HttpOnly; "
                 "SameSite=Lax; Max-Age=0"));
  auto again = site.get(answer, std::string(kOidcCookie) + "=" + start.state);
  REQUIRE(again);
  CHECK(again->status == 403);
  CHECK(contains(again->body, "has been used already"));
  CHECK(site.get("/oidc/callback", "")->status == 404);  // only the configured path
  auto problem = site.server().check_provider();         // what serve logs at its start
  REQUIRE(problem);
  CHECK(contains(*problem, "http://127.0.0.1:1/.well-known/openid-configuration"));
}
