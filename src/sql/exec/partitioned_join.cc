#include "sql/exec/partitioned_join.h"

#include <utility>

#include "sql/exec/join_hash_table.h"
#include "sql/exec/join_probe_operator.h"
#include "sql/exec/physical_planner.h"
#include "sql/exec/row_copy.h"
#include "sql/exec/spill_file.h"
#include "sql/exec/vector_hash.h"

namespace stratus::sql::exec {

PartitionWriter::PartitionWriter(PhysicalPlanner* planner, std::string kind, bool build)
    : planner_(planner), kind_(std::move(kind)), build_(build) {}

PartitionWriter::~PartitionWriter() = default;

Status PartitionWriter::Write(const Batch& batch, const std::vector<Vector>& keys) {
  const size_t rows = batch.num_rows();
  std::vector<uint64_t> hashes(rows, 0);
  for (size_t c = 0; c < keys.size(); ++c) {
    HashColumn(keys[c], rows, c > 0, hashes.data());
    if (build_ && !null_key_ && keys[c].validity() != nullptr) {
      for (size_t row = 0; row < rows && !null_key_; ++row) {
        null_key_ = keys[c].IsNull(row);
      }
    }
  }
  std::array<std::vector<uint32_t>, kJoinPartitions> rows_of;
  for (size_t row = 0; row < rows; ++row) {
    rows_of[JoinPartitionOf(hashes[row])].push_back(static_cast<uint32_t>(row));
  }
  for (size_t p = 0; p < kJoinPartitions; ++p) {
    if (rows_of[p].empty()) {
      continue;
    }
    if (writers_[p] == nullptr) {
      STRATUS_ASSIGN_OR_RETURN(writers_[p], planner_->NewSpillFile(kind_));
    }
    STRATUS_RETURN_IF_ERROR(
        writers_[p]->Append(SubsetBatch(batch, SelectionVector(std::move(rows_of[p])))));
  }
  rows_ += rows;
  return Status::Ok();
}

Status PartitionWriter::Close(JoinSpillFiles& files) {
  for (size_t p = 0; p < kJoinPartitions; ++p) {
    if (writers_[p] != nullptr) {
      STRATUS_RETURN_IF_ERROR(writers_[p]->Close());
    }
  }
  std::lock_guard<std::mutex> lock(files.mu);
  for (size_t p = 0; p < kJoinPartitions; ++p) {
    if (writers_[p] != nullptr) {
      (build_ ? files.build : files.probe)[p].push_back(writers_[p]->path());
      writers_[p].reset();
    }
  }
  if (build_) {
    files.build_rows += rows_;
    files.build_has_null_key = files.build_has_null_key || null_key_;
  }
  return Status::Ok();
}

PartitionedJoinSource::PartitionedJoinSource(const plan::JoinNode& node,
                                             std::shared_ptr<JoinSpillFiles> files,
                                             std::shared_ptr<std::atomic<size_t>> next_partition,
                                             PhysicalPlanner* planner,
                                             const functions::FunctionContext* context)
    : node_(node),
      files_(std::move(files)),
      next_partition_(std::move(next_partition)),
      planner_(planner),
      context_(context),
      output_types_(TypesOf(node)) {}

PartitionedJoinSource::~PartitionedJoinSource() = default;

Result<bool> PartitionedJoinSource::StartPartition() {
  const size_t partition = next_partition_->fetch_add(1);
  if (partition >= kJoinPartitions) {
    return false;
  }
  std::vector<LogicalType> build_types = TypesOf(*node_.inputs[1]);
  const size_t num_columns = build_types.size();
  for (const plan::ExprPtr& key : node_.right_keys) {
    build_types.push_back(key->type);
  }
  std::vector<Batch> batches;
  size_t num_rows = 0;
  for (const std::string& path : files_->build[partition]) {
    STRATUS_ASSIGN_OR_RETURN(std::unique_ptr<SpillReader> reader,
                             SpillReader::Open(planner_->spill_files(), path, build_types));
    Batch batch;
    while (true) {
      STRATUS_ASSIGN_OR_RETURN(bool more, reader->Next(&batch));
      if (!more) {
        break;
      }
      num_rows += batch.num_rows();
      batches.push_back(std::move(batch));
    }
  }
  std::vector<Vector> columns = ConcatenateBatches(batches, build_types);
  batches.clear();
  std::vector<Vector> keys(
      std::make_move_iterator(columns.begin() + static_cast<std::ptrdiff_t>(num_columns)),
      std::make_move_iterator(columns.end()));
  columns.resize(num_columns);
  auto shared = std::make_shared<JoinShared>();
  shared->table = std::make_shared<JoinHashTable>(std::move(columns), std::move(keys), num_rows);
  shared->build_empty = files_->build_rows == 0;
  shared->build_has_null_key = files_->build_has_null_key;
  probe_ = std::make_unique<JoinProbeOperator>(output_types_, node_, shared, context_);
  probe_runs_.clear();
  probe_run_ = 0;
  const std::vector<LogicalType> probe_types = TypesOf(*node_.inputs[0]);
  for (const std::string& path : files_->probe[partition]) {
    STRATUS_ASSIGN_OR_RETURN(std::unique_ptr<SpillReader> reader,
                             SpillReader::Open(planner_->spill_files(), path, probe_types));
    probe_runs_.push_back(std::move(reader));
  }
  return true;
}

Status PartitionedJoinSource::Drain() {
  Batch out;
  while (true) {
    STRATUS_ASSIGN_OR_RETURN(Flow flow, probe_->Next(&out));
    if (flow != Flow::kOutput) {
      return Status::Ok();
    }
    pending_.push_back(std::move(out));
    out = Batch();
  }
}

Result<bool> PartitionedJoinSource::Next(Batch* out) {
  while (true) {
    if (!pending_.empty()) {
      *out = std::move(pending_.front());
      pending_.pop_front();
      return true;
    }
    if (probe_ == nullptr) {
      STRATUS_ASSIGN_OR_RETURN(bool started, StartPartition());
      if (!started) {
        return false;
      }
      continue;
    }
    if (probe_run_ < probe_runs_.size()) {
      Batch batch;
      STRATUS_ASSIGN_OR_RETURN(bool more, probe_runs_[probe_run_]->Next(&batch));
      if (!more) {
        ++probe_run_;
      } else if (batch.num_rows() > 0) {
        STRATUS_RETURN_IF_ERROR(probe_->Push(std::move(batch)));
        STRATUS_RETURN_IF_ERROR(Drain());
      }
      continue;
    }
    // The partition's probe rows are done: outer joins emit unmatched build rows.
    STRATUS_RETURN_IF_ERROR(probe_->Finish());
    STRATUS_RETURN_IF_ERROR(Drain());
    probe_.reset();
  }
}

}  // namespace stratus::sql::exec
