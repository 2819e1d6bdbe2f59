#pragma once

// Engine: the SQL engine's one entry point. Execute() parses a statement,
// binds it against the catalog, plans, optimizes and runs it, pushing result
// batches to a ResultSink. DDL (CREATE/DROP DATABASE|TABLE|VIEW, ALTER TABLE
// ... PARTITION, MSCK REPAIR TABLE) changes the catalog; SHOW and DESCRIBE
// produce rows as Athena shows them. The Athena service, `stratus sql` and
// the sqllogictest runner all come through here.
//
// Ownership: borrows the catalog and the lake (both outlive the engine).
// Thread safety: Execute() may run concurrently from many threads, one
// statement each; it blocks the calling thread until the statement ends
// (never call it on an event loop). Each statement runs its pipelines on
// the engine's worker threads. Stop() cancels running statements and joins
// the workers.

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "sql/types/logical_type.h"

namespace stratus {
class Clock;
}  // namespace stratus

namespace stratus::lake {
class Lake;
}  // namespace stratus::lake

namespace stratus::sql {
class Batch;
}  // namespace stratus::sql

namespace stratus::sql::catalog {
class Catalog;
}  // namespace stratus::sql::catalog

namespace stratus::sql {

struct EngineOptions {
  catalog::Catalog* catalog = nullptr;
  lake::Lake* lake = nullptr;
  const Clock* clock = nullptr;
  /// Worker threads; 0 means one per core.
  size_t threads = 0;
  /// The memory budget shared by all statements; 0 means half the RAM.
  size_t memory_limit_bytes = 0;
  /// Where operators spill beyond the budget (<data>/sql/spill).
  std::string spill_directory = {};
  /// Where CTAS puts tables with no external_location (Athena's
  /// "<OutputLocation>/tables/<query id>/" when the session gives one).
  std::string default_table_location = {};
};

/// Per-statement settings (Athena's QueryExecutionContext, the CLI's flags).
struct Session {
  /// The catalog name Athena shows ("awsdatacatalog").
  std::string catalog = "awsdatacatalog";
  /// The database unqualified names resolve in.
  std::string database = "default";
  std::string time_zone = "UTC";
  /// Values for `?` parameters, as SQL literals (Athena's ExecutionParameters).
  std::vector<std::string> parameters = {};
  /// A unique id for the statement (Athena's QueryExecutionId); names
  /// files the statement writes.
  std::string query_id = {};
  /// Where results go (Athena's OutputLocation), for CTAS's default location.
  std::string output_location = {};
};

/// Athena's StatementType.
enum class StatementType : uint8_t { kDdl, kDml, kUtility };

/// One result column.
struct ResultColumn {
  std::string name = {};
  LogicalType type = {};
};

/// What a statement returns, before its rows.
struct ResultDescription {
  StatementType statement_type = StatementType::kDml;
  /// The statement's kind in Athena's words ("SELECT", "CREATE_TABLE",
  /// "SHOW_TABLES", "CREATE_TABLE_AS_SELECT", "INSERT"...), for SubstatementType.
  std::string substatement_type = {};
  std::vector<ResultColumn> columns = {};
  /// Athena's rule: SELECT (and EXPLAIN) results start with a header row of
  /// column names; SHOW, DESCRIBE and other DDL results have none.
  bool header_row = true;
};

/// Receives a statement's result: Begin once, then every batch in order.
/// Errors returned stop the statement.
class ResultSink {
 public:
  virtual ~ResultSink() = default;
  virtual Status Begin(const ResultDescription& description) = 0;
  virtual Status Append(const Batch& batch) = 0;
};

/// Figures of a finished statement (Athena's QueryExecutionStatistics).
struct QueryStatistics {
  uint64_t data_scanned_bytes = 0;
  uint64_t rows_output = 0;
  uint64_t planning_millis = 0;
  uint64_t execution_millis = 0;
  /// DML that writes (CTAS, INSERT): rows written.
  uint64_t rows_written = 0;
  /// Parquet row groups read, and skipped by their min/max/null statistics.
  uint64_t row_groups_read = 0;
  uint64_t row_groups_skipped = 0;
};

/// Progress a long statement reports (the CLI's progress line).
struct QueryProgress {
  std::atomic<uint64_t> splits_total{0};
  std::atomic<uint64_t> splits_done{0};
  std::atomic<uint64_t> bytes_scanned{0};
  std::atomic<uint64_t> rows_scanned{0};
};

/// Lets another thread cancel a statement and watch it progress.
struct QueryControl {
  /// Set to true to cancel; the statement ends with USER_CANCELED soon after.
  std::atomic<bool> cancelled{false};
  QueryProgress progress = {};
};

/// The engine (see the essay at the top of this file).
class Engine {
 public:
  static Result<std::unique_ptr<Engine>> Open(const EngineOptions& options);
  ~Engine();
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  /// Runs one statement (see the essay). Errors carry Trino's names
  /// (sql_error.h). `control` may be null.
  Result<QueryStatistics> Execute(std::string_view sql,
                                  const Session& session,
                                  ResultSink& sink,
                                  QueryControl* control = nullptr);

  /// Classifies a statement without running it (Athena reports
  /// StatementType while the query is queued). Unparsable text is kDml.
  static StatementType ClassifyStatement(std::string_view sql);

  /// Cancels running statements and joins the workers.
  void Stop();

  struct Impl;

 private:
  explicit Engine(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

/// A ResultSink that keeps everything, for tests and small results.
class CollectingSink : public ResultSink {
 public:
  // Out of line: Batch is incomplete here.
  CollectingSink();
  ~CollectingSink() override;
  CollectingSink(const CollectingSink&) = delete;
  CollectingSink& operator=(const CollectingSink&) = delete;

  Status Begin(const ResultDescription& description) override;
  Status Append(const Batch& batch) override;

  const ResultDescription& description() const { return description_; }

  const std::vector<Batch>& batches() const { return batches_; }

  /// Returns every row, values rendered as Athena renders them (value_format.h).
  std::vector<std::vector<std::string>> Rows() const;

 private:
  ResultDescription description_;
  std::vector<Batch> batches_;
};

}  // namespace stratus::sql
