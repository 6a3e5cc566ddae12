// remind: the nightly job. One message per person with what became due soon or overdue, and
// escalations; each reminder sent once, recorded in the store as its delivery is confirmed.
#include <fmt/format.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <filesystem>
#include <iostream>
#include <thread>
#include <unordered_set>

#include "cli/inputs.hpp"
#include "cli/versions.hpp"
#include "dsl/text.hpp"
#include "engine/engine.hpp"
#include "engine/faults.hpp"
#include "engine/plan.hpp"
#include "engine/reminders.hpp"
#include "engine/snapshot.hpp"
#include "engine/store.hpp"
#include "notify/mail.hpp"
#include "web/token.hpp"

namespace arshjul::cli {
namespace {

struct RemindOptions {
  InputOptions in;
  std::string out_dir, sendmail, format, from = "arshjul <arshjul@localhost>", link_base, contact;
  std::string key_file;  ///< the links' key (cli/inputs.hpp key_file)
  std::vector<std::string> owner_roles;
  int link_days = 14;
  bool dry_run = false, verbose = false, quiet = false, fail_on_overdue = false;
  std::optional<int> lead_days;
  int escalate_days = 14, wait_seconds = 60, stale_lock_hours = 12;
  bool break_lock = false;
};

std::string lock_holder() {
  char host[256] = "?";
  gethostname(host, sizeof host - 1);
  return fmt::format("{}:{}", host, getpid());
}

// A holder on this machine whose process is gone left the lock behind (a crash, kill -9).
bool holder_is_gone(const std::string& holder) {
  auto colon = holder.rfind(':');
  if (colon == std::string::npos) return false;
  std::string host = holder.substr(0, colon);
  if (lock_holder().rfind(host + ":", 0) != 0) return false;  // another machine: cannot tell
  pid_t pid = static_cast<pid_t>(std::atol(holder.c_str() + colon + 1));
  return pid <= 0 || (kill(pid, 0) != 0 && errno == ESRCH);
}

/// When another run's lock may be taken over (README, "The nightly job"): the operator said
/// so (--break-lock), its process is gone on this machine, or it is older than
/// --stale-lock-hours (a run on another machine, whose process cannot be checked from here).
struct LockRule {
  int stale_hours = 12;
  bool break_lock = false;
  dsl::Lang lang = dsl::Lang::sv;
  std::string reason(const std::string& holder, const std::string& since) const {
    if (break_lock) return tr<Msg::lock_reason_broken>(lang);
    if (holder_is_gone(holder)) return tr<Msg::lock_reason_gone>(lang);
    if (since < timestamp_seconds_ago(stale_hours * 3600L))
      return say<Msg::lock_reason_old>(lang, stale_hours);
    return "";
  }
};

/// Holds the store's "remind" lock for the life of the object.
class RunLock {
 public:
  RunLock(engine::Store& store, int wait_seconds, const LockRule& rule)
      : store_(store), holder_(lock_holder()) {
    auto stale = [&](const std::string& holder, const std::string& since) {
      auto why = rule.reason(holder, since);
      if (!why.empty())
        spdlog::warn("{}", say<Msg::lock_taken_over>(rule.lang, holder, since, why));
      return !why.empty();
    };
    for (int waited = 0;; ++waited) {
      auto other = store_.try_lock("remind", holder_, now_timestamp(), stale);
      if (!other) return;
      if (waited >= wait_seconds)
        throw engine::StoreError(Msg::store_remind_running, {store_.path(), *other});
      if (waited == 0) spdlog::info("{}", say<Msg::remind_waiting>(rule.lang, *other));
      std::this_thread::sleep_for(std::chrono::seconds(1));
    }
  }
  ~RunLock() {
    try {
      store_.unlock("remind", holder_);
    } catch (const engine::StoreError& e) {
      spdlog::warn("{}", e.what());
    }
  }

