#include "states/api/execution_json.h"

#include <algorithm>

#include "base/format.h"
#include "states/api/request_fields.h"

namespace stratus::states::api {
namespace {

// AWS: billing rounds an EXPRESS execution up to 100 ms steps and 64 MB.
constexpr int64_t kBillingStepMillis = 100;
constexpr int64_t kBilledMemoryMb = 64;

void AddOptional(Json& output, const char* member, const std::optional<std::string>& value) {
  if (value.has_value()) {
    output[member] = *value;
  }
}

}  // namespace

// AWS: pinned by test_sfn_api::test_describe_execution.
Json DescribeExecutionJson(const ExecutionRecord& record) {
  Json output = {{"executionArn", record.arn},
                 {"stateMachineArn", record.machine_arn},
                 {"name", record.name},
                 {"status", std::string(interpreter::ExecutionStatusName(record.status))},
                 {"startDate", EpochSeconds(record.start_millis)},
                 {"input", record.input},
                 {"inputDetails", {{"included", true}}},
                 {"redriveCount", record.redrive_count}};
  if (record.stop_millis > 0 && record.status != ExecutionStatus::kRunning) {
    output["stopDate"] = EpochSeconds(record.stop_millis);
  }
  if (record.output.has_value()) {
    output["output"] = *record.output;
    output["outputDetails"] = {{"included", true}};
  }
  AddOptional(output, "error", record.error);
  AddOptional(output, "cause", record.cause);
  if (!record.version_arn.empty()) {
    output["stateMachineVersionArn"] = record.version_arn;
  }
  if (!record.alias_arn.empty()) {
    output["stateMachineAliasArn"] = record.alias_arn;
  }
  if (!record.trace_header.empty()) {
    output["traceHeader"] = record.trace_header;
  }
  if (!record.map_run_arn.empty()) {
    output["mapRunArn"] = record.map_run_arn;
  }
  if (record.redrive_millis > 0) {
    output["redriveDate"] = EpochSeconds(record.redrive_millis);
  }
  switch (record.status) {
    case ExecutionStatus::kFailed:
    case ExecutionStatus::kTimedOut:
    case ExecutionStatus::kAborted:
      // A Map Run's child execution is redriven by redriving its parent.
      output["redriveStatus"] = record.map_run_arn.empty() ? "REDRIVABLE" : "REDRIVABLE_BY_MAP_RUN";
      break;
    default:
      output["redriveStatus"] = "NOT_REDRIVABLE";
      output["redriveStatusReason"] = Format("Execution is {} and cannot be redriven",
                                             interpreter::ExecutionStatusName(record.status));
  }
  return output;
}

Json ExecutionListItemJson(const ExecutionRecord& record) {
  Json item = {{"executionArn", record.arn},
               {"stateMachineArn", record.machine_arn},
               {"name", record.name},
               {"status", std::string(interpreter::ExecutionStatusName(record.status))},
               {"startDate", EpochSeconds(record.start_millis)},
               {"redriveCount", record.redrive_count}};
  if (record.stop_millis > 0 && record.status != ExecutionStatus::kRunning) {
    item["stopDate"] = EpochSeconds(record.stop_millis);
  }
  if (!record.version_arn.empty()) {
    item["stateMachineVersionArn"] = record.version_arn;
  }
  if (!record.alias_arn.empty()) {
    item["stateMachineAliasArn"] = record.alias_arn;
  }
  if (record.redrive_millis > 0) {
    item["redriveDate"] = EpochSeconds(record.redrive_millis);
  }
  if (!record.map_run_arn.empty()) {
    item["mapRunArn"] = record.map_run_arn;
  }
  return item;
}

// AWS: pinned by test_sfn_api_express::test_start_sync_execution.
Json SyncExecutionJson(ExecutionResult result,
                       std::string machine_arn,
                       std::string name,
                       std::string trace_header) {
  const int64_t duration = std::max<int64_t>(0, result.stop_millis - result.start_millis);
  const int64_t billed = std::max(kBillingStepMillis, (duration + kBillingStepMillis - 1) /
                                                          kBillingStepMillis * kBillingStepMillis);
  // Member by member (an initializer list copies every value twice).
  Json output = Json::object();
  output["executionArn"] = std::move(result.arn);
  output["stateMachineArn"] = std::move(machine_arn);
  output["name"] = std::move(name);
  output["startDate"] = EpochSeconds(result.start_millis);
  output["stopDate"] = EpochSeconds(result.stop_millis);
  output["status"] = std::string(interpreter::ExecutionStatusName(result.status));
  output["input"] = std::move(result.input);
  output["inputDetails"]["included"] = true;
  Json& billing = output["billingDetails"];
  billing["billedMemoryUsedInMB"] = kBilledMemoryMb;
  billing["billedDurationInMilliseconds"] = billed;
  if (result.output.has_value()) {
    output["output"] = std::move(*result.output);
    output["outputDetails"]["included"] = true;
  }
  AddOptional(output, "error", result.error);
  AddOptional(output, "cause", result.cause);
  if (!trace_header.empty()) {
    output["traceHeader"] = std::move(trace_header);
  }
  return output;
}

}  // namespace stratus::states::api
