#include <utility>

#include "base/digest.h"
#include "s3/api/handlers.h"
#include "s3/api/object_headers.h"
#include "s3/api/request_fields.h"
#include "s3/api/s3_service.h"
#include "s3/errors.h"

namespace stratus::s3::api::handlers {
namespace {

// AWS: a single PUT carries at most 5 GiB.
constexpr uint64_t kMaxPutBytes = uint64_t{5} * 1024 * 1024 * 1024;

Result<WriteConditions> ConditionsFromInput(const Json& input) {
  WriteConditions conditions;
  STRATUS_ASSIGN_OR_RETURN(std::optional<std::string> if_none_match,
                           OptionalString(input, "IfNoneMatch"));
  if (if_none_match.has_value()) {
    // AWS: conditional writes accept only If-None-Match: *.
    if (*if_none_match != "*") {
      return S3Error::NotImplemented(
          "A header you provided implies functionality that is not "
          "implemented");
    }
    conditions.if_none_match_any = true;
  }
  STRATUS_ASSIGN_OR_RETURN(conditions.if_match, OptionalString(input, "IfMatch"));
  return conditions;
}

}  // namespace

void PutObject(S3Service& service,
               const aws::RequestContext& context,
               const Json& input,
               aws::Reply reply) {
  auto prepare = [&]() -> Result<PutObjectRequest> {
    STRATUS_ASSIGN_OR_RETURN(std::string bucket, RequiredString(input, "Bucket"));
    STRATUS_ASSIGN_OR_RETURN(std::string key, RequiredString(input, "Key"));
    STRATUS_RETURN_IF_ERROR(service.engine().FindBucket(bucket).status());
    STRATUS_ASSIGN_OR_RETURN(ReceivedBody received, service.TakeBody(context, input, kMaxPutBytes));
    STRATUS_RETURN_IF_ERROR(CheckDeclaredDigests(input, received));
    STRATUS_ASSIGN_OR_RETURN(ObjectAttributes attributes, AttributesFromInput(input));
    if (!attributes.system.contains("ServerSideEncryption")) {
      // AWS: every object is encrypted at rest (SSE-S3) unless asked otherwise.
      attributes.system["ServerSideEncryption"] = "AES256";
    }
    RecordChecksum(received, &attributes);
    STRATUS_ASSIGN_OR_RETURN(WriteConditions conditions, ConditionsFromInput(input));
    return PutObjectRequest{.bucket = std::move(bucket),
                            .key = std::move(key),
                            .body = std::move(received.body),
                            .etag = Quoted(ToHex(received.md5)),
                            .attributes = std::move(attributes),
                            .conditions = std::move(conditions)};
  };
  Result<PutObjectRequest> request = prepare();
  if (!request.ok()) {
    reply(request.status());
    return;
  }
  ObjectAttributes attributes = request->attributes;
  service.engine().PutObject(
      std::move(request).value(),
      [attributes = std::move(attributes), reply = std::move(reply)](Result<WriteResult> written) {
        if (!written.ok()) {
          reply(written.status());
          return;
        }
        Json output = {{"ETag", written->etag}};
        if (!written->version_id.empty()) {
          output["VersionId"] = written->version_id;
        }
        AddChecksumMembers(attributes, &output);
        for (const char* member : {"ServerSideEncryption", "SSEKMSKeyId"}) {
          if (auto it = attributes.system.find(member); it != attributes.system.end()) {
            output[member] = it->second;
          }
        }
        reply(std::move(output));
      });
}

}  // namespace stratus::s3::api::handlers
