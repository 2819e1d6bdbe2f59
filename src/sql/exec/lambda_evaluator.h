#pragma once

// Evaluating calls of functions that take lambdas (planner/expr.h,
// "Lambdas"): transform, filter, reduce, zip_with, transform_keys,
// transform_values, map_filter, map_zip_with, any_match, all_match,
// none_match, find_first and array_sort with a comparator.
//
// A lambda body runs once per batch over every element of the batch's arrays
// (or maps) as one flattened vector, never row by row: the body sees a batch
// whose columns are the enclosing input's columns repeated per element
// (dictionary vectors, no copy; columns the body does not read are NULL
// constants) followed by the parameters. reduce steps every array one element
// at a time, each step one evaluation over the rows still going.
//
// Thread safety: pure functions, as expression_evaluator.h.

#include "base/result.h"
#include "sql/vector/batch.h"
#include "sql/vector/vector.h"

namespace stratus::sql::functions {
struct FunctionContext;
}  // namespace stratus::sql::functions

namespace stratus::sql::plan {
struct Expr;
}  // namespace stratus::sql::plan

namespace stratus::sql::exec {

/// Evaluates a kLambdaCall over every row of `input`.
Result<Vector> EvaluateLambdaCall(const plan::Expr& expr,
                                  const Batch& input,
                                  const functions::FunctionContext& context);

}  // namespace stratus::sql::exec
