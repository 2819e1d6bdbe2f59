#pragma once

#include <functional>
#include <string>

#include "base/json.h"
#include "lambda/engine.h"

namespace stratus {
class IdGenerator;
}  // namespace stratus

namespace stratus::aws {
class OperationTable;
}  // namespace stratus::aws

namespace stratus::lambda::api {

/// Returns the invocation record AWS sends to a destination:
/// {"version": "1.0", "timestamp", "requestContext": {requestId, functionArn,
/// condition, approximateInvokeCount}, "requestPayload", "responseContext":
/// {statusCode, executedVersion, functionError}, "responsePayload"}.
Json DestinationRecordToJson(const DestinationRecord& record, const std::string& function_arn);

/// Returns a sender that delivers records to SQS queue destinations
/// (arn:aws:sqs:REGION:ACCOUNT:NAME) through the operation table
/// (GetQueueUrl, then SendMessage). Other destination kinds (SNS, Lambda,
/// EventBridge) are logged and dropped. REQUIRES: `table` and `ids` outlive
/// the sender.
DestinationSender SqsDestinationSender(const aws::OperationTable& table,
                                       IdGenerator& ids,
                                       std::string function_arn_prefix);

}  // namespace stratus::lambda::api
