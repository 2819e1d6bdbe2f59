#include "lambda/engine.h"

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <utility>

#include <unistd.h>

#include "base/clock.h"
#include "base/digest.h"
#include "base/format.h"
#include "base/random.h"
#include "base/worker_pool.h"
#include "io/atomic_file.h"
#include "io/posix_file_system.h"
#include "lambda/errors.h"
#include "lambda/log.h"
#include "lambda/runtime/batching_log_sink.h"
#include "lambda/runtime/runtime_catalog.h"
#include "lambda/runtime/sandbox_pool.h"
#include "lambda/runtime/shims.h"

namespace stratus::lambda {
namespace {

// AWS: a failed Event invocation is retried after about 1 and then 2
// minutes, twice by default, and dropped after 6 hours.
constexpr int64_t kRetryDelayMillis = 60 * 1000;
constexpr int kDefaultRetryAttempts = 2;
constexpr int64_t kDefaultMaxEventAgeSeconds = 6 * 3600;
constexpr std::chrono::milliseconds kDispatchPoll{1000};
// A throttled Event invocation waits this long before it tries again; the
// wait costs no attempt (AWS retries throttled events until their maximum age).
constexpr int64_t kThrottleRetryMillis = 100;
constexpr std::string_view kTaskRoot = "/var/task";
constexpr std::string_view kRuntimeRoot = "/var/runtime";
constexpr std::string_view kOptRoot = "/opt";

// Returns the X-Ray trace header AWS hands a function.
std::string TraceId(IdGenerator& ids, int64_t now_millis) {
  return Format("Root=1-{:08x}-{};Parent={};Sampled=0", now_millis / 1000, ids.Hex(12), ids.Hex(8));
}

// Returns AWS's log stream name: "2024/06/10/[$LATEST]<32 hex digits>" ("[3]" for version 3).
std::string LogStreamName(IdGenerator& ids, int64_t now_millis, std::string_view version) {
  const time_t seconds = static_cast<time_t>(now_millis / 1000);
  std::tm parts{};
  gmtime_r(&seconds, &parts);
  return Format("{:04d}/{:02d}/{:02d}/[{}]{}", parts.tm_year + 1900, parts.tm_mon + 1,
                parts.tm_mday, version, ids.Hex(16));
}

Status WriteBootstrap(const std::string& path, std::string_view contents) {
  io::PosixFileSystem files;
  return io::WriteFileAtomically(files, path, contents);
}

bool PrlimitWorks() {
  // util-linux's prlimit sets RLIMIT_DATA on the process it then becomes.
  return std::system(  // NOLINT(cert-env33-c): a fixed command line, no user input.
             "prlimit --data=268435456 -- /bin/true >/dev/null 2>&1") == 0;
}

bool BubblewrapWorks() {
  // Probes the same mounts a sandbox uses; fails where namespaces are not allowed.
  return std::system(  // NOLINT(cert-env33-c): a fixed command line, no user input.
             "bwrap --die-with-parent --ro-bind / / --dev /dev --proc /proc --tmpfs /tmp "
             "--tmpfs /var --dir /var/task -- /bin/true >/dev/null 2>&1") == 0;
}

}  // namespace

LambdaEngine::LambdaEngine(LambdaEngineOptions options,
                           const Clock& clock,
                           IdGenerator& ids,
                           lake::Lake* lake,
                           std::unique_ptr<FunctionStore> store)
    : options_(std::move(options)),
      clock_(clock),
      ids_(ids),
      lake_(lake),
      store_(std::move(store)),
      code_((std::filesystem::path(options_.data_dir) / "lambda" / "code").string()),
      function_logs_(options_.logs == nullptr ? nullptr
                                              : std::make_unique<BatchingLogSink>(
                                                    *options_.logs, BatchingLogSinkOptions{})),
      overlays_((std::filesystem::path(options_.data_dir) / "lambda" / "opt").string()),
      sandboxes_(std::make_unique<SandboxPool>(SandboxPoolOptions{})),
      workers_(std::make_unique<WorkerPool>(options_.num_invoke_threads)),
      runtime_directory_(
          (std::filesystem::path(options_.data_dir) / "lambda" / "runtime").string()) {}

LambdaEngine::~LambdaEngine() {
  Stop();
}

Result<std::unique_ptr<LambdaEngine>> LambdaEngine::Open(LambdaEngineOptions options,
                                                         const Clock& clock,
                                                         IdGenerator& ids,
                                                         lake::Lake* lake) {
  STRATUS_ASSIGN_OR_RETURN(
      std::unique_ptr<FunctionStore> store,
      FunctionStore::Open((std::filesystem::path(options.data_dir) / "lambda.db").string(),
                          options.fsync));
  return std::unique_ptr<LambdaEngine>(new LambdaEngine(  // STRATUS_LINT_ALLOW(private constructor)
      std::move(options), clock, ids, lake, std::move(store)));
}

Status LambdaEngine::Start(DestinationSender destinations) {
  destinations_ = std::move(destinations);
  std::error_code error;
  std::filesystem::create_directories(runtime_directory_, error);
  if (error) {
    return Status::IoError(Format("cannot create {}: {}", runtime_directory_, error.message()));
  }
  STRATUS_RETURN_IF_ERROR(WriteBootstrap(runtime_directory_ + "/bootstrap.py", PythonBootstrap()));
  STRATUS_RETURN_IF_ERROR(WriteBootstrap(runtime_directory_ + "/bootstrap.js", NodeBootstrap()));
  isolated_ = options_.isolate && BubblewrapWorks();
  memory_limited_ = PrlimitWorks();
  if (!memory_limited_) {
    kLambdaLog.Warn("prlimit is unavailable here: MemorySize does not limit function processes");
  }
  if (options_.isolate && !isolated_) {
    kLambdaLog.Warn(
        "bubblewrap is unavailable here: functions run without a mount namespace, with "
        "LAMBDA_TASK_ROOT in the data dir instead of /var/task, and their layers merged in the "
        "data dir instead of /opt (PATH, LD_LIBRARY_PATH, PYTHONPATH and NODE_PATH name it)");
  }
  STRATUS_ASSIGN_OR_RETURN(std::vector<QueuedInvocation> queued, store_->ListQueued());
  workers_->Start();
  {
    std::lock_guard<std::mutex> lock(mu_);
    started_ = true;
    for (QueuedInvocation& invocation : queued) {
      const int64_t due = invocation.next_attempt_millis;
      queued_.emplace(due, std::move(invocation));
    }
  }
  if (!queued.empty()) {
    kLambdaLog.Info("resuming queued event invocations count={}", queued.size());
  }
  dispatcher_ = std::thread([this] { Dispatch(); });
  if (event_sources_ != nullptr) {
    STRATUS_ASSIGN_OR_RETURN(std::vector<EventSourceMapping> mappings, store_->ListMappings());
    for (const EventSourceMapping& mapping : mappings) {
      event_sources_->MappingChanged(mapping);
    }
  }
  return Status::Ok();
}

void LambdaEngine::Stop() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (stopping_) {
      return;
    }
    stopping_ = true;
  }
  cv_.notify_all();
  if (dispatcher_.joinable()) {
    dispatcher_.join();
  }
  // Processes first, so that running invocations end and free the workers.
  sandboxes_->Stop();
  workers_->Stop();
  if (function_logs_ != nullptr) {
    function_logs_->Stop();  // The processes' last lines, before CloudWatch Logs stops.
  }
  store_->Stop();
}

