#pragma once

// Small scalar and aggregate bindings for the executor's tests, so that plans
// can be built by hand without the function registry: bigint arithmetic and
// comparisons, count and sum.
//
// Thread safety: the bindings are immutable.

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "sql/functions/function.h"
#include "sql/planner/expr.h"
#include "sql/planner/logical_plan.h"
#include "sql/vector/batch.h"

namespace stratus::sql::exec::testing {

/// bigint + bigint; NULL when either is NULL.
std::shared_ptr<const functions::ScalarBinding> AddBigint();
/// bigint / bigint; DIVISION_BY_ZERO on a zero divisor.
std::shared_ptr<const functions::ScalarBinding> DivideBigint();
/// bigint > bigint, bigint = bigint → boolean.
std::shared_ptr<const functions::ScalarBinding> GreaterBigint();
std::shared_ptr<const functions::ScalarBinding> EqualBigint();
/// count(*) (no arguments) and count(x).
std::shared_ptr<const functions::AggregateBinding> Count(bool star);
/// sum(bigint) → bigint; NULL over no rows.
std::shared_ptr<const functions::AggregateBinding> SumBigint();

/// Shorthands for building expressions.
plan::ExprPtr Col(size_t column, LogicalType type = LogicalType::Bigint());
plan::ExprPtr Int(int64_t value);
plan::ExprPtr Str(std::string value);
plan::ExprPtr Add(plan::ExprPtr a, plan::ExprPtr b);
plan::ExprPtr Divide(plan::ExprPtr a, plan::ExprPtr b);
plan::ExprPtr Greater(plan::ExprPtr a, plan::ExprPtr b);
plan::ExprPtr Equal(plan::ExprPtr a, plan::ExprPtr b);

/// Plan nodes built by hand: literal rows (NULLs typed by `types`), and
/// nodes over an input whose columns are given.
plan::NodePtr ValuesNode(const std::vector<LogicalType>& types,
                         const std::vector<std::vector<Value>>& rows);
/// Bigint rows 0..count-1 in one column "n", with column "k" = n % modulus.
plan::NodePtr Sequence(int64_t count, int64_t modulus);
plan::NodePtr FilterNode(plan::NodePtr input, plan::ExprPtr predicate);
plan::NodePtr ProjectNode(plan::NodePtr input,
                          std::vector<plan::ExprPtr> expressions,
                          std::vector<std::string> names = {});

/// A flat bigint vector; nullopt is NULL.
Vector Bigints(const std::vector<std::optional<int64_t>>& values);
/// A flat varchar vector; nullopt is NULL.
Vector Varchars(const std::vector<std::optional<std::string>>& values);
/// A batch of the columns (all of the same length).
Batch MakeBatch(std::vector<Vector> columns);
/// Returns the batches' rows as Batch::ToString() renders them, concatenated.
std::string Rows(const std::vector<Batch>& batches);

}  // namespace stratus::sql::exec::testing
