#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <sys/types.h>

#include "base/result.h"
#include "http/message.h"
#include "lambda/runtime/log_sink.h"

namespace stratus {
class Clock;
}  // namespace stratus

namespace stratus::http {
class Server;
}  // namespace stratus::http

namespace stratus::lambda {

// The model: one Sandbox is one function process — AWS's "execution
// environment" — and the Lambda Runtime API it talks to.
//
// The Runtime API. Every sandbox serves its own Runtime API on an ephemeral
// loopback port (AWS_LAMBDA_RUNTIME_API=127.0.0.1:PORT), rather than one
// server shared by every process. The paths are fixed by AWS
// (/2018-06-01/runtime/invocation/next, /{id}/response, /{id}/error,
// /init/error) and carry nothing that says which process is calling, so a
// port of its own is what ties a poll for work to the process that made it:
// when that process crashes or times out we know exactly which invocation it
// held, and a stray or stale client cannot take another process's work. The
// cost is one listening socket and one I/O thread per warm process, which
// the pool bounds by the function's concurrency. Any Runtime API client
// (AWS's runtime interface clients, a shell `bootstrap` using curl) works
// unchanged.
//
// States. Starting → Ready (its first /next is parked) → Busy (an invocation
// was handed out; /response or /error ends it) → Ready … or Dead: the
// process exited, posted /init/error, or was killed for a timeout. A dead
// sandbox is never reused; the pool starts another.
//
// Output. stdout and stderr share one pipe; a reader thread cuts it into
// lines and appends them to the LogSink (CloudWatch Logs group
// /aws/lambda/NAME, one stream per process) together with the START, END
// and REPORT lines, in batches per read, never per line. Before the END line
// the invoking thread drains the pipe, so that everything the handler wrote
// before answering is in the invocation's log — and in its LogType=Tail.
//
// Isolation. With bubblewrap (the pool decides whether it works here) the
// process sees its code read-only at /var/task, the bootstraps at
// /var/runtime, a private /tmp and the rest of the system read-only; without
// it, LAMBDA_TASK_ROOT is the unpacked code in the data dir.
//
// Threads: Invoke() blocks its caller until the invocation ends; one
// invocation at a time per sandbox (the pool guarantees it). The Runtime API
// handlers run on the sandbox's I/O thread, the output reader on its own.

/// How to start one function process.
struct SandboxOptions {
  std::vector<std::string> argv = {};                   // argv[0] is looked up on PATH.
  std::map<std::string, std::string> environment = {};  // Besides AWS_LAMBDA_RUNTIME_API.
  std::string working_directory = {};
  /// bwrap's arguments up to and including "--", or empty to run directly.
  std::vector<std::string> isolation = {};
  std::string log_group = {};
  std::string log_stream = {};
  std::string function_version = "$LATEST";
  int memory_mb = 128;
  LogSink* logs = nullptr;
  const Clock* clock = nullptr;
};

/// One invocation handed to a sandbox.
struct SandboxInvocation {
  std::string request_id = {};
  std::string payload = {};
  std::string function_arn = {};
  std::string trace_id = {};
  std::chrono::milliseconds timeout = std::chrono::seconds(3);
};

/// How an invocation ended.
struct SandboxOutcome {
  std::string payload = {};         // The response, or the error document.
  std::string function_error = {};  // "" on success, else "Unhandled".
  std::string log = {};             // The invocation's log lines, START to REPORT.
  double duration_millis = 0;
};

/// One function process and its Runtime API. See the essay above.
///
/// Thread safety: Invoke() from one thread at a time; alive() and Stop()
/// from any thread. Stop() must be called before destruction.
class Sandbox {
 public:
  Sandbox(const Sandbox&) = delete;
  Sandbox& operator=(const Sandbox&) = delete;
  ~Sandbox();

  /// Starts the Runtime API server and the process.
  static Result<std::unique_ptr<Sandbox>> Start(SandboxOptions options);

  /// Runs one invocation to its end: a response, an error, a crash or the
  /// timeout (which kills the process).
  SandboxOutcome Invoke(const SandboxInvocation& invocation);

  /// Returns false once the process is gone or was killed.
  bool alive() const;

  /// Kills the process group without waiting: a running Invoke() then ends
  /// with Runtime.ExitError. For shutdown, from any thread.
  void Kill();

  /// Kills the process group, stops the server and joins the reader. Idempotent.
  void Stop();

 private:
  enum class Phase : uint8_t { kIdle, kQueued, kDelivered, kFinished };

  explicit Sandbox(SandboxOptions options);
  Status Spawn(uint16_t port);
  void HandleRuntimeApi(http::Request request, http::Responder respond);
  // Hands the queued invocation to a /next poll. REQUIRES: mu_ held.
  http::Response DeliverLocked();
  void Finish(std::string payload, std::string function_error);
  void ReadOutput();
  bool ReadAvailable();
  void EmitLines(std::vector<std::string> lines);
  void Emit(std::string line);
  int64_t MaxMemoryUsedMb();

  const SandboxOptions options_;
  std::unique_ptr<http::Server> server_;
  std::thread reader_;
  pid_t pid_ = -1;
  int output_fd_ = -1;
  // /proc/PID/status of the function's process, opened at the first REPORT
  // and re-read there with pread. Used by Invoke() only; closed by the destructor.
  int status_fd_ = -1;

  std::mutex output_mu_;      // Serializes reads of the pipe.
  std::string partial_line_;  // Guarded by output_mu_.

  mutable std::mutex mu_;
  std::condition_variable cv_;
  Phase phase_ = Phase::kIdle;                  // Guarded by mu_.
  SandboxInvocation current_;                   // Guarded by mu_.
  int64_t deadline_millis_ = 0;                 // Guarded by mu_.
  std::optional<http::Responder> parked_next_;  // Guarded by mu_.
  std::string result_payload_;                  // Guarded by mu_.
  std::string result_error_;                    // Guarded by mu_.
  std::optional<std::string> init_error_;       // Guarded by mu_.
  bool exited_ = false;                         // Guarded by mu_.
  int exit_status_ = 0;                         // Guarded by mu_.
  bool killed_ = false;                         // Guarded by mu_.
  bool out_of_memory_ = false;                  // Guarded by mu_.
  bool stopped_ = false;                        // Guarded by mu_.
  std::string invocation_log_;                  // Guarded by mu_.
  bool collecting_log_ = false;                 // Guarded by mu_.
};

}  // namespace stratus::lambda
