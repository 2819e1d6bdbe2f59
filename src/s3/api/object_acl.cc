#include "s3/api/handlers.h"
#include "s3/api/owner.h"
#include "s3/api/request_fields.h"
#include "s3/api/s3_service.h"
#include "s3/errors.h"

namespace stratus::s3::api::handlers {

// AWS: with ACLs disabled (BucketOwnerEnforced, the default for new
// buckets) every object belongs to the bucket owner, who has FULL_CONTROL.
Result<Json> GetObjectAcl(S3Service& service,
                          const aws::RequestContext& /*context*/,
                          const Json& input) {
  STRATUS_ASSIGN_OR_RETURN(std::string bucket, RequiredString(input, "Bucket"));
  STRATUS_ASSIGN_OR_RETURN(std::string key, RequiredString(input, "Key"));
  STRATUS_ASSIGN_OR_RETURN(std::optional<std::string> version_id,
                           OptionalString(input, "VersionId"));
  STRATUS_ASSIGN_OR_RETURN(BucketInfo info, service.engine().FindBucket(bucket));
  STRATUS_ASSIGN_OR_RETURN(
      ObjectVersion version,
      service.engine().GetObject(
          bucket, key,
          version_id.has_value() ? std::optional<std::string_view>(*version_id) : std::nullopt,
          false));
  if (version.delete_marker) {
    return S3Error::NoSuchKey();
  }
  return OwnerOnlyAcl(info.owner_account);
}

// AWS: with ACLs disabled, only the bucket-owner-full-control canned ACL
// (or none) is accepted.
Result<Json> PutObjectAcl(S3Service& service,
                          const aws::RequestContext& /*context*/,
                          const Json& input) {
  STRATUS_ASSIGN_OR_RETURN(std::string bucket, RequiredString(input, "Bucket"));
  STRATUS_ASSIGN_OR_RETURN(std::string key, RequiredString(input, "Key"));
  STRATUS_ASSIGN_OR_RETURN(std::string acl, StringOr(input, "ACL", "private"));
  STRATUS_ASSIGN_OR_RETURN(ObjectVersion version,
                           service.engine().GetObject(bucket, key, std::nullopt, false));
  if (version.delete_marker) {
    return S3Error::NoSuchKey();
  }
  if (acl != "private" && acl != "bucket-owner-full-control") {
    return S3Error::AccessControlListNotSupported();
  }
  return Json::object();
}

}  // namespace stratus::s3::api::handlers
