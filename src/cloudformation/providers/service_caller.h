#pragma once

#include <chrono>
#include <functional>
#include <string>
#include <string_view>

#include "base/json.h"
#include "base/result.h"

namespace stratus {
class Clock;
class IdGenerator;
}  // namespace stratus

namespace stratus::aws {
class OperationTable;
}  // namespace stratus::aws

namespace stratus::cloudformation {

struct StackIdentity;

/// Calls service operations for the providers, synchronously: builds the
/// in-process request context of the stack's account and region, invokes the
/// operation through the operation table and waits for its reply. Also polls
/// a describe operation until the resource reaches a state (an RDS instance
/// becoming "available").
///
/// Thread safety: every method may be called from several threads at once.
/// The table, clock and ids must outlive the caller.
class ServiceCaller {
 public:
  ServiceCaller(const aws::OperationTable& table, const Clock& clock, IdGenerator& ids);
  ServiceCaller(const ServiceCaller&) = delete;
  ServiceCaller& operator=(const ServiceCaller&) = delete;

  /// Runs `service`:`operation` with `input` (shaped like the model's input
  /// shape) and returns its output. A failure keeps the service's status code
  /// and AWS error type; its message names the operation.
  Result<Json> Call(const StackIdentity& stack,
                    std::string_view service,
                    std::string_view operation,
                    Json input) const;

  /// Whether a polled resource is where the waiter wants it: kDone stops
  /// with success, kPending polls again, an error stops with that error
  /// (a resource that went to "failed").
  enum class Poll : uint8_t { kPending, kDone };
  using PollCheck = std::function<Result<Poll>(const Json& output)>;

  struct WaitOptions {
    std::chrono::milliseconds interval = std::chrono::milliseconds(500);
    std::chrono::milliseconds timeout = std::chrono::minutes(30);
    /// How the timeout error names what was awaited: "DB instance db1 to be available".
    std::string what = {};
    /// Waits for the resource to be gone: a not-found error from the
    /// operation ends the wait with success (an empty object).
    bool until_gone = false;
  };

  /// Calls `operation` every `options.interval` until `check` says kDone
  /// (returns that output), fails, or `options.timeout` passes (a kTimeout
  /// naming `options.what` and the last state seen by `check`).
  Result<Json> WaitFor(const StackIdentity& stack,
                       std::string_view service,
                       std::string_view operation,
                       const Json& input,
                       const PollCheck& check,
                       const WaitOptions& options) const;

  /// Returns the clock the waiter measures time with.
  const Clock& clock() const { return clock_; }

 private:
  const aws::OperationTable& table_;
  const Clock& clock_;
  IdGenerator& ids_;
};

/// Returns whether `status` says the resource does not exist (the services'
/// not-found errors: NoSuchBucket, NonExistentQueue, ResourceNotFoundException,
/// NoSuchEntity, DBInstanceNotFound...).
bool IsNotFound(const Status& status);

}  // namespace stratus::cloudformation
