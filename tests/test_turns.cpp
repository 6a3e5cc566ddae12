// Pages taking turns on the cores (web/turns.hpp): never more at work than turns, waiting ones
// served in the order they came, and a turn given up while a page waits for the store.
#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "web/snapshot_cache.hpp"
#include "web/turns.hpp"

using arshjul::web::Turns;

namespace {

/// Waits until `turns` has `n` waiting (a thread queued is not otherwise visible).
void until_waiting(Turns& turns, std::size_t n) {
  while (turns.waiting() < n) std::this_thread::sleep_for(std::chrono::microseconds(100));
}

}  // namespace

TEST_CASE("turns: never more pages at work than turns", "[web][turns]") {
  Turns turns(3);
  std::atomic<int> at_work{0}, most{0};
  std::vector<std::thread> pages;
  for (int i = 0; i < 12; ++i)
    pages.emplace_back([&] {
      for (int k = 0; k < 50; ++k) {
        Turns::Held turn(turns);
        int now = ++at_work;
        int seen = most.load();
        while (now > seen && !most.compare_exchange_weak(seen, now)) {
        }
        std::this_thread::sleep_for(std::chrono::microseconds(50));
        --at_work;
      }
    });
  for (auto& p : pages) p.join();
  CHECK(most <= 3);
  CHECK(most >= 2);  // twelve threads at once do share the turns
  CHECK(turns.waiting() == 0);
}

TEST_CASE("turns: waiting pages are served in the order they came", "[web][turns]") {
  Turns turns(1);
  std::mutex m;
  std::vector<int> order;
  std::vector<std::thread> pages;
  {
    Turns::Held first(turns);
    for (int i = 0; i < 6; ++i) {
      pages.emplace_back([&, i] {
        Turns::Held turn(turns);
        std::lock_guard lock(m);
        order.push_back(i);
      });
      until_waiting(turns, static_cast<std::size_t>(i) + 1);  // queued before the next comes
    }
  }
  for (auto& p : pages) p.join();
  CHECK(order == std::vector<int>{0, 1, 2, 3, 4, 5});
}

TEST_CASE("turns: a page waiting for the store lets another work, then takes its turn again",
          "[web][turns]") {
  Turns turns(1);
  std::atomic<bool> other_worked{false}, back{false}, back_too_soon{false};
  Turns::Held mine(turns);
  std::thread other;
  {
    Turns::Away away;  // as around a read of the store
    other = std::thread([&] {
      Turns::Held turn(turns);  // gets the turn given up
      other_worked = true;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
      back_too_soon = back.load();  // the page away waits for this turn to end
    });
    while (!other_worked) std::this_thread::sleep_for(std::chrono::microseconds(100));
  }
  back = true;
  other.join();
  CHECK(other_worked);
  CHECK_FALSE(back_too_soon);
  // Away with no turn held (a writer's thread) gives nothing up and takes nothing.
  std::size_t waiting_then = 1;
  std::thread writer([&] {
    Turns::Away away;
    waiting_then = turns.waiting();
  });
  writer.join();
  CHECK(waiting_then == 0);
}

TEST_CASE("turns: a page back from the store goes before pages that came after it",
          "[web][turns]") {
  Turns turns(1);
  std::mutex m;
  std::vector<std::string> order;
  auto record = [&](const char* who) {
    std::lock_guard lock(m);
    order.emplace_back(who);
  };
  std::atomic<bool> away{false}, go_back{false};
  std::thread page([&] {
    Turns::Held turn(turns);
    {
      Turns::Away waiting_for_store;
      away = true;
      while (!go_back) std::this_thread::sleep_for(std::chrono::microseconds(100));
    }
    record("back");
  });
  while (!away) std::this_thread::sleep_for(std::chrono::microseconds(100));
  std::vector<std::thread> later;
  {
    Turns::Held busy(turns);  // the turn the page gave up
    for (const char* who : {"later 1", "later 2"}) {
      later.emplace_back([&, who] {
        Turns::Held turn(turns);
        record(who);
      });
      until_waiting(turns, later.size());
    }
    go_back = true;
    until_waiting(turns, 3);
  }
  page.join();
  for (auto& t : later) t.join();
  CHECK(order == std::vector<std::string>{"back", "later 1", "later 2"});
}

// The deadlock this guards against: a page holding the build lock gave its turn up to read
// the store's mark, and the pages holding every turn waited for the build lock.
TEST_CASE("turns: pages rebuilding the snapshot after another server's writes do not lock up",
          "[web][turns]") {
  struct Shared {
    Turns turns{1};
    std::atomic<std::int64_t> mark{0};
    arshjul::web::SnapshotCache cache{
        [this] {
          std::this_thread::sleep_for(std::chrono::milliseconds(1));
          return ++mark;  // every read finds a newer entry: every page loads anew
        },
        [](arshjul::dsl::Date d) {
          arshjul::engine::Snapshot s;
          s.date = d;
          return s;
        }};
    std::atomic<int> finished{0};
  };
  auto shared = std::make_shared<Shared>();
  constexpr int kPages = 4;
  for (int i = 0; i < kPages; ++i)
    std::thread([shared] {
      for (int k = 0; k < 20; ++k) {
        Turns::Held turn(shared->turns);
        shared->cache.current(arshjul::dsl::Date(std::chrono::year(2026) / 5 / 20));
      }
      ++shared->finished;
    }).detach();  // a locked-up page is left behind, not joined for ever
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (shared->finished < kPages && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  REQUIRE(shared->finished == kPages);
}
