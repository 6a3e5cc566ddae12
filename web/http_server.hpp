#pragma once
// The HTTP server under the web view: cpp-httplib's routing and parsing, with its own
// handling of each connection, so that a slow or hostile client cannot hold the workers:
// deadlines for a request's headers and body (not only per read), a limit on the open
// connections per client address, and a widened listen queue.
#include <httplib.h>

#include <chrono>
#include <map>
#include <mutex>
#include <string>

#include "dsl/messages.hpp"

namespace arshjul::web {

struct ConnectionLimits {
  /// Open connections one client address may hold; more are answered 503 and closed at
  /// once (0: no limit, e.g. behind a reverse proxy that limits per client itself).
  int per_client = 16;
  /// From a request's first byte: its request line and headers must have arrived by then...
  std::chrono::milliseconds headers{5000};
  /// ...and its body too (a 64 KB form needs 6.4 KB/s).
  std::chrono::milliseconds body{10000};
  /// How long a kept-alive connection may wait, idle, for its next request (or its first).
  std::chrono::milliseconds idle{5000};
  /// How long writing a response may take.
  std::chrono::milliseconds write{10000};
};

/// The value of the cookie `name` in the request's Cookie header; empty when it has none.
std::string cookie(const httplib::Request& req, const std::string& name);

class HttpServer : public httplib::Server {
 public:
  /// Debian's cpp-httplib listens with a backlog of 5: under a hundred clients (re)connecting
  /// at once the kernel drops SYNs and each retry costs a second. Listening again on the
  /// bound socket widens the queue (Linux allows it).
  void widen_backlog();
  void set_limits(const ConnectionLimits& limits) { limits_ = limits; }
  /// Logs on standard error each request that takes `ms` or longer, from its first byte read
  /// to its answer written (method, path without the query, status, time); 0 logs every
  /// request, -1 none.
  void log_slower_than(int ms, dsl::Lang lang);

 private:
  /// Runs on a worker for each accepted connection (httplib's virtual hook, as its SSL
  /// server uses): admits it per address, then serves its requests under the deadlines.
  bool process_and_close_socket(socket_t sock) override;
  bool admit(const std::string& address);
  void release(const std::string& address);

  ConnectionLimits limits_;
  std::mutex mutex_;
  std::map<std::string, int> open_;  // open connections per client address
};

}  // namespace arshjul::web
