#pragma once

// ThreadPool: the executor's worker threads. Drivers of every running plan
// are queued here as tasks; a task runs to the end of its driver (drivers
// never wait for one another, so a full pool delays work but cannot
// deadlock: the thread that runs a pipeline always runs one driver itself).
//
// Ownership: owns its threads. Thread safety: Submit() from any thread;
// Stop() once, from the owner. The queue is unbounded in tasks but each plan
// queues at most threads - 1 tasks per pipeline.

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace stratus::sql::exec {

class ThreadPool {
 public:
  explicit ThreadPool(size_t threads);
  /// REQUIRES: Stop() was called.
  ~ThreadPool();
  ThreadPool(const ThreadPool&) = delete;
  ThreadPool& operator=(const ThreadPool&) = delete;

  /// Queues `task`; returns false (and does not run it) once stopped.
  bool Submit(std::function<void()> task);

  /// Runs what is queued, then joins the threads.
  void Stop();

  size_t size() const { return threads_.size(); }

 private:
  void Work();

  std::mutex mu_;
  std::condition_variable wake_;
  // Guarded by mu_.
  std::deque<std::function<void()>> tasks_;
  bool stopping_ = false;
  // End of guarded members.
  std::vector<std::thread> threads_;
  bool stopped_ = false;
};

}  // namespace stratus::sql::exec
