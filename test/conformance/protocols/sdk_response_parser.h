#pragma once

#include <string>

#include "aws/model/service_model.h"
#include "aws/protocol/codec.h"
#include "base/json.h"
#include "base/result.h"
#include "http/message.h"

namespace stratus::conformance {

/// What an SDK makes of a response: the output, or an error's code, message
/// and modeled members. All values are operation JSON.
struct SdkResponse {
  bool is_error = false;
  Json output = Json::object();
  std::string code = {};
  std::string message = {};
  Json error_members = Json::object();
};

/// Parses a response the way botocore's parser for `protocol` does (error
/// code from x-amzn-query-error / __type / code / X-Amzn-Errortype, with
/// namespaces and URIs stripped; query results under the result wrapper;
/// REST members from headers, the status code and the payload).
Result<SdkResponse> ParseSdkResponse(const aws::ServiceModel& service,
                                     const aws::OperationModel& operation,
                                     aws::Protocol protocol,
                                     const http::Response& response);

}  // namespace stratus::conformance
