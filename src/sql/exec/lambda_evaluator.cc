#include "sql/exec/lambda_evaluator.h"

#include <algorithm>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "base/format.h"
#include "sql/exec/expression_evaluator.h"
#include "sql/exec/row_compare.h"
#include "sql/exec/row_copy.h"
#include "sql/exec/vector_hash.h"
#include "sql/functions/function.h"
#include "sql/planner/expr.h"
#include "sql/types/sql_error.h"
#include "sql/types/value.h"

namespace stratus::sql::exec {
namespace {

using plan::Expr;
using plan::ExprKind;

// Above this many comparator pairs per evaluation array_sort evaluates the
// comparator lazily, one pair at a time.
constexpr size_t kMaxComparatorPairs = size_t{1} << 20;

// Marks the input columns a lambda body reads: its kColumn nodes, and its
// lambda variables past the `shift` parameters in scope (an enclosing
// lambda's parameters, which are the input's last columns).
void MarkUsedColumns(const Expr& expr, size_t shift, std::vector<bool>* used) {
  const size_t columns = used->size();
  switch (expr.kind) {
    case ExprKind::kColumn:
      if (expr.column < columns) {
        (*used)[expr.column] = true;
      }
      return;
    case ExprKind::kLambdaVariable:
      if (expr.column >= shift && expr.column - shift < columns) {
        (*used)[columns - 1 - (expr.column - shift)] = true;
      }
      return;
    case ExprKind::kLambda:
      MarkUsedColumns(*expr.args[0], shift + expr.column, used);
      return;
    default:
      for (const plan::ExprPtr& arg : expr.args) {
        MarkUsedColumns(*arg, shift, used);
      }
  }
}

// Runs `lambda` once for each element: element e belongs to input row
// owner[e], and parameters[i] holds parameter i of every element.
Result<Vector> ApplyLambda(const Expr& lambda,
                           const Batch& input,
                           const std::vector<uint32_t>& owner,
                           std::vector<Vector> parameters,
                           const functions::FunctionContext& context) {
  const size_t elements = owner.size();
  if (elements == 0) {
    Vector empty(lambda.type, 0);
    empty.set_size(0);
    return empty;
  }
  std::vector<bool> used(input.num_columns(), false);
  MarkUsedColumns(*lambda.args[0], lambda.column, &used);
  std::vector<Vector> columns;
  columns.reserve(input.num_columns() + parameters.size());
  for (size_t c = 0; c < input.num_columns(); ++c) {
    const Vector& column = input.column(c);
    if (!used[c]) {
      columns.push_back(Vector::Constant(Value::Null(column.type()), elements));
    } else if (column.encoding() == VectorEncoding::kConstant) {
      columns.push_back(Vector::Constant(column.GetValue(0), elements));
    } else {
      columns.push_back(Vector::Dictionary(column, SelectionVector(owner)));
    }
  }
  for (Vector& parameter : parameters) {
    columns.push_back(std::move(parameter));
  }
  return Evaluate(*lambda.args[0], Batch(std::move(columns), elements), context);
}

// The elements of a batch's arrays (or maps) in row order: element e is
// child row index[e] of row owner[e]; rows[r] is where row r's elements start
// in that order and how many it has (length 0 for a NULL row).
struct Elements {
  Vector flat;  // The arrays or maps, flat.
  std::vector<uint32_t> owner = {};
  std::vector<uint32_t> index = {};
  std::vector<ListEntry> rows = {};
};

Elements CollectElements(const Vector& nested, size_t num_rows) {
  Elements out;
  out.flat = nested.Flatten();
  out.rows.resize(num_rows);
  const ListEntry* entries = out.flat.values<ListEntry>();
  for (size_t r = 0; r < num_rows; ++r) {
    out.rows[r].offset = static_cast<uint32_t>(out.owner.size());
    if (out.flat.IsNull(r)) {
      continue;
    }
    out.rows[r].length = entries[r].length;
    for (uint32_t i = 0; i < entries[r].length; ++i) {
      out.owner.push_back(static_cast<uint32_t>(r));
      out.index.push_back(entries[r].offset + i);
    }
  }
  return out;
}

// Child `child` of the elements' arrays, element by element.
Vector ElementsOf(const Elements& elements, size_t child) {
  return Vector::Dictionary(elements.flat.child(child), SelectionVector(elements.index));
}

// Returns a vector of `count` rows whose row positions[i] is source row i and
// the other rows NULL.
Vector Spread(const Vector& source, const std::vector<uint32_t>& positions, size_t count) {
  Vector out = MakeNullVector(source.type(), count);
  if (!positions.empty()) {
    ScatterRows(source, SelectionVector(positions), &out);
  }
  return out;
}

// Builds an array or map vector of `type`: row r holds children rows
// rows[r] (NULL where the source row `nulls_from` is NULL).
Vector MakeNested(const LogicalType& type,
                  const std::vector<ListEntry>& rows,
                  const Vector& nulls_from,
                  std::vector<Vector> children) {
  Vector out(type, rows.size());
  out.set_size(rows.size());
  ListEntry* entries = out.mutable_values<ListEntry>();
  for (size_t r = 0; r < rows.size(); ++r) {
    entries[r] = rows[r];
    if (nulls_from.IsNull(r)) {
      out.SetNull(r, true);
    }
  }
  for (size_t i = 0; i < children.size(); ++i) {
    out.child(i) = children[i].Flatten();
  }
  return out;
}

// Reads a boolean vector: 1 true, 0 false, 2 NULL.
std::vector<uint8_t> ReadBooleans(const Vector& vector) {
  const Vector flat = vector.Flatten();
  std::vector<uint8_t> out(flat.size());
  const uint8_t* values = flat.size() == 0 ? nullptr : flat.values<uint8_t>();
  for (size_t i = 0; i < flat.size(); ++i) {
    out[i] = flat.IsNull(i) ? 2 : (values[i] != 0 ? 1 : 0);
  }
  return out;
}

// The elements whose predicate is TRUE, as child rows, and each row's share.
struct Kept {
  std::vector<uint32_t> index = {};
  std::vector<ListEntry> rows = {};
};

Kept KeepTrue(const Elements& elements, const std::vector<uint8_t>& truth) {
  Kept kept;
  kept.rows.resize(elements.rows.size());
  for (size_t r = 0; r < elements.rows.size(); ++r) {
    const ListEntry row = elements.rows[r];
    kept.rows[r].offset = static_cast<uint32_t>(kept.index.size());
    for (uint32_t e = row.offset; e < row.offset + row.length; ++e) {
      if (truth[e] == 1) {
        kept.index.push_back(elements.index[e]);
      }
    }
    kept.rows[r].length = static_cast<uint32_t>(kept.index.size()) - kept.rows[r].offset;
  }
  return kept;
}

Result<Vector> Transform(const Expr& expr,
                         const Batch& input,
                         const functions::FunctionContext& context) {
  STRATUS_ASSIGN_OR_RETURN(Vector arrays, Evaluate(*expr.args[0], input, context));
  const Elements elements = CollectElements(arrays, input.num_rows());
  STRATUS_ASSIGN_OR_RETURN(Vector values, ApplyLambda(*expr.args[1], input, elements.owner,
                                                      {ElementsOf(elements, 0)}, context));
  return MakeNested(expr.type, elements.rows, elements.flat, {values});
}

Result<Vector> Filter(const Expr& expr,
                      const Batch& input,
                      const functions::FunctionContext& context) {
  STRATUS_ASSIGN_OR_RETURN(Vector arrays, Evaluate(*expr.args[0], input, context));
  const Elements elements = CollectElements(arrays, input.num_rows());
  STRATUS_ASSIGN_OR_RETURN(Vector truth, ApplyLambda(*expr.args[1], input, elements.owner,
                                                     {ElementsOf(elements, 0)}, context));
  const Kept kept = KeepTrue(elements, ReadBooleans(truth));
  return MakeNested(expr.type, kept.rows, elements.flat,
                    {elements.flat.child(0).Select(SelectionVector(kept.index))});
}

// any_match, all_match and none_match with Trino's NULL rules: a deciding
// element wins; else a NULL result makes the answer NULL.
Result<Vector> Match(const Expr& expr,
                     const Batch& input,
                     const functions::FunctionContext& context) {
  STRATUS_ASSIGN_OR_RETURN(Vector arrays, Evaluate(*expr.args[0], input, context));
  const Elements elements = CollectElements(arrays, input.num_rows());
  STRATUS_ASSIGN_OR_RETURN(Vector result, ApplyLambda(*expr.args[1], input, elements.owner,
                                                      {ElementsOf(elements, 0)}, context));
  const std::vector<uint8_t> truth = ReadBooleans(result);
  const bool any = expr.name == "any_match";
  // The element value that decides the answer, and the answer it gives.
  const uint8_t deciding = expr.name == "all_match" ? 0 : 1;
  const bool decided_answer = any;
  const size_t rows = input.num_rows();
  Vector out(LogicalType::Boolean(), rows);
  out.set_size(rows);
  uint8_t* values = out.mutable_values<uint8_t>();
  for (size_t r = 0; r < rows; ++r) {
    values[r] = 0;
    if (elements.flat.IsNull(r)) {
      out.SetNull(r, true);
      continue;
    }
    bool decided = false;
    bool saw_null = false;
    const ListEntry row = elements.rows[r];
    for (uint32_t e = row.offset; e < row.offset + row.length && !decided; ++e) {
      decided = truth[e] == deciding;
      saw_null = saw_null || truth[e] == 2;
    }
    if (decided) {
      values[r] = decided_answer ? 1 : 0;
    } else if (saw_null) {
      out.SetNull(r, true);
    } else {
      values[r] = decided_answer ? 0 : 1;
    }
  }
  return out;
}

// find_first(array, [start,] predicate): the search runs forward from a
// positive start, backward from a negative one (counted from the end).
Result<Vector> FindFirst(const Expr& expr,
                         const Batch& input,
                         const functions::FunctionContext& context) {
  const size_t rows = input.num_rows();
  STRATUS_ASSIGN_OR_RETURN(Vector arrays_any, Evaluate(*expr.args[0], input, context));
  const Vector arrays = arrays_any.Flatten();
  Vector starts;
  if (expr.args.size() == 3) {
    STRATUS_ASSIGN_OR_RETURN(Vector starts_any, Evaluate(*expr.args[1], input, context));
    starts = starts_any.Flatten();
  }
  std::vector<uint32_t> owner;
  std::vector<uint32_t> index;
  std::vector<ListEntry> searched(rows);
  const ListEntry* entries = arrays.values<ListEntry>();
  for (size_t r = 0; r < rows; ++r) {
    searched[r].offset = static_cast<uint32_t>(owner.size());
    if (arrays.IsNull(r) || (expr.args.size() == 3 && starts.IsNull(r))) {
      continue;
    }
    const auto length = static_cast<int64_t>(entries[r].length);
    int64_t start = 1;
    if (expr.args.size() == 3) {
      start = starts.values<int64_t>()[r];
      if (start == 0) {
        return SqlError(kInvalidFunctionArgument, "SQL array indices start at 1");
      }
    }
    const int64_t step = start > 0 ? 1 : -1;
    for (int64_t i = start > 0 ? start - 1 : length + start; i >= 0 && i < length; i += step) {
      owner.push_back(static_cast<uint32_t>(r));
      index.push_back(entries[r].offset + static_cast<uint32_t>(i));
    }
    searched[r].length = static_cast<uint32_t>(owner.size()) - searched[r].offset;
  }
  const Vector& children = arrays.child(0);
  STRATUS_ASSIGN_OR_RETURN(
      Vector result, ApplyLambda(*expr.args.back(), input, owner,
                                 {Vector::Dictionary(children, SelectionVector(index))}, context));
  const std::vector<uint8_t> truth = ReadBooleans(result);
  std::vector<uint32_t> found;
  std::vector<uint32_t> found_rows;
  for (size_t r = 0; r < rows; ++r) {
    for (uint32_t e = searched[r].offset; e < searched[r].offset + searched[r].length; ++e) {
      if (truth[e] == 1) {
        found.push_back(index[e]);
        found_rows.push_back(static_cast<uint32_t>(r));
        break;
      }
    }
  }
  return Spread(children.Select(SelectionVector(std::move(found))), found_rows, rows);
}

Result<Vector> ZipWith(const Expr& expr,
                       const Batch& input,
                       const functions::FunctionContext& context) {
  const size_t rows = input.num_rows();
  STRATUS_ASSIGN_OR_RETURN(Vector left_any, Evaluate(*expr.args[0], input, context));
  STRATUS_ASSIGN_OR_RETURN(Vector right_any, Evaluate(*expr.args[1], input, context));
  const Vector left = left_any.Flatten();
  const Vector right = right_any.Flatten();
  std::vector<uint32_t> owner;
  std::vector<uint32_t> left_index;
  std::vector<uint32_t> left_at;
  std::vector<uint32_t> right_index;
  std::vector<uint32_t> right_at;
  std::vector<ListEntry> out_rows(rows);
  Vector nulls(LogicalType::Boolean(), rows);
  nulls.set_size(rows);
  for (size_t r = 0; r < rows; ++r) {
    out_rows[r].offset = static_cast<uint32_t>(owner.size());
    nulls.mutable_values<uint8_t>()[r] = 0;
    if (left.IsNull(r) || right.IsNull(r)) {
      nulls.SetNull(r, true);
      continue;
    }
    const ListEntry a = left.values<ListEntry>()[r];
    const ListEntry b = right.values<ListEntry>()[r];
    const uint32_t length = std::max(a.length, b.length);
    for (uint32_t i = 0; i < length; ++i) {
      const auto at = static_cast<uint32_t>(owner.size());
      owner.push_back(static_cast<uint32_t>(r));
      if (i < a.length) {
        left_index.push_back(a.offset + i);
        left_at.push_back(at);
      }
      if (i < b.length) {
        right_index.push_back(b.offset + i);
        right_at.push_back(at);
      }
    }
    out_rows[r].length = length;
  }
  const size_t count = owner.size();
  Vector first = Spread(left.child(0).Select(SelectionVector(left_index)), left_at, count);
  Vector second = Spread(right.child(0).Select(SelectionVector(right_index)), right_at, count);
  STRATUS_ASSIGN_OR_RETURN(Vector values,
                           ApplyLambda(*expr.args[2], input, owner, {first, second}, context));
  return MakeNested(expr.type, out_rows, nulls, {values});
}

// Fails when a row's new map keys hold a NULL or the same key twice.
Status CheckMapKeys(const Vector& keys_any, const std::vector<ListEntry>& rows) {
  const Vector keys = keys_any.Flatten();
  std::vector<uint64_t> hashes(keys.size());
  HashColumn(keys, keys.size(), false, hashes.data());
  const RowEqualFn equal = RowEqualFor(keys.physical_type());
  std::unordered_multimap<uint64_t, uint32_t> seen;
  for (const ListEntry row : rows) {
    seen.clear();
    for (uint32_t e = row.offset; e < row.offset + row.length; ++e) {
      if (keys.IsNull(e)) {
        return SqlError(kInvalidFunctionArgument, "map key cannot be null");
      }
      auto [begin, end] = seen.equal_range(hashes[e]);
      for (auto it = begin; it != end; ++it) {
        if (equal(keys, it->second, keys, e)) {
          return SqlError(
              kInvalidFunctionArgument,
              Format("Duplicate map keys ({}) are not allowed", keys.GetValue(e).ToString()));
        }
      }
      seen.emplace(hashes[e], e);
    }
  }
  return Status::Ok();
}

// transform_keys, transform_values and map_filter: a lambda over (key, value).
Result<Vector> MapTransform(const Expr& expr,
                            const Batch& input,
                            const functions::FunctionContext& context) {
  STRATUS_ASSIGN_OR_RETURN(Vector maps, Evaluate(*expr.args[0], input, context));
  const Elements elements = CollectElements(maps, input.num_rows());
  STRATUS_ASSIGN_OR_RETURN(
      Vector result, ApplyLambda(*expr.args[1], input, elements.owner,
                                 {ElementsOf(elements, 0), ElementsOf(elements, 1)}, context));
  const SelectionVector index(elements.index);
  if (expr.name == "map_filter") {
    const Kept kept = KeepTrue(elements, ReadBooleans(result));
    const SelectionVector kept_index(kept.index);
    return MakeNested(
        expr.type, kept.rows, elements.flat,
        {elements.flat.child(0).Select(kept_index), elements.flat.child(1).Select(kept_index)});
  }
  if (expr.name == "transform_keys") {
    STRATUS_RETURN_IF_ERROR(CheckMapKeys(result, elements.rows));
    return MakeNested(expr.type, elements.rows, elements.flat,
                      {result, elements.flat.child(1).Select(index)});
  }
  return MakeNested(expr.type, elements.rows, elements.flat,
                    {elements.flat.child(0).Select(index), result});
}

// map_zip_with: the union of both maps' keys (the first map's order, then
// the second's new keys), each with its value from either map or NULL.
Result<Vector> MapZipWith(const Expr& expr,
                          const Batch& input,
                          const functions::FunctionContext& context) {
  const size_t rows = input.num_rows();
  STRATUS_ASSIGN_OR_RETURN(Vector first_any, Evaluate(*expr.args[0], input, context));
  STRATUS_ASSIGN_OR_RETURN(Vector second_any, Evaluate(*expr.args[1], input, context));
  const Vector first = first_any.Flatten();
  const Vector second = second_any.Flatten();
  const Vector& first_keys = first.child(0);
  const Vector& second_keys = second.child(0);
  std::vector<uint64_t> first_hashes(first_keys.size());
  std::vector<uint64_t> second_hashes(second_keys.size());
  HashColumn(first_keys, first_keys.size(), false, first_hashes.data());
  HashColumn(second_keys, second_keys.size(), false, second_hashes.data());
  const RowEqualFn equal = RowEqualFor(first_keys.physical_type());
  std::vector<uint32_t> owner;
  std::vector<uint32_t> key_from_first;
  std::vector<uint32_t> key_from_first_at;
  std::vector<uint32_t> key_from_second;
  std::vector<uint32_t> key_from_second_at;
  std::vector<uint32_t> value1;
  std::vector<uint32_t> value1_at;
  std::vector<uint32_t> value2;
  std::vector<uint32_t> value2_at;
  std::vector<ListEntry> out_rows(rows);
  Vector nulls(LogicalType::Boolean(), rows);
  nulls.set_size(rows);
  for (size_t r = 0; r < rows; ++r) {
    out_rows[r].offset = static_cast<uint32_t>(owner.size());
    nulls.mutable_values<uint8_t>()[r] = 0;
    if (first.IsNull(r) || second.IsNull(r)) {
      nulls.SetNull(r, true);
      continue;
    }
    const ListEntry a = first.values<ListEntry>()[r];
    const ListEntry b = second.values<ListEntry>()[r];
    std::vector<bool> matched(b.length, false);
    for (uint32_t i = a.offset; i < a.offset + a.length; ++i) {
      const auto at = static_cast<uint32_t>(owner.size());
      owner.push_back(static_cast<uint32_t>(r));
      key_from_first.push_back(i);
      key_from_first_at.push_back(at);
      value1.push_back(i);
      value1_at.push_back(at);
      for (uint32_t j = 0; j < b.length; ++j) {
        const uint32_t k = b.offset + j;
        if (!matched[j] && first_hashes[i] == second_hashes[k] &&
            equal(first_keys, i, second_keys, k)) {
          matched[j] = true;
          value2.push_back(k);
          value2_at.push_back(at);
          break;
        }
      }
    }
    for (uint32_t j = 0; j < b.length; ++j) {
      if (!matched[j]) {
        const auto at = static_cast<uint32_t>(owner.size());
        owner.push_back(static_cast<uint32_t>(r));
        key_from_second.push_back(b.offset + j);
        key_from_second_at.push_back(at);
        value2.push_back(b.offset + j);
        value2_at.push_back(at);
      }
    }
    out_rows[r].length = static_cast<uint32_t>(owner.size()) - out_rows[r].offset;
  }
  const size_t count = owner.size();
  Vector keys =
      Spread(first_keys.Select(SelectionVector(key_from_first)), key_from_first_at, count);
  if (!key_from_second_at.empty()) {
    ScatterRows(second_keys.Select(SelectionVector(key_from_second)),
                SelectionVector(key_from_second_at), &keys);
  }
  Vector values1 = Spread(first.child(1).Select(SelectionVector(value1)), value1_at, count);
  Vector values2 = Spread(second.child(1).Select(SelectionVector(value2)), value2_at, count);
  STRATUS_ASSIGN_OR_RETURN(
      Vector values, ApplyLambda(*expr.args[2], input, owner, {keys, values1, values2}, context));
  return MakeNested(expr.type, out_rows, nulls, {keys, values});
}

// reduce(array, initial, step, output): one step evaluation per element
// position, over the rows whose arrays are that long.
Result<Vector> Reduce(const Expr& expr,
                      const Batch& input,
                      const functions::FunctionContext& context) {
  const size_t rows = input.num_rows();
  STRATUS_ASSIGN_OR_RETURN(Vector arrays, Evaluate(*expr.args[0], input, context));
  const Elements elements = CollectElements(arrays, rows);
  STRATUS_ASSIGN_OR_RETURN(Vector initial, Evaluate(*expr.args[1], input, context));
  const Expr& step = *expr.args[2];
  Vector state = MakeNullVector(step.type, rows);
  ScatterRows(initial, SelectionVector::Identity(rows), &state);
  uint32_t longest = 0;
  for (const ListEntry row : elements.rows) {
    longest = std::max(longest, row.length);
  }
  const Vector& children = elements.flat.child(0);
  for (uint32_t k = 0; k < longest; ++k) {
    std::vector<uint32_t> active;
    std::vector<uint32_t> element;
    for (size_t r = 0; r < rows; ++r) {
      if (elements.rows[r].length > k) {
        active.push_back(static_cast<uint32_t>(r));
        element.push_back(elements.index[elements.rows[r].offset + k]);
      }
    }
    STRATUS_ASSIGN_OR_RETURN(
        Vector next,
        ApplyLambda(step, input, active,
                    {Vector::Dictionary(state, SelectionVector(active)),
                     Vector::Dictionary(children, SelectionVector(std::move(element)))},
                    context));
    next = next.Flatten();
    if (next.encoding() == VectorEncoding::kFlat && next.size() == active.size()) {
      // Copies first: `next` may share the state's buffers.
      next = next.Select(SelectionVector::Identity(next.size()));
    }
    ScatterRows(next, SelectionVector(std::move(active)), &state);
  }
  std::vector<uint32_t> present;
  for (size_t r = 0; r < rows; ++r) {
    if (!elements.flat.IsNull(r)) {
      present.push_back(static_cast<uint32_t>(r));
    }
  }
  STRATUS_ASSIGN_OR_RETURN(
      Vector result, ApplyLambda(*expr.args[3], input, present,
                                 {Vector::Dictionary(state, SelectionVector(present))}, context));
  return Spread(result, present, rows);
}

// Reads a comparator's result: -1, 0 or 1 as Trino requires.
Result<int> ComparatorResult(const Vector& results, size_t i) {
  if (results.IsNull(i)) {
    return SqlError(kInvalidFunctionArgument, "Lambda comparator must return either -1, 0, or 1");
  }
  const int32_t value = results.values<int32_t>()[i];
  if (value < -1 || value > 1) {
    return SqlError(kInvalidFunctionArgument, "Lambda comparator must return either -1, 0, or 1");
  }
  return value;
}

// Sorts row r's element positions [0, length) by the comparator, evaluated on
// every pair first (one batch) or, for long arrays, one pair at a time.
Status SortRow(const Expr& comparator,
               const Batch& input,
               const Vector& children,
               uint32_t row,
               ListEntry entry,
               const functions::FunctionContext& context,
               std::vector<uint32_t>* order) {
  const uint32_t n = entry.length;
  order->resize(n);
  for (uint32_t i = 0; i < n; ++i) {
    (*order)[i] = i;
  }
  if (n < 2) {
    return Status::Ok();
  }
  const size_t pairs = size_t{n} * (n - 1);
  std::vector<int8_t> table;
  if (pairs <= kMaxComparatorPairs) {
    std::vector<uint32_t> a;
    std::vector<uint32_t> b;
    a.reserve(pairs);
    b.reserve(pairs);
    for (uint32_t i = 0; i < n; ++i) {
      for (uint32_t j = 0; j < n; ++j) {
        if (i != j) {
          a.push_back(entry.offset + i);
          b.push_back(entry.offset + j);
        }
      }
    }
    std::vector<uint32_t> owner(pairs, row);
    STRATUS_ASSIGN_OR_RETURN(
        Vector results_any,
        ApplyLambda(comparator, input, owner,
                    {Vector::Dictionary(children, SelectionVector(std::move(a))),
                     Vector::Dictionary(children, SelectionVector(std::move(b)))},
                    context));
    const Vector results = results_any.Flatten();
    table.assign(size_t{n} * n, 0);
    size_t at = 0;
    for (uint32_t i = 0; i < n; ++i) {
      for (uint32_t j = 0; j < n; ++j) {
        if (i != j) {
          STRATUS_ASSIGN_OR_RETURN(int value, ComparatorResult(results, at++));
          table[size_t{i} * n + j] = static_cast<int8_t>(value);
        }
      }
    }
  }
  Status failure = Status::Ok();
  auto less = [&](uint32_t i, uint32_t j) {
    if (!failure.ok() || i == j) {
      return false;
    }
    if (!table.empty()) {
      return table[size_t{i} * n + j] < 0;
    }
    auto result = ApplyLambda(comparator, input, {row},
                              {children.Select(SelectionVector({entry.offset + i})),
                               children.Select(SelectionVector({entry.offset + j}))},
                              context);
    if (!result.ok()) {
      failure = result.status();
      return false;
    }
    auto value = ComparatorResult(result->Flatten(), 0);
    if (!value.ok()) {
      failure = value.status();
      return false;
    }
    return *value < 0;
  };
  std::stable_sort(order->begin(), order->end(), less);
  return failure;
}

Result<Vector> ArraySort(const Expr& expr,
                         const Batch& input,
                         const functions::FunctionContext& context) {
  STRATUS_ASSIGN_OR_RETURN(Vector arrays, Evaluate(*expr.args[0], input, context));
  const Elements elements = CollectElements(arrays, input.num_rows());
  const Vector& children = elements.flat.child(0);
  const ListEntry* entries = elements.flat.values<ListEntry>();
  std::vector<uint32_t> sorted;
  sorted.reserve(elements.index.size());
  std::vector<uint32_t> order;
  for (size_t r = 0; r < input.num_rows(); ++r) {
    if (elements.flat.IsNull(r)) {
      continue;
    }
    STRATUS_RETURN_IF_ERROR(SortRow(*expr.args[1], input, children, static_cast<uint32_t>(r),
                                    entries[r], context, &order));
    for (uint32_t i : order) {
      sorted.push_back(entries[r].offset + i);
    }
  }
  return MakeNested(expr.type, elements.rows, elements.flat,
                    {children.Select(SelectionVector(std::move(sorted)))});
}

using LambdaFunction = Result<Vector> (*)(const Expr&,
                                          const Batch&,
                                          const functions::FunctionContext&);

LambdaFunction FindLambdaFunction(std::string_view name) {
  static constexpr std::pair<std::string_view, LambdaFunction> kFunctions[] = {
      {"transform", &Transform},
      {"filter", &Filter},
      {"any_match", &Match},
      {"all_match", &Match},
      {"none_match", &Match},
      {"find_first", &FindFirst},
      {"zip_with", &ZipWith},
      {"transform_keys", &MapTransform},
      {"transform_values", &MapTransform},
      {"map_filter", &MapTransform},
      {"map_zip_with", &MapZipWith},
      {"reduce", &Reduce},
      {"array_sort", &ArraySort},
  };
  for (const auto& [function_name, function] : kFunctions) {
    if (function_name == name) {
      return function;
    }
  }
  return nullptr;
}

}  // namespace

Result<Vector> EvaluateLambdaCall(const Expr& expr,
                                  const Batch& input,
                                  const functions::FunctionContext& context) {
  const LambdaFunction function = FindLambdaFunction(expr.name);
  if (function == nullptr) {
    return Status::Internal("unknown function with lambdas: " + expr.name);
  }
  // A NULL literal in place of an array or map makes every row NULL.
  for (size_t i = 0; i < expr.args.size(); ++i) {
    const bool initial_state = expr.name == "reduce" && i == 1;
    if (!initial_state && expr.args[i]->kind != ExprKind::kLambda &&
        expr.args[i]->type.kind() == TypeKind::kUnknown) {
      return MakeNullVector(expr.type, input.num_rows());
    }
  }
  return function(expr, input, context);
}

}  // namespace stratus::sql::exec