std::string LambdaEngine::FunctionArn(std::string_view name) const {
  return Format("arn:aws:lambda:{}:{}:function:{}", options_.region, options_.account_id, name);
}

void LambdaEngine::FunctionChanged(const std::string& name) {
  sandboxes_->Retire(name);
}

void LambdaEngine::Invoke(std::string name,
                          std::string payload,
                          std::function<void(Result<InvokeResult>)> done) {
  std::string request_id = ids_.Uuid();
  workers_->Post([this, name = std::move(name), payload = std::move(payload),
                  request_id = std::move(request_id),
                  done = std::move(done)] { done(RunInvocation(name, request_id, payload)); });
}

Result<InvokeResult> LambdaEngine::InvokeNow(const std::string& name, const std::string& payload) {
  return RunInvocation(name, ids_.Uuid(), payload);
}

void LambdaEngine::MappingChanged(const EventSourceMapping& mapping) {
  if (event_sources_ != nullptr) {
    event_sources_->MappingChanged(mapping);
  }
}

void LambdaEngine::MappingDeleted(const std::string& uuid) {
  if (event_sources_ != nullptr) {
    event_sources_->MappingDeleted(uuid);
  }
}

std::string LambdaEngine::QualifiedArn(std::string_view target) const {
  return FunctionArn(target);
}

