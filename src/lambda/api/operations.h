#pragma once

namespace stratus::aws {
class ModelRegistry;
class OperationTable;
}  // namespace stratus::aws

namespace stratus::lambda {

class LambdaEngine;

/// Adds every Lambda operation to `table` ("lambda"), bound to `engine`.
void RegisterLambdaOperations(aws::OperationTable& table,
                              const aws::ModelRegistry& models,
                              LambdaEngine& engine);

}  // namespace stratus::lambda
