#include "base/log.h"

#include <atomic>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <string>

namespace stratus {
namespace {

// The one mutable global in the project: a process-wide log threshold, set
// once by the CLI. STRATUS_LINT_ALLOW(log level is process configuration)
std::atomic<LogLevel> g_level{LogLevel::kInfo};  // NOLINT

std::string_view LevelName(LogLevel level) {
  switch (level) {
    case LogLevel::kDebug:
      return "DEBUG";
    case LogLevel::kInfo:
      return "INFO";
    case LogLevel::kWarn:
      return "WARN";
    case LogLevel::kError:
      return "ERROR";
    case LogLevel::kOff:
      return "OFF";
  }
  return "?";
}

}  // namespace

void SetLogLevel(LogLevel level) {
  g_level = level;
}

LogLevel GetLogLevel() {
  return g_level.load(std::memory_order_relaxed);
}

void WriteLogLine(LogLevel level, std::string_view subsystem, std::string_view message) {
  const auto now = std::chrono::system_clock::now();
  const std::time_t seconds = std::chrono::system_clock::to_time_t(now);
  const auto millis =
      std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char stamp[32];
  std::strftime(stamp, sizeof(stamp), "%Y-%m-%dT%H:%M:%S", &utc);
  std::string line =
      fmt::format("{}.{:03d}Z {} {} {}\n", stamp, millis, LevelName(level), subsystem, message);
  std::fwrite(line.data(), 1, line.size(), stderr);
}

}  // namespace stratus
