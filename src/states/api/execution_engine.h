#pragma once

// The execution engine: hosts the pure interpreter (states/interpreter) and
// gives it durability, time and the outside world.
//
// The model. Every running execution is a LiveExecution: its
// interpreter::ExecutionState plus an inbox of ExecutionEvents (task results,
// fired timers, stop/redrive requests, SendTask* calls). An execution is a
// strand: at most one worker drains its inbox at a time, feeding each event
// to Interpreter::Advance(); no thread belongs to an execution. A small
// WorkerPool runs the strands of all executions.
//
// Durability (STANDARD). A drained batch becomes one storage::Database work:
// the new history events, the execution row (status, serialized state, host
// state) and the rows of the timers the step started commit together, and
// the fired timers' rows are deleted in the same transaction. Only after
// that commit are the step's effects carried out (tasks called, timers
// armed) and the callers acknowledged. StartExecution commits the new
// execution with the history of its first step before it answers. So a
// kill -9 at any moment loses nothing acknowledged: after a restart,
// Recover() reloads every RUNNING execution, durable timers fire again
// (storage::TimerService), `.waitForTaskToken` tasks whose request was
// submitted keep waiting for their token, submitted `.sync` jobs are
// resumed, and tasks that were in flight without a committed result are
// called again. A task whose result was committed is never called again.
//
// EXPRESS executions use the same strands without the database: their state
// lives in memory, their timers in a DelayQueue.
//
// Time. The interpreter takes `now` from the host and history shows it. With
// a time scale s (server option, or per execution) a timer due after a
// nominal delay d fires after a real delay d·s; when it fires the
// execution's clock skew (nominal − real) grows so that history and
// $$.State.EnteredTime stay nominal.
//
// Thread safety: all public methods are safe from any thread. Callbacks
// (`done`) may run on the database writer thread or a worker and must not
// block.

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "base/clock.h"
#include "base/json.h"
#include "base/result.h"
#include "base/worker_pool.h"
#include "states/api/execution_record.h"
#include "states/api/state_machine_records.h"
#include "states/interpreter/execution_context.h"
#include "states/interpreter/execution_event.h"
#include "states/interpreter/history_event.h"
#include "states/interpreter/interpreter.h"

namespace stratus {
class IdGenerator;
}  // namespace stratus

namespace stratus::storage {
class Database;
class TimerService;
struct Timer;
}  // namespace stratus::storage

namespace stratus::states::integrations {
class DelayQueue;
class TaskRunner;
}  // namespace stratus::states::integrations

namespace stratus::states::api {

class StateMachineCatalog;

struct EngineOptions {
  /// Real waiting = nominal waiting × time_scale, unless the execution
  /// overrides it (ExecutionOptions::time_scale != 1).
  double time_scale = 1.0;
  size_t num_workers = 2;
  /// Events one step batch feeds to the interpreter before committing.
  size_t max_events_per_batch = 256;
};

/// Observes an execution's history as it is produced (`stratus sfn run`).
using HistoryObserver = std::function<void(const std::vector<interpreter::HistoryEvent>&)>;

/// Hears that new history events of a STANDARD execution (named by its ARN)
/// were committed: the console's live execution events. Runs on the
/// database's writer thread and must not block.
using HistoryListener = std::function<void(std::string_view execution_arn)>;

struct StartRequest {
  std::shared_ptr<const Revision> revision = nullptr;
  /// Everything but start_time, which the engine sets.
  interpreter::ExecutionContext context = {};
  std::string account_id = "000000000000";
  /// JSON text.
  std::string input = "{}";
  std::string trace_header = {};
  ExecutionOptions options = {};
  HistoryObserver observer = {};
};

struct StartOutcome {
  std::string arn = {};
  int64_t start_millis = 0;
};

/// How an execution ended (StartSyncExecution's answer).
struct ExecutionResult {
  std::string arn = {};
  ExecutionStatus status = ExecutionStatus::kRunning;
  std::string input = {};
  std::optional<std::string> output = std::nullopt;
  std::optional<std::string> error = std::nullopt;
  std::optional<std::string> cause = std::nullopt;
  int64_t start_millis = 0;
  int64_t stop_millis = 0;
};

/// Counters for logs, health and benchmarks.
struct EngineMetrics {
  size_t num_live = 0;
  size_t num_tokens = 0;
  uint64_t num_steps = 0;
  uint64_t num_started = 0;
  uint64_t num_finished = 0;
};

/// See the file comment.
class ExecutionEngine {
 public:
  ExecutionEngine(storage::Database& database,
                  storage::TimerService& timers,
                  const Clock& clock,
                  IdGenerator& ids,
                  const interpreter::Interpreter& interpreter,
                  integrations::TaskRunner& tasks,
                  integrations::DelayQueue& delays,
                  StateMachineCatalog& catalog,
                  EngineOptions options);
  ExecutionEngine(const ExecutionEngine&) = delete;
  ExecutionEngine& operator=(const ExecutionEngine&) = delete;
  /// REQUIRES: Stop() was called if Start() was.
  ~ExecutionEngine();

  /// Reloads every RUNNING execution and registers the timer handler.
  /// Call once, before the TimerService is loaded and before Start().
  Status Recover();

