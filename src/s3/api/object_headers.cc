#include "s3/api/object_headers.h"

#include <array>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <set>

#include "aws/request_fields.h"
#include "base/format.h"
#include "http/http_date.h"
#include "http/message.h"
#include "s3/api/request_fields.h"
#include "s3/errors.h"

namespace stratus::s3::api {
namespace {

// System metadata members kept verbatim (strings), as the model names them.
constexpr std::array<std::string_view, 10> kStringMembers = {
    "CacheControl", "ContentDisposition",   "ContentEncoding",         "ContentLanguage",
    "ContentType",  "ServerSideEncryption", "WebsiteRedirectLocation", "SSEKMSKeyId",
    "StorageClass", "ObjectLockMode",
};

// AWS: user metadata (names and values) is limited to 2 KB in all.
constexpr size_t kMaxUserMetadataBytes = 2048;
constexpr size_t kMaxTags = 10;
constexpr size_t kMaxTagKeyLength = 128;
constexpr size_t kMaxTagValueLength = 256;

// Returns the number of Unicode characters in UTF-8 `text`.
size_t CharacterCount(std::string_view text) {
  size_t count = 0;
  for (char c : text) {
    count += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
  }
  return count;
}

Status CheckTags(const Pairs& tags) {
  if (tags.size() > kMaxTags) {
    return S3Error::InvalidTag("Object tags cannot be greater than 10");
  }
  std::set<std::string_view> keys;
  for (const auto& [key, value] : tags) {
    if (key.empty() || CharacterCount(key) > kMaxTagKeyLength) {
      return S3Error::InvalidTag("The TagKey you have provided is invalid");
    }
    if (CharacterCount(value) > kMaxTagValueLength) {
      return S3Error::InvalidTag("The TagValue you have provided is invalid");
    }
    if (!keys.insert(key).second) {
      return S3Error::InvalidTag("Cannot provide multiple Tags with the same key");
    }
  }
  return Status::Ok();
}

std::string_view Unquoted(std::string_view etag) {
  if (etag.size() >= 2 && etag.front() == '"' && etag.back() == '"') {
    return etag.substr(1, etag.size() - 2);
  }
  return etag;
}

// True when the If-Match / If-None-Match list `header` names `etag` ("*" matches any).
bool EtagListMatches(std::string_view header, std::string_view etag) {
  size_t start = 0;
  while (start <= header.size()) {
    size_t comma = header.find(',', start);
    if (comma == std::string_view::npos) {
      comma = header.size();
    }
    std::string_view item = header.substr(start, comma - start);
    while (!item.empty() && item.front() == ' ') {
      item.remove_prefix(1);
    }
    while (!item.empty() && item.back() == ' ') {
      item.remove_suffix(1);
    }
    if (item.starts_with("W/")) {
      item.remove_prefix(2);
    }
    if (item == "*" || Unquoted(item) == Unquoted(etag)) {
      return true;
    }
    start = comma + 1;
  }
  return false;
}

bool ParseDecimal(std::string_view text, uint64_t* out) {
  if (text.empty() || text.size() > 19) {
    return false;
  }
  uint64_t value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') {
      return false;
    }
    value = value * 10 + static_cast<uint64_t>(c - '0');
  }
  *out = value;
  return true;
}

}  // namespace

double Seconds(int64_t millis) {
  return static_cast<double>(millis) / 1000.0;
}

std::string Quoted(std::string_view etag) {
  if (etag.size() >= 2 && etag.front() == '"' && etag.back() == '"') {
    return std::string(etag);
  }
  return "\"" + std::string(etag) + "\"";
}

std::string ChecksumMember(std::string_view algorithm) {
  return "Checksum" + std::string(algorithm);
}

Result<Pairs> TagsFromHeader(std::string_view header) {
  Pairs tags = http::ParseQueryString(header);
  STRATUS_RETURN_IF_ERROR(CheckTags(tags));
  return tags;
}

Result<Pairs> TagsFromTagSet(const Json& tag_set) {
  Pairs tags;
  if (!tag_set.is_array()) {
    return S3Error::MalformedXml();
  }
  for (const Json& tag : tag_set) {
    STRATUS_ASSIGN_OR_RETURN(std::string key, RequiredString(tag, "Key"));
    STRATUS_ASSIGN_OR_RETURN(std::string value, StringOr(tag, "Value", ""));
    tags.emplace_back(std::move(key), std::move(value));
  }
  STRATUS_RETURN_IF_ERROR(CheckTags(tags));
  return tags;
}