std::string LambdaEngine::SandboxKey(const FunctionConfig& function) {
  return function.version == kLatestVersion ? function.name
                                            : Format("{}:{}", function.name, function.version);
}

void LambdaEngine::VersionDeleted(const std::string& name, const std::string& version) {
  sandboxes_->Retire(Format("{}:{}", name, version));
}

Result<ResolvedFunction> LambdaEngine::Resolve(std::string_view target, bool route) {
  const size_t colon = target.find(':');
  const std::string name(target.substr(0, colon));
  ResolvedFunction resolved;
  resolved.qualifier = colon == std::string_view::npos ? "" : std::string(target.substr(colon + 1));
  auto not_found = [&](const Status& status) {
    return status.code() == StatusCode::kNotFound
               ? LambdaError::FunctionNotFound(FunctionArn(target))
               : status;
  };
  auto load = [&](const std::string& version) -> Result<FunctionConfig> {
    Result<FunctionConfig> found = version.empty() || version == kLatestVersion
                                       ? store_->Get(name)
                                       : store_->GetVersion(name, version);
    if (!found.ok()) {
      return not_found(found.status());
    }
    return found;
  };
  const std::string& qualifier = resolved.qualifier;
  const bool is_version = qualifier.empty() || qualifier == kLatestVersion ||
                          qualifier.find_first_not_of("0123456789") == std::string::npos;
  if (is_version) {
    STRATUS_ASSIGN_OR_RETURN(resolved.config, load(qualifier));
    return resolved;
  }
  Result<FunctionAlias> alias = store_->GetAlias(name, qualifier);
  if (!alias.ok()) {
    return not_found(alias.status());
  }
  std::string version = alias->function_version;
  if (route && !alias->additional_version_weights.empty()) {
    // AWS: the additional version gets its weight's share of invocations.
    const auto& [other, weight] = *alias->additional_version_weights.begin();
    constexpr uint64_t kScale = 1000000;
    if (static_cast<double>(ids_.Uniform(kScale)) < weight * static_cast<double>(kScale)) {
      version = other;
    }
  }
  STRATUS_ASSIGN_OR_RETURN(resolved.config, load(version));
  resolved.config.maximum_retry_attempts = alias->maximum_retry_attempts;
  resolved.config.maximum_event_age_seconds = alias->maximum_event_age_seconds;
  resolved.config.on_success_destination = alias->on_success_destination;
  resolved.config.on_failure_destination = alias->on_failure_destination;
  return resolved;
}

Result<std::optional<int>> LambdaEngine::ReservedConcurrency(const FunctionConfig& function) {
  if (function.version == kLatestVersion) {
    return function.reserved_concurrency;
  }
  Result<FunctionConfig> latest = store_->Get(function.name);
  if (!latest.ok()) {
    return latest.status().code() == StatusCode::kNotFound
               ? LambdaError::FunctionNotFound(FunctionArn(function.name))
               : latest.status();
  }
  return latest->reserved_concurrency;
}

bool LambdaEngine::TakeSlot(const std::string& function, std::optional<int> reserved) {
  std::lock_guard<std::mutex> lock(slots_mu_);
  int& running = num_running_[function];
  if (reserved.has_value() && running >= *reserved) {
    return false;
  }
  ++running;
  return true;
}

void LambdaEngine::ReleaseSlot(const std::string& function) {
  std::lock_guard<std::mutex> lock(slots_mu_);
  auto found = num_running_.find(function);
  if (found != num_running_.end() && --found->second <= 0) {
    num_running_.erase(found);
  }
}

