// Checks the binder plants in plans that fail at run time: a decorrelated
// scalar subquery's single row (subquery_binder.cc) and a recursive WITH
// query's depth limit (recursive_cte_binder.cc).

#include <span>
#include <string>
#include <utility>

#include "sql/functions/function.h"
#include "sql/types/sql_error.h"
#include "sql/vector/vector.h"

namespace stratus::sql::functions {

std::shared_ptr<const ScalarBinding> SingleRowCheckBinding(const LogicalType& value) {
  auto binding = std::make_shared<ScalarBinding>();
  binding->name = "$single_row";
  binding->argument_types = {LogicalType::Bigint(), value};
  binding->return_type = value;
  binding->deterministic = false;  // Its failure must happen at run time, on matched rows only.
  binding->kernel = [](std::span<const Vector> arguments, size_t rows,
                       const FunctionContext& /*context*/, Vector* result) {
    const Vector counts = arguments[0].Flatten();
    const int64_t* values = counts.values<int64_t>();
    for (size_t r = 0; r < rows; ++r) {
      if (!counts.IsNull(r) && values[r] > 1) {
        return SqlError(kSubqueryMultipleRows, "Scalar sub-query has returned multiple rows");
      }
    }
    *result = arguments[1].Flatten();
    return Status::Ok();
  };
  return binding;
}

std::shared_ptr<const ScalarBinding> RecursionLimitBinding(const LogicalType& column,
                                                           int max_depth) {
  auto binding = std::make_shared<ScalarBinding>();
  binding->name = "$recursion_limit";
  binding->argument_types = {column};
  binding->return_type = LogicalType::Boolean();
  binding->deterministic = false;  // Never folded nor pushed below its projection.
  binding->kernel = [max_depth](std::span<const Vector> /*arguments*/, size_t rows,
                                const FunctionContext& /*context*/, Vector* result) {
    if (rows > 0) {
      return SqlError(kNotSupported, "Recursion depth limit exceeded (" +
                                         std::to_string(max_depth) +
                                         "). Use 'max_recursion_depth' session property to "
                                         "modify the limit.");
    }
    *result = Vector(LogicalType::Boolean(), 0);
    result->set_size(0);
    return Status::Ok();
  };
  return binding;
}

}  // namespace stratus::sql::functions
