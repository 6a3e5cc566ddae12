#include "web/turns.hpp"

namespace arshjul::web {

namespace {
thread_local Turns* held_by_thread = nullptr;  // the Turns whose turn this thread holds
}

void Turns::acquire(bool back) {
  std::unique_lock lock(mutex_);
  if (free_ > 0 && queue_.empty()) {
    --free_;
    return;
  }
  Waiter me;
  if (back)
    queue_.push_front(&me);
  else
    queue_.push_back(&me);
  me.granted_cv.wait(lock, [&] { return me.granted; });
}

void Turns::release() {
  std::lock_guard lock(mutex_);
  if (queue_.empty()) {
    ++free_;
    return;
  }
  Waiter* next = queue_.front();  // the turn passes on without being free in between
  queue_.pop_front();
  next->granted = true;
  next->granted_cv.notify_one();  // under the lock: `next` lives until it sees `granted`
}

std::size_t Turns::waiting() {
  std::lock_guard lock(mutex_);
  return queue_.size();
}

Turns::Held::Held(Turns& turns) : turns_(turns) {
  turns_.acquire();
  held_by_thread = &turns_;
}

Turns::Held::~Held() {
  held_by_thread = nullptr;
  turns_.release();
}

Turns::Away::Away() : turns_(held_by_thread) {
  if (!turns_) return;
  held_by_thread = nullptr;
  turns_->release();
}

Turns::Away::~Away() {
  if (!turns_) return;
  turns_->acquire(true);
  held_by_thread = turns_;
}

}  // namespace arshjul::web