bool LambdaEngine::HasConcurrency(const std::string& name) {
  Result<FunctionConfig> function = store_->Get(name);
  if (!function.ok() || !function->reserved_concurrency.has_value()) {
    return true;
  }
  std::lock_guard<std::mutex> lock(slots_mu_);
  auto found = num_running_.find(name);
  return (found == num_running_.end() ? 0 : found->second) < *function->reserved_concurrency;
}

// AWS: reserved concurrency bounds the invocations of a function running at
// once, across its versions and aliases; one more synchronous invocation is
// TooManyRequestsException (Reason ReservedFunctionConcurrentInvocationLimitExceeded),
// and 0 throttles every one. Pinned by test/wire/test_lambda_concurrency.py.
Result<InvokeResult> LambdaEngine::RunInvocation(const std::string& name,
                                                 const std::string& request_id,
                                                 const std::string& payload) {
  STRATUS_ASSIGN_OR_RETURN(ResolvedFunction resolved, Resolve(name, /*route=*/true));
  const FunctionConfig& function = resolved.config;
  STRATUS_ASSIGN_OR_RETURN(std::optional<int> reserved, ReservedConcurrency(function));
  if (!TakeSlot(function.name, reserved)) {
    return LambdaError::ReservedConcurrencyExceeded();
  }
  Result<InvokeResult> result = RunResolved(name, function, request_id, payload);
  ReleaseSlot(function.name);
  return result;
}

Result<InvokeResult> LambdaEngine::RunResolved(const std::string& name,
                                               const FunctionConfig& function,
                                               const std::string& request_id,
                                               const std::string& payload) {
  STRATUS_ASSIGN_OR_RETURN(RuntimeFamily family, RuntimeFamilyOf(function.runtime));
  STRATUS_ASSIGN_OR_RETURN(std::string code_directory, code_.UnpackedDirectory(function.code));
  if (family == RuntimeFamily::kProvided &&
      ::access((code_directory + "/bootstrap").c_str(), X_OK) != 0) {
    // AWS: a provided runtime without an executable bootstrap.
    return InvokeResult{
        .request_id = request_id,
        .executed_version = function.version,
        .payload = Format(
            R"({{"errorType":"Runtime.InvalidEntrypoint","errorMessage":"RequestId: {} Error: Couldn't find valid bootstrap(s): [/var/task/bootstrap /opt/bootstrap]"}})",
            request_id),
        .function_error = "Unhandled"};
  }
  bool cold = false;
  const std::string key = SandboxKey(function);
  STRATUS_ASSIGN_OR_RETURN(
      std::unique_ptr<Sandbox> sandbox,
      sandboxes_->Acquire(
          key, function.revision_id, [&]() { return MakeSandboxOptions(function, code_directory); },
          &cold));
  // AWS: the runtime sees the ARN the caller invoked (qualified or not).
  SandboxOutcome outcome =
      sandbox->Invoke(SandboxInvocation{.request_id = request_id,
                                        .payload = payload.empty() ? "{}" : payload,
                                        .function_arn = QualifiedArn(name),
                                        .trace_id = TraceId(ids_, clock_.NowMillis()),
                                        .timeout = std::chrono::seconds(function.timeout_seconds)});
  sandboxes_->Release(key, function.revision_id, std::move(sandbox));
  return InvokeResult{.request_id = request_id,
                      .executed_version = function.version,
                      .payload = std::move(outcome.payload),
                      .function_error = std::move(outcome.function_error),
                      .log = std::move(outcome.log)};
}

