// serve, token: the web view for the people who carry out the steps, and their sign-in links.
#include <fmt/format.h>
#include <pthread.h>
#include <spdlog/spdlog.h>
#include <sys/stat.h>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <ctime>
#include <fstream>
#include <iostream>
#include <set>
#include <thread>

#include "cli/inputs.hpp"
#include "dsl/text.hpp"
#include "engine/store.hpp"
#include "web/access.hpp"
#include "web/server.hpp"
#include "web/token.hpp"

namespace arshjul::cli {
namespace {

struct ServeCommand {
  InputOptions in;
  std::string listen = "127.0.0.1:8080";
  std::vector<std::string> owner_roles;
  int session_hours = 12, threads = 512, per_client = 16, log_slower_than_ms = 1000;
  int entries_per_task = web::kEntriesPerTask, entries_per_day = web::kEntriesPerPersonPerDay;
  bool secure_cookie = false;
  std::string key_file;
};

struct TokenCommand {
  InputOptions in;
  std::string person, link_base = "http://127.0.0.1:8080/", key_file;
  int days = 14;
};

std::int64_t now_seconds() {
  return static_cast<std::int64_t>(std::time(nullptr));
}

/// The owner roles folded, each checked to be a role of some process (a typo would silently
/// give nobody the right).
std::optional<std::vector<std::string>> owner_roles(const std::vector<std::string>& given,
                                                    const std::vector<dsl::Process>& ps,
                                                    dsl::Lang lang) {
  std::vector<std::string> out;
  for (const auto& r : given) {
    bool known = std::any_of(ps.begin(), ps.end(),
                             [&](const dsl::Process& p) { return p.find_role(r).has_value(); });
    if (!known) {
      std::cerr << say<Msg::owner_role_not_a_role>(lang, r);
      return std::nullopt;
    }
    out.push_back(dsl::fold(r));
  }
  return out;
}

/// The client secret of [oidc]: from its file (readable by its owner only) or its
/// environment variable; an empty secret when neither is named (a public client).
std::optional<std::string> oidc_secret(const OidcConfig& c, dsl::Lang lang) {
  if (!c.client_secret_env.empty()) {
    const char* value = std::getenv(c.client_secret_env.c_str());
    if (value && *value) return std::string(value);
    std::cerr << say<Msg::oidc_secret_env_empty>(lang, c.where, c.client_secret_env) << "\n";
    return std::nullopt;
  }
  if (c.client_secret_file.empty()) return std::string();
  struct stat st {};
  std::ifstream in(c.client_secret_file);
  if (::stat(c.client_secret_file.c_str(), &st) != 0 || !in) {
    std::cerr << say<Msg::oidc_secret_file_unreadable>(lang, c.where, c.client_secret_file,
                                                       std::strerror(errno))
              << "\n";
    return std::nullopt;
  }
  if ((st.st_mode & 077) != 0) {
    std::cerr << say<Msg::oidc_secret_file_mode>(lang, c.where, c.client_secret_file,
                                                 fmt::format("{:04o}", st.st_mode & 07777))
              << "\n";
    return std::nullopt;
  }
  std::string secret((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  while (!secret.empty() && std::isspace(static_cast<unsigned char>(secret.back())))
    secret.pop_back();
  return secret;
}

/// The provider's settings for the server, or nullopt (with the message printed) when the
/// secret cannot be had.
std::optional<std::optional<web::OidcSettings>> oidc_settings(const GlobalOptions& g) {
  if (!g.config.oidc) return std::optional<web::OidcSettings>();
  const auto& c = *g.config.oidc;
  auto secret = oidc_secret(c, g.language());
  if (!secret) return std::nullopt;
  web::OidcSettings s;
  s.issuer = c.issuer;
  s.client_id = c.client_id;
  s.client_secret = *secret;
  s.redirect_url = c.redirect_url;
  s.claim = c.claim;
  s.scopes = c.scopes;
  s.skew = c.clock_skew;
  return std::optional<web::OidcSettings>(std::move(s));
}

std::optional<std::pair<std::string, int>> host_port(const std::string& listen) {
  auto colon = listen.rfind(':');
  if (colon == std::string::npos) return std::nullopt;
  try {
    int port = std::stoi(listen.substr(colon + 1));
    if (port < 0 || port > 65535) return std::nullopt;
    return std::pair{listen.substr(0, colon), port};
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

int serve(const ServeCommand& o, const GlobalOptions& g) {
  auto where = host_port(o.listen);
  if (!where) {
    std::cerr << tr<Msg::serve_listen_form>(g.language());
    return kExitBadInput;
  }
  auto inputs = load_inputs(o.in, g);
  if (!inputs) return kExitBadInput;
  auto key = key_file(o.key_file, inputs->store, g);
  if (!key) return kExitBadInput;
  auto owners = owner_roles(o.owner_roles, inputs->rules.processes, g.language());
  if (!owners) return kExitBadInput;
  auto oidc = oidc_settings(g);
  if (!oidc) return kExitBadInput;
  web::ServeOptions so;
  so.store = inputs->store;
  so.lang = g.language();
  so.owner_roles = *owners;
  std::optional<dsl::Date> pinned;
  if (!o.in.date.empty()) pinned = inputs->date;  // --date: every request is "as of" that day
  so.today = [pinned] { return pinned ? *pinned : today(); };
  so.now_timestamp = now_timestamp;
  so.now_seconds = now_seconds;
  so.session_hours = o.session_hours;
  so.threads = std::max(1, o.threads);
  so.secure_cookie = o.secure_cookie;
  so.per_client = o.per_client;
  so.log_slower_than_ms = o.log_slower_than_ms;
  so.entries_per_task = o.entries_per_task;
  so.entries_per_person_per_day = o.entries_per_day;
  so.oidc = *oidc;
  // Ctrl-C and SIGTERM stop the server cleanly: they are taken by one thread with sigwait,
  // blocked everywhere else (the workers inherit the mask from here).
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  try {
    so.key_file = *key;
    web::load_or_create_secret(so.key_file);  // made now (or refused) rather than at a request
    web::Server server(inputs->rules, inputs->roster, so);
    int port = server.bind(where->first, where->second);
    if (port < 0) {
      spdlog::error("{}", say<Msg::cannot_listen_on>(g.language(), o.listen));
      return kExitStoreError;
    }
    std::thread waiter([&] {
      int sig = 0;
      sigwait(&stop_signals, &sig);
      server.stop();
    });
    // A provider named wrongly is found now, not by the first person signing in; the
    // server runs all the same (the links work, and the provider may come back).
    if (auto problem = server.check_provider())
      spdlog::warn("{}", say<Msg::oidc_provider_not_ready>(g.language(), *problem));
    std::cout << say<Msg::serve_listening>(g.language(), where->first, port) << std::flush;
    bool ok = server.run();
    pthread_kill(waiter.native_handle(), SIGTERM);  // wakes the waiter when run() ended by itself
    waiter.join();
    return ok ? kExitOk : kExitStoreError;
  } catch (const web::SecretError& e) {
    spdlog::error("{}", e.text(g.language()));
  } catch (const engine::StoreError& e) {
    spdlog::error("{}", e.text(g.language()));
  }
  return kExitStoreError;
}

int token(const TokenCommand& o, const GlobalOptions& g) {
  auto inputs = load_inputs(o.in, g);
  if (!inputs) return kExitBadInput;
  std::set<std::string> addresses;
  for (const auto& p : inputs->roster.people)
    if (dsl::fold(p.name) == dsl::fold(o.person) || dsl::fold(p.email) == dsl::fold(o.person))
      addresses.insert(dsl::fold(p.email));
  if (addresses.size() != 1) {
    std::cerr << (addresses.empty() ? say<Msg::token_not_in_roster>(g.language(), o.person)
                                    : say<Msg::token_several_people>(g.language(), o.person));
    return kExitBadInput;
  }
  auto key = key_file(o.key_file, inputs->store, g);
  if (!key) return kExitBadInput;
  try {
    auto secret = web::load_or_create_secret(*key);
    std::cout << web::sign_in_link(secret, o.link_base, *addresses.begin(), now_seconds(), o.days)
              << "\n";
  } catch (const web::SecretError& e) {
    std::cerr << "arshjul: " << e.text(g.language()) << "\n";
    return kExitStoreError;
  }
  return kExitOk;
}

}  // namespace

void add_web_commands(CLI::App& app, const GlobalOptions& g, int& exit_code) {
  static ServeCommand serve_options;
  serve_options.owner_roles = g.config.owner_roles;  // --owner-role replaces them
  auto* s = app.add_subcommand("serve", tr<Msg::cli_help_serve>(g.language()));
  add_input_options(s, serve_options.in, false, g);
  s->get_option("--date")->description(tr<Msg::cli_help_serve_date>(g.language()));
  s->add_option("--listen", serve_options.listen, tr<Msg::cli_help_serve_listen>(g.language()));
  s->add_option("--owner-role", serve_options.owner_roles,
                tr<Msg::cli_help_serve_owner_role>(g.language()));
  s->add_option("--session-hours", serve_options.session_hours,
                tr<Msg::cli_help_serve_session_hours>(g.language()))
      ->check(CLI::Range(1, 168));
  s->add_option("--per-client", serve_options.per_client,
                tr<Msg::cli_help_serve_per_client>(g.language()))
      ->check(CLI::Range(0, 100000));
  s->add_option("--entries-per-task", serve_options.entries_per_task,
                say<Msg::cli_help_serve_entries_per_task>(g.language(), web::kEntriesPerTask))
      ->check(CLI::Range(1, 1000000));
  s->add_option(
       "--entries-per-day", serve_options.entries_per_day,
       say<Msg::cli_help_serve_entries_per_day>(g.language(), web::kEntriesPerPersonPerDay))
      ->check(CLI::Range(1, 1000000));
  s->add_option("--threads", serve_options.threads, tr<Msg::cli_help_serve_threads>(g.language()));
  s->add_option("--log-slower-than", serve_options.log_slower_than_ms,
                tr<Msg::cli_help_serve_log_slower_than>(g.language()))
      ->check(CLI::Range(-1, 3600000));
  s->add_flag("--secure-cookie", serve_options.secure_cookie,
              tr<Msg::cli_help_serve_secure_cookie>(g.language()));
  s->add_option("--key-file", serve_options.key_file, tr<Msg::cli_help_key_file>(g.language()));
  s->callback([&] { exit_code = serve(serve_options, g); });

  static TokenCommand token_options;
  if (!g.config.link_base.empty()) token_options.link_base = g.config.link_base;
  auto* t = app.add_subcommand("token", tr<Msg::cli_help_token>(g.language()));
  t->add_option("PERSON", token_options.person, tr<Msg::cli_help_token_person>(g.language()))
      ->required();
  add_input_options(t, token_options.in, false, g);
  t->add_option("--days", token_options.days,
                say<Msg::cli_help_token_days>(g.language(), web::kMaxLinkDays))
      ->check(CLI::Range(0, web::kMaxLinkDays));
  t->add_option("--link-base", token_options.link_base,
                tr<Msg::cli_help_token_link_base>(g.language()));
  t->add_option("--key-file", token_options.key_file, tr<Msg::cli_help_key_file>(g.language()));
  t->callback([&] { exit_code = token(token_options, g); });
}

}  // namespace arshjul::cli
