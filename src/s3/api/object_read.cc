#include "s3/api/object_read.h"

#include <array>
#include <memory>
#include <utility>

#include "aws/request_fields.h"
#include "base/digest.h"
#include "base/format.h"
#include "http/http_date.h"
#include "s3/api/object_headers.h"
#include "s3/api/raw_body.h"
#include "s3/api/request_fields.h"
#include "s3/api/s3_service.h"
#include "s3/errors.h"
#include "s3/object_reader.h"

namespace stratus::s3::api {
namespace {

// The response-* query parameters and the output members they replace.
constexpr std::array<std::pair<std::string_view, std::string_view>, 6> kOverrides = {{
    {"ResponseCacheControl", "CacheControl"},
    {"ResponseContentDisposition", "ContentDisposition"},
    {"ResponseContentEncoding", "ContentEncoding"},
    {"ResponseContentLanguage", "ContentLanguage"},
    {"ResponseContentType", "ContentType"},
    {"ResponseExpires", "Expires"},
}};

// Adds the headers S3 sends with a delete-marker answer.
void MarkDeleted(const aws::RequestContext& context,
                 const ObjectVersion& marker,
                 const BucketInfo& bucket) {
  if (context.response_payload == nullptr) {
    return;
  }
  context.response_payload->headers.Set("x-amz-delete-marker", "true");
  context.response_payload->headers.Set(
      "Last-Modified", http::FormatHttpDate(FromUnixMillis(marker.modified_millis)));
  if (bucket.versioning != VersioningState::kUnversioned) {
    context.response_payload->headers.Set("x-amz-version-id", marker.version_id);
  }
}

}  // namespace

Result<Json> ServeObject(S3Service& service,
                         const aws::RequestContext& context,
                         const Json& input,
                         bool with_body) {
  STRATUS_ASSIGN_OR_RETURN(std::string bucket_name, RequiredString(input, "Bucket"));
  STRATUS_ASSIGN_OR_RETURN(std::string key, RequiredString(input, "Key"));
  STRATUS_ASSIGN_OR_RETURN(std::optional<std::string> version_id,
                           OptionalString(input, "VersionId"));
  STRATUS_ASSIGN_OR_RETURN(std::optional<int64_t> part_number,
                           OptionalInteger(input, "PartNumber"));
  STRATUS_ASSIGN_OR_RETURN(std::optional<std::string> range_header, OptionalString(input, "Range"));
  STRATUS_ASSIGN_OR_RETURN(std::optional<std::string> checksum_mode,
                           OptionalString(input, "ChecksumMode"));
  STRATUS_ASSIGN_OR_RETURN(BucketInfo bucket, service.engine().FindBucket(bucket_name));
  STRATUS_ASSIGN_OR_RETURN(
      ObjectVersion version,
      service.engine().GetObject(
          bucket_name, key,
          version_id.has_value() ? std::optional<std::string_view>(*version_id) : std::nullopt,
          with_body));
  if (version.delete_marker) {
    MarkDeleted(context, version, bucket);
    // AWS: the latest version being a marker reads as a missing key; asking
    // for the marker by id is a method the marker does not allow.
    if (version_id.has_value()) {
      if (context.response_payload != nullptr) {
        context.response_payload->headers.Set("Allow", "DELETE");
      }
      return S3Error::MethodNotAllowed();
    }
    return S3Error::NoSuchKey();
  }
  if (Status conditions = CheckReadConditions(input, version); !conditions.ok()) {
    // AWS: a 304 still says which version the client has.
    if (conditions.aws_type() == "NotModified" && context.response_payload != nullptr) {
      context.response_payload->headers.Set("ETag", version.etag);
      context.response_payload->headers.Set(
          "Last-Modified", http::FormatHttpDate(FromUnixMillis(version.modified_millis)));
    }
    return conditions;
  }
  if (part_number.has_value() && range_header.has_value()) {
    return S3Error::InvalidRequest(
        "Cannot specify both Range header and partNumber query parameter");
  }
  Json output = Json::object();
  AddObjectHeaders(version, bucket, checksum_mode == "ENABLED" && !range_header.has_value(),
                   &output);
  uint64_t first = 0;
  uint64_t length = version.size;
  bool partial = false;
  if (part_number.has_value()) {
    const auto number = static_cast<size_t>(*part_number);
    if (*part_number < 1 || *part_number > 10000) {
      return S3Error::InvalidArgument(
          "Part number must be an integer between 1 and 10000, inclusive");
    }
    if (version.parts.empty()) {
      if (number != 1) {
        return S3Error::InvalidPartNumber();
      }
    } else {
      if (number > version.parts.size()) {
        return S3Error::InvalidPartNumber();
      }
      for (size_t i = 0; i + 1 < number; ++i) {
        first += version.parts[i].size;
      }
      length = version.parts[number - 1].size;
      output["PartsCount"] = version.parts.size();
    }
    partial = true;
  } else if (range_header.has_value()) {
    STRATUS_ASSIGN_OR_RETURN(std::optional<ByteRange> range,
                             ParseRange(*range_header, version.size));
    if (range.has_value()) {
      first = range->first;
      length = range->length();
      partial = true;
    }
  }
  if (partial) {
    output["ContentRange"] =
        Format("bytes {}-{}/{}", first, length == 0 ? first : first + length - 1, version.size);
    output["ContentLength"] = length;
  }
  for (const auto& [parameter, member] : kOverrides) {
    if (const Json* value = aws::PresentMember(input, parameter); value != nullptr) {
      output[std::string(member)] = *value;
    }
  }
  if (context.response_payload != nullptr && partial) {
    context.response_payload->status = 206;
  }
  if (!with_body) {
    return output;  // HEAD: Content-Length comes from the ContentLength member.
  }
  STRATUS_ASSIGN_OR_RETURN(std::unique_ptr<ObjectReader> opened,
                           service.engine().OpenObject(version));
  std::shared_ptr<ObjectReader> reader(std::move(opened));
  if (context.response_payload != nullptr) {
    context.response_payload->stream = ObjectBodyStream(std::move(reader), first, length);
    return output;
  }
  std::string bytes(length, '\0');
  STRATUS_ASSIGN_OR_RETURN(size_t got,
                           reader->ReadAt(first, std::span(bytes.data(), bytes.size())));
  bytes.resize(got);
  output["Body"] = Base64Encode(bytes);
  return output;
}

}  // namespace stratus::s3::api
