#include "aws/protocol/error_encoding.h"

#include "aws/model/service_model.h"
#include "aws/protocol/shape_traits.h"

namespace stratus::aws {
namespace {

bool IsRest(Protocol protocol) {
  return protocol == Protocol::kRestJson || protocol == Protocol::kRestXml;
}

bool IsXml(Protocol protocol) {
  return protocol == Protocol::kQuery || protocol == Protocol::kRestXml ||
         protocol == Protocol::kEc2;
}

// The code a protocol uses for a Status without an AWS type.
std::string DefaultCode(StatusCode code, Protocol protocol) {
  const bool xml = IsXml(protocol);
  const bool s3 = protocol == Protocol::kRestXml;
  switch (code) {
    case StatusCode::kInvalidArgument:
      return s3 ? "InvalidArgument" : (xml ? "InvalidParameterValue" : "ValidationException");
    case StatusCode::kNotFound:
      return s3 ? "NotFound" : (xml ? "ResourceNotFound" : "ResourceNotFoundException");
    case StatusCode::kAlreadyExists:
      return xml ? "AlreadyExists" : "ResourceAlreadyExistsException";
    case StatusCode::kFailedPrecondition:
      return s3 ? "PreconditionFailed"
                : (xml ? "InvalidParameterCombination" : "ValidationException");
    case StatusCode::kThrottled:
      return s3 ? "SlowDown" : (xml ? "Throttling" : "ThrottlingException");
    case StatusCode::kUnauthenticated:
      return s3 ? "InvalidAccessKeyId"
                : (xml ? "InvalidClientTokenId" : "UnrecognizedClientException");
    case StatusCode::kPermissionDenied:
      return xml ? "AccessDenied" : "AccessDeniedException";
    case StatusCode::kResourceExhausted:
      return xml ? "LimitExceeded" : "LimitExceededException";
    case StatusCode::kCancelled:
      return "RequestCanceled";
    case StatusCode::kTimeout:
      return xml ? "RequestTimeout" : "RequestTimeoutException";
    case StatusCode::kNotImplemented:
      return "NotImplemented";
    case StatusCode::kOk:
    case StatusCode::kIoError:
    case StatusCode::kCorruption:
    case StatusCode::kInternal:
      break;
  }
  return s3 ? "InternalError" : "InternalFailure";
}

// The HTTP status for a Status whose AWS type and shape do not give one.
// AWS: JSON and query services answer most client errors with 400, REST
// services with the matching 4xx.
int DefaultHttpStatus(StatusCode code, Protocol protocol) {
  const bool rest = IsRest(protocol);
  switch (code) {
    case StatusCode::kOk:
      return 200;
    case StatusCode::kInvalidArgument:
      return 400;
    case StatusCode::kNotFound:
      return rest ? 404 : 400;
    case StatusCode::kAlreadyExists:
      return rest ? 409 : 400;
    case StatusCode::kFailedPrecondition:
      return protocol == Protocol::kRestXml ? 412 : (rest ? 409 : 400);
    case StatusCode::kThrottled:
      return protocol == Protocol::kRestXml ? 503 : (rest ? 429 : 400);
    case StatusCode::kUnauthenticated:
    case StatusCode::kPermissionDenied:
      return protocol == Protocol::kJson10 || protocol == Protocol::kJson11 ? 400 : 403;
    case StatusCode::kResourceExhausted:
      return rest ? 429 : 400;
    case StatusCode::kCancelled:
      return 400;
    case StatusCode::kTimeout:
      return 408;
    case StatusCode::kNotImplemented:
      return 501;
    case StatusCode::kIoError:
    case StatusCode::kCorruption:
    case StatusCode::kInternal:
      return 500;
  }
  return 500;
}

}  // namespace

WireError ResolveWireError(const ServiceModel& service, const Status& error, Protocol protocol) {
  WireError wire;
  wire.message = error.message();
  std::string code =
      error.aws_type().empty() ? DefaultCode(error.code(), protocol) : error.aws_type();
  std::string shape_name;
  wire.shape = service.FindErrorShape(code, &shape_name);
  wire.shape_name = wire.shape != nullptr ? shape_name : code;
  const Json& trait = wire.shape != nullptr ? ObjectTrait(*wire.shape, "error") : EmptyJsonObject();
  std::string_view query_code = StringTrait(trait, "code");
  wire.query_code = query_code.empty() ? wire.shape_name : std::string(query_code);
  wire.code = IsXml(protocol) ? wire.query_code : wire.shape_name;

  if (error.http_status() != 0) {
    wire.http_status = error.http_status();
  } else if (auto it = trait.find("httpStatusCode"); it != trait.end() && it->is_number_integer()) {
    wire.http_status = it->get<int>();
  } else if (error.code() == StatusCode::kOk) {
    wire.http_status = 500;
  } else {
    wire.http_status = DefaultHttpStatus(error.code(), protocol);
  }
  if (auto it = trait.find("senderFault"); it != trait.end() && it->is_boolean()) {
    wire.sender_fault = it->get<bool>();
  } else if (wire.shape != nullptr && BoolTrait(*wire.shape, "fault")) {
    wire.sender_fault = false;
  } else {
    wire.sender_fault = wire.http_status < 500;
  }
  return wire;
}

}  // namespace stratus::aws
