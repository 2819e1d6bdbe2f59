#pragma once

// Private to sql/functions: registration helpers for functions whose kernel
// is a plain per-value function of fixed physical types (most math), so each
// area writes `AddUnaryFunction<double, double>(impl, spec, [](double x) {...})`.
//
// Thread safety: registration runs once, before the registry is shared.

#include "sql/functions/kernel_internal.h"
#include "sql/functions/registry_internal.h"
#include "sql/types/type_names.h"

namespace stratus::sql::functions {

/// Registers spec (fixed return type) computing f(A) -> R for every row.
template <typename A, typename R, typename F>
void AddUnaryFunction(FunctionRegistry::Impl& impl, const ScalarSpec& spec, F f) {
  const LogicalType type = *ParseTrinoType(spec.returns);
  impl.AddScalar(spec, ScalarKernel([type, f](std::span<const Vector> arguments, size_t rows,
                                              const FunctionContext& /*context*/, Vector* result) {
                   return UnaryLoop<A, R>(
                       arguments[0], rows, type, result,
                       [&f](A a, R* out) {
                         *out = f(a);
                         return true;
                       },
                       [](A) { return Status::Ok(); });
                 }));
}

/// Registers spec (fixed return type) computing f(A, B) -> R for every row.
template <typename A, typename B, typename R, typename F>
void AddBinaryFunction(FunctionRegistry::Impl& impl, const ScalarSpec& spec, F f) {
  const LogicalType type = *ParseTrinoType(spec.returns);
  impl.AddScalar(spec, ScalarKernel([type, f](std::span<const Vector> arguments, size_t rows,
                                              const FunctionContext& /*context*/, Vector* result) {
                   return BinaryLoop<A, B, R>(
                       arguments[0], arguments[1], rows, type, result,
                       [&f](A a, B b, R* out) {
                         *out = f(a, b);
                         return true;
                       },
                       [](A, B) { return Status::Ok(); });
                 }));
}

/// Registers spec computing op(A, R*) -> bool; a false at a non-NULL row is error(A).
template <typename A, typename R, typename Op, typename Error>
void AddCheckedUnaryFunction(FunctionRegistry::Impl& impl,
                             const ScalarSpec& spec,
                             Op op,
                             Error error) {
  const LogicalType type = *ParseTrinoType(spec.returns);
  impl.AddScalar(
      spec, ScalarKernel([type, op, error](std::span<const Vector> arguments, size_t rows,
                                           const FunctionContext& /*context*/, Vector* result) {
        return UnaryLoop<A, R>(arguments[0], rows, type, result, op, error);
      }));
}

/// Registers spec computing op(A, B, R*) -> bool; a false at a non-NULL row is error(A, B).
template <typename A, typename B, typename R, typename Op, typename Error>
void AddCheckedBinaryFunction(FunctionRegistry::Impl& impl,
                              const ScalarSpec& spec,
                              Op op,
                              Error error) {
  const LogicalType type = *ParseTrinoType(spec.returns);
  impl.AddScalar(
      spec, ScalarKernel([type, op, error](std::span<const Vector> arguments, size_t rows,
                                           const FunctionContext& /*context*/, Vector* result) {
        return BinaryLoop<A, B, R>(arguments[0], arguments[1], rows, type, result, op, error);
      }));
}

}  // namespace stratus::sql::functions
