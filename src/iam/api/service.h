#pragma once

#include <memory>
#include <string>

#include "aws/service.h"
#include "base/result.h"

namespace stratus::iam {

class IamStore;

/// IAM as the server runs it, and its store.
struct OpenedIam {
  std::unique_ptr<aws::Service> service = nullptr;
  /// Owned by `service`; for STS and the front door's credential lookup.
  IamStore* store = nullptr;
};

/// Opens IAM for the server: `<data_dir>/iam.db` (see IamStore) with the
/// API handlers on it.
Result<OpenedIam> OpenIam(const aws::ServiceEnvironment& environment, std::string account_id);

}  // namespace stratus::iam