Result<SandboxOptions> LambdaEngine::MakeSandboxOptions(const FunctionConfig& function,
                                                        const std::string& code_directory) {
  STRATUS_ASSIGN_OR_RETURN(RuntimeFamily family, RuntimeFamilyOf(function.runtime));
  const std::string task_root = isolated_ ? std::string(kTaskRoot) : code_directory;
  const std::string runtime_root = isolated_ ? std::string(kRuntimeRoot) : runtime_directory_;
  const std::string group = "/aws/lambda/" + function.name;
  const std::string stream = LogStreamName(ids_, clock_.NowMillis(), function.version);
  const std::string endpoint = options_.endpoint_url ? options_.endpoint_url() : std::string();
  std::map<std::string, std::string> environment = function.environment;
  auto set = [&](const std::string& key, std::string value) {
    environment[key] = std::move(value);
  };
  auto set_default = [&](const std::string& key, std::string value) {
    environment.emplace(key, std::move(value));
  };
  const char* path = std::getenv("PATH");
  set("PATH", path != nullptr ? path : "/usr/local/bin:/usr/bin:/bin");
  set("LANG", "en_US.UTF-8");
  set("TZ", ":UTC");
  set("LAMBDA_TASK_ROOT", task_root);
  set("LAMBDA_RUNTIME_DIR", runtime_root);
  set("_HANDLER", function.handler);
  set("AWS_EXECUTION_ENV", "AWS_Lambda_" + function.runtime);
  set("AWS_LAMBDA_FUNCTION_NAME", function.name);
  set("AWS_LAMBDA_FUNCTION_VERSION", function.version);
  set("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", std::to_string(function.memory_mb));
  set("AWS_LAMBDA_LOG_GROUP_NAME", group);
  set("AWS_LAMBDA_LOG_STREAM_NAME", stream);
  set("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
  set("AWS_REGION", options_.region);
  set("AWS_DEFAULT_REGION", options_.region);
  set("AWS_ACCESS_KEY_ID", "test");
  set("AWS_SECRET_ACCESS_KEY", "test");
  set("AWS_SESSION_TOKEN", "test");
  set("PYTHONUNBUFFERED", "1");
  set_default("AWS_ENDPOINT_URL", endpoint);
  STRATUS_ASSIGN_OR_RETURN(const std::string opt_directory, OptDirectory(function));
  // AWS: layers are under /opt; /opt/bin ends PATH, /opt/lib ends LD_LIBRARY_PATH, and
  // Python and Node look in /opt/python and /opt/nodejs/node_modules after the task's own code.
  const std::string opt_root = isolated_ ? std::string(kOptRoot) : opt_directory;
  if (!opt_root.empty()) {
    set("PATH", environment["PATH"] + ":" + opt_root + "/bin");
    set_default("LD_LIBRARY_PATH", Format("{}:{}/lib:{}/lib", task_root, task_root, opt_root));
    if (family == RuntimeFamily::kPython) {
      set_default("PYTHONPATH", Format("{}/python/lib/{}/site-packages:{}/python", opt_root,
                                       function.runtime, opt_root));
    }
  }
  set_default("NODE_PATH", Format("{}/nodejs/node_modules:{}/node_modules:{}:{}",
                                  opt_root.empty() ? std::string(kOptRoot) : opt_root, runtime_root,
                                  runtime_root, task_root));
  std::vector<std::string> isolation;
  if (isolated_) {
    isolation = {"bwrap",
                 "--die-with-parent",
                 "--ro-bind",
                 "/",
                 "/",
                 "--dev",
                 "/dev",
                 "--proc",
                 "/proc",
                 "--tmpfs",
                 "/tmp",
                 "--tmpfs",
                 "/var",
                 "--ro-bind-try",
                 "/var/lib",
                 "/var/lib",
                 "--ro-bind",
                 code_directory,
                 std::string(kTaskRoot),
                 "--ro-bind",
                 runtime_directory_,
                 std::string(kRuntimeRoot),
                 "--chdir",
                 std::string(kTaskRoot),
                 "--"};
    if (!opt_directory.empty()) {
      isolation.insert(isolation.end() - 3, {"--ro-bind", opt_directory, std::string(kOptRoot)});
    }
  }
  if (memory_limited_) {
    // AWS: a function cannot use more than MemorySize. RLIMIT_DATA (its
    // heap and private writable mappings) is set on the launcher, which the
    // interpreter inherits; Python and Node start within 64 MB of it, so no
    // margin is added. Pinned by test/wire/test_lambda_concurrency.py::
    // test_memory_limit_is_out_of_memory.
    isolation.insert(
        isolation.begin(),
        {"prlimit", Format("--data={}", static_cast<int64_t>(function.memory_mb) * 1024 * 1024),
         "--"});
  }
  return SandboxOptions{.argv = LaunchCommand(family, task_root, runtime_root),
                        .environment = std::move(environment),
                        .working_directory = isolated_ ? "/" : code_directory,
                        .isolation = std::move(isolation),
                        .log_group = group,
                        .log_stream = stream,
                        .function_version = function.version,
                        .memory_mb = function.memory_mb,
                        .logs = function_logs_.get(),
                        .clock = &clock_};
}

Result<std::string> LambdaEngine::OptDirectory(const FunctionConfig& function) {
  if (function.layers.empty()) {
    return std::string();
  }
  std::vector<std::string> ids;
  std::vector<std::string> directories;
  for (const FunctionLayer& layer : function.layers) {
    STRATUS_ASSIGN_OR_RETURN(std::string directory, code_.UnpackedDirectory(layer.code));
    ids.push_back(layer.code.id);
    directories.push_back(std::move(directory));
  }
  return overlays_.Merged(ids, directories);
}

void LambdaEngine::EnqueueEvent(std::string name,
                                std::string payload,
                                std::function<void(Result<std::string>)> done) {
  const int64_t now = clock_.NowMillis();
  QueuedInvocation invocation{.function = std::move(name),
                              .request_id = ids_.Uuid(),
                              .payload = payload.empty() ? "{}" : std::move(payload),
                              .enqueued_millis = now,
                              .next_attempt_millis = now};
  store_->Enqueue(invocation,
                  [this, invocation, done = std::move(done)](Result<int64_t> id) mutable {
                    if (!id.ok()) {
                      done(id.status());
                      return;
                    }
                    invocation.id = *id;
                    std::string request_id = invocation.request_id;
                    Schedule(std::move(invocation));
                    done(std::move(request_id));
                  });
}

void LambdaEngine::Schedule(QueuedInvocation invocation) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    const int64_t due = invocation.next_attempt_millis;
    queued_.emplace(due, std::move(invocation));
  }
  cv_.notify_all();
}

