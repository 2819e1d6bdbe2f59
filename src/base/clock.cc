#include "base/clock.h"

namespace stratus {

int64_t Clock::NowMillis() const {
  return ToUnixMillis(Now());
}

Clock::TimePoint SystemClock::Now() const {
  return std::chrono::system_clock::now();
}

int64_t ToUnixMillis(Clock::TimePoint time) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(time.time_since_epoch()).count();
}

Clock::TimePoint FromUnixMillis(int64_t millis) {
  return Clock::TimePoint(
      std::chrono::duration_cast<Clock::TimePoint::duration>(std::chrono::milliseconds(millis)));
}

}  // namespace stratus
