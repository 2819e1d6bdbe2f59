#include "aws/protocol/rest_xml_codec.h"

#include "aws/model/service_model.h"
#include "aws/protocol/error_encoding.h"
#include "aws/protocol/rest_binding.h"
#include "aws/protocol/xml_body.h"
#include "aws/protocol/xml_writer.h"

namespace stratus::aws {

Result<Json> RestXmlCodec::ParseRequest(const ServiceModel& service,
                                        const OperationModel& operation,
                                        const http::Request& request) const {
  return ReadRestRequest(service, operation, Protocol::kRestXml, request);
}

http::Response RestXmlCodec::SerializeResponse(const ServiceModel& service,
                                               const OperationModel& operation,
                                               const Json& output,
                                               const RequestContext& context) const {
  http::Response response = WriteRestResponse(service, operation, Protocol::kRestXml, output);
  response.headers.Set("x-amz-request-id", context.request_id);
  response.headers.Set("x-amz-id-2", context.request_id);
  return response;
}

http::Response RestXmlCodec::SerializeErrorWithMembers(const ServiceModel& service,
                                                       const Status& error,
                                                       const Json& members,
                                                       const RequestContext& context) const {
  WireError wire = ResolveWireError(service, error, Protocol::kRestXml);
  http::Response response;
  response.status = wire.http_status;
  response.headers.Set("Content-Type", "application/xml");
  response.headers.Set("x-amz-request-id", context.request_id);
  response.headers.Set("x-amz-id-2", context.request_id);
  XmlWriter writer(true);
  writer.Open("Error");
  writer.Element("Code", wire.code);
  writer.Element("Message", wire.message);
  if (wire.shape != nullptr && members.is_object()) {
    Json rest = members;
    rest.erase("Message");
    rest.erase("message");
    WriteXmlStructureMembers(writer, service, *wire.shape, rest);
    WriteRestHeaders(service, *wire.shape, members, &response.headers);
  }
  if (context.response_payload != nullptr) {
    for (const auto& [name, text] : context.response_payload->error_elements) {
      writer.Element(name, text);
    }
  }
  writer.Element("RequestId", context.request_id);
  writer.Close();
  response.body = writer.Finish();
  return response;
}

}  // namespace stratus::aws
