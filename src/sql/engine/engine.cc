#include "sql/engine/engine.h"

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <utility>

#include "base/clock.h"
#include "formats/iceberg/table_io.h"
#include "formats/iceberg/table_loader.h"
#include "lake/lake.h"
#include "sql/binder/optimizer.h"
#include "sql/catalog/catalog.h"
#include "sql/engine/engine_internal.h"
#include "sql/exec/executor.h"
#include "sql/exec/operator.h"
#include "sql/parser/parser.h"
#include "sql/types/sql_error.h"
#include "sql/types/value.h"
#include "sql/types/value_format.h"
#include "sql/vector/batch.h"
#include "sql/vector/vector.h"

namespace stratus::sql {

const Clock& ClockOf(const Clock* clock) {
  static const SystemClock system_clock;
  return clock != nullptr ? *clock : system_clock;
}

int64_t NowMillis(const Clock* clock) {
  return ClockOf(clock).NowMillis();
}

namespace {

Status NotSupported(const parser::Statement& statement, const std::string& what) {
  return SqlError(kNotSupported, "line " + std::to_string(statement.position.line) + ":" +
                                     std::to_string(statement.position.column) + ": " + what);
}

}  // namespace

ResultDescription DdlDescription(std::string substatement_type) {
  return {.statement_type = StatementType::kDdl,
          .substatement_type = std::move(substatement_type),
          .columns = {},
          .header_row = false};
}

Status SendStringRows(ResultSink& sink,
                      ResultDescription description,
                      const std::vector<std::vector<std::string>>& rows) {
  size_t width = description.columns.size();
  STRATUS_RETURN_IF_ERROR(sink.Begin(description));
  for (size_t start = 0; start < rows.size(); start += kBatchRows) {
    size_t count = std::min(kBatchRows, rows.size() - start);
    std::vector<Vector> columns;
    for (size_t c = 0; c < width; ++c) {
      Vector vector(description.columns[c].type, count);
      vector.set_size(count);
      for (size_t r = 0; r < count; ++r) {
        const std::vector<std::string>& row = rows[start + r];
        vector.SetValue(
            r, c < row.size() ? Value::Varchar(row[c]) : Value::Null(description.columns[c].type));
      }
      columns.push_back(std::move(vector));
    }
    STRATUS_RETURN_IF_ERROR(sink.Append(Batch(std::move(columns), count)));
  }
  return Status::Ok();
}

Result<std::unique_ptr<Engine>> Engine::Open(const EngineOptions& options) {
  if (options.catalog == nullptr) {
    return Status::InvalidArgument("Engine::Open: no catalog");
  }
  auto impl = std::make_unique<Impl>();
  impl->options = options;
  STRATUS_ASSIGN_OR_RETURN(impl->executor,
                           exec::Executor::Open({.lake = options.lake,
                                                 .threads = options.threads,
                                                 .memory_limit_bytes = options.memory_limit_bytes,
                                                 .spill_directory = options.spill_directory}));
  return std::unique_ptr<Engine>(
      new Engine(std::move(impl)));  // STRATUS_LINT_ALLOW(private constructor)
}

Engine::Engine(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

Engine::~Engine() = default;

void Engine::Stop() {
  if (impl_->executor != nullptr) {
    impl_->executor->Stop();
  }
}

Result<QueryStatistics> Engine::Execute(std::string_view sql,
                                        const Session& session,
                                        ResultSink& sink,
                                        QueryControl* control) {
  StatementContext context;
  context.session = &session;
  context.sink = &sink;
  context.control = control;
  int64_t start = NowMillis(impl_->options.clock);
  context.functions.query_start_millis = start;
  context.functions.session_time_zone = session.time_zone;
  context.query_id =
      session.query_id.empty()
          ? "q" + std::to_string(start) + "_" + std::to_string(impl_->next_statement.fetch_add(1))
          : session.query_id;
  STRATUS_ASSIGN_OR_RETURN(parser::StatementPtr statement, parser::ParseStatement(sql));
  STRATUS_RETURN_IF_ERROR(impl_->Dispatch(*statement, context));
  int64_t end = NowMillis(impl_->options.clock);
  if (context.statistics.execution_millis == 0) {
    context.statistics.execution_millis = static_cast<uint64_t>(std::max<int64_t>(0, end - start));
  }
  return context.statistics;
}

StatementType Engine::ClassifyStatement(std::string_view sql) {
  auto statement = parser::ParseStatement(sql);
  if (!statement.ok()) {
    return StatementType::kDml;
  }
  switch ((*statement)->kind) {
    case parser::StatementKind::kQuery:
    case parser::StatementKind::kInsert:
    case parser::StatementKind::kCreateTableAsSelect:
    case parser::StatementKind::kMerge:
    case parser::StatementKind::kUpdate:
    case parser::StatementKind::kDelete:
    case parser::StatementKind::kUnload:
    case parser::StatementKind::kExecute:
      return StatementType::kDml;
    case parser::StatementKind::kExplain:
    case parser::StatementKind::kShowSchemas:
    case parser::StatementKind::kShowTables:
    case parser::StatementKind::kShowColumns:
    case parser::StatementKind::kDescribe:
    case parser::StatementKind::kShowCreate:
    case parser::StatementKind::kShowPartitions:
    case parser::StatementKind::kShowTableProperties:
    case parser::StatementKind::kShowViews:
    case parser::StatementKind::kShowFunctions:
    case parser::StatementKind::kPrepare:
    case parser::StatementKind::kDeallocate:
    case parser::StatementKind::kUse:
      return StatementType::kUtility;
    default:
      return StatementType::kDdl;
  }
}

binder::BinderOptions Engine::Impl::BinderOptionsFor(const StatementContext& context) const {
  binder::BinderOptions out;
  out.catalog = options.catalog;
  out.catalog_name = context.session->catalog;
  out.database = context.session->database;
  out.parameters = context.session->parameters;
  out.current_user = context.functions.current_user;
  out.folder = ConstantFolderFor(context);
  out.metadata_tables = [this](const catalog::TableDescriptor& table, std::string_view suffix) {
    return IcebergMetadataTable(table, suffix);
  };
  return out;
}

Result<plan::NodePtr> Engine::Impl::PlanQuery(const parser::Query& query,
                                              StatementContext& context) {
  int64_t start = NowMillis(options.clock);
  binder::Binder binder(BinderOptionsFor(context));
  STRATUS_ASSIGN_OR_RETURN(plan::NodePtr bound, binder.BindQuery(query));
  STRATUS_ASSIGN_OR_RETURN(
      plan::NodePtr optimized,
      binder::Optimize(bound, {.folder = ConstantFolderFor(context), .scan_size = ScanSizer()}));
  context.statistics.planning_millis +=
      static_cast<uint64_t>(std::max<int64_t>(0, NowMillis(options.clock) - start));
  return optimized;
}

binder::ScanSizer Engine::Impl::ScanSizer() const {
  lake::Lake* lake = options.lake;
  if (lake == nullptr) {
    return nullptr;
  }
  return [lake](const plan::ScanNode& scan) -> std::optional<double> {
    if (scan.table->kind == catalog::TableKind::kIceberg) {
      // The snapshot's summary knows the table's size.
      auto location = scan.table->table_properties.find("metadata_location");
      if (location == scan.table->table_properties.end()) {
        return std::nullopt;
      }
      formats::iceberg::TableIo io(*lake);
      auto metadata = formats::iceberg::LoadTableMetadata(io, location->second);
      if (!metadata.ok()) {
        return std::nullopt;
      }
      const formats::iceberg::Snapshot* snapshot = metadata->current_snapshot();
      const std::string* size =
          snapshot != nullptr ? snapshot->FindSummary("total-files-size") : nullptr;
      if (size == nullptr) {
        return 0.0;
      }
      try {
        return std::stod(*size);
      } catch (const std::exception&) {
        return std::nullopt;
      }
    }
    // Lists at most a few partitions and pages, and extrapolates.
    constexpr size_t kMaxListedPartitions = 8;
    constexpr int kMaxPages = 4;
    std::vector<std::string> locations;
    if (scan.table->partition_keys.empty()) {
      locations.push_back(scan.table->location);
    } else {
      for (size_t i = 0; i < scan.partitions.size() && i < kMaxListedPartitions; ++i) {
        locations.push_back(scan.partitions[i].location);
      }
    }
    double total = 0;
    for (std::string location : locations) {
      if (location.empty()) {
        continue;
      }
      if (location.back() != '/') {
        location.push_back('/');
      }
      lake::ListOptions list_options;
      for (int page = 0; page < kMaxPages; ++page) {
        auto listed = lake->List(location, list_options);
        if (!listed.ok()) {
          return std::nullopt;
        }
        for (const lake::ObjectInfo& object : listed->objects) {
          total += static_cast<double>(object.size);
        }
        if (!listed->next_after.has_value()) {
          break;
        }
        list_options.after = *listed->next_after;
      }
    }
    if (!locations.empty() && scan.partitions.size() > locations.size()) {
      total *= static_cast<double>(scan.partitions.size()) / static_cast<double>(locations.size());
    }
    return total;
  };
}

namespace {

// Counts the rows a driver's sink is handed.
class CountingSink final : public exec::Sink {
 public:
  CountingSink(std::unique_ptr<exec::Sink> inner, std::atomic<uint64_t>* rows)
      : inner_(std::move(inner)), rows_(rows) {}

  Status Consume(Batch input) override {
    rows_->fetch_add(input.num_rows(), std::memory_order_relaxed);
    return inner_->Consume(std::move(input));
  }

  Status Finish() override { return inner_->Finish(); }

 private:
  std::unique_ptr<exec::Sink> inner_;
  std::atomic<uint64_t>* rows_;
};

}  // namespace

Status Engine::Impl::RunPlan(const plan::Node& root, StatementContext& context, ResultSink* sink) {
  // The caller's sink gets the batches one at a time.
  std::mutex mu;

  class CallerSink final : public exec::Sink {
   public:
    CallerSink(ResultSink* sink, std::mutex* mu) : sink_(sink), mu_(mu) {}

    Status Consume(Batch input) override {
      if (sink_ == nullptr) {
        return Status::Ok();
      }
      std::lock_guard<std::mutex> lock(*mu_);
      return sink_->Append(input);
    }

    Status Finish() override { return Status::Ok(); }

   private:
    ResultSink* sink_;
    std::mutex* mu_;
  };

  return RunPlanPerDriver(root, context, [&] { return std::make_unique<CallerSink>(sink, &mu); });
}

Status Engine::Impl::RunPlanPerDriver(
    const plan::Node& root,
    StatementContext& context,
    const std::function<std::unique_ptr<exec::Sink>()>& make_sink) {
  int64_t start = NowMillis(options.clock);
  std::atomic<uint64_t> bytes_scanned{0};
  exec::ScanCounters scan_counters;
  exec::RunContext run{
      .functions = &context.functions,
      .cancelled = context.control != nullptr ? &context.control->cancelled : &context.local_cancel,
      .progress = context.control != nullptr ? &context.control->progress : nullptr,
      .bytes_scanned = &bytes_scanned,
      .written_partitions = &context.written_partitions,
      .written_files = nullptr,
      .scan_counters = &scan_counters};
  std::atomic<uint64_t> rows{0};
  Status status = executor->RunPerDriver(
      root, run, [&] { return std::make_unique<CountingSink>(make_sink(), &rows); });
  context.statistics.rows_output += rows.load();
  context.statistics.data_scanned_bytes += bytes_scanned.load();
  context.statistics.row_groups_read += scan_counters.row_groups_read.load();
  context.statistics.row_groups_skipped += scan_counters.row_groups_skipped.load();
  context.statistics.execution_millis +=
      static_cast<uint64_t>(std::max<int64_t>(0, NowMillis(options.clock) - start));
  return status;
}

Status Engine::Impl::RunQuery(const parser::Query& query, StatementContext& context) {
  STRATUS_ASSIGN_OR_RETURN(plan::NodePtr root, PlanQuery(query, context));
  ResultDescription description{.statement_type = StatementType::kDml,
                                .substatement_type = "SELECT",
                                .columns = {},
                                .header_row = true};
  for (const plan::Column& column : root->columns) {
    description.columns.push_back({.name = column.name, .type = column.type});
  }
  STRATUS_RETURN_IF_ERROR(context.sink->Begin(description));
  return RunPlan(*root, context, context.sink);
}

Status Engine::Impl::RunExplain(const parser::ExplainStatement& explain,
                                StatementContext& context) {
  const parser::Statement& inner = *explain.statement;
  ResultDescription description{
      .statement_type = StatementType::kUtility,
      .substatement_type = explain.analyze ? "EXPLAIN_ANALYZE" : "EXPLAIN",
      .columns = {{.name = "Query Plan", .type = LogicalType::Varchar()}},
      .header_row = true};
  if (inner.kind != parser::StatementKind::kQuery) {
    return NotSupported(explain, "EXPLAIN supports queries only");
  }
  STRATUS_ASSIGN_OR_RETURN(plan::NodePtr root,
                           PlanQuery(*inner.As<parser::QueryStatement>().query, context));
  std::string text = plan::ToString(*root);
  if (explain.analyze) {
    STRATUS_RETURN_IF_ERROR(RunPlan(*root, context, nullptr));
    text += "\nrows: " + std::to_string(context.statistics.rows_output) +
            ", bytes scanned: " + std::to_string(context.statistics.data_scanned_bytes) +
            ", execution: " + std::to_string(context.statistics.execution_millis) + " ms\n";
    if (context.statistics.row_groups_read + context.statistics.row_groups_skipped > 0) {
      text += "parquet row groups: " + std::to_string(context.statistics.row_groups_read) +
              " read, " + std::to_string(context.statistics.row_groups_skipped) +
              " skipped by statistics\n";
    }
    context.statistics.rows_output = 0;
  }
  std::vector<std::vector<std::string>> rows;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) {
      end = text.size();
    }
    rows.push_back({text.substr(start, end - start)});
    start = end + 1;
  }
  return SendStringRows(*context.sink, std::move(description), rows);
}

