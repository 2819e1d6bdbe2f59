#include "sql/exec/project_operator.h"

#include <utility>

#include "sql/exec/expression_evaluator.h"

namespace stratus::sql::exec {

ProjectOperator::ProjectOperator(std::vector<LogicalType> types,
                                 std::vector<plan::ExprPtr> expressions,
                                 const functions::FunctionContext* context)
    : Operator(std::move(types)), expressions_(std::move(expressions)), context_(context) {}

Status ProjectOperator::Push(Batch input) {
  std::vector<Vector> columns;
  columns.reserve(expressions_.size());
  for (const plan::ExprPtr& expression : expressions_) {
    STRATUS_ASSIGN_OR_RETURN(Vector column, Evaluate(*expression, input, *context_));
    columns.push_back(std::move(column));
  }
  pending_ = Batch(std::move(columns), input.num_rows());
  return Status::Ok();
}

Status ProjectOperator::Finish() {
  input_finished_ = true;
  return Status::Ok();
}

Result<Flow> ProjectOperator::Next(Batch* out) {
  if (pending_.has_value()) {
    *out = std::move(*pending_);
    pending_.reset();
    return Flow::kOutput;
  }
  return input_finished_ ? Flow::kDone : Flow::kNeedInput;
}

std::string ProjectOperator::Describe() const {
  std::string out = "Project(";
  for (size_t i = 0; i < expressions_.size(); ++i) {
    out += (i > 0 ? ", " : "") + plan::ToString(*expressions_[i]);
  }
  return out + ")";
}

}  // namespace stratus::sql::exec
