#pragma once

namespace stratus::aws {
class OperationTable;
}  // namespace stratus::aws

namespace stratus::sqs {

class QueueService;

/// Adds every SQS operation to `table` under service "sqs". The one place
/// SQS operation names appear. REQUIRES: `service` outlives the table's use.
void RegisterSqsOperations(aws::OperationTable& table, QueueService& service);

}  // namespace stratus::sqs
