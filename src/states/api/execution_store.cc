#include "states/api/execution_store.h"

#include "base/format.h"
#include "storage/database.h"

namespace stratus::states::api {
namespace {

using storage::Row;
using storage::Transaction;
using storage::Value;

// The columns ReadRecord() reads, in order.
constexpr std::string_view kRecordColumns =
    "id, arn, machine_arn, version_arn, alias_arn, revision_id, name, status, input, output, "
    "error, cause, start_millis, stop_millis, redrive_count, redrive_millis, trace_header, "
    "map_run_arn, options";
constexpr int kNumRecordColumns = 19;

std::optional<std::string> OptionalText(const Row& row, int column) {
  return row.IsNull(column) ? std::nullopt : std::optional<std::string>(row.GetText(column));
}

Value ToValue(const std::optional<std::string>& text) {
  return text.has_value() ? Value(*text) : Value(std::monostate{});
}

// The `state` column: NULL when there is none (a SUCCEEDED execution).
Value StateValue(const std::string& state) {
  return state.empty() ? Value(std::monostate{}) : Value(state);
}

ExecutionRecord ReadRecord(const Row& row) {
  Result<Json> options = ParseJson(row.GetText(18));
  return ExecutionRecord{
      .id = row.GetInt(0),
      .arn = row.GetText(1),
      .machine_arn = row.GetText(2),
      .version_arn = row.GetText(3),
      .alias_arn = row.GetText(4),
      .revision_id = row.GetText(5),
      .name = row.GetText(6),
      .status = static_cast<ExecutionStatus>(row.GetInt(7)),
      .input = row.GetText(8),
      .output = OptionalText(row, 9),
      .error = OptionalText(row, 10),
      .cause = OptionalText(row, 11),
      .start_millis = row.GetInt(12),
      .stop_millis = row.GetInt(13),
      .redrive_count = row.GetInt(14),
      .redrive_millis = row.GetInt(15),
      .trace_header = row.GetText(16),
      .map_run_arn = row.GetText(17),
      .options = ExecutionOptions::FromJson(options.ok() ? *options : Json::object())};
}

StoredExecution ReadStored(const Row& row) {
  Result<Json> host = ParseJson(row.GetText(kNumRecordColumns + 1));
  return StoredExecution{
      .record = ReadRecord(row),
      .state = row.IsNull(kNumRecordColumns) ? "" : row.GetText(kNumRecordColumns),
      .host = HostState::FromJson(host.ok() ? *host : Json::object()),
      .next_event_id = row.GetInt(kNumRecordColumns + 2)};
}

}  // namespace

Result<std::optional<ExecutionRecord>> FindExecution(Transaction& txn, std::string_view arn) {
  std::optional<ExecutionRecord> found;
  STRATUS_RETURN_IF_ERROR(
      txn.Query(Format("SELECT {} FROM executions WHERE arn = ?1", kRecordColumns),
                {std::string(arn)}, [&found](const Row& row) {
                  found = ReadRecord(row);
                  return Status::Ok();
                }));
  return found;
}

Result<std::optional<StoredExecution>> LoadExecution(Transaction& txn, std::string_view arn) {
  std::optional<StoredExecution> found;
  STRATUS_RETURN_IF_ERROR(
      txn.Query(Format("SELECT {}, state, host_state, next_event_id FROM executions WHERE arn = ?1",
                       kRecordColumns),
                {std::string(arn)}, [&found](const Row& row) {
                  found = ReadStored(row);
                  return Status::Ok();
                }));
  return found;
}

Result<int64_t> InsertExecution(Transaction& txn, const StoredExecution& execution) {
  const ExecutionRecord& r = execution.record;
  STRATUS_RETURN_IF_ERROR(
      txn.Exec("INSERT INTO executions (arn, machine_arn, version_arn, alias_arn, revision_id, "
               "name, status, input, output, error, cause, start_millis, stop_millis, "
               "redrive_count, redrive_millis, trace_header, map_run_arn, options, host_state, "
               "next_event_id, state) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, "
               "?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21)",
               {r.arn,
                r.machine_arn,
                r.version_arn,
                r.alias_arn,
                r.revision_id,
                r.name,
                static_cast<int64_t>(r.status),
                r.input,
                ToValue(r.output),
                ToValue(r.error),
                ToValue(r.cause),
                r.start_millis,
                r.stop_millis,
                r.redrive_count,
                r.redrive_millis,
                r.trace_header,
                r.map_run_arn,
                DumpJson(r.options.ToJson()),
                DumpJson(execution.host.ToJson()),
                execution.next_event_id,
                StateValue(execution.state)})
          .status());
  return txn.LastInsertRowId();
}

Status UpdateExecution(Transaction& txn, const ExecutionUpdate& u) {
  return txn
      .Exec(
          "UPDATE executions SET status = ?2, output = ?3, error = ?4, cause = ?5, "
          "stop_millis = ?6, redrive_count = ?7, redrive_millis = ?8, next_event_id = ?9, "
          "state = ?10, host_state = ?11 WHERE id = ?1",
          {u.id, static_cast<int64_t>(u.status), ToValue(u.output), ToValue(u.error),
           ToValue(u.cause), u.stop_millis, u.redrive_count, u.redrive_millis, u.next_event_id,
           StateValue(u.state), DumpJson(u.host.ToJson())})
      .status();
}

std::vector<HistoryRow> ToHistoryRows(std::span<const interpreter::HistoryEvent> events) {
  std::vector<HistoryRow> rows;
  rows.reserve(events.size());
  for (const interpreter::HistoryEvent& event : events) {
    rows.push_back(
        HistoryRow{.event_id = event.id, .body = interpreter::HistoryEventToText(event)});
  }
  return rows;
}

Status AppendHistory(Transaction& txn, int64_t execution_id, std::span<const HistoryRow> rows) {
  for (const HistoryRow& row : rows) {
    STRATUS_RETURN_IF_ERROR(
        txn.Exec("INSERT OR REPLACE INTO history (execution_id, event_id, body) "
                 "VALUES (?1, ?2, ?3)",
                 {execution_id, row.event_id, row.body})
            .status());
  }
  return Status::Ok();
}

Result<std::vector<ExecutionRecord>> ListExecutions(Transaction& txn,
                                                    const ExecutionListQuery& query) {
  std::string column = "machine_arn";
  std::string value = query.machine_arn;
  if (!query.version_arn.empty()) {
    column = "version_arn";
    value = query.version_arn;
  } else if (!query.alias_arn.empty()) {
    column = "alias_arn";
    value = query.alias_arn;
  } else if (!query.map_run_arn.empty()) {
    column = "map_run_arn";
    value = query.map_run_arn;
  }
  const int64_t before = query.before_id > 0 ? query.before_id : INT64_MAX;
  const int64_t status = query.status.has_value() ? static_cast<int64_t>(*query.status) : -1;
  std::vector<ExecutionRecord> records;
  STRATUS_RETURN_IF_ERROR(txn.Query(
      Format("SELECT {} FROM executions WHERE {} = ?1 AND id < ?2 AND (?3 < 0 OR status = ?3) "
             "ORDER BY id DESC LIMIT ?4",
             kRecordColumns, column),
      {value, before, status, static_cast<int64_t>(query.limit)}, [&records](const Row& row) {
        records.push_back(ReadRecord(row));
        return Status::Ok();
      }));
  return records;
}

Result<std::vector<std::string>> ReadHistory(
    Transaction& txn, int64_t execution_id, int64_t cursor, bool reverse, size_t limit) {
  std::vector<std::string> bodies;
  auto collect = [&bodies](const Row& row) {
    bodies.push_back(row.GetText(0));
    return Status::Ok();
  };
  if (reverse) {
    STRATUS_RETURN_IF_ERROR(txn.Query(
        "SELECT body FROM history WHERE execution_id = ?1 AND event_id < ?2 "
        "ORDER BY event_id DESC LIMIT ?3",
        {execution_id, cursor > 0 ? cursor : INT64_MAX, static_cast<int64_t>(limit)}, collect));
  } else {
    STRATUS_RETURN_IF_ERROR(
        txn.Query("SELECT body FROM history WHERE execution_id = ?1 AND event_id > ?2 "
                  "ORDER BY event_id ASC LIMIT ?3",
                  {execution_id, cursor, static_cast<int64_t>(limit)}, collect));
  }
  return bodies;
}

Result<std::vector<StoredExecution>> LoadRunningExecutions(Transaction& txn) {
  std::vector<StoredExecution> running;
  STRATUS_RETURN_IF_ERROR(
      txn.Query(Format("SELECT {}, state, host_state, next_event_id FROM executions "
                       "WHERE status = 0 AND map_run_arn = ''",
                       kRecordColumns),
                {}, [&running](const Row& row) {
                  running.push_back(ReadStored(row));
                  return Status::Ok();
                }));
  return running;
}

}  // namespace stratus::states::api
