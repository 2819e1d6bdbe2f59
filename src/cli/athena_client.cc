#include "cli/athena_client.h"

#include <utility>

#include "base/format.h"

namespace stratus::cli {

AthenaClient::AthenaClient(std::string endpoint) : connection_(std::move(endpoint)) {}

Result<Json> AthenaClient::Call(std::string_view operation, const Json& input) {
  STRATUS_ASSIGN_OR_RETURN(ServerReply reply,
                           connection_.Send("POST", "/", "athena",
                                            {"Content-Type: application/x-amz-json-1.1",
                                             Format("X-Amz-Target: AmazonAthena.{}", operation)},
                                            input.dump()));
  Json parsed = Json::parse(reply.body, nullptr, /*allow_exceptions=*/false);
  if (reply.status / 100 != 2) {
    std::string type = "Error";
    std::string message = reply.body;
    if (parsed.is_object()) {
      type = parsed.value("__type", type);
      if (const size_t hash = type.rfind('#'); hash != std::string::npos) {
        type = type.substr(hash + 1);
      }
      message = parsed.value("message", parsed.value("Message", message));
    }
    return Status::InvalidArgument(message).WithAwsType(type, static_cast<int>(reply.status));
  }
  if (parsed.is_discarded()) {
    return Status::IoError(Format("the server answered {} with no JSON", operation));
  }
  return parsed;
}

Status AthenaClient::EnsureBucket(std::string_view bucket) {
  STRATUS_ASSIGN_OR_RETURN(ServerReply reply,
                           connection_.Send("PUT", Format("/{}", bucket), "s3", {}, ""));
  // 409 BucketAlreadyOwnedByYou: it exists, which is all we need.
  if (reply.status / 100 == 2 || reply.status == 409) {
    return Status::Ok();
  }
  return Status::IoError(
      Format("cannot create bucket {}: HTTP {} {}", bucket, reply.status, reply.body));
}

}  // namespace stratus::cli
