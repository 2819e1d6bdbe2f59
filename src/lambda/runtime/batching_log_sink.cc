#include "lambda/runtime/batching_log_sink.h"

#include <iterator>

namespace stratus::lambda {

BatchingLogSink::BatchingLogSink(LogSink& inner, BatchingLogSinkOptions options)
    : inner_(inner), options_(options) {
  // Started here, once every member the thread uses exists.
  thread_ = std::thread([this] { Run(); });
}

BatchingLogSink::~BatchingLogSink() {
  Stop();
}

void BatchingLogSink::Append(const std::string& group,
                             const std::string& stream,
                             std::vector<LogLine> lines) {
  if (lines.empty()) {
    return;
  }
  std::unique_lock<std::mutex> lock(mu_);
  room_.wait(lock, [&] { return stopping_ || num_pending_lines_ < options_.max_pending_lines; });
  if (stopping_) {
    lock.unlock();
    inner_.Append(group, stream, std::move(lines));
    return;
  }
  num_pending_lines_ += lines.size();
  // Consecutive batches of one stream (one process's START, output, END and
  // REPORT) join into one entry.
  if (!pending_.empty() && pending_.back().first.first == group &&
      pending_.back().first.second == stream) {
    std::vector<LogLine>& last = pending_.back().second;
    last.insert(last.end(), std::make_move_iterator(lines.begin()),
                std::make_move_iterator(lines.end()));
    return;
  }
  pending_.emplace_back(StreamKey(group, stream), std::move(lines));
}

void BatchingLogSink::Run() {
  std::unique_lock<std::mutex> lock(mu_);
  while (!stopping_) {
    stop_.wait_for(lock, options_.interval, [this] { return stopping_; });
    lock.unlock();
    Flush();
    lock.lock();
  }
}

void BatchingLogSink::Flush() {
  std::vector<std::pair<StreamKey, std::vector<LogLine>>> batch;
  {
    std::lock_guard<std::mutex> lock(mu_);
    batch.swap(pending_);
    num_pending_lines_ = 0;
  }
  room_.notify_all();
  if (batch.empty()) {
    return;
  }
  // One Append per stream, its lines in the order they came.
  std::map<StreamKey, std::vector<LogLine>> by_stream;
  for (auto& [key, lines] : batch) {
    std::vector<LogLine>& into = by_stream[key];
    if (into.empty()) {
      into = std::move(lines);
    } else {
      into.insert(into.end(), std::make_move_iterator(lines.begin()),
                  std::make_move_iterator(lines.end()));
    }
  }
  for (auto& [key, lines] : by_stream) {
    inner_.Append(key.first, key.second, std::move(lines));
  }
}

void BatchingLogSink::Stop() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (stopping_ && !thread_.joinable()) {
      return;
    }
    stopping_ = true;
  }
  stop_.notify_all();
  room_.notify_all();
  if (thread_.joinable()) {
    thread_.join();
  }
  Flush();
}

}  // namespace stratus::lambda
