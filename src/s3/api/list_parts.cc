#include "s3/api/handlers.h"
#include "s3/api/object_headers.h"
#include "s3/api/owner.h"
#include "s3/api/request_fields.h"
#include "s3/api/s3_service.h"

namespace stratus::s3::api::handlers {

Result<Json> ListParts(S3Service& service,
                       const aws::RequestContext& /*context*/,
                       const Json& input) {
  STRATUS_ASSIGN_OR_RETURN(std::string bucket, RequiredString(input, "Bucket"));
  STRATUS_ASSIGN_OR_RETURN(std::string key, RequiredString(input, "Key"));
  STRATUS_ASSIGN_OR_RETURN(std::string upload_id, RequiredString(input, "UploadId"));
  STRATUS_ASSIGN_OR_RETURN(std::optional<int64_t> max_parts, OptionalInteger(input, "MaxParts"));
  STRATUS_ASSIGN_OR_RETURN(std::optional<int64_t> marker,
                           OptionalInteger(input, "PartNumberMarker"));
  STRATUS_ASSIGN_OR_RETURN(BucketInfo info, service.engine().FindBucket(bucket));
  STRATUS_ASSIGN_OR_RETURN(UploadInfo upload, service.engine().FindUpload(bucket, key, upload_id));
  const int limit = static_cast<int>(std::clamp<int64_t>(max_parts.value_or(1000), 0, 1000));
  STRATUS_ASSIGN_OR_RETURN(ListPartsPage page,
                           service.engine().ListParts(bucket, key, upload_id,
                                                      static_cast<int>(marker.value_or(0)), limit));
  Json parts = Json::array();
  for (const PartInfo& part : page.parts) {
    Json entry = {{"PartNumber", part.part_number},
                  {"LastModified", Seconds(part.modified_millis)},
                  {"ETag", part.etag},
                  {"Size", part.size}};
    if (!upload.attributes.checksum_algorithm.empty() && !part.checksum_value.empty()) {
      entry[ChecksumMember(upload.attributes.checksum_algorithm)] = part.checksum_value;
    }
    parts.push_back(std::move(entry));
  }
  const Json owner = OwnerJson(info.owner_account);
  Json output = {{"Bucket", bucket},
                 {"Key", key},
                 {"UploadId", upload_id},
                 {"PartNumberMarker", marker.value_or(0)},
                 {"NextPartNumberMarker", page.next_part_number_marker},
                 {"MaxParts", limit},
                 {"IsTruncated", page.truncated},
                 {"Initiator", owner},
                 {"Owner", owner},
                 {"StorageClass", "STANDARD"}};
  if (!parts.empty()) {
    output["Parts"] = std::move(parts);
  }
  if (!upload.attributes.checksum_algorithm.empty()) {
    output["ChecksumAlgorithm"] = upload.attributes.checksum_algorithm;
    output["ChecksumType"] = upload.attributes.checksum_type;
  }
  return output;
}

}  // namespace stratus::s3::api::handlers
