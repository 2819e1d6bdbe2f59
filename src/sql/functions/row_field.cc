// Row field access: `r.x` and `r[1]` (the binder picks the field).

#include <span>
#include <string>
#include <utility>

#include "sql/functions/function.h"
#include "sql/types/logical_type.h"
#include "sql/vector/vector.h"

namespace stratus::sql::functions {

std::shared_ptr<const ScalarBinding> RowFieldBinding(const LogicalType& row, size_t field) {
  auto binding = std::make_shared<ScalarBinding>();
  binding->name = "$field";
  binding->argument_types = {row, LogicalType::Integer()};
  binding->return_type = row.child(field);
  binding->kernel = [field](std::span<const Vector> arguments, size_t rows,
                            const FunctionContext& /*context*/, Vector* result) {
    const Vector flat = arguments[0].Flatten();
    // A copy: the row's child is shared with the row vector.
    Vector out = flat.child(field).Select(SelectionVector::Identity(rows));
    if (flat.validity() != nullptr) {
      for (size_t r = 0; r < rows; ++r) {
        if (flat.IsNull(r)) {
          out.SetNull(r, true);
        }
      }
    }
    *result = std::move(out);
    return Status::Ok();
  };
  return binding;
}

}  // namespace stratus::sql::functions
