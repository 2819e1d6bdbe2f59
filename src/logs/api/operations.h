#pragma once

namespace stratus::aws {
class ModelRegistry;
class OperationTable;
}  // namespace stratus::aws

namespace stratus::logs {

class LogStore;

/// Adds every CloudWatch Logs operation to `table` ("logs"), bound to `store`.
void RegisterLogsOperations(aws::OperationTable& table,
                            const aws::ModelRegistry& models,
                            LogStore& store);

}  // namespace stratus::logs
