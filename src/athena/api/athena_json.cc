#include "athena/api/athena_json.h"

namespace stratus::athena::api {
namespace {

constexpr double kMillisPerSecond = 1000.0;

// AWS: Athena engine version 3 is what every query reports.
constexpr std::string_view kEngineVersion = "Athena engine version 3";

Json StatisticsToJson(const QueryExecution& execution) {
  const QueryExecutionStatistics& statistics = execution.statistics;
  Json out = Json::object();
  if (!IsFinal(execution.state)) {
    return out;
  }
  out["EngineExecutionTimeInMillis"] = statistics.engine_execution_millis;
  out["DataScannedInBytes"] = statistics.data_scanned_bytes;
  out["TotalExecutionTimeInMillis"] = statistics.total_execution_millis;
  out["QueryQueueTimeInMillis"] = statistics.queue_millis;
  out["ServicePreProcessingTimeInMillis"] = 0;
  out["QueryPlanningTimeInMillis"] = statistics.planning_millis;
  out["ServiceProcessingTimeInMillis"] = statistics.service_processing_millis;
  out["ResultReuseInformation"] = Json{{"ReusedPreviousResult", false}};
  return out;
}

Json StatusToJson(const QueryExecution& execution) {
  Json status{{"State", QueryStateName(execution.state)},
              {"SubmissionDateTime", EpochSeconds(execution.submitted_millis)}};
  if (!execution.state_change_reason.empty()) {
    status["StateChangeReason"] = execution.state_change_reason;
  }
  if (IsFinal(execution.state)) {
    status["CompletionDateTime"] = EpochSeconds(execution.completed_millis);
  }
  if (execution.error.has_value()) {
    status["AthenaError"] = Json{{"ErrorCategory", execution.error->category},
                                 {"ErrorType", execution.error->type},
                                 {"Retryable", execution.error->retryable},
                                 {"ErrorMessage", execution.error->message}};
  }
  return status;
}

}  // namespace

double EpochSeconds(int64_t millis) {
  return static_cast<double>(millis) / kMillisPerSecond;
}

Json QueryExecutionToJson(const QueryExecution& execution) {
  Json out{{"QueryExecutionId", execution.id},
           {"Query", execution.query},
           {"StatementType", execution.statement_type},
           {"ResultConfiguration", Json{{"OutputLocation", execution.output_location}}},
           {"ResultReuseConfiguration",
            Json{{"ResultReuseByAgeConfiguration", Json{{"Enabled", false}}}}},
           {"Status", StatusToJson(execution)},
           {"Statistics", StatisticsToJson(execution)},
           {"WorkGroup", execution.work_group},
           {"EngineVersion",
            Json{{"SelectedEngineVersion", "AUTO"}, {"EffectiveEngineVersion", kEngineVersion}}}};
  Json context = Json::object();
  if (!execution.database.empty()) {
    context["Database"] = execution.database;
  }
  if (!execution.catalog.empty()) {
    context["Catalog"] = execution.catalog;
  }
  out["QueryExecutionContext"] = std::move(context);
  if (!execution.substatement_type.empty()) {
    out["SubstatementType"] = execution.substatement_type;
  }
  if (!execution.execution_parameters.empty()) {
    out["ExecutionParameters"] = execution.execution_parameters;
  }
  return out;
}

Json WorkGroupToJson(const WorkGroup& work_group) {
  Json result_configuration = Json::object();
  if (!work_group.output_location.empty()) {
    result_configuration["OutputLocation"] = work_group.output_location;
  }
  if (!work_group.expected_bucket_owner.empty()) {
    result_configuration["ExpectedBucketOwner"] = work_group.expected_bucket_owner;
  }
  Json configuration{
      {"ResultConfiguration", std::move(result_configuration)},
      {"EnforceWorkGroupConfiguration", work_group.enforce_configuration},
      {"PublishCloudWatchMetricsEnabled", work_group.publish_cloudwatch_metrics},
      {"RequesterPaysEnabled", work_group.requester_pays},
      {"EngineVersion", Json{{"SelectedEngineVersion", work_group.selected_engine_version},
                             {"EffectiveEngineVersion", kEngineVersion}}},
      {"EnableMinimumEncryptionConfiguration", false}};
  if (work_group.bytes_scanned_cutoff > 0) {
    configuration["BytesScannedCutoffPerQuery"] = work_group.bytes_scanned_cutoff;
  }
  Json out{{"Name", work_group.name},
           {"State", work_group.state},
           {"Configuration", std::move(configuration)},
           {"CreationTime", EpochSeconds(work_group.created_millis)}};
  if (!work_group.description.empty()) {
    out["Description"] = work_group.description;
  }
  return out;
}

Json WorkGroupSummaryToJson(const WorkGroup& work_group) {
  Json out{{"Name", work_group.name},
           {"State", work_group.state},
           {"CreationTime", EpochSeconds(work_group.created_millis)},
           {"EngineVersion", Json{{"SelectedEngineVersion", work_group.selected_engine_version},
                                  {"EffectiveEngineVersion", kEngineVersion}}}};
  if (!work_group.description.empty()) {
    out["Description"] = work_group.description;
  }
  return out;
}

Json NamedQueryToJson(const NamedQuery& query) {
  Json out{{"Name", query.name},
           {"Database", query.database},
           {"QueryString", query.query},
           {"NamedQueryId", query.id},
           {"WorkGroup", query.work_group}};
  if (!query.description.empty()) {
    out["Description"] = query.description;
  }
  return out;
}

Json PreparedStatementToJson(const PreparedStatement& statement) {
  Json out{{"StatementName", statement.name},
           {"QueryStatement", statement.query},
           {"WorkGroupName", statement.work_group},
           {"LastModifiedTime", EpochSeconds(statement.last_modified_millis)}};
  if (!statement.description.empty()) {
    out["Description"] = statement.description;
  }
  return out;
}

}  // namespace stratus::athena::api
