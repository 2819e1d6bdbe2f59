#pragma once

namespace stratus::aws {
class ModelRegistry;
class OperationTable;
}  // namespace stratus::aws

namespace stratus::glue {

class Engine;

/// Adds every Glue operation to `table`, bound to `engine`.
/// REQUIRES: `engine` and `models` outlive the table's use.
void RegisterGlueOperations(aws::OperationTable& table,
                            const aws::ModelRegistry& models,
                            Engine& engine);

}  // namespace stratus::glue
