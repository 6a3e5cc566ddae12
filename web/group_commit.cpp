#include "web/group_commit.hpp"

namespace arshjul::web {

bool GroupCommit::record(engine::Completion entry) {
  std::unique_lock lock(mutex_);
  const std::uint64_t mine = open_;
  const std::size_t index = pending_.size();  // its place in batch `mine`
  pending_.push_back(std::move(entry));
  batches_[mine].waiting++;
  // The first request to find no write in progress writes everything pending, its own
  // entry included or not; the others wait for the batch that holds theirs.
  while (done_ < mine) {
    if (writing_) {
      committed_.wait(lock);
      continue;
    }
    writing_ = true;
    std::vector<engine::Completion> batch;
    batch.swap(pending_);
    const std::uint64_t id = open_++;
    lock.unlock();
    std::exception_ptr error;
    std::vector<bool> refused;
    try {
      refused = write_(batch);
    } catch (...) {
      error = std::current_exception();
    }
    lock.lock();
    batches_[id].error = error;
    batches_[id].refused = std::move(refused);
    done_ = id;
    writing_ = false;
    committed_.notify_all();
  }
  auto it = batches_.find(mine);
  std::exception_ptr error = it->second.error;
  bool refused = index < it->second.refused.size() && it->second.refused[index];
  if (--it->second.waiting == 0) batches_.erase(it);
  if (error) std::rethrow_exception(error);
  return !refused;
}

}  // namespace arshjul::web
