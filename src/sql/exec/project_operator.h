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

/// Computes one output column per expression.
///
/// Thread safety: none (see Operator); the context is borrowed.
class ProjectOperator final : public Operator {
 public:
  ProjectOperator(std::vector<LogicalType> types,
                  std::vector<plan::ExprPtr> expressions,
                  const functions::FunctionContext* context);

  Status Push(Batch input) override;
  Status Finish() override;
  Result<Flow> Next(Batch* out) override;
  std::string Describe() const override;

 private:
  std::vector<plan::ExprPtr> expressions_;
  const functions::FunctionContext* context_;
  std::optional<Batch> pending_;
  bool input_finished_ = false;
};

}  // namespace stratus::sql::exec
