// Constant folding at plan time through the executor's evaluator.

#include "sql/engine/engine_internal.h"
#include "sql/exec/expression_evaluator.h"
#include "sql/planner/expr.h"

namespace stratus::sql {

binder::ConstantFolder ConstantFolderFor(const StatementContext& context) {
  const functions::FunctionContext* functions = &context.functions;
  return [functions](const plan::Expr& expr) -> Result<Value> {
    return exec::EvaluateConstant(expr, *functions);
  };
}

}  // namespace stratus::sql
