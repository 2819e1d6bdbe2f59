#include "sql/exec/filter_operator.h"

#include <utility>

#include "sql/exec/expression_evaluator.h"
#include "sql/exec/row_copy.h"

namespace stratus::sql::exec {

FilterOperator::FilterOperator(std::vector<LogicalType> types,
                               plan::ExprPtr predicate,
                               const functions::FunctionContext* context)
    : Operator(std::move(types)), predicate_(std::move(predicate)), context_(context) {}

Status FilterOperator::Push(Batch input) {
  STRATUS_ASSIGN_OR_RETURN(SelectionVector selected,
                           EvaluatePredicate(*predicate_, input, *context_));
  if (selected.size() == input.num_rows()) {
    pending_ = std::move(input);
  } else if (!selected.empty()) {
    pending_ = SubsetBatch(input, selected);
  }
  return Status::Ok();
}

Status FilterOperator::Finish() {
  input_finished_ = true;
  return Status::Ok();
}

Result<Flow> FilterOperator::Next(Batch* out) {
  if (pending_.has_value()) {
    *out = std::move(*pending_);
    pending_.reset();
    return Flow::kOutput;
  }
  return input_finished_ ? Flow::kDone : Flow::kNeedInput;
}

std::string FilterOperator::Describe() const {
  return "Filter(" + plan::ToString(*predicate_) + ")";
}

}  // namespace stratus::sql::exec
