#include "s3/errors.h"

#include <utility>

#include "base/format.h"

namespace stratus::s3 {
namespace {

Status Tagged(Status status, std::string_view code, int http_status) {
  return status.WithAwsType(std::string(code), http_status);
}

}  // namespace

Status S3Error::AccessControlListNotSupported() {
  return Tagged(Status::InvalidArgument("The bucket does not allow ACLs"),
                "AccessControlListNotSupported", 400);
}

Status S3Error::AccessDenied(std::string message) {
  return Tagged(Status::PermissionDenied(std::move(message)), "AccessDenied", 403);
}

Status S3Error::BadDigest(std::string message) {
  return Tagged(Status::InvalidArgument(std::move(message)), "BadDigest", 400);
}

Status S3Error::BucketAlreadyExists() {
  return Tagged(Status::AlreadyExists(
                    "The requested bucket name is not available. The bucket namespace is shared "
                    "by all users of the system. Please select a different name and try again."),
                "BucketAlreadyExists", 409);
}

Status S3Error::BucketAlreadyOwnedByYou() {
  return Tagged(Status::AlreadyExists("Your previous request to create the named bucket "
                                      "succeeded and you already own it."),
                "BucketAlreadyOwnedByYou", 409);
}

Status S3Error::BucketNotEmpty() {
  return Tagged(Status::FailedPrecondition("The bucket you tried to delete is not empty"),
                "BucketNotEmpty", 409);
}

Status S3Error::ConditionalRequestConflict() {
  return Tagged(Status::FailedPrecondition(
                    "The conditional request cannot succeed due to a conflicting operation "
                    "against this resource."),
                "ConditionalRequestConflict", 409);
}

Status S3Error::EntityTooLarge(uint64_t size, uint64_t max_size) {
  return Tagged(
      Status::InvalidArgument(Format(
          "Your proposed upload exceeds the maximum allowed size ({} > {} bytes)", size, max_size)),
      "EntityTooLarge", 400);
}

Status S3Error::EntityTooSmall() {
  return Tagged(
      Status::InvalidArgument("Your proposed upload is smaller than the minimum allowed size"),
      "EntityTooSmall", 400);
}

Status S3Error::IllegalLocationConstraint(std::string message) {
  return Tagged(Status::InvalidArgument(std::move(message)), "IllegalLocationConstraintException",
                400);
}

Status S3Error::IllegalVersioningConfiguration() {
  return Tagged(Status::InvalidArgument("The Versioning element must be specified"),
                "IllegalVersioningConfigurationException", 400);
}

Status S3Error::IncompleteBody(std::string message) {
  return Tagged(Status::InvalidArgument(std::move(message)), "IncompleteBody", 400);
}

Status S3Error::InvalidArgument(std::string message) {
  return Tagged(Status::InvalidArgument(std::move(message)), "InvalidArgument", 400);
}

Status S3Error::InvalidBucketName(std::string message) {
  return Tagged(Status::InvalidArgument(std::move(message)), "InvalidBucketName", 400);
}

Status S3Error::InvalidBucketState(std::string message) {
  return Tagged(Status::FailedPrecondition(std::move(message)), "InvalidBucketState", 409);
}

Status S3Error::MalformedPolicy(std::string message) {
  return Tagged(Status::InvalidArgument(std::move(message)), "MalformedPolicy", 400);
}

Status S3Error::InvalidPartNumber() {
  return Tagged(Status::InvalidArgument("The requested partnumber is not satisfiable"),
                "InvalidPartNumber", 416);
}

Status S3Error::InvalidDigest() {
  return Tagged(Status::InvalidArgument("The Content-MD5 you specified is not valid."),
                "InvalidDigest", 400);
}

Status S3Error::InvalidLocationConstraint() {
  return Tagged(Status::InvalidArgument("The specified location-constraint is not valid"),
                "InvalidLocationConstraint", 400);
}

Status S3Error::InvalidPart() {
  return Tagged(Status::InvalidArgument(
                    "One or more of the specified parts could not be found.  The part may not "
                    "have been uploaded, or the specified entity tag may not match the part's "
                    "entity tag."),
                "InvalidPart", 400);
}

Status S3Error::InvalidPartOrder() {
  return Tagged(Status::InvalidArgument("The list of parts was not in ascending order. The parts "
                                        "list must be specified in order by part number."),
                "InvalidPartOrder", 400);
}

Status S3Error::InvalidRange() {
  return Tagged(Status::InvalidArgument("The requested range is not satisfiable"), "InvalidRange",
                416);
}

Status S3Error::InvalidRequest(std::string message) {
  return Tagged(Status::InvalidArgument(std::move(message)), "InvalidRequest", 400);
}

Status S3Error::InvalidStorageClass() {
  return Tagged(Status::InvalidArgument("The storage class you specified is not valid"),
                "InvalidStorageClass", 400);
}

Status S3Error::InvalidTag(std::string message) {
  return Tagged(Status::InvalidArgument(std::move(message)), "InvalidTag", 400);
}

Status S3Error::KeyTooLong() {
  return Tagged(Status::InvalidArgument("Your key is too long"), "KeyTooLongError", 400);
}

Status S3Error::MalformedXml() {
  return Tagged(Status::InvalidArgument("The XML you provided was not well-formed or did not "
                                        "validate against our published schema"),
                "MalformedXML", 400);
}

Status S3Error::MetadataTooLarge() {
  return Tagged(
      Status::InvalidArgument("Your metadata headers exceed the maximum allowed metadata size"),
      "MetadataTooLarge", 400);
}

Status S3Error::MethodNotAllowed() {
  return Tagged(
      Status::InvalidArgument("The specified method is not allowed against this resource."),
      "MethodNotAllowed", 405);
}

Status S3Error::MissingContentLength() {
  return Tagged(Status::InvalidArgument("You must provide the Content-Length HTTP header."),
                "MissingContentLength", 411);
}

Status S3Error::NoSuchBucket() {
  return Tagged(Status::NotFound("The specified bucket does not exist"), "NoSuchBucket", 404);
}

Status S3Error::NoSuchKey() {
  return Tagged(Status::NotFound("The specified key does not exist."), "NoSuchKey", 404);
}

Status S3Error::NoSuchUpload() {
  return Tagged(Status::NotFound("The specified upload does not exist. The upload ID may be "
                                 "invalid, or the upload may have been aborted or completed."),
                "NoSuchUpload", 404);
}

Status S3Error::NoSuchVersion() {
  return Tagged(Status::NotFound("The specified version does not exist."), "NoSuchVersion", 404);
}

Status S3Error::NoSuchConfiguration(std::string_view code, std::string message) {
  return Tagged(Status::NotFound(std::move(message)), code, 404);
}

Status S3Error::NotImplemented(std::string message) {
  return Tagged(Status::NotImplemented(std::move(message)), "NotImplemented", 501);
}

Status S3Error::NotModified() {
  return Tagged(Status::FailedPrecondition("Not Modified"), "NotModified", 304);
}

Status S3Error::PreconditionFailed() {
  return Tagged(
      Status::FailedPrecondition("At least one of the pre-conditions you specified did not hold"),
      "PreconditionFailed", 412);
}

Status S3Error::ContentSha256Mismatch() {
  return Tagged(Status::InvalidArgument(
                    "The provided 'x-amz-content-sha256' header does not match what was computed."),
                "XAmzContentSHA256Mismatch", 400);
}

Status S3Error::InvalidObjectState(std::string message) {
  return Tagged(Status::FailedPrecondition(std::move(message)), "InvalidObjectState", 403);
}

Status S3Error::OperationAborted(std::string message) {
  return Tagged(Status::FailedPrecondition(std::move(message)), "OperationAborted", 409);
}

}  // namespace stratus::s3
