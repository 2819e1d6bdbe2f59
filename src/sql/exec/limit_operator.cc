#include "sql/exec/limit_operator.h"

#include <algorithm>
#include <utility>

#include "sql/exec/row_copy.h"

namespace stratus::sql::exec {

LimitOperator::LimitOperator(std::vector<LogicalType> types,
                             uint64_t offset,
                             std::optional<uint64_t> limit)
    : Operator(std::move(types)), offset_left_(offset), limit_left_(limit) {}

Status LimitOperator::Push(Batch input) {
  size_t begin = 0;
  size_t rows = input.num_rows();
  if (offset_left_ > 0) {
    const auto skipped = static_cast<size_t>(std::min<uint64_t>(offset_left_, rows));
    offset_left_ -= skipped;
    begin = skipped;
    rows -= skipped;
  }
  if (limit_left_.has_value()) {
    rows = static_cast<size_t>(std::min<uint64_t>(*limit_left_, rows));
    *limit_left_ -= rows;
  }
  if (rows == 0) {
    return Status::Ok();
  }
  if (begin == 0 && rows == input.num_rows()) {
    pending_ = std::move(input);
  } else {
    pending_ = SubsetBatch(input, SelectionVector::Range(begin, rows));
  }
  return Status::Ok();
}

Status LimitOperator::Finish() {
  input_finished_ = true;
  return Status::Ok();
}

Result<Flow> LimitOperator::Next(Batch* out) {
  if (pending_.has_value()) {
    *out = std::move(*pending_);
    pending_.reset();
    return Flow::kOutput;
  }
  if (input_finished_ || (limit_left_.has_value() && *limit_left_ == 0)) {
    return Flow::kDone;
  }
  return Flow::kNeedInput;
}

std::string LimitOperator::Describe() const {
  return "Limit";
}

}  // namespace stratus::sql::exec
