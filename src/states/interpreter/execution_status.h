#pragma once

#include <cstdint>
#include <string_view>

namespace stratus::states::interpreter {

/// DescribeExecution "status". Do not reorder: values are stored on disk.
enum class ExecutionStatus : uint8_t {
  kRunning,
  kSucceeded,
  kFailed,
  kTimedOut,
  kAborted,
};

/// Returns "RUNNING", "SUCCEEDED", "FAILED", "TIMED_OUT" or "ABORTED".
std::string_view ExecutionStatusName(ExecutionStatus status);

/// Returns true for every status but kRunning.
inline bool IsTerminal(ExecutionStatus status) {
  return status != ExecutionStatus::kRunning;
}

}  // namespace stratus::states::interpreter
