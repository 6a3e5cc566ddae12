#include "cli/config.hpp"

#include <fmt/format.h>
#include <toml++/toml.h>

#include <cstdlib>
#include <filesystem>
#include <set>

#include "engine/store.hpp"

namespace arshjul::cli {
namespace fs = std::filesystem;

namespace {

using dsl::Msg;

/// Where a reading of the file puts its error: worded in `lang`, which is the language of
/// --lang or ARSHJUL_LANG, else Swedish (the file's own `lang` is not known yet).
struct ConfigError {
  dsl::Lang lang;
  std::string text;
  /// Words message `K` with `args`; false, for `return error.set<...>(...)`.
  template <Msg K, typename... A>
  bool set(A&&... args) {
    text = dsl::say<K>(lang, std::forward<A>(args)...);
    return false;
  }
};

std::string where(const std::string& path, const toml::source_region& r) {
  return fmt::format("{}:{}:{}", path, r.begin.line, r.begin.column);
}

// A path of the file made absolute against the file's folder.
std::string resolve_path(const std::string& value, const std::string& config) {
  if (value.empty()) return value;
  fs::path p(value);
  if (p.is_relative()) p = fs::absolute(config).parent_path() / p;
  return p.lexically_normal().string();
}

/// Reads the string `key` of `table` into `out`; false (with `error`) when it is not a string.
bool read_string(const toml::table& table, const char* key, std::string& out,
                 const std::string& path, ConfigError& error) {
  const auto* node = table.get(key);
  if (!node) return true;
  if (auto s = node->value<std::string>()) {
    out = *s;
    return true;
  }
  return error.set<Msg::config_not_a_string>(where(path, node->source()), key);
}

/// Every key of `table` must be one of `known` (a typo must not silently fall back).
bool known_keys(const toml::table& table, const std::set<std::string>& known,
                const std::string& path, ConfigError& error) {
  for (auto&& [key, node] : table)
    if (!known.count(std::string(key.str())))
      return error.set<Msg::config_unknown_key>(where(path, key.source()), key.str());
  return true;
}

/// Reads the whole number `key` of `table` into `out` when present; false (with message `K`
/// at its place) when it is not a whole number from `lo` to `hi`.
template <Msg K>
bool read_whole(const toml::table& table, const char* key, int lo, int hi, int& out,
                const std::string& path, ConfigError& error) {
  const auto* node = table.get(key);
  if (!node) return true;
  auto value = node->value<std::int64_t>();
  if (!value || *value < lo || *value > hi) return error.set<K>(where(path, node->source()));
  out = static_cast<int>(*value);
  return true;
}

bool read_lists(const toml::table& t, Config& c, const std::string& path, ConfigError& error) {
  if (const auto* node = t.get("owner_roles")) {
    const auto* list = node->as_array();
    if (!list) return error.set<Msg::config_owner_roles_list>(where(path, node->source()));
    for (const auto& item : *list) {
      auto s = item.value<std::string>();
      if (!s) return error.set<Msg::config_owner_roles_texts>(where(path, item.source()));
      c.owner_roles.push_back(*s);
    }
  }
  int days = 0;
  if (!read_whole<Msg::config_escalate_days>(t, "escalate_days", 1, 365, days, path, error))
    return false;
  if (days) c.escalate_days = days;
  return true;
}

/// An address the server talks to or sends the browser back to: https, or http to this
/// machine only (a provider for tests; a secret must not cross a network in clear).
bool usable_url(const std::string& url) {
  if (url.rfind("https://", 0) == 0) return url.size() > 8;
  for (const char* local : {"http://localhost", "http://127.0.0.1", "http://[::1]"}) {
    std::size_t n = std::string(local).size();
    if (url.rfind(local, 0) == 0 && (url.size() == n || url[n] == ':' || url[n] == '/'))
      return true;
  }
  return false;
}

bool read_oidc_keys(const toml::table& o, OidcConfig& c, const std::string& path,
                    ConfigError& error) {
  if (!known_keys(o,
                  {"issuer", "client_id", "client_secret", "client_secret_file",
                   "client_secret_env", "redirect_url", "claim", "scopes", "clock_skew"},
                  path, error))
    return false;
  if (const auto* inline_secret = o.get("client_secret"))
    return error.set<Msg::config_oidc_inline_secret>(where(path, inline_secret->source()));
  for (auto [key, out] : {std::pair{"issuer", &c.issuer}, std::pair{"client_id", &c.client_id},
                          std::pair{"redirect_url", &c.redirect_url},
                          std::pair{"client_secret_file", &c.client_secret_file},
                          std::pair{"client_secret_env", &c.client_secret_env},
                          std::pair{"claim", &c.claim}, std::pair{"scopes", &c.scopes}})
    if (!read_string(o, key, *out, path, error)) return false;
  return read_whole<Msg::config_oidc_skew>(o, "clock_skew", 0, 600, c.clock_skew, path, error);
}

bool read_oidc(const toml::node& node, Config& config, const std::string& path,
               ConfigError& error) {
  const auto* o = node.as_table();
  if (!o) return error.set<Msg::config_oidc_table>(where(path, node.source()));
  OidcConfig c;
  c.where = where(path, node.source());
  if (!read_oidc_keys(*o, c, path, error)) return false;
  for (auto [key, value] :
       {std::pair{"issuer", &c.issuer}, std::pair{"client_id", &c.client_id},
        std::pair{"redirect_url", &c.redirect_url}, std::pair{"claim", &c.claim}})
    if (value->empty()) return error.set<Msg::config_oidc_required>(c.where, key);
  for (auto [key, value] :
       {std::pair{"issuer", &c.issuer}, std::pair{"redirect_url", &c.redirect_url}})
    if (!usable_url(*value))
      return error.set<Msg::config_oidc_url>(where(path, o->get(key)->source()), key, *value);
  if (!c.client_secret_file.empty() && !c.client_secret_env.empty())
    return error.set<Msg::config_oidc_both_secrets>(
        where(path, o->get("client_secret_env")->source()));
  c.client_secret_file = resolve_path(c.client_secret_file, path);
  config.oidc = std::move(c);
  return true;
}

bool read_table(const toml::table& t, Config& c, const std::string& path, ConfigError& error) {
  if (!known_keys(t,
                  {"rules", "roster", "store", "lang", "link_base", "key_file", "owner_roles",
                   "escalate_days", "mail"},
                  path, error))
    return false;
  for (auto [key, out] : {std::pair{"rules", &c.rules}, std::pair{"roster", &c.roster},
                          std::pair{"store", &c.store}, std::pair{"lang", &c.lang},
                          std::pair{"link_base", &c.link_base}, std::pair{"key_file", &c.key_file}})
    if (!read_string(t, key, *out, path, error)) return false;
  if (!c.lang.empty() && c.lang != "sv" && c.lang != "en")
    return error.set<Msg::config_lang>(where(path, t.get("lang")->source()));
  if (!read_lists(t, c, path, error)) return false;
  if (const auto* node = t.get("mail")) {
    const auto* mail = node->as_table();
    if (!mail) {
      error.set<Msg::config_mail_table>(where(path, node->source()));
      return false;
    }
    if (!known_keys(*mail, {"from", "sendmail", "contact"}, path, error) ||
        !read_string(*mail, "from", c.mail_from, path, error) ||
        !read_string(*mail, "contact", c.mail_contact, path, error) ||
        !read_string(*mail, "sendmail", c.sendmail, path, error))
      return false;
  }
  c.rules = resolve_path(c.rules, path);
  c.roster = resolve_path(c.roster, path);
  if (!c.key_file.empty()) c.key_file = resolve_path(c.key_file, path);
  // A PostgreSQL address is not a path (engine::is_postgres_address): taken as written.
  if (!engine::is_postgres_address(c.store)) c.store = resolve_path(c.store, path);
  return true;
}

}  // namespace

std::string find_config(const std::string& flag) {
  if (!flag.empty()) return flag;
  if (const char* env = std::getenv("ARSHJUL_CONFIG"); env && *env) return env;
  for (const char* candidate : {"arshjul.toml", "/etc/arshjul/arshjul.toml"})
    if (fs::exists(candidate)) return candidate;
  return {};
}

std::optional<Config> read_config(const std::string& path, std::string& error, dsl::Lang lang) {
  Config c;
  if (path.empty()) return c;
  c.path = path;
  ConfigError worded{lang, {}};
  if (!fs::is_regular_file(path)) {
    worded.set<Msg::config_missing>(path);
    error = worded.text;
    return std::nullopt;
  }
  try {
    auto table = toml::parse_file(path);
    // [oidc] has its reader (read_oidc); the rest of the file is read_table's.
    const auto* oidc = table.get("oidc");
    if (oidc && !read_oidc(*oidc, c, path, worded)) {
      error = worded.text;
      return std::nullopt;
    }
    table.erase("oidc");
    if (read_table(table, c, path, worded)) return c;
    error = worded.text;
  } catch (const toml::parse_error& e) {  // TOML's own words (toml++), located
    error = fmt::format("{}: {}", where(path, e.source()), e.description());
  }
  return std::nullopt;
}

std::string config_flag(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--") break;
    if (a == "--config" && i + 1 < argc) return argv[i + 1];
    if (a.rfind("--config=", 0) == 0) return a.substr(9);
  }
  return {};
}

