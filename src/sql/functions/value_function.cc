#include "sql/functions/value_function_internal.h"
#include "sql/vector/vector.h"

namespace stratus::sql::functions {

void AddValueFunction(FunctionRegistry::Impl& impl,
                      const ScalarSpec& spec,
                      const ReturnTypeRule& return_type,
                      const ValueFunction& fn,
                      bool null_on_null_argument) {
  impl.AddScalar(spec,
                 [return_type, fn, null_on_null_argument](
                     const std::vector<LogicalType>& bound) -> Result<ScalarBinding> {
                   STRATUS_ASSIGN_OR_RETURN(LogicalType type, return_type(bound));
                   return ScalarBinding{
                       .argument_types = bound,
                       .return_type = type,
                       .kernel = [type, fn, null_on_null_argument](
                                     std::span<const Vector> arguments, size_t rows,
                                     const FunctionContext& /*context*/, Vector* result) -> Status {
                         *result = Vector(type, rows);
                         result->set_size(rows);
                         std::vector<Value> values(arguments.size());
                         for (size_t row = 0; row < rows; ++row) {
                           bool any_null = false;
                           for (size_t i = 0; i < arguments.size(); ++i) {
                             values[i] = arguments[i].GetValue(row);
                             any_null = any_null || values[i].is_null();
                           }
                           Value out = Value::Null(type);
                           if (!(any_null && null_on_null_argument)) {
                             STRATUS_RETURN_IF_ERROR(fn(values, type, &out));
                           }
                           if (!out.is_null() && out.type() != type) {
                             return Status::Internal("a function built a " + out.type().ToString() +
                                                     " value for a " + type.ToString() + " result");
                           }
                           if (out.is_null()) {
                             result->SetValue(row, Value::Null(result->type()));
                           } else {
                             result->SetValue(row, out);
                           }
                         }
                         return Status::Ok();
                       }};
                 });
}

ReturnTypeRule ReturnsType(const LogicalType& type) {
  return [type](const std::vector<LogicalType>&) -> Result<LogicalType> {
    return type;
  };
}

ReturnTypeRule ReturnsArgument(size_t i) {
  return [i](const std::vector<LogicalType>& bound) -> Result<LogicalType> {
    return bound[i];
  };
}

ReturnTypeRule ReturnsElement(size_t i) {
  return [i](const std::vector<LogicalType>& bound) -> Result<LogicalType> {
    return bound[i].kind() == TypeKind::kArray ? bound[i].child(0) : LogicalType::Unknown();
  };
}

}  // namespace stratus::sql::functions
