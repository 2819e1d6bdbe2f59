#include "states/api/execution_lookup.h"

#include "states/api/arn.h"
#include "states/api/errors.h"
#include "states/api/execution_store.h"
#include "storage/database.h"

namespace stratus::states::api {

Result<ExecutionRecord> LookUpExecution(storage::Database& database, std::string_view arn) {
  STRATUS_RETURN_IF_ERROR(ParseExecutionArn(arn).status());
  std::optional<ExecutionRecord> found;
  STRATUS_RETURN_IF_ERROR(database.Read([&](storage::Transaction& txn) -> Status {
    STRATUS_ASSIGN_OR_RETURN(found, FindExecution(txn, arn));
    return Status::Ok();
  }));
  if (!found.has_value()) {
    return StatesApiError::ExecutionDoesNotExist(arn);
  }
  return std::move(*found);
}

}  // namespace stratus::states::api
