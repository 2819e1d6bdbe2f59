#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "base/clock.h"

namespace stratus::states::interpreter {

/// STANDARD or EXPRESS.
enum class ExecutionType : uint8_t { kStandard, kExpress };

/// Who and what an execution is: everything the context object (`$$` /
/// `$states.context`) and the history need besides the definition and the
/// input. The host fills it once, at StartExecution.
struct ExecutionContext {
  /// "arn:aws:states:us-east-1:123456789012:execution:machine:name".
  std::string execution_arn = {};
  std::string execution_name = {};
  /// "arn:aws:states:us-east-1:123456789012:stateMachine:machine".
  std::string state_machine_arn = {};
  std::string state_machine_name = {};
  /// The version or alias ARN the execution was started through, if any.
  std::optional<std::string> state_machine_version_arn = std::nullopt;
  std::optional<std::string> state_machine_alias_arn = std::nullopt;
  /// The state machine's role ("roleArn" of ExecutionStarted, $$.Execution.RoleArn).
  std::string role_arn = {};
  /// The region that TaskScheduled events report ("us-east-1").
  std::string region = "us-east-1";
  /// $$.Execution.StartTime (and the default "now" of Start()).
  Clock::TimePoint start_time = {};
  ExecutionType type = ExecutionType::kStandard;
  /// False skips building history events (EXPRESS without logging); event
  /// ids still advance so that causes quoting "event id #N" stay right.
  bool record_history = true;
};

}  // namespace stratus::states::interpreter
