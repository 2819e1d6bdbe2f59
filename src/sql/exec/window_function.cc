#include "sql/exec/window_function.h"

#include <algorithm>
#include <cstddef>
#include <utility>

#include "sql/exec/expression_evaluator.h"
#include "sql/exec/row_compare.h"
#include "sql/exec/row_copy.h"
#include "sql/exec/sort_buffer.h"
#include "sql/functions/function.h"
#include "sql/types/sql_error.h"
#include "sql/types/value.h"

namespace stratus::sql::exec {
namespace {

using functions::WindowFunctionKind;
using plan::FrameBoundKind;

// The sorted rows of one call and where its partitions and peer groups start.
struct Ordering {
  std::vector<uint32_t> order;          // Sorted position → input row.
  std::vector<size_t> partition_end;    // Per sorted position.
  std::vector<size_t> partition_start;  // Per sorted position.
  std::vector<size_t> peer_start;       // Per sorted position.
  std::vector<size_t> peer_end;         // Per sorted position.
};

Result<std::vector<Vector>> EvaluateAll(const std::vector<plan::ExprPtr>& exprs,
                                        const std::vector<Batch>& batches,
                                        size_t num_rows,
                                        const functions::FunctionContext& context) {
  std::vector<Vector> out;
  for (const plan::ExprPtr& expr : exprs) {
    Vector column(expr->type, num_rows);
    for (const Batch& batch : batches) {
      STRATUS_ASSIGN_OR_RETURN(Vector value, Evaluate(*expr, batch, context));
      AppendRows(value, nullptr, batch.num_rows(), false, &column);
    }
    out.push_back(std::move(column));
  }
  return out;
}

bool SameKeys(const std::vector<Vector>& keys,
              const std::vector<RowEqualFn>& equal,
              size_t a,
              size_t b) {
  for (size_t k = 0; k < keys.size(); ++k) {
    if (!equal[k](keys[k], a, keys[k], b)) {
      return false;
    }
  }
  return true;
}

Ordering Order(const std::vector<Vector>& partition,
               const std::vector<Vector>& order_keys,
               const std::vector<plan::SortKey>& order_specs,
               size_t num_rows) {
  std::vector<Vector> keys = partition;
  keys.insert(keys.end(), order_keys.begin(), order_keys.end());
  std::vector<plan::SortKey> specs(partition.size());
  specs.insert(specs.end(), order_specs.begin(), order_specs.end());
  Ordering ordering;
  ordering.order = SortedOrder(keys, specs, num_rows, std::nullopt);
  std::vector<RowEqualFn> partition_equal;
  for (const Vector& key : partition) {
    partition_equal.push_back(RowEqualFor(key.physical_type()));
  }
  std::vector<RowEqualFn> order_equal;
  for (const Vector& key : order_keys) {
    order_equal.push_back(RowEqualFor(key.physical_type()));
  }
  const std::vector<uint32_t>& order = ordering.order;
  ordering.partition_start.resize(num_rows);
  ordering.peer_start.resize(num_rows);
  for (size_t pos = 0; pos < num_rows; ++pos) {
    const bool new_partition =
        pos == 0 || !SameKeys(partition, partition_equal, order[pos - 1], order[pos]);
    const bool new_peer =
        new_partition || !SameKeys(order_keys, order_equal, order[pos - 1], order[pos]);
    ordering.partition_start[pos] = new_partition ? pos : ordering.partition_start[pos - 1];
    ordering.peer_start[pos] = new_peer ? pos : ordering.peer_start[pos - 1];
  }
  ordering.partition_end.resize(num_rows);
  ordering.peer_end.resize(num_rows);
  for (size_t pos = num_rows; pos-- > 0;) {
    const bool last_of_partition =
        pos + 1 == num_rows || ordering.partition_start[pos + 1] != ordering.partition_start[pos];
    const bool last_of_peers =
        pos + 1 == num_rows || ordering.peer_start[pos + 1] != ordering.peer_start[pos];
    ordering.partition_end[pos] = last_of_partition ? pos + 1 : ordering.partition_end[pos + 1];
    ordering.peer_end[pos] = last_of_peers ? pos + 1 : ordering.peer_end[pos + 1];
  }
  return ordering;
}

Result<int64_t> ConstantOffset(const plan::FrameBound& bound,
                               const functions::FunctionContext& context) {
  if (bound.offset == nullptr) {
    return int64_t{0};
  }
  STRATUS_ASSIGN_OR_RETURN(Value value, EvaluateConstant(*bound.offset, context));
  if (value.is_null() || value.int64_value() < 0) {
    return SqlError(kInvalidFunctionArgument, "Window frame offset must not be negative or null");
  }
  return value.int64_value();
}

// The frame of sorted position `pos` as sorted positions [first, last).
struct FrameRange {
  size_t first = 0;
  size_t last = 0;
};

class FrameComputer {
 public:
  static Result<FrameComputer> Make(const plan::WindowFrame& frame,
                                    const functions::FunctionContext& context) {
    FrameComputer computer;
    computer.frame_ = frame;
    if (frame.unit == plan::FrameUnit::kGroups) {
      return SqlError(kNotSupported, "GROUPS window frames are not supported");
    }
    const auto has_offset = [](const plan::FrameBound& bound) {
      return bound.kind == FrameBoundKind::kPreceding || bound.kind == FrameBoundKind::kFollowing;
    };
    if (frame.unit == plan::FrameUnit::kRange &&
        (has_offset(frame.start) || has_offset(frame.end))) {
      return SqlError(kNotSupported, "RANGE window frames with offsets are not supported");
    }
    STRATUS_ASSIGN_OR_RETURN(computer.start_offset_, ConstantOffset(frame.start, context));
    STRATUS_ASSIGN_OR_RETURN(computer.end_offset_, ConstantOffset(frame.end, context));
    return computer;
  }

