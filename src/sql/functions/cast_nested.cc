// CASTs between arrays, maps and rows: the children are cast as whole
// vectors with the element casts, the offsets and NULLs carried over.

#include <vector>

#include "sql/functions/cast_internal.h"

namespace stratus::sql::functions {

ScalarKernel NestedCastKernel(const LogicalType& from, const LogicalType& to, bool try_cast) {
  if (from.kind() != to.kind() || !from.is_nested() || from.num_children() != to.num_children()) {
    return nullptr;
  }
  std::vector<std::shared_ptr<const ScalarBinding>> casts;
  for (size_t i = 0; i < from.num_children(); ++i) {
    Result<std::shared_ptr<const ScalarBinding>> cast =
        ResolveCast(from.child(i), to.child(i), try_cast);
    if (!cast.ok()) {
      return nullptr;
    }
    casts.push_back(*cast);
  }
  return [to, casts](std::span<const Vector> arguments, size_t rows, const FunctionContext& context,
                     Vector* result) -> Status {
    const Vector flat = arguments[0].Flatten();
    NewResult(to, rows, result);
    for (size_t row = 0; row < rows; ++row) {
      if (flat.IsNull(row)) {
        result->SetNull(row, true);
      }
    }
    if (to.kind() != TypeKind::kRow) {
      std::memcpy(result->mutable_values<ListEntry>(), flat.values<ListEntry>(),
                  rows * sizeof(ListEntry));
    }
    for (size_t i = 0; i < casts.size(); ++i) {
      const Vector& child = flat.child(i);
      Vector cast;
      STRATUS_RETURN_IF_ERROR(
          casts[i]->kernel(std::span<const Vector>(&child, 1), child.size(), context, &cast));
      result->child(i) = cast.Flatten();
    }
    return Status::Ok();
  };
}

}  // namespace stratus::sql::functions
