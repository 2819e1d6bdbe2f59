#pragma once

// Bound expressions: what the binder makes of the AST's expressions, and what
// the executor evaluates over batches. Every node has its type; column
// references are positions in the input of the plan node that holds the
// expression (for a join's residual condition: the left input's columns, then
// the right's). Functions, operators and casts are resolved (function.h);
// special forms keep their own kinds because they do not evaluate every
// argument on every row (AND/OR/CASE/COALESCE/TRY short-circuit per row).
//
// Ownership: a tree of std::shared_ptr<const Expr>: immutable once built, so
// plans and optimizer rewrites share subtrees freely.
// Thread safety: immutable; share across drivers.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "sql/types/logical_type.h"
#include "sql/types/value.h"

namespace stratus::sql::functions {
struct ScalarBinding;
}  // namespace stratus::sql::functions

namespace stratus::sql::plan {

enum class ExprKind : uint8_t {
  kColumn,          // column: a position in the node's input
  kConstant,        // constant
  kCall,            // function(args...): a scalar function or an operator
  kCast,            // function (the cast binding) of args[0]; try_cast makes failures NULL
  kAnd,             // args (two or more), three-valued logic
  kOr,              // args (two or more), three-valued logic
  kNot,             // args[0]
  kIsNull,          // args[0] IS NULL
  kCase,            // args: condition1, result1, condition2, result2, ..., [else]; has_else
  kCoalesce,        // args, the first non-NULL
  kIn,              // args[0] IN (args[1], ...), with SQL's NULL rules
  kTry,             // args[0], with errors turned into NULLs row by row
  kLambdaVariable,  // column: a lambda parameter, counted from the last one in scope (below)
  kLambda,          // args[0]: the body; column: the number of parameters
  kLambdaCall,      // name(args...): a function taking lambdas (transform, filter, reduce...)
};

// Lambdas. A kLambda body reads its parameters as kLambdaVariable nodes and
// may read the node's input columns (kColumn, captured per row). The
// evaluator runs a body once over every element of a batch's arrays: over a
// batch whose columns are the enclosing input's columns repeated per element,
// followed by the lambda's parameters. A kLambdaVariable's `column` counts
// from the end of that batch (0 is the innermost lambda's last parameter), so
// an inner lambda reaches an outer one's parameters past its own, and column
// positions (kColumn) keep their meaning inside bodies.

struct Expr;
using ExprPtr = std::shared_ptr<const Expr>;

/// One bound expression node (see the essay above).
struct Expr {
  ExprKind kind = ExprKind::kConstant;
  LogicalType type = {};
  /// kColumn and kLambdaVariable: the position; kLambda: the parameter count.
  size_t column = 0;
  /// kConstant: the value (its type equals `type`).
  Value constant = {};
  /// kCall and kCast.
  std::shared_ptr<const functions::ScalarBinding> function = nullptr;
  bool try_cast = false;
  /// kCase: true when the last argument is the ELSE result.
  bool has_else = false;
  std::vector<ExprPtr> args = {};
  /// kColumn: the column's name, for EXPLAIN; kLambdaCall: the function.
  std::string name = {};
};

ExprPtr MakeColumn(size_t column, LogicalType type, std::string name = {});
ExprPtr MakeConstant(Value value);
ExprPtr MakeCall(std::shared_ptr<const functions::ScalarBinding> function,
                 std::vector<ExprPtr> args);
ExprPtr MakeCast(std::shared_ptr<const functions::ScalarBinding> cast, ExprPtr arg, bool try_cast);
/// Makes kAnd/kOr/kNot/kIsNull/kCase/kCoalesce/kIn/kTry nodes.
ExprPtr MakeSpecial(ExprKind kind, LogicalType type, std::vector<ExprPtr> args);

/// Returns the expression as SQL-like text for EXPLAIN, e.g. "($add(#0, 1) > 10)".
std::string ToString(const Expr& expr);

/// Returns true when the expression reads no column, no lambda variable and
/// calls only deterministic functions (so the planner may fold it).
bool IsConstantFoldable(const Expr& expr);

/// Appends the input positions the expression reads (not lambda variables).
void CollectColumns(const Expr& expr, std::vector<size_t>* columns);

/// Returns a copy with every column position p replaced by mapping[p].
/// REQUIRES: mapping covers every position the expression reads.
ExprPtr RemapColumns(const ExprPtr& expr, const std::vector<size_t>& mapping);

}  // namespace stratus::sql::plan
