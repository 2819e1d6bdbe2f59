#include "sql/exec/expression_evaluator.h"

#include <cstring>
#include <functional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "sql/exec/lambda_evaluator.h"
#include "sql/exec/row_compare.h"
#include "sql/exec/row_copy.h"
#include "sql/exec/vector_hash.h"
#include "sql/functions/function.h"
#include "sql/planner/expr.h"
#include "sql/types/sql_error.h"
#include "sql/vector/validity.h"

namespace stratus::sql::exec {
namespace {

using plan::Expr;
using plan::ExprKind;

// A boolean row's state under three-valued logic.
enum Truth : uint8_t { kFalse = 0, kTrue = 1, kUnknown = 2 };

void ReadTruth(const Vector& vector, size_t rows, std::vector<uint8_t>* truth) {
  truth->resize(rows);
  if (vector.encoding() == VectorEncoding::kConstant) {
    const Vector& base = vector.base();
    uint8_t state = kUnknown;
    if (!base.IsNull(0)) {
      state = base.values<uint8_t>()[0] != 0 ? kTrue : kFalse;
    }
    std::memset(truth->data(), state, rows);
    return;
  }
  const Vector flat = vector.Flatten();
  const uint8_t* values = flat.values<uint8_t>();
  const uint64_t* validity = flat.validity();
  for (size_t i = 0; i < rows; ++i) {
    if (validity != nullptr && !IsValidBit(validity, i)) {
      (*truth)[i] = kUnknown;
    } else {
      (*truth)[i] = values[i] != 0 ? kTrue : kFalse;
    }
  }
}

Vector TruthVector(const std::vector<uint8_t>& truth) {
  const size_t rows = truth.size();
  Vector out(LogicalType::Boolean(), rows);
  out.set_size(rows);
  uint8_t* values = out.mutable_values<uint8_t>();
  uint64_t* validity = nullptr;
  for (size_t i = 0; i < rows; ++i) {
    values[i] = truth[i] == kTrue ? 1 : 0;
    if (truth[i] == kUnknown) {
      if (validity == nullptr) {
        validity = out.mutable_validity();
      }
      ClearValidBit(validity, i);
    }
  }
  return out;
}

// Evaluates `expr` on the rows `rows` of `input` (all of them when
// rows.size() == input.num_rows(): selections here are ascending subsets).
Result<Vector> EvaluateOn(const Expr& expr,
                          const Batch& input,
                          const SelectionVector& rows,
                          const functions::FunctionContext& context) {
  if (rows.size() == input.num_rows()) {
    return Evaluate(expr, input, context);
  }
  return Evaluate(expr, SubsetBatch(input, rows), context);
}

Result<Vector> EvaluateCall(const Expr& expr,
                            const Batch& input,
                            const functions::FunctionContext& context) {
  const functions::ScalarBinding& binding = *expr.function;
  const size_t rows = input.num_rows();
  std::vector<Vector> arguments;
  arguments.reserve(expr.args.size());
  bool all_constant = !expr.args.empty();
  for (const plan::ExprPtr& arg : expr.args) {
    STRATUS_ASSIGN_OR_RETURN(Vector argument, Evaluate(*arg, input, context));
    all_constant = all_constant && argument.encoding() == VectorEncoding::kConstant;
    arguments.push_back(std::move(argument));
  }
  if (all_constant && binding.deterministic && rows != 1) {
    // Runs the kernel once and spreads its one result over every row.
    std::vector<Vector> bases;
    bases.reserve(arguments.size());
    for (const Vector& argument : arguments) {
      bases.push_back(argument.base());
    }
    Vector one(binding.return_type, 1);
    one.set_size(1);
    STRATUS_RETURN_IF_ERROR(binding.kernel(bases, 1, context, &one));
    return Vector::Constant(one.GetValue(0), rows);
  }
  Vector result(binding.return_type, rows);
  result.set_size(rows);
  STRATUS_RETURN_IF_ERROR(binding.kernel(arguments, rows, context, &result));
  if (result.size() != rows) {
    return Status::Internal("function " + binding.name + " returned " +
                            std::to_string(result.size()) + " rows for " + std::to_string(rows));
  }
  return result;
}

// Runs `evaluate` over the batch; on an error TRY may hide, runs it row by
// row and leaves the failing rows NULL.
Result<Vector> EvaluateWithTry(const std::function<Result<Vector>(const Batch&)>& evaluate,
                               const LogicalType& type,
                               const Batch& input) {
  Result<Vector> whole = evaluate(input);
  if (whole.ok() || !IsTryableError(whole.status())) {
    return whole;
  }
  const size_t rows = input.num_rows();
  Vector out = MakeNullVector(type, rows);
  for (size_t row = 0; row < rows; ++row) {
    SelectionVector one({static_cast<uint32_t>(row)});
    Result<Vector> value = evaluate(SubsetBatch(input, one));
    if (value.ok()) {
      ScatterRows(*value, one, &out);
    } else if (!IsTryableError(value.status())) {
      return value.status();
    }
  }
  return out;
}

// AND stops at FALSE, OR at TRUE; NULL keeps a row going.
Result<Vector> EvaluateLogical(const Expr& expr,
                               const Batch& input,
                               const functions::FunctionContext& context) {
  const bool is_and = expr.kind == ExprKind::kAnd;
  const uint8_t settles = is_and ? kFalse : kTrue;
  const size_t rows = input.num_rows();
  std::vector<uint8_t> result(rows, is_and ? kTrue : kFalse);
  SelectionVector active = SelectionVector::Identity(rows);
  std::vector<uint8_t> truth;
  for (const plan::ExprPtr& arg : expr.args) {
    if (active.empty()) {
      break;
    }
    STRATUS_ASSIGN_OR_RETURN(Vector value, EvaluateOn(*arg, input, active, context));
    ReadTruth(value, active.size(), &truth);
    std::vector<uint32_t> next;
    next.reserve(active.size());
    for (size_t i = 0; i < active.size(); ++i) {
      const uint32_t row = active[i];
      if (truth[i] == settles) {
        result[row] = settles;
        continue;
      }
      if (truth[i] == kUnknown) {
        result[row] = kUnknown;
      }
      next.push_back(row);
    }
    active = SelectionVector(std::move(next));
  }
  return TruthVector(result);
}

Result<Vector> EvaluateNot(const Expr& expr,
                           const Batch& input,
                           const functions::FunctionContext& context) {
  STRATUS_ASSIGN_OR_RETURN(Vector value, Evaluate(*expr.args[0], input, context));
  std::vector<uint8_t> truth;
  ReadTruth(value, input.num_rows(), &truth);
  for (uint8_t& state : truth) {
    if (state != kUnknown) {
      state = state == kTrue ? kFalse : kTrue;
    }
  }
  return TruthVector(truth);
}

Result<Vector> EvaluateIsNull(const Expr& expr,
                              const Batch& input,
                              const functions::FunctionContext& context) {
  STRATUS_ASSIGN_OR_RETURN(Vector value, Evaluate(*expr.args[0], input, context));
  const size_t rows = input.num_rows();
  if (value.encoding() == VectorEncoding::kConstant) {
    return Vector::Constant(Value::Boolean(value.base().IsNull(0)), rows);
  }
  const Vector flat = value.Flatten();
  const uint64_t* validity = flat.validity();
  Vector out(LogicalType::Boolean(), rows);
  out.set_size(rows);
  uint8_t* values = out.mutable_values<uint8_t>();
  for (size_t i = 0; i < rows; ++i) {
    values[i] = validity != nullptr && !IsValidBit(validity, i) ? 1 : 0;
  }
  return out;
}

// CASE: each result runs only on the rows whose condition chose it.
Result<Vector> EvaluateCase(const Expr& expr,
                            const Batch& input,
                            const functions::FunctionContext& context) {
  const size_t rows = input.num_rows();
  Vector out = MakeNullVector(expr.type, rows);
  SelectionVector remaining = SelectionVector::Identity(rows);
  const size_t pairs = (expr.args.size() - (expr.has_else ? 1 : 0)) / 2;
  std::vector<uint8_t> truth;
  for (size_t k = 0; k < pairs && !remaining.empty(); ++k) {
    STRATUS_ASSIGN_OR_RETURN(Vector condition,
                             EvaluateOn(*expr.args[2 * k], input, remaining, context));
    ReadTruth(condition, remaining.size(), &truth);
    std::vector<uint32_t> chosen;
    std::vector<uint32_t> rest;
    for (size_t i = 0; i < remaining.size(); ++i) {
      (truth[i] == kTrue ? chosen : rest).push_back(remaining[i]);
    }
    if (!chosen.empty()) {
      SelectionVector chosen_rows(std::move(chosen));
      STRATUS_ASSIGN_OR_RETURN(Vector value,
                               EvaluateOn(*expr.args[2 * k + 1], input, chosen_rows, context));
      ScatterRows(value, chosen_rows, &out);
    }
    remaining = SelectionVector(std::move(rest));
  }
  if (expr.has_else && !remaining.empty()) {
    STRATUS_ASSIGN_OR_RETURN(Vector value,
                             EvaluateOn(*expr.args.back(), input, remaining, context));
    ScatterRows(value, remaining, &out);
  }
  return out;
}

Result<Vector> EvaluateCoalesce(const Expr& expr,
                                const Batch& input,
                                const functions::FunctionContext& context) {
  const size_t rows = input.num_rows();
  Vector out = MakeNullVector(expr.type, rows);
  SelectionVector remaining = SelectionVector::Identity(rows);
  for (const plan::ExprPtr& arg : expr.args) {
    if (remaining.empty()) {
      break;
    }
    STRATUS_ASSIGN_OR_RETURN(Vector value, EvaluateOn(*arg, input, remaining, context));
    const Vector flat = value.Flatten();
    std::vector<uint32_t> found_in;
    std::vector<uint32_t> found_rows;
    std::vector<uint32_t> rest;
    for (size_t i = 0; i < remaining.size(); ++i) {
      if (flat.IsNull(i)) {
        rest.push_back(remaining[i]);
      } else {
        found_in.push_back(static_cast<uint32_t>(i));
        found_rows.push_back(remaining[i]);
      }
    }
    if (!found_rows.empty()) {
      ScatterRows(flat.Select(SelectionVector(std::move(found_in))),
                  SelectionVector(std::move(found_rows)), &out);
    }
    remaining = SelectionVector(std::move(rest));
  }
  return out;
}

// Builds the IN list of constants as one flat vector of the probe's type;
// false when a constant's type differs (then the list is compared as vectors).
bool ConstantList(const Expr& expr, const LogicalType& type, Vector* list) {
  *list = Vector(type, expr.args.size() - 1);
  for (size_t i = 1; i < expr.args.size(); ++i) {
    const Expr& arg = *expr.args[i];
    if (arg.kind != ExprKind::kConstant ||
        (!arg.constant.is_null() && arg.constant.type() != type)) {
      return false;
    }
  }
  list->set_size(expr.args.size() - 1);
  for (size_t i = 1; i < expr.args.size(); ++i) {
    list->SetValue(i - 1, expr.args[i]->constant);
  }
  return true;
}

Result<Vector> EvaluateIn(const Expr& expr,
                          const Batch& input,
                          const functions::FunctionContext& context) {
  const size_t rows = input.num_rows();
  STRATUS_ASSIGN_OR_RETURN(Vector probe_any, Evaluate(*expr.args[0], input, context));
  const Vector probe = probe_any.Flatten();
  const RowEqualFn equal = RowEqualFor(probe.physical_type());
  std::vector<uint8_t> result(rows, kFalse);
  Vector list;
  if (ConstantList(expr, probe.type(), &list)) {
    bool list_has_null = false;
    std::unordered_multimap<uint64_t, uint32_t> by_hash;
    std::vector<uint64_t> hashes(std::max<size_t>(list.size(), rows));
    HashColumn(list, list.size(), false, hashes.data());
    for (uint32_t i = 0; i < list.size(); ++i) {
      if (list.IsNull(i)) {
        list_has_null = true;
      } else {
        by_hash.emplace(hashes[i], i);
      }
    }
    HashColumn(probe, rows, false, hashes.data());
    for (size_t row = 0; row < rows; ++row) {
      if (probe.IsNull(row)) {
        result[row] = kUnknown;
        continue;
      }
      auto [begin, end] = by_hash.equal_range(hashes[row]);
      bool found = false;
      for (auto it = begin; it != end && !found; ++it) {
        found = equal(probe, row, list, it->second);
      }
      result[row] = found ? kTrue : (list_has_null ? kUnknown : kFalse);
    }
    return TruthVector(result);
  }
  std::vector<uint8_t> saw_null(rows, 0);
  for (size_t row = 0; row < rows; ++row) {
    if (probe.IsNull(row)) {
      result[row] = kUnknown;
    }
  }
  for (size_t i = 1; i < expr.args.size(); ++i) {
    STRATUS_ASSIGN_OR_RETURN(Vector element_any, Evaluate(*expr.args[i], input, context));
    const Vector element = element_any.Flatten();
    if (element.physical_type() != probe.physical_type() &&
        element.type().kind() != TypeKind::kUnknown) {
      return Status::Internal("IN list element of type " + element.type().ToString() +
                              " for a value of type " + probe.type().ToString());
    }
    for (size_t row = 0; row < rows; ++row) {
      if (result[row] != kFalse) {
        continue;
      }
      if (element.IsNull(row)) {
        saw_null[row] = 1;
      } else if (equal(probe, row, element, row)) {
        result[row] = kTrue;
      }
    }
  }
  for (size_t row = 0; row < rows; ++row) {
    if (result[row] == kFalse && saw_null[row] != 0) {
      result[row] = kUnknown;
    }
  }
  return TruthVector(result);
}

}  // namespace

bool IsTryableError(const Status& status) {
  const std::string name = SqlErrorName(status);
  return name == kDivisionByZero || name == kInvalidCastArgument ||
         name == kInvalidFunctionArgument || name == kNumericValueOutOfRange;
}

Result<Vector> Evaluate(const Expr& expr,
                        const Batch& input,
                        const functions::FunctionContext& context) {
  switch (expr.kind) {
    case ExprKind::kColumn:
      if (expr.column >= input.num_columns()) {
        return Status::Internal("column #" + std::to_string(expr.column) + " of a batch of " +
                                std::to_string(input.num_columns()));
      }
      return input.column(expr.column);
    case ExprKind::kConstant:
      return Vector::Constant(expr.constant, input.num_rows());
    case ExprKind::kCall:
      return EvaluateCall(expr, input, context);
    case ExprKind::kCast:
      if (!expr.try_cast) {
        return EvaluateCall(expr, input, context);
      }
      return EvaluateWithTry([&](const Batch& rows) { return EvaluateCall(expr, rows, context); },
                             expr.type, input);
    case ExprKind::kAnd:
    case ExprKind::kOr:
      return EvaluateLogical(expr, input, context);
    case ExprKind::kNot:
      return EvaluateNot(expr, input, context);
    case ExprKind::kIsNull:
      return EvaluateIsNull(expr, input, context);
    case ExprKind::kCase:
      return EvaluateCase(expr, input, context);
    case ExprKind::kCoalesce:
      return EvaluateCoalesce(expr, input, context);
    case ExprKind::kIn:
      return EvaluateIn(expr, input, context);
    case ExprKind::kTry:
      return EvaluateWithTry(
          [&](const Batch& rows) { return Evaluate(*expr.args[0], rows, context); }, expr.type,
          input);
    case ExprKind::kLambdaVariable:
      // The body's batch ends with the parameters (planner/expr.h, "Lambdas").
      if (expr.column >= input.num_columns()) {
        return Status::Internal("lambda variable $" + std::to_string(expr.column) +
                                " of a batch of " + std::to_string(input.num_columns()));
      }
      return input.column(input.num_columns() - 1 - expr.column);
    case ExprKind::kLambdaCall:
      return EvaluateLambdaCall(expr, input, context);
    case ExprKind::kLambda:
      return Status::NotImplemented("lambda expressions outside a function call");
  }
  return Status::Internal("unknown expression kind");
}

Result<Value> EvaluateConstant(const Expr& expr, const functions::FunctionContext& context) {
  const Batch one_row({}, 1);
  STRATUS_ASSIGN_OR_RETURN(Vector value, Evaluate(expr, one_row, context));
  return value.GetValue(0);
}

Result<SelectionVector> EvaluatePredicate(const Expr& predicate,
                                          const Batch& input,
                                          const functions::FunctionContext& context) {
  STRATUS_ASSIGN_OR_RETURN(Vector value, Evaluate(predicate, input, context));
  const size_t rows = input.num_rows();
  if (value.encoding() == VectorEncoding::kConstant) {
    const Vector& base = value.base();
    const bool keep = !base.IsNull(0) && base.values<uint8_t>()[0] != 0;
    return keep ? SelectionVector::Identity(rows) : SelectionVector();
  }
  const Vector flat = value.Flatten();
  const uint8_t* values = flat.values<uint8_t>();
  const uint64_t* validity = flat.validity();
  std::vector<uint32_t> selected;
  selected.reserve(rows);
  for (size_t i = 0; i < rows; ++i) {
    if ((validity == nullptr || IsValidBit(validity, i)) && values[i] != 0) {
      selected.push_back(static_cast<uint32_t>(i));
    }
  }
  return SelectionVector(std::move(selected));
}

}  // namespace stratus::sql::exec
