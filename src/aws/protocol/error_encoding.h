#pragma once

#include <string>

#include "aws/protocol/codec.h"
#include "base/json.h"
#include "base/status.h"

namespace stratus::aws {

class ServiceModel;

/// An error as a protocol writes it: codes, HTTP status and fault.
struct WireError {
  std::string code =
      {};  // What the protocol sends: the query code (error.code trait) or the shape name.
  std::string shape_name = {};  // The model's error shape name, else the code.
  std::string query_code =
      {};  // The error.code trait, else the shape name (awsQueryCompatible header).
  std::string message = {};
  int http_status = 400;
  bool sender_fault = true;     // "Sender" (client) or "Receiver" (server) fault.
  const Json* shape = nullptr;  // The error shape, when the model has one.
};

/// Resolves how `error` goes on the wire for `protocol`. The code comes from
/// error.aws_type() (a shape name or a query code; both are looked up in the
/// model), else from error.code() ("ValidationException",
/// "InvalidParameterValue", "InternalFailure", ...). The HTTP status is
/// error.http_status() if set, else the shape's httpStatusCode trait, else
/// derived from the code and protocol (see the table in the .cc).
WireError ResolveWireError(const ServiceModel& service, const Status& error, Protocol protocol);

}  // namespace stratus::aws
