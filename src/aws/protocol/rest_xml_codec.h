#pragma once

#include "aws/protocol/codec.h"

namespace stratus::aws {

/// The rest-xml protocol (S3): operations addressed by method and
/// URI template, members bound to the URI, query, headers and body (see
/// rest_binding.h). Errors are S3-style <Error><Code/><Message/><RequestId/></Error>.
///
/// Thread safety: stateless; shared.
class RestXmlCodec final : public ProtocolCodec {
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
