#include "base/digest.h"
#include "s3/api/handlers.h"
#include "s3/api/object_headers.h"
#include "s3/api/owner.h"
#include "s3/api/request_fields.h"
#include "s3/api/s3_service.h"
#include "s3/errors.h"

namespace stratus::s3::api::handlers {

// AWS: ListBuckets pages only when MaxBuckets or a ContinuationToken is
// given (1 to 10,000 buckets a page); the token is opaque, here the base64
// of the last bucket name listed.
Result<Json> ListBuckets(S3Service& service,
                         const aws::RequestContext& context,
                         const Json& input) {
  STRATUS_ASSIGN_OR_RETURN(std::optional<int64_t> max_buckets,
                           OptionalInteger(input, "MaxBuckets"));
  STRATUS_ASSIGN_OR_RETURN(std::string token, StringOr(input, "ContinuationToken", ""));
  STRATUS_ASSIGN_OR_RETURN(std::string prefix, StringOr(input, "Prefix", ""));
  STRATUS_ASSIGN_OR_RETURN(std::string region, StringOr(input, "BucketRegion", ""));
  if (max_buckets.has_value() && (*max_buckets < 1 || *max_buckets > 10000)) {
    return S3Error::InvalidArgument("Argument max-buckets must be an integer between 1 and 10000");
  }
  std::string after;
  if (!token.empty() && !Base64Decode(token, &after)) {
    return S3Error::InvalidArgument("The continuation token provided is incorrect");
  }
  const size_t limit = static_cast<size_t>(max_buckets.value_or(10000));
  Json buckets = Json::array();
  std::string last;
  bool truncated = false;
  for (const BucketInfo& bucket : service.engine().Buckets()) {
    if (bucket.owner_account != context.account_id || !bucket.name.starts_with(prefix) ||
        (!region.empty() && bucket.region != region) || bucket.name <= after) {
      continue;
    }
    if (buckets.size() == limit) {
      truncated = true;
      break;
    }
    buckets.push_back(Json{{"Name", bucket.name},
                           {"CreationDate", Seconds(bucket.created_millis)},
                           {"BucketRegion", bucket.region}});
    last = bucket.name;
  }
  Json output = {{"Buckets", std::move(buckets)}, {"Owner", OwnerJson(context.account_id)}};
  if (!prefix.empty()) {
    output["Prefix"] = prefix;
  }
  if (truncated) {
    output["ContinuationToken"] = Base64Encode(last);
  }
  return output;
}

}  // namespace stratus::s3::api::handlers
