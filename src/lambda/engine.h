#pragma once

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>

#include "base/result.h"
#include "lambda/code_store.h"
#include "lambda/function_config.h"
#include "lambda/function_store.h"
#include "lambda/layer_overlay.h"

namespace stratus {
class Clock;
class IdGenerator;
class WorkerPool;
}  // namespace stratus

namespace stratus::lake {
class Lake;
}  // namespace stratus::lake

namespace stratus::lambda {

class BatchingLogSink;
class LogSink;
class SandboxPool;
struct SandboxOptions;

/// AWS: an account runs at most 1000 invocations at once, and reservations
/// (PutFunctionConcurrency) must leave at least 100 of them unreserved.
inline constexpr int kAccountConcurrentExecutions = 1000;
inline constexpr int kMinimumUnreservedConcurrency = 100;

struct LambdaEngineOptions {
  std::string data_dir = {};
  std::string region = "us-east-1";
  std::string account_id = "000000000000";
  /// Where the SDKs inside functions reach stratus (AWS_ENDPOINT_URL); asked
  /// when a process starts, after the HTTP server is listening.
  std::function<std::string()> endpoint_url = nullptr;
  /// Where functions' output goes (CloudWatch Logs); may be null.
  LogSink* logs = nullptr;
  /// Threads that run invocations (each blocks while its function runs).
  size_t num_invoke_threads = 32;
  /// Event invocations running at once.
  size_t max_async_in_flight = 8;
  bool fsync = true;
  /// Runs functions under bubblewrap when it works here (see sandbox.h).
  bool isolate = true;
};

/// What an Event invocation's destination receives (OnSuccess or OnFailure
/// of PutFunctionEventInvokeConfig), handed to the DestinationSender.
struct DestinationRecord {
  std::string destination_arn = {};
  std::string condition = {};  // "Success", "RetriesExhausted" or "EventAgeExceeded".
  std::string request_id = {};
  std::string function_name = {};
  int approximate_invoke_count = 0;
  int64_t timestamp_millis = 0;
  std::string request_payload = {};
  std::string response_payload = {};
  std::string function_error = {};  // "" on success.
};

/// Delivers destination records (the API layer sends them to SQS through
/// the operation table). Called on a worker thread; must not block long.
using DestinationSender = std::function<void(DestinationRecord)>;

/// Runs event source mappings (the API layer polls SQS through the
/// operation table). The engine tells it what changed; it must not block.
class EventSourceRunner {
 public:
  virtual ~EventSourceRunner() = default;
  /// Starts, updates or (when disabled) pauses polling for `mapping`.
  virtual void MappingChanged(const EventSourceMapping& mapping) = 0;
  /// Stops polling for a deleted mapping.
  virtual void MappingDeleted(const std::string& uuid) = 0;
};

/// What a function reference ("NAME" or "NAME:QUALIFIER") runs: the
/// configuration of one version. For an alias, the alias's async invocation
/// settings replace the version's (AWS keeps them per qualifier).
struct ResolvedFunction {
  FunctionConfig config = {};  // config.version: "$LATEST" or the number run.
  std::string qualifier = {};  // As given: "", "$LATEST", "3" or an alias name.
};

/// How an invocation ended, as Invoke answers it.
struct InvokeResult {
  std::string request_id = {};
  std::string executed_version = std::string(kLatestVersion);
  std::string payload = {};
  std::string function_error = {};  // "" or "Unhandled".
  std::string log = {};             // The invocation's log lines.
};

/// Lambda's engine: functions (lambda.db), their code (CodeStore), warm
/// processes (SandboxPool) and the durable queue of Event invocations. It
/// knows no JSON and no HTTP: api/ turns requests into these calls.
///
/// Invocations. Invoke() runs on a worker thread, because a function may
/// take up to its Timeout; the caller's thread is never blocked.
/// EnqueueEvent() commits the invocation to lambda.db before `done` is called
/// (so a 202 survives kill -9); a dispatcher thread then runs due ones, at
/// most max_async_in_flight at once, retrying a failed one after 1 and then
/// 2 minutes (AWS's schedule) up to MaximumRetryAttempts (default 2) and
/// within MaximumEventAgeInSeconds (default 6 hours). After a restart,
/// Start() resumes every queued invocation.
///
/// Thread safety: every method is safe from any thread after Start().
/// Stop() stops the dispatcher, the workers and every process.
class LambdaEngine {
 public:
  LambdaEngine(const LambdaEngine&) = delete;
  LambdaEngine& operator=(const LambdaEngine&) = delete;
  ~LambdaEngine();

  static Result<std::unique_ptr<LambdaEngine>> Open(LambdaEngineOptions options,
                                                    const Clock& clock,
                                                    IdGenerator& ids,
                                                    lake::Lake* lake);

  /// Writes the bootstraps, probes bubblewrap, starts the workers and
  /// resumes queued Event invocations; `destinations` (may be null) gets the
  /// records of finished Event invocations whose function names a destination.
  Status Start(DestinationSender destinations = nullptr);
  void Stop();

  FunctionStore& store() { return *store_; }

  CodeStore& code() { return code_; }

  const Clock& clock() const { return clock_; }

  IdGenerator& ids() { return ids_; }

  lake::Lake* lake() { return lake_; }

