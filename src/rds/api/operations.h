#pragma once

namespace stratus::aws {
class ModelRegistry;
class OperationTable;
}  // namespace stratus::aws

namespace stratus::rds {

class RdsEngine;

/// Adds every RDS operation to `table`.
/// REQUIRES: `models` and `engine` outlive the table's use.
void RegisterRdsOperations(aws::OperationTable& table,
                           const aws::ModelRegistry& models,
                           RdsEngine& engine);

}  // namespace stratus::rds
