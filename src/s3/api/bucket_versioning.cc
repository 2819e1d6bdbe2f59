#include "s3/api/handlers.h"
#include "s3/api/reply.h"
#include "s3/api/request_fields.h"
#include "s3/api/s3_service.h"
#include "s3/errors.h"

namespace stratus::s3::api::handlers {

Result<Json> GetBucketVersioning(S3Service& service,
                                 const aws::RequestContext& /*context*/,
                                 const Json& input) {
  STRATUS_ASSIGN_OR_RETURN(std::string name, RequiredString(input, "Bucket"));
  STRATUS_ASSIGN_OR_RETURN(BucketInfo bucket, service.engine().FindBucket(name));
  Json output = Json::object();
  switch (bucket.versioning) {
    case VersioningState::kEnabled:
      output["Status"] = "Enabled";
      break;
    case VersioningState::kSuspended:
      output["Status"] = "Suspended";
      break;
    case VersioningState::kUnversioned:
      break;  // AWS: a never-versioned bucket answers an empty configuration.
  }
  return output;
}

void PutBucketVersioning(S3Service& service,
                         const aws::RequestContext& /*context*/,
                         const Json& input,
                         aws::Reply reply) {
  Result<std::string> name = RequiredString(input, "Bucket");
  Result<Json> configuration = OptionalObject(input, "VersioningConfiguration");
  if (!name.ok() || !configuration.ok()) {
    reply(!name.ok() ? name.status() : configuration.status());
    return;
  }
  Result<std::optional<std::string>> status = OptionalString(*configuration, "Status");
  if (!status.ok()) {
    reply(status.status());
    return;
  }
  VersioningState state = VersioningState::kUnversioned;
  if (*status == "Enabled") {
    state = VersioningState::kEnabled;
  } else if (*status == "Suspended") {
    state = VersioningState::kSuspended;
  } else {
    reply(S3Error::IllegalVersioningConfiguration());
    return;
  }
  Result<BucketInfo> bucket = service.engine().FindBucket(*name);
  if (!bucket.ok()) {
    reply(bucket.status());
    return;
  }
  // AWS: versioning cannot be suspended on a bucket with Object Lock.
  if (bucket->object_lock_enabled && state != VersioningState::kEnabled) {
    reply(S3Error::InvalidBucketState(
        "An Object Lock configuration is present on this bucket, so the versioning state "
        "cannot be changed."));
    return;
  }
  service.engine().SetVersioning(*name, state, ReplyEmpty(std::move(reply)));
}

}  // namespace stratus::s3::api::handlers