Json TagSetJson(const Pairs& tags) {
  Json tag_set = Json::array();
  for (const auto& [key, value] : tags) {
    tag_set.push_back(Json{{"Key", key}, {"Value", value}});
  }
  return tag_set;
}

Result<ObjectAttributes> AttributesFromInput(const Json& input) {
  ObjectAttributes attributes;
  for (std::string_view member : kStringMembers) {
    STRATUS_ASSIGN_OR_RETURN(std::optional<std::string> value, OptionalString(input, member));
    if (value.has_value()) {
      attributes.system[std::string(member)] = *std::move(value);
    }
  }
  // AWS: aws-chunked is how the body was sent, not how it is stored.
  if (auto it = attributes.system.find("ContentEncoding"); it != attributes.system.end()) {
    std::string kept;
    for (std::string_view rest = it->second; !rest.empty();) {
      const size_t comma = rest.find(',');
      std::string_view item = rest.substr(0, comma);
      rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
      while (!item.empty() && item.front() == ' ') {
        item.remove_prefix(1);
      }
      if (!item.empty() && item != "aws-chunked") {
        kept += kept.empty() ? std::string(item) : "," + std::string(item);
      }
    }
    if (kept.empty()) {
      attributes.system.erase(it);
    } else {
      it->second = kept;
    }
  }
  if (auto it = attributes.system.find("StorageClass");
      it != attributes.system.end() && it->second == "STANDARD") {
    attributes.system.erase(it);
  }
  STRATUS_ASSIGN_OR_RETURN(std::optional<double> retain_until,
                           OptionalNumber(input, "ObjectLockRetainUntilDate"));
  if (retain_until.has_value()) {
    attributes.system["ObjectLockRetainUntilDate"] = Format("{}", *retain_until);
  }
  if (const Json* expires = aws::PresentMember(input, "Expires"); expires != nullptr) {
    // Older SDK models call it a timestamp (the codec gives epoch seconds).
    attributes.system["Expires"] =
        expires->is_string() ? expires->get<std::string>()
                             : http::FormatHttpDate(FromUnixMillis(static_cast<int64_t>(
                                   (expires->is_number() ? expires->get<double>() : 0.0) * 1000)));
  }
  STRATUS_ASSIGN_OR_RETURN(std::optional<bool> bucket_key, OptionalBool(input, "BucketKeyEnabled"));
  if (bucket_key.has_value()) {
    attributes.system["BucketKeyEnabled"] = *bucket_key ? "true" : "false";
  }
  STRATUS_ASSIGN_OR_RETURN(Json metadata, OptionalObject(input, "Metadata"));
  size_t metadata_bytes = 0;
  for (const auto& [name, value] : metadata.items()) {
    if (!value.is_string()) {
      return S3Error::InvalidArgument("Metadata values must be strings");
    }
    std::string lowered = name;
    for (char& c : lowered) {
      c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    metadata_bytes += lowered.size() + value.get<std::string>().size();
    attributes.user_metadata.emplace_back(std::move(lowered), value.get<std::string>());
  }
  if (metadata_bytes > kMaxUserMetadataBytes) {
    return S3Error::MetadataTooLarge();
  }
  STRATUS_ASSIGN_OR_RETURN(std::optional<std::string> tagging, OptionalString(input, "Tagging"));
  if (tagging.has_value()) {
    STRATUS_ASSIGN_OR_RETURN(attributes.tags, TagsFromHeader(*tagging));
  }
  return attributes;
}

void AddChecksumMembers(const ObjectAttributes& attributes, Json* output) {
  if (attributes.checksum_algorithm.empty() || attributes.checksum_value.empty()) {
    return;
  }
  (*output)[ChecksumMember(attributes.checksum_algorithm)] = attributes.checksum_value;
  if (!attributes.checksum_type.empty()) {
    (*output)["ChecksumType"] = attributes.checksum_type;
  }
}

void AddObjectHeaders(const ObjectVersion& version,
                      const BucketInfo& bucket,
                      bool with_checksums,
                      Json* output) {
  Json& out = *output;
  out["ETag"] = version.etag;
  out["LastModified"] = Seconds(version.modified_millis);
  out["ContentLength"] = version.size;
  out["AcceptRanges"] = "bytes";
  // AWS: an object written without a Content-Type is served as binary/octet-stream.
  out["ContentType"] = "binary/octet-stream";
  for (const auto& [member, value] : version.attributes.system) {
    if (member == "ObjectLockRetainUntilDate") {
      char* end = nullptr;
      out[member] = std::strtod(value.c_str(), &end);
    } else if (member == "BucketKeyEnabled") {
      out[member] = value == "true";
    } else {
      out[member] = value;
    }
  }
  if (!version.attributes.user_metadata.empty()) {
    Json metadata = Json::object();
    for (const auto& [name, value] : version.attributes.user_metadata) {
      metadata[name] = value;
    }
    out["Metadata"] = std::move(metadata);
  }
  if (!version.attributes.tags.empty()) {
    out["TagCount"] = version.attributes.tags.size();
  }
  if (bucket.versioning != VersioningState::kUnversioned) {
    out["VersionId"] = version.version_id;
  }
  if (with_checksums) {
    AddChecksumMembers(version.attributes, output);
  }
}

Status CheckReadConditions(const Json& input,
                           const ObjectVersion& version,
                           std::string_view prefix) {
  const std::string p(prefix);
  STRATUS_ASSIGN_OR_RETURN(std::optional<std::string> if_match,
                           OptionalString(input, p + "IfMatch"));
  STRATUS_ASSIGN_OR_RETURN(std::optional<std::string> if_none_match,
                           OptionalString(input, p + "IfNoneMatch"));
  STRATUS_ASSIGN_OR_RETURN(std::optional<double> if_modified_since,
                           OptionalNumber(input, p + "IfModifiedSince"));
  STRATUS_ASSIGN_OR_RETURN(std::optional<double> if_unmodified_since,
                           OptionalNumber(input, p + "IfUnmodifiedSince"));
  const double modified = std::floor(Seconds(version.modified_millis));
  const bool copy = !prefix.empty();
  // AWS (RFC 7232 order): If-Match, else If-Unmodified-Since, decide 412;
  // then If-None-Match, else If-Modified-Since, decide 304 (412 for copies).
  if (if_match.has_value()) {
    if (!EtagListMatches(*if_match, version.etag)) {
      return S3Error::PreconditionFailed();
    }
  } else if (if_unmodified_since.has_value() && modified > *if_unmodified_since) {
    return S3Error::PreconditionFailed();
  }
  if (if_none_match.has_value()) {
    if (EtagListMatches(*if_none_match, version.etag)) {
      return copy ? S3Error::PreconditionFailed() : S3Error::NotModified();
    }
  } else if (if_modified_since.has_value() && modified <= *if_modified_since) {
    return copy ? S3Error::PreconditionFailed() : S3Error::NotModified();
  }
  return Status::Ok();
}

Result<std::optional<ByteRange>> ParseRange(std::string_view header, uint64_t size) {
  constexpr std::string_view kUnit = "bytes=";
  if (!header.starts_with(kUnit)) {
    return std::optional<ByteRange>();
  }
  std::string_view spec = header.substr(kUnit.size());
  if (spec.find(',') != std::string_view::npos) {
    return std::optional<ByteRange>();
  }
  const size_t dash = spec.find('-');
  if (dash == std::string_view::npos) {
    return std::optional<ByteRange>();
  }
  const std::string_view first_text = spec.substr(0, dash);
  const std::string_view last_text = spec.substr(dash + 1);
  uint64_t first = 0;
  uint64_t last = 0;
  if (first_text.empty()) {
    // A suffix: the last N bytes.
    if (!ParseDecimal(last_text, &last)) {
      return std::optional<ByteRange>();
    }
    if (last == 0 || size == 0) {
      return S3Error::InvalidRange();
    }
    const uint64_t length = std::min(last, size);
    return std::optional<ByteRange>(ByteRange{.first = size - length, .last = size - 1});
  }
  if (!ParseDecimal(first_text, &first)) {
    return std::optional<ByteRange>();
  }
  if (last_text.empty()) {
    last = size == 0 ? 0 : size - 1;
  } else if (!ParseDecimal(last_text, &last) || last < first) {
    return std::optional<ByteRange>();
  }
  if (first >= size) {
    return S3Error::InvalidRange();
  }
  return std::optional<ByteRange>(ByteRange{.first = first, .last = std::min(last, size - 1)});
}

}  // namespace stratus::s3::api
