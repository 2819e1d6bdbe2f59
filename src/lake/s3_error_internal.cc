#include "lake/s3_error_internal.h"

#include <string>
#include <utility>

#include "aws/protocol/xml_document.h"
#include "base/format.h"
#include "lake/s3_client_internal.h"

namespace stratus::lake::internal {
namespace {

struct Mapping {
  std::string_view aws_type;
  StatusCode code;
};

// S3's error codes the lake tells apart; others follow their HTTP status.
constexpr Mapping kMappings[] = {
    {"NoSuchKey", StatusCode::kNotFound},
    {"NoSuchBucket", StatusCode::kNotFound},
    {"NoSuchUpload", StatusCode::kNotFound},
    {"NoSuchVersion", StatusCode::kNotFound},
    {"PreconditionFailed", StatusCode::kFailedPrecondition},
    {"ConditionalRequestConflict", StatusCode::kFailedPrecondition},
    {"InvalidRange", StatusCode::kInvalidArgument},
    {"AccessDenied", StatusCode::kPermissionDenied},
    {"AllAccessDisabled", StatusCode::kPermissionDenied},
    {"InvalidAccessKeyId", StatusCode::kUnauthenticated},
    {"SignatureDoesNotMatch", StatusCode::kUnauthenticated},
    {"ExpiredToken", StatusCode::kUnauthenticated},
    {"InvalidToken", StatusCode::kUnauthenticated},
    {"RequestTimeTooSkewed", StatusCode::kUnauthenticated},
    {"BucketAlreadyExists", StatusCode::kAlreadyExists},
    {"BucketAlreadyOwnedByYou", StatusCode::kAlreadyExists},
    {"SlowDown", StatusCode::kThrottled},
    {"RequestTimeout", StatusCode::kTimeout},
    {"NotImplemented", StatusCode::kNotImplemented},
};

StatusCode CodeForHttpStatus(int status) {
  switch (status) {
    case 401:
      return StatusCode::kUnauthenticated;
    case 403:
      return StatusCode::kPermissionDenied;
    case 404:
      return StatusCode::kNotFound;
    case 409:
    case 412:
      return StatusCode::kFailedPrecondition;
    case 429:
    case 503:
      return StatusCode::kThrottled;
    case 501:
      return StatusCode::kNotImplemented;
    default:
      return status >= 500 ? StatusCode::kIoError : StatusCode::kInvalidArgument;
  }
}

// The AWS type S3 means by a bodiless answer (to HEAD).
std::string_view TypeForHttpStatus(int status) {
  switch (status) {
    case 304:
      return "NotModified";
    case 403:
      return "AccessDenied";
    case 404:
      return "NoSuchKey";
    case 412:
      return "PreconditionFailed";
    case 416:
      return "InvalidRange";
    case 503:
      return "SlowDown";
    default:
      return "";
  }
}

Status Make(std::string_view what,
            int http_status,
            std::string aws_type,
            std::string_view message) {
  StatusCode code = CodeForHttpStatus(http_status);
  for (const Mapping& mapping : kMappings) {
    if (mapping.aws_type == aws_type) {
      code = mapping.code;
    }
  }
  std::string text = Format("{}: HTTP {}", what, http_status);
  if (!aws_type.empty()) {
    text += " " + aws_type;
  }
  if (!message.empty()) {
    text += Format(": {}", message);
  }
  Status status(code, std::move(text));
  return aws_type.empty() ? status : status.WithAwsType(std::move(aws_type), http_status);
}

}  // namespace

Status S3ErrorStatus(std::string_view what, const S3Response& response) {
  if (!response.body.empty()) {
    Result<aws::XmlElement> root = aws::ParseXml(response.body);
    if (root.ok() && root->LocalName() == "Error") {
      const aws::XmlElement* code = root->Child("Code");
      const aws::XmlElement* message = root->Child("Message");
      return Make(what, response.status, code != nullptr ? code->text : "",
                  message != nullptr ? message->text : "");
    }
  }
  return Make(what, response.status, std::string(TypeForHttpStatus(response.status)), "");
}

Status ErrorInBody(std::string_view what, const S3Response& response) {
  if (response.body.find("<Error>") == std::string::npos) {
    return Status::Ok();
  }
  Result<aws::XmlElement> root = aws::ParseXml(response.body);
  if (!root.ok() || root->LocalName() != "Error") {
    return Status::Ok();
  }
  const aws::XmlElement* code = root->Child("Code");
  const aws::XmlElement* message = root->Child("Message");
  // AWS: an error inside a 200 is a server error, to be retried as a 500.
  return Make(what, 500, code != nullptr ? code->text : "InternalError",
              message != nullptr ? message->text : "");
}

}  // namespace stratus::lake::internal
