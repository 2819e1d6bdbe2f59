#pragma once

#include <string_view>

#include "base/result.h"
#include "states/api/execution_record.h"

namespace stratus::storage {
class Database;
}  // namespace stratus::storage

namespace stratus::states::api {

/// Reads the committed row of a STANDARD execution: InvalidArn for ARNs
/// that are not execution ARNs, ExecutionDoesNotExist when unknown.
Result<ExecutionRecord> LookUpExecution(storage::Database& database, std::string_view arn);

}  // namespace stratus::states::api