 private:
  engine::Store& store_;
  std::string holder_;
};

/// How long a write of the run waits for another writer: `--wait`, at least the 5 s every
/// command waits.
int busy_wait_ms(int wait_seconds) {
  return std::max(5, std::min(wait_seconds, 3600)) * 1000;
}

notify::Deliver delivery(const RemindOptions& o, dsl::Date date) {
  if (!o.out_dir.empty()) return notify::to_directory(o.out_dir, date);
  if (o.format.empty() && !o.sendmail.empty()) return notify::to_sendmail(o.sendmail);
  return notify::to_json_lines();
}

// Roles nobody holds and people without an address: told once per run, not per task.
void warn_unreachable(const engine::ReminderPlan& plan, dsl::Lang lang) {
  for (const auto& r : plan.roles_without_people)
    spdlog::warn("{}", say<Msg::nobody_holds_role>(
                           lang, r.role,
                           r.units.empty() ? ""
                                           : say<Msg::in_n_units>(lang, r.units.size(),
                                                                  fmt::join(r.units, ", "))));
  for (const auto* p : plan.people_without_email)
    spdlog::warn(
        "{}", say<Msg::no_usable_address>(lang, p->name, p->role, p->unit, p->where.file_line()));
}

// Whom a reminder names to ask: [mail] contact, else the people holding the configuration's
// owner_roles (the process owners) in the roster, with their addresses.
std::string contact_of(const RemindOptions& o, const engine::Roster& roster) {
  if (!o.contact.empty()) return o.contact;
  std::vector<std::string> people;
  for (const auto& role : o.owner_roles)
    for (const auto& p : roster.people)
      if (dsl::fold(p.role) == dsl::fold(role) || dsl::fold(p.role_as_written) == dsl::fold(role))
        people.push_back(fmt::format("{} ({}), {}", p.name, p.role_as_written, p.email));
  return dsl::join(people, "; ");
}

notify::MailOptions mail_options(const RemindOptions& o, const GlobalOptions& g, dsl::Date date,
                                 const std::string& key, const engine::Roster& roster) {
  notify::MailOptions mo{o.from, g.language(), std::time(nullptr), date, {}, contact_of(o, roster)};
  // A dry run writes nothing, not even the key of the links (it prints no message body).
  if (!o.link_base.empty() && !o.dry_run) {
    auto secret = web::load_or_create_secret(key);
    mo.sign_in_link = [secret, &o, now = mo.now](const engine::Person& p) {
      return web::sign_in_link(secret, o.link_base, engine::recipient_key(p), now, o.link_days);
    };
  }
  return mo;
}

// Records a message that is out: a second try when the first fails (a transient write or
// fsync error must not send it twice); a StoreError from that ends the run with exit 3, and
// the next run sends this one message again.
void record_delivered(engine::Store& store, const std::vector<engine::SentReminder>& rows,
                      dsl::Lang lang) {
  try {
    store.record_sent(rows);
  } catch (const engine::StoreError& e) {
    spdlog::warn("{}", e.text(lang));
    store.record_sent(rows);
  }
}

struct Delivered {
  int delivered = 0, failed = 0;
};

// Each message is delivered outside any transaction (sendmail may take seconds; the web view
// and `done` must be able to write meanwhile) and recorded in its own short transaction right
// after its delivery is confirmed. A crash between the two re-sends at most that one message.
Delivered send_all(const RemindOptions& o, engine::Store& store, const engine::ReminderPlan& plan,
                   const std::vector<dsl::Process>& ps, const notify::MailOptions& mo,
                   dsl::Lang lang) {
  auto deliver = delivery(o, mo.run_date);
  int delivered = 0, failed = 0;
  for (const auto& r : plan.reminders) {
    auto mail = notify::compose(r, ps, mo);
    if (o.dry_run) {
      std::cout << fmt::format("{} <{}>: {}\n", mail.to_name, mail.to, mail.subject);
      continue;
    }
    std::vector<engine::SentReminder> rows;
    for (const auto& i : r.items) {
      rows.push_back(
          {engine::recipient_key(*r.to), i.task_key, i.kind_key, mo.run_date, now_timestamp()});
      for (const auto& kind : i.also_kind_keys)  // shown once, as the stronger kind
        rows.push_back(
            {engine::recipient_key(*r.to), i.task_key, kind, mo.run_date, now_timestamp()});
    }
    try {
      deliver(mail);
    } catch (const notify::DeliveryError& e) {
      ++failed;
      spdlog::error("{}", e.text(lang));
      continue;
    }
    engine::faults::after_send(delivered + 1);  // a test build may crash here (engine/faults.hpp)
    record_delivered(store, rows, lang);
    ++delivered;
    spdlog::debug("{}", say<Msg::sent_to>(lang, mail.to, mail.subject));
  }
  return {delivered, failed};
}

/// Records the files' rules for every process and cycle the run evaluated that has none yet.
void record_evaluated(engine::Store& store, const std::vector<dsl::Process>& files,
                      const engine::Snapshot& snap) {
  std::vector<std::pair<std::string, int>> cycles;
  for (const auto& t : snap.tasks) cycles.emplace_back(snap.processes()[t.process].id, t.cycle);
  engine::record_first_use(store, files, cycles, now_timestamp());
}

/// The run's summary line; returns how many tasks and activities are overdue.
int log_summary(const RemindOptions& o, const engine::Snapshot& snap,
                const engine::ReminderPlan& plan, int delivered, dsl::Lang lang) {
  int overdue = static_cast<int>(
      std::count_if(snap.tasks.begin(), snap.tasks.end(),
                    [](const engine::Task& t) { return t.state == engine::State::overdue; }));
  int activities_overdue = 0, values_missing = 0;
  for (const auto& f : snap.plans) {
    for (const auto& a : f.activities) activities_overdue += a.overdue;
    for (const auto& m : f.measures) values_missing += m.missing;
  }
  overdue += activities_overdue;
  spdlog::info("{}", say<Msg::remind_summary>(
                         lang, dsl::iso(snap.date), o.dry_run ? tr<Msg::dry_run>(lang) : "",
                         plan.reminders.size(), o.dry_run ? 0 : delivered, plan.new_overdue,
                         overdue, activities_overdue, values_missing));
  return overdue;
}

int remind(const RemindOptions& o, const GlobalOptions& g) {
  auto inputs = load_inputs(o.in, g);
  if (!inputs) return kExitBadInput;
  // The links' key: the one the web view checks them with.
  std::string key;
  if (!o.link_base.empty() && !o.dry_run) {
    auto file = key_file(o.key_file, inputs->store, g);
    if (!file) return kExitBadInput;
    key = *file;
  }
  const auto& ps = inputs->rules.processes;
  try {
    // A dry run only reads: no migration, no lock, no reminder recorded.
    // Each write waits as long for the store's write lock as the run waits for another run:
    // web servers marking tasks done all day must not make the nightly job fail (exit 3).
    auto store = o.dry_run ? open_existing_store(inputs->store)
                           : engine::Store(inputs->store, false, busy_wait_ms(o.wait_seconds));
    std::optional<RunLock> lock;
    if (!o.dry_run)
      lock.emplace(store, o.wait_seconds, LockRule{o.stale_lock_hours, o.break_lock, g.language()});
    engine::SnapshotOptions so;
    so.engine.lead_days = o.lead_days;
    // The plan's activities and measures of each process's current cycle, as of the run's
    // date: a past year's plan is the audit's business, not tonight's reminders.
    so.plans = true;
    auto snap = engine::load_snapshot(ps, inputs->roster, &store, inputs->date, so);
    const dsl::Lang lang = g.language();  // the log speaks the user's language too
    if (auto line = files_differ_line(snap.rules, lang); !line.empty())
      spdlog::warn("{}", line.substr(0, line.size() - 1));
    // The cycles tonight's run evaluated keep the rules it used (a dry run writes nothing).
    if (!o.dry_run) record_evaluated(store, ps, snap);
    const auto& rules = snap.processes();  // each cycle by its rules in force
    auto keys = store.sent_keys();
    std::unordered_set<std::string> sent(keys.begin(), keys.end());
    auto plan = engine::plan_reminders(rules, inputs->roster, snap.tasks, sent,
                                       {o.escalate_days, inputs->date}, snap.plans);
    warn_unreachable(plan, lang);
    auto sent_now = send_all(o, store, plan, rules,
                             mail_options(o, g, inputs->date, key, inputs->roster), lang);
    int overdue = log_summary(o, snap, plan, sent_now.delivered, lang);
    if (sent_now.failed) return kExitStoreError;
    return o.fail_on_overdue && overdue > 0 ? kExitFindings : kExitOk;
  } catch (const engine::StoreError& e) {
    spdlog::error("{}", e.text(g.language()));
    return kExitStoreError;
  } catch (const web::SecretError& e) {
    spdlog::error("{}", e.text(g.language()));
    return kExitStoreError;
  }
}

}  // namespace

void add_remind_command(CLI::App& app, const GlobalOptions& g, int& exit_code) {
  static RemindOptions o;
  // The configuration's settings are the defaults; a flag overrides them.
  const auto& c = g.config;
  if (!c.mail_from.empty()) o.from = c.mail_from;
  o.sendmail = c.sendmail;
  o.link_base = c.link_base;
  o.contact = c.mail_contact;
  o.owner_roles = c.owner_roles;
  o.escalate_days = c.escalate_days.value_or(o.escalate_days);
  auto* r = app.add_subcommand("remind", tr<Msg::cli_help_remind>(g.language()));
  add_input_options(r, o.in, false, g);
  auto* out = r->add_option("--out", o.out_dir, tr<Msg::cli_help_remind_out>(g.language()));
  auto* sm =
      r->add_option("--sendmail", o.sendmail, tr<Msg::cli_help_remind_sendmail>(g.language()));
  auto* fmt_opt = r->add_option("--format", o.format, tr<Msg::cli_help_remind_format>(g.language()))
                      ->check(CLI::IsMember({"json"}));
  out->excludes(sm)->excludes(fmt_opt);
  sm->excludes(fmt_opt);
  r->add_option("--from", o.from, tr<Msg::cli_help_remind_from>(g.language()));
  r->add_option("--contact", o.contact, tr<Msg::cli_help_remind_contact>(g.language()));
  r->add_flag("--dry-run", o.dry_run, tr<Msg::cli_help_remind_dry_run>(g.language()));
  r->add_flag("-v,--verbose", o.verbose, tr<Msg::cli_help_remind_verbose>(g.language()));
  r->add_flag("-q,--quiet", o.quiet, tr<Msg::cli_help_remind_quiet>(g.language()));
  r->add_flag("--fail-on-overdue", o.fail_on_overdue,
              tr<Msg::cli_help_remind_fail_on_overdue>(g.language()));
  r->add_option("--lead-days", o.lead_days, tr<Msg::cli_help_lead_days>(g.language()));
  r->add_option("--escalate-days", o.escalate_days,
                tr<Msg::cli_help_remind_escalate_days>(g.language()));
  r->add_option("--link-base", o.link_base, tr<Msg::cli_help_remind_link_base>(g.language()));
  r->add_option("--key-file", o.key_file, tr<Msg::cli_help_key_file>(g.language()));
  r->add_option("--link-days", o.link_days, tr<Msg::cli_help_remind_link_days>(g.language()))
      ->check(CLI::Range(1, web::kMaxLinkDays));
  r->add_option("--wait", o.wait_seconds, tr<Msg::cli_help_remind_wait>(g.language()));
  r->add_option("--stale-lock-hours", o.stale_lock_hours,
                tr<Msg::cli_help_remind_stale_lock_hours>(g.language()))
      ->check(CLI::Range(1, 24 * 365));
  r->add_flag("--break-lock", o.break_lock, tr<Msg::cli_help_remind_break_lock>(g.language()));
  r->callback([&] {
    if (o.out_dir.empty() && o.sendmail.empty() && o.format.empty() && !o.dry_run) {
      std::cerr << tr<Msg::remind_needs_output>(g.language());
      exit_code = kExitBadInput;
      return;
    }
    spdlog::set_level(o.quiet     ? spdlog::level::warn
                      : o.verbose ? spdlog::level::debug
                                  : spdlog::level::info);
    exit_code = remind(o, g);
  });
}

}  // namespace arshjul::cli
