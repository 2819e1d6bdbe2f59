#pragma once

namespace stratus::aws {
class ModelRegistry;
class OperationTable;
}  // namespace stratus::aws

namespace stratus::sqs {

class QueueService;

/// Adds every SQS operation to `table` under service "sqs". The one place
/// SQS operation names appear. REQUIRES: `service` outlives the table's use.
void RegisterSqsOperations(aws::OperationTable& table,
                           const aws::ModelRegistry& models,
                           QueueService& service);

}  // namespace stratus::sqs
