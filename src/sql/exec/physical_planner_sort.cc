// PhysicalPlanner::PlanSort: ORDER BY [LIMIT], buffered per driver and
// sorted once at the end. A driver whose buffer outgrows the memory budget
// sorts it and spills it as a run (docs/formats/sql_spill.md); the runs and
// what stayed in memory are then merged.

#include <memory>
#include <mutex>
#include <utility>

#include "sql/exec/memory_budget.h"
#include "sql/exec/physical_planner.h"
#include "sql/exec/sort_buffer.h"
#include "sql/exec/sort_merge.h"
#include "sql/exec/spill_file.h"
#include "sql/types/sql_error.h"

namespace stratus::sql::exec {
namespace {

struct SortBuffers {
  std::mutex mu;
  std::vector<std::unique_ptr<SortBuffer>> buffers;  // Guarded by mu.
  std::vector<std::string> runs;                     // Spilled runs; guarded by mu.
};

class SortSink final : public Sink {
 public:
  SortSink(std::unique_ptr<SortBuffer> buffer,
           std::shared_ptr<SortBuffers> buffers,
           PhysicalPlanner* planner)
      : buffer_(std::move(buffer)),
        buffers_(std::move(buffers)),
        planner_(planner),
        reservation_(planner->budget()) {}

  Status Consume(Batch input) override {
    STRATUS_RETURN_IF_ERROR(buffer_->Add(input));
    Status status = reservation_.Resize(buffer_->memory_bytes());
    if (status.ok() || SqlErrorName(status) != kExceededMemoryLimit || !planner_->spill_enabled() ||
        !CanSpill(buffer_->types_with_keys())) {
      return status;
    }
    return Spill();
  }

  Status Finish() override {
    std::lock_guard<std::mutex> lock(buffers_->mu);
    buffers_->buffers.push_back(std::move(buffer_));
    return Status::Ok();
  }

 private:
  // Writes the buffer, sorted, as one run.
  Status Spill() {
    STRATUS_ASSIGN_OR_RETURN(std::unique_ptr<SpillWriter> writer, planner_->NewSpillFile("sort"));
    for (const Batch& batch : buffer_->FinishWithKeys()) {
      STRATUS_RETURN_IF_ERROR(writer->Append(batch));
    }
    STRATUS_RETURN_IF_ERROR(writer->Close());
    {
      std::lock_guard<std::mutex> lock(buffers_->mu);
      buffers_->runs.push_back(writer->path());
    }
    return reservation_.Resize(0);
  }

  std::unique_ptr<SortBuffer> buffer_;
  std::shared_ptr<SortBuffers> buffers_;
  PhysicalPlanner* planner_;
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
        std::make_unique<SortBuffer>(node.keys, node.limit, types, context), buffers, this);
  }));
  SortBuffer all(node.keys, node.limit, types, context);
  for (const std::unique_ptr<SortBuffer>& buffer : buffers->buffers) {
    all.Absorb(*buffer);
  }
  if (buffers->runs.empty()) {
    return FromBatches(all.Finish(), TypesOf(node), true);
  }
  std::vector<std::unique_ptr<Source>> runs;
  for (const std::string& path : buffers->runs) {
    STRATUS_ASSIGN_OR_RETURN(std::unique_ptr<SpillReader> reader,
                             SpillReader::Open(spill_files(), path, all.types_with_keys()));
    runs.push_back(std::move(reader));
  }
  runs.push_back(std::make_unique<BatchVectorSource>(all.FinishWithKeys()));
  // The merge runs on the one driver that reads it (make_source is called once).
  auto merge = std::make_shared<std::unique_ptr<Source>>(
      std::make_unique<SortMergeSource>(std::move(runs), types, node.keys, node.limit));
  Pipeline pipeline;
  pipeline.make_source = [merge] {
    return std::move(*merge);
  };
  pipeline.max_drivers = 1;
  pipeline.types = TypesOf(node);
  return pipeline;
}

}  // namespace stratus::sql::exec
