#pragma once

namespace stratus::aws {
class ModelRegistry;
class OperationTable;
}  // namespace stratus::aws

namespace stratus::athena {

class Engine;

/// Adds every Athena operation to `table`, bound to `engine`.
/// REQUIRES: `engine` and `models` outlive the table's use.
void RegisterAthenaOperations(aws::OperationTable& table,
                              const aws::ModelRegistry& models,
                              Engine& engine);

}  // namespace stratus::athena
