#include "base/status.h"

namespace stratus {

std::string_view StatusCodeName(StatusCode code) {
  switch (code) {
    case StatusCode::kOk:
      return "Ok";
    case StatusCode::kInvalidArgument:
      return "InvalidArgument";
    case StatusCode::kNotFound:
      return "NotFound";
    case StatusCode::kAlreadyExists:
      return "AlreadyExists";
    case StatusCode::kFailedPrecondition:
      return "FailedPrecondition";
    case StatusCode::kThrottled:
      return "Throttled";
    case StatusCode::kUnauthenticated:
      return "Unauthenticated";
    case StatusCode::kPermissionDenied:
      return "PermissionDenied";
    case StatusCode::kResourceExhausted:
      return "ResourceExhausted";
    case StatusCode::kCancelled:
      return "Cancelled";
    case StatusCode::kTimeout:
      return "Timeout";
    case StatusCode::kIoError:
      return "IoError";
    case StatusCode::kCorruption:
      return "Corruption";
    case StatusCode::kNotImplemented:
      return "NotImplemented";
    case StatusCode::kInternal:
      return "Internal";
  }
  return "Unknown";
}

bool IsUserError(StatusCode code) {
  switch (code) {
    case StatusCode::kInvalidArgument:
    case StatusCode::kNotFound:
    case StatusCode::kAlreadyExists:
    case StatusCode::kFailedPrecondition:
    case StatusCode::kThrottled:
    case StatusCode::kUnauthenticated:
    case StatusCode::kPermissionDenied:
    case StatusCode::kResourceExhausted:
    case StatusCode::kCancelled:
      return true;
    default:
      return false;
  }
}

Status::Status(StatusCode code, std::string message) {
  if (code != StatusCode::kOk) {
    state_ = std::make_shared<const State>(State{.code = code, .message = std::move(message)});
  }
}

const std::string& Status::message() const {
  static const std::string kEmpty;
  return state_ ? state_->message : kEmpty;
}

const std::string& Status::aws_type() const {
  static const std::string kEmpty;
  return state_ ? state_->aws_type : kEmpty;
}

Status Status::WithAwsType(std::string aws_type, int http_status) const {
  if (ok()) {
    return *this;
  }
  Status tagged;
  tagged.state_ = std::make_shared<const State>(State{.code = state_->code,
                                                      .message = state_->message,
                                                      .aws_type = std::move(aws_type),
                                                      .http_status = http_status});
  return tagged;
}

std::string Status::ToString() const {
  if (ok()) {
    return "Ok";
  }
  std::string out(StatusCodeName(code()));
  if (!aws_type().empty()) {
    out += " (" + aws_type() + ")";
  }
  out += ": " + message();
  return out;
}

#define STRATUS_STATUS_FACTORY(name)                        \
  Status Status::name(std::string message) {                \
    return Status(StatusCode::k##name, std::move(message)); \
  }

STRATUS_STATUS_FACTORY(InvalidArgument)
STRATUS_STATUS_FACTORY(NotFound)
STRATUS_STATUS_FACTORY(AlreadyExists)
STRATUS_STATUS_FACTORY(FailedPrecondition)
STRATUS_STATUS_FACTORY(Throttled)
STRATUS_STATUS_FACTORY(Unauthenticated)
STRATUS_STATUS_FACTORY(PermissionDenied)
STRATUS_STATUS_FACTORY(ResourceExhausted)
STRATUS_STATUS_FACTORY(Cancelled)
STRATUS_STATUS_FACTORY(Timeout)
STRATUS_STATUS_FACTORY(IoError)
STRATUS_STATUS_FACTORY(Corruption)
STRATUS_STATUS_FACTORY(NotImplemented)
STRATUS_STATUS_FACTORY(Internal)

#undef STRATUS_STATUS_FACTORY

}  // namespace stratus
