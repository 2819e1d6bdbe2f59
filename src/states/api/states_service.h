#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

#include "base/result.h"
#include "states/api/state_machine_records.h"

namespace stratus {
class Clock;
class IdGenerator;
}  // namespace stratus

namespace stratus::aws {
class ModelRegistry;
class OperationTable;
}  // namespace stratus::aws

namespace stratus::lake {
class Lake;
}  // namespace stratus::lake

namespace stratus::storage {
class Database;
}  // namespace stratus::storage

namespace stratus::states::asl {
class JsonataEvaluator;
}  // namespace stratus::states::asl

namespace stratus::states::integrations {
class MockConfig;
}  // namespace stratus::states::integrations

namespace stratus::states::interpreter {
class Interpreter;
}  // namespace stratus::states::interpreter

namespace stratus::states::api {

class ActivityBroker;
class ActivityRegistry;
class ExecutionEngine;
class IssuedTokens;
class StateMachineCatalog;

struct StatesServiceOptions {
  /// `<data_dir>/states.db` holds state machines, executions and history.
  /// Empty: an in-memory-only service (EXPRESS-like; for `stratus sfn run`).
  std::string data_dir = {};
  /// `--sfn-time-scale`: real waiting of Wait states, Retry intervals and
  /// timeouts = nominal × time_scale. History keeps nominal times.
  double time_scale = 1.0;
  /// `--sfn-mock-config`: a Step Functions Local mock configuration file;
  /// empty for none.
  std::string mock_config_path = {};
  /// Threads that advance executions.
  size_t num_workers = 2;
  /// PRAGMA synchronous=FULL for states.db (see storage::DatabaseOptions).
  bool fsync = true;
  /// Poll interval of `.sync` integrations.
  std::chrono::milliseconds sync_poll_interval = std::chrono::milliseconds(50);
  /// The service models for aws-sdk integrations; null builds its own.
  const aws::ModelRegistry* models = nullptr;
  /// True for `stratus sfn run`: no other service is in the process and no
  /// activity worker can poll, and task failures say so.
  bool standalone = false;
  /// How long GetActivityTask waits for a task before answering without one.
  /// AWS: 60 seconds.
  std::chrono::milliseconds activity_poll_timeout = std::chrono::seconds(60);
  /// Where Distributed Maps' ItemReader and ResultWriter read and write S3
  /// (the server's lake; borrowed, outlives the service). Null without S3
  /// (`stratus sfn run`): those fail with States.ItemReaderFailed /
  /// States.ResultWriterFailed.
  lake::Lake* lake = nullptr;
};

/// The Step Functions service: owns states.db, the catalog of state
/// machines, the interpreter, the execution engine, its timers and the task
/// integrations (with the MapRunStorage of Distributed Maps, given a lake). The API handlers
/// (states/api/handlers.h) call into it.
///
/// Lifecycle: OpenStatesService() → RegisterStatesOperations() →
/// BindOperations() (the operation table for task integrations) → Start()
/// (runs executions, including those recovered from disk) → Stop().
///
/// Thread safety: accessors are safe from any thread after Open; Start/Stop
/// from the owning thread.
class StatesService {
 public:
  StatesService(const StatesService&) = delete;
  StatesService& operator=(const StatesService&) = delete;
  ~StatesService();

  static Result<std::unique_ptr<StatesService>> Open(const StatesServiceOptions& options,
                                                     const Clock& clock,
                                                     IdGenerator& ids);

  /// Lets task integrations call services through `operations`.
  void BindOperations(const aws::OperationTable& operations);

  /// Starts timers, workers and the recovered executions. Idempotent.
  void Start();

  /// Stops executions' progress and closes states.db. Idempotent.
  void Stop();

  StateMachineCatalog& catalog();
  ActivityRegistry& activities();
  ActivityBroker& activity_broker();
  const IssuedTokens& issued_tokens() const;
  ExecutionEngine& engine();
  storage::Database& database();
  const Clock& clock() const;
  IdGenerator& ids();
  const StatesServiceOptions& options() const;
  /// The mock configuration, or null without --sfn-mock-config.
  const integrations::MockConfig* mocks() const;
  const interpreter::Interpreter& interpreter() const;
  /// The service models (the options' registry, or the service's own).
  const aws::ModelRegistry& models() const;

  /// Parses and validates a definition as CreateStateMachine does.
  Result<std::shared_ptr<const asl::StateMachine>> ParseDefinition(std::string_view definition,
                                                                   StateMachineType type) const;
  const asl::JsonataEvaluator& jsonata() const;

 private:
  struct Parts;
  explicit StatesService(std::unique_ptr<Parts> parts);
  std::unique_ptr<Parts> parts_;
};

/// Opens the service (see StatesService). The composition root calls this
/// once with the data dir.
Result<std::unique_ptr<StatesService>> OpenStatesService(const StatesServiceOptions& options,
                                                         const Clock& clock,
                                                         IdGenerator& ids);

/// Adds every Step Functions operation to `table` under service "states".
/// The one place Step Functions operation names appear. REQUIRES: `service`
/// outlives the table's use.
void RegisterStatesOperations(aws::OperationTable& table, StatesService& service);

}  // namespace stratus::states::api
