#include "base/digest.h"
#include "s3/api/handlers.h"
#include "s3/api/listing.h"
#include "s3/api/owner.h"
#include "s3/api/request_fields.h"
#include "s3/api/s3_service.h"
#include "s3/errors.h"

namespace stratus::s3::api::handlers {

// AWS: the continuation token is opaque; here it is the base64 of the last
// key or common prefix of the page.
Result<Json> ListObjectsV2(S3Service& service,
                           const aws::RequestContext& /*context*/,
                           const Json& input) {
  STRATUS_ASSIGN_OR_RETURN(std::string bucket, RequiredString(input, "Bucket"));
  STRATUS_ASSIGN_OR_RETURN(std::string prefix, StringOr(input, "Prefix", ""));
  STRATUS_ASSIGN_OR_RETURN(std::string delimiter, StringOr(input, "Delimiter", ""));
  STRATUS_ASSIGN_OR_RETURN(std::optional<std::string> token,
                           OptionalString(input, "ContinuationToken"));
  STRATUS_ASSIGN_OR_RETURN(std::string start_after, StringOr(input, "StartAfter", ""));
  STRATUS_ASSIGN_OR_RETURN(std::optional<bool> fetch_owner, OptionalBool(input, "FetchOwner"));
  STRATUS_ASSIGN_OR_RETURN(int max_keys, MaxKeysFromInput(input));
  STRATUS_ASSIGN_OR_RETURN(bool url, UrlEncodingFromInput(input));
  STRATUS_ASSIGN_OR_RETURN(BucketInfo info, service.engine().FindBucket(bucket));
  std::string after = start_after;
  if (token.has_value()) {
    if (token->empty() || !Base64Decode(*token, &after)) {
      return S3Error::InvalidArgument("The continuation token provided is incorrect");
    }
  }
  STRATUS_ASSIGN_OR_RETURN(ListPage page,
                           service.engine().ListObjects(bucket, ListQuery{.prefix = prefix,
                                                                          .delimiter = delimiter,
                                                                          .after = after,
                                                                          .max_keys = max_keys}));
  const Json owner = OwnerJson(info.owner_account);
  Json contents = Json::array();
  for (const ObjectVersion& object : page.objects) {
    contents.push_back(ListedObject(object, url, fetch_owner.value_or(false) ? &owner : nullptr));
  }
  Json output = {{"IsTruncated", page.truncated},
                 {"Name", bucket},
                 {"Prefix", Listed(prefix, url)},
                 {"MaxKeys", max_keys},
                 {"KeyCount", page.objects.size() + page.common_prefixes.size()}};
  if (!contents.empty()) {
    output["Contents"] = std::move(contents);
  }
  if (!page.common_prefixes.empty()) {
    output["CommonPrefixes"] = ListedPrefixes(page.common_prefixes, url);
  }
  if (!delimiter.empty()) {
    output["Delimiter"] = Listed(delimiter, url);
  }
  if (token.has_value()) {
    output["ContinuationToken"] = *token;
  }
  if (!start_after.empty()) {
    output["StartAfter"] = Listed(start_after, url);
  }
  if (page.truncated) {
    output["NextContinuationToken"] = Base64Encode(page.last);
  }
  if (url) {
    output["EncodingType"] = "url";
  }
  return output;
}

}  // namespace stratus::s3::api::handlers
