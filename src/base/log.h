#pragma once

#include <cstdint>
#include <string_view>

#include "base/format.h"

namespace stratus {

enum class LogLevel : uint8_t { kDebug, kInfo, kWarn, kError, kOff };

/// Sets the process-wide minimum level (default kInfo). Called by the CLI.
void SetLogLevel(LogLevel level);
LogLevel GetLogLevel();

/// Writes one structured line to stderr: `ts level subsystem message`.
void WriteLogLine(LogLevel level, std::string_view subsystem, std::string_view message);

/// A named logger; each subsystem declares one in <subsystem>/log.h:
///   inline constexpr Logger kSqsLog{"sqs"};
///   kSqsLog.Info("queue created name={}", name);
///
/// Thread safety: safe from any thread; lines are written whole.
class Logger {
 public:
  constexpr explicit Logger(std::string_view name) : name_(name) {}

  template <typename... Args>
  void Debug(fmt::format_string<Args...> format, Args&&... args) const {
    Write(LogLevel::kDebug, format, std::forward<Args>(args)...);
  }

  template <typename... Args>
  void Info(fmt::format_string<Args...> format, Args&&... args) const {
    Write(LogLevel::kInfo, format, std::forward<Args>(args)...);
  }

  template <typename... Args>
  void Warn(fmt::format_string<Args...> format, Args&&... args) const {
    Write(LogLevel::kWarn, format, std::forward<Args>(args)...);
  }

  template <typename... Args>
  void Error(fmt::format_string<Args...> format, Args&&... args) const {
    Write(LogLevel::kError, format, std::forward<Args>(args)...);
  }

 private:
  template <typename... Args>
  void Write(LogLevel level, fmt::format_string<Args...> format, Args&&... args) const {
    if (level >= GetLogLevel()) {
      WriteLogLine(level, name_, fmt::format(format, std::forward<Args>(args)...));
    }
  }

  std::string_view name_;
};

}  // namespace stratus
