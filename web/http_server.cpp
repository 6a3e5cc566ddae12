#include "web/http_server.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <iostream>

namespace arshjul::web {
namespace {

using Clock = std::chrono::steady_clock;

/// Waits until `sock` is ready for `events` or `deadline` passes (false then, or on error).
/// Wakes at least every 100 ms to check `keep_going` (the server may be stopping).
template <typename KeepGoing>
bool wait_for(int sock, short events, Clock::time_point deadline, KeepGoing keep_going) {
  while (keep_going()) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    if (left.count() <= 0) return false;
    pollfd p{sock, events, 0};
    int n = ::poll(&p, 1, static_cast<int>(std::min<long long>(left.count(), 100)));
    if (n > 0) return (p.revents & (events | POLLHUP | POLLERR)) != 0;
    if (n < 0 && errno != EINTR) return false;
  }
  return false;
}

std::string address_of(const sockaddr_storage& a, int* port) {
  char text[INET6_ADDRSTRLEN] = "";
  if (a.ss_family == AF_INET) {
    const auto& in = reinterpret_cast<const sockaddr_in&>(a);
    ::inet_ntop(AF_INET, &in.sin_addr, text, sizeof text);
    if (port) *port = ntohs(in.sin_port);
  } else if (a.ss_family == AF_INET6) {
    const auto& in6 = reinterpret_cast<const sockaddr_in6&>(a);
    ::inet_ntop(AF_INET6, &in6.sin6_addr, text, sizeof text);
    if (port) *port = ntohs(in6.sin6_port);
  }
  return text;
}

std::string peer_of(int sock, int* port = nullptr) {
  sockaddr_storage a{};
  socklen_t len = sizeof a;
  if (::getpeername(sock, reinterpret_cast<sockaddr*>(&a), &len) != 0) return {};
  return address_of(a, port);
}

/// One connection's bytes, read through a buffer under the current request's deadline:
/// its headers' until "\r\n\r\n" has arrived, then its body's.
class DeadlineStream final : public httplib::Stream {
 public:
  DeadlineStream(int sock, const ConnectionLimits& limits, std::function<bool()> running)
      : sock_(sock), limits_(limits), running_(std::move(running)) {}

  /// Waits (idle) for the next request; true when one has begun arriving.
  bool next_request() {
    bool ready = pos_ < len_ || wait_for(sock_, POLLIN, Clock::now() + limits_.idle, running_);
    start_ = Clock::now();
    matched_ = 0;
    headers_done_ = false;
    return ready;
  }

  bool is_readable() const override {
    return pos_ < len_ || wait_for(sock_, POLLIN, deadline(), running_);
  }
  bool is_writable() const override {
    return wait_for(sock_, POLLOUT, Clock::now() + limits_.write, running_);
  }
  ssize_t read(char* ptr, size_t size) override {
    if (pos_ == len_) {
      if (!is_readable()) return -1;
      ssize_t n;
      do n = ::recv(sock_, buffer_, sizeof buffer_, 0);
      while (n < 0 && errno == EINTR);
      if (n <= 0) return n;
      pos_ = 0;
      len_ = static_cast<std::size_t>(n);
      note_arrived(buffer_, len_);
    }
    std::size_t n = std::min(size, len_ - pos_);
    std::memcpy(ptr, buffer_ + pos_, n);
    pos_ += n;
    return static_cast<ssize_t>(n);
  }
  ssize_t write(const char* ptr, size_t size) override {
    if (!is_writable()) return -1;
    ssize_t n;
    do n = ::send(sock_, ptr, size, MSG_NOSIGNAL);
    while (n < 0 && errno == EINTR);
    return n;
  }
  void get_remote_ip_and_port(std::string& ip, int& port) const override {
    ip = peer_of(sock_, &port);
  }
  void get_local_ip_and_port(std::string& ip, int& port) const override {
    sockaddr_storage a{};
    socklen_t len = sizeof a;
    if (::getsockname(sock_, reinterpret_cast<sockaddr*>(&a), &len) == 0) ip = address_of(a, &port);
  }
  socket_t socket() const override { return sock_; }

