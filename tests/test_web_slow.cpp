// Issue 17, slowloris: 300 connections that send a request's headers a line at a time must
// not keep a normal visitor from their pages. Against a running `arshjul serve` (the built
// binary), on loopback: the slow connections come from 127.0.0.1, the visitor from
// 127.0.0.2 (every 127.x address is this machine). Prints the visitor's latencies (the
// README's figure); asserts that every page came, not how fast.
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <cstdio>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "tests/helpers.hpp"
#include "tests/serve.hpp"
#include "tests/web_site.hpp"

using namespace arshjul;
using namespace arshjul::test::web_site;
using Clock = std::chrono::steady_clock;

namespace {

using test::Serve;

/// A TCP connection to 127.0.0.1:`port` from `source`; -1 when it cannot be made.
int connect_from(const char* source, int port) {
  int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in from{}, to{};
  from.sin_family = to.sin_family = AF_INET;
  inet_pton(AF_INET, source, &from.sin_addr);
  inet_pton(AF_INET, "127.0.0.1", &to.sin_addr);
  to.sin_port = htons(static_cast<uint16_t>(port));
  if (bind(fd, reinterpret_cast<sockaddr*>(&from), sizeof from) != 0 ||
      connect(fd, reinterpret_cast<sockaddr*>(&to), sizeof to) != 0) {
    close(fd);
    return -1;
  }
  return fd;
}

/// One whole GET from 127.0.0.2 on a new connection: the status line's code, -1 on a
/// timeout (5 s) or a broken answer.
int get(int port, const std::string& path, const std::string& cookie, std::string* headers) {
  int fd = connect_from("127.0.0.2", port);
  if (fd < 0) return -1;
  std::string req =
      "GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\nCookie: " + cookie + "\r\n\r\n";
  if (send(fd, req.data(), req.size(), MSG_NOSIGNAL) != static_cast<ssize_t>(req.size())) {
    close(fd);
    return -1;
  }
  std::string answer;
  char buf[8192];
  auto deadline = Clock::now() + std::chrono::seconds(5);
  for (;;) {
    pollfd p{fd, POLLIN, 0};
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    if (left.count() <= 0 || poll(&p, 1, static_cast<int>(left.count())) <= 0) break;
    ssize_t n = recv(fd, buf, sizeof buf, 0);
    if (n <= 0) break;
    answer.append(buf, static_cast<std::size_t>(n));
  }
  close(fd);
  if (headers) *headers = answer.substr(0, answer.find("\r\n\r\n"));
  if (answer.rfind("HTTP/1.1 ", 0) != 0) return -1;
  return std::stoi(answer.substr(9, 3));
}

}  // namespace

