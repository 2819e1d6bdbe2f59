#include "athena/record_codec.h"

#include <cstdint>
#include <utility>

#include "storage/record_codec.h"

namespace stratus::athena {
namespace {

// Do not change: the first byte of every stored record.
constexpr uint8_t kExecutionFormat = 1;
constexpr uint8_t kWorkGroupFormat = 1;
constexpr uint8_t kNamedQueryFormat = 1;
constexpr uint8_t kPreparedStatementFormat = 1;
constexpr uint8_t kDataCatalogFormat = 1;

}  // namespace

std::string EncodeExecution(const QueryExecution& execution) {
  storage::RecordWriter writer(kExecutionFormat);
  writer.String(execution.id);
  writer.String(execution.query);
  writer.String(execution.statement_type);
  writer.String(execution.substatement_type);
  writer.String(execution.work_group);
  writer.String(execution.catalog);
  writer.String(execution.database);
  writer.String(execution.output_location);
  writer.Strings(execution.execution_parameters);
  writer.String(execution.client_request_token);
  writer.Varint(static_cast<uint64_t>(execution.state));
  writer.String(execution.state_change_reason);
  writer.Optional(execution.error, [&writer](const QueryError& error) {
    writer.Int(error.category);
    writer.Int(error.type);
    writer.Bool(error.retryable);
    writer.String(error.message);
  });
  writer.Int(execution.submitted_millis);
  writer.Int(execution.started_millis);
  writer.Int(execution.completed_millis);
  const QueryExecutionStatistics& statistics = execution.statistics;
  writer.Int(statistics.engine_execution_millis);
  writer.Int(statistics.data_scanned_bytes);
  writer.Int(statistics.total_execution_millis);
  writer.Int(statistics.queue_millis);
  writer.Int(statistics.planning_millis);
  writer.Int(statistics.service_processing_millis);
  writer.Int(statistics.rows_output);
  writer.Int(statistics.rows_written);
  return writer.Take();
}

Result<QueryExecution> DecodeExecution(std::string_view bytes) {
  storage::RecordReader reader(bytes, "athena query execution");
  STRATUS_RETURN_IF_ERROR(reader.Format(kExecutionFormat));
  QueryExecution execution;
  STRATUS_ASSIGN_OR_RETURN(execution.id, reader.String());
  STRATUS_ASSIGN_OR_RETURN(execution.query, reader.String());
  STRATUS_ASSIGN_OR_RETURN(execution.statement_type, reader.String());
  STRATUS_ASSIGN_OR_RETURN(execution.substatement_type, reader.String());
  STRATUS_ASSIGN_OR_RETURN(execution.work_group, reader.String());
  STRATUS_ASSIGN_OR_RETURN(execution.catalog, reader.String());
  STRATUS_ASSIGN_OR_RETURN(execution.database, reader.String());
  STRATUS_ASSIGN_OR_RETURN(execution.output_location, reader.String());
  STRATUS_ASSIGN_OR_RETURN(execution.execution_parameters, reader.Strings());
  STRATUS_ASSIGN_OR_RETURN(execution.client_request_token, reader.String());
  STRATUS_ASSIGN_OR_RETURN(uint64_t state, reader.Varint());
  if (state > static_cast<uint64_t>(QueryState::kCancelled)) {
    return reader.Malformed();
  }
  execution.state = static_cast<QueryState>(state);
  STRATUS_ASSIGN_OR_RETURN(execution.state_change_reason, reader.String());
  STRATUS_ASSIGN_OR_RETURN(execution.error,
                           reader.Optional<QueryError>([&reader]() -> Result<QueryError> {
                             QueryError error;
                             STRATUS_ASSIGN_OR_RETURN(int64_t category, reader.Int());
                             STRATUS_ASSIGN_OR_RETURN(int64_t type, reader.Int());
                             error.category = static_cast<int>(category);
                             error.type = static_cast<int>(type);
                             STRATUS_ASSIGN_OR_RETURN(error.retryable, reader.Bool());
                             STRATUS_ASSIGN_OR_RETURN(error.message, reader.String());
                             return error;
                           }));
  STRATUS_ASSIGN_OR_RETURN(execution.submitted_millis, reader.Int());
  STRATUS_ASSIGN_OR_RETURN(execution.started_millis, reader.Int());
  STRATUS_ASSIGN_OR_RETURN(execution.completed_millis, reader.Int());
  QueryExecutionStatistics& statistics = execution.statistics;
  STRATUS_ASSIGN_OR_RETURN(statistics.engine_execution_millis, reader.Int());
  STRATUS_ASSIGN_OR_RETURN(statistics.data_scanned_bytes, reader.Int());
  STRATUS_ASSIGN_OR_RETURN(statistics.total_execution_millis, reader.Int());
  STRATUS_ASSIGN_OR_RETURN(statistics.queue_millis, reader.Int());
  STRATUS_ASSIGN_OR_RETURN(statistics.planning_millis, reader.Int());
  STRATUS_ASSIGN_OR_RETURN(statistics.service_processing_millis, reader.Int());
  STRATUS_ASSIGN_OR_RETURN(statistics.rows_output, reader.Int());
  STRATUS_ASSIGN_OR_RETURN(statistics.rows_written, reader.Int());
  STRATUS_RETURN_IF_ERROR(reader.End());
  return execution;
}

std::string EncodeWorkGroup(const WorkGroup& work_group) {
  storage::RecordWriter writer(kWorkGroupFormat);
  writer.String(work_group.name);
  writer.String(work_group.state);
  writer.String(work_group.description);
  writer.String(work_group.output_location);
  writer.String(work_group.expected_bucket_owner);
  writer.Bool(work_group.enforce_configuration);
  writer.Bool(work_group.publish_cloudwatch_metrics);
  writer.Bool(work_group.requester_pays);
  writer.Int(work_group.bytes_scanned_cutoff);
  writer.String(work_group.selected_engine_version);
  writer.Int(work_group.created_millis);
  return writer.Take();
}

Result<WorkGroup> DecodeWorkGroup(std::string_view bytes) {
  storage::RecordReader reader(bytes, "athena work group");
  STRATUS_RETURN_IF_ERROR(reader.Format(kWorkGroupFormat));
  WorkGroup work_group;
  STRATUS_ASSIGN_OR_RETURN(work_group.name, reader.String());
  STRATUS_ASSIGN_OR_RETURN(work_group.state, reader.String());
  STRATUS_ASSIGN_OR_RETURN(work_group.description, reader.String());
  STRATUS_ASSIGN_OR_RETURN(work_group.output_location, reader.String());
  STRATUS_ASSIGN_OR_RETURN(work_group.expected_bucket_owner, reader.String());
  STRATUS_ASSIGN_OR_RETURN(work_group.enforce_configuration, reader.Bool());
  STRATUS_ASSIGN_OR_RETURN(work_group.publish_cloudwatch_metrics, reader.Bool());
  STRATUS_ASSIGN_OR_RETURN(work_group.requester_pays, reader.Bool());
  STRATUS_ASSIGN_OR_RETURN(work_group.bytes_scanned_cutoff, reader.Int());
  STRATUS_ASSIGN_OR_RETURN(work_group.selected_engine_version, reader.String());
  STRATUS_ASSIGN_OR_RETURN(work_group.created_millis, reader.Int());
  STRATUS_RETURN_IF_ERROR(reader.End());
  return work_group;
}

std::string EncodeNamedQuery(const NamedQuery& query) {
  storage::RecordWriter writer(kNamedQueryFormat);
  writer.String(query.id);
  writer.String(query.name);
  writer.String(query.description);
  writer.String(query.database);
  writer.String(query.query);
  writer.String(query.work_group);
  writer.String(query.client_request_token);
  return writer.Take();
}

Result<NamedQuery> DecodeNamedQuery(std::string_view bytes) {
  storage::RecordReader reader(bytes, "athena named query");
  STRATUS_RETURN_IF_ERROR(reader.Format(kNamedQueryFormat));
  NamedQuery query;
  STRATUS_ASSIGN_OR_RETURN(query.id, reader.String());
  STRATUS_ASSIGN_OR_RETURN(query.name, reader.String());
  STRATUS_ASSIGN_OR_RETURN(query.description, reader.String());
  STRATUS_ASSIGN_OR_RETURN(query.database, reader.String());
  STRATUS_ASSIGN_OR_RETURN(query.query, reader.String());
  STRATUS_ASSIGN_OR_RETURN(query.work_group, reader.String());
  STRATUS_ASSIGN_OR_RETURN(query.client_request_token, reader.String());
  STRATUS_RETURN_IF_ERROR(reader.End());
  return query;
}

std::string EncodePreparedStatement(const PreparedStatement& statement) {
  storage::RecordWriter writer(kPreparedStatementFormat);
  writer.String(statement.name);
  writer.String(statement.work_group);
  writer.String(statement.query);
  writer.String(statement.description);
  writer.Int(statement.last_modified_millis);
  return writer.Take();
}

Result<PreparedStatement> DecodePreparedStatement(std::string_view bytes) {
  storage::RecordReader reader(bytes, "athena prepared statement");
  STRATUS_RETURN_IF_ERROR(reader.Format(kPreparedStatementFormat));
  PreparedStatement statement;
  STRATUS_ASSIGN_OR_RETURN(statement.name, reader.String());
  STRATUS_ASSIGN_OR_RETURN(statement.work_group, reader.String());
  STRATUS_ASSIGN_OR_RETURN(statement.query, reader.String());
  STRATUS_ASSIGN_OR_RETURN(statement.description, reader.String());
  STRATUS_ASSIGN_OR_RETURN(statement.last_modified_millis, reader.Int());
  STRATUS_RETURN_IF_ERROR(reader.End());
  return statement;
}

std::string EncodeDataCatalog(const DataCatalog& catalog) {
  storage::RecordWriter writer(kDataCatalogFormat);
  writer.String(catalog.name);
  writer.String(catalog.type);
  writer.String(catalog.description);
  writer.Strings(catalog.parameters);
  return writer.Take();
}

Result<DataCatalog> DecodeDataCatalog(std::string_view bytes) {
  storage::RecordReader reader(bytes, "athena data catalog");
  STRATUS_RETURN_IF_ERROR(reader.Format(kDataCatalogFormat));
  DataCatalog catalog;
  STRATUS_ASSIGN_OR_RETURN(catalog.name, reader.String());
  STRATUS_ASSIGN_OR_RETURN(catalog.type, reader.String());
  STRATUS_ASSIGN_OR_RETURN(catalog.description, reader.String());
  STRATUS_ASSIGN_OR_RETURN(catalog.parameters, reader.Strings());
  if (catalog.parameters.size() % 2 != 0) {
    return reader.Malformed();
  }
  STRATUS_RETURN_IF_ERROR(reader.End());
  return catalog;
}

}  // namespace stratus::athena
