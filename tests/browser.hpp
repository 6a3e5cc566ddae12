#pragma once
// Headless Chromium for tests of pages arshjul writes (the audit's HTML report, later
// others): dump a page's DOM after it loaded, or take a screenshot of it.
//
// The browser is Debian's `chromium` (/usr/bin/chromium, or $ARSHJUL_CHROMIUM), which
// scripts/deps.sh installs.
// Nothing is downloaded: the page is opened from a file:// URL and Chromium runs with its
// background networking, component updates and sync turned off. Every run gets a new empty
// profile (--user-data-dir) and HOME under the given work folder, and runs under
// `timeout`, so a hung browser fails the test instead of hanging CI.
//
// A test that needs it is tagged [chromium] and fails without it; ctest runs those through
// tests/needs.sh, which reports them SKIPPED on a machine without the browser:
//
//   TEST_CASE("...", "[chromium]") {
//     test::Chromium chromium(tmp.path());  // REQUIREs the browser
//   auto dom = chromium.dump_dom(tmp.path() / "page.html");
//   REQUIRE(dom.ok());
//   CHECK(dom.out.find("<h1>") != std::string::npos);
#include <sys/wait.h>

#include <catch2/catch.hpp>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <utility>
#include <vector>

#include "tests/helpers.hpp"

namespace arshjul::test {

class Chromium {
 public:
  /// The browser: $ARSHJUL_CHROMIUM, else Debian's /usr/bin/chromium.
  static std::string path() {
    const char* set = std::getenv("ARSHJUL_CHROMIUM");
    return set && *set ? set : "/usr/bin/chromium";
  }
  /// Why a browser test fails when the browser is not there.
  static std::string missing() {
    return path() +
           " is not installed: this test needs it (scripts/deps.sh installs it; ctest "
           "reports the [chromium] tests SKIPPED without it)";
  }

  /// Whether the browser is installed; a [chromium] test REQUIREs it.
  static bool available() {
    std::error_code ec;
    return std::filesystem::exists(path(), ec);
  }

  struct Result {
    int exit_code = -1;  ///< the browser's; 124 when `timeout` stopped it, -1 on a signal
    std::string out;     ///< stdout: the DOM for dump_dom
    std::string err;     ///< stderr: Chromium's log (dbus noise and the like)
    bool ok() const { return exit_code == 0; }
    bool timed_out() const { return exit_code == 124 || exit_code == 137; }
  };

  /// Profiles, HOME and captured output go into `work_dir` (it must exist). A run that
  /// takes longer than `timeout_seconds` is killed. REQUIREs the browser: a [chromium] test
  /// fails without it (and ctest reports it skipped).
  explicit Chromium(std::filesystem::path work_dir, int timeout_seconds = 60)
      : dir_(std::move(work_dir)), timeout_(timeout_seconds) {
    INFO(missing());
    REQUIRE(available());
  }

  /// The DOM as Chromium serialises it once `page` has loaded (scripts, if any, have run).
  Result dump_dom(const std::filesystem::path& page) const {
    return run({"--dump-dom", file_url(page)});
  }

  /// A PNG of the first `width` x `height` pixels of `page`.
  Result screenshot(const std::filesystem::path& page, const std::filesystem::path& png,
                    int width = 1200, int height = 900) const {
    return run({"--screenshot=" + png.string(),
                "--window-size=" + std::to_string(width) + "," + std::to_string(height),
                "--hide-scrollbars", file_url(page)});
  }

  /// Chromium with the headless flags, a new empty profile and then `args`.
  Result run(const std::vector<std::string>& args) const {
    int n = ++runs_;
    auto run_dir = dir_ / ("chromium-run-" + std::to_string(n));
    std::filesystem::remove_all(run_dir);
    std::filesystem::create_directories(run_dir / "profile");
    std::filesystem::create_directories(run_dir / "home");
    auto out = run_dir / "stdout", err = run_dir / "stderr";
    std::string cmd = "env HOME=" + quote((run_dir / "home").string()) +
                      " XDG_CONFIG_HOME=" + quote((run_dir / "home" / ".config").string()) +
                      " XDG_CACHE_HOME=" + quote((run_dir / "home" / ".cache").string()) +
                      " timeout -k 5 " + std::to_string(timeout_) + " " + quote(path());
    for (const char* flag : kFlags) cmd += std::string(" ") + flag;
    cmd += " " + quote("--user-data-dir=" + (run_dir / "profile").string());
    for (const auto& a : args) cmd += " " + quote(a);
    cmd += " </dev/null >" + quote(out.string()) + " 2>" + quote(err.string());
    int status = std::system(cmd.c_str());
    Result r;
    r.exit_code = status != -1 && WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    r.out = slurp(out);
    r.err = slurp(err);
    return r;
  }

  /// `file:///...` for an absolute path, with every byte outside [A-Za-z0-9/._~-] escaped.
  static std::string file_url(const std::filesystem::path& p) {
    static const char* hex = "0123456789ABCDEF";
    std::string url = "file://";
    for (unsigned char c : std::filesystem::absolute(p).string()) {
      if (std::isalnum(c) || c == '/' || c == '.' || c == '_' || c == '~' || c == '-')
        url += static_cast<char>(c);
      else
        url += std::string("%") + hex[c >> 4] + hex[c & 15];
    }
    return url;
  }

 private:
  // As the machine notes run it: root needs --no-sandbox; without the networking flags
  // Chromium tries to reach Google's hosts at every start.
  static constexpr const char* kFlags[] = {
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--disable-extensions",
      "--disable-default-apps",
      "--mute-audio",
  };

  static std::string quote(const std::string& s) { return shell_quote(s); }

  std::filesystem::path dir_;
  int timeout_;
  mutable int runs_ = 0;
};

/// The width and height a PNG's header (IHDR) gives, or {0, 0} when `bytes` is not a PNG.
inline std::pair<unsigned, unsigned> png_size(const std::string& bytes) {
  if (bytes.size() <= 24 || bytes.compare(0, 8, "\x89PNG\r\n\x1a\n") != 0) return {0, 0};
  auto be32 = [&](std::size_t at) {
    unsigned v = 0;
    for (std::size_t i = 0; i < 4; ++i) v = v << 8 | static_cast<unsigned char>(bytes[at + i]);
    return v;
  };
  return {be32(16), be32(20)};
}

}  // namespace arshjul::test
