#pragma once

#include <memory>

#include "aws/service.h"
#include "base/result.h"

namespace stratus::sqs {

/// Opens SQS for the server: `<data_dir>/sqs.db` and the queue service on it.
/// Start() loads the queues and starts the scheduler.
Result<std::unique_ptr<aws::Service>> OpenSqs(const aws::ServiceEnvironment& environment);

}  // namespace stratus::sqs
