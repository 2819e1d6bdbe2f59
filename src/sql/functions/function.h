#pragma once

// Functions of the SQL engine: what the binder resolves a call to, and what
// the executor runs.
//
// Model. The binder asks the FunctionRegistry to resolve a name and the types
// of the arguments as written. Resolution picks an overload (Trino's rules:
// an exact signature first, else the one reachable by the fewest implicit
// coercions, coercion.h) and returns a *binding*: the types each argument
// must be cast to (the binder inserts the casts), the return type and the
// kernel. Operators (+, =, ||, unary -, subscripts) resolve like functions
// under the reserved names below; special forms (AND, OR, NOT, CASE,
// COALESCE, IF, NULLIF, TRY, IN, IS NULL, BETWEEN, lambdas) are the binder's
// and the evaluator's, not the registry's.
//
// Kernels. A scalar kernel gets its arguments as vectors of `rows` rows (any
// encoding: call Flatten() or special-case kConstant for speed; argument
// types are exactly binding.argument_types) and sets *result to a vector of
// `rows` rows of binding.return_type. Kernels handle NULLs themselves (most
// return NULL when any argument is NULL). Expected failures (a bad cast,
// division by zero, an invalid argument) return a Status made by SqlError()
// with Trino's name and message; the evaluator turns them into NULLs under
// TRY and TRY_CAST, re-running the failing batch row by row.
//
// Aggregates keep one fixed-size state per group in memory the executor
// owns (hash table payloads): Initialize, then Update with batches, Combine
// partial states of parallel drivers, Finalize into a result row, Destroy.
//
// Thread safety: bindings and kernels are immutable and shared by every
// driver of every query (std::shared_ptr); kernels keep no mutable state
// outside the states and vectors they are given.

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "sql/types/logical_type.h"

namespace stratus::sql {
class Vector;
}  // namespace stratus::sql

namespace stratus::sql::functions {

// Reserved names operators resolve under (hidden from SHOW FUNCTIONS).
inline constexpr std::string_view kAddOperator = "$add";
inline constexpr std::string_view kSubtractOperator = "$subtract";
inline constexpr std::string_view kMultiplyOperator = "$multiply";
inline constexpr std::string_view kDivideOperator = "$divide";
inline constexpr std::string_view kModulusOperator = "$modulus";
inline constexpr std::string_view kNegateOperator = "$negate";
inline constexpr std::string_view kEqualOperator = "$equal";
inline constexpr std::string_view kNotEqualOperator = "$not_equal";
inline constexpr std::string_view kLessThanOperator = "$less_than";
inline constexpr std::string_view kLessThanOrEqualOperator = "$less_than_or_equal";
inline constexpr std::string_view kGreaterThanOperator = "$greater_than";
inline constexpr std::string_view kGreaterThanOrEqualOperator = "$greater_than_or_equal";
inline constexpr std::string_view kIsDistinctFromOperator = "$is_distinct_from";
/// `a[i]` on arrays (1-based, error when out of bounds) and maps (error when absent).
inline constexpr std::string_view kSubscriptOperator = "$subscript";
/// `x LIKE pattern [ESCAPE e]`: (varchar, varchar[, varchar]) → boolean.
inline constexpr std::string_view kLikeOperator = "$like";

/// `ARRAY[a, b, ...]`: (T, ...) → array(T); the binder coerces the elements to one type.
inline constexpr std::string_view kArrayConstructor = "array_constructor";
/// `ROW(a, b, ...)`: (any, ...) → row(T1, T2, ...) with unnamed fields.
inline constexpr std::string_view kRowConstructor = "row_constructor";

// `a || b` resolves as the public function "concat" (strings and arrays).
// EXTRACT(field FROM x) resolves as the function named after the field
// (year, month, day_of_week, ...). AT TIME ZONE resolves as "at_timezone".
// Timestamps with time zone pack UTC millis << 12 | a zone key: 0 is UTC,
// 1..1681 are fixed offsets (offset minutes + 841); named zones are not
// supported yet (datetime_internal.h).

/// What a running query lets functions read.
struct FunctionContext {
  /// The query's start; now(), current_timestamp, current_date read it.
  int64_t query_start_millis = 0;
  /// The session's zone (an IANA name or "UTC"); current_date and
  /// at_timezone-free conversions use it.
  std::string session_time_zone = "UTC";
  std::string current_user = "stratus";
};

/// Runs a scalar function over `rows` rows (see the essay above).
using ScalarKernel = std::function<Status(std::span<const Vector> arguments,
                                          size_t rows,
                                          const FunctionContext& context,
                                          Vector* result)>;

/// A resolved scalar function (or operator, or cast).
struct ScalarBinding {
  /// The name as SQL writes it, for EXPLAIN ("substr", "$add", "CAST").
  std::string name = {};
  /// The type each argument must have when the kernel runs.
  std::vector<LogicalType> argument_types = {};
  LogicalType return_type = {};
  ScalarKernel kernel = nullptr;
  /// False for rand(), uuid(), now(): never folded into a constant at plan time.
  bool deterministic = true;
};

/// One aggregate function's kernel (see the essay above). States are
/// `state_size()` bytes aligned to 16, allocated by the executor.
class AggregateKernel {
 public:
  AggregateKernel() = default;
  AggregateKernel(const AggregateKernel&) = delete;
  AggregateKernel& operator=(const AggregateKernel&) = delete;
  virtual ~AggregateKernel() = default;

