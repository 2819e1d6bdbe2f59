#pragma once

#include <string>

#include "aws/protocol/codec.h"

namespace stratus::aws {

/// The awsJson1_0 and awsJson1_1 protocols: POST / with X-Amz-Target
/// "<targetPrefix>.<Operation>" and a JSON body of the input's members.
/// Errors are {"__type": code, "message": ...}; for awsQueryCompatible
/// services (SQS) __type is namespaced and the x-amzn-query-error header
/// carries the former query code ("AWS.SimpleQueueService.NonExistentQueue;Sender").
///
/// Thread safety: stateless; shared.
class JsonCodec final : public ProtocolCodec {
 public:
  /// `json_version` is "1.0" or "1.1" (the Content-Type suffix).
  explicit JsonCodec(std::string json_version);

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

 private:
  std::string content_type_;
};

}  // namespace stratus::aws
