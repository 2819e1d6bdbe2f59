#include <charconv>

#include "base/format.h"
#include "states/api/arn.h"
#include "states/api/errors.h"
#include "states/api/execution_json.h"
#include "states/api/execution_store.h"
#include "states/api/handlers.h"
#include "states/api/list_pages.h"
#include "states/api/map_run_store.h"
#include "states/api/request_fields.h"
#include "states/api/state_machine_catalog.h"
#include "states/api/states_service.h"
#include "storage/database.h"

namespace stratus::states::api::handlers {
namespace {

constexpr size_t kDefaultPageSize = 100;
constexpr size_t kMaxTokenLength = 3096;
constexpr size_t kRedriveScanBatch = 500;

Result<std::optional<ExecutionStatus>> StatusFilter(const Json& input) {
  STRATUS_ASSIGN_OR_RETURN(std::optional<std::string> filter,
                           OptionalString(input, "statusFilter"));
  if (!filter.has_value()) {
    return std::optional<ExecutionStatus>();
  }
  for (ExecutionStatus status :
       {ExecutionStatus::kRunning, ExecutionStatus::kSucceeded, ExecutionStatus::kFailed,
        ExecutionStatus::kTimedOut, ExecutionStatus::kAborted}) {
    if (*filter == interpreter::ExecutionStatusName(status)) {
      return std::optional<ExecutionStatus>(status);
    }
  }
  if (*filter == "PENDING_REDRIVE") {
    return std::optional<ExecutionStatus>(ExecutionStatus::kRunning);
  }
  // AWS: pinned by test_sfn_api::test_state_machine_status_filter.
  return StatesApiError::ValidationConstraint(
      *filter, "statusFilter",
      "Member must satisfy enum value set: [SUCCEEDED, TIMED_OUT, PENDING_REDRIVE, ABORTED, "
      "FAILED, RUNNING]");
}

// The arguments a ListExecutions token is bound to (list_pages.h).
std::string Scope(const Json& input) {
  return PageScope("executions",
                   {StringMember(input, "stateMachineArn"), StringMember(input, "mapRunArn"),
                    StringMember(input, "statusFilter"), StringMember(input, "redriveFilter")});
}

Result<ExecutionListQuery> Parse(StatesService& service, const Json& input) {
  ExecutionListQuery query;
  STRATUS_ASSIGN_OR_RETURN(std::optional<std::string> machine,
                           OptionalString(input, "stateMachineArn"));
  STRATUS_ASSIGN_OR_RETURN(std::optional<std::string> map_run, OptionalString(input, "mapRunArn"));
  STRATUS_ASSIGN_OR_RETURN(query.status, StatusFilter(input));
  STRATUS_ASSIGN_OR_RETURN(int64_t max_results, MaxResults(input));
  STRATUS_ASSIGN_OR_RETURN(std::string token, NextToken(input, kMaxTokenLength));
  query.limit = max_results > 0 ? static_cast<size_t>(max_results) : kDefaultPageSize;
  if (!token.empty()) {
    STRATUS_ASSIGN_OR_RETURN(std::string position, DecodePageToken(token, Scope(input)));
    std::from_chars(position.data(), position.data() + position.size(), query.before_id);
  }
  if (map_run.has_value()) {
    if (machine.has_value()) {
      return StatesApiError::Validation("Must provide a StateMachine ARN or MapRun ARN, not both");
    }
    STRATUS_ASSIGN_OR_RETURN(StatesArn parsed, ParseStatesArn(*map_run));
    if (parsed.kind != ArnKind::kMapRun) {
      return StatesApiError::InvalidArn(*map_run);
    }
    std::optional<MapRunRow> found;
    STRATUS_RETURN_IF_ERROR(service.database().Read([&](storage::Transaction& txn) -> Status {
      STRATUS_ASSIGN_OR_RETURN(found, FindMapRun(txn, *map_run));
      return Status::Ok();
    }));
    if (!found.has_value()) {
      return StatesApiError::ResourceNotFound(Format("Map Run Does Not Exist: '{}'", *map_run));
    }
    query.map_run_arn = *map_run;
    return query;
  }
  if (!machine.has_value()) {
    return StatesApiError::Validation("Must provide a StateMachine ARN or MapRun ARN");
  }
  STRATUS_ASSIGN_OR_RETURN(StatesArn parsed, ParseStatesArn(*machine));
  std::optional<StateMachineRecord> record = service.catalog().Find(parsed.StateMachineArn());
  if (parsed.kind == ArnKind::kStateMachine) {
    query.machine_arn = *machine;
  } else if (parsed.kind == ArnKind::kStateMachineVersion) {
    query.version_arn = *machine;
  } else if (parsed.kind == ArnKind::kStateMachineAlias) {
    query.alias_arn = *machine;
  } else {
    return StatesApiError::InvalidArn(*machine);
  }
  if (!record.has_value()) {
    return StatesApiError::StateMachineDoesNotExist(*machine);
  }
  if (record->type == StateMachineType::kExpress) {
    return StatesApiError::StateMachineTypeNotSupported();
  }
  return query;
}

// AWS: redriveFilter REDRIVEN keeps executions redriven at least once,
// NOT_REDRIVEN the others (the model's enum rejects anything else first).
// Pinned by test/wire/test_stepfunctions_service.py::test_list_executions_redrive_filter.
Result<std::optional<bool>> RedriveFilter(const Json& input) {
  const Json filter = MemberOrNull(input, "redriveFilter");
  if (filter.is_null()) {
    return std::optional<bool>();
  }
  if (!filter.is_string()) {
    return StatesApiError::Validation(
        "Invalid type for parameter redriveFilter, expected a string");
  }
  return std::optional<bool>(filter.get<std::string>() == "REDRIVEN");
}

// Reads up to query.limit executions matching `redriven`, newest first.
Result<std::vector<ExecutionRecord>> ReadPage(StatesService& service,
                                              ExecutionListQuery query,
                                              std::optional<bool> redriven) {
  const size_t wanted = query.limit;
  std::vector<ExecutionRecord> records;
  Status read = service.database().Read([&](storage::Transaction& txn) -> Status {
    if (!redriven.has_value()) {
      STRATUS_ASSIGN_OR_RETURN(records, ListExecutions(txn, query));
      return Status::Ok();
    }
    // The store filters by status only: scan batches and keep the matches.
    query.limit = kRedriveScanBatch;
    while (records.size() < wanted) {
      STRATUS_ASSIGN_OR_RETURN(std::vector<ExecutionRecord> batch, ListExecutions(txn, query));
      for (ExecutionRecord& record : batch) {
        if ((record.redrive_count > 0) == *redriven && records.size() < wanted) {
          records.push_back(std::move(record));
        }
      }
      if (batch.size() < kRedriveScanBatch) {
        break;
      }
      query.before_id = batch.back().id;
    }
    return Status::Ok();
  });
  STRATUS_RETURN_IF_ERROR(read);
  return records;
}

Result<Json> List(StatesService& service, const Json& input) {
  STRATUS_ASSIGN_OR_RETURN(ExecutionListQuery query, Parse(service, input));
  STRATUS_ASSIGN_OR_RETURN(std::optional<bool> redriven, RedriveFilter(input));
  const size_t page = query.limit;
  query.limit = page + 1;
  STRATUS_ASSIGN_OR_RETURN(std::vector<ExecutionRecord> records,
                           ReadPage(service, query, redriven));
  Json output = {{"executions", Json::array()}};
  for (size_t i = 0; i < records.size() && i < page; ++i) {
    output["executions"].push_back(ExecutionListItemJson(records[i]));
  }
  if (records.size() > page) {
    output["nextToken"] = EncodePageToken(std::to_string(records[page - 1].id), Scope(input));
  }
  return output;
}

}  // namespace

void ListExecutions(StatesService& service,
                    const aws::RequestContext& /*context*/,
                    Json input,
                    aws::Reply reply) {
  reply(List(service, input));
}

}  // namespace stratus::states::api::handlers
