#include "aws/protocol/rest_json_codec.h"

#include "aws/model/service_model.h"
#include "aws/protocol/error_encoding.h"
#include "aws/protocol/json_body.h"
#include "aws/protocol/rest_binding.h"
#include "aws/protocol/shape_traits.h"

namespace stratus::aws {
namespace {

bool Unbound(const Json& member_ref) {
  return StringTrait(member_ref, "location").empty();
}

}  // namespace

Result<Json> RestJsonCodec::ParseRequest(const ServiceModel& service,
                                         const OperationModel& operation,
                                         const http::Request& request) const {
  return ReadRestRequest(service, operation, Protocol::kRestJson, request);
}

http::Response RestJsonCodec::SerializeResponse(const ServiceModel& service,
                                                const OperationModel& operation,
                                                const Json& output,
                                                const RequestContext& context) const {
  http::Response response = WriteRestResponse(service, operation, Protocol::kRestJson, output);
  response.headers.Set("x-amzn-RequestId", context.request_id);
  return response;
}

http::Response RestJsonCodec::SerializeErrorWithMembers(const ServiceModel& service,
                                                        const Status& error,
                                                        const Json& members,
                                                        const RequestContext& context) const {
  WireError wire = ResolveWireError(service, error, Protocol::kRestJson);
  http::Response response;
  response.status = wire.http_status;
  response.headers.Set("Content-Type", "application/json");
  response.headers.Set("x-amzn-RequestId", context.request_id);
  response.headers.Set("X-Amzn-Errortype", wire.shape_name);
  Json body = Json::object();
  if (wire.shape != nullptr && members.is_object()) {
    body = WriteJsonMembers(service, *wire.shape, members, Unbound);
    WriteRestHeaders(service, *wire.shape, members, &response.headers);
  }
  bool capital = wire.shape != nullptr && ObjectTrait(*wire.shape, "members").contains("Message") &&
                 !ObjectTrait(*wire.shape, "members").contains("message");
  if (!wire.message.empty() || !body.contains(capital ? "Message" : "message")) {
    body[capital ? "Message" : "message"] = wire.message;
  }
  response.body = DumpJson(body);
  return response;
}

}  // namespace stratus::aws
