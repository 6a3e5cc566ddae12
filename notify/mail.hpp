#pragma once
// Reminders as RFC 5322 messages (RFC 2047 headers; a multipart/alternative body of UTF-8
// plain text and HTML, see letter.hpp), and their delivery: to .eml files, through a
// sendmail-compatible command, or as JSON lines.
#include <ctime>
#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

#include "dsl/messages.hpp"
#include "dsl/model.hpp"
#include "engine/reminders.hpp"

namespace arshjul::notify {

struct Mail {
  std::string to;  ///< the address alone
  std::string to_name;
  std::string subject;  ///< unencoded
  std::string body;     ///< UTF-8 text, the plain part
  std::string html;     ///< the HTML part
  std::string message;  ///< the whole RFC 5322 message, CRLF line ends
};

struct MailOptions {
  std::string from = "arshjul <arshjul@localhost>";
  dsl::Lang lang = dsl::Lang::sv;
  std::time_t now = 0;  ///< for the Date header
  dsl::Date run_date;
  /// When set: the recipient's personal sign-in link to the web view, put in each message.
  std::function<std::string(const engine::Person&)> sign_in_link;
  /// Whom to ask: "Margareta Holm (Förvaltningschef), margareta.holm@kommunen.se"; empty: none.
  std::string contact;
};

/// Encodes a header text as RFC 2047 encoded words, folded into lines of at most 78
/// characters, when it is not plain ASCII, is longer than 70 characters, or `always`; line
/// breaks and other control characters are replaced by spaces first, so no text can add a
/// header.
std::string encode_header(std::string_view text, bool always = false);

/// "Name <address>" for a header: the name quoted (ASCII) or RFC 2047 encoded, so no name
/// can add an address or a header.
std::string format_address(std::string_view name, std::string_view address);

/// The message for one reminder.
Mail compose(const engine::Reminder& r, const std::vector<dsl::Process>& processes,
             const MailOptions& options);

/// A delivery that failed (a file not written, sendmail exiting non-zero).
class DeliveryError : public dsl::WordedError {
 public:
  using dsl::WordedError::WordedError;
};

/// Delivers one message or throws DeliveryError. Returning means "confirmed".
using Deliver = std::function<void(const Mail&)>;

/// Writes each message to DIR/<date>-<address>.eml (atomically: a temp file, then rename).
Deliver to_directory(const std::string& dir, dsl::Date run_date);
/// Pipes each message to `command` (run by /bin/sh); exit status 0 confirms it.
Deliver to_sendmail(const std::string& command);
/// Prints each message as one JSON line on stdout.
Deliver to_json_lines();

}  // namespace arshjul::notify
