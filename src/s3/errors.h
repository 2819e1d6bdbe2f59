#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "base/status.h"

namespace stratus::s3 {

/// The S3 errors, each tagged with S3's error code and HTTP status, with
/// S3's message texts. The S3 engine speaks S3's semantics (buckets, keys,
/// versions, uploads), so its errors are S3's; this is the only place in s3/
/// that sets AWS error types.
///
/// AWS: codes, statuses and messages from the S3 API reference's "List of
/// error codes"; pinned by test/wire/test_s3_errors.py.
class S3Error {
 public:
  static Status AccessControlListNotSupported();
  static Status AccessDenied(std::string message = "Access Denied");
  static Status BadDigest(std::string message);
  static Status BucketAlreadyExists();
  static Status BucketAlreadyOwnedByYou();
  static Status BucketNotEmpty();
  static Status ConditionalRequestConflict();
  static Status EntityTooLarge(uint64_t size, uint64_t max_size);
  static Status EntityTooSmall();
  static Status IllegalLocationConstraint(std::string message);
  static Status IllegalVersioningConfiguration();
  static Status IncompleteBody(std::string message);
  static Status InvalidArgument(std::string message);
  static Status InvalidBucketState(std::string message);
  static Status InvalidBucketName(std::string message = "The specified bucket is not valid.");
  static Status InvalidDigest();
  static Status InvalidLocationConstraint();
  static Status InvalidPart();
  static Status InvalidPartOrder();
  static Status InvalidRange();
  static Status InvalidRequest(std::string message);
  static Status InvalidStorageClass();
  static Status InvalidTag(std::string message);
  static Status KeyTooLong();
  static Status MalformedXml();
  static Status MetadataTooLarge();
  static Status MethodNotAllowed();
  static Status MissingContentLength();
  static Status NoSuchBucket();
  static Status NoSuchKey();
  static Status NoSuchUpload();
  static Status NoSuchVersion();
  /// A bucket sub-resource that was never set: NoSuchBucketPolicy,
  /// NoSuchCORSConfiguration, NoSuchTagSet... with its own message.
  static Status NoSuchConfiguration(std::string_view code, std::string message);
  static Status NotImplemented(std::string message);
  static Status NotModified();
  static Status PreconditionFailed();
  static Status ContentSha256Mismatch();
  static Status InvalidObjectState(std::string message);
  static Status OperationAborted(std::string message);
  static Status MalformedPolicy(std::string message);
  static Status InvalidPartNumber();
};

}  // namespace stratus::s3
