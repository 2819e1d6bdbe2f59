#include "states/integrations/delay_queue.h"

#include "base/check.h"

namespace stratus::states::integrations {

DelayQueue::DelayQueue() = default;

DelayQueue::~DelayQueue() {
  std::lock_guard lock(mu_);
  STRATUS_CHECK(!started_ || stopping_, "DelayQueue destroyed without Stop()");
}

void DelayQueue::Start() {
  std::lock_guard lock(mu_);
  STRATUS_CHECK(!started_, "DelayQueue started twice");
  started_ = true;
  thread_ = std::thread([this] { Loop(); });
}

uint64_t DelayQueue::RunAfter(std::chrono::nanoseconds delay, Callback callback) {
  const auto due = std::chrono::steady_clock::now() + delay;
  std::lock_guard lock(mu_);
  if (stopping_) {
    return 0;
  }
  const uint64_t id = next_id_++;
  const Key key{due, id};
  const bool earliest = pending_.empty() || key < pending_.begin()->first;
  pending_.emplace(key, std::move(callback));
  keys_.emplace(id, key);
  if (earliest) {
    cv_.notify_one();
  }
  return id;
}

void DelayQueue::Cancel(uint64_t id) {
  std::lock_guard lock(mu_);
  auto it = keys_.find(id);
  if (it == keys_.end()) {
    return;
  }
  pending_.erase(it->second);
  keys_.erase(it);
}

size_t DelayQueue::num_pending() const {
  std::lock_guard lock(mu_);
  return pending_.size();
}

void DelayQueue::Stop() {
  {
    std::lock_guard lock(mu_);
    if (stopping_) {
      return;
    }
    stopping_ = true;
    pending_.clear();
    keys_.clear();
  }
  cv_.notify_all();
  if (thread_.joinable()) {
    thread_.join();
  }
}

void DelayQueue::Loop() {
  std::unique_lock lock(mu_);
  while (!stopping_) {
    if (pending_.empty()) {
      cv_.wait(lock);
      continue;
    }
    const auto due = pending_.begin()->first.first;
    if (std::chrono::steady_clock::now() < due) {
      cv_.wait_until(lock, due);
      continue;
    }
    auto node = pending_.extract(pending_.begin());
    keys_.erase(node.key().second);
    Callback callback = std::move(node.mapped());
    lock.unlock();
    callback();
    lock.lock();
  }
}

}  // namespace stratus::states::integrations
