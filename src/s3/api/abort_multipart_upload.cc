#include "s3/api/handlers.h"
#include "s3/api/reply.h"
#include "s3/api/request_fields.h"
#include "s3/api/s3_service.h"

namespace stratus::s3::api::handlers {

void AbortMultipartUpload(S3Service& service,
                          const aws::RequestContext& /*context*/,
                          const Json& input,
                          aws::Reply reply) {
  Result<std::string> bucket = RequiredString(input, "Bucket");
  Result<std::string> key = RequiredString(input, "Key");
  Result<std::string> upload_id = RequiredString(input, "UploadId");
  if (!bucket.ok() || !key.ok() || !upload_id.ok()) {
    reply(!bucket.ok() ? bucket.status() : !key.ok() ? key.status() : upload_id.status());
    return;
  }
  service.engine().AbortUpload(*bucket, *key, *upload_id, ReplyEmpty(std::move(reply)));
}

}  // namespace stratus::s3::api::handlers
