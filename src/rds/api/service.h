#pragma once

#include <memory>
#include <string>

#include "aws/service.h"
#include "base/result.h"

namespace stratus::rds {

/// What RDS needs beyond aws::ServiceEnvironment.
struct RdsDependencies {
  std::string region = "us-east-1";
  std::string account_id = "000000000000";
};

/// Opens RDS for the server: `<data_dir>/rds.db` and the servers under
/// `<data_dir>/rds/`, with MySQL fronts as endpoints (Aurora's S3 statements
/// run against environment.lake). Servers start in Start() and stop in Stop().
Result<std::unique_ptr<aws::Service>> OpenRds(const aws::ServiceEnvironment& environment,
                                              const RdsDependencies& dependencies);

}  // namespace stratus::rds
