#pragma once

#include <optional>
#include <string>
#include <vector>

#include "sql/exec/operator.h"
#include "sql/planner/expr.h"

namespace stratus::sql::functions {
struct FunctionContext;
}  // namespace stratus::sql::functions

namespace stratus::sql::exec {

/// Keeps the rows for which `predicate` is TRUE; FALSE and NULL drop the row.
/// Kept rows are passed on as dictionary vectors over the input (no copy).
///
/// Thread safety: none (see Operator); the context is borrowed.
class FilterOperator final : public Operator {
 public:
  FilterOperator(std::vector<LogicalType> types,
                 plan::ExprPtr predicate,
                 const functions::FunctionContext* context);

  Status Push(Batch input) override;
  Status Finish() override;
  Result<Flow> Next(Batch* out) override;
  std::string Describe() const override;

 private:
  plan::ExprPtr predicate_;
  const functions::FunctionContext* context_;
  std::optional<Batch> pending_;  // Filtered rows not yet handed to Next().
  bool input_finished_ = false;
};

}  // namespace stratus::sql::exec