  FrameRange Frame(const Ordering& ordering, size_t pos) const {
    const size_t begin = ordering.partition_start[pos];
    const size_t end = ordering.partition_end[pos];
    const bool rows = frame_.unit == plan::FrameUnit::kRows;
    FrameRange range;
    range.first = Bound(frame_.start.kind, start_offset_, rows ? pos : ordering.peer_start[pos],
                        pos, begin, end, true);
    range.last = Bound(frame_.end.kind, end_offset_, rows ? pos + 1 : ordering.peer_end[pos], pos,
                       begin, end, false);
    if (range.last < range.first) {
      range.last = range.first;
    }
    return range;
  }

  bool running() const {
    return frame_.start.kind == FrameBoundKind::kUnboundedPreceding &&
           frame_.end.kind == FrameBoundKind::kCurrentRow;
  }

  bool whole_partition() const {
    return frame_.start.kind == FrameBoundKind::kUnboundedPreceding &&
           frame_.end.kind == FrameBoundKind::kUnboundedFollowing;
  }

 private:
  static size_t Bound(FrameBoundKind kind,
                      int64_t offset,
                      size_t current,
                      size_t pos,
                      size_t begin,
                      size_t end,
                      bool is_start) {
    const auto signed_pos = static_cast<int64_t>(pos);
    int64_t value = 0;
    switch (kind) {
      case FrameBoundKind::kUnboundedPreceding:
        return begin;
      case FrameBoundKind::kUnboundedFollowing:
        return end;
      case FrameBoundKind::kCurrentRow:
        return current;
      case FrameBoundKind::kPreceding:
        value = signed_pos - offset + (is_start ? 0 : 1);
        break;
      case FrameBoundKind::kFollowing:
        value = signed_pos + offset + (is_start ? 0 : 1);
        break;
    }
    return static_cast<size_t>(
        std::clamp<int64_t>(value, static_cast<int64_t>(begin), static_cast<int64_t>(end)));
  }

