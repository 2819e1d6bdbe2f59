#include <utility>

#include "aws/request_fields.h"
#include "base/format.h"
#include "s3/api/copy_source.h"
#include "s3/api/handlers.h"
#include "s3/api/object_headers.h"
#include "s3/api/request_fields.h"
#include "s3/api/s3_service.h"
#include "s3/errors.h"

namespace stratus::s3::api::handlers {
namespace {

// AWS: CopyObject copies at most 5 GiB; larger objects need UploadPartCopy.
constexpr uint64_t kMaxCopyBytes = uint64_t{5} * 1024 * 1024 * 1024;

struct CopyPlan {
  CopySource source = {};
  ObjectVersion source_version = {};
  bool source_versioned = false;
  PutObjectRequest request = {};
  std::string checksum_algorithm = {};
};

// True when a copy onto itself changes something S3 counts as a change.
bool ChangesAttributes(const Json& input, const std::string& metadata_directive) {
  if (metadata_directive == "REPLACE") {
    return true;
  }
  for (const char* member :
       {"StorageClass", "WebsiteRedirectLocation", "ServerSideEncryption", "SSEKMSKeyId"}) {
    if (aws::PresentMember(input, member) != nullptr) {
      return true;
    }
  }
  return false;
}

Result<CopyPlan> Prepare(S3Service& service, const Json& input) {
  CopyPlan plan;
  STRATUS_ASSIGN_OR_RETURN(std::string bucket, RequiredString(input, "Bucket"));
  STRATUS_ASSIGN_OR_RETURN(std::string key, RequiredString(input, "Key"));
  STRATUS_ASSIGN_OR_RETURN(std::string header, RequiredString(input, "CopySource"));
  STRATUS_ASSIGN_OR_RETURN(std::string metadata_directive,
                           StringOr(input, "MetadataDirective", "COPY"));
  STRATUS_ASSIGN_OR_RETURN(std::string tagging_directive,
                           StringOr(input, "TaggingDirective", "COPY"));
  if (metadata_directive != "COPY" && metadata_directive != "REPLACE") {
    return S3Error::InvalidArgument("Unknown metadata directive.");
  }
  if (tagging_directive != "COPY" && tagging_directive != "REPLACE") {
    return S3Error::InvalidArgument("Unknown tagging directive.");
  }
  STRATUS_ASSIGN_OR_RETURN(BucketInfo destination, service.engine().FindBucket(bucket));
  STRATUS_ASSIGN_OR_RETURN(plan.source, ParseCopySource(header));
  STRATUS_ASSIGN_OR_RETURN(BucketInfo source_bucket,
                           service.engine().FindBucket(plan.source.bucket));
  plan.source_versioned = source_bucket.versioning != VersioningState::kUnversioned;
  STRATUS_ASSIGN_OR_RETURN(plan.source_version, ResolveCopySource(service, plan.source, input));
  if (plan.source_version.size > kMaxCopyBytes) {
    return S3Error::InvalidRequest(
        Format("The specified copy source is larger than the maximum allowable size for a copy "
               "source: {}",
               kMaxCopyBytes));
  }
  const bool onto_itself =
      plan.source.bucket == bucket && plan.source.key == key && !plan.source.version_id.has_value();
  if (onto_itself && !ChangesAttributes(input, metadata_directive)) {
    return S3Error::InvalidRequest(
        "This copy request is illegal because it is trying to copy an object to itself without "
        "changing the object's metadata, storage class, website redirect location or encryption "
        "attributes.");
  }
  STRATUS_ASSIGN_OR_RETURN(ObjectAttributes given, AttributesFromInput(input));
  ObjectAttributes attributes =
      metadata_directive == "REPLACE" ? given : plan.source_version.attributes;
  if (metadata_directive == "COPY") {
    // The destination's own storage class and encryption still apply.
    for (const char* member :
         {"StorageClass", "WebsiteRedirectLocation", "ServerSideEncryption", "SSEKMSKeyId"}) {
      if (auto it = given.system.find(member); it != given.system.end()) {
        attributes.system[member] = it->second;
      }
    }
  }
  attributes.tags =
      tagging_directive == "REPLACE" ? given.tags : plan.source_version.attributes.tags;
  if (!attributes.system.contains("ServerSideEncryption")) {
    attributes.system["ServerSideEncryption"] = "AES256";
  }
  // AWS: a copy keeps the source's checksum algorithm unless told another,
  // and S3 computes a full-object checksum of the copy.
  STRATUS_ASSIGN_OR_RETURN(
      std::string algorithm,
      StringOr(input, "ChecksumAlgorithm", plan.source_version.attributes.checksum_algorithm));
  plan.checksum_algorithm = algorithm.empty() ? "CRC64NVME" : algorithm;
  attributes.checksum_algorithm.clear();
  attributes.checksum_value.clear();
  attributes.checksum_type.clear();
  WriteConditions conditions;
  STRATUS_ASSIGN_OR_RETURN(std::optional<std::string> if_none_match,
                           OptionalString(input, "IfNoneMatch"));
  conditions.if_none_match_any = if_none_match == "*";
  STRATUS_ASSIGN_OR_RETURN(conditions.if_match, OptionalString(input, "IfMatch"));
  (void)destination;
  plan.request = PutObjectRequest{.event_name = "ObjectCreated:Copy",
                                  .bucket = std::move(bucket),
                                  .key = std::move(key),
                                  .body = {},
                                  .etag = {},
                                  .attributes = std::move(attributes),
                                  .conditions = std::move(conditions)};
  return plan;
}

}  // namespace

void CopyObject(S3Service& service,
                const aws::RequestContext& /*context*/,
                const Json& input,
                aws::Reply reply) {
  Result<CopyPlan> prepared = Prepare(service, input);
  if (!prepared.ok()) {
    reply(prepared.status());
    return;
  }
  auto plan = std::make_shared<CopyPlan>(std::move(prepared).value());
  Engine& engine = service.engine();
  engine.CopyBytes(
      plan->source_version, std::nullopt, plan->checksum_algorithm,
      [&engine, plan, reply = std::move(reply)](Result<Engine::CopiedBytes> copied) mutable {
        if (!copied.ok()) {
          reply(copied.status());
          return;
        }
        plan->request.body = std::move(copied->body);
        plan->request.etag = copied->etag;
        ObjectAttributes& attributes = plan->request.attributes;
        attributes.checksum_algorithm = plan->checksum_algorithm;
        attributes.checksum_value = copied->checksum_value;
        attributes.checksum_type = "FULL_OBJECT";
        Json result = Json::object();
        AddChecksumMembers(attributes, &result);
        engine.PutObject(std::move(plan->request), [plan, result = std::move(result),
                                                    reply](Result<WriteResult> written) mutable {
          if (!written.ok()) {
            reply(written.status());
            return;
          }
          result["ETag"] = written->etag;
          result["LastModified"] = Seconds(written->modified_millis);
          Json output = {{"CopyObjectResult", std::move(result)}};
          if (!written->version_id.empty()) {
            output["VersionId"] = written->version_id;
          }
          if (plan->source_versioned) {
            output["CopySourceVersionId"] = plan->source_version.version_id;
          }
          output["ServerSideEncryption"] = "AES256";
          reply(std::move(output));
        });
      });
}

}  // namespace stratus::s3::api::handlers
