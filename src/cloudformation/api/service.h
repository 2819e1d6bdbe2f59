#pragma once

#include <memory>

#include "aws/service.h"
#include "base/result.h"

namespace stratus::cloudformation {

/// Opens CloudFormation for the server: `<data_dir>/cloudformation.db` (see
/// StackEngine) with the API handlers on it. Its resource providers are built
/// in Start() over the finished operation table, so it is registered after
/// every service it deploys resources of.
Result<std::unique_ptr<aws::Service>> OpenCloudFormation(
    const aws::ServiceEnvironment& environment);

}  // namespace stratus::cloudformation
