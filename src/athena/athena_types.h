#pragma once

// The Athena service's records as its engine keeps them (athena.db, see
// docs/formats/athena.md): query executions, work groups, named queries and
// prepared statements. Plain aggregates; no JSON, no HTTP.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "base/result.h"

namespace stratus::athena {

/// Called once with an engine write's outcome, after its commit.
template <typename T>
using Done = std::function<void(Result<T>)>;

/// Athena's QueryExecutionState. Do not reorder: values are stored on disk.
enum class QueryState : uint8_t {
  kQueued = 0,
  kRunning = 1,
  kSucceeded = 2,
  kFailed = 3,
  kCancelled = 4,
};

/// Returns "QUEUED", "RUNNING", ...
const char* QueryStateName(QueryState state);

/// Returns true for SUCCEEDED, FAILED and CANCELLED.
bool IsFinal(QueryState state);

/// Athena's AthenaError of a failed execution.
struct QueryError {
  /// 1 system, 2 user, 3 other.
  int category = 2;
  /// Athena's ErrorType number (1xxx user, 2xxx system...).
  int type = 0;
  bool retryable = false;
  /// "<TRINO_ERROR_NAME>: <message>".
  std::string message = {};
};

/// Athena's QueryExecutionStatistics (milliseconds and bytes).
struct QueryExecutionStatistics {
  int64_t engine_execution_millis = 0;
  int64_t data_scanned_bytes = 0;
  int64_t total_execution_millis = 0;
  int64_t queue_millis = 0;
  int64_t planning_millis = 0;
  int64_t service_processing_millis = 0;
  int64_t rows_output = 0;
  int64_t rows_written = 0;
};

/// One query execution.
struct QueryExecution {
  std::string id = {};
  std::string query = {};
  /// "DDL", "DML" or "UTILITY".
  std::string statement_type = {};
  /// "SELECT", "CREATE_TABLE", "SHOW_TABLES"... ("" until known).
  std::string substatement_type = {};
  std::string work_group = "primary";
  std::string catalog = {};
  std::string database = {};
  /// The OutputLocation of the result file: "<location><id>.csv" (or .txt).
  std::string output_location = {};
  /// Literal values for the statement's `?` parameters.
  std::vector<std::string> execution_parameters = {};
  std::string client_request_token = {};
  QueryState state = QueryState::kQueued;
  std::string state_change_reason = {};
  std::optional<QueryError> error = std::nullopt;
  int64_t submitted_millis = 0;
  int64_t started_millis = 0;
  int64_t completed_millis = 0;
  QueryExecutionStatistics statistics = {};
};

/// A work group and the part of its configuration queries use.
struct WorkGroup {
  std::string name = {};
  /// "ENABLED" or "DISABLED".
  std::string state = "ENABLED";
  std::string description = {};
  std::string output_location = {};
  std::string expected_bucket_owner = {};
  bool enforce_configuration = false;
  bool publish_cloudwatch_metrics = false;
  bool requester_pays = false;
  int64_t bytes_scanned_cutoff = 0;  // 0: none.
  std::string selected_engine_version = "AUTO";
  int64_t created_millis = 0;
};

/// A saved query (CreateNamedQuery).
struct NamedQuery {
  std::string id = {};
  std::string name = {};
  std::string description = {};
  std::string database = {};
  std::string query = {};
  std::string work_group = "primary";
  std::string client_request_token = {};
};

/// A prepared statement of a work group (CreatePreparedStatement).
struct PreparedStatement {
  std::string name = {};
  std::string work_group = {};
  std::string query = {};
  std::string description = {};
  int64_t last_modified_millis = 0;
};

/// A data catalog registered with CreateDataCatalog. AwsDataCatalog (Glue's,
/// the one queries read) is built in and never stored.
struct DataCatalog {
  std::string name = {};
  /// "GLUE", "HIVE" or "LAMBDA".
  std::string type = {};
  std::string description = {};
  /// The Parameters map as key, value, key, value, ... in key order.
  std::vector<std::string> parameters = {};
};

/// A tag on a work group or a data catalog.
struct Tag {
  std::string key = {};
  std::string value = {};
};

/// A page of a listing; `next_token` is empty on the last page.
template <typename T>
struct Page {
  std::vector<T> items = {};
  std::string next_token = {};
};

}  // namespace stratus::athena
