#include "sql/exec/sort_merge.h"

#include <algorithm>
#include <utility>

#include "sql/exec/row_copy.h"

namespace stratus::sql::exec {

Result<bool> BatchVectorSource::Next(Batch* out) {
  if (next_ >= batches_.size()) {
    return false;
  }
  *out = std::move(batches_[next_++]);
  return true;
}

SortMergeSource::SortMergeSource(std::vector<std::unique_ptr<Source>> runs,
                                 std::vector<LogicalType> data_types,
                                 const std::vector<plan::SortKey>& keys,
                                 std::optional<uint64_t> limit)
    : data_types_(std::move(data_types)), keys_(keys), limit_left_(limit) {
  for (std::unique_ptr<Source>& run : runs) {
    Cursor cursor;
    cursor.run = std::move(run);
    cursors_.push_back(std::move(cursor));
  }
  for (const plan::SortKey& key : keys_) {
    compare_.push_back(RowCompareFor(key.key->type.physical_type()));
  }
}

SortMergeSource::~SortMergeSource() = default;

Status SortMergeSource::Load(Cursor& cursor) {
  cursor.row = 0;
  cursor.held = -1;
  while (true) {
    STRATUS_ASSIGN_OR_RETURN(bool more, cursor.run->Next(&cursor.batch));
    if (!more) {
      cursor.done = true;
      cursor.batch = Batch();
      return Status::Ok();
    }
    if (cursor.batch.num_rows() > 0) {
      return Status::Ok();
    }
  }
}

bool SortMergeSource::Before(size_t a, size_t b) const {
  const Cursor& x = cursors_[a];
  const Cursor& y = cursors_[b];
  const size_t first_key = data_types_.size();
  for (size_t k = 0; k < keys_.size(); ++k) {
    const Vector& kx = x.batch.column(first_key + k);
    const Vector& ky = y.batch.column(first_key + k);
    const bool null_x = kx.IsNull(x.row);
    const bool null_y = ky.IsNull(y.row);
    if (null_x || null_y) {
      if (null_x && null_y) {
        continue;
      }
      return keys_[k].nulls_first ? null_x : null_y;
    }
    const int result = compare_[k](kx, x.row, ky, y.row);
    if (result != 0) {
      return keys_[k].ascending ? result < 0 : result > 0;
    }
  }
  return a < b;
}

Result<bool> SortMergeSource::Next(Batch* out) {
  // std heap functions keep the *largest* first: order by "after".
  const auto after = [this](size_t a, size_t b) {
    return Before(b, a);
  };
  if (!started_) {
    started_ = true;
    for (size_t i = 0; i < cursors_.size(); ++i) {
      STRATUS_RETURN_IF_ERROR(Load(cursors_[i]));
      if (!cursors_[i].done) {
        heap_.push_back(i);
      }
    }
    std::make_heap(heap_.begin(), heap_.end(), after);
  }
  std::vector<Batch> held;
  std::vector<std::pair<uint32_t, uint32_t>> picks;  // (held batch, row)
  for (Cursor& cursor : cursors_) {
    cursor.held = -1;
  }
  size_t wanted = kBatchRows;
  if (limit_left_.has_value()) {
    wanted = static_cast<size_t>(std::min<uint64_t>(wanted, *limit_left_));
  }
  while (picks.size() < wanted && !heap_.empty()) {
    std::pop_heap(heap_.begin(), heap_.end(), after);
    const size_t index = heap_.back();
    heap_.pop_back();
    Cursor& cursor = cursors_[index];
    if (cursor.held < 0) {
      held.push_back(cursor.batch);
      cursor.held = static_cast<int>(held.size() - 1);
    }
    picks.emplace_back(static_cast<uint32_t>(cursor.held), static_cast<uint32_t>(cursor.row));
    if (++cursor.row == cursor.batch.num_rows()) {
      STRATUS_RETURN_IF_ERROR(Load(cursor));
    }
    if (!cursor.done) {
      heap_.push_back(index);
      std::push_heap(heap_.begin(), heap_.end(), after);
    }
  }
  if (picks.empty()) {
    return false;
  }
  if (limit_left_.has_value()) {
    *limit_left_ -= picks.size();
  }
  std::vector<Vector> columns;
  std::vector<uint32_t> rows;
  for (size_t c = 0; c < data_types_.size(); ++c) {
    Vector column(data_types_[c], picks.size());
    for (size_t i = 0; i < picks.size();) {
      // Consecutive picks from one batch are copied together.
      const uint32_t from = picks[i].first;
      rows.clear();
      for (; i < picks.size() && picks[i].first == from; ++i) {
        rows.push_back(picks[i].second);
      }
      AppendRows(held[from].column(c), rows.data(), rows.size(), false, &column);
    }
    columns.push_back(std::move(column));
  }
  *out = Batch(std::move(columns), picks.size());
  return true;
}

}  // namespace stratus::sql::exec
