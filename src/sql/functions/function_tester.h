#pragma once

// Test support for sql/functions: evaluates functions, operators, casts and
// aggregates over Values the way the binder and the executor will — the
// arguments as flat (or constant) vectors, coerced to the binding's argument
// types with the casts the binder would insert.
//
// Thread safety: free functions over the immutable default registry.

#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "sql/types/value.h"

namespace stratus::sql::functions {

/// Evaluates name(arguments...) on one row of flat vectors.
Result<Value> EvalScalar(std::string_view name, const std::vector<Value>& arguments);

/// Evaluates name(arguments...) with every argument a constant vector of `rows` rows;
/// returns row 0 after checking every row holds the same value.
Result<Value> EvalScalarConstant(std::string_view name,
                                 const std::vector<Value>& arguments,
                                 size_t rows = 3);

/// Evaluates CAST(value AS to) (or TRY_CAST).
Result<Value> EvalCast(const Value& value, const LogicalType& to, bool try_cast = false);

/// Runs an aggregate over rows: columns[i] is argument i's values. Splits the
/// rows over two states and combines them, as two drivers would.
Result<Value> EvalAggregate(std::string_view name,
                            const std::vector<LogicalType>& argument_types,
                            const std::vector<std::vector<Value>>& columns);

/// Renders a result for assertions: "value :: type", or "ERROR_NAME: message".
std::string Describe(const Result<Value>& result);

}  // namespace stratus::sql::functions
