#pragma once

#include <chrono>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "states/asl/state_machine.h"

namespace stratus {
class IdGenerator;
}  // namespace stratus

namespace stratus::states::asl {

/// Returns true when `error` is named by `error_equals`. AWS: "States.ALL"
/// matches every error except States.Runtime and States.DataLimitExceeded
/// (which the wildcard never retries or catches); "States.TaskFailed"
/// matches every error except States.Timeout (and those two).
bool ErrorMatches(std::span<const std::string> error_equals, std::string_view error);

/// Returns the index of the first retrier matching `error`, or -1.
int FindRetrier(std::span<const Retrier> retriers, std::string_view error);

/// Returns the index of the first catcher matching `error`, or -1.
int FindCatcher(std::span<const Catcher> catchers, std::string_view error);

/// Returns the wait before retry number `attempt` (0 for the first retry):
/// IntervalSeconds × BackoffRate^attempt, capped by MaxDelaySeconds, with
/// FULL jitter drawing uniformly in [0, delay) from `ids` (required then).
std::chrono::milliseconds RetryDelay(const Retrier& retrier, int64_t attempt, IdGenerator* ids);

}  // namespace stratus::states::asl
