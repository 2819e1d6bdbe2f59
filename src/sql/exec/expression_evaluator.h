#pragma once

// Evaluating bound expressions (planner/expr.h) over batches, a vector at a
// time. Columns come back as the batch's own vectors, constants as constant
// vectors; calls and casts run their binding's kernel over every argument
// vector. Special forms evaluate an argument only on the rows that reach it:
// AND stops at FALSE and OR at TRUE (three-valued logic otherwise), CASE runs
// each result on the rows whose condition chose it, COALESCE stops at the
// first non-NULL; so `x <> 0 AND 10 / x > 1` never divides by zero. TRY and
// TRY_CAST re-run a failing batch row by row and make the failing rows NULL.
//
// Thread safety: pure functions; expressions and kernels are immutable.

#include "base/result.h"
#include "sql/types/value.h"
#include "sql/vector/batch.h"
#include "sql/vector/selection_vector.h"
#include "sql/vector/vector.h"

namespace stratus::sql::functions {
struct FunctionContext;
}  // namespace stratus::sql::functions

namespace stratus::sql::plan {
struct Expr;
}  // namespace stratus::sql::plan

namespace stratus::sql::exec {

/// Evaluates `expr` over every row of `input`; the result has
/// input.num_rows() rows of expr.type, in any encoding. Errors are the
/// kernels' (DIVISION_BY_ZERO, INVALID_CAST_ARGUMENT, ...).
Result<Vector> Evaluate(const plan::Expr& expr,
                        const Batch& input,
                        const functions::FunctionContext& context);

/// Evaluates an expression that reads no column (the binder's constant
/// folding, VALUES rows) to one value.
Result<Value> EvaluateConstant(const plan::Expr& expr, const functions::FunctionContext& context);

/// Evaluates a boolean `predicate` and returns the rows where it is TRUE
/// (FALSE and NULL drop the row), ascending.
Result<SelectionVector> EvaluatePredicate(const plan::Expr& predicate,
                                          const Batch& input,
                                          const functions::FunctionContext& context);

/// Returns true for the errors TRY turns into NULL (Trino's list: division
/// by zero, invalid cast or function argument, numeric value out of range).
bool IsTryableError(const Status& status);

}  // namespace stratus::sql::exec
