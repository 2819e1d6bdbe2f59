#include "sql/exec/sort_buffer.h"

#include <algorithm>
#include <numeric>
#include <utility>

#include "sql/exec/expression_evaluator.h"
#include "sql/exec/row_compare.h"
#include "sql/exec/row_copy.h"

namespace stratus::sql::exec {
namespace {

size_t BatchBytes(const Batch& batch) {
  size_t bytes = 0;
  for (const Vector& column : batch.columns()) {
    bytes += batch.num_rows() * std::max<size_t>(PhysicalTypeWidth(column.physical_type()), 8);
  }
  return bytes;
}

}  // namespace

std::vector<uint32_t> SortedOrder(const std::vector<Vector>& keys,
                                  const std::vector<plan::SortKey>& specs,
                                  size_t rows,
                                  std::optional<uint64_t> limit) {
  std::vector<RowCompareFn> compare;
  std::vector<const uint64_t*> validity;
  for (const Vector& key : keys) {
    compare.push_back(RowCompareFor(key.physical_type()));
    validity.push_back(key.validity());
  }
  std::vector<uint32_t> order(rows);
  std::iota(order.begin(), order.end(), 0);
  const auto less = [&](uint32_t a, uint32_t b) {
    for (size_t k = 0; k < keys.size(); ++k) {
      const bool null_a = validity[k] != nullptr && keys[k].IsNull(a);
      const bool null_b = validity[k] != nullptr && keys[k].IsNull(b);
      if (null_a || null_b) {
        if (null_a && null_b) {
          continue;
        }
        return specs[k].nulls_first ? null_a : null_b;
      }
      const int result = compare[k](keys[k], a, keys[k], b);
      if (result != 0) {
        return specs[k].ascending ? result < 0 : result > 0;
      }
    }
    return a < b;  // Stable: ties keep input order.
  };
  if (limit.has_value() && *limit < rows) {
    const auto middle = order.begin() + static_cast<std::ptrdiff_t>(*limit);
    std::partial_sort(order.begin(), middle, order.end(), less);
    order.resize(static_cast<size_t>(*limit));
  } else {
    std::sort(order.begin(), order.end(), less);
  }
  return order;
}

SortBuffer::SortBuffer(const std::vector<plan::SortKey>& keys,
                       std::optional<uint64_t> limit,
                       std::vector<LogicalType> input_types,
                       const functions::FunctionContext* context)
    : keys_(keys), limit_(limit), input_types_(std::move(input_types)), context_(context) {}

Status SortBuffer::Add(const Batch& input) {
  std::vector<Vector> columns = input.columns();
  for (const plan::SortKey& key : keys_) {
    STRATUS_ASSIGN_OR_RETURN(Vector value, Evaluate(*key.key, input, *context_));
    columns.push_back(std::move(value));
  }
  batches_.emplace_back(std::move(columns), input.num_rows());
  num_rows_ += input.num_rows();
  memory_bytes_ += BatchBytes(batches_.back());
  if (limit_.has_value() && num_rows_ > 4 * *limit_ + kBatchRows) {
    Compact();
  }
  return Status::Ok();
}

void SortBuffer::Absorb(SortBuffer& other) {
  for (Batch& batch : other.batches_) {
    batches_.push_back(std::move(batch));
  }
  num_rows_ += other.num_rows_;
  memory_bytes_ += other.memory_bytes_;
  other.batches_.clear();
  other.num_rows_ = 0;
  other.memory_bytes_ = 0;
}

void SortBuffer::Compact() {
  std::vector<Vector> columns = ConcatenateBatches(batches_, types_with_keys());
  const std::vector<Vector> key_columns(
      columns.begin() + static_cast<std::ptrdiff_t>(input_types_.size()), columns.end());
  const std::vector<uint32_t> order = SortedOrder(key_columns, keys_, num_rows_, limit_);
  const SelectionVector rows(order);
  std::vector<Vector> sorted;
  sorted.reserve(columns.size());
  for (const Vector& column : columns) {
    sorted.push_back(column.Select(rows));
  }
  batches_.clear();
  batches_.emplace_back(std::move(sorted), order.size());
  num_rows_ = order.size();
  memory_bytes_ = BatchBytes(batches_.back());
}

std::vector<LogicalType> SortBuffer::types_with_keys() const {
  std::vector<LogicalType> types = input_types_;
  for (const plan::SortKey& key : keys_) {
    types.push_back(key.key->type);
  }
  return types;
}

std::vector<Batch> SortBuffer::FinishWithKeys() {
  Compact();
  std::vector<Batch> out;
  if (batches_.empty()) {
    return out;
  }
  const Batch& all = batches_.front();
  for (size_t begin = 0; begin < num_rows_; begin += kBatchRows) {
    out.push_back(all.Slice(begin, std::min(kBatchRows, num_rows_ - begin)));
  }
  batches_.clear();
  num_rows_ = 0;
  memory_bytes_ = 0;
  return out;
}

std::vector<Batch> SortBuffer::Finish() {
  std::vector<Batch> out = FinishWithKeys();
  for (Batch& batch : out) {
    std::vector<Vector>& columns = batch.columns();
    columns.resize(input_types_.size());
    batch = Batch(std::move(columns), batch.num_rows());
  }
  return out;
}

}  // namespace stratus::sql::exec