std::string config_template(const std::string& rules, const std::string& roster,
                            const std::string& store) {
  return fmt::format(
      R"(# arshjul.toml: one installation of arshjul (written by `arshjul init`).
# Every command reads it: --config FILE, else $ARSHJUL_CONFIG, else arshjul.toml in the current
# folder, else /etc/arshjul/arshjul.toml. A flag on the command line overrides a setting here.
# Relative paths are relative to the folder of this file.

# The rule files: a file or a folder of them.
rules = "{}"
# Who holds which role in which unit: CSV enhet,roll,namn,epost.
roster = "{}"
# The record of what was done, made by `arshjul init` with its start date: an SQLite file, or
# a PostgreSQL database (postgresql://user@host/db) that several servers share.
store = "{}"
# The key the sign-in links are signed with. Default: <store>.key beside an SQLite store. A
# PostgreSQL store needs a file here, the same on every server and the nightly job, readable
# only by the service (made on first use).
# key_file = "/etc/arshjul/links.key"

# Language of messages, pages and mail: "sv" or "en".
# lang = "sv"

# The web view's address, for the sign-in links in reminders and `arshjul token`.
# link_base = "https://arshjul.kommunen.se/"

# Roles that own the processes and may record every task in the web view.
# owner_roles = ["Förvaltningschef"]

# Days overdue before the role above is told (when neither step nor process says ESKALERING).
# escalate_days = 14

[mail]
# The sender of the reminders, and the command each message is piped to.
# from = "Årshjulet <noreply@kommunen.se>"
# sendmail = "/usr/sbin/sendmail -t -i"
# Whom the reminders name to ask (default: the people holding owner_roles in the roster).
# contact = "Margareta Holm, margareta.holm@kommunen.se, 070-123 45 67"

# Sign-in with the municipality's account (OpenID Connect: Entra ID, Keycloak, ADFS), beside
# the mailed links. The secret is never written here: a file only the service reads, or an
# environment variable. See README.md, "Sign-in with the municipality's identity provider".
# [oidc]
# issuer = "https://login.microsoftonline.com/TENANT-ID/v2.0"
# client_id = "00000000-0000-0000-0000-000000000000"
# client_secret_file = "/etc/arshjul/oidc-secret"   # or client_secret_env = "ARSHJUL_OIDC_SECRET"
# redirect_url = "https://arshjul.kommunen.se/oidc/callback"
# claim = "email"                                   # matched to the roster's e-mail column
)",
      rules, roster, store);
}

}  // namespace arshjul::cli
