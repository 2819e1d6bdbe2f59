#pragma once

#include <cstdint>
#include <string_view>

#include "aws/request_context.h"
#include "base/json.h"
#include "base/result.h"
#include "http/message.h"

namespace stratus::aws {

class ServiceModel;
struct OperationModel;

/// The wire protocols AWS services speak (botocore metadata.protocol).
/// kEc2 and kRpcV2Cbor are recognised in models but have no codec yet.
enum class Protocol : uint8_t { kJson10, kJson11, kQuery, kRestJson, kRestXml, kEc2, kRpcV2Cbor };

/// Returns the protocol for a botocore name ("json" with jsonVersion, "query",
/// "rest-json", "rest-xml", "ec2", "smithy-rpc-v2-cbor"). An unknown name is
/// InvalidArgument.
Result<Protocol> ProtocolFromName(std::string_view name, std::string_view json_version);

/// Returns a short name for logs: "json1.0", "json1.1", "query", "rest-json",
/// "rest-xml", "ec2", "rpcv2-cbor".
std::string_view ProtocolName(Protocol protocol);

/// Returns true when CodecFor(protocol) has a real codec.
bool HasCodec(Protocol protocol);

/// Turns HTTP requests into operation input and operation output or errors
/// into HTTP responses, as a server speaking one protocol must. Shapes come
/// from the service model; the JSON conventions are those of OperationHandler
/// (member names as in the model, blobs base64, timestamps epoch seconds).
///
/// Thread safety: codecs are stateless and shared.
class ProtocolCodec {
 public:
  virtual ~ProtocolCodec() = default;

  /// Parses the request's body, URI, query and headers into the operation's
  /// input. Malformed bodies are InvalidArgument (tagged with the protocol's
  /// serialization error code).
  virtual Result<Json> ParseRequest(const ServiceModel& service,
                                    const OperationModel& operation,
                                    const http::Request& request) const = 0;

  /// Serializes the operation's output as the protocol's success response.
  virtual http::Response SerializeResponse(const ServiceModel& service,
                                           const OperationModel& operation,
                                           const Json& output,
                                           const RequestContext& context) const = 0;

  /// Serializes an error: its AWS code from status.aws_type() (else derived
  /// from status.code()), HTTP status, message and request id.
  virtual http::Response SerializeError(const ServiceModel& service,
                                        const Status& error,
                                        const RequestContext& context) const {
    return SerializeErrorWithMembers(service, error, Json::object(), context);
  }

  /// Like SerializeError(), adding the error shape's members besides the
  /// message (`members` is operation JSON of the error shape, e.g.
  /// DynamoDB's CancellationReasons).
  virtual http::Response SerializeErrorWithMembers(const ServiceModel& service,
                                                   const Status& error,
                                                   const Json& members,
                                                   const RequestContext& context) const = 0;
};

/// Returns the shared codec for `protocol`. Protocols without a codec
/// (HasCodec() false) get one that answers every call with NotImplemented.
const ProtocolCodec& CodecFor(Protocol protocol);

}  // namespace stratus::aws
