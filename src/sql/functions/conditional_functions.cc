// greatest, least and typeof (the conditional forms themselves — IF, CASE,
// COALESCE, NULLIF, TRY — are the binder's and the evaluator's).

#include <cmath>
#include <memory>
#include <vector>

#include "sql/functions/kernel_frame_internal.h"
#include "sql/functions/registry_internal.h"
#include "sql/functions/value_compare_internal.h"
#include "sql/types/sql_error.h"
#include "sql/types/value.h"

namespace stratus::sql::functions {
namespace {

template <bool kGreatest, typename T>
bool Better(const T& candidate, const T& current) {
  if constexpr (std::is_same_v<T, StringView>) {
    return kGreatest ? candidate.view() > current.view() : candidate.view() < current.view();
  } else {
    return kGreatest ? candidate > current : candidate < current;
  }
}

// greatest/least over a fixed-width or string physical type T.
template <bool kGreatest, typename T>
Status ExtremeKernel(std::span<const Vector> arguments,
                     size_t rows,
                     const LogicalType& type,
                     Vector* result) {
  KernelFrame frame(arguments, rows, type, result);
  T* out = frame.out<T>();
  return frame.ForEachRow([&](size_t row) -> Status {
    T best = frame.Get<T>(0, row);
    for (size_t i = 1; i < frame.num_arguments(); ++i) {
      const T candidate = frame.Get<T>(i, row);
      if constexpr (std::is_floating_point_v<T>) {
        if (std::isnan(candidate) || std::isnan(best)) {
          return SqlError(kInvalidFunctionArgument, kGreatest
                                                        ? "Invalid argument to greatest(): NaN"
                                                        : "Invalid argument to least(): NaN");
        }
      }
      if (Better<kGreatest>(candidate, best)) {
        best = candidate;
      }
    }
    if constexpr (std::is_same_v<T, StringView>) {
      // Re-point inline views at this vector's own copy.
      out[row] = AddString(result, best.view());
    } else {
      out[row] = best;
    }
    return Status::Ok();
  });
}

template <bool kGreatest>
Status GeneralExtremeKernel(std::span<const Vector> arguments,
                            size_t rows,
                            const LogicalType& type,
                            Vector* result) {
  *result = Vector(type, rows);
  result->set_size(rows);
  for (size_t row = 0; row < rows; ++row) {
    Value best = arguments[0].GetValue(row);
    bool any_null = best.is_null();
    for (size_t i = 1; i < arguments.size() && !any_null; ++i) {
      Value candidate = arguments[i].GetValue(row);
      any_null = candidate.is_null();
      bool indeterminate = false;
      const int c = any_null ? 0 : CompareValues(candidate, best, &indeterminate);
      if (kGreatest ? c > 0 : c < 0) {
        best = std::move(candidate);
      }
    }
    if (any_null) {
      result->SetValue(row, Value::Null(result->type()));
    } else {
      result->SetValue(row, best);
    }
  }
  return Status::Ok();
}

template <bool kGreatest>
ScalarKernel ExtremeFor(const LogicalType& type) {
  auto make = [type]<typename T>() -> ScalarKernel {
    return [type](std::span<const Vector> arguments, size_t rows,
                  const FunctionContext& /*context*/, Vector* result) {
      return ExtremeKernel<kGreatest, T>(arguments, rows, type, result);
    };
  };
  if (type.kind() == TypeKind::kChar || type.kind() == TypeKind::kTimestampWithTimeZone ||
      type.is_nested()) {
    return [type](std::span<const Vector> arguments, size_t rows,
                  const FunctionContext& /*context*/, Vector* result) {
      return GeneralExtremeKernel<kGreatest>(arguments, rows, type, result);
    };
  }
  switch (type.physical_type()) {
    case PhysicalType::kBool:
      return make.template operator()<uint8_t>();
    case PhysicalType::kInt8:
      return make.template operator()<int8_t>();
    case PhysicalType::kInt16:
      return make.template operator()<int16_t>();
    case PhysicalType::kInt32:
      return make.template operator()<int32_t>();
    case PhysicalType::kInt64:
      return make.template operator()<int64_t>();
    case PhysicalType::kInt128:
      return make.template operator()<Int128>();
    case PhysicalType::kFloat:
      return make.template operator()<float>();
    case PhysicalType::kDouble:
      return make.template operator()<double>();
    case PhysicalType::kString:
      return make.template operator()<StringView>();
    default:
      return [type](std::span<const Vector> arguments, size_t rows,
                    const FunctionContext& /*context*/, Vector* result) {
        return GeneralExtremeKernel<kGreatest>(arguments, rows, type, result);
      };
  }
}

}  // namespace

void RegisterConditionalFunctions(FunctionRegistry& registry) {
  FunctionRegistry::Impl& impl = registry.impl();
  impl.AddScalar(ScalarSpec{.name = "greatest",
                            .arguments = {"T:orderable"},
                            .returns = "T",
                            .description = "Returns the largest argument (NULL if any is NULL)",
                            .variadic = true},
                 [](const std::vector<LogicalType>& bound) -> Result<ScalarBinding> {
                   return ScalarBinding{.argument_types = bound,
                                        .return_type = bound[0],
                                        .kernel = ExtremeFor<true>(bound[0])};
                 });
  impl.AddScalar(ScalarSpec{.name = "least",
                            .arguments = {"T:orderable"},
                            .returns = "T",
                            .description = "Returns the smallest argument (NULL if any is NULL)",
                            .variadic = true},
                 [](const std::vector<LogicalType>& bound) -> Result<ScalarBinding> {
                   return ScalarBinding{.argument_types = bound,
                                        .return_type = bound[0],
                                        .kernel = ExtremeFor<false>(bound[0])};
                 });
  impl.AddScalar(
      ScalarSpec{.name = "typeof",
                 .arguments = {"any"},
                 .returns = "varchar",
                 .description = "Returns the name of the argument's type"},
      [](const std::vector<LogicalType>& bound) -> Result<ScalarBinding> {
        const std::string name = bound[0].ToString();
        return ScalarBinding{
            .argument_types = bound,
            .return_type = LogicalType::Varchar(),
            .kernel = [name](std::span<const Vector> /*arguments*/, size_t rows,
                             const FunctionContext& /*context*/, Vector* result) -> Status {
              NewResult(LogicalType::Varchar(), rows, result);
              auto* out = result->mutable_values<StringView>();
              const StringView view = AddString(result, name);
              for (size_t i = 0; i < rows; ++i) {
                out[i] = view;
              }
              return Status::Ok();
            }};
      });
  AddRowFunction(impl,
                 ScalarSpec{.name = "current_user",
                            .returns = "varchar",
                            .description = "Returns the session's user"},
                 [](KernelFrame& frame, size_t row, const FunctionContext& context) {
                   frame.SetString(row, context.current_user);
                   return Status::Ok();
                 });
}

}  // namespace stratus::sql::functions
