#pragma once

namespace stratus::aws {
class ModelRegistry;
class OperationTable;
}  // namespace stratus::aws

namespace stratus::cloudformation {

class StackEngine;

/// Adds every CloudFormation operation, on `engine`, to `table`.
void RegisterCloudFormationOperations(aws::OperationTable& table,
                                      const aws::ModelRegistry& models,
                                      StackEngine& engine);

}  // namespace stratus::cloudformation
