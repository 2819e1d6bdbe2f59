// PhysicalPlanner::PlanTableWrite: every driver writes its own files;
// the result is one row, the number of rows written.

#include <memory>
#include <utility>

#include "sql/exec/physical_planner.h"
#include "sql/exec/table_writer.h"
#include "sql/types/value.h"

namespace stratus::sql::exec {
namespace {

class TableWriteSink final : public Sink {
 public:
  explicit TableWriteSink(std::shared_ptr<TableWriteTarget> target) : writer_(std::move(target)) {}

  Status Consume(Batch input) override { return writer_.Write(input); }

  Status Finish() override { return writer_.Finish(); }

 private:
  TableWriter writer_;
};

}  // namespace

Result<Pipeline> PhysicalPlanner::PlanTableWrite(const plan::TableWriteNode& node) {
  if (options_.lake == nullptr) {
    return Status::FailedPrecondition("the executor has no lake to write tables to");
  }
  STRATUS_ASSIGN_OR_RETURN(std::shared_ptr<TableWriteTarget> target,
                           MakeTableWriteTarget(options_.lake, *node.table, node.file_prefix));
  STRATUS_ASSIGN_OR_RETURN(Pipeline input, Plan(*node.inputs[0]));
  STRATUS_RETURN_IF_ERROR(
      RunPipeline(input, [&] { return std::make_unique<TableWriteSink>(target); }));
  if (context_.written_partitions != nullptr) {
    *context_.written_partitions = target->partitions;
  }
  Vector rows(LogicalType::Bigint(), 1);
  rows.set_size(1);
  rows.SetValue(0, Value::Bigint(static_cast<int64_t>(target->rows_written.load())));
  std::vector<Batch> batches;
  batches.emplace_back(std::vector<Vector>{std::move(rows)}, 1);
  return FromBatches(std::move(batches), TypesOf(node), true);
}

}  // namespace stratus::sql::exec
