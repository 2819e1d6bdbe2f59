#pragma once

// Private to sql/functions: registration of functions computed on Values,
// one row at a time — the general path for arrays, maps, rows and JSON,
// whose values are nested and whose functions are not the hot path of a scan.
//
// Thread safety: registration runs once, before the registry is shared.

#include <functional>
#include <vector>

#include "sql/functions/registry_internal.h"
#include "sql/types/value.h"

namespace stratus::sql::functions {

/// Computes one row: `arguments` are the row's values (of the bound types);
/// writes the result (of `return_type`) to *out.
using ValueFunction = std::function<Status(
    const std::vector<Value>& arguments, const LogicalType& return_type, Value* out)>;

/// Computes the return type from the bound argument types.
using ReturnTypeRule = std::function<Result<LogicalType>(const std::vector<LogicalType>& bound)>;

/// Registers a Value-at-a-time function. With null_on_null_argument, rows
/// with a NULL argument are NULL without calling fn.
void AddValueFunction(FunctionRegistry::Impl& impl,
                      const ScalarSpec& spec,
                      const ReturnTypeRule& return_type,
                      const ValueFunction& fn,
                      bool null_on_null_argument = true);

/// A rule returning a fixed type.
ReturnTypeRule ReturnsType(const LogicalType& type);
/// A rule returning argument i's type.
ReturnTypeRule ReturnsArgument(size_t i);
/// A rule returning the element type of array argument i.
ReturnTypeRule ReturnsElement(size_t i);

}  // namespace stratus::sql::functions
