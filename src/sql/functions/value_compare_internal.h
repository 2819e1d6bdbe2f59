#pragma once

// Private to sql/functions: the slow, general ordering of Values (nested
// types; comparison.cc), for kernels that have no per-type loop.
//
// Thread safety: pure functions.

namespace stratus::sql {
class Value;
}  // namespace stratus::sql

namespace stratus::sql::functions {

/// Returns <0, 0 or >0 ordering two values of the same type; NaN sorts
/// above every number. Sets *indeterminate when a NULL was compared
/// (Trino's rule: = on arrays or rows holding NULLs is NULL).
int CompareValues(const Value& a, const Value& b, bool* indeterminate);

}  // namespace stratus::sql::functions
