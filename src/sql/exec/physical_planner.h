#pragma once

// PhysicalPlanner: turns a logical plan into pipelines and runs them. Each
// Plan<Node>() returns the pipeline that streams the node's rows (a source
// and the operators after it); a breaker (aggregation, sort, a join's build
// side, set operations, DISTINCT, window, table write) first runs the
// pipeline of its input to the end into its sinks, combines what the
// drivers' sinks hold, and returns a pipeline whose source reads the result.
// So pipelines run one after another in dependency order, each on up to
// `threads` drivers at once.
//
// Ownership: one planner per Run(); borrows the executor's pool and the
// run's context. Thread safety: one thread plans and runs; drivers of a
// pipeline run on the pool and the calling thread.

#include <atomic>
#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "base/result.h"
#include "sql/exec/executor.h"
#include "sql/exec/operator.h"
#include "sql/exec/parquet_scan.h"
#include "sql/planner/logical_plan.h"

namespace stratus::sql::exec {

struct JoinSpillFiles;
class MemoryBudget;
class SpillWriter;
class ThreadPool;

/// What the planners of one executor share.
struct ExecutorResources {
  MemoryBudget* budget = nullptr;
  ThreadPool* pool = nullptr;
  size_t threads = 1;
  /// The executor's stop flag.
  const std::atomic<bool>* stop = nullptr;
  /// Numbers spill files uniquely.
  std::atomic<uint64_t>* spill_counter = nullptr;
};

/// A pipeline before it runs: how to make each driver's source and operators.
struct Pipeline {
  std::function<std::unique_ptr<Source>()> make_source = nullptr;
  std::vector<std::function<std::unique_ptr<Operator>()>> make_operators = {};
  /// 1 when the rows' order matters (after a sort, under a limit).
  size_t max_drivers = SIZE_MAX;
  std::vector<LogicalType> types = {};
};

/// Returns the types of a node's output columns.
std::vector<LogicalType> TypesOf(const plan::Node& node);

class PhysicalPlanner {
 public:
  /// REQUIRES: everything borrowed outlives the planner.
  PhysicalPlanner(const ExecutorOptions& options,
                  const ExecutorResources& resources,
                  const RunContext& context);
  /// Deletes the spill files the run wrote.
  ~PhysicalPlanner();
  PhysicalPlanner(const PhysicalPlanner&) = delete;
  PhysicalPlanner& operator=(const PhysicalPlanner&) = delete;

  /// True when operators over the budget may spill (see ExecutorOptions).
  bool spill_enabled() const;

  /// Creates a new spill file whose name starts with `kind`; it is deleted
  /// when the planner is. Safe from any driver.
  Result<std::unique_ptr<SpillWriter>> NewSpillFile(const std::string& kind);

  io::FileSystem& spill_files() const { return *options_.spill_file_system; }

  /// Returns the pipeline streaming `node`'s rows (running breakers below it).
  Result<Pipeline> Plan(const plan::Node& node);

  /// Runs `pipeline` on up to `max_drivers` drivers, each with a sink from
  /// `make_sink`, and returns the first error.
  Status RunPipeline(const Pipeline& pipeline,
                     const std::function<std::unique_ptr<Sink>()>& make_sink);

  /// Runs task(0) .. task(tasks - 1) on up to `threads` workers and returns
  /// the first error.
  Status ParallelFor(size_t tasks, const std::function<Status(size_t)>& task);

  /// Returns a pipeline that reads materialised batches.
  static Pipeline FromBatches(std::vector<Batch> batches,
                              std::vector<LogicalType> types,
                              bool ordered);

  const RunContext& context() const { return context_; }

  /// The most drivers a pipeline runs on.
  size_t threads() const { return threads_; }

  MemoryBudget* budget() const { return budget_; }

  const functions::FunctionContext* functions() const { return context_.functions; }

  /// Returns the pipeline scanning explicit Parquet files (parquet_scan.h):
  /// the entry Iceberg scans plan through. The pipeline's types are the
  /// spec's column types.
  Result<Pipeline> PlanParquetFiles(ParquetScanSpec spec);

  /// Runs `pipeline` to the end and returns all its batches.
  Result<std::vector<Batch>> Collect(const Pipeline& pipeline);

 private:
  // Runs work(0) .. work(count - 1) at once (the calling thread runs
  // work(0)); the first error wins and stops the others (abort_).
  Status RunWorkers(size_t count, const std::function<Status(size_t)>& work);

  Result<Pipeline> PlanScan(const plan::ScanNode& node);
  // ParallelFor as a function value (scan planning reads footers in parallel).
  ParallelRunner ParallelForFunction();
  static Pipeline ParquetPipeline(std::shared_ptr<ParquetScanPlan> scan,
                                  std::vector<LogicalType> types);
  Result<Pipeline> PlanValues(const plan::ValuesNode& node);
  Result<Pipeline> PlanAggregate(const plan::AggregateNode& node);
  Result<Pipeline> PlanDistinct(const plan::Node& node);
  Result<Pipeline> PlanJoin(const plan::JoinNode& node);
  // The join once its build side spilled (partitioned_join.h).
  Result<Pipeline> PlanSpilledJoin(const plan::JoinNode& node,
                                   std::vector<Batch>& build_rows,
                                   size_t num_columns,
                                   std::shared_ptr<JoinSpillFiles> spill);
  Result<Pipeline> PlanSort(const plan::SortNode& node);
  Result<Pipeline> PlanSetOperation(const plan::SetOperationNode& node);
  Result<Pipeline> PlanWindow(const plan::WindowNode& node);
  Result<Pipeline> PlanUnnest(const plan::UnnestNode& node);
  Result<Pipeline> PlanTableWrite(const plan::TableWriteNode& node);

  const ExecutorOptions& options_;
  MemoryBudget* budget_;
  ThreadPool* pool_;
  size_t threads_;
  const RunContext& context_;
  const std::atomic<bool>* stop_;
  std::atomic<uint64_t>* spill_counter_;
  std::mutex spill_mu_;
  std::vector<std::string> spill_paths_;  // Guarded by spill_mu_.
  // Set when a driver fails, so that the others stop early.
  std::atomic<bool> abort_{false};
  // Nodes the planner makes (DISTINCT as an aggregation) and must keep alive.
  std::vector<std::shared_ptr<const plan::Node>> owned_nodes_;
};

}  // namespace stratus::sql::exec
