#include "sql/types/sql_error.h"

namespace stratus::sql {

Status SqlError(std::string_view error_name, std::string message) {
  Status status;
  if (error_name == kExceededMemoryLimit) {
    status = Status::ResourceExhausted(std::move(message));
  } else if (error_name == kUserCancelled) {
    status = Status::Cancelled(std::move(message));
  } else if (error_name == kGenericInternalError) {
    status = Status::Internal(std::move(message));
  } else {
    status = Status::InvalidArgument(std::move(message));
  }
  return status.WithAwsType(std::string(error_name));
}

std::string SqlErrorName(const Status& status) {
  if (!status.aws_type().empty()) {
    return status.aws_type();
  }
  if (status.code() == StatusCode::kInternal) {
    return std::string(kGenericInternalError);
  }
  if (status.code() == StatusCode::kCancelled) {
    return std::string(kUserCancelled);
  }
  return std::string(kGenericUserError);
}

bool IsSystemError(const Status& status) {
  const std::string name = SqlErrorName(status);
  return name == kGenericInternalError || status.code() == StatusCode::kIoError ||
         status.code() == StatusCode::kCorruption;
}

}  // namespace stratus::sql
