#include "sts/errors.h"

#include <utility>

namespace stratus::sts {
namespace {

constexpr int kBadRequest = 400;
constexpr int kForbidden = 403;
constexpr int kServerError = 500;

}  // namespace

Status StsError::AccessDenied(std::string message) {
  return Status::PermissionDenied(std::move(message)).WithAwsType("AccessDenied", kForbidden);
}

Status StsError::Validation(std::string message) {
  return Status::InvalidArgument(std::move(message)).WithAwsType("ValidationError", kBadRequest);
}

Status StsError::FromEngine(const Status& status) {
  if (status.ok() || !status.aws_type().empty()) {
    return status;
  }
  if (status.code() == StatusCode::kInvalidArgument) {
    return status.WithAwsType("InvalidParameterValue", kBadRequest);
  }
  return status.WithAwsType("ServiceFailure", kServerError);
}

}  // namespace stratus::sts