  virtual size_t state_size() const = 0;
  /// Sets up an empty state (count 0, no value yet).
  virtual void Initialize(uint8_t* state) const = 0;
  /// Adds row i of `arguments` (each of `rows` rows, any encoding) to
  /// states[i]; several rows may share a state. NULL handling is the kernel's
  /// (most aggregates skip rows whose argument is NULL; count(*) has no arguments).
  virtual Status Update(std::span<const Vector> arguments,
                        size_t rows,
                        uint8_t* const* states) const = 0;
  /// Merges `source` into `target` (partial states of two drivers).
  virtual Status Combine(const uint8_t* source, uint8_t* target) const = 0;
  /// Writes the state's result into row `row` of `out`, a flat vector of
  /// the binding's return type with capacity > row.
  virtual Status Finalize(const uint8_t* state, Vector* out, size_t row) const = 0;

  /// Frees what a state owns outside its bytes (strings, arrays, sets).
  virtual void Destroy(uint8_t* /*state*/) const {}

  /// True when Destroy() must be called for each state.
  virtual bool needs_destroy() const { return false; }

  /// Bytes a state holds outside its fixed part, for the memory budget.
  virtual size_t OwnedBytes(const uint8_t* /*state*/) const { return 0; }
};

/// A resolved aggregate function.
struct AggregateBinding {
  std::string name = {};
  std::vector<LogicalType> argument_types = {};
  LogicalType return_type = {};
  std::shared_ptr<const AggregateKernel> kernel = nullptr;
  /// True when the result depends on input order (array_agg, map_agg without
  /// ORDER BY): the planner keeps such aggregates' ORDER BY.
  bool order_sensitive = false;
};

/// The window-only functions; aggregates over frames use AggregateBinding.
enum class WindowFunctionKind : uint8_t {
  kRowNumber,
  kRank,
  kDenseRank,
  kPercentRank,
  kCumeDist,
  kNtile,
  kFirstValue,
  kLastValue,
  kNthValue,
  kLag,
  kLead,
};

/// A resolved window-only function.
struct WindowBinding {
  std::string name = {};
  WindowFunctionKind kind = WindowFunctionKind::kRowNumber;
  std::vector<LogicalType> argument_types = {};
  LogicalType return_type = {};
};

/// One row of SHOW FUNCTIONS.
struct FunctionInfo {
  std::string name = {};
  std::string return_type = {};     // "varchar", "T", "array(T)"
  std::string argument_types = {};  // "varchar, bigint"
  std::string function_type = {};   // "scalar", "aggregate", "window"
  bool deterministic = true;
  std::string description = {};
};

/// Every function the engine knows, by name (see the essay above).
///
/// Ownership: owns its overloads; hands out shared bindings.
/// Thread safety: immutable after construction; Default() is built once.
class FunctionRegistry {
 public:
  /// Returns the registry of built-in functions.
  static const FunctionRegistry& Default();

  FunctionRegistry();
  ~FunctionRegistry();
  FunctionRegistry(const FunctionRegistry&) = delete;
  FunctionRegistry& operator=(const FunctionRegistry&) = delete;

  /// Resolves a scalar function or operator. Errors: FUNCTION_NOT_FOUND
  /// ("Function 'foo' not registered") for an unknown name, and for known
  /// names whose overloads do not accept the types Trino's message
  /// "Unexpected parameters (varchar) for function abs. Expected: abs(bigint), ...".
  /// For operators the message is "Cannot apply operator: varchar + integer".
  /// The binder prefixes positions.
  Result<std::shared_ptr<const ScalarBinding>> ResolveScalar(
      std::string_view name, std::span<const LogicalType> argument_types) const;

  /// Resolves an aggregate; count(*) is ResolveAggregate("count", {}).
  Result<std::shared_ptr<const AggregateBinding>> ResolveAggregate(
      std::string_view name, std::span<const LogicalType> argument_types) const;

  /// Resolves a window-only function (row_number, rank, lag, ...).
  Result<std::shared_ptr<const WindowBinding>> ResolveWindow(
      std::string_view name, std::span<const LogicalType> argument_types) const;

  bool IsAggregate(std::string_view name) const;
  bool IsWindow(std::string_view name) const;
  /// True for any registered name (scalar, aggregate or window).
  bool Exists(std::string_view name) const;

  /// Returns every public overload, sorted by name, for SHOW FUNCTIONS.
  std::vector<FunctionInfo> List() const;

  /// Lets the per-area Register*Functions() add overloads (registry_internal.h).
  struct Impl;

  Impl& impl() { return *impl_; }

 private:
  std::unique_ptr<Impl> impl_;
};

/// Returns the binding of `r.x` and `r[i]`: field `field` (0-based) of a
/// value of the row type `row`; NULL where the row is NULL.
/// REQUIRES: row is a row type with more than `field` fields.
std::shared_ptr<const ScalarBinding> RowFieldBinding(const LogicalType& row, size_t field);

/// Returns the binding of a correlated scalar subquery's value check
/// `$single_row(count, value)`: the value, or SUBQUERY_MULTIPLE_ROWS
/// ("Scalar sub-query has returned multiple rows") where count > 1.
std::shared_ptr<const ScalarBinding> SingleRowCheckBinding(const LogicalType& value);

/// Returns the binding of a recursive WITH query's depth check
/// `$recursion_limit(column)` over the step past the last one unrolled: FALSE
/// over no rows, NOT_SUPPORTED ("Recursion depth limit exceeded (10). Use
/// 'max_recursion_depth' session property to modify the limit.") over any.
std::shared_ptr<const ScalarBinding> RecursionLimitBinding(const LogicalType& column,
                                                           int max_depth);

/// Resolves CAST(from AS to) (try_cast: TRY_CAST, NULL instead of an
/// error). Errors: TYPE_MISMATCH "Cannot cast varchar to array(integer)"
/// when Trino has no such cast. A cast to the same type is the identity.
Result<std::shared_ptr<const ScalarBinding>> ResolveCast(const LogicalType& from,
                                                         const LogicalType& to,
                                                         bool try_cast);

}  // namespace stratus::sql::functions
