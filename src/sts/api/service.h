#pragma once

#include <memory>

#include "aws/service.h"
#include "base/result.h"

namespace stratus::iam {
class IamStore;
}  // namespace stratus::iam

namespace stratus::sts {

/// Opens STS for the server. It keeps its temporary credentials in IAM's
/// store. REQUIRES: `store` outlives the service (IAM opens first and
/// stops last).
Result<std::unique_ptr<aws::Service>> OpenSts(const aws::ServiceEnvironment& environment,
                                              iam::IamStore& store);

}  // namespace stratus::sts
