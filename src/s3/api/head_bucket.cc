#include "aws/arn.h"
#include "s3/api/handlers.h"
#include "s3/api/request_fields.h"
#include "s3/api/s3_service.h"

namespace stratus::s3::api::handlers {

Result<Json> HeadBucket(S3Service& service,
                        const aws::RequestContext& /*context*/,
                        const Json& input) {
  STRATUS_ASSIGN_OR_RETURN(std::string name, RequiredString(input, "Bucket"));
  STRATUS_ASSIGN_OR_RETURN(BucketInfo bucket, service.engine().FindBucket(name));
  return Json{{"BucketRegion", bucket.region},
              {"AccessPointAlias", false},
              {"BucketArn", aws::MakeGlobalArn("s3", bucket.region, "", bucket.name)}};
}

}  // namespace stratus::s3::api::handlers
