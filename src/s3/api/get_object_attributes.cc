#include <algorithm>
#include <set>

#include "s3/api/handlers.h"
#include "s3/api/object_headers.h"
#include "s3/api/request_fields.h"
#include "s3/api/s3_service.h"
#include "s3/errors.h"

namespace stratus::s3::api::handlers {

Result<Json> GetObjectAttributes(S3Service& service,
                                 const aws::RequestContext& /*context*/,
                                 const Json& input) {
  STRATUS_ASSIGN_OR_RETURN(std::string bucket, RequiredString(input, "Bucket"));
  STRATUS_ASSIGN_OR_RETURN(std::string key, RequiredString(input, "Key"));
  STRATUS_ASSIGN_OR_RETURN(std::optional<std::string> version_id,
                           OptionalString(input, "VersionId"));
  STRATUS_ASSIGN_OR_RETURN(Json asked, OptionalArray(input, "ObjectAttributes"));
  STRATUS_ASSIGN_OR_RETURN(std::optional<int64_t> max_parts, OptionalInteger(input, "MaxParts"));
  STRATUS_ASSIGN_OR_RETURN(std::optional<int64_t> part_marker,
                           OptionalInteger(input, "PartNumberMarker"));
  std::set<std::string> wanted;
  for (const Json& name : asked) {
    if (name.is_string()) {
      wanted.insert(name.get<std::string>());
    }
  }
  if (wanted.empty()) {
    return S3Error::InvalidArgument("Invalid attribute name specified.");
  }
  STRATUS_ASSIGN_OR_RETURN(BucketInfo info, service.engine().FindBucket(bucket));
  STRATUS_ASSIGN_OR_RETURN(
      ObjectVersion version,
      service.engine().GetObject(
          bucket, key,
          version_id.has_value() ? std::optional<std::string_view>(*version_id) : std::nullopt,
          false));
  if (version.delete_marker) {
    return version_id.has_value() ? S3Error::MethodNotAllowed() : S3Error::NoSuchKey();
  }
  Json output = {{"LastModified", Seconds(version.modified_millis)}};
  if (info.versioning != VersioningState::kUnversioned) {
    output["VersionId"] = version.version_id;
  }
  if (wanted.contains("ETag")) {
    // AWS: GetObjectAttributes shows the ETag without its quotes.
    std::string etag = version.etag;
    if (etag.size() >= 2 && etag.front() == '"' && etag.back() == '"') {
      etag = etag.substr(1, etag.size() - 2);
    }
    output["ETag"] = etag;
  }
  if (wanted.contains("ObjectSize")) {
    output["ObjectSize"] = version.size;
  }
  if (wanted.contains("StorageClass")) {
    auto it = version.attributes.system.find("StorageClass");
    output["StorageClass"] = it == version.attributes.system.end() ? "STANDARD" : it->second;
  }
  if (wanted.contains("Checksum") && !version.attributes.checksum_algorithm.empty()) {
    Json checksum = Json::object();
    AddChecksumMembers(version.attributes, &checksum);
    output["Checksum"] = std::move(checksum);
  }
  if (wanted.contains("ObjectParts") && !version.parts.empty()) {
    const int marker = static_cast<int>(part_marker.value_or(0));
    const size_t limit =
        static_cast<size_t>(std::clamp<int64_t>(max_parts.value_or(1000), 0, 1000));
    Json parts = Json::array();
    bool truncated = false;
    int next_marker = marker;
    for (const ObjectPart& part : version.parts) {
      if (part.part_number <= marker) {
        continue;
      }
      if (parts.size() == limit) {
        truncated = true;
        break;
      }
      Json entry = {{"PartNumber", part.part_number}, {"Size", part.size}};
      if (!part.checksum_value.empty() && !version.attributes.checksum_algorithm.empty()) {
        entry[ChecksumMember(version.attributes.checksum_algorithm)] = part.checksum_value;
      }
      parts.push_back(std::move(entry));
      next_marker = part.part_number;
    }
    output["ObjectParts"] = Json{{"TotalPartsCount", version.parts.size()},
                                 {"PartNumberMarker", marker},
                                 {"NextPartNumberMarker", next_marker},
                                 {"MaxParts", limit},
                                 {"IsTruncated", truncated},
                                 {"Parts", std::move(parts)}};
  }
  return output;
}

}  // namespace stratus::s3::api::handlers
