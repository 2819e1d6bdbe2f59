#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <string>

#include "base/json.h"
#include "states/interpreter/effect.h"

namespace stratus::states::integrations {

/// The execution a task belongs to: who calls, from where.
struct TaskOrigin {
  std::string execution_arn = {};
  std::string execution_name = {};
  std::string state_machine_arn = {};
  std::string state_machine_name = {};
  std::string region = "us-east-1";
  std::string account_id = "000000000000";
  std::string role_arn = {};
  /// The mock test case selected with "<machine ARN>#<TestCase>", or empty.
  std::string test_case = {};
  /// The Host the execution was started through ("localhost:4566"), so that
  /// URLs services build for in-process calls (queue URLs) match the client's.
  std::string host = "localhost";
};

/// How a task reports back. Exactly one of `succeeded` or `failed` is called
/// once (never both); `submitted` at most once before it, for `.sync` and
/// `.waitForTaskToken` tasks whose request was accepted. Callbacks may be
/// called from any thread and must not block.
struct TaskCallbacks {
  std::function<void(Json output)> submitted = {};
  std::function<void(Json output)> succeeded = {};
  std::function<void(std::string error, std::string cause)> failed = {};
  /// Set by the host when the task was abandoned (timeout, execution
  /// ended); long-running integrations (.sync polling) stop when they see it.
  std::shared_ptr<std::atomic<bool>> cancelled = std::make_shared<std::atomic<bool>>(false);
};

/// Runs Task states' resources: the one seam between the execution engine
/// and the services a task calls.
///
/// Thread safety: implementations are safe to call from any thread.
class TaskRunner {
 public:
  TaskRunner() = default;
  TaskRunner(const TaskRunner&) = delete;
  TaskRunner& operator=(const TaskRunner&) = delete;
  virtual ~TaskRunner() = default;

  /// Calls the task's resource. For `.waitForTaskToken` the final result
  /// arrives through SendTaskSuccess/Failure, not through `callbacks`
  /// (only `submitted` or `failed` is called).
  virtual void Run(const TaskOrigin& origin,
                   const interpreter::RunTask& task,
                   std::shared_ptr<TaskCallbacks> callbacks) = 0;

  /// Resumes a `.sync` task whose request was submitted before a restart:
  /// `submitted_output` is what `submitted` received then. Calls
  /// succeeded/failed when the job ends.
  virtual void Resume(const TaskOrigin& origin,
                      const interpreter::RunTask& task,
                      const Json& submitted_output,
                      std::shared_ptr<TaskCallbacks> callbacks) = 0;
};

}  // namespace stratus::states::integrations
