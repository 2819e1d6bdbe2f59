#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "base/json.h"
#include "base/result.h"
#include "states/integrations/task_resource.h"
#include "states/integrations/task_runner.h"

namespace stratus {
class Clock;
class IdGenerator;
}  // namespace stratus

namespace stratus::aws {
class ModelRegistry;
class OperationTable;
}  // namespace stratus::aws

namespace stratus::states::integrations {

class ActivityTaskQueue;
class DelayQueue;
class MapRunStorage;

struct DispatcherOptions {
  /// How often `.sync` tasks poll their job (Athena query, child execution).
  std::chrono::milliseconds poll_interval = std::chrono::milliseconds(50);
  /// True in `stratus sfn run`: Step Functions runs alone, so a task naming
  /// another service is told to use the server or a mock configuration.
  bool standalone = false;
};

/// The TaskRunner that calls services in-process through the operation
/// table:
///   - `arn:aws:states:::aws-sdk:SERVICE:ACTION` → table service
///     AwsSdkService(SERVICE), operation "Action"; PascalCase parameters and
///     results (member_case.h); errors "Sqs.QueueDoesNotExistException".
///   - the optimized integrations sqs:sendMessage, dynamodb:getItem/putItem/
///     updateItem/deleteItem, athena:startQueryExecution(.sync),
///     athena:getQueryResults, states:startExecution(.sync, .sync:2),
///     lambda:invoke, and Lambda function ARNs; any other optimized
///     SERVICE:ACTION is called like an aws-sdk one.
///   - `.waitForTaskToken` on any of them: the call's success is
///     `submitted`; the result comes through SendTaskSuccess/Failure.
///   - a Distributed Map's ItemReader and ResultWriter (RunTask kinds other
///     than kState): handed to the MapRunStorage.
///   - activity ARNs: queued for workers on the ActivityTaskQueue.
/// A service that is not registered in the table fails the task with
/// States.TaskFailed and a cause naming it.
///
/// Thread safety: all methods are safe from any thread after
/// set_operations(). The table, models, queue, ids and clock must outlive it.
class IntegrationDispatcher final : public TaskRunner {
 public:
  IntegrationDispatcher(const aws::ModelRegistry& models,
                        DelayQueue& delays,
                        IdGenerator& ids,
                        const Clock& clock,
                        DispatcherOptions options);

  /// Binds the table tasks call through (filled by the composition root
  /// after the services were opened). Until then every task fails.
  void set_operations(const aws::OperationTable* operations) { operations_.store(operations); }

  /// Binds the queue activity tasks go to. Until then (and in `stratus sfn
  /// run`) activity tasks fail with States.TaskFailed.
  void set_activities(ActivityTaskQueue* activities) { activities_.store(activities); }

  /// Binds what carries out Distributed Maps' ItemReader and ResultWriter
  /// tasks (TaskKind other than kState). Until then they fail with
  /// States.ItemReaderFailed / States.ResultWriterFailed.
  void set_map_storage(MapRunStorage* storage) { map_storage_.store(storage); }

  void Run(const TaskOrigin& origin,
           const interpreter::RunTask& task,
           std::shared_ptr<TaskCallbacks> callbacks) override;

  void Resume(const TaskOrigin& origin,
              const interpreter::RunTask& task,
              const Json& submitted_output,
              std::shared_ptr<TaskCallbacks> callbacks) override;

 private:
  using Reply = std::function<void(Result<Json>)>;

  // Hands an ItemReader's or ResultWriter's task to the map storage.
  void RunMapStorage(const interpreter::RunTask& task, std::shared_ptr<TaskCallbacks> callbacks);
  // Calls (service, operation) with model-shaped `input`.
  void Call(const TaskOrigin& origin,
            const std::string& service,
            const std::string& operation,
            Json input,
            Reply reply) const;
  void RunAwsSdk(const TaskOrigin& origin,
                 const TaskResource& resource,
                 const interpreter::RunTask& task,
                 std::shared_ptr<TaskCallbacks> callbacks);
  void RunOptimized(const TaskOrigin& origin,
                    const TaskResource& resource,
                    const interpreter::RunTask& task,
                    std::shared_ptr<TaskCallbacks> callbacks);
  void RunLambda(const TaskOrigin& origin,
                 const std::string& function,
                 Json parameters,
                 bool whole_response,
                 const interpreter::RunTask& task,
                 std::shared_ptr<TaskCallbacks> callbacks);
  // Poll until the job ends; `delay` is the wait before this poll's
  // successor (0 for the first poll: see NextPollDelay).
  void PollAthena(TaskOrigin origin,
                  std::string query_id,
                  std::shared_ptr<TaskCallbacks> callbacks,
                  std::chrono::milliseconds delay = std::chrono::milliseconds(0));
  void PollExecution(TaskOrigin origin,
                     std::string execution_arn,
                     bool parse_payloads,
                     std::shared_ptr<TaskCallbacks> callbacks,
                     std::chrono::milliseconds delay = std::chrono::milliseconds(0));
  // Calls through the model: converts the parameters and the result.
  void CallModeled(const TaskOrigin& origin,
                   const std::string& table_service,
                   const std::string& operation,
                   const std::string& error_prefix,
                   const Json& parameters,
                   std::function<void(Json)> on_success,
                   std::shared_ptr<TaskCallbacks> callbacks);

  std::atomic<const aws::OperationTable*> operations_{nullptr};
  std::atomic<ActivityTaskQueue*> activities_{nullptr};
  std::atomic<MapRunStorage*> map_storage_{nullptr};
  const aws::ModelRegistry& models_;
  DelayQueue& delays_;
  IdGenerator& ids_;
  const Clock& clock_;
  const DispatcherOptions options_;
};

}  // namespace stratus::states::integrations
