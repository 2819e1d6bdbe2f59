#include "s3/api/listing.h"

#include "http/message.h"
#include "s3/api/object_headers.h"
#include "s3/api/request_fields.h"
#include "s3/errors.h"

namespace stratus::s3::api {

Result<int> MaxKeysFromInput(const Json& input, std::string_view member) {
  STRATUS_ASSIGN_OR_RETURN(std::optional<int64_t> max_keys, OptionalInteger(input, member));
  if (!max_keys.has_value()) {
    return 1000;
  }
  if (*max_keys < 0) {
    return S3Error::InvalidArgument("Provided max-keys not an integer or within integer range");
  }
  return static_cast<int>(std::min<int64_t>(*max_keys, 1000));
}

std::string Listed(std::string_view text, bool url_encoded) {
  return url_encoded ? http::PercentEncode(text, /*keep_slash=*/true) : std::string(text);
}

Result<bool> UrlEncodingFromInput(const Json& input) {
  STRATUS_ASSIGN_OR_RETURN(std::optional<std::string> encoding,
                           OptionalString(input, "EncodingType"));
  if (!encoding.has_value()) {
    return false;
  }
  if (*encoding != "url") {
    return S3Error::InvalidArgument("Invalid Encoding Method specified in Request");
  }
  return true;
}

Json ListedObject(const ObjectVersion& version, bool url_encoded, const Json* owner) {
  Json entry = {{"Key", Listed(version.key, url_encoded)},
                {"LastModified", Seconds(version.modified_millis)},
                {"ETag", version.etag},
                {"Size", version.size}};
  auto storage_class = version.attributes.system.find("StorageClass");
  entry["StorageClass"] =
      storage_class == version.attributes.system.end() ? "STANDARD" : storage_class->second;
  if (!version.attributes.checksum_algorithm.empty()) {
    entry["ChecksumAlgorithm"] = Json::array({version.attributes.checksum_algorithm});
    if (!version.attributes.checksum_type.empty()) {
      entry["ChecksumType"] = version.attributes.checksum_type;
    }
  }
  if (owner != nullptr) {
    entry["Owner"] = *owner;
  }
  return entry;
}

Json ListedPrefixes(const std::vector<std::string>& prefixes, bool url_encoded) {
  Json out = Json::array();
  for (const std::string& prefix : prefixes) {
    out.push_back(Json{{"Prefix", Listed(prefix, url_encoded)}});
  }
  return out;
}

}  // namespace stratus::s3::api
