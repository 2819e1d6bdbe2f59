#pragma once

#include <string>
#include <string_view>

#include "base/json.h"
#include "base/result.h"
#include "s3/object_types.h"

namespace stratus::s3::api {

// What the three object listings (ListObjects, ListObjectsV2,
// ListObjectVersions) share.

/// Reads MaxKeys (default and ceiling 1,000; negative is InvalidArgument).
Result<int> MaxKeysFromInput(const Json& input, std::string_view member = "MaxKeys");

/// Returns `text` as the listing shows it: URL-encoded when EncodingType=url.
std::string Listed(std::string_view text, bool url_encoded);

/// Reads EncodingType: true for "url"; InvalidArgument for anything else.
Result<bool> UrlEncodingFromInput(const Json& input);

/// Returns a Contents (or Version) entry for an object.
Json ListedObject(const ObjectVersion& version, bool url_encoded, const Json* owner);

/// Returns CommonPrefixes: [{"Prefix": ...}].
Json ListedPrefixes(const std::vector<std::string>& prefixes, bool url_encoded);

}  // namespace stratus::s3::api
