#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "base/json.h"
#include "base/result.h"
#include "s3/object_types.h"

namespace stratus::s3::api {

// How an object's attributes travel: from the input of PutObject,
// CreateMultipartUpload and CopyObject (headers in the model), and back in
// the output of GetObject and HeadObject.

/// Reads what a write says about the object: content headers, storage
/// class, encryption, website redirect, user metadata (lower-cased names)
/// and the x-amz-tagging header. InvalidArgument / InvalidTag /
/// MetadataTooLarge as S3 words them.
Result<ObjectAttributes> AttributesFromInput(const Json& input);

/// Parses an x-amz-tagging header ("k1=v1&k2=v2", URL-encoded) or a Tagging
/// TagSet ([{Key, Value}]) and checks S3's limits (10 tags, keys up to 128
/// and values up to 256 characters, no duplicate keys).
Result<Pairs> TagsFromHeader(std::string_view header);
Result<Pairs> TagsFromTagSet(const Json& tag_set);
Json TagSetJson(const Pairs& tags);

/// Adds the members of GetObject/HeadObject output that describe `version`
/// (ETag, LastModified, content headers, metadata, tag count, storage class,
/// parts count; checksums when `with_checksums`; VersionId when the bucket
/// has ever been versioned).
void AddObjectHeaders(const ObjectVersion& version,
                      const BucketInfo& bucket,
                      bool with_checksums,
                      Json* output);

/// Adds the checksum members (ChecksumCRC32... and ChecksumType) of `attributes`.
void AddChecksumMembers(const ObjectAttributes& attributes, Json* output);

/// Returns the output member for a checksum algorithm: "CRC32" → "ChecksumCRC32".
std::string ChecksumMember(std::string_view algorithm);

/// Applies S3's conditional read rules (If-Match, If-None-Match,
/// If-Modified-Since, If-Unmodified-Since, with the member names given by
/// `prefix`: "" for GetObject, "CopySource" for copies): PreconditionFailed
/// (412) or, for reads, NotModified (304).
Status CheckReadConditions(const Json& input,
                           const ObjectVersion& version,
                           std::string_view prefix = "");

/// An inclusive byte range.
struct ByteRange {
  uint64_t first = 0;
  uint64_t last = 0;

  uint64_t length() const { return last - first + 1; }
};

/// Parses a Range header ("bytes=0-9", "bytes=5-", "bytes=-3") against an
/// object of `size` bytes. nullopt for a header S3 ignores (not bytes, more
/// than one range, malformed); InvalidRange (416) when unsatisfiable.
Result<std::optional<ByteRange>> ParseRange(std::string_view header, uint64_t size);

/// Returns `etag` with quotes ("abc" stays, abc becomes "abc").
std::string Quoted(std::string_view etag);

/// Returns epoch seconds (as the codec expects timestamps) of epoch millis.
double Seconds(int64_t millis);

}  // namespace stratus::s3::api
