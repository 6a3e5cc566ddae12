#include "web/store_pool.hpp"

namespace arshjul::web {

StorePool::StorePool(Open open, std::size_t keep)
    : open_(std::move(open)),
      keep_(keep),
      most_(keep == 0 ? std::numeric_limits<std::size_t>::max() : keep) {}

StorePool::Lease::Lease(StorePool& pool, std::unique_ptr<engine::Store> store)
    : pool_(&pool), store_(std::move(store)), exceptions_(std::uncaught_exceptions()) {}

StorePool::Lease::Lease(Lease&& other) noexcept
    : pool_(other.pool_), store_(std::move(other.store_)), exceptions_(other.exceptions_) {
  other.pool_ = nullptr;
}

// Ended by an exception thrown while it was lent: the connection may be broken, or inside a
// transaction that was not ended; it is closed rather than lent again.
StorePool::Lease::~Lease() {
  if (pool_) pool_->give_back(std::move(store_), std::uncaught_exceptions() > exceptions_);
}

StorePool::Lease StorePool::lease() {
  std::unique_lock lock(mutex_);
  freed_.wait(lock, [&] { return lent_ < most_; });
  ++lent_;
  if (!idle_.empty()) {
    auto store = std::move(idle_.back());
    idle_.pop_back();
    return Lease(*this, std::move(store));
  }
  lock.unlock();
  try {
    return Lease(*this, open_());
  } catch (...) {
    lock.lock();
    --lent_;
    freed_.notify_one();
    throw;
  }
}

void StorePool::give_back(std::unique_ptr<engine::Store> store, bool failed) {
  {
    std::lock_guard lock(mutex_);
    --lent_;
    if (!failed && store && idle_.size() < keep_) idle_.push_back(std::move(store));
  }
  freed_.notify_one();
  // Any connection not kept closes here, outside the lock.
}

}  // namespace arshjul::web
