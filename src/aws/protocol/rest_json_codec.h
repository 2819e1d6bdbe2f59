#pragma once

#include "aws/protocol/codec.h"

namespace stratus::aws {

/// The rest-json protocol (Lambda, Scheduler): operations addressed by method and
/// URI template, members bound to the URI, query, headers and body (see
/// rest_binding.h). Errors carry X-Amzn-Errortype and a JSON body with "message".
///
/// Thread safety: stateless; shared.
class RestJsonCodec final : public ProtocolCodec {
 public:
  Result<Json> ParseRequest(const ServiceModel& service,
                            const OperationModel& operation,
                            const http::Request& request) const override;
  http::Response SerializeResponse(const ServiceModel& service,
                                   const OperationModel& operation,
                                   const Json& output,
                                   const RequestContext& context) const override;
  http::Response SerializeErrorWithMembers(const ServiceModel& service,
                                           const Status& error,
                                           const Json& members,
                                           const RequestContext& context) const override;
};

}  // namespace stratus::aws
