#pragma once

#include <string>
#include <string_view>

#include "base/status.h"

namespace stratus::lambda {

/// The Lambda errors, each tagged with its exception name: the only place in
/// lambda/ that sets AWS error types.
///
/// AWS: "Function not found: arn:aws:lambda:REGION:ACCOUNT:function:NAME",
/// "Function already exist: NAME", "Request must be smaller than 6291456
/// bytes for the InvokeFunction operation". Pinned by test/wire/test_lambda.py.
class LambdaError {
 public:
  static Status FunctionNotFound(std::string_view arn);
  static Status FunctionExists(std::string_view name);
  static Status InvalidParameter(std::string message);
  /// AWS: "Cannot find alias arn: arn:aws:lambda:REGION:ACCOUNT:function:NAME:ALIAS".
  static Status AliasNotFound(std::string_view arn);
  /// AWS: a RevisionId that is not the current one (HTTP 412).
  static Status PreconditionFailed(std::string message);
  static Status RequestTooLarge(std::string message);
  static Status InvalidRequestContent(std::string message);
  /// AWS: "Rate Exceeded." past the processes a function may have at once
  /// (Reason ConcurrentInvocationLimitExceeded); code kResourceExhausted.
  static Status TooManyRequests(std::string message);
  /// AWS: "Rate Exceeded." past the function's reserved concurrency (Reason
  /// ReservedFunctionConcurrentInvocationLimitExceeded); code kThrottled.
  static Status ReservedConcurrencyExceeded();
  /// Returns the TooManyRequestsException's Reason member for a throttling
  /// status of the two above, or "" for any other status.
  static std::string_view ThrottleReason(const Status& status);
  /// AWS: a reservation that would leave less than the account's minimum unreserved.
  static Status UnreservedBelowMinimum(int minimum);
  static Status Service(std::string message);

  /// Keeps tagged statuses; maps untagged ones by code (NotFound →
  /// ResourceNotFoundException, AlreadyExists → ResourceConflictException,
  /// InvalidArgument → InvalidParameterValueException, Throttled →
  /// TooManyRequestsException, the rest → ServiceException).
  static Status FromEngine(const Status& status);
};

}  // namespace stratus::lambda
