#pragma once
// Pages taking turns on the cores: at most N pages at work at once, the others waiting in the
// order they came (a hundred readers would otherwise leave the thread that commits the
// writers' entries a hundredth of a core). A page gives its turn up while it waits for the
// store (Turns::Away): on PostgreSQL a page holding its turn through a round trip left the
// cores idle while the pages behind it waited.
//
// Not std::counting_semaphore: libstdc++'s wakes every waiter on each release and lets them
// spin and sched_yield; with a hundred waiting pages that was 39% of the server's CPU.
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <mutex>

namespace arshjul::web {

class Turns {
 public:
  explicit Turns(std::size_t at_once) : free_(at_once) {}
  Turns(const Turns&) = delete;
  Turns& operator=(const Turns&) = delete;

  /// Holds a turn for its lifetime (waits for it, first come first served).
  class Held {
   public:
    explicit Held(Turns& turns);
    ~Held();
    Held(const Held&) = delete;
    Held& operator=(const Held&) = delete;

   private:
    Turns& turns_;
  };

  /// How many wait for a turn now.
  std::size_t waiting();

  /// Gives up the turn this thread holds (if any) for its lifetime: around a wait for the
  /// store. Taken again when it ends, before the pages that came after it (it came first).
  class Away {
   public:
    Away();
    ~Away();
    Away(const Away&) = delete;
    Away& operator=(const Away&) = delete;

   private:
    Turns* turns_;
  };

 private:
  /// `back`: a page back from Away, first in the queue.
  void acquire(bool back = false);
  void release();

  struct Waiter {  // each its own condition: a release wakes only the one it grants
    std::condition_variable granted_cv;
    bool granted = false;
  };
  std::mutex mutex_;
  std::size_t free_;
  std::deque<Waiter*> queue_;
};

}  // namespace arshjul::web