Status Engine::Impl::Dispatch(const parser::Statement& statement, StatementContext& context) {
  using parser::StatementKind;
  switch (statement.kind) {
    case StatementKind::kQuery:
      return RunQuery(*statement.As<parser::QueryStatement>().query, context);
    case StatementKind::kExplain:
      return RunExplain(statement.As<parser::ExplainStatement>(), context);
    case StatementKind::kCreateSchema:
      return CreateSchema(statement.As<parser::CreateSchemaStatement>(), context);
    case StatementKind::kDropSchema:
      return DropSchema(statement.As<parser::DropSchemaStatement>(), context);
    case StatementKind::kShowSchemas:
      return ShowSchemas(statement.As<parser::ShowSchemasStatement>(), context);
    case StatementKind::kShowTables:
      return ShowTables(statement.As<parser::ShowTablesStatement>(), context);
    case StatementKind::kShowColumns:
      return ShowColumns(statement.As<parser::ShowColumnsStatement>(), context);
    case StatementKind::kDescribe:
      return Describe(statement.As<parser::DescribeStatement>(), context);
    case StatementKind::kShowCreate:
      return ShowCreate(statement.As<parser::ShowCreateStatement>(), context);
    case StatementKind::kShowPartitions:
      return ShowPartitions(statement.As<parser::ShowPartitionsStatement>(), context);
    case StatementKind::kShowTableProperties:
      return ShowTableProperties(statement.As<parser::ShowTablePropertiesStatement>(), context);
    case StatementKind::kShowViews:
      return ShowViews(statement.As<parser::ShowViewsStatement>(), context);
    case StatementKind::kShowFunctions:
      return ShowFunctions(statement.As<parser::ShowFunctionsStatement>(), context);
    case StatementKind::kCreateTable:
      return CreateTable(statement.As<parser::CreateTableStatement>(), context);
    case StatementKind::kCreateTableAsSelect:
      return CreateTableAsSelect(statement.As<parser::CreateTableAsSelectStatement>(), context);
    case StatementKind::kDropTable:
      return DropTable(statement.As<parser::DropTableStatement>(), context);
    case StatementKind::kCreateView:
      return CreateView(statement.As<parser::CreateViewStatement>(), context);
    case StatementKind::kDropView:
      return DropView(statement.As<parser::DropViewStatement>(), context);
    case StatementKind::kInsert:
      return Insert(statement.As<parser::InsertStatement>(), context);
    case StatementKind::kRepairTable:
      return RepairTable(statement.As<parser::RepairTableStatement>(), context);
    case StatementKind::kAlterTable:
      return AlterTable(statement.As<parser::AlterTableStatement>(), context);
    case StatementKind::kMerge:
    case StatementKind::kUpdate:
    case StatementKind::kDelete:
      return RunRowChange(statement, context);
    case StatementKind::kOptimize:
      return Optimize(statement.As<parser::OptimizeStatement>(), context);
    case StatementKind::kVacuum:
      return Vacuum(statement.As<parser::VacuumStatement>(), context);
      return NotSupported(statement, "Modifying rows needs an Iceberg table (not supported yet)");
    case StatementKind::kPrepare:
    case StatementKind::kExecute:
    case StatementKind::kDeallocate:
      return NotSupported(statement, "Prepared statements are handled by the Athena service");
    case StatementKind::kUse:
      return NotSupported(statement, "USE is not supported; set the query's database instead");
    case StatementKind::kUnload:
      return NotSupported(statement, "UNLOAD is not supported yet");
  }
  return NotSupported(statement, "Unsupported statement");
}

