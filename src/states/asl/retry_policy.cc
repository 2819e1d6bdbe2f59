#include "states/asl/retry_policy.h"

#include <algorithm>
#include <cmath>

#include "base/random.h"
#include "states/asl/errors.h"

namespace stratus::states::asl {
namespace {

// AWS: the wildcards never match these two terminal errors.
bool IsUncatchableByWildcard(std::string_view error) {
  return error == kErrorRuntime || error == kErrorDataLimitExceeded;
}

}  // namespace

bool ErrorMatches(std::span<const std::string> error_equals, std::string_view error) {
  for (const std::string& name : error_equals) {
    if (name == error) {
      return true;
    }
    if (name == kErrorAll && !IsUncatchableByWildcard(error)) {
      return true;
    }
    if (name == kErrorTaskFailed && error != kErrorTimeout && !IsUncatchableByWildcard(error)) {
      return true;
    }
  }
  return false;
}

int FindRetrier(std::span<const Retrier> retriers, std::string_view error) {
  for (size_t i = 0; i < retriers.size(); ++i) {
    if (ErrorMatches(retriers[i].error_equals, error)) {
      return static_cast<int>(i);
    }
  }
  return -1;
}

int FindCatcher(std::span<const Catcher> catchers, std::string_view error) {
  for (size_t i = 0; i < catchers.size(); ++i) {
    if (ErrorMatches(catchers[i].error_equals, error)) {
      return static_cast<int>(i);
    }
  }
  return -1;
}

std::chrono::milliseconds RetryDelay(const Retrier& retrier, int64_t attempt, IdGenerator* ids) {
  double seconds =
      retrier.interval_seconds * std::pow(retrier.backoff_rate, static_cast<double>(attempt));
  if (retrier.max_delay_seconds) {
    seconds = std::min(seconds, static_cast<double>(*retrier.max_delay_seconds));
  }
  // Caps absurd backoffs (BackoffRate^MaxAttempts) at a year.
  seconds = std::min(seconds, 365.0 * 24 * 3600);
  auto millis = static_cast<int64_t>(std::llround(seconds * 1000.0));
  if (retrier.jitter_strategy == JitterStrategy::kFull && ids != nullptr && millis > 0) {
    millis = static_cast<int64_t>(ids->Uniform(static_cast<uint64_t>(millis)));
  }
  return std::chrono::milliseconds(millis);
}

}  // namespace stratus::states::asl
