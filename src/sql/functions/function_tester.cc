#include "sql/functions/function_tester.h"

#include <memory>

#include "base/format.h"
#include "sql/functions/function.h"
#include "sql/types/sql_error.h"
#include "sql/vector/vector.h"

namespace stratus::sql::functions {
namespace {

Vector OneRow(const Value& value) {
  Vector vector(value.type(), 1);
  vector.set_size(1);
  vector.SetValue(0, value);
  return vector;
}

Result<Vector> Coerce(Vector vector, const LogicalType& to, size_t rows) {
  if (vector.type() == to) {
    return vector;
  }
  STRATUS_ASSIGN_OR_RETURN(std::shared_ptr<const ScalarBinding> cast,
                           ResolveCast(vector.type(), to, false));
  Vector out;
  STRATUS_RETURN_IF_ERROR(
      cast->kernel(std::span<const Vector>(&vector, 1), rows, FunctionContext{}, &out));
  return out;
}

Result<Value> Run(std::string_view name, std::vector<Vector> vectors, size_t rows) {
  std::vector<LogicalType> types;
  types.reserve(vectors.size());
  for (const Vector& vector : vectors) {
    types.push_back(vector.type());
  }
  STRATUS_ASSIGN_OR_RETURN(std::shared_ptr<const ScalarBinding> binding,
                           FunctionRegistry::Default().ResolveScalar(name, types));
  for (size_t i = 0; i < vectors.size(); ++i) {
    STRATUS_ASSIGN_OR_RETURN(vectors[i],
                             Coerce(std::move(vectors[i]), binding->argument_types[i], rows));
  }
  FunctionContext context;
  context.query_start_millis = 1'704'164'645'123;  // 2024-01-02 03:04:05.123 UTC
  Vector result;
  STRATUS_RETURN_IF_ERROR(binding->kernel(vectors, rows, context, &result));
  if (result.type() != binding->return_type) {
    return Status::Internal(Format("kernel returned {} for {}", result.type().ToString(),
                                   binding->return_type.ToString()));
  }
  const Value first = result.GetValue(0);
  for (size_t row = 1; row < rows; ++row) {
    if (result.GetValue(row) != first) {
      return Status::Internal("rows of a constant evaluation differ");
    }
  }
  return first;
}

}  // namespace

Result<Value> EvalScalar(std::string_view name, const std::vector<Value>& arguments) {
  std::vector<Vector> vectors;
  vectors.reserve(arguments.size());
  for (const Value& argument : arguments) {
    vectors.push_back(OneRow(argument));
  }
  return Run(name, std::move(vectors), 1);
}

Result<Value> EvalScalarConstant(std::string_view name,
                                 const std::vector<Value>& arguments,
                                 size_t rows) {
  std::vector<Vector> vectors;
  vectors.reserve(arguments.size());
  for (const Value& argument : arguments) {
    vectors.push_back(Vector::Constant(argument, rows));
  }
  return Run(name, std::move(vectors), rows);
}

Result<Value> EvalCast(const Value& value, const LogicalType& to, bool try_cast) {
  STRATUS_ASSIGN_OR_RETURN(std::shared_ptr<const ScalarBinding> cast,
                           ResolveCast(value.type(), to, try_cast));
  const Vector input = OneRow(value);
  Vector out;
  STRATUS_RETURN_IF_ERROR(
      cast->kernel(std::span<const Vector>(&input, 1), 1, FunctionContext{}, &out));
  return out.GetValue(0);
}

Result<Value> EvalAggregate(std::string_view name,
                            const std::vector<LogicalType>& argument_types,
                            const std::vector<std::vector<Value>>& columns) {
  STRATUS_ASSIGN_OR_RETURN(std::shared_ptr<const AggregateBinding> binding,
                           FunctionRegistry::Default().ResolveAggregate(name, argument_types));
  const AggregateKernel& kernel = *binding->kernel;
  const size_t rows = columns.empty() ? 0 : columns[0].size();
  std::vector<Vector> vectors;
  for (size_t c = 0; c < columns.size(); ++c) {
    Vector vector(argument_types[c], rows);
    vector.set_size(rows);
    for (size_t r = 0; r < rows; ++r) {
      vector.SetValue(r, columns[c][r]);
    }
    STRATUS_ASSIGN_OR_RETURN(vector, Coerce(std::move(vector), binding->argument_types[c], rows));
    vectors.push_back(std::move(vector));
  }

  // Two states, as two drivers: even rows to the first, odd rows to the second.
  struct alignas(16) Storage {
    uint8_t bytes[256];
  };

  auto first = std::make_unique<Storage>();
  auto second = std::make_unique<Storage>();
  if (kernel.state_size() > sizeof(Storage)) {
    return Status::Internal("state too large for the tester");
  }
  kernel.Initialize(first->bytes);
  kernel.Initialize(second->bytes);
  std::vector<uint8_t*> states;
  for (size_t r = 0; r < rows; ++r) {
    states.push_back(r % 2 == 0 ? first->bytes : second->bytes);
  }
  Status status = kernel.Update(vectors, rows, states.data());
  if (status.ok()) {
    status = kernel.Combine(second->bytes, first->bytes);
  }
  Vector out(binding->return_type, 1);
  out.set_size(1);
  if (status.ok()) {
    status = kernel.Finalize(first->bytes, &out, 0);
  }
  if (kernel.needs_destroy()) {
    kernel.Destroy(first->bytes);
    kernel.Destroy(second->bytes);
  }
  STRATUS_RETURN_IF_ERROR(status);
  return out.GetValue(0);
}

std::string Describe(const Result<Value>& result) {
  if (!result.ok()) {
    return SqlErrorName(result.status()) + ": " + result.status().message();
  }
  return result->ToString() + " :: " + result->type().ToString();
}

}  // namespace stratus::sql::functions
