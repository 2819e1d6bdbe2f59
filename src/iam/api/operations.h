#pragma once

namespace stratus::aws {
class ModelRegistry;
class OperationTable;
}  // namespace stratus::aws

namespace stratus::iam {

class IamStore;

/// Adds every IAM operation stratus serves to `table`, on `store`.
/// REQUIRES: `models` and `store` outlive the table's use.
void RegisterIamOperations(aws::OperationTable& table,
                           const aws::ModelRegistry& models,
                           IamStore& store);

}  // namespace stratus::iam
