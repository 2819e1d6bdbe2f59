#include "base/format.h"
#include "s3/api/handlers.h"
#include "s3/api/raw_body.h"
#include "s3/api/request_fields.h"
#include "s3/api/s3_service.h"

namespace stratus::s3::api::handlers {

// AWS: the answer is the bare <LocationConstraint> element (empty for
// us-east-1), not a structure of the output shape's name; SDKs read the
// root's text.
Result<Json> GetBucketLocation(S3Service& service,
                               const aws::RequestContext& context,
                               const Json& input) {
  STRATUS_ASSIGN_OR_RETURN(std::string name, RequiredString(input, "Bucket"));
  STRATUS_ASSIGN_OR_RETURN(BucketInfo bucket, service.engine().FindBucket(name));
  const std::string constraint = bucket.region == "us-east-1" ? "" : bucket.region;
  if (SetRawXmlBody(context, Format("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                                    "<LocationConstraint xmlns=\"http://s3.amazonaws.com/doc/"
                                    "2006-03-01/\">{}</LocationConstraint>",
                                    constraint))) {
    return Json::object();
  }
  Json output = Json::object();
  if (!constraint.empty()) {
    output["LocationConstraint"] = constraint;
  }
  return output;
}

}  // namespace stratus::s3::api::handlers