void LambdaEngine::Dispatch() {
  std::unique_lock<std::mutex> lock(mu_);
  while (!stopping_) {
    const int64_t now = clock_.NowMillis();
    if (!queued_.empty() && queued_.begin()->first <= now &&
        num_async_in_flight_ < options_.max_async_in_flight) {
      QueuedInvocation invocation = std::move(queued_.begin()->second);
      queued_.erase(queued_.begin());
      ++num_async_in_flight_;
      lock.unlock();
      workers_->Post([this, invocation = std::move(invocation)]() mutable {
        RunQueued(std::move(invocation));
      });
      lock.lock();
      continue;
    }
    std::chrono::milliseconds wait = kDispatchPoll;
    if (!queued_.empty() && num_async_in_flight_ < options_.max_async_in_flight) {
      wait = std::min(wait, std::chrono::milliseconds(queued_.begin()->first - now));
    }
    cv_.wait_for(lock, wait);
  }
}

void LambdaEngine::RunQueued(QueuedInvocation invocation) {
  Result<InvokeResult> result =
      RunInvocation(invocation.function, invocation.request_id, invocation.payload);
  bool stopping = false;
  auto finished = [this] {
    {
      std::lock_guard<std::mutex> lock(mu_);
      --num_async_in_flight_;
    }
    cv_.notify_all();
  };
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping = stopping_;
  }
  if (stopping) {
    // Shutdown cut the run short: the row stays and runs again after the restart.
    finished();
    return;
  }
  if (!result.ok() && (result.status().code() == StatusCode::kThrottled ||
                       result.status().code() == StatusCode::kResourceExhausted)) {
    // Throttled: no attempt is spent; it waits for room within its maximum age.
    RetryThrottled(std::move(invocation));
    finished();
    return;
  }
  if (!result.ok() && result.status().code() == StatusCode::kNotFound) {
    // The function is gone: nothing will ever run this invocation.
    store_->Dequeue(invocation.id, nullptr);
    finished();
    return;
  }
  const bool succeeded = result.ok() && result->function_error.empty();
  Result<FunctionConfig> function = [&]() -> Result<FunctionConfig> {
    STRATUS_ASSIGN_OR_RETURN(ResolvedFunction resolved,
                             Resolve(invocation.function, /*route=*/false));
    return std::move(resolved.config);
  }();
  const int max_attempts = function.ok()
                               ? function->maximum_retry_attempts.value_or(kDefaultRetryAttempts)
                               : kDefaultRetryAttempts;
  const int64_t max_age_millis =
      1000 * (function.ok() ? function->maximum_event_age_seconds.value_or(
                                  static_cast<int>(kDefaultMaxEventAgeSeconds))
                            : kDefaultMaxEventAgeSeconds);
  const int64_t now = clock_.NowMillis();
  const int runs = invocation.attempts + 1;
  invocation.attempts += succeeded ? 0 : 1;
  const int64_t next = now + kRetryDelayMillis * invocation.attempts;
  const bool too_old = next - invocation.enqueued_millis > max_age_millis;
  if (succeeded || invocation.attempts > max_attempts || too_old) {
    if (!succeeded) {
      kLambdaLog.Warn("event invocation dropped function={} request_id={} attempts={}",
                      invocation.function, invocation.request_id, invocation.attempts);
    }
    const std::string destination = !function.ok() ? std::string()
                                    : succeeded    ? function->on_success_destination
                                                   : function->on_failure_destination;
    if (!destination.empty() && destinations_) {
      destinations_(DestinationRecord{
          .destination_arn = destination,
          .condition = succeeded                            ? "Success"
                       : invocation.attempts > max_attempts ? "RetriesExhausted"
                                                            : "EventAgeExceeded",
          .request_id = invocation.request_id,
          .function_name = invocation.function,
          .approximate_invoke_count = runs,
          .timestamp_millis = now,
          .request_payload = invocation.payload,
          .response_payload = result.ok() ? result->payload : std::string(),
          .function_error = result.ok() ? result->function_error : std::string("Unhandled")});
    }
    store_->Dequeue(invocation.id, nullptr);
  } else {
    invocation.next_attempt_millis = next;
    store_->Reschedule(invocation.id, invocation.attempts, next,
                       [this, invocation](Result<bool> stored) mutable {
                         if (stored.ok()) {
                           Schedule(std::move(invocation));
                         }
                       });
  }
  finished();
}

