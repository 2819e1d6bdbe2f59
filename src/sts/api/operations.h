#pragma once

namespace stratus::aws {
class ModelRegistry;
class OperationTable;
}  // namespace stratus::aws

namespace stratus::iam {
class IamStore;
}  // namespace stratus::iam

namespace stratus::sts {

/// Adds every STS operation stratus serves to `table`, on IAM's `store`.
/// REQUIRES: `models` and `store` outlive the table's use.
void RegisterStsOperations(aws::OperationTable& table,
                           const aws::ModelRegistry& models,
                           iam::IamStore& store);

}  // namespace stratus::sts
