#pragma once

#include <deque>
#include <string>
#include <vector>

#include "sql/exec/operator.h"
#include "sql/planner/logical_plan.h"

namespace stratus::sql::functions {
struct FunctionContext;
}  // namespace stratus::sql::functions

namespace stratus::sql::exec {

/// CROSS JOIN UNNEST (planner/logical_plan.h, UnnestNode): for each input
/// row, one output row per element of its longest array (shorter arrays and
/// NULLs padded with NULL), the replicated columns first; maps give a key and
/// a value column, arrays of rows one column per field; WITH ORDINALITY adds
/// the 1-based position; with `outer` a row whose arrays are all empty or
/// NULL gives one row of NULLs instead of none.
///
/// Thread safety: none (see Operator); borrows the node and context.
class UnnestOperator final : public Operator {
 public:
  UnnestOperator(std::vector<LogicalType> types,
                 const plan::UnnestNode& node,
                 const functions::FunctionContext* context);

  Status Push(Batch input) override;
  Status Finish() override;
  Result<Flow> Next(Batch* out) override;
  std::string Describe() const override;

 private:
  const plan::UnnestNode& node_;
  const functions::FunctionContext* context_;
  std::deque<Batch> pending_;
  bool finished_ = false;
};

}  // namespace stratus::sql::exec
