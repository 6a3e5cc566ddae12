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
#include "notify/letter.hpp"
#include "present/json.hpp"

namespace arshjul::notify {
namespace {

using dsl::Msg;

std::string one_line(std::string_view text) {
  std::string s;
  for (char c : text) s += (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) ? ' ' : c;
  return s;
}

std::string rfc5322_date(std::time_t t) {
  std::tm utc{};
  gmtime_r(&t, &utc);
  char buf[64];
  std::strftime(buf, sizeof buf, "%a, %d %b %Y %H:%M:%S +0000", &utc);
  return buf;
}

// One part of the multipart/alternative body: its headers, a blank line, the content.
std::string part(const std::string& boundary, const char* type, const char* encoding,
                 const std::string& content) {
  return "--" + boundary + "\r\nContent-Type: " + type + "; charset=utf-8\r\n" +
         "Content-Transfer-Encoding: " + encoding + "\r\n\r\n" + content + "\r\n";
}

std::string crlf(const std::string& text) {
  std::string out;
  for (char c : text) out += c == '\n' ? std::string("\r\n") : std::string(1, c);
  return out;
}

// Base64 in lines of 76 characters (RFC 2045).
std::string base64_lines(const std::string& bytes) {
  std::string b64 = dsl::base64_encode(bytes), out;
  for (std::size_t i = 0; i < b64.size(); i += 76) out += b64.substr(i, 76) + "\r\n";
  return out;
}

std::string from_header(const std::string& from) {
  auto lt = from.rfind('<');
  if (lt == std::string::npos) return format_address("", from);
  return format_address(from.substr(0, from.find_last_not_of(' ', lt - 1) + 1),
                        from.substr(lt + 1, from.rfind('>') - lt - 1));
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
    std::size_t n = std::min<std::size_t>(39, s.size() - i);  // "Subject: " + 64 characters
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
  if (!ascii || n.size() > kLongName) {
    // The address goes on a line of its own when it would make the name's last line longer
    // than 78 characters with the header's name ("From: ") in front.
    std::string name = encode_header(n, /*always=*/true);
    auto last = name.size() - (name.rfind('\n') == std::string::npos ? 0 : name.rfind('\n') + 1);
    constexpr std::size_t kHeaderName = 6, kLine = 78;
    bool fold = kHeaderName + last + a.size() + 3 > kLine;
    return name + (fold ? "\r\n <" : " <") + a + ">";
  }
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
  auto letter = write_letter(r, processes, o);
  m.subject = letter.subject;
  m.body = letter_text(letter);
  m.html = letter_html(letter, o.lang);
  // Unique per message: a second message to the same person the same day (new tasks after a
  // rules change) has other content and so another id. The boundary is made of the same
  // hash: the plain text part (8bit) never holds "--=_" followed by it, and base64 cannot.
  auto hash = std::hash<std::string>{}(m.to + '\n' + m.body);
  std::string id = fmt::format("{}.{:016x}", dsl::iso(o.run_date), hash);
  std::string boundary = fmt::format("=_arshjul_{:016x}", hash);
  m.message = "From: " + from_header(o.from) + "\r\n" + "To: " + format_address(m.to_name, m.to) +
              "\r\n" + "Subject: " + encode_header(m.subject) + "\r\n" +
              "Date: " + rfc5322_date(o.now) + "\r\n" + "Message-ID: <" + id + "@arshjul>\r\n" +
              "MIME-Version: 1.0\r\n"
              "Content-Type: multipart/alternative;\r\n boundary=\"" +
              boundary +
              "\"\r\n"
              "Auto-Submitted: auto-generated\r\n"
              "\r\n" +
              part(boundary, "text/plain", "8bit", crlf(m.body)) +
              part(boundary, "text/html", "base64", base64_lines(m.html)) + "--" + boundary +
              "--\r\n";
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