std::pair<std::string, std::string> Engine::Impl::ResolveName(
    const parser::QualifiedName& name, const StatementContext& context) const {
  const auto& parts = name.parts;
  std::string table = parts.empty() ? "" : parts.back().name;
  std::string database =
      parts.size() >= 2 ? parts[parts.size() - 2].name : context.session->database;
  return {database, table};
}

Result<catalog::TableDescriptor> Engine::Impl::RequireTable(const parser::QualifiedName& name,
                                                            const StatementContext& context) {
  auto [database, table] = ResolveName(name, context);
  parser::SourcePosition position = name.position();
  std::string prefix =
      "line " + std::to_string(position.line) + ":" + std::to_string(position.column) + ": ";
  auto found = options.catalog->GetTable(database, table);
  if (!found.ok()) {
    return SqlError(SqlErrorName(found.status()), prefix + found.status().message());
  }
  if (!found->has_value()) {
    return SqlError(kTableNotFound, prefix + "Table '" + context.session->catalog + "." + database +
                                        "." + table + "' does not exist");
  }
  return std::move(**found);
}

std::string JoinLocation(std::string_view directory, std::string_view name) {
  std::string out(directory);
  if (!out.empty() && out.back() != '/') {
    out.push_back('/');
  }
  out += name;
  return out;
}

CollectingSink::CollectingSink() = default;

CollectingSink::~CollectingSink() = default;

Status CollectingSink::Begin(const ResultDescription& description) {
  description_ = description;
  batches_.clear();
  return Status::Ok();
}

Status CollectingSink::Append(const Batch& batch) {
  batches_.push_back(batch);
  return Status::Ok();
}

std::vector<std::vector<std::string>> CollectingSink::Rows() const {
  std::vector<std::vector<std::string>> rows;
  for (const Batch& batch : batches_) {
    for (size_t r = 0; r < batch.num_rows(); ++r) {
      std::vector<std::string> row;
      for (size_t c = 0; c < batch.num_columns(); ++c) {
        row.push_back(FormatValue(batch.column(c).GetValue(r)));
      }
      rows.push_back(std::move(row));
    }
  }
  return rows;
}

}  // namespace stratus::sql
