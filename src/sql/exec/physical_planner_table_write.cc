// PhysicalPlanner::PlanTableWrite: every driver writes its own files;
// the result is one row, the number of rows written.

#include <algorithm>
#include <memory>
#include <mutex>
#include <utility>

#include "sql/exec/physical_planner.h"
#include "sql/exec/table_writer.h"
#include "sql/types/value.h"

namespace stratus::sql::exec {
namespace {

class TableWriteSink final : public Sink {
 public:
  explicit TableWriteSink(std::unique_ptr<TableWriter> writer) : writer_(std::move(writer)) {}

  Status Consume(Batch input) override { return writer_->Write(input); }

  Status Finish() override { return writer_->Finish(); }

 private:
  std::unique_ptr<TableWriter> writer_;
};

}  // namespace

Result<Pipeline> PhysicalPlanner::PlanTableWrite(const plan::TableWriteNode& node) {
  if (options_.lake == nullptr) {
    return Status::FailedPrecondition("the executor has no lake to write tables to");
  }
  STRATUS_ASSIGN_OR_RETURN(std::shared_ptr<TableWriteTarget> target,
                           MakeTableWriteTarget(options_.lake, *node.table, node.file_prefix));
  // Makes the writers up front: a format the target cannot write fails before any row runs.
  STRATUS_ASSIGN_OR_RETURN(Pipeline input, Plan(*node.inputs[0]));
  const size_t num_writers = std::max<size_t>(1, std::min(threads(), input.max_drivers));
  std::vector<std::unique_ptr<TableWriter>> writers;
  for (size_t i = 0; i < num_writers; ++i) {
    STRATUS_ASSIGN_OR_RETURN(std::unique_ptr<TableWriter> writer, MakeTableWriter(target));
    writers.push_back(std::move(writer));
  }
  size_t next_writer = 0;
  STRATUS_RETURN_IF_ERROR(RunPipeline(
      input, [&] { return std::make_unique<TableWriteSink>(std::move(writers[next_writer++])); }));
  std::lock_guard<std::mutex> lock(target->mu);
  if (context_.written_partitions != nullptr) {
    *context_.written_partitions = target->partitions;
  }
  if (context_.written_files != nullptr) {
    *context_.written_files = target->written_files;
  }
  Vector rows(LogicalType::Bigint(), 1);
  rows.set_size(1);
  rows.SetValue(0, Value::Bigint(static_cast<int64_t>(target->rows_written.load())));
  std::vector<Batch> batches;
  batches.emplace_back(std::vector<Vector>{std::move(rows)}, 1);
  return FromBatches(std::move(batches), TypesOf(node), true);
}

}  // namespace stratus::sql::exec
