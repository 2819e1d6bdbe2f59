#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "base/result.h"
#include "lambda/runtime/sandbox.h"

namespace stratus::lambda {

struct SandboxPoolOptions {
  /// Processes per function at once (busy and idle); one more invocation
  /// is TooManyRequestsException, as AWS answers past a function's concurrency.
  size_t max_per_function = 10;
  /// An idle process is stopped after this long.
  std::chrono::steady_clock::duration idle_timeout = std::chrono::minutes(10);
};

/// Warm function processes, reused across invocations. A sandbox belongs to
/// one function *revision* (its code and configuration); an update makes the
/// idle ones of older revisions stop, and busy ones stop when they come back.
///
/// Thread safety: every method is safe from any thread. Starting and
/// stopping processes happens outside the pool's lock.
class SandboxPool {
 public:
  explicit SandboxPool(SandboxPoolOptions options) : options_(options) {}

  SandboxPool(const SandboxPool&) = delete;
  SandboxPool& operator=(const SandboxPool&) = delete;
  ~SandboxPool();

  /// Returns an idle sandbox of `function` at `revision`, or one started
  /// with make() (then *cold is true). TooManyRequestsException when the
  /// function already has max_per_function busy processes.
  Result<std::unique_ptr<Sandbox>> Acquire(const std::string& function,
                                           const std::string& revision,
                                           const std::function<Result<SandboxOptions>()>& make,
                                           bool* cold);

  /// Gives a sandbox back: kept warm when it is alive and its revision is
  /// still the function's newest, else stopped.
  void Release(const std::string& function,
               const std::string& revision,
               std::unique_ptr<Sandbox> sandbox);

  /// Stops the function's idle sandboxes and marks busy ones to stop on release.
  void Retire(const std::string& function);

  /// Stops every idle sandbox and kills the busy ones (their invocations
  /// end with Runtime.ExitError). Idempotent.
  void Stop();

 private:
  struct Idle {
    std::string revision = {};
    std::unique_ptr<Sandbox> sandbox = nullptr;
    std::chrono::steady_clock::time_point since = {};
  };

  struct FunctionSandboxes {
    std::string revision = {};  // The newest revision acquired.
    size_t num_busy = 0;
    std::vector<Idle> idle = {};
  };

  // Moves idle sandboxes past their idle timeout into `out`. REQUIRES: mu_ held.
  void CollectExpiredLocked(std::vector<std::unique_ptr<Sandbox>>& out);

  const SandboxPoolOptions options_;
  std::mutex mu_;
  std::map<std::string, FunctionSandboxes> functions_;  // Guarded by mu_.
  std::set<Sandbox*> busy_;                             // Guarded by mu_.
  bool stopped_ = false;                                // Guarded by mu_.
};

}  // namespace stratus::lambda
