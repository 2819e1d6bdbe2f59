#include "sql/exec/unnest_operator.h"

#include <algorithm>
#include <utility>

#include "sql/exec/expression_evaluator.h"
#include "sql/exec/row_copy.h"
#include "sql/types/value.h"

namespace stratus::sql::exec {
namespace {

constexpr int64_t kNone = -1;

// Picks child rows (kNone: NULL) into a flat vector.
Vector Pick(const Vector& child, const std::vector<int64_t>& rows) {
  std::vector<uint32_t> selected(rows.size(), 0);
  bool any_missing = false;
  for (size_t i = 0; i < rows.size(); ++i) {
    if (rows[i] == kNone) {
      any_missing = true;
    } else {
      selected[i] = static_cast<uint32_t>(rows[i]);
    }
  }
  if (child.size() == 0) {
    return MakeNullVector(child.type(), rows.size());
  }
  Vector out = child.Select(SelectionVector(std::move(selected)));
  if (any_missing) {
    for (size_t i = 0; i < rows.size(); ++i) {
      if (rows[i] == kNone) {
        out.SetNull(i, true);
      }
    }
  }
  return out;
}

}  // namespace

UnnestOperator::UnnestOperator(std::vector<LogicalType> types,
                               const plan::UnnestNode& node,
                               const functions::FunctionContext* context)
    : Operator(std::move(types)), node_(node), context_(context) {}

Status UnnestOperator::Push(Batch input) {
  const size_t rows = input.num_rows();
  std::vector<Vector> arrays;
  for (const plan::ExprPtr& array : node_.arrays) {
    STRATUS_ASSIGN_OR_RETURN(Vector value, Evaluate(*array, input, *context_));
    arrays.push_back(value.Flatten());
  }
  std::vector<uint32_t> replicate;
  std::vector<std::vector<int64_t>> elements(arrays.size());
  std::vector<int64_t> ordinality;
  for (size_t row = 0; row < rows; ++row) {
    uint32_t longest = 0;
    for (const Vector& array : arrays) {
      if (!array.IsNull(row)) {
        longest = std::max(longest, array.values<ListEntry>()[row].length);
      }
    }
    const bool pad_row = longest == 0 && node_.outer;
    const uint32_t count = pad_row ? 1 : longest;
    for (uint32_t j = 0; j < count; ++j) {
      replicate.push_back(static_cast<uint32_t>(row));
      ordinality.push_back(pad_row ? kNone : j + 1);
      for (size_t a = 0; a < arrays.size(); ++a) {
        int64_t element = kNone;
        if (!pad_row && !arrays[a].IsNull(row)) {
          const ListEntry entry = arrays[a].values<ListEntry>()[row];
          if (j < entry.length) {
            element = entry.offset + j;
          }
        }
        elements[a].push_back(element);
      }
    }
  }
  for (size_t begin = 0; begin < replicate.size(); begin += kBatchRows) {
    const size_t count = std::min(kBatchRows, replicate.size() - begin);
    const auto first = static_cast<std::ptrdiff_t>(begin);
    const auto last = static_cast<std::ptrdiff_t>(begin + count);
    const SelectionVector rows_of(
        std::vector<uint32_t>(replicate.begin() + first, replicate.begin() + last));
    std::vector<Vector> columns;
    for (size_t column : node_.replicate) {
      columns.push_back(Vector::Dictionary(input.column(column), rows_of));
    }
    for (size_t a = 0; a < arrays.size(); ++a) {
      const std::vector<int64_t> picked(elements[a].begin() + first, elements[a].begin() + last);
      const LogicalType& type = arrays[a].type();
      if (type.kind() == TypeKind::kMap) {
        columns.push_back(Pick(arrays[a].child(0), picked));
        columns.push_back(Pick(arrays[a].child(1), picked));
      } else if (type.child(0).kind() == TypeKind::kRow) {
        const Vector& rows_vector = arrays[a].child(0);
        std::vector<int64_t> field_rows = picked;
        for (int64_t& element : field_rows) {
          if (element != kNone && rows_vector.IsNull(static_cast<size_t>(element))) {
            element = kNone;
          }
        }
        for (size_t f = 0; f < rows_vector.num_children(); ++f) {
          columns.push_back(Pick(rows_vector.child(f), field_rows));
        }
      } else {
        columns.push_back(Pick(arrays[a].child(0), picked));
      }
    }
    if (node_.with_ordinality) {
      Vector positions(LogicalType::Bigint(), count);
      positions.set_size(count);
      for (size_t i = 0; i < count; ++i) {
        const int64_t position = ordinality[begin + i];
        positions.mutable_values<int64_t>()[i] = position;
        if (position == kNone) {
          positions.SetNull(i, true);
        }
      }
      columns.push_back(std::move(positions));
    }
    pending_.emplace_back(std::move(columns), count);
  }
  return Status::Ok();
}

Status UnnestOperator::Finish() {
  finished_ = true;
  return Status::Ok();
}

Result<Flow> UnnestOperator::Next(Batch* out) {
  if (!pending_.empty()) {
    *out = std::move(pending_.front());
    pending_.pop_front();
    return Flow::kOutput;
  }
  return finished_ ? Flow::kDone : Flow::kNeedInput;
}

std::string UnnestOperator::Describe() const {
  return "Unnest";
}

}  // namespace stratus::sql::exec
