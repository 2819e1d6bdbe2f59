#pragma once

#include <atomic>
#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <vector>

#include "sql/exec/operator.h"
#include "sql/planner/logical_plan.h"

namespace stratus::sql::functions {
struct FunctionContext;
}  // namespace stratus::sql::functions

namespace stratus::sql::exec {

class JoinHashTable;

/// What a join's probe drivers share: the built table, and how many probes
/// are still running (the last one to finish emits a right or full join's
/// unmatched build rows).
struct JoinShared {
  std::shared_ptr<JoinHashTable> table = nullptr;
  std::atomic<size_t> running_probes{0};
  /// Of the whole build side (a spilled join's tables hold one partition):
  /// NOT IN's rules read them.
  bool build_empty = false;
  bool build_has_null_key = false;
};

/// Probes a JoinHashTable with the left input's rows and emits what the
/// join kind asks for (planner/logical_plan.h, JoinNode): pairs of matching
/// rows (with the residual condition applied), NULL-extended rows for outer
/// joins, probe rows alone for semi and anti joins, or probe rows with a
/// mark. Output columns are dictionaries over the probe batch and the
/// build columns (no copy).
///
/// Thread safety: none (see Operator); the shared table is read-only but
/// for its atomic matched flags.
class JoinProbeOperator final : public Operator {
 public:
  /// REQUIRES: node, shared and context outlive the operator.
  JoinProbeOperator(std::vector<LogicalType> types,
                    const plan::JoinNode& node,
                    std::shared_ptr<JoinShared> shared,
                    const functions::FunctionContext* context);
  ~JoinProbeOperator() override;

  Status Push(Batch input) override;
  Status Finish() override;
  Result<Flow> Next(Batch* out) override;
  std::string Describe() const override;

 private:
  // Checks the residual condition on the collected pairs and emits matches.
  Status FlushPairs(const Batch& input);
  void EmitProbeRows(const Batch& input, const std::vector<uint32_t>& rows, bool null_build);
  void EmitMarks(const Batch& input);
  void EmitUnmatchedBuildRows();

  const plan::JoinNode& node_;
  std::shared_ptr<JoinShared> shared_;
  JoinHashTable& table_;
  const functions::FunctionContext* context_;
  size_t left_columns_;
  std::vector<LogicalType> right_types_;
  bool emits_pairs_;  // Inner, left, right, full, cross.
  std::vector<uint32_t> probe_rows_;
  std::vector<uint32_t> build_rows_;
  std::vector<uint8_t> matched_;     // Per probe row of the current batch.
  std::vector<uint8_t> null_probe_;  // Per probe row: a NULL key.
  std::deque<Batch> pending_;
  bool finished_ = false;
};

}  // namespace stratus::sql::exec