  plan::WindowFrame frame_;
  int64_t start_offset_ = 0;
  int64_t end_offset_ = 0;
};

int64_t IntAt(const Vector& vector, size_t row) {
  return vector.GetValue(row).int64_value();
}

// Picks, for each row, the input row its value comes from (-1: none).
Vector Gather(const Vector& values, const std::vector<int64_t>& source, const Vector* defaults) {
  std::vector<uint32_t> rows(source.size());
  std::vector<uint32_t> missing;
  for (size_t i = 0; i < source.size(); ++i) {
    if (source[i] < 0) {
      missing.push_back(static_cast<uint32_t>(i));
    } else {
      rows[i] = static_cast<uint32_t>(source[i]);
    }
  }
  Vector out = values.size() == 0 ? MakeNullVector(values.type(), source.size())
                                  : values.Select(SelectionVector(std::move(rows)));
  if (missing.empty()) {
    return out;
  }
  const SelectionVector missing_rows(std::move(missing));
  if (defaults != nullptr) {
    ScatterRows(defaults->Select(missing_rows), missing_rows, &out);
  } else {
    for (size_t i = 0; i < missing_rows.size(); ++i) {
      out.SetNull(missing_rows[i], true);
    }
  }
  return out;
}

Result<Vector> Ranking(const functions::WindowBinding& binding,
                       const Ordering& ordering,
                       const std::vector<Vector>& args,
                       size_t num_rows) {
  Vector out(binding.return_type, num_rows);
  out.set_size(num_rows);
  const bool is_double = binding.return_type.kind() == TypeKind::kDouble;
  int64_t dense = 0;
  for (size_t pos = 0; pos < num_rows; ++pos) {
    const size_t begin = ordering.partition_start[pos];
    const size_t size = ordering.partition_end[pos] - begin;
    const uint32_t row = ordering.order[pos];
    if (pos == begin) {
      dense = 0;
    }
    if (ordering.peer_start[pos] == pos) {
      ++dense;
    }
    const auto rank = static_cast<int64_t>(ordering.peer_start[pos] - begin + 1);
    double real = 0;
    int64_t integer = 0;
    switch (binding.kind) {
      case WindowFunctionKind::kRowNumber:
        integer = static_cast<int64_t>(pos - begin + 1);
        break;
      case WindowFunctionKind::kRank:
        integer = rank;
        break;
      case WindowFunctionKind::kDenseRank:
        integer = dense;
        break;
      case WindowFunctionKind::kPercentRank:
        real = size <= 1 ? 0.0 : static_cast<double>(rank - 1) / static_cast<double>(size - 1);
        break;
      case WindowFunctionKind::kCumeDist:
        real = static_cast<double>(ordering.peer_end[pos] - begin) / static_cast<double>(size);
        break;
      case WindowFunctionKind::kNtile: {
        if (args.empty() || args[0].IsNull(row)) {
          out.SetNull(row, true);
          continue;
        }
        const int64_t buckets = IntAt(args[0], row);
        if (buckets <= 0) {
          return SqlError(kInvalidFunctionArgument, "Buckets must be greater than 0");
        }
        const auto n = static_cast<int64_t>(size);
        const auto i = static_cast<int64_t>(pos - begin);
        const int64_t base = n / buckets;
        const int64_t extra = n % buckets;
        // The first `extra` buckets hold base + 1 rows.
        const int64_t big_rows = extra * (base + 1);
        integer =
            i < big_rows ? i / (base + 1) + 1 : extra + (base == 0 ? 0 : (i - big_rows) / base) + 1;
        break;
      }
      default:
        return Status::Internal("not a ranking function");
    }
    if (is_double) {
      out.mutable_values<double>()[row] = real;
    } else {
      out.mutable_values<int64_t>()[row] = integer;
    }
  }
  return out;
}

// Returns the sorted position `count` non-NULL rows of `values` away from
// `pos` in direction `step` (+1 or -1) within [begin, end), or -1.
int64_t StepOverNulls(const Vector& values,
                      const Ordering& ordering,
                      int64_t pos,
                      int64_t step,
                      int64_t count,
                      int64_t begin,
                      int64_t end) {
  int64_t at = pos;
  while (count > 0) {
    at += step;
    if (at < begin || at >= end) {
      return -1;
    }
    if (!values.IsNull(ordering.order[static_cast<size_t>(at)])) {
      --count;
    }
  }
  return at;
}

// Returns the sorted position whose value a navigation function takes for
// the row at `pos`, or -1 (NULL, or lag/lead's default).
Result<int64_t> NavigationTarget(const plan::WindowCall& call,
                                 const Ordering& ordering,
                                 const std::vector<Vector>& args,
                                 const FrameComputer& frames,
                                 size_t pos) {
  const WindowFunctionKind kind = call.window_function->kind;
  const uint32_t row = ordering.order[pos];
  const auto current = static_cast<int64_t>(pos);
  if (kind == WindowFunctionKind::kLag || kind == WindowFunctionKind::kLead) {
    int64_t offset = 1;
    if (args.size() > 1) {
      if (args[1].IsNull(row)) {
        return -1;
      }
      offset = IntAt(args[1], row);
    }
    const int64_t step = kind == WindowFunctionKind::kLag ? -1 : 1;
    const auto begin = static_cast<int64_t>(ordering.partition_start[pos]);
    const auto end = static_cast<int64_t>(ordering.partition_end[pos]);
    if (call.ignore_nulls && offset > 0) {
      return StepOverNulls(args[0], ordering, current, step, offset, begin, end);
    }
    const int64_t target = current + step * offset;
    return target < begin || target >= end ? -1 : target;
  }
  const FrameRange frame = frames.Frame(ordering, pos);
  const auto first = static_cast<int64_t>(frame.first);
  const auto last = static_cast<int64_t>(frame.last);
  if (first >= last) {
    return -1;
  }
  if (kind == WindowFunctionKind::kFirstValue) {
    return call.ignore_nulls ? StepOverNulls(args[0], ordering, first - 1, 1, 1, first, last)
                             : first;
  }
  if (kind == WindowFunctionKind::kLastValue) {
    return call.ignore_nulls ? StepOverNulls(args[0], ordering, last, -1, 1, first, last)
                             : last - 1;
  }
  if (args.size() < 2 || args[1].IsNull(row)) {
    return -1;
  }
  const int64_t nth = IntAt(args[1], row);
  if (nth <= 0) {
    return SqlError(kInvalidFunctionArgument, "Argument must be greater than zero");
  }
  if (call.ignore_nulls) {
    return StepOverNulls(args[0], ordering, first - 1, 1, nth, first, last);
  }
  return first + nth - 1 < last ? first + nth - 1 : -1;
}

Result<Vector> Navigation(const plan::WindowCall& call,
                          const Ordering& ordering,
                          const std::vector<Vector>& args,
                          size_t num_rows,
                          const functions::FunctionContext& context) {
  const WindowFunctionKind kind = call.window_function->kind;
  std::vector<int64_t> source(num_rows, -1);
  STRATUS_ASSIGN_OR_RETURN(FrameComputer frames, FrameComputer::Make(call.frame, context));
  for (size_t pos = 0; pos < num_rows; ++pos) {
    STRATUS_ASSIGN_OR_RETURN(int64_t target, NavigationTarget(call, ordering, args, frames, pos));
    if (target >= 0) {
      source[ordering.order[pos]] = ordering.order[static_cast<size_t>(target)];
    }
  }
  const bool with_default =
      (kind == WindowFunctionKind::kLag || kind == WindowFunctionKind::kLead) && args.size() > 2;
  if (!with_default) {
    return Gather(args[0], source, nullptr);
  }
  // Rows whose offset leaves the partition take the default; a NULL offset gives NULL.
  std::vector<int64_t> null_offset(num_rows, 0);
  for (size_t row = 0; row < num_rows; ++row) {
    null_offset[row] = args[1].IsNull(row) ? 1 : 0;
  }
  Vector out = Gather(args[0], source, &args[2]);
  for (size_t row = 0; row < num_rows; ++row) {
    if (null_offset[row] != 0) {
      out.SetNull(row, true);
    }
  }
  return out;
}

// A state for one aggregate, aligned as AggregateKernel asks.
class AggregateState {
 public:
  explicit AggregateState(const functions::AggregateKernel& kernel)
      : kernel_(kernel), storage_((kernel.state_size() + 15) / 16 + 1) {
    kernel_.Initialize(data());
  }

