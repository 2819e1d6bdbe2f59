#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "lambda/runtime/log_sink.h"

namespace stratus::lambda {

struct BatchingLogSinkOptions {
  /// How long lines wait before they are handed on, at most.
  std::chrono::milliseconds interval = std::chrono::milliseconds(20);
  /// Lines held at once; past this an Append waits for the next hand-on, so
  /// a process that floods its output cannot grow memory without bound.
  size_t max_pending_lines = 100000;
};

/// A LogSink that takes function output off the invocation path: Append()
/// only queues the lines (no wakeup, no write), and a thread hands them on
/// to the wrapped sink every `interval`, one Append per stream with every
/// line that stream got meanwhile, in the order they came. An invocation
/// that writes START, its output, END and REPORT so costs one queue push
/// per batch, and CloudWatch Logs one write per stream per interval rather
/// than one per batch.
///
/// Thread safety: Append() from any thread. Stop() hands on what is queued
/// and joins the thread; it must be called before destruction.
class BatchingLogSink final : public LogSink {
 public:
  BatchingLogSink(LogSink& inner, BatchingLogSinkOptions options);
  BatchingLogSink(const BatchingLogSink&) = delete;
  BatchingLogSink& operator=(const BatchingLogSink&) = delete;
  ~BatchingLogSink() override;

  void Append(const std::string& group,
              const std::string& stream,
              std::vector<LogLine> lines) override;

  /// Hands on every queued line and stops the thread. Idempotent.
  void Stop();

 private:
  using StreamKey = std::pair<std::string, std::string>;  // Group, stream.

  void Run();
  // Hands on what is queued now.
  void Flush();

  LogSink& inner_;
  const BatchingLogSinkOptions options_;
  std::thread thread_;

  std::mutex mu_;
  std::condition_variable room_;                                     // Signalled after a hand-on.
  std::condition_variable stop_;                                     // Signalled by Stop().
  std::vector<std::pair<StreamKey, std::vector<LogLine>>> pending_;  // Guarded by mu_.
  size_t num_pending_lines_ = 0;                                     // Guarded by mu_.
  bool stopping_ = false;                                            // Guarded by mu_.
};

}  // namespace stratus::lambda
