#include "base/worker_pool.h"

#include "base/check.h"

namespace stratus {

WorkerPool::WorkerPool(size_t num_threads) : num_threads_(num_threads == 0 ? 1 : num_threads) {}

WorkerPool::~WorkerPool() {
  std::lock_guard lock(mu_);
  STRATUS_CHECK(!started_ || stopping_, "WorkerPool destroyed without Stop()");
}

void WorkerPool::Start() {
  std::lock_guard lock(mu_);
  STRATUS_CHECK(!started_, "WorkerPool started twice");
  started_ = true;
  for (size_t i = 0; i < num_threads_; ++i) {
    threads_.emplace_back([this] { Loop(); });
  }
}

void WorkerPool::Post(std::function<void()> job) {
  {
    std::lock_guard lock(mu_);
    if (stopping_) {
      return;
    }
    jobs_.push_back(std::move(job));
  }
  cv_.notify_one();
}

size_t WorkerPool::RunPending() {
  size_t num_run = 0;
  while (true) {
    std::function<void()> job;
    {
      std::lock_guard lock(mu_);
      if (jobs_.empty()) {
        return num_run;
      }
      job = std::move(jobs_.front());
      jobs_.pop_front();
    }
    job();
    ++num_run;
  }
}

size_t WorkerPool::num_queued() const {
  std::lock_guard lock(mu_);
  return jobs_.size();
}

void WorkerPool::Stop() {
  {
    std::lock_guard lock(mu_);
    if (stopping_) {
      return;
    }
    stopping_ = true;
  }
  cv_.notify_all();
  for (std::thread& thread : threads_) {
    thread.join();
  }
  threads_.clear();
}

void WorkerPool::Loop() {
  while (true) {
    std::function<void()> job;
    {
      std::unique_lock lock(mu_);
      cv_.wait(lock, [this] { return stopping_ || !jobs_.empty(); });
      if (jobs_.empty()) {
        return;
      }
      job = std::move(jobs_.front());
      jobs_.pop_front();
    }
    job();
  }
}

}  // namespace stratus
