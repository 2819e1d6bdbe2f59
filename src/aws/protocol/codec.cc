#include "aws/protocol/codec.h"

#include "aws/model/service_model.h"
#include "aws/protocol/error_encoding.h"
#include "aws/protocol/json_codec.h"
#include "aws/protocol/query_codec.h"
#include "aws/protocol/rest_json_codec.h"
#include "aws/protocol/rest_xml_codec.h"
#include "base/format.h"

namespace stratus::aws {
namespace {

// Stands in for protocols without a codec: every call is NotImplemented.
class UnsupportedCodec final : public ProtocolCodec {
 public:
  explicit UnsupportedCodec(Protocol protocol) : protocol_(protocol) {}

  Result<Json> ParseRequest(const ServiceModel& /*service*/,
                            const OperationModel& /*operation*/,
                            const http::Request& /*request*/) const override {
    return Status::NotImplemented(
        Format("the {} protocol is not supported", ProtocolName(protocol_)));
  }

  http::Response SerializeResponse(const ServiceModel& /*service*/,
                                   const OperationModel& /*operation*/,
                                   const Json& /*output*/,
                                   const RequestContext& context) const override {
    return Plain(501, "NotImplemented", context);
  }

  http::Response SerializeErrorWithMembers(const ServiceModel& service,
                                           const Status& error,
                                           const Json& /*members*/,
                                           const RequestContext& context) const override {
    WireError wire = ResolveWireError(service, error, protocol_);
    return Plain(wire.http_status, wire.code, context);
  }

 private:
  http::Response Plain(int status, std::string_view code, const RequestContext& context) const {
    http::Response response;
    response.status = status;
    response.headers.Set("Content-Type", "text/plain");
    response.headers.Set("x-amzn-RequestId", context.request_id);
    response.headers.Set("x-amzn-ErrorType", std::string(code));
    response.body = Format("{}: the {} protocol is not supported\n", code, ProtocolName(protocol_));
    return response;
  }

  Protocol protocol_;
};

}  // namespace

Result<Protocol> ProtocolFromName(std::string_view name, std::string_view json_version) {
  if (name == "json") {
    if (json_version == "1.0") {
      return Protocol::kJson10;
    }
    if (json_version == "1.1" || json_version.empty()) {
      return Protocol::kJson11;
    }
    return Status::InvalidArgument(Format("unknown JSON protocol version {}", json_version));
  }
  if (name == "query") {
    return Protocol::kQuery;
  }
  if (name == "rest-json") {
    return Protocol::kRestJson;
  }
  if (name == "rest-xml") {
    return Protocol::kRestXml;
  }
  if (name == "ec2") {
    return Protocol::kEc2;
  }
  if (name == "smithy-rpc-v2-cbor") {
    return Protocol::kRpcV2Cbor;
  }
  return Status::InvalidArgument(Format("unknown protocol {}", name));
}

std::string_view ProtocolName(Protocol protocol) {
  switch (protocol) {
    case Protocol::kJson10:
      return "json1.0";
    case Protocol::kJson11:
      return "json1.1";
    case Protocol::kQuery:
      return "query";
    case Protocol::kRestJson:
      return "rest-json";
    case Protocol::kRestXml:
      return "rest-xml";
    case Protocol::kEc2:
      return "ec2";
    case Protocol::kRpcV2Cbor:
      return "rpcv2-cbor";
  }
  return "unknown";
}

bool HasCodec(Protocol protocol) {
  switch (protocol) {
    case Protocol::kJson10:
    case Protocol::kJson11:
    case Protocol::kQuery:
    case Protocol::kRestJson:
    case Protocol::kRestXml:
      return true;
    case Protocol::kEc2:
    case Protocol::kRpcV2Cbor:
      return false;
  }
  return false;
}

const ProtocolCodec& CodecFor(Protocol protocol) {
  // Codecs are stateless and immutable: shared constants, not mutable state.
  static const JsonCodec kJson10("1.0");
  static const JsonCodec kJson11("1.1");
  static const QueryCodec kQuery;
  static const RestJsonCodec kRestJson;
  static const RestXmlCodec kRestXml;
  static const UnsupportedCodec kEc2(Protocol::kEc2);
  static const UnsupportedCodec kCbor(Protocol::kRpcV2Cbor);
  switch (protocol) {
    case Protocol::kJson10:
      return kJson10;
    case Protocol::kJson11:
      return kJson11;
    case Protocol::kQuery:
      return kQuery;
    case Protocol::kRestJson:
      return kRestJson;
    case Protocol::kRestXml:
      return kRestXml;
    case Protocol::kEc2:
      return kEc2;
    case Protocol::kRpcV2Cbor:
      return kCbor;
  }
  return kEc2;
}

}  // namespace stratus::aws
