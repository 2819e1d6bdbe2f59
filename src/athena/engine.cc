#include "athena/engine.h"

#include <filesystem>
#include <map>
#include <mutex>
#include <utility>

#include "athena/errors.h"
#include "athena/log.h"
#include "athena/statement_kind.h"
#include "athena/store.h"
#include "base/clock.h"
#include "base/format.h"
#include "base/random.h"
#include "base/worker_pool.h"
#include "lake/lake.h"
#include "sql/catalog/catalog.h"
#include "sql/types/sql_error.h"

namespace stratus::athena {
namespace {

// AWS: what GetQueryExecution says of an execution a restart interrupted.
constexpr std::string_view kInterruptedReason =
    "GENERIC_INTERNAL_ERROR: the query was interrupted by a restart of the service";

// Athena's ErrorType values (its error catalog).
constexpr int kErrorTypeInternalService = 100;
constexpr int kErrorTypeQueryEngine = 200;
constexpr int kErrorTypeResultsWrite = 401;
constexpr int kErrorTypeUser = 1000;
constexpr int kErrorTypeData = 1001;
constexpr int kErrorTypeResources = 0;

// The substatements whose results are an UpdateCount.
bool WritesRows(std::string_view substatement_type) {
  return substatement_type == "INSERT" || substatement_type == "CREATE_TABLE_AS_SELECT" ||
         substatement_type == "UPDATE" || substatement_type == "DELETE" ||
         substatement_type == "MERGE";
}

std::string StatementTypeName(sql::StatementType type) {
  switch (type) {
    case sql::StatementType::kDdl:
      return "DDL";
    case sql::StatementType::kUtility:
      return "UTILITY";
    case sql::StatementType::kDml:
      return "DML";
  }
  return "DML";
}

// AWS: Athena words an unresolved column with Lake Formation in mind:
// "Column 'x' cannot be resolved or requester is not authorized to access
// requested resources". Pinned by test/wire/test_athena.py::
// test_unknown_column_fails_with_trinos_message_and_user_category.
std::string AthenaMessage(std::string_view name, std::string message) {
  constexpr std::string_view kUnresolved = "cannot be resolved";
  if (name == sql::kColumnNotFound && message.ends_with(kUnresolved)) {
    message += " or requester is not authorized to access requested resources";
  }
  return message;
}

QueryError ErrorOf(const Status& status) {
  const std::string name = sql::SqlErrorName(status);
  const bool system = sql::IsSystemError(status);
  int type = system ? kErrorTypeQueryEngine : kErrorTypeUser;
  if (name == sql::kHiveBadData) {
    type = kErrorTypeData;
  } else if (name == sql::kExceededMemoryLimit) {
    type = kErrorTypeResources;
  }
  return QueryError{.category = system ? 1 : 2,
                    .type = type,
                    .retryable = system,
                    .message = Format("{}: {}", name, AthenaMessage(name, status.message()))};
}

// Joins an OutputLocation prefix and a file name.
std::string JoinLocation(std::string location, std::string_view file) {
  if (!location.empty() && location.back() != '/') {
    location.push_back('/');
  }
  location += file;
  return location;
}

std::string DirectoryOf(std::string_view uri) {
  const size_t slash = uri.rfind('/');
  return std::string(slash == std::string_view::npos ? uri : uri.substr(0, slash + 1));
}

// AWS: a result location whose bucket does not exist fails the query with
// "Unable to verify/create output bucket <bucket>".
std::optional<QueryError> CheckOutputLocation(lake::Lake& lake,
                                              const std::string& output_location) {
  Result<lake::ListPage> listed =
      lake.List(DirectoryOf(output_location), lake::ListOptions{.max_keys = 1});
  if (listed.ok() || listed.status().code() != StatusCode::kNotFound) {
    return std::nullopt;
  }
  std::string bucket = output_location;
  if (const size_t scheme = bucket.find("://"); scheme != std::string::npos) {
    bucket = bucket.substr(scheme + 3);
  }
  bucket = bucket.substr(0, bucket.find('/'));
  return QueryError{.category = 2,
                    .type = kErrorTypeUser,
                    .retryable = false,
                    .message = Format("Unable to verify/create output bucket {}", bucket)};
}

}  // namespace

// One execution between StartQuery's commit and the commit of its end.
struct PendingQuery {
  QueryExecution execution = {};
  sql::QueryControl control = {};
  bool started = false;  // Guarded by Parts::mu.
};

struct Engine::Parts {
  EngineOptions options = {};
  const Clock* clock = nullptr;
  IdGenerator* ids = nullptr;
  lake::Lake* lake = nullptr;
  sql::catalog::Catalog* catalog = nullptr;
  StatementRunner runner = nullptr;
  std::unique_ptr<Store> store = nullptr;
  std::unique_ptr<WorkerPool> pool = nullptr;

