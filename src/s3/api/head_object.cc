#include "s3/api/handlers.h"
#include "s3/api/object_read.h"

namespace stratus::s3::api::handlers {

Result<Json> HeadObject(S3Service& service, const aws::RequestContext& context, const Json& input) {
  return ServeObject(service, context, input, /*with_body=*/false);
}

}  // namespace stratus::s3::api::handlers