  /// Starts the workers and carries out the recovered executions' pending
  /// tasks (ResumeRecovered). REQUIRES: the TaskRunner can call services now.
  void Start();

  /// Carries out the pending tasks of the executions Recover() loaded: calls
  /// them again, resumes submitted `.sync` jobs, re-registers the task tokens
  /// of submitted `.waitForTaskToken` tasks. Start() calls it; single-threaded
  /// tests call it instead, then RunPending().
  void ResumeRecovered();

  /// Stops taking work, finishes queued steps and their commits. Idempotent.
  void Stop();

  /// Starts a STANDARD execution: answers after its first step committed.
  /// AWS: the same name and input as a RUNNING execution returns that
  /// execution; otherwise a used name is ExecutionAlreadyExists.
  void StartStandard(StartRequest request, std::function<void(Result<StartOutcome>)> done);

  /// Starts an EXPRESS execution in memory; `done` (may be empty) gets the
  /// result when it ends.
  StartOutcome StartExpress(StartRequest request, std::function<void(ExecutionResult)> done);

  /// Aborts a running execution; answers with the stop time (millis).
  void StopExecution(std::string arn,
                     std::string error,
                     std::string cause,
                     std::function<void(Result<int64_t>)> done);

  /// Redrives a FAILED, TIMED_OUT or ABORTED STANDARD execution; answers
  /// with the redrive time (millis).
  void Redrive(std::string arn, std::function<void(Result<int64_t>)> done);

  /// UpdateMapRun: changes a running Map Run of the running execution
  /// `execution_arn` (the top-level execution, for a nested Map Run).
  void UpdateMapRun(std::string execution_arn,
                    interpreter::UpdateMapRun update,
                    std::function<void(Status)> done);

  /// SendTaskSuccess / SendTaskFailure / SendTaskHeartbeat.
  void SendTaskSuccess(std::string_view token, Json output, std::function<void(Status)> done);
  void SendTaskFailure(std::string_view token,
                       std::string error,
                       std::string cause,
                       std::function<void(Status)> done);
  void SendTaskHeartbeat(std::string_view token, std::function<void(Status)> done);

  /// Sets the one listener of committed history (an empty function removes
  /// it). Once this returns, the previous listener is not called any more.
  void SetHistoryListener(HistoryListener listener);

  /// Returns true when `arn` names an execution running in memory.
  bool IsLive(std::string_view arn) const;

  EngineMetrics metrics() const;

  /// Runs queued jobs on the caller's thread (tests without Start()).
  size_t RunPending() { return workers_.RunPending(); }

 private:
  struct Live;
  struct Inbound;
  struct Batch;

  // Strands (execution_engine.cc).
  void Deliver(const std::shared_ptr<Live>& live, Inbound inbound);
  void Drain(const std::shared_ptr<Live>& live);
  void RunBatch(const std::shared_ptr<Live>& live, std::vector<Inbound> inbox);
  void Commit(const std::shared_ptr<Live>& live, std::shared_ptr<Batch> batch);
  void AfterCommit(const std::shared_ptr<Live>& live,
                   const std::shared_ptr<Batch>& batch,
                   const Status& status);
  Clock::TimePoint NominalNow(const Live& live) const;
  void Register(const std::shared_ptr<Live>& live);
  void Unregister(const Live& live);
  std::shared_ptr<Live> FindLive(std::string_view arn) const;

  // Effects (execution_engine_effects.cc).
  void ApplyEffects(const std::shared_ptr<Live>& live,
                    const std::vector<interpreter::Effect>& effects,
                    const std::vector<storage::Timer>& armed);
  void RunTask(const std::shared_ptr<Live>& live,
               const interpreter::RunTask& task,
               bool recovering);
  void CancelTask(Live& live, int64_t task_id);
  Result<storage::Timer> MakeTimer(const Live& live, const interpreter::StartTimer& timer);
  void StartMemoryTimer(const std::shared_ptr<Live>& live, const interpreter::StartTimer& timer);
  void OnTimerFired(storage::Timer fired);
  std::chrono::milliseconds RealDelay(const Live& live, Clock::TimePoint nominal_due) const;
  void DeliverToken(std::string_view token,
                    interpreter::ExecutionEvent event,
                    std::function<void(Status)> done);

  storage::Database& database_;
  storage::TimerService& timers_;
  const Clock& clock_;
  IdGenerator& ids_;
  const interpreter::Interpreter& interpreter_;
  integrations::TaskRunner& tasks_;
  integrations::DelayQueue& delays_;
  StateMachineCatalog& catalog_;
  const EngineOptions options_;
  WorkerPool workers_;

  mutable std::mutex mu_;
  // Guarded by mu_.
  std::unordered_map<std::string, std::shared_ptr<Live>> live_;  // Key: execution ARN.

  struct TokenTarget {
    std::weak_ptr<Live> live;
    int64_t task_id = 0;
  };

  std::unordered_map<std::string, TokenTarget> tokens_;
  std::vector<std::shared_ptr<Live>> recovered_;
  EngineMetrics metrics_;
  bool started_ = false;
  bool stopping_ = false;

  std::mutex listener_mu_;
  HistoryListener listener_;  // Guarded by listener_mu_.
};

}  // namespace stratus::states::api
