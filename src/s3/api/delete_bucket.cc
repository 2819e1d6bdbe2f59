#include "s3/api/handlers.h"
#include "s3/api/reply.h"
#include "s3/api/request_fields.h"
#include "s3/api/s3_service.h"

namespace stratus::s3::api::handlers {

void DeleteBucket(S3Service& service,
                  const aws::RequestContext& /*context*/,
                  const Json& input,
                  aws::Reply reply) {
  Result<std::string> name = RequiredString(input, "Bucket");
  if (!name.ok()) {
    reply(name.status());
    return;
  }
  service.engine().DeleteBucket(*name, ReplyEmpty(std::move(reply)));
}

}  // namespace stratus::s3::api::handlers
