#pragma once

// athena::Engine: Athena's query executions over the SQL engine. A started
// query is stored QUEUED (acknowledged after its commit), waits for one of
// a bounded pool of query threads, runs RUNNING through the statement
// runner (sql::Engine::Execute in the server) with its result written to
// the OutputLocation through the lake (result_files.h), and ends
// SUCCEEDED, FAILED or CANCELLED. Executions a restart interrupted end
// FAILED (docs/formats/athena.md). No JSON, no HTTP.
//
// Ownership: owns the store (athena.db) and the query threads; borrows the
// clock, ids, lake and catalog, which outlive it.
// Thread safety: every method is safe from any thread. Start() and Stop()
// run on the owning thread; the destructor stops.

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "athena/athena_types.h"
#include "athena/result_files.h"
#include "base/result.h"
#include "sql/engine/engine.h"

namespace stratus {
class Clock;
class IdGenerator;
}  // namespace stratus

namespace stratus::lake {
class Lake;
}  // namespace stratus::lake

namespace stratus::sql::catalog {
class Catalog;
}  // namespace stratus::sql::catalog

namespace stratus::athena {

class Store;

/// Runs one statement: sql::Engine::Execute's shape, so tests can stand in.
using StatementRunner = std::function<Result<sql::QueryStatistics>(std::string_view sql,
                                                                   const sql::Session& session,
                                                                   sql::ResultSink& sink,
                                                                   sql::QueryControl* control)>;

struct EngineOptions {
  /// `<data_dir>/athena.db` holds the service's state.
  std::string data_dir = {};
  bool fsync = true;
  /// Queries that run at once.
  size_t num_query_threads = 4;
  /// Queries queued or running at most; more is TooManyRequestsException.
  size_t max_pending_queries = 1000;
};

/// What StartQueryExecution asks for.
struct StartQueryRequest {
  std::string query = {};
  std::string client_request_token = {};
  std::string work_group = "primary";
  std::string catalog = {};
  std::string database = {};
  /// The request's ResultConfiguration.OutputLocation ("" for the work group's).
  std::string output_location = {};
  std::vector<std::string> execution_parameters = {};
};

/// How far a running query has got (sql::QueryProgress, read at one moment).
struct LiveProgress {
  uint64_t splits_total = 0;
  uint64_t splits_done = 0;
  uint64_t bytes_scanned = 0;
  uint64_t rows_scanned = 0;
};

/// The engine (see the essay above).
class Engine {
 public:
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;
  ~Engine();

  /// Opens `<data_dir>/athena.db` and fails the executions a restart
  /// interrupted. `catalog` and `lake` may be null (queries then fail).
  static Result<std::unique_ptr<Engine>> Open(const EngineOptions& options,
                                              const Clock& clock,
                                              IdGenerator& ids,
                                              lake::Lake* lake,
                                              sql::catalog::Catalog* catalog,
                                              StatementRunner runner);

  /// Creates the catalog's "default" database when missing and starts the
  /// query threads.
  void Start();
  /// Cancels running queries, joins the threads and closes the store. Idempotent.
  void Stop();

  /// Stores a new execution and queues it; `done` gets its id after the commit.
  void StartQuery(StartQueryRequest request, Done<std::string> done);
  /// Cancels an execution: a queued one ends CANCELLED at once, a running
  /// one soon after. Finished executions are left alone.
  void StopQuery(std::string id, Done<bool> done);
  /// Returns the rows [offset, offset + max_rows) of a SUCCEEDED execution's
  /// result; an unfinished or failed execution is InvalidRequestException.
  Result<ResultRows> GetResults(std::string_view id, int64_t offset, int64_t max_rows);
  /// Returns the progress of a query that is running here, else nullopt.
  std::optional<LiveProgress> Progress(std::string_view id);

  Store& store();
  const Clock& clock() const;
  IdGenerator& ids();
  /// The catalog for ListDatabases/GetTableMetadata (may be null).
  sql::catalog::Catalog* catalog();

  struct Parts;

 private:
  explicit Engine(std::unique_ptr<Parts> parts);
  std::unique_ptr<Parts> parts_;
};

}  // namespace stratus::athena
