#pragma once

#include <string>

#include "base/status.h"

namespace stratus::sts {

/// The STS errors, each tagged with the code STS answers: the only place in
/// sts/ that sets AWS error types.
///
/// AWS: AssumeRole of a role that does not exist (or that the caller may
/// not assume) is AccessDenied (403) "User: ARN is not authorized to perform:
/// sts:AssumeRole on resource: ROLE_ARN". Pinned by test/wire/test_sts.py.
class StsError {
 public:
  /// AccessDenied (403).
  static Status AccessDenied(std::string message);
  /// ValidationError (400).
  static Status Validation(std::string message);

  /// Keeps tagged statuses; untagged ones become InvalidParameterValue
  /// (user errors) or ServiceFailure (the rest).
  static Status FromEngine(const Status& status);
};

}  // namespace stratus::sts
