#pragma once

#include <atomic>

#include "base/clock.h"

namespace stratus {

/// A Clock that moves only when told to. Starts at 2026-01-01T00:00:00Z.
///
/// Thread safety: Now() and Advance() may race; each is atomic.
class FakeClock final : public Clock {
 public:
  FakeClock() = default;

  explicit FakeClock(TimePoint start) : now_(start.time_since_epoch().count()) {}

  TimePoint Now() const override { return TimePoint(TimePoint::duration(now_.load())); }

  /// Moves the clock forward by `delta`.
  template <typename Rep, typename Period>
  void Advance(std::chrono::duration<Rep, Period> delta) {
    now_ += std::chrono::duration_cast<TimePoint::duration>(delta).count();
  }

  void Set(TimePoint time) { now_ = time.time_since_epoch().count(); }

 private:
  static constexpr int64_t kStartMillis = 1767225600000;  // 2026-01-01T00:00:00Z
  std::atomic<TimePoint::rep> now_{
      std::chrono::duration_cast<TimePoint::duration>(std::chrono::milliseconds(kStartMillis))
          .count()};
};

}  // namespace stratus
