#include "sql/exec/limit_operator.h"

#include <algorithm>
#include <utility>

#include "sql/exec/row_copy.h"

namespace stratus::sql::exec {

LimitOperator::LimitOperator(std::vector<LogicalType> types, std::shared_ptr<LimitShared> shared)
    : Operator(std::move(types)), shared_(std::move(shared)) {}

Status LimitOperator::Push(Batch input) {
  size_t begin = 0;
  size_t rows = input.num_rows();
  {
    std::lock_guard<std::mutex> lock(shared_->mu);
    if (shared_->offset_left > 0) {
      const auto skipped = static_cast<size_t>(std::min<uint64_t>(shared_->offset_left, rows));
      shared_->offset_left -= skipped;
      begin = skipped;
      rows -= skipped;
    }
    if (shared_->limit_left.has_value()) {
      rows = static_cast<size_t>(std::min<uint64_t>(*shared_->limit_left, rows));
      *shared_->limit_left -= rows;
      exhausted_ = *shared_->limit_left == 0;
    }
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
  if (input_finished_ || exhausted_) {
    return Flow::kDone;
  }
  return Flow::kNeedInput;
}

std::string LimitOperator::Describe() const {
  return "Limit";
}

}  // namespace stratus::sql::exec
