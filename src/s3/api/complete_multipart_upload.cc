#include <utility>

#include "base/format.h"
#include "s3/api/handlers.h"
#include "s3/api/object_headers.h"
#include "s3/api/request_fields.h"
#include "s3/api/s3_service.h"
#include "s3/errors.h"

namespace stratus::s3::api::handlers {
namespace {

Result<CompleteUploadRequest> RequestFromInput(const Json& input, const UploadInfo& upload) {
  CompleteUploadRequest request;
  STRATUS_ASSIGN_OR_RETURN(request.bucket, RequiredString(input, "Bucket"));
  STRATUS_ASSIGN_OR_RETURN(request.key, RequiredString(input, "Key"));
  STRATUS_ASSIGN_OR_RETURN(request.upload_id, RequiredString(input, "UploadId"));
  STRATUS_ASSIGN_OR_RETURN(Json completed, OptionalObject(input, "MultipartUpload"));
  STRATUS_ASSIGN_OR_RETURN(Json parts, OptionalArray(completed, "Parts"));
  const std::string checksum_member = upload.attributes.checksum_algorithm.empty()
                                          ? std::string()
                                          : ChecksumMember(upload.attributes.checksum_algorithm);
  for (const Json& part : parts) {
    STRATUS_ASSIGN_OR_RETURN(std::optional<int64_t> number, OptionalInteger(part, "PartNumber"));
    STRATUS_ASSIGN_OR_RETURN(std::string etag, RequiredString(part, "ETag"));
    if (!number.has_value()) {
      return S3Error::MalformedXml();
    }
    CompletedPart entry{.part_number = static_cast<int>(*number), .etag = std::move(etag)};
    if (!checksum_member.empty()) {
      STRATUS_ASSIGN_OR_RETURN(entry.checksum_value, StringOr(part, checksum_member, ""));
    }
    request.parts.push_back(std::move(entry));
  }
  STRATUS_ASSIGN_OR_RETURN(std::optional<std::string> if_none_match,
                           OptionalString(input, "IfNoneMatch"));
  request.conditions.if_none_match_any = if_none_match == "*";
  STRATUS_ASSIGN_OR_RETURN(request.conditions.if_match, OptionalString(input, "IfMatch"));
  return request;
}

void Complete(Engine& engine,
              std::shared_ptr<CompleteUploadRequest> request,
              std::string declared_checksum,
              const UploadInfo& upload,
              aws::Reply reply) {
  if (!declared_checksum.empty() && upload.attributes.checksum_type == "FULL_OBJECT" &&
      declared_checksum != request->full_object_checksum) {
    reply(S3Error::BadDigest(Format("The {} you specified did not match the calculated checksum.",
                                    upload.attributes.checksum_algorithm)));
    return;
  }
  const std::string bucket = request->bucket;
  const std::string key = request->key;
  engine.CompleteUpload(
      std::move(*request), [bucket, key, reply = std::move(reply)](Result<WriteResult> written) {
        if (!written.ok()) {
          reply(written.status());
          return;
        }
        Json output = {{"Bucket", bucket},
                       {"Key", key},
                       {"Location", Format("/{}/{}", bucket, key)},
                       {"ETag", written->etag},
                       {"ServerSideEncryption", "AES256"}};
        if (!written->version_id.empty()) {
          output["VersionId"] = written->version_id;
        }
        AddChecksumMembers(ObjectAttributes{.checksum_algorithm = written->checksum_algorithm,
                                            .checksum_value = written->checksum_value,
                                            .checksum_type = written->checksum_type},
                           &output);
        reply(std::move(output));
      });
}

}  // namespace

void CompleteMultipartUpload(S3Service& service,
                             const aws::RequestContext& /*context*/,
                             const Json& input,
                             aws::Reply reply) {
  Result<std::string> bucket = RequiredString(input, "Bucket");
  Result<std::string> key = RequiredString(input, "Key");
  Result<std::string> upload_id = RequiredString(input, "UploadId");
  if (!bucket.ok() || !key.ok() || !upload_id.ok()) {
    reply(!bucket.ok() ? bucket.status() : !key.ok() ? key.status() : upload_id.status());
    return;
  }
  Engine& engine = service.engine();
  Result<UploadInfo> upload = engine.FindUpload(*bucket, *key, *upload_id);
  Result<CompleteUploadRequest> request = upload.ok()
                                              ? RequestFromInput(input, *upload)
                                              : Result<CompleteUploadRequest>(upload.status());
  if (!request.ok()) {
    reply(request.status());
    return;
  }
  if (request->parts.empty()) {
    reply(S3Error::MalformedXml());
    return;
  }
  std::string declared;
  if (!upload->attributes.checksum_algorithm.empty()) {
    Result<std::string> value =
        StringOr(input, ChecksumMember(upload->attributes.checksum_algorithm), "");
    declared = value.ok() ? *value : std::string();
  }
  auto shared = std::make_shared<CompleteUploadRequest>(std::move(request).value());
  if (upload->attributes.checksum_type != "FULL_OBJECT") {
    Complete(engine, shared, declared, *upload, std::move(reply));
    return;
  }
  // A FULL_OBJECT checksum covers the listed parts' bytes in order.
  Result<std::vector<PartInfo>> stored = engine.UploadParts(*upload_id);
  if (!stored.ok()) {
    reply(stored.status());
    return;
  }
  std::vector<BlobSegment> segments;
  for (const CompletedPart& listed : shared->parts) {
    for (const PartInfo& part : *stored) {
      if (part.part_number == listed.part_number) {
        segments.push_back(BlobSegment{.blob_id = part.blob_id, .size = part.size});
      }
    }
  }
  UploadInfo info = *upload;
  engine.ChecksumBlobs(
      std::move(segments), info.attributes.checksum_algorithm,
      [&engine, shared, declared, info, reply = std::move(reply)](Result<std::string> sum) mutable {
        if (!sum.ok()) {
          reply(sum.status());
          return;
        }
        shared->full_object_checksum = *sum;
        Complete(engine, shared, declared, info, std::move(reply));
      });
}

}  // namespace stratus::s3::api::handlers
