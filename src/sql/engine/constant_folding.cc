// Constant folding at plan time through the executor's evaluator.

#include "sql/engine/engine_internal.h"

namespace stratus::sql {

binder::ConstantFolder ConstantFolderFor(const StatementContext& /*context*/) {
  // TODO(#9): fold through exec::EvaluateConstant once the evaluator lands.
  return nullptr;
}

}  // namespace stratus::sql
