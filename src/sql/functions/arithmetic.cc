// The arithmetic operators ($add, $subtract, $multiply, $divide, $modulus,
// $negate) on integers (overflow checked), real, double and decimal (exact,
// Trino's result precision and scale), and date/time ± intervals.

#include <cmath>
#include <limits>

#include "base/format.h"
#include "sql/functions/cast_internal.h"
#include "sql/functions/kernel_internal.h"
#include "sql/functions/registry_internal.h"
#include "sql/types/calendar.h"
#include "sql/types/decimal.h"
#include "sql/types/sql_error.h"
#include "sql/types/type_names.h"

namespace stratus::sql::functions {
namespace {

enum class ArithmeticOp : uint8_t { kAdd, kSubtract, kMultiply, kDivide, kModulus };

constexpr std::string_view kOperatorNames[] = {kAddOperator, kSubtractOperator, kMultiplyOperator,
                                               kDivideOperator, kModulusOperator};
constexpr std::string_view kOperatorWords[] = {"addition", "subtraction", "multiplication",
                                               "division", "modulus"};
constexpr std::string_view kOperatorSymbols[] = {"+", "-", "*", "/", "%"};

Status DivisionByZero() {
  return SqlError(kDivisionByZero, "Division by zero");
}

template <ArithmeticOp kOp, typename T>
bool IntegerOp(T a, T b, T* out) {
  if constexpr (kOp == ArithmeticOp::kAdd) {
    return !__builtin_add_overflow(a, b, out);
  } else if constexpr (kOp == ArithmeticOp::kSubtract) {
    return !__builtin_sub_overflow(a, b, out);
  } else if constexpr (kOp == ArithmeticOp::kMultiply) {
    return !__builtin_mul_overflow(a, b, out);
  } else if constexpr (kOp == ArithmeticOp::kDivide) {
    if (b == 0 || (b == -1 && a == std::numeric_limits<T>::min())) {
      return false;
    }
    *out = static_cast<T>(a / b);
    return true;
  } else {
    if (b == 0) {
      return false;
    }
    *out = b == -1 ? T{0} : static_cast<T>(a % b);
    return true;
  }
}

template <ArithmeticOp kOp, typename T>
void AddIntegerOperator(FunctionRegistry::Impl& impl, std::string_view type_name) {
  const LogicalType type = *ParseTrinoType(type_name);
  const auto index = static_cast<size_t>(kOp);
  impl.AddScalar(
      ScalarSpec{
          .name = kOperatorNames[index], .arguments = {type_name, type_name}, .returns = type_name},
      ScalarKernel([type, type_name](std::span<const Vector> arguments, size_t rows,
                                     const FunctionContext& /*context*/, Vector* result) {
        return BinaryLoop<T, T, T>(
            arguments[0], arguments[1], rows, type, result, IntegerOp<kOp, T>,
            [type_name](T a, T b) -> Status {
              if ((kOp == ArithmeticOp::kDivide || kOp == ArithmeticOp::kModulus) && b == 0) {
                return DivisionByZero();
              }
              return SqlError(kNumericValueOutOfRange,
                              Format("{} {} overflow: {} {} {}", type_name,
                                     kOperatorWords[static_cast<size_t>(kOp)], a,
                                     kOperatorSymbols[static_cast<size_t>(kOp)], b));
            });
      }));
}

template <typename T>
void AddIntegerOperators(FunctionRegistry::Impl& impl, std::string_view type_name) {
  AddIntegerOperator<ArithmeticOp::kAdd, T>(impl, type_name);
  AddIntegerOperator<ArithmeticOp::kSubtract, T>(impl, type_name);
  AddIntegerOperator<ArithmeticOp::kMultiply, T>(impl, type_name);
  AddIntegerOperator<ArithmeticOp::kDivide, T>(impl, type_name);
  AddIntegerOperator<ArithmeticOp::kModulus, T>(impl, type_name);
  const LogicalType type = *ParseTrinoType(type_name);
  impl.AddScalar(
      ScalarSpec{.name = kNegateOperator, .arguments = {type_name}, .returns = type_name},
      ScalarKernel([type, type_name](std::span<const Vector> arguments, size_t rows,
                                     const FunctionContext& /*context*/, Vector* result) {
        return UnaryLoop<T, T>(
            arguments[0], rows, type, result,
            [](T a, T* out) { return !__builtin_sub_overflow(T{0}, a, out); },
            [type_name](T a) {
              return SqlError(kNumericValueOutOfRange,
                              Format("{} negation overflow: {}", type_name, a));
            });
      }));
}

template <ArithmeticOp kOp, typename T>
bool FloatOp(T a, T b, T* out) {
  if constexpr (kOp == ArithmeticOp::kAdd) {
    *out = a + b;
  } else if constexpr (kOp == ArithmeticOp::kSubtract) {
    *out = a - b;
  } else if constexpr (kOp == ArithmeticOp::kMultiply) {
    *out = a * b;
  } else if constexpr (kOp == ArithmeticOp::kDivide) {
    *out = a / b;
  } else {
    *out = std::fmod(a, b);
  }
  return true;
}

template <ArithmeticOp kOp, typename T>
void AddFloatOperator(FunctionRegistry::Impl& impl, std::string_view type_name) {
  const LogicalType type = *ParseTrinoType(type_name);
  impl.AddScalar(ScalarSpec{.name = kOperatorNames[static_cast<size_t>(kOp)],
                            .arguments = {type_name, type_name},
                            .returns = type_name},
                 ScalarKernel([type](std::span<const Vector> arguments, size_t rows,
                                     const FunctionContext& /*context*/, Vector* result) {
                   return BinaryLoop<T, T, T>(arguments[0], arguments[1], rows, type, result,
                                              FloatOp<kOp, T>, [](T, T) { return Status::Ok(); });
                 }));
}

template <typename T>
void AddFloatOperators(FunctionRegistry::Impl& impl, std::string_view type_name) {
  AddFloatOperator<ArithmeticOp::kAdd, T>(impl, type_name);
  AddFloatOperator<ArithmeticOp::kSubtract, T>(impl, type_name);
  AddFloatOperator<ArithmeticOp::kMultiply, T>(impl, type_name);
  AddFloatOperator<ArithmeticOp::kDivide, T>(impl, type_name);
  AddFloatOperator<ArithmeticOp::kModulus, T>(impl, type_name);
  const LogicalType type = *ParseTrinoType(type_name);
  impl.AddScalar(
      ScalarSpec{.name = kNegateOperator, .arguments = {type_name}, .returns = type_name},
      ScalarKernel([type](std::span<const Vector> arguments, size_t rows,
                          const FunctionContext& /*context*/, Vector* result) {
        return UnaryLoop<T, T>(
            arguments[0], rows, type, result,
            [](T a, T* out) {
              *out = -a;
              return true;
            },
            [](T) { return Status::Ok(); });
      }));
}

// Decimal arithmetic: operands widened to Int128 and brought to a common scale.
struct DecimalPlan {
  int left_scale = 0;
  int right_scale = 0;
  LogicalType result = {};
};

LogicalType DecimalResultType(ArithmeticOp op, const LogicalType& a, const LogicalType& b) {
  const int p1 = a.precision();
  const int s1 = a.scale();
  const int p2 = b.precision();
  const int s2 = b.scale();
  constexpr int kMax = LogicalType::kMaxDecimalPrecision;
  switch (op) {
    case ArithmeticOp::kAdd:
    case ArithmeticOp::kSubtract: {
      const int scale = std::max(s1, s2);
      return LogicalType::Decimal(std::min(kMax, 1 + std::max(p1 - s1, p2 - s2) + scale), scale);
    }
    case ArithmeticOp::kMultiply:
      return LogicalType::Decimal(std::min(kMax, p1 + p2), std::min(kMax, s1 + s2));
    case ArithmeticOp::kDivide:
      return LogicalType::Decimal(std::min(kMax, p1 + s2 + std::max(s2 - s1, 0)), std::max(s1, s2));
    case ArithmeticOp::kModulus:
      return LogicalType::Decimal(std::max(1, std::min(p2 - s2, p1 - s1) + std::max(s1, s2)),
                                  std::max(s1, s2));
  }
  return a;
}

template <ArithmeticOp kOp>
bool DecimalOp(const DecimalPlan& plan, Int128 a, Int128 b, Int128* out) {
  const int scale = plan.result.scale();
  if constexpr (kOp == ArithmeticOp::kAdd || kOp == ArithmeticOp::kSubtract ||
                kOp == ArithmeticOp::kModulus) {
    Int128 x = 0;
    Int128 y = 0;
    const int common = std::max(plan.left_scale, plan.right_scale);
    if (!RescaleDecimal(a, plan.left_scale, common, &x) ||
        !RescaleDecimal(b, plan.right_scale, common, &y)) {
      return false;
    }
    if constexpr (kOp == ArithmeticOp::kAdd) {
      if (__builtin_add_overflow(x, y, out)) {
        return false;
      }
    } else if constexpr (kOp == ArithmeticOp::kSubtract) {
      if (__builtin_sub_overflow(x, y, out)) {
        return false;
      }
    } else {
      if (y == 0) {
        return false;
      }
      *out = x % y;
    }
  } else if constexpr (kOp == ArithmeticOp::kMultiply) {
    if (__builtin_mul_overflow(a, b, out)) {
      return false;
    }
  } else {
    if (b == 0) {
      return false;
    }
    // a / b at the result scale: a * 10^(scale - s1 + s2) / b, rounded half up.
    Int128 dividend = 0;
    if (!RescaleDecimal(a, plan.left_scale, scale + plan.right_scale, &dividend)) {
      return false;
    }
    Int128 quotient = dividend / b;
    const Int128 remainder = dividend % b;
    const Int128 twice = remainder < 0 ? -remainder * 2 : remainder * 2;
    const Int128 divisor = b < 0 ? -b : b;
    if (twice >= divisor) {
      quotient += (dividend < 0) != (b < 0) ? -1 : 1;
    }
    *out = quotient;
  }
  return FitsPrecision(*out, plan.result.precision());
}

template <ArithmeticOp kOp, typename A, typename B, typename R>
ScalarKernel DecimalKernel(const DecimalPlan& plan) {
  return [plan](std::span<const Vector> arguments, size_t rows, const FunctionContext& /*context*/,
                Vector* result) {
    return BinaryLoop<A, B, R>(
        arguments[0], arguments[1], rows, plan.result, result,
        [&plan](A a, B b, R* out) {
          Int128 value = 0;
          const bool ok =
              DecimalOp<kOp>(plan, static_cast<Int128>(a), static_cast<Int128>(b), &value);
          *out = static_cast<R>(value);
          return ok;
        },
        [](A /*a*/, B b) -> Status {
          if ((kOp == ArithmeticOp::kDivide || kOp == ArithmeticOp::kModulus) && b == 0) {
            return DivisionByZero();
          }
          return SqlError(kNumericValueOutOfRange, "Decimal overflow");
        });
  };
}

template <ArithmeticOp kOp, typename A, typename B>
ScalarKernel DecimalKernelFor(const DecimalPlan& plan) {
  if (plan.result.is_short_decimal()) {
    return DecimalKernel<kOp, A, B, int64_t>(plan);
  }
  return DecimalKernel<kOp, A, B, Int128>(plan);
}

template <ArithmeticOp kOp>
void AddDecimalOperator(FunctionRegistry::Impl& impl) {
  impl.AddScalar(ScalarSpec{.name = kOperatorNames[static_cast<size_t>(kOp)],
                            .arguments = {"decimal", "decimal"},
                            .returns = "decimal"},
                 [](const std::vector<LogicalType>& bound) -> Result<ScalarBinding> {
                   DecimalPlan plan{.left_scale = bound[0].scale(),
                                    .right_scale = bound[1].scale(),
                                    .result = DecimalResultType(kOp, bound[0], bound[1])};
                   ScalarKernel kernel;
                   const bool short_a = bound[0].is_short_decimal();
                   const bool short_b = bound[1].is_short_decimal();
                   if (short_a && short_b) {
                     kernel = DecimalKernelFor<kOp, int64_t, int64_t>(plan);
                   } else if (short_a) {
                     kernel = DecimalKernelFor<kOp, int64_t, Int128>(plan);
                   } else if (short_b) {
                     kernel = DecimalKernelFor<kOp, Int128, int64_t>(plan);
                   } else {
                     kernel = DecimalKernelFor<kOp, Int128, Int128>(plan);
                   }
                   return ScalarBinding{
                       .name = std::string(kOperatorNames[static_cast<size_t>(kOp)]),
                       .argument_types = bound,
                       .return_type = plan.result,
                       .kernel = std::move(kernel)};
                 });
}

template <typename T>
ScalarKernel DecimalNegateKernel(const LogicalType& type) {
  return [type](std::span<const Vector> arguments, size_t rows, const FunctionContext& /*context*/,
                Vector* result) {
    return UnaryLoop<T, T>(
        arguments[0], rows, type, result,
        [](T a, T* out) {
          *out = -a;
          return true;
        },
        [](T) { return Status::Ok(); });
  };
}

void AddDecimalOperators(FunctionRegistry::Impl& impl) {
  AddDecimalOperator<ArithmeticOp::kAdd>(impl);
  AddDecimalOperator<ArithmeticOp::kSubtract>(impl);
  AddDecimalOperator<ArithmeticOp::kMultiply>(impl);
  AddDecimalOperator<ArithmeticOp::kDivide>(impl);
  AddDecimalOperator<ArithmeticOp::kModulus>(impl);
  impl.AddScalar(
      ScalarSpec{.name = kNegateOperator, .arguments = {"decimal"}, .returns = "decimal"},
      [](const std::vector<LogicalType>& bound) -> Result<ScalarBinding> {
        return ScalarBinding{.name = std::string(kNegateOperator),
                             .argument_types = bound,
                             .return_type = bound[0],
                             .kernel = bound[0].is_short_decimal()
                                           ? DecimalNegateKernel<int64_t>(bound[0])
                                           : DecimalNegateKernel<Int128>(bound[0])};
      });
}

}  // namespace

void RegisterArithmeticFunctions(FunctionRegistry& registry) {
  FunctionRegistry::Impl& impl = registry.impl();
  AddIntegerOperators<int8_t>(impl, "tinyint");
  AddIntegerOperators<int16_t>(impl, "smallint");
  AddIntegerOperators<int32_t>(impl, "integer");
  AddIntegerOperators<int64_t>(impl, "bigint");
  AddFloatOperators<float>(impl, "real");
  AddFloatOperators<double>(impl, "double");
  AddDecimalOperators(impl);
  RegisterTemporalArithmetic(impl);
}

}  // namespace stratus::sql::functions
