#include "s3/api/handlers.h"
#include "s3/api/listing.h"
#include "s3/api/owner.h"
#include "s3/api/request_fields.h"
#include "s3/api/s3_service.h"

namespace stratus::s3::api::handlers {

Result<Json> ListObjects(S3Service& service,
                         const aws::RequestContext& context,
                         const Json& input) {
  STRATUS_ASSIGN_OR_RETURN(std::string bucket, RequiredString(input, "Bucket"));
  STRATUS_ASSIGN_OR_RETURN(std::string prefix, StringOr(input, "Prefix", ""));
  STRATUS_ASSIGN_OR_RETURN(std::string delimiter, StringOr(input, "Delimiter", ""));
  STRATUS_ASSIGN_OR_RETURN(std::string marker, StringOr(input, "Marker", ""));
  STRATUS_ASSIGN_OR_RETURN(int max_keys, MaxKeysFromInput(input));
  STRATUS_ASSIGN_OR_RETURN(bool url, UrlEncodingFromInput(input));
  STRATUS_ASSIGN_OR_RETURN(BucketInfo info, service.engine().FindBucket(bucket));
  STRATUS_ASSIGN_OR_RETURN(ListPage page,
                           service.engine().ListObjects(bucket, ListQuery{.prefix = prefix,
                                                                          .delimiter = delimiter,
                                                                          .after = marker,
                                                                          .max_keys = max_keys}));
  const Json owner = OwnerJson(info.owner_account);
  Json contents = Json::array();
  for (const ObjectVersion& object : page.objects) {
    contents.push_back(ListedObject(object, url, &owner));
  }
  Json output = {{"IsTruncated", page.truncated},
                 {"Marker", Listed(marker, url)},
                 {"Name", bucket},
                 {"Prefix", Listed(prefix, url)},
                 {"MaxKeys", max_keys}};
  if (!contents.empty()) {
    output["Contents"] = std::move(contents);
  }
  if (!page.common_prefixes.empty()) {
    output["CommonPrefixes"] = ListedPrefixes(page.common_prefixes, url);
  }
  if (!delimiter.empty()) {
    output["Delimiter"] = Listed(delimiter, url);
    // AWS: NextMarker comes only with a delimiter; without one the client
    // continues from the last key.
    if (page.truncated) {
      output["NextMarker"] = Listed(page.last, url);
    }
  }
  if (url) {
    output["EncodingType"] = "url";
  }
  (void)context;
  return output;
}

}  // namespace stratus::s3::api::handlers
