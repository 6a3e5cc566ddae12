#pragma once
// An installation is a configuration file, arshjul.toml: where the rules, the roster and the
// store are, the language, the mail sender and command, the link base, the escalation period
// and the owner roles. Flags override it; nothing is compiled in.
#include <optional>
#include <string>
#include <vector>

#include "dsl/messages.hpp"

namespace arshjul::cli {

/// [oidc]: sign-in with the municipality's identity provider (OpenID Connect). The client
/// secret is never in the file: a file of its own, or an environment variable, read by serve.
struct OidcConfig {
  std::string issuer, client_id, redirect_url;
  std::string client_secret_file;  ///< absolute (relative to the configuration's folder)
  std::string client_secret_env;   ///< the name of the variable
  std::string claim = "email";     ///< the ID token's claim matched to the roster's e-mail
  std::string scopes = "openid email profile";
  int clock_skew = 60;  ///< seconds
  std::string where;    ///< file:line:col of the table, for errors found when serve starts
};

struct Config {
  std::string path;                  ///< the file read; empty when there is none
  std::string rules, roster, store;  ///< absolute, or relative to the file's folder made absolute
  std::string lang, mail_from, sendmail, link_base;
  std::string mail_contact;  ///< [mail] contact: whom reminders name to ask
  std::string key_file;      ///< the sign-in links' key (default: beside an SQLite store)
  std::optional<int> escalate_days;
  std::vector<std::string> owner_roles;
  std::optional<OidcConfig> oidc;
};

/// The configuration file: `flag` (--config), else $ARSHJUL_CONFIG, else ./arshjul.toml, else
/// /etc/arshjul/arshjul.toml; empty when none of these exists (a given one must exist).
std::string find_config(const std::string& flag);

/// Reads `path` (empty: no configuration). On an error returns nullopt with `error` a located
/// message ("arshjul.toml:3:7: ...") in `lang`: the file is read before the run's language is
/// known from it, so main gives the language of --lang or ARSHJUL_LANG, else Swedish.
std::optional<Config> read_config(const std::string& path, std::string& error, dsl::Lang lang);

/// The value of --config (or --config=...) in argv, empty when absent: read before the
/// command line is parsed, as it gives the defaults of the other options.
std::string config_flag(int argc, char** argv);

/// A commented configuration naming `rules`, `roster` and `store` (what `arshjul init` writes).
std::string config_template(const std::string& rules, const std::string& roster,
                            const std::string& store);

}  // namespace arshjul::cli
