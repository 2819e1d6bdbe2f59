#include "aws/protocol/json_codec.h"

#include <utility>

#include "aws/model/service_model.h"
#include "aws/protocol/error_encoding.h"
#include "aws/protocol/json_body.h"
#include "aws/protocol/json_wire_writer.h"
#include "aws/protocol/shape_traits.h"
#include "base/format.h"

namespace stratus::aws {

JsonCodec::JsonCodec(std::string json_version)
    : content_type_("application/x-amz-json-" + json_version) {}

Result<Json> JsonCodec::ParseRequest(const ServiceModel& service,
                                     const OperationModel& operation,
                                     const http::Request& request) const {
  // AWS: an empty body is the empty input.
  bool blank = true;
  for (char c : request.body) {
    if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
      blank = false;
      break;
    }
  }
  Json wire = Json::object();
  if (!blank) {
    Result<Json> parsed = ParseJson(request.body);
    if (!parsed.ok()) {
      return SerializationError(
          Format("request body is not valid JSON: {}", parsed.status().message()));
    }
    wire = std::move(parsed).value();
  }
  if (!wire.is_object()) {
    return SerializationError("request body must be a JSON object");
  }
  if (operation.input_shape.empty()) {
    return Json::object();
  }
  return ReadJsonValue(service, operation.input_ref(), wire, "");
}

http::Response JsonCodec::SerializeResponse(const ServiceModel& service,
                                            const OperationModel& operation,
                                            const Json& output,
                                            const RequestContext& context) const {
  http::Response response;
  response.status = 200;
  response.headers.Set("Content-Type", content_type_);
  response.headers.Set("x-amzn-RequestId", context.request_id);
  if (operation.output_shape.empty() || !output.is_object()) {
    response.body = "{}";
  } else {
    AppendJsonWireValue(service, operation.output_ref(), output, &response.body);
  }
  return response;
}

http::Response JsonCodec::SerializeErrorWithMembers(const ServiceModel& service,
                                                    const Status& error,
                                                    const Json& members,
                                                    const RequestContext& context) const {
  const Protocol protocol = content_type_.ends_with("1.0") ? Protocol::kJson10 : Protocol::kJson11;
  WireError wire = ResolveWireError(service, error, protocol);
  http::Response response;
  response.status = wire.http_status;
  response.headers.Set("Content-Type", content_type_);
  response.headers.Set("x-amzn-RequestId", context.request_id);
  Json body = Json::object();
  if (wire.shape != nullptr && members.is_object() && !members.empty()) {
    body = WriteJsonValue(service, Json{{"shape", wire.shape_name}}, members);
  }
  if (service.aws_query_compatible()) {
    // AWS: SQS sends "__type":"com.amazonaws.sqs#QueueDoesNotExist" plus the
    // query code in x-amzn-query-error, which SDKs prefer as the error code.
    body["__type"] = Format("com.amazonaws.{}#{}", service.endpoint_prefix(), wire.shape_name);
    response.headers.Set("x-amzn-query-error", Format("{};{}", wire.query_code,
                                                      wire.sender_fault ? "Sender" : "Receiver"));
  } else {
    body["__type"] = wire.shape_name;
  }
  // Error shapes name their message member "message" or "Message".
  bool capital = wire.shape != nullptr && ObjectTrait(*wire.shape, "members").contains("Message") &&
                 !ObjectTrait(*wire.shape, "members").contains("message");
  if (!wire.message.empty() || !body.contains(capital ? "Message" : "message")) {
    body[capital ? "Message" : "message"] = wire.message;
  }
  response.body = DumpJson(body);
  return response;
}

}  // namespace stratus::aws
