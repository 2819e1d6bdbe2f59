#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>

#include "base/clock.h"
#include "base/json.h"

namespace stratus::states::interpreter {

// The outputs of a step besides history: what the host must do. Effects are
// listed in the order they arose; a host persists the ExecutionState (and
// the history events) first and performs the effects afterwards, so that a
// crash in between repeats at most the effects, never loses a step.

/// How a Task's resource is called: the suffix of an optimized integration.
enum class IntegrationPattern : uint8_t {
  kRequestResponse,   // no suffix
  kRunJob,            // ".sync"
  kRunJobV2,          // ".sync:2"
  kWaitForTaskToken,  // ".waitForTaskToken"; also activity ARNs (a worker answers by token)
};

/// What a RunTask asks of the host. Do not reorder: values are stored in
/// serialized states.
enum class TaskKind : uint8_t {
  /// A Task state's resource, as the fields below describe it.
  kState,
  /// A Distributed Map's ItemReader: one S3 read, no history events of its
  /// own. `resource` is the ItemReader's and `parameters` its evaluated
  /// Parameters/Arguments:
  ///   - "arn:aws:states:::s3:getObject", {"Bucket", "Key", ...}: answer
  ///     TaskSucceeded with {"Body": "<the object's bytes as text>"};
  ///   - "arn:aws:states:::s3:listObjectsV2", {"Bucket", "Prefix", ...}:
  ///     answer with {"Contents": [...]}, every object under the prefix (all
  ///     pages) as {"Etag", "Key", "LastModified", "Size", "StorageClass"}.
  /// A failure is TaskFailed with States.ItemReaderFailed and S3's cause.
  kItemReader,
  /// A Distributed Map's ResultWriter: `resource` is
  /// "arn:aws:states:::s3:putObject" and `parameters` {"Bucket": b,
  /// "Objects": [{"Key": k, "Body": text}, ...]}, to be written in order.
  /// Answer TaskSucceeded (any output), or TaskFailed with
  /// States.ResultWriterFailed.
  kResultWriter,
};

/// Calls a task's resource. Answer with TaskSucceeded / TaskFailed (and
/// TaskSubmitted for .sync / .waitForTaskToken).
struct RunTask {
  /// Unique within the execution; never reused.
  int64_t task_id = 0;
  TaskKind kind = TaskKind::kState;
  /// The state that runs the task (for logs and mock configurations).
  std::string state_name = {};
  /// The resource as written (JSONata: evaluated), e.g.
  /// "arn:aws:states:::lambda:invoke", "arn:aws:states:::aws-sdk:s3:getObject",
  /// "arn:aws:lambda:us-east-1:123456789012:function:f".
  std::string resource = {};
  IntegrationPattern pattern = IntegrationPattern::kRequestResponse;
  /// The effective parameters (Parameters / Arguments evaluated; the input
  /// itself when there are none).
  Json parameters = Json();
  /// The evaluated "Credentials" field, if any.
  std::optional<Json> credentials = {};
  /// TimeoutSeconds / HeartbeatSeconds. The engine enforces both with its own
  /// timers; they are passed on so that integrations can bound their calls.
  std::optional<int64_t> timeout_seconds = std::nullopt;
  std::optional<int64_t> heartbeat_seconds = std::nullopt;
  /// The task token ($$.Task.Token) for .waitForTaskToken; empty otherwise.
  std::string task_token = {};
  /// 0 for the first attempt, then 1, 2... for retries ($$.State.RetryCount).
  int64_t attempt = 0;
};

/// Abandons a task: it timed out, its heartbeat stopped, its branch failed
/// or the execution ended. Late results for it are ignored; a host should
/// invalidate its task token.
struct CancelTask {
  int64_t task_id = 0;
};

/// Fires TimerFired{timer_id} at `due`, a nominal time (the host may scale
/// the real delay). Used for Wait states, Retry intervals, task timeouts and
/// heartbeats and the execution's TimeoutSeconds.
struct StartTimer {
  int64_t timer_id = 0;
  Clock::TimePoint due = {};
};

/// Cancels a timer that has not fired yet.
struct CancelTimer {
  int64_t timer_id = 0;
};

using Effect = std::variant<RunTask, CancelTask, StartTimer, CancelTimer>;

}  // namespace stratus::states::interpreter