TEST_CASE("web slowloris: 300 slow connections do not keep a visitor from their pages") {
  test::TempDir dir("web-slow-" + std::to_string(getpid()));
  dir.write("regler.arshjul", kRules);
  dir.write("enheter.csv", kRoster);
  const std::vector<std::string> inputs{"--rules",     "regler.arshjul", "--roster",
                                        "enheter.csv", "--store",        "lager.db"};
  Serve serve(dir.path(), [&] {
    auto a = inputs;
    a.insert(a.end(), {"--date", "2026-10-15"});
    return a;
  }());
  REQUIRE(serve.port() > 0);
  auto token_args = inputs;
  token_args.insert(token_args.begin(), {"token", "anna@example.se"});
  auto link = test::run_arshjul(dir.path(), token_args, dir.path() / "token").out;
  auto path = link.substr(link.find("/signin"));
  path.erase(path.find_last_not_of("\n") + 1);
  std::string headers;
  REQUIRE(get(serve.port(), path, "", &headers) == 200);
  auto at = headers.find("Set-Cookie: ");
  REQUIRE(at != std::string::npos);
  auto cookie = headers.substr(at + 12, headers.find(';', at) - at - 12);

  // The attack: 300 connections, each a request line and then one header line a second.
  std::atomic<bool> attacking{true};
  std::atomic<int> opened{0};
  std::thread attacker([&] {
    std::vector<int> slow;
    for (int i = 0; i < 300; ++i) {
      int fd = connect_from("127.0.0.1", serve.port());
      if (fd < 0) continue;
      ++opened;
      send(fd, "GET /my HTTP/1.1\r\n", 18, MSG_NOSIGNAL);
      slow.push_back(fd);
    }
    while (attacking) {
      for (int fd : slow) send(fd, "X-a: b\r\n", 8, MSG_NOSIGNAL | MSG_DONTWAIT);
      for (int i = 0; i < 10 && attacking; ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    for (int fd : slow) close(fd);
  });
  std::this_thread::sleep_for(std::chrono::seconds(2));  // every slow connection is in

  std::vector<double> ms;
  int answered = 0;
  for (int i = 0; i < 100; ++i) {
    auto start = Clock::now();
    if (get(serve.port(), "/my", cookie, nullptr) == 200) ++answered;
    ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
  }
  attacking = false;
  attacker.join();
  std::sort(ms.begin(), ms.end());
  std::printf(
      "slowloris: %d slow connections; visitor: 100 pages, median %.1f ms, p99 %.1f ms, "
      "max %.1f ms\n",
      opened.load(), ms[50], ms[98], ms[99]);
  CHECK(opened == 300);
  CHECK(answered == 100);
}

/// Sends `start`, then `drip` once a second (at most 60 times) on a connection from
/// 127.0.0.3; true when the server answered or hung up while it was still sending.
bool closed_while_sending(int port, const std::string& start, const std::string& drip) {
  int fd = connect_from("127.0.0.3", port);
  REQUIRE(fd >= 0);
  REQUIRE(send(fd, start.data(), start.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(start.size()));
  bool closed = false;
  for (int i = 0; i < 60 && !closed; ++i) {
    // Readable before the request was whole: the server answered (an error) or hung up.
    pollfd p{fd, POLLIN, 0};
    closed = poll(&p, 1, 1000) > 0 ||
             send(fd, drip.data(), drip.size(), MSG_NOSIGNAL) != static_cast<ssize_t>(drip.size());
  }
  close(fd);
  return closed;
}

TEST_CASE("web slowloris: a request whose headers or body never end is closed while it sends") {
  test::TempDir dir("web-slow-one-" + std::to_string(getpid()));
  dir.write("regler.arshjul", kRules);
  dir.write("enheter.csv", kRoster);
  Serve serve(dir.path(), {"--rules", "regler.arshjul", "--roster", "enheter.csv", "--store",
                           "lager.db", "--date", "2026-10-15"});
  REQUIRE(serve.port() > 0);
  // One header line a second, each well within any per-read timeout: the server must give
  // up on the request, having a deadline for all of its headers...
  CHECK(closed_while_sending(serve.port(), "GET /my HTTP/1.1\r\n", "X-a: b\r\n"));
  // ...and for all of its body: a form of 60 KB sent a byte a second.
  CHECK(closed_while_sending(serve.port(),
                             "POST /done HTTP/1.1\r\nHost: x\r\nContent-Type: "
                             "application/x-www-form-urlencoded\r\nContent-Length: 61440\r\n\r\n",
                             "x"));
}

TEST_CASE("web: serve logs each request slower than --log-slower-than, without its query") {
  test::TempDir dir("web-slowlog-" + std::to_string(getpid()));
  dir.write("regler.arshjul", kRules);
  dir.write("enheter.csv", kRoster);
  auto serve_logging = [&](const std::string& ms, const std::string& err) {
    return std::make_unique<Serve>(
        dir.path(),
        std::vector<std::string>{"--rules", "regler.arshjul", "--roster", "enheter.csv", "--store",
                                 "lager.db", "--log-slower-than", ms},
        ARSHJUL_BINARY, std::vector<std::pair<std::string, std::string>>{}, dir.path() / err);
  };
  auto all = serve_logging("0", "all.err");  // 0: every request
  REQUIRE(all->port() > 0);
  CHECK(get(all->port(), "/healthz?unit=Ekskolan", "", nullptr) == 200);
  CHECK(get(all->port(), "/nosuch", "", nullptr) == 404);
  all.reset();  // stopped: its log is complete
  auto log = test::slurp(dir.path() / "all.err");
  CHECK(contains(log, "arshjul serve: långsam förfrågan: GET /healthz svar 200 efter "));
  CHECK(contains(log, "arshjul serve: långsam förfrågan: GET /nosuch svar 404 efter "));
  CHECK(!contains(log, "Ekskolan"));  // the query names units and tasks: left out

  auto quiet = serve_logging("1000", "quiet.err");  // the default: a quick page is not logged
  REQUIRE(quiet->port() > 0);
  CHECK(get(quiet->port(), "/healthz", "", nullptr) == 200);
  quiet.reset();
  CHECK(!contains(test::slurp(dir.path() / "quiet.err"), "långsam"));
}
