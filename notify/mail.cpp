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

namespace arshjul::notify {
namespace {

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
  const char* sv;
  const char* en;
};
constexpr Section kSections[] = {
    {ReminderKind::overdue, "FÖRSENAT", "OVERDUE"},
    {ReminderKind::due_soon, "SNART", "DUE SOON"},
    {ReminderKind::escalation, "ESKALERAT: försenat hos någon som rapporterar till dig",
     "ESCALATED: overdue with someone who reports to you"},
    {ReminderKind::activity_overdue, "AKTIVITETER I VERKSAMHETSPLANEN SOM INTE ÄR GENOMFÖRDA I TID",
     "PLAN ACTIVITIES NOT DONE IN TIME"},
    {ReminderKind::measure_missing, "MÄTVÄRDEN SOM SAKNAS", "MEASURE VALUES MISSING"},
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
  bool sv = lang == dsl::Lang::sv;
  std::string status = a.status ? engine::status_word(*a.status, lang)
                                : (sv ? "ingen status rapporterad" : "no status reported");
  return fmt::format(fmt::runtime(sv ? "- {} ({})\n{}  KLART {}, planerad {} (status: {})\n"
                                     : "- {} ({})\n{}  DUE {}, planned {} (status: {})\n"),
                     a.activity->id, where_text(*a.process, year, a.unit, for_role),
                     wrap(a.activity->task, "  ", 72), a.activity->due ? a.activity->due->text : "",
                     a.planned ? dsl::iso(*a.planned) : "", status);
}

std::string measure_text(const engine::MeasureLine& m, int year, dsl::Lang lang) {
  bool sv = lang == dsl::Lang::sv;
  const auto& me = *m.measure;
  return fmt::format(
      fmt::runtime(
          sv ? "- {} ({})\n  {}: värde för T{} saknas (tertialen slutade {}); målvärde {} {}\n"
             : "- {} ({})\n  {}: value for T{} missing (the tertial ended {}); target {} {}\n"),
      me.id, where_text(*m.process, year, m.unit), me.title.empty() ? me.id : me.title, m.tertial,
      dsl::iso(m.due), engine::number_text(me.target, lang), me.unit);
}

std::string item_text(const engine::ReminderItem& item, const std::vector<dsl::Process>& ps,
                      dsl::Lang lang) {
  bool sv = lang == dsl::Lang::sv;
  if (item.activity) return activity_text(*item.activity, item.activity->year, item.for_role, lang);
  if (item.measure) return measure_text(*item.measure, item.measure->year, lang);
  const auto& t = *item.task;
  const auto& p = ps[t.process];
  const auto& s = p.steps[t.step];
  std::string where = where_text(p, t.cycle, t.unit, item.for_role);
  std::string when = fmt::format(fmt::runtime(sv ? "NÄR {}, senast {}" : "WHEN {}, due {}"),
                                 s.when.text, dsl::iso(t.window.deadline));
  if (t.state == engine::State::overdue)
    when += fmt::format(fmt::runtime(sv ? " ({} dagar sen)" : " ({} days late)"), t.days);
  else
    when += fmt::format(fmt::runtime(sv ? " ({} dagar kvar)" : " ({} days left)"), t.days);
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
  bool sv = lang == dsl::Lang::sv;
  std::vector<std::string> parts;
  if (overdue)
    parts.push_back(fmt::format(fmt::runtime(sv ? "{} försenade" : "{} overdue"), overdue));
  if (soon) parts.push_back(fmt::format(fmt::runtime(sv ? "{} snart" : "{} due soon"), soon));
  if (escalated)
    parts.push_back(fmt::format(fmt::runtime(sv ? "{} eskalerade" : "{} escalated"), escalated));
  if (missing)
    parts.push_back(fmt::format(
        fmt::runtime(sv ? "{} mätvärden saknas" : "{} measure values missing"), missing));
  return fmt::format("{}: {}", sv ? "Årshjulet" : "Annual cycle", fmt::join(parts, ", "));
}

}  // namespace

std::string encode_header(std::string_view text) {
  std::string s = one_line(text);
  bool ascii =
      std::all_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
  if (ascii) return s;
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
  if (!ascii) return encode_header(n) + " <" + a + ">";
  // A quoted string: commas, angle brackets and "Bcc:" in a name stay part of the name.
  std::string quoted = "\"";
  for (char c : n) quoted += (c == '"' || c == '\\') ? std::string("\\") + c : std::string(1, c);
  return quoted + "\" <" + a + ">";
}

Mail compose(const engine::Reminder& r, const std::vector<dsl::Process>& processes,
             const MailOptions& o) {
  bool sv = o.lang == dsl::Lang::sv;
  Mail m;
  m.to = r.to->email;
  m.to_name = one_line(r.to->name);
  m.subject = subject_of(r, o.lang);
  m.body =
      fmt::format(fmt::runtime(sv ? "Hej {},\n\nDetta gäller dig i årshjulet den {}.\n"
                                  : "Hello {},\n\nThis concerns you in the annual cycle on {}.\n"),
                  m.to_name, dsl::iso(o.run_date));
  for (const auto& section : kSections) {
    std::string lines;
    for (const auto& i : r.items)
      if (i.kind == section.kind) lines += item_text(i, processes, o.lang);
    if (!lines.empty()) m.body += fmt::format("\n{}\n{}", sv ? section.sv : section.en, lines);
  }
  if (o.sign_in_link)
    m.body += fmt::format(fmt::runtime(sv ? "\nDina uppgifter, och markera dem klara:\n{}\n"
                                          : "\nYour tasks, and mark them done:\n{}\n"),
                          o.sign_in_link(*r.to));
  m.body += sv ? "\n-- \nSkickat av arshjul.\n" : "\n-- \nSent by arshjul.\n";

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
      throw DeliveryError(
          fmt::format("kan inte skriva {}: {}", path.string(), std::strerror(errno)));
  };
}

Deliver to_sendmail(const std::string& command) {
  return [command](const Mail& m) {
    FILE* pipe = popen(command.c_str(), "w");
    if (!pipe) throw DeliveryError(fmt::format("kan inte starta '{}'", command));
    std::fwrite(m.message.data(), 1, m.message.size(), pipe);
    int status = pclose(pipe);
    if (status == -1 || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
      throw DeliveryError(fmt::format("'{}' misslyckades för {} (status {})", command, m.to,
                                      WIFEXITED(status) ? WEXITSTATUS(status) : status));
  };
}

Deliver to_json_lines() {
  return [](const Mail& m) {
    nlohmann::json j{{"to", m.to}, {"name", m.to_name}, {"subject", m.subject}, {"body", m.body}};
    std::cout << j.dump() << "\n" << std::flush;
    if (!std::cout) throw DeliveryError("standard ut går inte att skriva");
  };
}

}  // namespace arshjul::notify
