#pragma once

#include <memory>

#include "aws/service.h"
#include "base/result.h"

namespace stratus::logs {

class LogStore;

/// CloudWatch Logs as the server runs it, and its store.
struct OpenedLogs {
  std::unique_ptr<aws::Service> service = nullptr;
  /// Owned by `service`; for in-process writers (the Lambda runtime).
  LogStore* store = nullptr;
};

/// Opens CloudWatch Logs for the server: `<data_dir>/logs.db` (see LogStore)
/// with the API handlers on it.
Result<OpenedLogs> OpenLogs(const aws::ServiceEnvironment& environment);

}  // namespace stratus::logs
