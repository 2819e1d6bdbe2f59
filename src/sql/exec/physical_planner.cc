#include "sql/exec/physical_planner.h"

#include <algorithm>
#include <utility>

#include "io/file_system.h"
#include "sql/exec/driver.h"
#include "sql/exec/enforce_single_row_operator.h"
#include "sql/exec/expression_evaluator.h"
#include "sql/exec/filter_operator.h"
#include "sql/exec/iceberg_scan.h"
#include "sql/exec/limit_operator.h"
#include "sql/exec/memory_budget.h"
#include "sql/exec/parquet_scan.h"
#include "sql/exec/project_operator.h"
#include "sql/exec/spill_file.h"
#include "sql/exec/text_scan.h"
#include "sql/exec/thread_pool.h"
#include "sql/exec/unnest_operator.h"
#include "sql/exec/window_function.h"
#include "sql/types/sql_error.h"

namespace stratus::sql::exec {
namespace {

// Materialised batches shared by the drivers that read them.
struct BatchList {
  std::vector<Batch> batches;
  std::atomic<size_t> next{0};
};

class BatchListSource final : public Source {
 public:
  explicit BatchListSource(std::shared_ptr<BatchList> list) : list_(std::move(list)) {}

  Result<bool> Next(Batch* out) override {
    const size_t index = list_->next.fetch_add(1);
    if (index >= list_->batches.size()) {
      return false;
    }
    *out = list_->batches[index];
    return true;
  }

 private:
  std::shared_ptr<BatchList> list_;
};

// Collects every driver's batches into one list.
struct Collected {
  std::mutex mu;
  std::vector<Batch> batches;  // Guarded by mu.
};

class CollectSink final : public Sink {
 public:
  CollectSink(std::shared_ptr<Collected> collected, MemoryBudget* budget)
      : collected_(std::move(collected)), reservation_(budget) {}

  Status Consume(Batch input) override {
    STRATUS_RETURN_IF_ERROR(reservation_.Grow(EstimatedBytes(input)));
    local_.push_back(std::move(input));
    return Status::Ok();
  }

  Status Finish() override {
    std::lock_guard<std::mutex> lock(collected_->mu);
    for (Batch& batch : local_) {
      collected_->batches.push_back(std::move(batch));
    }
    return Status::Ok();
  }

