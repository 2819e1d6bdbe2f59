#pragma once

#include <chrono>
#include <cstdint>

namespace stratus {

/// The source of wall-clock time. Services take a Clock& so that tests can
/// substitute FakeClock; nothing outside base/ reads the system clock.
///
/// Thread safety: implementations are safe to call from any thread.
class Clock {
 public:
  using TimePoint = std::chrono::system_clock::time_point;

  Clock() = default;
  Clock(const Clock&) = delete;
  Clock& operator=(const Clock&) = delete;
  virtual ~Clock() = default;

  /// Returns the current wall-clock time.
  virtual TimePoint Now() const = 0;

  /// Returns Now() as milliseconds since the Unix epoch.
  int64_t NowMillis() const;
};

/// The real clock.
class SystemClock final : public Clock {
 public:
  TimePoint Now() const override;
};

/// Returns milliseconds since the Unix epoch for `time`.
int64_t ToUnixMillis(Clock::TimePoint time);

/// Returns the time point `millis` after the Unix epoch.
Clock::TimePoint FromUnixMillis(int64_t millis);

}  // namespace stratus
