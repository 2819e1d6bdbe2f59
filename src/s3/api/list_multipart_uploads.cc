#include "s3/api/handlers.h"
#include "s3/api/listing.h"
#include "s3/api/object_headers.h"
#include "s3/api/owner.h"
#include "s3/api/request_fields.h"
#include "s3/api/s3_service.h"

namespace stratus::s3::api::handlers {

Result<Json> ListMultipartUploads(S3Service& service,
                                  const aws::RequestContext& /*context*/,
                                  const Json& input) {
  STRATUS_ASSIGN_OR_RETURN(std::string bucket, RequiredString(input, "Bucket"));
  STRATUS_ASSIGN_OR_RETURN(std::string prefix, StringOr(input, "Prefix", ""));
  STRATUS_ASSIGN_OR_RETURN(std::string delimiter, StringOr(input, "Delimiter", ""));
  STRATUS_ASSIGN_OR_RETURN(std::string key_marker, StringOr(input, "KeyMarker", ""));
  STRATUS_ASSIGN_OR_RETURN(std::string upload_marker, StringOr(input, "UploadIdMarker", ""));
  STRATUS_ASSIGN_OR_RETURN(int max_uploads, MaxKeysFromInput(input, "MaxUploads"));
  STRATUS_ASSIGN_OR_RETURN(bool url, UrlEncodingFromInput(input));
  STRATUS_ASSIGN_OR_RETURN(BucketInfo info, service.engine().FindBucket(bucket));
  STRATUS_ASSIGN_OR_RETURN(
      ListUploadsPage page,
      service.engine().ListUploads(bucket, ListUploadsQuery{.prefix = prefix,
                                                            .delimiter = delimiter,
                                                            .key_marker = key_marker,
                                                            .upload_id_marker = upload_marker,
                                                            .max_uploads = max_uploads}));
  const Json owner = OwnerJson(info.owner_account);
  Json uploads = Json::array();
  for (const UploadInfo& upload : page.uploads) {
    Json entry = {{"UploadId", upload.upload_id},
                  {"Key", Listed(upload.key, url)},
                  {"Initiated", Seconds(upload.initiated_millis)},
                  {"StorageClass", "STANDARD"},
                  {"Owner", owner},
                  {"Initiator", owner}};
    if (!upload.attributes.checksum_algorithm.empty()) {
      entry["ChecksumAlgorithm"] = upload.attributes.checksum_algorithm;
      entry["ChecksumType"] = upload.attributes.checksum_type;
    }
    uploads.push_back(std::move(entry));
  }
  Json output = {{"Bucket", bucket},
                 {"KeyMarker", Listed(key_marker, url)},
                 {"UploadIdMarker", upload_marker},
                 {"NextKeyMarker", Listed(page.next_key_marker, url)},
                 {"NextUploadIdMarker", page.next_upload_id_marker},
                 {"MaxUploads", max_uploads},
                 {"IsTruncated", page.truncated},
                 {"Prefix", Listed(prefix, url)}};
  if (!uploads.empty()) {
    output["Uploads"] = std::move(uploads);
  }
  if (!page.common_prefixes.empty()) {
    output["CommonPrefixes"] = ListedPrefixes(page.common_prefixes, url);
  }
  if (!delimiter.empty()) {
    output["Delimiter"] = Listed(delimiter, url);
  }
  if (url) {
    output["EncodingType"] = "url";
  }
  return output;
}

}  // namespace stratus::s3::api::handlers
