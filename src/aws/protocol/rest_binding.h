#pragma once

#include "aws/protocol/codec.h"
#include "base/json.h"
#include "base/result.h"
#include "http/message.h"

namespace stratus::aws {

class ServiceModel;
struct OperationModel;

/// The HTTP bindings of the rest-json and rest-xml protocols: members bound
/// to URI labels (`location: uri`), query parameters (`querystring`, a map
/// taking the parameters no other member claims), headers (`header`,
/// lists comma-separated, timestamps as HTTP dates by default, `jsonvalue`
/// as base64 JSON; `headers` maps by name prefix), the status code
/// (`statusCode`), and the body: the input/output shape's `payload` member
/// (a blob or string is the raw body, a structure a JSON/XML document) or
/// else every unbound member as one JSON object / XML document.

/// Server side: reads a request into operation input.
Result<Json> ReadRestRequest(const ServiceModel& service,
                             const OperationModel& operation,
                             Protocol protocol,
                             const http::Request& request);

/// Server side: writes operation output as a response (status, headers, body).
http::Response WriteRestResponse(const ServiceModel& service,
                                 const OperationModel& operation,
                                 Protocol protocol,
                                 const Json& output);

/// Client side (used by the conformance runner to read our responses back as
/// an SDK would): reads a response into operation output.
Result<Json> ReadRestResponse(const ServiceModel& service,
                              const OperationModel& operation,
                              Protocol protocol,
                              const http::Response& response);

/// Writes the header-bound members of `shape` into `headers` (errors use it).
void WriteRestHeaders(const ServiceModel& service,
                      const Json& shape,
                      const Json& value,
                      http::Headers* headers);

/// Returns the operation a REST request addresses: the method must match,
/// the path must match the requestUri template and its static query
/// parameters must be present; the most specific template wins. nullptr
/// when none matches.
const OperationModel* FindRestOperation(const ServiceModel& service, const http::Request& request);

}  // namespace stratus::aws