  ~AggregateState() {
    if (kernel_.needs_destroy()) {
      kernel_.Destroy(data());
    }
  }

  AggregateState(const AggregateState&) = delete;
  AggregateState& operator=(const AggregateState&) = delete;

  uint8_t* data() { return reinterpret_cast<uint8_t*>(storage_.data()); }

  Status Update(const std::vector<Vector>& args, const std::vector<uint32_t>& rows) {
    if (rows.empty()) {
      return Status::Ok();
    }
    const SelectionVector selected(rows);
    std::vector<Vector> subset;
    subset.reserve(args.size());
    for (const Vector& arg : args) {
      subset.push_back(Vector::Dictionary(arg, selected));
    }
    std::vector<uint8_t*> states(rows.size(), data());
    return kernel_.Update(subset, rows.size(), states.data());
  }

 private:
  const functions::AggregateKernel& kernel_;
  std::vector<Int128> storage_;
};

Result<Vector> FrameAggregate(const plan::WindowCall& call,
                              const Ordering& ordering,
                              const std::vector<Vector>& args,
                              size_t num_rows,
                              const functions::FunctionContext& context) {
  const functions::AggregateBinding& binding = *call.aggregate;
  const functions::AggregateKernel& kernel = *binding.kernel;
  STRATUS_ASSIGN_OR_RETURN(FrameComputer frames, FrameComputer::Make(call.frame, context));
  Vector out(binding.return_type, num_rows);
  out.set_size(num_rows);
  const std::vector<uint32_t>& order = ordering.order;
  const bool rows_unit = call.frame.unit == plan::FrameUnit::kRows;
  if (frames.running() || frames.whole_partition()) {
    for (size_t begin = 0; begin < num_rows; begin = ordering.partition_end[begin]) {
      const size_t end = ordering.partition_end[begin];
      AggregateState state(kernel);
      size_t pos = begin;
      while (pos < end) {
        // The rows that enter the frame together: one row, a peer group, or all.
        size_t step_end = end;
        if (frames.running()) {
          step_end = rows_unit ? pos + 1 : ordering.peer_end[pos];
        }
        STRATUS_RETURN_IF_ERROR(state.Update(
            args, std::vector<uint32_t>(order.begin() + static_cast<std::ptrdiff_t>(pos),
                                        order.begin() + static_cast<std::ptrdiff_t>(step_end))));
        for (size_t p = pos; p < step_end; ++p) {
          STRATUS_RETURN_IF_ERROR(kernel.Finalize(state.data(), &out, order[p]));
        }
        pos = step_end;
      }
    }
    return out;
  }
  for (size_t pos = 0; pos < num_rows; ++pos) {
    const FrameRange frame = frames.Frame(ordering, pos);
    AggregateState state(kernel);
    STRATUS_RETURN_IF_ERROR(state.Update(
        args, std::vector<uint32_t>(order.begin() + static_cast<std::ptrdiff_t>(frame.first),
                                    order.begin() + static_cast<std::ptrdiff_t>(frame.last))));
    STRATUS_RETURN_IF_ERROR(kernel.Finalize(state.data(), &out, order[pos]));
  }
  return out;
}

}  // namespace

Result<Vector> EvaluateWindowCall(const plan::WindowCall& call,
                                  const std::vector<Batch>& batches,
                                  size_t num_rows,
                                  const functions::FunctionContext& context) {
  STRATUS_ASSIGN_OR_RETURN(std::vector<Vector> partition,
                           EvaluateAll(call.partition_by, batches, num_rows, context));
  std::vector<plan::ExprPtr> order_exprs;
  for (const plan::SortKey& key : call.order_by) {
    order_exprs.push_back(key.key);
  }
  STRATUS_ASSIGN_OR_RETURN(std::vector<Vector> order_keys,
                           EvaluateAll(order_exprs, batches, num_rows, context));
  STRATUS_ASSIGN_OR_RETURN(std::vector<Vector> args,
                           EvaluateAll(call.args, batches, num_rows, context));
  const Ordering ordering = Order(partition, order_keys, call.order_by, num_rows);
  if (call.aggregate != nullptr) {
    return FrameAggregate(call, ordering, args, num_rows, context);
  }
  switch (call.window_function->kind) {
    case WindowFunctionKind::kLag:
    case WindowFunctionKind::kLead:
    case WindowFunctionKind::kFirstValue:
    case WindowFunctionKind::kLastValue:
    case WindowFunctionKind::kNthValue:
      return Navigation(call, ordering, args, num_rows, context);
    default:
      return Ranking(*call.window_function, ordering, args, num_rows);
  }
}

}  // namespace stratus::sql::exec
