#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace stratus {

/// A fixed set of threads running posted jobs in FIFO order: Step
/// Functions' execution steps and task calls, S3's blocking file work. No
/// job is tied to a thread.
///
/// The queue is not bounded by a number: its users bound it (Step Functions
/// by its live executions, each with at most one step job queued, plus their
/// in-flight tasks; S3 by its in-flight requests), and posting must never
/// block because a database's writer thread posts from its commit callbacks.
///
/// Thread safety: Post() is safe from any thread, including the pool's own.
/// Stop() finishes the queued jobs, then joins; the destructor checks Stop()
/// was called when the pool was started.
class WorkerPool {
 public:
  explicit WorkerPool(size_t num_threads);
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;
  ~WorkerPool();

  void Start();

  /// Queues `job`. After Stop() the job is dropped.
  void Post(std::function<void()> job);

  /// Runs queued jobs until none is left; for single-threaded tests that do
  /// not Start() the pool. Returns the number run.
  size_t RunPending();

  /// Returns the number of jobs waiting.
  size_t num_queued() const;

  void Stop();

 private:
  void Loop();

  const size_t num_threads_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::function<void()>> jobs_;  // Guarded by mu_.
  bool stopping_ = false;                   // Guarded by mu_.
  bool started_ = false;                    // Guarded by mu_.
  std::vector<std::thread> threads_;
};

}  // namespace stratus
