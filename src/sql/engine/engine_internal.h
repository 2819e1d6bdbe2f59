#pragma once

// The engine's parts (engine.h): statement handlers by area. Private to
// src/sql/engine.

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "sql/binder/binder.h"
#include "sql/binder/optimizer.h"
#include "sql/engine/engine.h"
#include "sql/functions/function.h"
#include "sql/parser/ast.h"

namespace stratus {
class Clock;
}  // namespace stratus

namespace stratus::sql::exec {
class Executor;
class IcebergFileWriter;
struct IcebergWriteOptions;
class Sink;
}  // namespace stratus::sql::exec

namespace stratus::formats::iceberg {
struct PartitionColumn;
struct SnapshotUpdate;
}  // namespace stratus::formats::iceberg

namespace stratus::sql {

/// One statement's state while it runs.
struct StatementContext {
  const Session* session = nullptr;
  ResultSink* sink = nullptr;
  QueryControl* control = nullptr;
  std::atomic<bool> local_cancel{false};
  functions::FunctionContext functions = {};
  QueryStatistics statistics = {};
  std::string query_id = {};
  /// The partitions a TableWrite wrote into (values as in the paths).
  std::vector<std::vector<std::string>> written_partitions = {};
};

struct Engine::Impl {
  EngineOptions options;
  std::unique_ptr<exec::Executor> executor;
  /// Numbers statements without a query id (their files' names).
  std::atomic<uint64_t> next_statement{0};

  // Statements (engine.cc).
  Status Dispatch(const parser::Statement& statement, StatementContext& context);
  binder::BinderOptions BinderOptionsFor(const StatementContext& context) const;
  /// Sizes scans by listing their files (the optimizer's probe-side choice).
  binder::ScanSizer ScanSizer() const;
  /// Binds and optimizes a query.
  Result<plan::NodePtr> PlanQuery(const parser::Query& query, StatementContext& context);
  /// Runs a plan; with `sink` its batches go there (else they are dropped).
  Status RunPlan(const plan::Node& root, StatementContext& context, ResultSink* sink);
  /// Runs a plan with one sink per driver of its root's pipeline
  /// (exec::Executor::RunPerDriver): the sinks see the batches concurrently.
  Status RunPlanPerDriver(const plan::Node& root,
                          StatementContext& context,
                          const std::function<std::unique_ptr<exec::Sink>()>& make_sink);
  Status RunQuery(const parser::Query& query, StatementContext& context);
  Status RunExplain(const parser::ExplainStatement& explain, StatementContext& context);

  // DDL (engine_ddl.cc).
  Status CreateSchema(const parser::CreateSchemaStatement& statement, StatementContext& context);
  Status DropSchema(const parser::DropSchemaStatement& statement, StatementContext& context);
  Status CreateTable(const parser::CreateTableStatement& statement, StatementContext& context);
  Status DropTable(const parser::DropTableStatement& statement, StatementContext& context);
  Status CreateView(const parser::CreateViewStatement& statement, StatementContext& context);
  Status DropView(const parser::DropViewStatement& statement, StatementContext& context);
  Status AlterTable(const parser::AlterTableStatement& statement, StatementContext& context);
  Status RepairTable(const parser::RepairTableStatement& statement, StatementContext& context);
  /// Adds the key=value/ directories under the table's location that the
  /// catalog lacks; returns the partitions added.
  Result<std::vector<catalog::PartitionDescriptor>> DiscoverPartitions(
      const catalog::TableDescriptor& table);

  // SHOW and DESCRIBE (engine_show.cc).
  Status ShowSchemas(const parser::ShowSchemasStatement& statement, StatementContext& context);
  Status ShowTables(const parser::ShowTablesStatement& statement, StatementContext& context);
  Status ShowViews(const parser::ShowViewsStatement& statement, StatementContext& context);
  Status ShowColumns(const parser::ShowColumnsStatement& statement, StatementContext& context);
  Status Describe(const parser::DescribeStatement& statement, StatementContext& context);
  Status ShowCreate(const parser::ShowCreateStatement& statement, StatementContext& context);
  Status ShowPartitions(const parser::ShowPartitionsStatement& statement,
                        StatementContext& context);
  Status ShowTableProperties(const parser::ShowTablePropertiesStatement& statement,
                             StatementContext& context);
  Status ShowFunctions(const parser::ShowFunctionsStatement& statement, StatementContext& context);

  // Writes (engine_write.cc).
  Status CreateTableAsSelect(const parser::CreateTableAsSelectStatement& statement,
                             StatementContext& context);
  Status Insert(const parser::InsertStatement& statement, StatementContext& context);
  Result<uint64_t> WriteRows(const std::shared_ptr<const catalog::TableDescriptor>& table,
                             plan::NodePtr input,
                             StatementContext& context);

