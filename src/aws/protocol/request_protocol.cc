#include "aws/protocol/request_protocol.h"

#include "aws/model/service_model.h"

namespace stratus::aws {

Protocol RequestProtocol(const ServiceModel& service, const http::Request& request) {
  if (service.protocols().size() < 2) {
    return service.protocol();
  }
  auto content_type = request.headers.Get("content-type");
  std::string_view type = content_type.value_or("");
  auto json_protocol = [&]() {
    for (Protocol p : service.protocols()) {
      if (p == Protocol::kJson10 || p == Protocol::kJson11) {
        return p;
      }
    }
    return service.protocol();
  };
  if (type.find("cbor") != std::string_view::npos && service.SpeaksProtocol(Protocol::kRpcV2Cbor)) {
    return Protocol::kRpcV2Cbor;
  }
  if (request.headers.Get("x-amz-target").has_value() ||
      type.find("json") != std::string_view::npos) {
    return json_protocol();
  }
  if (service.SpeaksProtocol(Protocol::kQuery) &&
      (type.find("x-www-form-urlencoded") != std::string_view::npos ||
       request.query.find("Action=") != std::string_view::npos)) {
    return Protocol::kQuery;
  }
  return service.protocol();
}

}  // namespace stratus::aws
