#pragma once
// `arshjul serve` as a process of its own, for the tests that need the real program (slow
// clients in tests/test_web_slow.cpp, I/O faults in tests/test_faults.cpp).
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace arshjul::test {

/// `binary serve --listen 127.0.0.1:0 args...` started in `dir` with `env` (NAME=VALUE) added
/// to the environment and its standard error into `err` when given; killed (its own pid) when
/// it goes. A server that exits before it listens has port() 0 and its exit status in stop().
class Serve {
 public:
  Serve(const std::filesystem::path& dir, const std::vector<std::string>& args,
        const std::string& binary = ARSHJUL_BINARY,
        const std::vector<std::pair<std::string, std::string>>& env = {},
        const std::filesystem::path& err = {}) {
    int out[2];
    REQUIRE(pipe(out) == 0);
    pid_ = fork();
    if (pid_ == 0) {
      dup2(out[1], 1);
      close(out[0]);
      if (chdir(dir.c_str()) != 0) _exit(127);
      if (!err.empty()) {
        int fd = open(err.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
        if (fd < 0 || dup2(fd, 2) < 0) _exit(127);
      }
      for (const auto& [name, value] : env) setenv(name.c_str(), value.c_str(), 1);
      std::vector<const char*> argv{binary.c_str(), "--lang",   "sv",
                                    "serve",        "--listen", "127.0.0.1:0"};
      for (const auto& a : args) argv.push_back(a.c_str());
      argv.push_back(nullptr);
      execv(binary.c_str(), const_cast<char* const*>(argv.data()));
      _exit(127);
    }
    close(out[1]);
    std::string text;
    char buf[256];
    for (ssize_t n;
         text.find("/ (") == std::string::npos && (n = read(out[0], buf, sizeof buf)) > 0;)
      text.append(buf, static_cast<std::size_t>(n));
    close(out[0]);
    auto at = text.find("127.0.0.1:");
    if (at != std::string::npos) port_ = std::stoi(text.substr(at + 10));
  }
  ~Serve() { stop(); }
  Serve(const Serve&) = delete;
  Serve& operator=(const Serve&) = delete;

  int port() const { return port_; }

  /// Ends the server (SIGTERM) and returns its exit code (128 + signal when killed by one).
  int stop() {
    if (pid_ > 0) {
      if (port_) kill(pid_, SIGTERM);
      int status = 0;
      waitpid(pid_, &status, 0);
      code_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
      pid_ = -1;
    }
    return code_;
  }

 private:
  pid_t pid_ = -1;
  int port_ = 0;
  int code_ = -1;
};

}  // namespace arshjul::test
