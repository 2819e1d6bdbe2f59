#include "sqs/api/visibility_change_error.h"

#include "sqs/api/errors.h"

namespace stratus::sqs {

Status VisibilityChangeError(const Status& status) {
  if (!status.aws_type().empty()) {
    return status;
  }
  switch (status.code()) {
    case StatusCode::kInvalidArgument:
      return SqsError::ReceiptHandleIsInvalid(status.message());
    case StatusCode::kNotFound:
      return SqsError::InvalidParameterValue(status.message());
    case StatusCode::kFailedPrecondition:
      return SqsError::MessageNotInflight();
    default:
      return status;
  }
}

}  // namespace stratus::sqs
