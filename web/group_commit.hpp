#pragma once
// Group commit: entries recorded by concurrent requests share one transaction. A commit
// waits for the disk (fsync, ~20 ms here), so one transaction per entry caps the server
// at ~50 entries a second; batching whatever arrived during the previous commit keeps each
// request's guarantee (it returns only once its own entry is committed) at any load.
#include <condition_variable>
#include <cstdint>
#include <exception>
#include <functional>
#include <map>
#include <mutex>
#include <vector>

#include "engine/store.hpp"

namespace arshjul::web {

class GroupCommit {
 public:
  /// Writes one batch, all or nothing (e.g. engine::Store::record), but may refuse some of
  /// its entries (not written): returns a flag per entry, true for each one refused (an
  /// empty vector: none). Throws on failure.
  using Write = std::function<std::vector<bool>(const std::vector<engine::Completion>&)>;
  explicit GroupCommit(Write write) : write_(std::move(write)) {}

  /// Records `entry` and returns once the batch holding it is committed: true when it was
  /// written, false when the write refused it. Throws what the write threw when that batch
  /// failed (then none of its entries were written).
  bool record(engine::Completion entry);

 private:
  struct Batch {
    int waiting = 0;  // requests yet to learn the outcome
    std::exception_ptr error;
    std::vector<bool> refused;
  };
  Write write_;
  std::mutex mutex_;
  std::condition_variable committed_;
  std::vector<engine::Completion> pending_;
  std::uint64_t open_ = 1;  // the batch new entries join
  std::uint64_t done_ = 0;  // batches up to this one are finished
  bool writing_ = false;
  std::map<std::uint64_t, Batch> batches_;
};

}  // namespace arshjul::web
