#pragma once

#include "aws/protocol/codec.h"
#include "http/message.h"

namespace stratus::aws {

class ServiceModel;

/// Returns the protocol a request speaks to `service`, for services that
/// speak several (SQS: json 1.0 from new SDKs, query from old ones;
/// CloudWatch: query, json 1.0 or CBOR): an X-Amz-Target header or a JSON
/// Content-Type means the service's JSON protocol, a form body or an Action
/// query parameter means query, application/cbor means CBOR; otherwise the
/// service's primary protocol.
Protocol RequestProtocol(const ServiceModel& service, const http::Request& request);

}  // namespace stratus::aws
