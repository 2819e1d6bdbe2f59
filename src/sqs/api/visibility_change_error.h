#pragma once

#include "base/status.h"

namespace stratus::sqs {

/// Maps an engine visibility-change status to its AWS error: InvalidArgument
/// → ReceiptHandleIsInvalid, NotFound → InvalidParameterValue (the message
/// is gone), FailedPrecondition → MessageNotInflight.
Status VisibilityChangeError(const Status& status);

}  // namespace stratus::sqs
