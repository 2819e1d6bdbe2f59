#include <utility>

#include "aws/arn.h"
#include "base/format.h"
#include "s3/api/handlers.h"
#include "s3/api/request_fields.h"
#include "s3/api/s3_service.h"
#include "s3/bucket_name.h"
#include "s3/errors.h"

namespace stratus::s3::api::handlers {
namespace {

constexpr std::string_view kUsEast1 = "us-east-1";

// AWS: where a bucket lives. In us-east-1 no LocationConstraint (or none at
// all) is the rule and naming us-east-1 is invalid; elsewhere the
// constraint must name the endpoint's region. "EU" is eu-west-1.
Result<std::string> BucketRegion(const aws::RequestContext& context, const Json& input) {
  STRATUS_ASSIGN_OR_RETURN(Json configuration, OptionalObject(input, "CreateBucketConfiguration"));
  STRATUS_ASSIGN_OR_RETURN(std::optional<std::string> constraint,
                           OptionalString(configuration, "LocationConstraint"));
  if (!constraint.has_value() || constraint->empty()) {
    if (context.region != kUsEast1) {
      return S3Error::IllegalLocationConstraint(
          "The unspecified location constraint is incompatible for the region specific "
          "endpoint this request was sent to.");
    }
    return std::string(kUsEast1);
  }
  std::string region = *constraint == "EU" ? "eu-west-1" : *constraint;
  if (context.region == kUsEast1 && region == kUsEast1) {
    return S3Error::InvalidLocationConstraint();
  }
  if (region != context.region) {
    return S3Error::IllegalLocationConstraint(
        Format("The {} location constraint is incompatible for the region specific endpoint "
               "this request was sent to.",
               *constraint));
  }
  return region;
}

}  // namespace

void CreateBucket(S3Service& service,
                  const aws::RequestContext& context,
                  const Json& input,
                  aws::Reply reply) {
  Result<std::string> name = RequiredString(input, "Bucket");
  if (!name.ok()) {
    reply(name.status());
    return;
  }
  if (Status valid = ValidateBucketName(*name); !valid.ok()) {
    reply(valid);
    return;
  }
  Result<std::string> region = BucketRegion(context, input);
  if (!region.ok()) {
    reply(region.status());
    return;
  }
  Result<std::optional<bool>> object_lock = OptionalBool(input, "ObjectLockEnabledForBucket");
  Result<std::string> ownership = StringOr(input, "ObjectOwnership", "BucketOwnerEnforced");
  if (!object_lock.ok() || !ownership.ok()) {
    reply(!object_lock.ok() ? object_lock.status() : ownership.status());
    return;
  }
  const bool lock = object_lock->value_or(false);
  BucketInfo bucket{.name = *name,
                    .region = *region,
                    .owner_account = context.account_id,
                    .versioning = lock ? VersioningState::kEnabled : VersioningState::kUnversioned,
                    .object_lock_enabled = lock};
  Engine& engine = service.engine();
  std::string bucket_name = *name;
  std::string owned_region = *region;
  std::string ownership_document =
      DumpJson(Json{{"Rules", Json::array({Json{{"ObjectOwnership", *ownership}}})}});
  engine.CreateBucket(std::move(bucket), [&engine, bucket_name, owned_region,
                                          ownership_document = std::move(ownership_document),
                                          reply = std::move(reply)](Result<BucketInfo> created) {
    Json output = {{"Location", "/" + bucket_name},
                   {"BucketArn", aws::MakeGlobalArn("s3", owned_region, "", bucket_name)}};
    if (!created.ok()) {
      // AWS: in us-east-1, creating a bucket you already own succeeds.
      if (created.status().aws_type() == "BucketAlreadyOwnedByYou" && owned_region == kUsEast1) {
        Result<BucketInfo> existing = engine.FindBucket(bucket_name);
        if (existing.ok() && existing->region == kUsEast1) {
          reply(std::move(output));
          return;
        }
      }
      reply(created.status());
      return;
    }
    // AWS: new buckets have ACLs disabled (BucketOwnerEnforced unless the
    // request chose otherwise) and block public access.
    const std::string public_access_block = DumpJson(Json{{"BlockPublicAcls", true},
                                                          {"IgnorePublicAcls", true},
                                                          {"BlockPublicPolicy", true},
                                                          {"RestrictPublicBuckets", true}});
    engine.PutBucketConfig(bucket_name, "ownership", "", ownership_document,
                           [&engine, bucket_name, public_access_block, output = std::move(output),
                            reply](Result<bool> stored) mutable {
                             if (!stored.ok()) {
                               reply(stored.status());
                               return;
                             }
                             engine.PutBucketConfig(
                                 bucket_name, "public-access-block", "", public_access_block,
                                 [output = std::move(output), reply](Result<bool> done) {
                                   if (!done.ok()) {
                                     reply(done.status());
                                     return;
                                   }
                                   reply(output);
                                 });
                           });
  });
}

}  // namespace stratus::s3::api::handlers
