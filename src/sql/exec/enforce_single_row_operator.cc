#include "sql/exec/enforce_single_row_operator.h"

#include <utility>

#include "sql/exec/row_copy.h"
#include "sql/types/sql_error.h"

namespace stratus::sql::exec {

EnforceSingleRowOperator::EnforceSingleRowOperator(std::vector<LogicalType> types)
    : Operator(std::move(types)) {}

Status EnforceSingleRowOperator::Push(Batch input) {
  if (input.num_rows() == 0) {
    return Status::Ok();
  }
  if (row_.has_value() || input.num_rows() > 1) {
    return SqlError(kSubqueryMultipleRows, "Scalar sub-query has returned multiple rows");
  }
  row_ = std::move(input);
  return Status::Ok();
}

Status EnforceSingleRowOperator::Finish() {
  finished_ = true;
  if (!row_.has_value()) {
    std::vector<Vector> columns;
    for (const LogicalType& type : output_types()) {
      columns.push_back(MakeNullVector(type, 1));
    }
    row_ = Batch(std::move(columns), 1);
  }
  return Status::Ok();
}

Result<Flow> EnforceSingleRowOperator::Next(Batch* out) {
  if (!finished_) {
    return Flow::kNeedInput;
  }
  if (!emitted_) {
    emitted_ = true;
    *out = std::move(*row_);
    return Flow::kOutput;
  }
  return Flow::kDone;
}

std::string EnforceSingleRowOperator::Describe() const {
  return "EnforceSingleRow";
}

}  // namespace stratus::sql::exec
