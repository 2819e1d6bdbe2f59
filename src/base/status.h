#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>

namespace stratus {

/// The closed set of failure kinds. Each is a user error (4xx) or an internal
/// error (5xx); see IsUserError().
enum class StatusCode : uint8_t {
  kOk = 0,
  kInvalidArgument,
  kNotFound,
  kAlreadyExists,
  kFailedPrecondition,
  kThrottled,
  kUnauthenticated,
  kPermissionDenied,
  kResourceExhausted,
  kCancelled,
  kTimeout,
  kIoError,
  kCorruption,
  kNotImplemented,
  kInternal,
};

/// Returns the enumerator's name without the k, e.g. "NotFound".
std::string_view StatusCodeName(StatusCode code);

/// Returns true for codes caused by the caller's input (HTTP 4xx).
bool IsUserError(StatusCode code);

/// The outcome of an operation: Ok, or a code with a message. A Status may
/// also carry the AWS error type ("AWS.SimpleQueueService.NonExistentQueue")
/// and HTTP status that the wire layer sends; only <svc>/api/errors.h sets them.
///
/// Thread safety: a Status is a value; distinct objects may be used freely.
class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(StatusCode code, std::string message);

  static Status Ok() { return {}; }

  static Status InvalidArgument(std::string message);
  static Status NotFound(std::string message);
  static Status AlreadyExists(std::string message);
  static Status FailedPrecondition(std::string message);
  static Status Throttled(std::string message);
  static Status Unauthenticated(std::string message);
  static Status PermissionDenied(std::string message);
  static Status ResourceExhausted(std::string message);
  static Status Cancelled(std::string message);
  static Status Timeout(std::string message);
  static Status IoError(std::string message);
  static Status Corruption(std::string message);
  static Status NotImplemented(std::string message);
  static Status Internal(std::string message);

  bool ok() const { return state_ == nullptr; }

  StatusCode code() const { return state_ ? state_->code : StatusCode::kOk; }

  const std::string& message() const;

  /// The AWS error code the wire layer sends; empty means "derive from code()".
  const std::string& aws_type() const;

  /// The HTTP status the wire layer sends; 0 means "derive from code()".
  int http_status() const { return state_ ? state_->http_status : 0; }

  /// Returns a copy tagged with an AWS error code and, optionally, an HTTP status.
  Status WithAwsType(std::string aws_type, int http_status = 0) const;

  /// Returns "NotFound: message" (and the AWS type when set).
  std::string ToString() const;

  friend bool operator==(const Status& a, const Status& b) {
    return a.code() == b.code() && a.message() == b.message();
  }

 private:
  struct State {
    StatusCode code = StatusCode::kOk;
    std::string message = {};
    std::string aws_type = {};
    int http_status = 0;
  };

  // Null when ok; shared so that copies are cheap. Never mutated after creation.
  std::shared_ptr<const State> state_;
};

}  // namespace stratus

#define STRATUS_STATUS_CONCAT_INNER(a, b) a##b
#define STRATUS_STATUS_CONCAT(a, b) STRATUS_STATUS_CONCAT_INNER(a, b)

#define STRATUS_RETURN_IF_ERROR_IMPL(tmp, expr) \
  do {                                          \
    ::stratus::Status tmp = (expr);             \
    if (!tmp.ok())                              \
      return tmp;                               \
  } while (false)

/// Returns from the enclosing function if `expr` (a Status) is not ok. Each
/// use has its own variable, so that `expr` may hold a lambda that uses the
/// macro too.
#define STRATUS_RETURN_IF_ERROR(expr) \
  STRATUS_RETURN_IF_ERROR_IMPL(STRATUS_STATUS_CONCAT(stratus_status_, __COUNTER__), expr)
