#pragma once

#include "aws/protocol/codec.h"

namespace stratus::aws {

/// The awsQuery protocol (SQS's former protocol, CloudWatch, IAM, STS,
/// CloudFormation): form-encoded `Action=...&Version=...&Name.member.1=...`
/// requests (or the same in a GET query string) and XML responses
/// `<OpResponse xmlns=..><OpResult>..</OpResult><ResponseMetadata>..`.
///
/// Parameter names follow the model like botocore's serializer: members by
/// locationName; lists as `Name.member.N` (`Name.<memberName>.N` with a list
/// member locationName) or, flattened, `Name.N` (the list member's
/// locationName replacing the last label); maps as `Name.entry.N.key` /
/// `.value` (flattened: `Name.N.key`, key/value renamed by locationName).
/// An empty list is sent as `Name=`.
///
/// Thread safety: stateless; shared.
class QueryCodec final : public ProtocolCodec {
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