 private:
  Clock::time_point deadline() const {
    return start_ + (headers_done_ ? limits_.body : limits_.headers);
  }
  /// Follows the bytes as they arrive, to know when the headers have ended.
  void note_arrived(const char* p, std::size_t n) {
    static constexpr char kEnd[] = "\r\n\r\n";
    for (std::size_t i = 0; i < n && !headers_done_; ++i) {
      matched_ = p[i] == kEnd[matched_] ? matched_ + 1 : (p[i] == '\r' ? 1 : 0);
      headers_done_ = matched_ == 4;
    }
  }

  int sock_;
  const ConnectionLimits& limits_;
  std::function<bool()> running_;
  Clock::time_point start_ = Clock::now();
  int matched_ = 0;
  bool headers_done_ = false;
  char buffer_[4096];
  std::size_t pos_ = 0, len_ = 0;
};

}  // namespace

void HttpServer::widen_backlog() {
  ::listen(svr_sock_, SOMAXCONN);
}

bool HttpServer::admit(const std::string& address) {
  std::lock_guard lock(mutex_);
  int& open = open_[address];
  if (limits_.per_client > 0 && open >= limits_.per_client) return false;
  ++open;
  return true;
}

void HttpServer::release(const std::string& address) {
  std::lock_guard lock(mutex_);
  if (--open_[address] <= 0) open_.erase(address);
}

bool HttpServer::process_and_close_socket(socket_t sock) {
  std::string address = peer_of(sock);
  bool ret = false;
  if (!admit(address)) {
    // Refused at once, without reading: a worker is not held by a client over its share.
    static const std::string kBody = "Too many connections from your address\n";
    static const std::string kBusy =
        "HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain; charset=utf-8\r\n"
        "Retry-After: 5\r\nConnection: close\r\nContent-Length: " +
        std::to_string(kBody.size()) + "\r\n\r\n" + kBody;
    ::send(sock, kBusy.data(), kBusy.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
  } else {
    DeadlineStream stream(sock, limits_, [this] { return svr_sock_ != INVALID_SOCKET; });
    for (std::size_t left = keep_alive_max_count_; left > 0 && stream.next_request(); --left) {
      bool closed = false;
      ret = process_request(stream, left == 1, closed, {});
      if (!ret || closed) break;
    }
    release(address);
  }
  ::shutdown(sock, SHUT_RDWR);
  ::close(sock);
  return ret;
}

std::string cookie(const httplib::Request& req, const std::string& name) {
  std::string all = req.get_header_value("Cookie");
  std::size_t at = 0;
  while (at < all.size()) {
    auto end = all.find(';', at);
    if (end == std::string::npos) end = all.size();
    auto part = all.substr(at, end - at);
    part.erase(0, part.find_first_not_of(' '));
    if (part.rfind(name + "=", 0) == 0) return part.substr(name.size() + 1);
    at = end + 1;
  }
  return {};
}

// What an operator looks at first when people say the web view is slow. httplib calls the
// logger on the thread that served the request, after writing its answer. The query string
// is left out: it names people's units and tasks.
void HttpServer::log_slower_than(int ms, dsl::Lang lang) {
  if (ms < 0) return;
  static thread_local std::chrono::steady_clock::time_point began;
  set_pre_routing_handler([](const httplib::Request&, httplib::Response&) {
    began = std::chrono::steady_clock::now();
    return HandlerResponse::Unhandled;
  });
  set_logger([ms, lang](const httplib::Request& req, const httplib::Response& res) {
    auto took = std::chrono::duration_cast<std::chrono::milliseconds>(
                    std::chrono::steady_clock::now() - began)
                    .count();
    if (took >= ms)
      std::cerr << dsl::say<dsl::Msg::web_slow_request>(lang, req.method, req.path, res.status,
                                                        took);
  });
}

}  // namespace arshjul::web
