#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/json.h"
#include "base/result.h"
#include "states/integrations/task_runner.h"

namespace stratus::states::integrations {

/// One mocked answer: a "Return" value or a "Throw" {Error, Cause}.
struct MockedResponse {
  std::optional<Json> returned = std::nullopt;
  std::string error = {};
  std::string cause = {};
};

/// A Step Functions Local mock configuration file ("MockConfigFile.json"):
///
///   {"StateMachines": {"<machine name>": {"TestCases": {"<test case>":
///        {"<state name>": "<mocked response name>", ...}}}},
///    "MockedResponses": {"<mocked response name>": {
///        "0": {"Return": {...}}, "1-2": {"Throw": {"Error": "...", "Cause": "..."}}}}}
///
/// A response's keys are the invocation numbers of the state within one
/// execution (0 for the first call, retries and Map iterations count up),
/// single ("3") or ranges ("1-2"). An invocation past every key gets the
/// response with the highest key.
///
/// Thread safety: immutable after Parse(); safe to share.
class MockConfig {
 public:
  static Result<MockConfig> Parse(const Json& document);
  static Result<MockConfig> Load(const std::string& path);

  bool HasTestCase(std::string_view machine_name, std::string_view test_case) const;

  /// The response for the `invocation`-th call of `state_name`, or nullopt
  /// when the test case does not mock that state.
  std::optional<MockedResponse> Find(std::string_view machine_name,
                                     std::string_view test_case,
                                     std::string_view state_name,
                                     int64_t invocation) const;

 private:
  struct Range {
    int64_t first = 0;
    int64_t last = 0;
    MockedResponse response = {};
  };

  // machine → test case → state → mocked response name.
  std::map<std::string,
           std::map<std::string, std::map<std::string, std::string, std::less<>>, std::less<>>,
           std::less<>>
      machines_;
  std::map<std::string, std::vector<Range>, std::less<>> responses_;
};

/// A TaskRunner that answers tasks of executions started with a test case
/// from a MockConfig and passes every other task to `next`.
///
/// Thread safety: safe from any thread.
class MockingTaskRunner final : public TaskRunner {
 public:
  MockingTaskRunner(std::shared_ptr<const MockConfig> config, TaskRunner& next);

  void Run(const TaskOrigin& origin,
           const interpreter::RunTask& task,
           std::shared_ptr<TaskCallbacks> callbacks) override;
  void Resume(const TaskOrigin& origin,
              const interpreter::RunTask& task,
              const Json& submitted_output,
              std::shared_ptr<TaskCallbacks> callbacks) override;

 private:
  std::shared_ptr<const MockConfig> config_;
  TaskRunner& next_;
  std::mutex mu_;
  // Execution ARN + '\n' + state name → calls so far. Guarded by mu_.
  std::map<std::string, int64_t> invocations_;
};

}  // namespace stratus::states::integrations
