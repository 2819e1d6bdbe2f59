#include <utility>

#include "s3/api/handlers.h"
#include "s3/api/object_headers.h"
#include "s3/api/request_fields.h"
#include "s3/api/s3_service.h"
#include "s3/errors.h"

namespace stratus::s3::api::handlers {
namespace {

struct TagTarget {
  std::string bucket = {};
  std::string key = {};
  std::optional<std::string> version_id = std::nullopt;
  bool versioned = false;
};

Result<TagTarget> TargetFromInput(S3Service& service, const Json& input) {
  TagTarget target;
  STRATUS_ASSIGN_OR_RETURN(target.bucket, RequiredString(input, "Bucket"));
  STRATUS_ASSIGN_OR_RETURN(target.key, RequiredString(input, "Key"));
  STRATUS_ASSIGN_OR_RETURN(target.version_id, OptionalString(input, "VersionId"));
  STRATUS_ASSIGN_OR_RETURN(BucketInfo bucket, service.engine().FindBucket(target.bucket));
  target.versioned = bucket.versioning != VersioningState::kUnversioned;
  return target;
}

void ReplaceTags(S3Service& service, const TagTarget& target, Pairs tags, aws::Reply reply) {
  service.engine().PutObjectTags(
      target.bucket, target.key, target.version_id, std::move(tags),
      [versioned = target.versioned, reply = std::move(reply)](Result<std::string> version_id) {
        if (!version_id.ok()) {
          reply(version_id.status());
          return;
        }
        Json output = Json::object();
        if (versioned) {
          output["VersionId"] = *version_id;
        }
        reply(std::move(output));
      });
}

}  // namespace

Result<Json> GetObjectTagging(S3Service& service,
                              const aws::RequestContext& /*context*/,
                              const Json& input) {
  STRATUS_ASSIGN_OR_RETURN(TagTarget target, TargetFromInput(service, input));
  STRATUS_ASSIGN_OR_RETURN(
      ObjectVersion version,
      service.engine().GetObject(target.bucket, target.key,
                                 target.version_id.has_value()
                                     ? std::optional<std::string_view>(*target.version_id)
                                     : std::nullopt,
                                 /*with_bytes=*/false));
  if (version.delete_marker) {
    return target.version_id.has_value() ? S3Error::MethodNotAllowed() : S3Error::NoSuchKey();
  }
  Json output = {{"TagSet", TagSetJson(version.attributes.tags)}};
  if (target.versioned) {
    output["VersionId"] = version.version_id;
  }
  return output;
}

void PutObjectTagging(S3Service& service,
                      const aws::RequestContext& /*context*/,
                      const Json& input,
                      aws::Reply reply) {
  Result<TagTarget> target = TargetFromInput(service, input);
  if (!target.ok()) {
    reply(target.status());
    return;
  }
  Result<Json> tagging = OptionalObject(input, "Tagging");
  Result<Json> tag_set = tagging.ok() ? OptionalArray(*tagging, "TagSet") : tagging.status();
  Result<Pairs> tags = tag_set.ok() ? TagsFromTagSet(*tag_set) : tag_set.status();
  if (!tags.ok()) {
    reply(tags.status());
    return;
  }
  ReplaceTags(service, *target, std::move(tags).value(), std::move(reply));
}

void DeleteObjectTagging(S3Service& service,
                         const aws::RequestContext& /*context*/,
                         const Json& input,
                         aws::Reply reply) {
  Result<TagTarget> target = TargetFromInput(service, input);
  if (!target.ok()) {
    reply(target.status());
    return;
  }
  ReplaceTags(service, *target, {}, std::move(reply));
}

}  // namespace stratus::s3::api::handlers