 private:
  std::shared_ptr<Collected> collected_;
  MemoryReservation reservation_;
  std::vector<Batch> local_;
};

// Tracks the first error of a pipeline's drivers.
struct PipelineErrors {
  std::mutex mu;
  Status first;  // Guarded by mu.
};

// Returns `value` as a value of `type` when only the type's parameters
// differ (varchar(1) in a varchar column, integer in bigint); the binder
// casts everything else.
Result<Value> AsColumnType(Value value, const LogicalType& type) {
  if (value.type() == type) {
    return value;
  }
  if (value.type().is_string() && type.is_string()) {
    return Value::FromString(type, value.string_value());
  }
  if (value.type().is_integer() && type.is_integer()) {
    return Value::FromInt64(type, value.int64_value());
  }
  return Status::Internal("a VALUES row of type " + value.type().ToString() +
                          " in a column of type " + type.ToString());
}

}  // namespace

std::vector<LogicalType> TypesOf(const plan::Node& node) {
  std::vector<LogicalType> types;
  types.reserve(node.columns.size());
  for (const plan::Column& column : node.columns) {
    types.push_back(column.type);
  }
  return types;
}

PhysicalPlanner::PhysicalPlanner(const ExecutorOptions& options,
                                 const ExecutorResources& resources,
                                 const RunContext& context)
    : options_(options),
      budget_(resources.budget),
      pool_(resources.pool),
      threads_(resources.threads),
      context_(context),
      stop_(resources.stop),
      spill_counter_(resources.spill_counter) {}

PhysicalPlanner::~PhysicalPlanner() {
  for (const std::string& path : spill_paths_) {
    // A file that cannot be removed is garbage the next run of that name replaces.
    static_cast<void>(options_.spill_file_system->Remove(path));
  }
}

bool PhysicalPlanner::spill_enabled() const {
  return options_.spill_file_system != nullptr && !options_.spill_directory.empty() &&
         spill_counter_ != nullptr;
}

Result<std::unique_ptr<SpillWriter>> PhysicalPlanner::NewSpillFile(const std::string& kind) {
  if (!spill_enabled()) {
    return Status::FailedPrecondition("spilling is off");
  }
  std::string path = options_.spill_directory;
  if (path.back() != '/') {
    path.push_back('/');
  }
  path += kind + "-" + std::to_string(spill_counter_->fetch_add(1)) + ".spill";
  {
    std::lock_guard<std::mutex> lock(spill_mu_);
    spill_paths_.push_back(path);
  }
  return SpillWriter::Create(*options_.spill_file_system, path);
}

Pipeline PhysicalPlanner::FromBatches(std::vector<Batch> batches,
                                      std::vector<LogicalType> types,
                                      bool ordered) {
  auto list = std::make_shared<BatchList>();
  list->batches = std::move(batches);
  Pipeline pipeline;
  pipeline.make_source = [list] {
    return std::make_unique<BatchListSource>(list);
  };
  pipeline.max_drivers = ordered ? 1 : std::max<size_t>(list->batches.size(), 1);
  pipeline.types = std::move(types);
  return pipeline;
}

Status PhysicalPlanner::RunPipeline(const Pipeline& pipeline,
                                    const std::function<std::unique_ptr<Sink>()>& make_sink) {
  const size_t count = std::max<size_t>(1, std::min(threads_, pipeline.max_drivers));
  // Every driver is made before any runs (a join's last probe must know it is last).
  std::vector<std::unique_ptr<Driver>> drivers;
  for (size_t i = 0; i < count; ++i) {
    std::vector<std::unique_ptr<Operator>> operators;
    for (const auto& make_operator : pipeline.make_operators) {
      operators.push_back(make_operator());
    }
    drivers.push_back(std::make_unique<Driver>(
        pipeline.make_source(), std::move(operators), make_sink(),
        std::vector<const std::atomic<bool>*>{context_.cancelled, stop_, &abort_}));
  }
  return RunWorkers(count, [&](size_t i) { return drivers[i]->Run(); });
}

Status PhysicalPlanner::ParallelFor(size_t tasks, const std::function<Status(size_t)>& task) {
  std::atomic<size_t> next{0};
  return RunWorkers(std::max<size_t>(1, std::min(threads_, tasks)), [&](size_t /*worker*/) {
    for (size_t index = next.fetch_add(1); index < tasks; index = next.fetch_add(1)) {
      if ((context_.cancelled != nullptr && context_.cancelled->load()) || stop_->load() ||
          abort_.load()) {
        return CancelledError();
      }
      STRATUS_RETURN_IF_ERROR(task(index));
    }
    return Status::Ok();
  });
}

Status PhysicalPlanner::RunWorkers(size_t count, const std::function<Status(size_t)>& work) {
  PipelineErrors errors;
  const auto run = [&](size_t i) {
    Status status = work(i);
    if (!status.ok()) {
      std::lock_guard<std::mutex> lock(errors.mu);
      if (errors.first.ok() && !abort_.load()) {
        errors.first = status;
      }
      abort_.store(true);
    }
  };
  std::mutex done_mu;
  std::condition_variable done_cv;
  size_t running = 0;
  std::vector<size_t> inline_drivers;
  for (size_t i = 1; i < count; ++i) {
    {
      std::lock_guard<std::mutex> lock(done_mu);
      ++running;
    }
    const bool queued = pool_ != nullptr && pool_->Submit([&, i] {
      run(i);
      std::lock_guard<std::mutex> lock(done_mu);
      --running;
      done_cv.notify_all();
    });
    if (!queued) {
      std::lock_guard<std::mutex> lock(done_mu);
      --running;
      inline_drivers.push_back(i);
    }
  }
  run(0);
  for (size_t i : inline_drivers) {
    run(i);
  }
  {
    std::unique_lock<std::mutex> lock(done_mu);
    done_cv.wait(lock, [&] { return running == 0; });
  }
  std::lock_guard<std::mutex> lock(errors.mu);
  if (!errors.first.ok()) {
    return errors.first;
  }
  if (abort_.load()) {
    return CancelledError();
  }
  return Status::Ok();
}

Result<std::vector<Batch>> PhysicalPlanner::Collect(const Pipeline& pipeline) {
  auto collected = std::make_shared<Collected>();
  STRATUS_RETURN_IF_ERROR(
      RunPipeline(pipeline, [&] { return std::make_unique<CollectSink>(collected, budget_); }));
  return std::move(collected->batches);
}

Result<Pipeline> PhysicalPlanner::Plan(const plan::Node& node) {
  const functions::FunctionContext* functions = context_.functions;
  switch (node.kind) {
    case plan::NodeKind::kScan:
      return PlanScan(node.As<plan::ScanNode>());
    case plan::NodeKind::kValues:
      return PlanValues(node.As<plan::ValuesNode>());
    case plan::NodeKind::kFilter: {
      STRATUS_ASSIGN_OR_RETURN(Pipeline pipeline, Plan(*node.inputs[0]));
      const plan::ExprPtr predicate = node.As<plan::FilterNode>().predicate;
      std::vector<LogicalType> types = TypesOf(node);
      pipeline.make_operators.push_back([types, predicate, functions] {
        return std::make_unique<FilterOperator>(types, predicate, functions);
      });
      pipeline.types = std::move(types);
      return pipeline;
    }
    case plan::NodeKind::kProject: {
      STRATUS_ASSIGN_OR_RETURN(Pipeline pipeline, Plan(*node.inputs[0]));
      const std::vector<plan::ExprPtr> expressions = node.As<plan::ProjectNode>().expressions;
      std::vector<LogicalType> types = TypesOf(node);
      pipeline.make_operators.push_back([types, expressions, functions] {
        return std::make_unique<ProjectOperator>(types, expressions, functions);
      });
      pipeline.types = std::move(types);
      return pipeline;
    }
    case plan::NodeKind::kLimit: {
      STRATUS_ASSIGN_OR_RETURN(Pipeline pipeline, Plan(*node.inputs[0]));
      const auto& limit = node.As<plan::LimitNode>();
      std::vector<LogicalType> types = TypesOf(node);
      auto shared = std::make_shared<LimitShared>();
      shared->offset_left = limit.offset;
      shared->limit_left = limit.limit;
      pipeline.make_operators.push_back(
          [types, shared] { return std::make_unique<LimitOperator>(types, shared); });
      return pipeline;
    }
    case plan::NodeKind::kEnforceSingleRow: {
      STRATUS_ASSIGN_OR_RETURN(Pipeline pipeline, Plan(*node.inputs[0]));
      std::vector<LogicalType> types = TypesOf(node);
      pipeline.make_operators.push_back(
          [types] { return std::make_unique<EnforceSingleRowOperator>(types); });
      pipeline.max_drivers = 1;
      return pipeline;
    }
    case plan::NodeKind::kAggregate:
      return PlanAggregate(node.As<plan::AggregateNode>());
    case plan::NodeKind::kDistinct:
      return PlanDistinct(node);
    case plan::NodeKind::kJoin:
      return PlanJoin(node.As<plan::JoinNode>());
    case plan::NodeKind::kSort:
      return PlanSort(node.As<plan::SortNode>());
    case plan::NodeKind::kSetOperation:
      return PlanSetOperation(node.As<plan::SetOperationNode>());
    case plan::NodeKind::kWindow:
      return PlanWindow(node.As<plan::WindowNode>());
    case plan::NodeKind::kUnnest:
      return PlanUnnest(node.As<plan::UnnestNode>());
    case plan::NodeKind::kTableWrite:
      return PlanTableWrite(node.As<plan::TableWriteNode>());
  }
  return Status::Internal("unknown plan node");
}

Result<Pipeline> PhysicalPlanner::PlanScan(const plan::ScanNode& node) {
  if (options_.lake == nullptr) {
    return Status::FailedPrecondition("the executor has no lake to scan tables with");
  }
  if (node.table->kind == catalog::TableKind::kIceberg) {
    STRATUS_ASSIGN_OR_RETURN(
        ParquetScanSpec spec,
        PlanIcebergScan(node, options_.lake, /*statistics=*/nullptr, ParallelForFunction()));
    return PlanParquetFiles(std::move(spec));
  }
  if (IsParquetTable(node.table->serde_library, node.table->input_format)) {
    STRATUS_ASSIGN_OR_RETURN(
        std::shared_ptr<ParquetScanPlan> scan,
        PlanHiveParquetScan(node, options_.lake, options_.parquet_split_bytes, *context_.functions,
                            ParallelForFunction(), context_.progress, context_.bytes_scanned,
                            context_.scan_counters));
    return ParquetPipeline(std::move(scan), TypesOf(node));
  }
  STRATUS_ASSIGN_OR_RETURN(
      std::shared_ptr<TextScanPlan> scan,
      PlanTextScan(node, options_.lake, options_.text_split_bytes, *context_.functions,
                   context_.progress, context_.bytes_scanned));
  Pipeline pipeline;
  pipeline.max_drivers = std::max<size_t>(scan->splits.size(), 1);
  pipeline.make_source = [scan] {
    return std::make_unique<TextScanSource>(scan);
  };
  pipeline.types = TypesOf(node);
  return pipeline;
}

ParallelRunner PhysicalPlanner::ParallelForFunction() {
  return [this](size_t n, const std::function<Status(size_t)>& task) {
    return ParallelFor(n, task);
  };
}

Pipeline PhysicalPlanner::ParquetPipeline(std::shared_ptr<ParquetScanPlan> scan,
                                          std::vector<LogicalType> types) {
  Pipeline pipeline;
  pipeline.max_drivers = std::max<size_t>(scan->splits.size(), 1);
  pipeline.make_source = [scan] {
    return std::make_unique<ParquetScanSource>(scan);
  };
  pipeline.types = std::move(types);
  return pipeline;
}

Result<Pipeline> PhysicalPlanner::PlanParquetFiles(ParquetScanSpec spec) {
  if (options_.lake == nullptr) {
    return Status::FailedPrecondition("the executor has no lake to scan tables with");
  }
  if (spec.split_bytes == 0) {
    spec.split_bytes = options_.parquet_split_bytes;
  }
  std::vector<LogicalType> types;
  for (const FileScanColumn& column : spec.columns) {
    types.push_back(column.type);
  }
  STRATUS_ASSIGN_OR_RETURN(
      std::shared_ptr<ParquetScanPlan> scan,
      PlanParquetFileScan(std::move(spec), options_.lake, ParallelForFunction(), context_.progress,
                          context_.bytes_scanned, context_.scan_counters));
  return ParquetPipeline(std::move(scan), std::move(types));
}

Result<Pipeline> PhysicalPlanner::PlanValues(const plan::ValuesNode& node) {
  const std::vector<LogicalType> types = TypesOf(node);
  std::vector<Batch> batches;
  for (size_t begin = 0; begin < node.rows.size(); begin += kBatchRows) {
    const size_t count = std::min(kBatchRows, node.rows.size() - begin);
    std::vector<Vector> columns;
    for (const LogicalType& type : types) {
      Vector column(type, count);
      column.set_size(count);
      columns.push_back(std::move(column));
    }
    for (size_t r = 0; r < count; ++r) {
      const std::vector<plan::ExprPtr>& row = node.rows[begin + r];
      if (row.size() != types.size()) {
        return Status::Internal("a VALUES row with the wrong number of columns");
      }
      for (size_t c = 0; c < types.size(); ++c) {
        STRATUS_ASSIGN_OR_RETURN(Value value, EvaluateConstant(*row[c], *context_.functions));
        if (value.is_null()) {
          columns[c].SetNull(r, true);
          continue;
        }
        STRATUS_ASSIGN_OR_RETURN(value, AsColumnType(std::move(value), types[c]));
        columns[c].SetValue(r, value);
      }
    }
    batches.emplace_back(std::move(columns), count);
  }
  return FromBatches(std::move(batches), types, true);
}

Result<Pipeline> PhysicalPlanner::PlanWindow(const plan::WindowNode& node) {
  STRATUS_ASSIGN_OR_RETURN(Pipeline input, Plan(*node.inputs[0]));
  STRATUS_ASSIGN_OR_RETURN(std::vector<Batch> batches, Collect(input));
  size_t num_rows = 0;
  for (const Batch& batch : batches) {
    num_rows += batch.num_rows();
  }
  std::vector<Vector> results;
  for (const plan::WindowCall& call : node.calls) {
    STRATUS_ASSIGN_OR_RETURN(Vector result,
                             EvaluateWindowCall(call, batches, num_rows, *context_.functions));
    results.push_back(std::move(result));
  }
  std::vector<Batch> out;
  size_t offset = 0;
  for (Batch& batch : batches) {
    const size_t rows = batch.num_rows();
    std::vector<Vector> columns = batch.columns();
    for (const Vector& result : results) {
      columns.push_back(result.Slice(offset, rows));
    }
    out.emplace_back(std::move(columns), rows);
    offset += rows;
  }
  return FromBatches(std::move(out), TypesOf(node), false);
}

Result<Pipeline> PhysicalPlanner::PlanUnnest(const plan::UnnestNode& node) {
  STRATUS_ASSIGN_OR_RETURN(Pipeline pipeline, Plan(*node.inputs[0]));
  std::vector<LogicalType> types = TypesOf(node);
  const functions::FunctionContext* functions = context_.functions;
  pipeline.make_operators.push_back([types, &node, functions] {
    return std::make_unique<UnnestOperator>(types, node, functions);
  });
  pipeline.types = std::move(types);
  return pipeline;
}

}  // namespace stratus::sql::exec
