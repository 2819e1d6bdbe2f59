#include "s3/api/handlers.h"
#include "s3/api/object_read.h"

namespace stratus::s3::api::handlers {

Result<Json> GetObject(S3Service& service, const aws::RequestContext& context, const Json& input) {
  return ServeObject(service, context, input, /*with_body=*/true);
}

}  // namespace stratus::s3::api::handlers
