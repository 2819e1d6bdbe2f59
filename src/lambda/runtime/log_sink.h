#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace stratus::lambda {

/// One line a function wrote, as a log event.
struct LogLine {
  int64_t timestamp_millis = 0;
  std::string message = {};
};

/// Where a function's output goes: CloudWatch Logs' in-process append path
/// (logs::LogStore::Append), adapted by the composition root so that lambda/
/// does not depend on logs/. Appends are fire and forget and must be cheap:
/// they are called once per batch of lines a process writes.
///
/// Thread safety: implementations are safe from any thread.
class LogSink {
 public:
  virtual ~LogSink() = default;
  /// Appends `lines` to the stream, creating the group and stream if needed.
  virtual void Append(const std::string& group,
                      const std::string& stream,
                      std::vector<LogLine> lines) = 0;
};

}  // namespace stratus::lambda
