#pragma once

#include <memory>

#include "aws/service.h"
#include "base/result.h"

namespace stratus::s3::api {

/// Opens S3 for the server: `<data_dir>/s3.db` and the blobs under
/// `<data_dir>/s3/` (see s3::Engine), with the API handlers on them.
Result<std::unique_ptr<aws::Service>> OpenS3(const aws::ServiceEnvironment& environment);

}  // namespace stratus::s3::api
