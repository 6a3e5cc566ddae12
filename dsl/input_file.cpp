#include "dsl/input_file.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "dsl/text.hpp"

namespace arshjul::dsl {

namespace {

// Closes a file descriptor when it goes out of scope.
struct Fd {
  int fd;
  ~Fd() {
    if (fd >= 0) ::close(fd);
  }
};

}  // namespace

std::optional<Diagnostic> read_input_file(const std::string& path, std::size_t max_bytes,
                                          const Location& from, Msg unreadable, std::string& text) {
  auto system_error = [&] {
    return Diagnostic{from, unreadable, {path, std::strerror(errno)}, {}};
  };
  // O_NONBLOCK: opening a FIFO must not wait for a writer; it is refused below.
  Fd f{::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY)};
  if (f.fd < 0) return system_error();
  struct stat st {};
  if (::fstat(f.fd, &st) != 0) return system_error();
  if (!S_ISREG(st.st_mode)) return Diagnostic{from, Msg::not_regular_file, {path}, {}};
  if (static_cast<std::size_t>(st.st_size) > max_bytes)
    return Diagnostic{from, Msg::file_too_large, {path, std::to_string(max_bytes >> 20)}, {}};
  text.clear();
  text.reserve(static_cast<std::size_t>(st.st_size));  // held as long as the rules: no slack
  char buffer[1 << 16];
  for (;;) {
    ssize_t n = ::read(f.fd, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return system_error();
    if (n == 0) break;
    text.append(buffer, static_cast<std::size_t>(n));
    if (text.size() > max_bytes)  // it grew while being read
      return Diagnostic{from, Msg::file_too_large, {path, std::to_string(max_bytes >> 20)}, {}};
  }
  return std::nullopt;
}

std::optional<Diagnostic> text_fault(std::string_view text, bool line_breaks,
                                     const Location& start) {
  auto fault = check_text(text, line_breaks);
  if (!fault) return std::nullopt;
  Location at = start;
  for (std::size_t i = 0; i < fault->at; ++i) {
    if (text[i] == '\n') {
      ++at.line;
      at.column = 1;
    } else {
      ++at.column;
    }
  }
  if (fault->kind == TextFault::Kind::not_utf8)
    return Diagnostic{at, Msg::text_not_utf8, {fmt::format("0x{:02X}", fault->code)}, {}};
  return Diagnostic{at, Msg::text_control, {fmt::format("U+{:04X}", fault->code)}, {}};
}

}  // namespace arshjul::dsl