void LambdaEngine::RetryThrottled(QueuedInvocation invocation) {
  Result<ResolvedFunction> resolved = Resolve(invocation.function, /*route=*/false);
  const int64_t max_age_millis =
      1000 * (resolved.ok() ? resolved->config.maximum_event_age_seconds.value_or(
                                  static_cast<int>(kDefaultMaxEventAgeSeconds))
                            : kDefaultMaxEventAgeSeconds);
  const int64_t now = clock_.NowMillis();
  if (now + kThrottleRetryMillis - invocation.enqueued_millis <= max_age_millis) {
    // Only in memory: the stored row keeps its due time and runs at once after a restart.
    invocation.next_attempt_millis = now + kThrottleRetryMillis;
    Schedule(std::move(invocation));
    return;
  }
  kLambdaLog.Warn("throttled event invocation dropped function={} request_id={}",
                  invocation.function, invocation.request_id);
  const std::string destination =
      resolved.ok() ? resolved->config.on_failure_destination : std::string();
  if (!destination.empty() && destinations_) {
    destinations_(DestinationRecord{.destination_arn = destination,
                                    .condition = "EventAgeExceeded",
                                    .request_id = invocation.request_id,
                                    .function_name = invocation.function,
                                    .approximate_invoke_count = invocation.attempts,
                                    .timestamp_millis = now,
                                    .request_payload = invocation.payload,
                                    .response_payload = {},
                                    .function_error = "Unhandled"});
  }
  store_->Dequeue(invocation.id, nullptr);
}

}  // namespace stratus::lambda
