// PhysicalPlanner::PlanSort: ORDER BY [LIMIT], buffered per driver and
// sorted once at the end.

#include <memory>
#include <mutex>
#include <utility>

#include "sql/exec/memory_budget.h"
#include "sql/exec/physical_planner.h"
#include "sql/exec/sort_buffer.h"

namespace stratus::sql::exec {
namespace {

struct SortBuffers {
  std::mutex mu;
  std::vector<std::unique_ptr<SortBuffer>> buffers;  // Guarded by mu.
};

class SortSink final : public Sink {
 public:
  SortSink(std::unique_ptr<SortBuffer> buffer,
           std::shared_ptr<SortBuffers> buffers,
           MemoryBudget* budget)
      : buffer_(std::move(buffer)), buffers_(std::move(buffers)), reservation_(budget) {}

  Status Consume(Batch input) override {
    STRATUS_RETURN_IF_ERROR(buffer_->Add(input));
    return reservation_.Resize(buffer_->memory_bytes());
  }

  Status Finish() override {
    std::lock_guard<std::mutex> lock(buffers_->mu);
    buffers_->buffers.push_back(std::move(buffer_));
    return Status::Ok();
  }

 private:
  std::unique_ptr<SortBuffer> buffer_;
  std::shared_ptr<SortBuffers> buffers_;
  MemoryReservation reservation_;
};

}  // namespace

Result<Pipeline> PhysicalPlanner::PlanSort(const plan::SortNode& node) {
  STRATUS_ASSIGN_OR_RETURN(Pipeline input, Plan(*node.inputs[0]));
  const std::vector<LogicalType> types = TypesOf(*node.inputs[0]);
  auto buffers = std::make_shared<SortBuffers>();
  const functions::FunctionContext* context = functions();
  STRATUS_RETURN_IF_ERROR(RunPipeline(input, [&] {
    return std::make_unique<SortSink>(
        std::make_unique<SortBuffer>(node.keys, node.limit, types, context), buffers, budget());
  }));
  SortBuffer all(node.keys, node.limit, types, context);
  for (const std::unique_ptr<SortBuffer>& buffer : buffers->buffers) {
    all.Absorb(*buffer);
  }
  return FromBatches(all.Finish(), TypesOf(node), true);
}

}  // namespace stratus::sql::exec