  std::mutex mu;
  // Guarded by mu.
  std::map<std::string, std::shared_ptr<PendingQuery>, std::less<>> pending;
  bool started = false;
  bool stopping = false;

  void Run(const std::string& id);
  // Runs the statement; fills `execution`'s end state.
  void Execute(PendingQuery& query, QueryExecution& execution);
  void Finish(QueryExecution execution);
};

void Engine::Parts::Run(const std::string& id) {
  std::shared_ptr<PendingQuery> query;
  {
    std::lock_guard lock(mu);
    auto it = pending.find(id);
    if (stopping || it == pending.end()) {
      return;
    }
    query = it->second;
    query->started = true;
  }
  QueryExecution execution = query->execution;
  execution.state = QueryState::kRunning;
  execution.started_millis = clock->NowMillis();
  execution.statistics.queue_millis = execution.started_millis - execution.submitted_millis;
  store->PutExecution(execution, nullptr);
  Execute(*query, execution);
  {
    std::lock_guard lock(mu);
    if (stopping) {
      // A stopping service leaves the execution RUNNING: the next start
      // fails it, as after a crash.
      pending.erase(id);
      return;
    }
  }
  Finish(std::move(execution));
}

void Engine::Parts::Execute(PendingQuery& query, QueryExecution& execution) {
  std::string sql = execution.query;
  sql::Session session{.catalog = execution.catalog.empty() ? "awsdatacatalog" : execution.catalog,
                       .database = execution.database.empty() ? "default" : execution.database,
                       .parameters = execution.execution_parameters,
                       .query_id = execution.id,
                       .output_location = DirectoryOf(execution.output_location)};
  for (char& c : session.catalog) {
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  Status status = Status::Ok();
  if (std::optional<ExecuteStatement> execute = ParseExecuteStatement(sql); execute.has_value()) {
    Result<PreparedStatement> prepared =
        store->GetPreparedStatement(execution.work_group, execute->name);
    if (prepared.ok()) {
      sql = prepared->query;
      if (!execute->parameters.empty()) {
        session.parameters = execute->parameters;
      }
    } else {
      status = sql::SqlError(sql::kGenericUserError,
                             Format("Prepared statement not found: {}", execute->name));
    }
  }
  if (status.ok() && lake != nullptr) {
    execution.error = CheckOutputLocation(*lake, execution.output_location);
    if (execution.error.has_value()) {
      status = Status::InvalidArgument(execution.error->message);
    }
  }
  ResultFileWriter writer(*lake, execution.output_location);
  const int64_t engine_started = clock->NowMillis();
  if (status.ok() && (lake == nullptr || !runner)) {
    status = sql::SqlError(sql::kGenericInternalError, "the SQL engine is not available");
  }
  Result<sql::QueryStatistics> statistics = status.ok()
                                                ? runner(sql, session, writer, &query.control)
                                                : Result<sql::QueryStatistics>(status);
  const int64_t engine_finished = clock->NowMillis();
  if (!writer.description().substatement_type.empty()) {
    execution.statement_type = StatementTypeName(writer.description().statement_type);
    execution.substatement_type = writer.description().substatement_type;
  }
  if (statistics.ok()) {
    std::optional<int64_t> update_count;
    if (WritesRows(execution.substatement_type)) {
      update_count = static_cast<int64_t>(statistics->rows_written);
    }
    if (Status written = writer.Finish(update_count); !written.ok()) {
      statistics = written;
      execution.error =
          QueryError{.category = 1,
                     .type = kErrorTypeResultsWrite,
                     .retryable = true,
                     .message = Format("Error writing the query results: {}", written.message())};
    }
  }
  const int64_t now = clock->NowMillis();
  execution.completed_millis = now;
  QueryExecutionStatistics& figures = execution.statistics;
  figures.total_execution_millis = now - execution.submitted_millis;
  figures.engine_execution_millis = engine_finished - engine_started;
  figures.service_processing_millis = now - engine_finished;
  if (statistics.ok()) {
    execution.state = QueryState::kSucceeded;
    figures.data_scanned_bytes = static_cast<int64_t>(statistics->data_scanned_bytes);
    figures.planning_millis = static_cast<int64_t>(statistics->planning_millis);
    figures.rows_output = static_cast<int64_t>(statistics->rows_output);
    figures.rows_written = static_cast<int64_t>(statistics->rows_written);
    return;
  }
  if (query.control.cancelled.load() || statistics.status().code() == StatusCode::kCancelled) {
    execution.state = QueryState::kCancelled;
    execution.state_change_reason = "Query cancelled by user";
    return;
  }
  execution.state = QueryState::kFailed;
  if (!execution.error.has_value()) {
    execution.error = ErrorOf(statistics.status());
  }
  execution.state_change_reason = execution.error->message;
}

void Engine::Parts::Finish(QueryExecution execution) {
  const std::string id = execution.id;
  store->PutExecution(std::move(execution), [this, id](const Result<bool>& /*written*/) {
    std::lock_guard lock(mu);
    pending.erase(id);
  });
}

Engine::Engine(std::unique_ptr<Parts> parts) : parts_(std::move(parts)) {}

Engine::~Engine() {
  Stop();
}

Result<std::unique_ptr<Engine>> Engine::Open(const EngineOptions& options,
                                             const Clock& clock,
                                             IdGenerator& ids,
                                             lake::Lake* lake,
                                             sql::catalog::Catalog* catalog,
                                             StatementRunner runner) {
  auto parts = std::make_unique<Parts>();
  parts->options = options;
  parts->clock = &clock;
  parts->ids = &ids;
  parts->lake = lake;
  parts->catalog = catalog;
  parts->runner = std::move(runner);
  std::error_code error;
  std::filesystem::create_directories(options.data_dir, error);
  if (error) {
    return Status::IoError(Format("cannot create {}: {}", options.data_dir, error.message()));
  }
  STRATUS_ASSIGN_OR_RETURN(
      parts->store, Store::Open((std::filesystem::path(options.data_dir) / "athena.db").string(),
                                options.fsync, clock.NowMillis()));
  STRATUS_RETURN_IF_ERROR(
      parts->store->FailUnfinished(clock.NowMillis(), std::string(kInterruptedReason)).status());
  parts->pool = std::make_unique<WorkerPool>(std::max<size_t>(1, options.num_query_threads));
  return std::unique_ptr<Engine>(
      new Engine(std::move(parts)));  // STRATUS_LINT_ALLOW(private constructor)
}

void Engine::Start() {
  // AWS: every account's catalog has the database "default", where
  // unqualified names resolve when a query names no database.
  if (parts_->catalog != nullptr) {
    Status created = parts_->catalog->CreateDatabase(
        sql::catalog::DatabaseDescriptor{.name = "default", .description = "Default Hive database"},
        /*if_not_exists=*/true);
    if (!created.ok()) {
      kAthenaLog.Warn("cannot create the default database: {}", created.ToString());
    }
  }
  std::lock_guard lock(parts_->mu);
  if (!parts_->started && !parts_->stopping) {
    parts_->started = true;
    parts_->pool->Start();
  }
}

void Engine::Stop() {
  if (parts_ == nullptr) {
    return;
  }
  bool was_started = false;
  {
    std::lock_guard lock(parts_->mu);
    if (parts_->stopping) {
      return;
    }
    parts_->stopping = true;
    was_started = parts_->started;
    for (auto& [id, query] : parts_->pending) {
      query->control.cancelled = true;
    }
  }
  if (was_started) {
    parts_->pool->Stop();
  }
  parts_->store->Stop();
}

void Engine::StartQuery(StartQueryRequest request, Done<std::string> done) {
  Result<WorkGroup> work_group = parts_->store->GetWorkGroup(request.work_group);
  if (!work_group.ok()) {
    done(work_group.status());
    return;
  }
  if (work_group->state != "ENABLED") {
    done(AthenaError::InvalidRequest(Format("WorkGroup {} is disabled.", work_group->name)));
    return;
  }
  std::string location = request.output_location;
  if (location.empty() ||
      (work_group->enforce_configuration && !work_group->output_location.empty())) {
    location = work_group->output_location.empty() ? location : work_group->output_location;
  }
  if (location.empty()) {
    done(AthenaError::NoOutputLocation());
    return;
  }
  {
    std::lock_guard lock(parts_->mu);
    if (parts_->pending.size() >= parts_->options.max_pending_queries) {
      done(
          AthenaError::TooManyRequests("You have exceeded the limit for the number of queries "
                                       "you can run concurrently. Reduce the number of "
                                       "concurrent queries submitted by this account."));
      return;
    }
  }
  QueryExecution execution;
  execution.id = parts_->ids->Uuid();
  execution.statement_type = ClassifyStatement(request.query);
  execution.query = std::move(request.query);
  execution.work_group = work_group->name;
  execution.catalog = std::move(request.catalog);
  execution.database = std::move(request.database);
  // AWS: DML results are "<id>.csv"; DDL and utility statements write "<id>.txt".
  execution.output_location =
      JoinLocation(location, execution.id + (execution.statement_type == "DML" ? ".csv" : ".txt"));
  execution.execution_parameters = std::move(request.execution_parameters);
  execution.client_request_token = std::move(request.client_request_token);
  execution.submitted_millis = parts_->clock->NowMillis();
  const std::string id = execution.id;
  parts_->store->InsertExecution(
      execution, [this, id, done = std::move(done)](Result<QueryExecution> stored) {
        if (!stored.ok()) {
          done(stored.status());
          return;
        }
        if (stored->id == id) {
          {
            std::lock_guard lock(parts_->mu);
            auto query = std::make_shared<PendingQuery>();
            query->execution = *stored;
            parts_->pending[id] = std::move(query);
          }
          parts_->pool->Post([parts = parts_.get(), id] { parts->Run(id); });
        }
        done(stored->id);
      });
}

void Engine::StopQuery(std::string id, Done<bool> done) {
  std::shared_ptr<PendingQuery> query;
  {
    std::lock_guard lock(parts_->mu);
    auto it = parts_->pending.find(id);
    if (it != parts_->pending.end()) {
      query = it->second;
      query->control.cancelled = true;
      if (query->started) {
        done(true);
        return;
      }
      parts_->pending.erase(it);
    }
  }
  if (query == nullptr) {
    // Unknown ids are an error; finished executions are left as they are.
    Result<QueryExecution> execution = parts_->store->GetExecution(id);
    done(execution.ok() ? Result<bool>(true) : Result<bool>(execution.status()));
    return;
  }
  QueryExecution execution = query->execution;
  execution.state = QueryState::kCancelled;
  execution.state_change_reason = "Query cancelled by user";
  execution.completed_millis = parts_->clock->NowMillis();
  execution.statistics.queue_millis = execution.completed_millis - execution.submitted_millis;
  execution.statistics.total_execution_millis = execution.statistics.queue_millis;
  parts_->store->PutExecution(std::move(execution), std::move(done));
}

Result<ResultRows> Engine::GetResults(std::string_view id, int64_t offset, int64_t max_rows) {
  STRATUS_ASSIGN_OR_RETURN(QueryExecution execution, parts_->store->GetExecution(id));
  if (execution.state == QueryState::kQueued || execution.state == QueryState::kRunning) {
    return AthenaError::InvalidRequest(
        Format("Query has not yet finished. Current state: {}", QueryStateName(execution.state)));
  }
  if (execution.state != QueryState::kSucceeded) {
    return AthenaError::InvalidRequest(
        Format("Query did not finish successfully. Final query state: {}",
               QueryStateName(execution.state)));
  }
  if (parts_->lake == nullptr) {
    return AthenaError::InternalServer("the lake is not available");
  }
  Result<ResultRows> rows =
      ReadResultRows(*parts_->lake, execution.output_location, offset, max_rows);
  if (!rows.ok() && rows.status().code() == StatusCode::kNotFound) {
    return AthenaError::InvalidRequest(
        Format("Unable to verify/create output bucket or read the result at {}",
               execution.output_location));
  }
  return rows;
}

std::optional<LiveProgress> Engine::Progress(std::string_view id) {
  std::lock_guard lock(parts_->mu);
  auto it = parts_->pending.find(id);
  if (it == parts_->pending.end() || !it->second->started) {
    return std::nullopt;
  }
  const sql::QueryProgress& progress = it->second->control.progress;
  return LiveProgress{.splits_total = progress.splits_total.load(),
                      .splits_done = progress.splits_done.load(),
                      .bytes_scanned = progress.bytes_scanned.load(),
                      .rows_scanned = progress.rows_scanned.load()};
}

Store& Engine::store() {
  return *parts_->store;
}

const Clock& Engine::clock() const {
  return *parts_->clock;
}

IdGenerator& Engine::ids() {
  return *parts_->ids;
}

sql::catalog::Catalog* Engine::catalog() {
  return parts_->catalog;
}

const char* QueryStateName(QueryState state) {
  switch (state) {
    case QueryState::kQueued:
      return "QUEUED";
    case QueryState::kRunning:
      return "RUNNING";
    case QueryState::kSucceeded:
      return "SUCCEEDED";
    case QueryState::kFailed:
      return "FAILED";
    case QueryState::kCancelled:
      return "CANCELLED";
  }
  return "FAILED";
}

bool IsFinal(QueryState state) {
  return state != QueryState::kQueued && state != QueryState::kRunning;
}

}  // namespace stratus::athena
