// Sign-in through the identity provider (OpenID Connect), beside the mailed links:
//   GET /oidc/login      begins a sign-in: a state cookie, then on to the provider
//   GET <redirect_url>   the provider's answer: state, code -> ID token -> roster -> session
// A sign-in ends in the same kind of session as a link's (web/server.cpp: signed cookie and
// a row of the store's session table), so sign-out, CSRF and the limits apply unchanged.
#include <fmt/format.h>

#include <algorithm>
#include <iostream>

#include "engine/sessions.hpp"
#include "present/html.hpp"
#include "web/server_impl.hpp"

namespace arshjul::web {
namespace {

/// The state cookie: SameSite=Lax, because the provider's answer is a navigation from its
/// site, on which a browser sends no Strict cookie; HttpOnly; gone after kOidcStateSeconds.
std::string state_cookie(const std::string& value, std::int64_t max_age, bool secure) {
  return fmt::format("{}={}; Path=/; HttpOnly; SameSite=Lax; Max-Age={}{}", kOidcCookie, value,
                     max_age, secure ? "; Secure" : "");
}

/// The provider's error code (RFC 6749 4.1.2.1: ASCII, such as access_denied), shown on the
/// page only when it is one: the parameter is anyone's to write, and a page must not carry
/// their sentences.
std::string error_code(const httplib::Request& req) {
  std::string code = req.get_param_value("error");
  bool plain = !code.empty() && code.size() <= 40 &&
               std::all_of(code.begin(), code.end(),
                           [](char c) { return (c >= 'a' && c <= 'z') || c == '_'; });
  return plain ? code : "?";
}

}  // namespace

void Server::Impl::sign_in_page(Response& res) const {
  std::string body = message_body(t<Msg::sign_in>(), t<Msg::sign_in_how>());
  if (oidc)
    body += present::Html()
                .format("<p><a class=\"oidc\" href=\"/oidc/login\">{}</a></p>\n",
                        t<Msg::oidc_sign_in_button>())
                .take();
  send(res, 401, Frame{t<Msg::sign_in>(), o.lang, nullptr, "", ""}, body);
}

void Server::Impl::oidc_refused(Response& res, int status, const std::string& heading,
                                const std::string& text) const {
  std::string body =
      message_body(heading, text) +
      present::Html()
          .format("<p><a href=\"/oidc/login\">{}</a></p>\n", t<Msg::oidc_start_again>())
          .take();
  send(res, status, Frame{heading, o.lang, nullptr, "", ""}, body);
}

void Server::Impl::oidc_routes(const std::function<httplib::Server::Handler(Handler)>& guard) {
  http.Get("/oidc/login", guard(&Impl::oidc_login));
  http.Get(split_url(oidc->settings().redirect_url)->second, guard(&Impl::oidc_callback));
}

void Server::Impl::oidc_login(const Request&, Response& res) const {
  auto secret = key.current();
  if (!secret) return failed(res, 503, "the key beside the store cannot be read");
  ProviderInfo provider;
  try {
    provider = oidc->provider();
  } catch (const OidcFailure& e) {
    std::cerr << "arshjul serve: identity provider: " << e.what() << "\n";
    return oidc_refused(res, 502, t<Msg::oidc_unreachable>(), t<Msg::oidc_unreachable_text>());
  }
  auto start = begin_oidc(*secret, o.now_seconds());
  res.set_header("Set-Cookie", state_cookie(start.state, kOidcStateSeconds, o.secure_cookie));
  res.set_redirect(authorization_url(provider, oidc->settings(), start));
}

/// The refusal of a state coming back: not begun in this browser, expired, or altered.
std::string Server::Impl::state_refusal(StateError e) const {
  if (e == StateError::expired)
    return dsl::say<Msg::oidc_state_expired>(o.lang, kOidcStateSeconds / 60);
  return t<Msg::oidc_not_begun_here>();
}

/// The ID token's refusal in words: a wrong audience and an expired token say so; the
/// rest (signature, issuer, nonce, key) are one text, with the reason in the log.
std::string Server::Impl::token_refusal(JwtError e) const {
  std::cerr << "arshjul serve: ID token refused: " << jwt_error_name(e) << "\n";
  if (e == JwtError::wrong_audience) return t<Msg::oidc_wrong_audience>();
  if (e == JwtError::expired) return t<Msg::oidc_token_expired>();
  return t<Msg::oidc_bad_token>();
}

void Server::Impl::oidc_callback(const Request& req, Response& res) const {
  if (req.method == "HEAD") {  // a look at the URL (a scanner) spends neither state nor code
    res.status = 200;
    return;
  }
  // The state cookie has done its work whatever comes of this answer.
  res.set_header("Set-Cookie", state_cookie("", 0, o.secure_cookie));
  if (req.has_param("error"))  // e.g. access_denied: the person cancelled at the provider
    return oidc_refused(res, 403, t<Msg::oidc_refused>(),
                        dsl::say<Msg::oidc_cancelled>(o.lang, error_code(req)));
  auto secret = key.current();
  if (!secret) return failed(res, 503, "the key beside the store cannot be read");
  std::int64_t now = o.now_seconds();
  std::string state = req.get_param_value("state");
  auto checked = check_state(*secret, state, cookie(req, kOidcCookie), now);
  if (!checked)
    return oidc_refused(res, 403, t<Msg::oidc_refused>(), state_refusal(*checked.error));
  // Used once, before the code is spent: a replayed answer is refused as such, on every
  // server of the store.
  {
    auto store = open_store();
    if (!engine::SessionTable(store).use_once(checked.id, now, checked.expires_at))
      return oidc_refused(res, 403, t<Msg::oidc_refused>(), t<Msg::oidc_state_replayed>());
  }
  std::optional<nlohmann::json> claims;
  JwtError why = JwtError::malformed;
  try {
    std::string id_token =
        oidc->exchange(req.get_param_value("code"), oidc_verifier(*secret, state));
    claims = oidc->verify(id_token, why);
  } catch (const OidcFailure& e) {
    std::cerr << "arshjul serve: identity provider: " << e.what() << "\n";
    if (e.refused())
      return oidc_refused(res, 403, t<Msg::oidc_refused>(), t<Msg::oidc_bad_token>());
    return oidc_refused(res, 502, t<Msg::oidc_unreachable>(), t<Msg::oidc_unreachable_text>());
  }
  const auto& settings = oidc->settings();
  ClaimRules rules{settings.issuer, settings.client_id, oidc_nonce(*secret, state), settings.skew};
  if (auto bad = claims ? check_claims(*claims, rules, now) : std::optional<JwtError>(why))
    return oidc_refused(res, 403, t<Msg::oidc_refused>(), token_refusal(*bad));
  oidc_session(res, *claims, *secret, now);
}

/// The person of verified claims, found in the roster by the configured claim, signed in.
void Server::Impl::oidc_session(Response& res, const nlohmann::json& claims,
                                const std::string& secret, std::int64_t now) const {
  const auto& claim = oidc->settings().claim;
  auto who = person_claim(claims, claim);
  if (!who)
    return oidc_refused(res, 403, t<Msg::oidc_refused>(),
                        dsl::say<Msg::oidc_no_claim>(o.lang, claim));
  auto viewer = find_viewer(roster, *who, o.owner_roles);
  if (!viewer || dsl::fold(viewer->email) != dsl::fold(*who))  // by address, never by a name
    return oidc_refused(res, 403, t<Msg::unknown_person>(),
                        dsl::say<Msg::oidc_unknown_person>(o.lang, *who));
  std::int64_t expires = now + std::int64_t{o.session_hours} * 3600;
  std::string token = sign_token(secret, TokenKind::session, viewer->email, expires, now);
  auto session = verify_token(secret, TokenKind::session, token, now);
  {
    auto store = open_store();
    engine::SessionTable(store).begin(session.id, viewer->email, now, expires);
  }
  signed_in(res, token);
}

std::optional<std::string> Server::check_provider() {
  if (!impl_->oidc) return std::nullopt;
  try {
    impl_->oidc->provider();
  } catch (const OidcFailure& e) {
    return e.what();
  }
  return std::nullopt;
}

}  // namespace arshjul::web
