#include "s3/api/handlers.h"
#include "s3/api/listing.h"
#include "s3/api/object_headers.h"
#include "s3/api/owner.h"
#include "s3/api/request_fields.h"
#include "s3/api/s3_service.h"

namespace stratus::s3::api::handlers {

Result<Json> ListObjectVersions(S3Service& service,
                                const aws::RequestContext& /*context*/,
                                const Json& input) {
  STRATUS_ASSIGN_OR_RETURN(std::string bucket, RequiredString(input, "Bucket"));
  STRATUS_ASSIGN_OR_RETURN(std::string prefix, StringOr(input, "Prefix", ""));
  STRATUS_ASSIGN_OR_RETURN(std::string delimiter, StringOr(input, "Delimiter", ""));
  STRATUS_ASSIGN_OR_RETURN(std::string key_marker, StringOr(input, "KeyMarker", ""));
  STRATUS_ASSIGN_OR_RETURN(std::string version_marker, StringOr(input, "VersionIdMarker", ""));
  STRATUS_ASSIGN_OR_RETURN(int max_keys, MaxKeysFromInput(input));
  STRATUS_ASSIGN_OR_RETURN(bool url, UrlEncodingFromInput(input));
  STRATUS_ASSIGN_OR_RETURN(BucketInfo info, service.engine().FindBucket(bucket));
  STRATUS_ASSIGN_OR_RETURN(ListVersionsPage page,
                           service.engine().ListObjectVersions(
                               bucket, ListVersionsQuery{.prefix = prefix,
                                                         .delimiter = delimiter,
                                                         .key_marker = key_marker,
                                                         .version_id_marker = version_marker,
                                                         .max_keys = max_keys}));
  const Json owner = OwnerJson(info.owner_account);
  Json versions = Json::array();
  Json markers = Json::array();
  for (const ObjectVersion& version : page.versions) {
    if (version.delete_marker) {
      markers.push_back(Json{{"Key", Listed(version.key, url)},
                             {"VersionId", version.version_id},
                             {"IsLatest", version.latest},
                             {"LastModified", Seconds(version.modified_millis)},
                             {"Owner", owner}});
      continue;
    }
    Json entry = ListedObject(version, url, &owner);
    entry["VersionId"] = version.version_id;
    entry["IsLatest"] = version.latest;
    versions.push_back(std::move(entry));
  }
  Json output = {{"IsTruncated", page.truncated},     {"KeyMarker", Listed(key_marker, url)},
                 {"VersionIdMarker", version_marker}, {"Name", bucket},
                 {"Prefix", Listed(prefix, url)},     {"MaxKeys", max_keys}};
  if (!versions.empty()) {
    output["Versions"] = std::move(versions);
  }
  if (!markers.empty()) {
    output["DeleteMarkers"] = std::move(markers);
  }
  if (!page.common_prefixes.empty()) {
    output["CommonPrefixes"] = ListedPrefixes(page.common_prefixes, url);
  }
  if (!delimiter.empty()) {
    output["Delimiter"] = Listed(delimiter, url);
  }
  if (page.truncated) {
    output["NextKeyMarker"] = Listed(page.next_key_marker, url);
    if (!page.next_version_id_marker.empty()) {
      output["NextVersionIdMarker"] = page.next_version_id_marker;
    }
  }
  if (url) {
    output["EncodingType"] = "url";
  }
  return output;
}

}  // namespace stratus::s3::api::handlers
