#include "lsp/protocol.hpp"

#include <istream>
#include <nlohmann/json.hpp>
#include <ostream>

namespace arshjul::lsp {

std::optional<nlohmann::json> read_message(std::istream& in, std::string& error) {
  error.clear();
  std::optional<std::size_t> length;
  std::string line;
  bool any = false;
  while (std::getline(in, line)) {
    any = true;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) break;
    constexpr std::string_view kLength = "Content-Length:";
    if (line.compare(0, kLength.size(), kLength) == 0) {
      try {
        length = std::stoull(line.substr(kLength.size()));
      } catch (const std::exception&) {
        error = "bad Content-Length: " + line;
        return std::nullopt;
      }
    }
  }
  if (!any) return std::nullopt;  // the end of the stream
  if (!length || *length > kMaxMessageBytes) {
    error = length ? "message too large" : "no Content-Length";
    return std::nullopt;
  }
  std::string body(*length, '\0');
  if (!in.read(body.data(), static_cast<std::streamsize>(body.size()))) {
    error = "the stream ended inside a message";
    return std::nullopt;
  }
  auto j = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) {
    error = "the body is not JSON";
    return std::nullopt;
  }
  return j;
}

void write_message(std::ostream& out, const nlohmann::json& message) {
  std::string body = message.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  out << "Content-Length: " << body.size() << "\r\n\r\n" << body << std::flush;
}

}  // namespace arshjul::lsp
