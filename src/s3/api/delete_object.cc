#include <utility>

#include "s3/api/handlers.h"
#include "s3/api/request_fields.h"
#include "s3/api/s3_service.h"

namespace stratus::s3::api::handlers {

void DeleteObject(S3Service& service,
                  const aws::RequestContext& /*context*/,
                  const Json& input,
                  aws::Reply reply) {
  Result<std::string> bucket = RequiredString(input, "Bucket");
  Result<std::string> key = RequiredString(input, "Key");
  Result<std::optional<std::string>> version_id = OptionalString(input, "VersionId");
  if (!bucket.ok() || !key.ok() || !version_id.ok()) {
    reply(!bucket.ok() ? bucket.status() : !key.ok() ? key.status() : version_id.status());
    return;
  }
  Result<BucketInfo> info = service.engine().FindBucket(*bucket);
  if (!info.ok()) {
    reply(info.status());
    return;
  }
  const bool versioned = info->versioning != VersioningState::kUnversioned;
  service.engine().DeleteObject(
      *bucket, *key, *version_id,
      [versioned, reply = std::move(reply)](Result<DeleteResult> deleted) {
        if (!deleted.ok()) {
          reply(deleted.status());
          return;
        }
        Json output = Json::object();
        if (deleted->delete_marker) {
          output["DeleteMarker"] = true;
        }
        if (versioned && !deleted->version_id.empty()) {
          output["VersionId"] = deleted->version_id;
        }
        reply(std::move(output));
      });
}

}  // namespace stratus::s3::api::handlers
