#pragma once

#include <string>

#include "base/status.h"

namespace stratus::logs {

/// The CloudWatch Logs errors, each tagged with its exception name: the only
/// place in logs/ that sets AWS error types.
///
/// AWS: "The specified log group does not exist.", "The specified log stream
/// does not exist.", "The specified log group already exists", "The specified
/// log stream already exists". Pinned by test/wire/test_logs.py.
class LogsError {
 public:
  static Status GroupNotFound();
  static Status StreamNotFound();
  static Status GroupExists();
  static Status StreamExists();
  static Status InvalidParameter(std::string message);
  static Status ServiceUnavailable(std::string message);

  /// Keeps tagged statuses; maps untagged ones by code (NotFound →
  /// ResourceNotFoundException, InvalidArgument → InvalidParameterException,
  /// the rest → ServiceUnavailableException).
  static Status FromEngine(const Status& status);
};

}  // namespace stratus::logs
