#include "notify/mail.hpp"

#include <fmt/format.h>
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <nlohmann/json.hpp>

#include "dsl/schedule.hpp"
#include "dsl/text.hpp"
#include "engine/files.hpp"
#include "present/json.hpp"

namespace arshjul::notify {
namespace {

using dsl::Msg;
using dsl::say;
using dsl::tr;
using engine::ReminderKind;

std::string one_line(std::string_view text) {
  std::string s;
  for (char c : text) s += (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) ? ' ' : c;
  return s;
}

// Body lines under 78 characters, as mail readers expect; words are never split.
std::string wrap(const std::string& text, const std::string& indent, std::size_t width) {
  std::string out;
  auto bytes = [](std::string_view s) { return static_cast<double>(s.size()); };
  for (const auto& line : dsl::wrap_words(text, static_cast<double>(width), bytes))
    out += indent + line + "\n";
  return out;
}

std::string rfc5322_date(std::time_t t) {
  std::tm utc{};
  gmtime_r(&t, &utc);
  char buf[64];
  std::strftime(buf, sizeof buf, "%a, %d %b %Y %H:%M:%S +0000", &utc);
  return buf;
}

struct Section {
  ReminderKind kind;
  dsl::Msg heading;
};
constexpr Section kSections[] = {
    {ReminderKind::overdue, dsl::Msg::mail_section_overdue},
    {ReminderKind::due_soon, dsl::Msg::mail_section_due_soon},
    {ReminderKind::escalation, dsl::Msg::mail_section_escalation},
    {ReminderKind::activity_overdue, dsl::Msg::mail_section_activities},
    {ReminderKind::measure_missing, dsl::Msg::mail_section_measures},
};

// "Title 2026, unit, role": where a reminder's item belongs (the role for an escalation).
std::string where_text(const dsl::Process& p, int year, const std::string& unit,
                       const std::string& for_role = "") {
  std::string where = fmt::format("{} {}", p.title.empty() ? p.id : p.title, year);
  if (!unit.empty()) where += ", " + unit;
  if (!for_role.empty()) where += ", " + for_role;
  return where;
}

std::string activity_text(const engine::ActivityLine& a, int year, const std::string& for_role,
                          dsl::Lang lang) {
  std::string status =
      a.status ? engine::status_word(*a.status, lang) : tr<Msg::mail_no_status>(lang);
  return say<Msg::mail_activity_item>(
      lang, a.activity->id, where_text(*a.process, year, a.unit, for_role),
      wrap(a.activity->task, "  ", 72), a.activity->due ? a.activity->due->text : "",
      a.planned ? dsl::iso(*a.planned) : "", status);
}

std::string measure_text(const engine::MeasureLine& m, int year, dsl::Lang lang) {
  const auto& me = *m.measure;
  return say<Msg::mail_measure_item>(
      lang, me.id, where_text(*m.process, year, m.unit), me.title.empty() ? me.id : me.title,
      m.tertial, dsl::iso(m.due), engine::number_text(me.target, lang), me.unit);
}

std::string item_text(const engine::ReminderItem& item, const std::vector<dsl::Process>& ps,
                      dsl::Lang lang) {
  if (item.activity) return activity_text(*item.activity, item.activity->year, item.for_role, lang);
  if (item.measure) return measure_text(*item.measure, item.measure->year, lang);
  const auto& t = *item.task;
  const auto& p = ps[t.process];
  const auto& s = p.steps[t.step];
  std::string where = where_text(p, t.cycle, t.unit, item.for_role);
  std::string when = say<Msg::mail_when_due>(lang, s.when.text, dsl::iso(t.window.deadline));
  if (t.state == engine::State::overdue)
    when += say<Msg::mail_days_late>(lang, t.days);
  else
    when += say<Msg::mail_days_left>(lang, t.days);
  if (!s.link.empty()) when += "\n  " + s.link;
  return fmt::format("- {} ({})\n{}  {}\n", s.name(), where, wrap(s.task, "  ", 72), when);
}

std::string subject_of(const engine::Reminder& r, dsl::Lang lang) {
  std::array<int, engine::kReminderKinds> of_kind{};  // items per ReminderKind
  for (const auto& i : r.items) ++of_kind.at(static_cast<std::size_t>(i.kind));
  auto count = [&](ReminderKind k) { return of_kind.at(static_cast<std::size_t>(k)); };
  const int overdue = count(ReminderKind::overdue) + count(ReminderKind::activity_overdue);
  const int soon = count(ReminderKind::due_soon), escalated = count(ReminderKind::escalation);
  const int missing = count(ReminderKind::measure_missing);
  std::vector<std::string> parts;
  if (overdue) parts.push_back(say<Msg::mail_n_overdue>(lang, overdue));
  if (soon) parts.push_back(say<Msg::mail_n_due_soon>(lang, soon));
  if (escalated) parts.push_back(say<Msg::mail_n_escalated>(lang, escalated));
  if (missing) parts.push_back(say<Msg::mail_n_values_missing>(lang, missing));
  return fmt::format("{}: {}", tr<Msg::annual_cycle>(lang), fmt::join(parts, ", "));
}

}  // namespace

std::string encode_header(std::string_view text, bool always) {
  std::string s = one_line(text);
  bool ascii =
      std::all_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
  if (ascii && !always && s.size() <= 70) return s;
  // Encoded words of at most 75 characters, split between whole UTF-8 characters.
  std::string out;
  std::size_t i = 0;
  while (i < s.size()) {
    std::size_t n = std::min<std::size_t>(45, s.size() - i);
    while (i + n < s.size() && (static_cast<unsigned char>(s[i + n]) & 0xC0) == 0x80) --n;
    if (!out.empty()) out += "\r\n ";
    out += "=?UTF-8?B?" + dsl::base64_encode(s.substr(i, n)) + "?=";
    i += n;
  }
  return out;
}

std::string format_address(std::string_view name, std::string_view address) {
  std::string n = one_line(name);
  std::string a = one_line(address);
  std::erase_if(a, [](char c) { return c == '<' || c == '>' || c == ' ' || c == ',' || c == '"'; });
  if (n.empty()) return "<" + a + ">";
  bool ascii =
      std::all_of(n.begin(), n.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
  // Encoded words fold into lines of at most 78 characters (RFC 5322 allows 998); a quoted
  // string does not, so a long name is encoded too.
  constexpr std::size_t kLongName = 60;
  if (!ascii || n.size() > kLongName) return encode_header(n, /*always=*/true) + " <" + a + ">";
  // A quoted string: commas, angle brackets and "Bcc:" in a name stay part of the name.
  std::string quoted = "\"";
  for (char c : n) quoted += (c == '"' || c == '\\') ? std::string("\\") + c : std::string(1, c);
  return quoted + "\" <" + a + ">";
}

Mail compose(const engine::Reminder& r, const std::vector<dsl::Process>& processes,
             const MailOptions& o) {
  Mail m;
  m.to = r.to->email;
  m.to_name = one_line(r.to->name);
  m.subject = subject_of(r, o.lang);
  m.body = say<Msg::mail_greeting>(o.lang, m.to_name, dsl::iso(o.run_date));
  for (const auto& section : kSections) {
    std::string lines;
    for (const auto& i : r.items)
      if (i.kind == section.kind) lines += item_text(i, processes, o.lang);
    if (!lines.empty())
      m.body += fmt::format("\n{}\n{}", dsl::raw_text(section.heading, o.lang), lines);
  }
  if (o.sign_in_link) m.body += say<Msg::mail_sign_in_link>(o.lang, o.sign_in_link(*r.to));
  m.body += tr<Msg::mail_signature>(o.lang);

  std::string body_crlf;
  for (char c : m.body) body_crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
  // Unique per message: a second message to the same person the same day (new tasks after a
  // rules change) has other content and so another id.
  std::string id = fmt::format("{}.{:016x}", dsl::iso(o.run_date),
                               std::hash<std::string>{}(m.to + '\n' + m.body));
  auto from_lt = o.from.rfind('<');
  std::string from =
      from_lt == std::string::npos
          ? format_address("", o.from)
          : format_address(o.from.substr(0, o.from.find_last_not_of(' ', from_lt - 1) + 1),
                           o.from.substr(from_lt + 1, o.from.rfind('>') - from_lt - 1));
  m.message = "From: " + from + "\r\n" + "To: " + format_address(m.to_name, m.to) + "\r\n" +
              "Subject: " + encode_header(m.subject) + "\r\n" + "Date: " + rfc5322_date(o.now) +
              "\r\n" + "Message-ID: <" + id + "@arshjul>\r\n" +
              "MIME-Version: 1.0\r\n"
              "Content-Type: text/plain; charset=utf-8\r\n"
              "Content-Transfer-Encoding: 8bit\r\n"
              "Auto-Submitted: auto-generated\r\n"
              "\r\n" +
              body_crlf;
  return m;
}

Deliver to_directory(const std::string& dir, dsl::Date run_date) {
  return [dir, run_date](const Mail& m) {
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    std::string name = m.to;
    for (auto& c : name)
      if (!std::isalnum(static_cast<unsigned char>(c)) && c != '@' && c != '.' && c != '-') c = '_';
    // A later run the same day may have more for the same person: never overwrite a message.
    auto path = std::filesystem::path(dir) / (dsl::iso(run_date) + "-" + name + ".eml");
    for (int n = 2; std::filesystem::exists(path); ++n)
      path = std::filesystem::path(dir) / fmt::format("{}-{}-{}.eml", dsl::iso(run_date), name, n);
    if (!engine::write_file_atomically(path, m.message))
      throw DeliveryError(Msg::delivery_cannot_write, {path.string(), std::strerror(errno)});
  };
}

Deliver to_sendmail(const std::string& command) {
  return [command](const Mail& m) {
    FILE* pipe = popen(command.c_str(), "w");
    if (!pipe) throw DeliveryError(Msg::delivery_cannot_start, {command});
    std::fwrite(m.message.data(), 1, m.message.size(), pipe);
    int status = pclose(pipe);
    if (status == -1 || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
      throw DeliveryError(
          Msg::delivery_failed,
          {command, m.to, std::to_string(WIFEXITED(status) ? WEXITSTATUS(status) : status)});
  };
}

Deliver to_json_lines() {
  return [](const Mail& m) {
    nlohmann::json j{{"to", m.to}, {"name", m.to_name}, {"subject", m.subject}, {"body", m.body}};
    std::cout << present::json_text(j) << "\n" << std::flush;
    if (!std::cout) throw DeliveryError(Msg::delivery_stdout, {});
  };
}

}  // namespace arshjul::notify
