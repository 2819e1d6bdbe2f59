#pragma once

#include <memory>

#include "aws/service.h"
#include "base/result.h"

namespace stratus::lake {
class ObjectStore;
}  // namespace stratus::lake

namespace stratus::s3::api {

/// S3 as the server runs it, and its lake store.
struct OpenedS3 {
  std::unique_ptr<aws::Service> service = nullptr;
  /// The lake over this S3 engine, in process (s3::LakeStore); owned by
  /// `service`, valid until it is destroyed.
  lake::ObjectStore* lake_store = nullptr;
};

/// Opens S3 for the server: `<data_dir>/s3.db` and the blobs under
/// `<data_dir>/s3/` (see s3::Engine), with the API handlers on them.
Result<OpenedS3> OpenS3(const aws::ServiceEnvironment& environment);

}  // namespace stratus::s3::api
