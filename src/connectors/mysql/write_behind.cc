#include <algorithm>
#include <utility>

#include "connectors/mysql/write_behind_internal.h"

namespace stratus::connectors::mysql {

WriteBehind::WriteBehind(std::function<void(std::string_view)> sink, size_t max_full)
    : sink_(std::move(sink)), max_full_(std::max<size_t>(1, max_full)) {
  thread_ = std::thread([this] { Loop(); });
}

WriteBehind::~WriteBehind() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
    full_.clear();
  }
  cv_.notify_all();
  thread_.join();
}

void WriteBehind::Swap(std::string* buffer) {
  if (buffer->empty()) {
    return;
  }
  std::unique_lock<std::mutex> lock(mu_);
  cv_.wait(lock, [&] { return full_.size() + num_writing_ < max_full_; });
  full_.push_back(std::move(*buffer));
  if (empty_.empty()) {
    *buffer = std::string();
  } else {
    *buffer = std::move(empty_.back());
    empty_.pop_back();
  }
  lock.unlock();
  cv_.notify_all();
}

void WriteBehind::Drain() {
  std::unique_lock<std::mutex> lock(mu_);
  cv_.wait(lock, [&] { return full_.empty() && num_writing_ == 0; });
}

void WriteBehind::Loop() {
  std::unique_lock<std::mutex> lock(mu_);
  while (true) {
    cv_.wait(lock, [&] { return stopping_ || !full_.empty(); });
    if (stopping_) {
      return;
    }
    std::string buffer = std::move(full_.front());
    full_.erase(full_.begin());
    num_writing_ = 1;
    lock.unlock();
    sink_(buffer);
    buffer.clear();
    lock.lock();
    num_writing_ = 0;
    if (empty_.size() < max_full_) {
      empty_.push_back(std::move(buffer));
    }
    cv_.notify_all();
  }
}

}  // namespace stratus::connectors::mysql
