#pragma once
// The server's connections to its store, kept open and lent to requests: a PostgreSQL
// connection costs the database a new process and an authentication, and an SQLite file
// opened and closed per request pays its WAL's setup and a checkpoint whenever the last
// connection closes. A connection that failed is not lent again: the next request opens a new
// one.
#include <condition_variable>
#include <exception>
#include <functional>
#include <limits>
#include <memory>
#include <mutex>
#include <vector>

#include "engine/store.hpp"

namespace arshjul::web {

/// How many connections a pool of the store at `address` keeps: `n` on PostgreSQL, none for
/// an SQLite file (its writers: SQLite has one writer at a time anyway, and a write opens the
/// file as it is now).
inline std::size_t kept_connections(const std::string& address, std::size_t n) {
  return engine::is_postgres_address(address) ? n : 0;
}

class StorePool {
 public:
  /// Opens a connection (throws engine::StoreError).
  using Open = std::function<std::unique_ptr<engine::Store>()>;
  /// Lends at most `keep` connections at once (a request beyond waits) and keeps them open
  /// between leases; `keep` 0: opens one per lease, as many at once as asked, and closes it
  /// after.
  StorePool(Open open, std::size_t keep);

  /// A connection lent to one request: given back when the lease ends, or closed when it ends
  /// by an exception (the connection may be what failed).
  class Lease {
   public:
    Lease(StorePool& pool, std::unique_ptr<engine::Store> store);
    ~Lease();
    Lease(Lease&& other) noexcept;
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    Lease& operator=(Lease&&) = delete;
    engine::Store& operator*() const { return *store_; }
    engine::Store* operator->() const { return store_.get(); }
    operator engine::Store&() const { return *store_; }  // NOLINT: used as the Store it lends

   private:
    StorePool* pool_;
    std::unique_ptr<engine::Store> store_;
    int exceptions_;
  };

  /// A connection: an idle one, else a new one (throws engine::StoreError).
  Lease lease();

 private:
  void give_back(std::unique_ptr<engine::Store> store, bool failed);

  Open open_;
  std::size_t keep_, most_;  // most_: keep_, or no bound
  std::mutex mutex_;
  std::condition_variable freed_;
  std::vector<std::unique_ptr<engine::Store>> idle_;
  std::size_t lent_ = 0;
};

}  // namespace arshjul::web
