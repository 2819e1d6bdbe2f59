#include "base/background_stream.h"

#include <algorithm>
#include <atomic>
#include <utility>

namespace stratus {
namespace {

std::atomic<unsigned> num_running{0};

unsigned MaxRunning() {
  static const unsigned max_running = std::max(1U, std::thread::hardware_concurrency());
  return max_running;
}

}  // namespace

std::unique_ptr<BackgroundStream> BackgroundStream::TryStart(
    std::function<void(std::string_view)> consume, size_t max_pending_bytes) {
  unsigned running = num_running.load(std::memory_order_relaxed);
  do {
    if (running >= MaxRunning()) {
      return nullptr;
    }
  } while (!num_running.compare_exchange_weak(running, running + 1, std::memory_order_relaxed));
  return std::unique_ptr<BackgroundStream>(
      new BackgroundStream(std::move(consume), max_pending_bytes));
}

BackgroundStream::BackgroundStream(std::function<void(std::string_view)> consume,
                                   size_t max_pending_bytes)
    : consume_(std::move(consume)), max_pending_bytes_(std::max<size_t>(1, max_pending_bytes)) {
  thread_ = std::thread([this] { Loop(); });
}

BackgroundStream::~BackgroundStream() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
    pieces_.clear();
  }
  cv_.notify_all();
  thread_.join();
  num_running.fetch_sub(1, std::memory_order_relaxed);
}

void BackgroundStream::Push(std::string_view data) {
  if (data.empty()) {
    return;
  }
  std::string piece(data);
  std::unique_lock<std::mutex> lock(mu_);
  // A piece larger than the bound waits for an empty queue, then goes alone.
  cv_.wait(lock, [&] { return pending_bytes_ == 0 || pending_bytes_ + data.size() <= max_pending_bytes_; });
  pending_bytes_ += piece.size();
  pieces_.push_back(std::move(piece));
  lock.unlock();
  cv_.notify_all();
}

void BackgroundStream::Drain() {
  std::unique_lock<std::mutex> lock(mu_);
  cv_.wait(lock, [&] { return pending_bytes_ == 0; });
}

void BackgroundStream::Loop() {
  std::unique_lock<std::mutex> lock(mu_);
  while (true) {
    cv_.wait(lock, [&] { return stopping_ || !pieces_.empty(); });
    if (stopping_) {
      return;
    }
    std::string piece = std::move(pieces_.front());
    pieces_.pop_front();
    lock.unlock();
    consume_(piece);
    lock.lock();
    pending_bytes_ -= piece.size();
    cv_.notify_all();
  }
}

}  // namespace stratus