  const LambdaEngineOptions& options() const { return options_; }

  /// Returns arn:aws:lambda:REGION:ACCOUNT:function:NAME.
  std::string FunctionArn(std::string_view name) const;

  /// Returns arn:aws:lambda:REGION:ACCOUNT:function:NAME[:QUALIFIER] for a
  /// function reference ("NAME" or "NAME:QUALIFIER").
  std::string QualifiedArn(std::string_view target) const;

  /// Resolves a function reference: "NAME" and "NAME:$LATEST" are $LATEST,
  /// "NAME:7" a published version, "NAME:ALIAS" the alias's version — with
  /// `route`, the alias's RoutingConfig picks between its two versions by
  /// weight. ResourceNotFoundException naming the reference when any part
  /// is missing.
  Result<ResolvedFunction> Resolve(std::string_view target, bool route);

  /// Runs the function reference `name` ("NAME" or "NAME:QUALIFIER") with
  /// `payload` (RequestResponse) on a worker thread.
  void Invoke(std::string name,
              std::string payload,
              std::function<void(Result<InvokeResult>)> done);

  /// Runs the function on the calling thread (event source pollers).
  Result<InvokeResult> InvokeNow(const std::string& name, const std::string& payload);

  /// Returns whether the function `name` (no qualifier) may start one more
  /// invocation now under its reserved concurrency (event source pollers ask
  /// before they take messages). Unknown functions have room: running them
  /// reports the error.
  bool HasConcurrency(const std::string& name);

  /// Sets who runs event source mappings; may be null. Called before Start().
  void set_event_source_runner(EventSourceRunner* runner) { event_sources_ = runner; }

  /// Tells the event source runner that a mapping changed or was deleted.
  void MappingChanged(const EventSourceMapping& mapping);
  void MappingDeleted(const std::string& uuid);

  /// Queues an Event invocation durably; `done` gets its request id.
  void EnqueueEvent(std::string name,
                    std::string payload,
                    std::function<void(Result<std::string>)> done);

  /// Called after a function's code or configuration changed or it was
  /// deleted: its warm processes are retired.
  void FunctionChanged(const std::string& name);

  /// Called after a published version was deleted: its warm processes are retired.
  void VersionDeleted(const std::string& name, const std::string& version);

 private:
  LambdaEngine(LambdaEngineOptions options,
               const Clock& clock,
               IdGenerator& ids,
               lake::Lake* lake,
               std::unique_ptr<FunctionStore> store);

  // Runs one invocation to its end on the calling thread, within the
  // function's reserved concurrency (else ReservedConcurrencyExceeded).
  Result<InvokeResult> RunInvocation(const std::string& name,
                                     const std::string& request_id,
                                     const std::string& payload);
  // Runs a resolved invocation holding one of its function's slots.
  Result<InvokeResult> RunResolved(const std::string& name,
                                   const FunctionConfig& function,
                                   const std::string& request_id,
                                   const std::string& payload);
  // Returns the function's reserved concurrency: $LATEST's record says.
  Result<std::optional<int>> ReservedConcurrency(const FunctionConfig& function);
  // Counts one more running invocation of `function` unless `reserved`
  // are already running; returns whether it did.
  bool TakeSlot(const std::string& function, std::optional<int> reserved);
  void ReleaseSlot(const std::string& function);
  Result<SandboxOptions> MakeSandboxOptions(const FunctionConfig& function,
                                            const std::string& code_directory);
  // Returns the merged tree of the function's layers ("" without layers).
  Result<std::string> OptDirectory(const FunctionConfig& function);
  // Returns the key of a version's warm processes: "NAME" for $LATEST, else "NAME:VERSION".
  static std::string SandboxKey(const FunctionConfig& function);
  void Dispatch();
  void RunQueued(QueuedInvocation invocation);
  void Schedule(QueuedInvocation invocation);
  // Runs a throttled Event invocation again shortly, or drops it (to its
  // OnFailure destination) once it is older than its maximum event age.
  void RetryThrottled(QueuedInvocation invocation);

  const LambdaEngineOptions options_;
  const Clock& clock_;
  IdGenerator& ids_;
  lake::Lake* lake_;
  std::unique_ptr<FunctionStore> store_;
  CodeStore code_;
  // Function output on its way to options_.logs, off the invocation path; null without logs.
  std::unique_ptr<BatchingLogSink> function_logs_;
  LayerOverlays overlays_;
  std::unique_ptr<SandboxPool> sandboxes_;
  std::unique_ptr<WorkerPool> workers_;
  std::string runtime_directory_;
  bool isolated_ = false;
  bool memory_limited_ = false;  // Function processes get RLIMIT_DATA = MemorySize.
  std::thread dispatcher_;
  DestinationSender destinations_;
  EventSourceRunner* event_sources_ = nullptr;

  std::mutex slots_mu_;
  std::map<std::string, int> num_running_;  // By function name. Guarded by slots_mu_.

  std::mutex mu_;
  std::condition_variable cv_;
  std::multimap<int64_t, QueuedInvocation> queued_;  // By due time. Guarded by mu_.
  size_t num_async_in_flight_ = 0;                   // Guarded by mu_.
  bool started_ = false;                             // Guarded by mu_.
  bool stopping_ = false;                            // Guarded by mu_.
};

}  // namespace stratus::lambda
