// String functions: concat (and the || operator), LIKE, and the rest of
// Trino's varchar functions.

#include <string>

#include "sql/functions/kernel_internal.h"
#include "sql/functions/registry_internal.h"
#include "sql/types/sql_error.h"

namespace stratus::sql::functions {
namespace {

Status ConcatKernel(std::span<const Vector> arguments,
                    size_t rows,
                    const LogicalType& type,
                    Vector* result) {
  std::vector<std::unique_ptr<ArgumentData>> data;
  NewResult(type, rows, result);
  for (const Vector& argument : arguments) {
    data.push_back(std::make_unique<ArgumentData>(argument));
    PropagateNulls(*data.back(), rows, result);
  }
  const uint64_t* validity = result->validity();
  StringView* out = result->mutable_values<StringView>();
  std::string buffer;
  for (size_t i = 0; i < rows; ++i) {
    if (ResultIsNull(validity, i)) {
      continue;
    }
    buffer.clear();
    for (const std::unique_ptr<ArgumentData>& argument : data) {
      buffer.append(argument->values<StringView>()[argument->Index(i)].view());
    }
    out[i] = AddString(result, buffer);
  }
  return Status::Ok();
}

void RegisterConcat(FunctionRegistry::Impl& impl) {
  impl.AddScalar(ScalarSpec{.name = "concat",
                            .arguments = {"varchar", "varchar", "varchar"},
                            .returns = "varchar",
                            .description = "Concatenates the strings (the || operator)",
                            .variadic = true},
                 [](const std::vector<LogicalType>& bound) -> Result<ScalarBinding> {
                   int64_t length = 0;
                   for (const LogicalType& type : bound) {
                     if (type.length() == LogicalType::kUnboundedLength || length < 0) {
                       length = -1;
                     } else {
                       length += type.length();
                     }
                   }
                   const LogicalType type = length < 0 || length > 0x7fffffff
                                                ? LogicalType::Varchar()
                                                : LogicalType::Varchar(static_cast<int>(length));
                   return ScalarBinding{
                       .name = "concat",
                       .argument_types = bound,
                       .return_type = type,
                       .kernel = [type](std::span<const Vector> arguments, size_t rows,
                                        const FunctionContext& /*context*/, Vector* result) {
                         return ConcatKernel(arguments, rows, type, result);
                       }};
                 });
}

}  // namespace

void RegisterStringFunctions(FunctionRegistry& registry) {
  FunctionRegistry::Impl& impl = registry.impl();
  RegisterConcat(impl);
  RegisterLikeOperator(impl);
}

}  // namespace stratus::sql::functions