  // Iceberg tables (engine_iceberg.cc).
  struct IcebergTable;
  /// Reads the table's current metadata through its metadata_location.
  Result<std::unique_ptr<IcebergTable>> LoadIcebergTable(catalog::TableDescriptor descriptor);
  /// CREATE TABLE with TBLPROPERTIES ('table_type'='ICEBERG'); `table` holds
  /// the columns and properties CreateTable parsed.
  Status CreateIcebergTable(const parser::CreateTableStatement& statement,
                            catalog::TableDescriptor table,
                            StatementContext& context);
  /// Writes a new table's first metadata and registers it in Glue; returns
  /// the registered descriptor. `location` unset: under the database's
  /// location, else the query's output location, else the default.
  Result<catalog::TableDescriptor> RegisterIcebergTable(
      catalog::TableDescriptor table,
      std::optional<std::string> location,
      std::vector<formats::iceberg::PartitionColumn> partitioning,
      StatementContext& context);
  /// CTAS WITH (table_type = 'ICEBERG', partitioning = ARRAY[...]): returns the rows written.
  Result<uint64_t> CreateIcebergTableAs(catalog::TableDescriptor table,
                                        std::optional<std::string> location,
                                        const std::vector<std::string>& partitioning,
                                        plan::NodePtr query,
                                        StatementContext& context);
  /// Writes `input`'s rows (the table's columns, in order) as a new snapshot.
  Result<uint64_t> AppendIcebergRows(const catalog::TableDescriptor& table,
                                     plan::NodePtr input,
                                     StatementContext& context);
  /// MERGE INTO, UPDATE and DELETE.
  Status RunRowChange(const parser::Statement& statement, StatementContext& context);
  /// ALTER TABLE ADD/DROP/CHANGE COLUMN(S), SET TBLPROPERTIES on an Iceberg table.
  Status AlterIcebergTable(const parser::AlterTableStatement& statement,
                           catalog::TableDescriptor table,
                           StatementContext& context);
  /// OPTIMIZE t REWRITE DATA USING BIN_PACK [WHERE ...].
  Status Optimize(const parser::OptimizeStatement& statement, StatementContext& context);
  /// VACUUM t.
  Status Vacuum(const parser::VacuumStatement& statement, StatementContext& context);
  /// "t$snapshots", "t$history", "t$files", "t$manifests", "t$partitions".
  Result<binder::ComputedTable> IcebergMetadataTable(const catalog::TableDescriptor& table,
                                                     std::string_view suffix) const;
  /// SHOW CREATE TABLE of an Iceberg table, as Athena prints it.
  Result<std::vector<std::string>> IcebergCreateTableLines(const catalog::TableDescriptor& table);
  /// An Iceberg table's properties (its metadata's, as SHOW TBLPROPERTIES lists them).
  Result<catalog::Properties> IcebergTableProperties(const catalog::TableDescriptor& table);
  /// Swaps Glue's pointer to a metadata-only commit (schema, properties,
  /// expiration): `columns` replace Glue's when set.
  Status SwapIcebergMetadata(IcebergTable& table,
                             const std::string& metadata_location,
                             const std::vector<std::string>& written_files);
  exec::IcebergWriteOptions IcebergWriteOptionsFor(const IcebergTable& table,
                                                   const StatementContext& context);
  Result<std::unique_ptr<exec::IcebergFileWriter>> MakeIcebergWriter(
      const IcebergTable& table, const StatementContext& context);
  /// Commits `update` (read at `read_snapshot`) and swaps Glue's pointer,
  /// retrying on a newer base; on failure removes `data_files`.
  Status CommitIceberg(IcebergTable& table,
                       std::optional<int64_t> read_snapshot,
                       const formats::iceberg::SnapshotUpdate& update,
                       const std::vector<std::string>& data_files,
                       StatementContext& context);

  /// Resolves `db.t` / `t` against the session's database: {database, table}.
  std::pair<std::string, std::string> ResolveName(const parser::QualifiedName& name,
                                                  const StatementContext& context) const;
  /// Returns the table or TABLE_NOT_FOUND (SCHEMA_NOT_FOUND) with the position.
  Result<catalog::TableDescriptor> RequireTable(const parser::QualifiedName& name,
                                                const StatementContext& context);
};

/// Returns the folder the binder and optimizer use for constant expressions.
binder::ConstantFolder ConstantFolderFor(const StatementContext& context);

/// Sends a result of varchar columns: Begin, then the rows in batches.
Status SendStringRows(ResultSink& sink,
                      ResultDescription description,
                      const std::vector<std::vector<std::string>>& rows);

/// The engine's clock (the system clock when the options give none).
const Clock& ClockOf(const Clock* clock);
int64_t NowMillis(const Clock* clock);

/// Sends a DML statement's one-row result: the rows it wrote or changed.
Status SendRowCount(ResultSink& sink, std::string substatement, uint64_t rows);

/// Returns Athena's ResultDescription for a statement with no rows.
ResultDescription DdlDescription(std::string substatement_type);

/// Returns true when `name` matches Athena's SHOW pattern (* and | wildcards)
/// or, with like_keyword, SQL LIKE ('%', '_').
bool MatchesShowFilter(const std::optional<parser::ShowFilter>& filter, std::string_view name);

/// Hive's names for a LogicalType; falls back to Trino's.
std::string HiveTypeOf(const LogicalType& type);

/// Joins a directory URI and a name with exactly one '/'.
std::string JoinLocation(std::string_view directory, std::string_view name);

}  // namespace stratus::sql
