#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <thread>
#include <utility>

namespace stratus::states::integrations {

/// Runs callbacks after a real (steady-clock) delay on one thread: the
/// in-memory timers of EXPRESS executions and the polling of `.sync` tasks.
/// Nothing here is durable; STANDARD executions use storage::TimerService.
///
/// Callbacks run on the queue's thread, one at a time, and must not block
/// (post heavier work elsewhere). A callback may schedule more.
///
/// Thread safety: all methods are safe from any thread. Stop() joins the
/// thread; callbacks still queued are dropped. The destructor checks Stop()
/// was called.
class DelayQueue {
 public:
  using Callback = std::function<void()>;

  DelayQueue();
  DelayQueue(const DelayQueue&) = delete;
  DelayQueue& operator=(const DelayQueue&) = delete;
  ~DelayQueue();

  /// Starts the thread. REQUIRES: not started.
  void Start();

  /// Runs `callback` once `delay` has passed; returns an id for Cancel().
  /// After Stop() the callback is dropped.
  uint64_t RunAfter(std::chrono::nanoseconds delay, Callback callback);

  /// Drops a callback that has not run yet; no-op otherwise.
  void Cancel(uint64_t id);

  /// Returns the number of callbacks waiting.
  size_t num_pending() const;

  /// Stops and joins the thread. Idempotent.
  void Stop();

 private:
  using Key = std::pair<std::chrono::steady_clock::time_point, uint64_t>;

  void Loop();

  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::map<Key, Callback> pending_;  // Guarded by mu_.
  std::map<uint64_t, Key> keys_;     // Guarded by mu_. id → key in pending_.
  uint64_t next_id_ = 1;             // Guarded by mu_.
  bool stopping_ = false;            // Guarded by mu_.
  bool started_ = false;             // Guarded by mu_.
  std::thread thread_;
};

}  // namespace stratus::states::integrations
