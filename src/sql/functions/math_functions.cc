// Math functions: abs, ceil/floor/round/truncate (integers, real, double,
// decimal), mod, power, roots, logarithms, trigonometry, sign, constants,
// NaN/infinity tests, width_bucket, and rand()/random().

#include <cmath>
#include <limits>
#include <numbers>

#include "base/format.h"
#include "base/random.h"
#include "sql/functions/cast_internal.h"
#include "sql/functions/kernel_frame_internal.h"
#include "sql/functions/simple_function_internal.h"
#include "sql/types/decimal.h"
#include "sql/types/sql_error.h"

namespace stratus::sql::functions {
namespace {

template <typename T>
void AddIntegerAbs(FunctionRegistry::Impl& impl, std::string_view type) {
  AddCheckedUnaryFunction<T, T>(
      impl,
      ScalarSpec{.name = "abs",
                 .arguments = {type},
                 .returns = type,
                 .description = "Returns the absolute value of x"},
      [](T a, T* out) {
        if (a == std::numeric_limits<T>::min()) {
          return false;
        }
        *out = a < 0 ? static_cast<T>(-a) : a;
        return true;
      },
      [type](T a) {
        return SqlError(kNumericValueOutOfRange,
                        Format("Value {} is out of range for abs({})", a, type));
      });
}

// A decimal function whose result type is computed from the argument's.
using DecimalTypeRule = LogicalType (*)(const LogicalType&);
using DecimalValueRule = Int128 (*)(Int128 value, int scale);

LogicalType SameDecimal(const LogicalType& type) {
  return type;
}

LogicalType IntegralDecimal(const LogicalType& type) {
  return LogicalType::Decimal(
      std::max(1, type.precision() - type.scale() + std::min(type.scale(), 1)), 0);
}

template <typename A, typename R>
ScalarKernel DecimalUnaryKernel(const LogicalType& from, LogicalType to, DecimalValueRule rule) {
  return [from, to, rule](std::span<const Vector> arguments, size_t rows,
                          const FunctionContext& /*context*/, Vector* result) {
    return UnaryLoop<A, R>(
        arguments[0], rows, to, result,
        [&](A a, R* out) {
          *out = static_cast<R>(rule(static_cast<Int128>(a), from.scale()));
          return true;
        },
        [](A) { return Status::Ok(); });
  };
}

void AddDecimalUnary(FunctionRegistry::Impl& impl,
                     std::string_view name,
                     std::string_view returns,
                     DecimalTypeRule type_rule,
                     DecimalValueRule value_rule,
                     std::string_view description) {
  impl.AddScalar(
      ScalarSpec{
          .name = name, .arguments = {"decimal"}, .returns = returns, .description = description},
      [type_rule, value_rule](const std::vector<LogicalType>& bound) -> Result<ScalarBinding> {
        const LogicalType& from = bound[0];
        const LogicalType to = type_rule(from);
        ScalarKernel kernel;
        if (from.is_short_decimal()) {
          kernel = to.is_short_decimal()
                       ? DecimalUnaryKernel<int64_t, int64_t>(from, to, value_rule)
                       : DecimalUnaryKernel<int64_t, Int128>(from, to, value_rule);
        } else {
          kernel = to.is_short_decimal() ? DecimalUnaryKernel<Int128, int64_t>(from, to, value_rule)
                                         : DecimalUnaryKernel<Int128, Int128>(from, to, value_rule);
        }
        return ScalarBinding{.argument_types = bound, .return_type = to, .kernel = kernel};
      });
}

Int128 DecimalFloor(Int128 value, int scale) {
  const Int128 divisor = PowerOfTen(scale);
  Int128 quotient = value / divisor;
  if (value % divisor != 0 && value < 0) {
    --quotient;
  }
  return quotient;
}

Int128 DecimalCeil(Int128 value, int scale) {
  const Int128 divisor = PowerOfTen(scale);
  Int128 quotient = value / divisor;
  if (value % divisor != 0 && value > 0) {
    ++quotient;
  }
  return quotient;
}

Int128 DecimalRound(Int128 value, int scale) {
  Int128 out = 0;
  RescaleDecimal(value, scale, 0, &out);
  return out;
}

Int128 DecimalTruncate(Int128 value, int scale) {
  return value / PowerOfTen(scale);
}

Int128 DecimalAbs(Int128 value, int /*scale*/) {
  return value < 0 ? -value : value;
}

Int128 DecimalSign(Int128 value, int /*scale*/) {
  return value > 0 ? 1 : (value < 0 ? -1 : 0);
}

// Rounds half away from zero to `digits` decimal places (negative: left of the point).
double RoundDouble(double value, int64_t digits) {
  if (!std::isfinite(value)) {
    return value;
  }
  if (digits >= 0) {
    if (digits > 300) {
      return value;
    }
    const double factor = std::pow(10.0, static_cast<double>(digits));
    const double scaled = value * factor;
    if (!std::isfinite(scaled)) {
      return value;
    }
    return std::round(scaled) / factor;
  }
  if (digits < -300) {
    return 0;
  }
  const double factor = std::pow(10.0, static_cast<double>(-digits));
  return std::round(value / factor) * factor;
}

template <typename T>
void AddIntegerRounding(FunctionRegistry::Impl& impl, std::string_view type) {
  for (std::string_view name : {"ceil", "ceiling", "floor", "round", "truncate"}) {
    AddUnaryFunction<T, T>(impl,
                           ScalarSpec{.name = name,
                                      .arguments = {type},
                                      .returns = type,
                                      .description = "Returns x (an integer is already whole)"},
                           [](T a) { return a; });
  }
  AddCheckedBinaryFunction<T, int64_t, T>(
      impl,
      ScalarSpec{.name = "round",
                 .arguments = {type, "bigint"},
                 .returns = type,
                 .description = "Rounds x to d decimal places (d < 0: tens, hundreds, ...)"},
      [](T a, int64_t digits, T* out) {
        if (digits >= 0) {
          *out = a;
          return true;
        }
        if (digits < -18) {
          *out = 0;
          return true;
        }
        int64_t factor = 1;
        for (int64_t i = 0; i < -digits; ++i) {
          factor *= 10;
        }
        const int64_t value = a;  // NOLINT(bugprone-signed-char-misuse): tinyint
        int64_t rounded = value / factor * factor;
        const int64_t remainder = value - rounded;
        if (remainder * 2 >= factor) {
          rounded += factor;
        } else if (remainder * 2 <= -factor) {
          rounded -= factor;
        }
        if (rounded < std::numeric_limits<T>::min() || rounded > std::numeric_limits<T>::max()) {
          return false;
        }
        *out = static_cast<T>(rounded);
        return true;
      },
      [](T a, int64_t) {
        return SqlError(kNumericValueOutOfRange, Format("Value {} is out of range", a));
      });
}

template <typename T>
void AddFloatRounding(FunctionRegistry::Impl& impl, std::string_view type) {
  AddUnaryFunction<T, T>(impl,
                         ScalarSpec{.name = "abs",
                                    .arguments = {type},
                                    .returns = type,
                                    .description = "Returns the absolute value of x"},
                         [](T a) { return std::fabs(a); });
  for (std::string_view name : {"ceil", "ceiling"}) {
    AddUnaryFunction<T, T>(impl,
                           ScalarSpec{.name = name,
                                      .arguments = {type},
                                      .returns = type,
                                      .description = "Rounds x up to the nearest integer"},
                           [](T a) { return std::ceil(a); });
  }
  AddUnaryFunction<T, T>(impl,
                         ScalarSpec{.name = "floor",
                                    .arguments = {type},
                                    .returns = type,
                                    .description = "Rounds x down to the nearest integer"},
                         [](T a) { return std::floor(a); });
  AddUnaryFunction<T, T>(impl,
                         ScalarSpec{.name = "round",
                                    .arguments = {type},
                                    .returns = type,
                                    .description = "Rounds x to the nearest integer, half away "
                                                   "from zero"},
                         [](T a) { return std::round(a); });
  AddUnaryFunction<T, T>(impl,
                         ScalarSpec{.name = "truncate",
                                    .arguments = {type},
                                    .returns = type,
                                    .description = "Drops the fraction of x"},
                         [](T a) { return std::trunc(a); });
  AddBinaryFunction<T, int64_t, T>(
      impl,
      ScalarSpec{.name = "round",
                 .arguments = {type, "bigint"},
                 .returns = type,
                 .description = "Rounds x to d decimal places"},
      [](T a, int64_t digits) {
        return static_cast<T>(RoundDouble(static_cast<double>(a), digits));
      });
  AddUnaryFunction<T, T>(impl,
                         ScalarSpec{.name = "sign",
                                    .arguments = {type},
                                    .returns = type,
                                    .description = "Returns -1, 0 or 1 as x's sign (NaN: NaN)"},
                         [](T a) -> T {
                           if (std::isnan(a)) {
                             return a;
                           }
                           return a > 0 ? T{1} : (a < 0 ? T{-1} : T{0});
                         });
}

void AddDecimalRounding(FunctionRegistry::Impl& impl) {
  AddDecimalUnary(impl, "abs", "decimal(p,s)", SameDecimal, DecimalAbs,
                  "Returns the absolute value of x");
  AddDecimalUnary(impl, "ceil", "decimal(p-s+1,0)", IntegralDecimal, DecimalCeil,
                  "Rounds x up to the nearest integer");
  AddDecimalUnary(impl, "ceiling", "decimal(p-s+1,0)", IntegralDecimal, DecimalCeil,
                  "Rounds x up to the nearest integer");
  AddDecimalUnary(impl, "floor", "decimal(p-s+1,0)", IntegralDecimal, DecimalFloor,
                  "Rounds x down to the nearest integer");
  AddDecimalUnary(impl, "round", "decimal(p-s+1,0)", IntegralDecimal, DecimalRound,
                  "Rounds x to the nearest integer, half away from zero");
  AddDecimalUnary(
      impl, "truncate", "decimal(p-s,0)",
      [](const LogicalType& type) {
        return LogicalType::Decimal(std::max(1, type.precision() - type.scale()), 0);
      },
      DecimalTruncate, "Drops the fraction of x");
  AddDecimalUnary(
      impl, "sign", "decimal(1,0)", [](const LogicalType&) { return LogicalType::Decimal(1, 0); },
      DecimalSign, "Returns -1, 0 or 1 as x's sign");
  // round(decimal(p,s), d) → decimal(p+1,s).
  impl.AddScalar(
      ScalarSpec{.name = "round",
                 .arguments = {"decimal", "bigint"},
                 .returns = "decimal(p+1,s)",
                 .description = "Rounds x to d decimal places"},
      [](const std::vector<LogicalType>& bound) -> Result<ScalarBinding> {
        const LogicalType& from = bound[0];
        const LogicalType to = LogicalType::Decimal(
            std::min(LogicalType::kMaxDecimalPrecision, from.precision() + 1), from.scale());
        auto kernel = [from, to](std::span<const Vector> arguments, size_t rows,
                                 const FunctionContext& /*context*/, Vector* result) -> Status {
          KernelFrame frame(arguments, rows, to, result);
          return frame.ForEachRow([&](size_t row) -> Status {
            const Int128 value = from.is_short_decimal() ? Int128{frame.Get<int64_t>(0, row)}
                                                         : frame.Get<Int128>(0, row);
            const auto digits = frame.Get<int64_t>(1, row);
            Int128 rounded = value;
            if (digits < from.scale()) {
              const auto target = static_cast<int>(std::max<int64_t>(digits, from.scale() - 38));
              Int128 reduced = 0;
              RescaleDecimal(value, from.scale(), target, &reduced);
              if (!RescaleDecimal(reduced, target, from.scale(), &rounded)) {
                return SqlError(kNumericValueOutOfRange, "Decimal overflow");
              }
            }
            if (to.is_short_decimal()) {
              frame.out<int64_t>()[row] = static_cast<int64_t>(rounded);
            } else {
              frame.out<Int128>()[row] = rounded;
            }
            return Status::Ok();
          });
        };
        return ScalarBinding{.argument_types = bound, .return_type = to, .kernel = kernel};
      });
}

void AddDoubleFunctions(FunctionRegistry::Impl& impl) {
  struct Unary {
    std::string_view name;
    double (*function)(double);
    std::string_view description;
  };

  static constexpr Unary kUnary[] = {
      {"sqrt", [](double x) { return std::sqrt(x); }, "Returns the square root of x"},
      {"cbrt",
       [](double x) {
         // Exact for perfect cubes, as Java's Math.cbrt is (glibc's may be 1 ulp off).
         const double root = std::cbrt(x);
         const double whole = std::nearbyint(root);
         return whole * whole * whole == x ? whole : root;
       },
       "Returns the cube root of x"},
      {"exp", [](double x) { return std::exp(x); }, "Returns e raised to the power of x"},
      {"ln", [](double x) { return std::log(x); }, "Returns the natural logarithm of x"},
      {"log2", [](double x) { return std::log2(x); }, "Returns the base 2 logarithm of x"},
      {"log10", [](double x) { return std::log10(x); }, "Returns the base 10 logarithm of x"},
      {"degrees", [](double x) { return x * 180.0 / std::numbers::pi; },
       "Converts radians to degrees"},
      {"radians", [](double x) { return x * std::numbers::pi / 180.0; },
       "Converts degrees to radians"},
      {"sin", [](double x) { return std::sin(x); }, "Returns the sine of x"},
      {"cos", [](double x) { return std::cos(x); }, "Returns the cosine of x"},
      {"tan", [](double x) { return std::tan(x); }, "Returns the tangent of x"},
      {"asin", [](double x) { return std::asin(x); }, "Returns the arc sine of x"},
      {"acos", [](double x) { return std::acos(x); }, "Returns the arc cosine of x"},
      {"atan", [](double x) { return std::atan(x); }, "Returns the arc tangent of x"},
      {"sinh", [](double x) { return std::sinh(x); }, "Returns the hyperbolic sine of x"},
      {"cosh", [](double x) { return std::cosh(x); }, "Returns the hyperbolic cosine of x"},
      {"tanh", [](double x) { return std::tanh(x); }, "Returns the hyperbolic tangent of x"},
  };
  for (const Unary& unary : kUnary) {
    AddUnaryFunction<double, double>(impl,
                                     ScalarSpec{.name = unary.name,
                                                .arguments = {"double"},
                                                .returns = "double",
                                                .description = unary.description},
                                     unary.function);
  }
  for (std::string_view name : {"power", "pow"}) {
    AddBinaryFunction<double, double, double>(
        impl,
        ScalarSpec{.name = name,
                   .arguments = {"double", "double"},
                   .returns = "double",
                   .description = "Returns x raised to the power of p"},
        [](double x, double p) { return std::pow(x, p); });
  }
  AddBinaryFunction<double, double, double>(
      impl,
      ScalarSpec{.name = "log",
                 .arguments = {"double", "double"},
                 .returns = "double",
                 .description = "Returns the base b logarithm of x"},
      [](double b, double x) { return std::log(x) / std::log(b); });
  AddBinaryFunction<double, double, double>(
      impl,
      ScalarSpec{.name = "atan2",
                 .arguments = {"double", "double"},
                 .returns = "double",
                 .description = "Returns the arc tangent of y / x"},
      [](double y, double x) { return std::atan2(y, x); });
  AddUnaryFunction<double, uint8_t>(impl,
                                    ScalarSpec{.name = "is_nan",
                                               .arguments = {"double"},
                                               .returns = "boolean",
                                               .description = "Returns whether x is not-a-number"},
                                    [](double x) { return static_cast<uint8_t>(std::isnan(x)); });
  AddUnaryFunction<double, uint8_t>(
      impl,
      ScalarSpec{.name = "is_finite",
                 .arguments = {"double"},
                 .returns = "boolean",
                 .description = "Returns whether x is finite"},
      [](double x) { return static_cast<uint8_t>(std::isfinite(x)); });
  AddUnaryFunction<double, uint8_t>(impl,
                                    ScalarSpec{.name = "is_infinite",
                                               .arguments = {"double"},
                                               .returns = "boolean",
                                               .description = "Returns whether x is infinite"},
                                    [](double x) { return static_cast<uint8_t>(std::isinf(x)); });
}

ScalarKernel ConstantDouble(double value) {
  return [value](std::span<const Vector> /*arguments*/, size_t rows,
                 const FunctionContext& /*context*/, Vector* result) {
    NewResult(LogicalType::Double(), rows, result);
    auto* out = result->mutable_values<double>();
    for (size_t i = 0; i < rows; ++i) {
      out[i] = value;
    }
    return Status::Ok();
  };
}

void AddConstants(FunctionRegistry::Impl& impl) {
  impl.AddScalar(ScalarSpec{.name = "pi", .returns = "double", .description = "Returns pi"},
                 ConstantDouble(std::numbers::pi));
  impl.AddScalar(ScalarSpec{.name = "e", .returns = "double", .description = "Returns e"},
                 ConstantDouble(std::numbers::e));
  impl.AddScalar(
      ScalarSpec{.name = "infinity", .returns = "double", .description = "Returns +infinity"},
      ConstantDouble(std::numeric_limits<double>::infinity()));
  impl.AddScalar(
      ScalarSpec{.name = "nan", .returns = "double", .description = "Returns not-a-number"},
      ConstantDouble(std::numeric_limits<double>::quiet_NaN()));
}

void AddRandom(FunctionRegistry::Impl& impl) {
  for (std::string_view name : {"rand", "random"}) {
    impl.AddScalar(ScalarSpec{.name = name,
                              .returns = "double",
                              .description = "Returns a pseudo-random number in [0, 1)",
                              .deterministic = false},
                   ScalarKernel([](std::span<const Vector> /*arguments*/, size_t rows,
                                   const FunctionContext& /*context*/, Vector* result) {
                     IdGenerator random;
                     NewResult(LogicalType::Double(), rows, result);
                     auto* out = result->mutable_values<double>();
                     for (size_t i = 0; i < rows; ++i) {
                       out[i] = static_cast<double>(random.Next() >> 11) * 0x1.0p-53;
                     }
                     return Status::Ok();
                   }));
    impl.AddScalar(ScalarSpec{.name = name,
                              .arguments = {"bigint"},
                              .returns = "bigint",
                              .description = "Returns a pseudo-random integer in [0, n)",
                              .deterministic = false},
                   ScalarKernel([](std::span<const Vector> arguments, size_t rows,
                                   const FunctionContext& /*context*/, Vector* result) {
                     IdGenerator random;
                     KernelFrame frame(arguments, rows, LogicalType::Bigint(), result);
                     return frame.ForEachRow([&](size_t row) -> Status {
                       const auto bound = frame.Get<int64_t>(0, row);
                       if (bound <= 0) {
                         return SqlError(kInvalidFunctionArgument, "bound must be positive");
                       }
                       frame.out<int64_t>()[row] =
                           static_cast<int64_t>(random.Uniform(static_cast<uint64_t>(bound)));
                       return Status::Ok();
                     });
                   }));
  }
}

void AddWidthBucket(FunctionRegistry::Impl& impl) {
  impl.AddScalar(
      ScalarSpec{.name = "width_bucket",
                 .arguments = {"double", "double", "double", "bigint"},
                 .returns = "bigint",
                 .description = "Returns the bucket of x in an equi-width histogram of n buckets "
                                "between bound1 and bound2"},
      ScalarKernel([](std::span<const Vector> arguments, size_t rows,
                      const FunctionContext& /*context*/, Vector* result) {
        KernelFrame frame(arguments, rows, LogicalType::Bigint(), result);
        return frame.ForEachRow([&](size_t row) -> Status {
          const auto x = frame.Get<double>(0, row);
          const auto lower = frame.Get<double>(1, row);
          const auto upper = frame.Get<double>(2, row);
          const auto count = frame.Get<int64_t>(3, row);
          if (count <= 0) {
            return SqlError(kInvalidFunctionArgument, "bucketCount must be greater than 0");
          }
          if (std::isnan(x) || std::isnan(lower) || std::isnan(upper)) {
            return SqlError(kInvalidFunctionArgument, "operand must not be NaN");
          }
          if (lower == upper) {
            return SqlError(kInvalidFunctionArgument, "bounds cannot equal each other");
          }
          int64_t bucket = 0;
          if (lower < upper) {
            bucket = x < lower    ? 0
                     : x >= upper ? count + 1
                                  : static_cast<int64_t>((x - lower) / (upper - lower) *
                                                         static_cast<double>(count)) +
                                        1;
          } else {
            bucket = x > lower    ? 0
                     : x <= upper ? count + 1
                                  : static_cast<int64_t>((lower - x) / (lower - upper) *
                                                         static_cast<double>(count)) +
                                        1;
          }
          frame.out<int64_t>()[row] = bucket;
          return Status::Ok();
        });
      }));
}

void AddBaseConversions(FunctionRegistry::Impl& impl) {
  impl.AddScalar(ScalarSpec{.name = "to_base",
                            .arguments = {"bigint", "bigint"},
                            .returns = "varchar(64)",
                            .description = "Returns x written in the given radix (2 to 36)"},
                 ScalarKernel([](std::span<const Vector> arguments, size_t rows,
                                 const FunctionContext& /*context*/, Vector* result) {
                   KernelFrame frame(arguments, rows, LogicalType::Varchar(64), result);
                   return frame.ForEachRow([&](size_t row) -> Status {
                     const auto value = frame.Get<int64_t>(0, row);
                     const auto radix = frame.Get<int64_t>(1, row);
                     if (radix < 2 || radix > 36) {
                       return SqlError(kInvalidFunctionArgument, "Radix must be between 2 and 36");
                     }
                     uint64_t magnitude = value < 0 ? 0 - static_cast<uint64_t>(value)
                                                    : static_cast<uint64_t>(value);
                     char buffer[66];
                     size_t pos = sizeof(buffer);
                     do {
                       buffer[--pos] = "0123456789abcdefghijklmnopqrstuvwxyz"[magnitude % radix];
                       magnitude /= static_cast<uint64_t>(radix);
                     } while (magnitude > 0);
                     if (value < 0) {
                       buffer[--pos] = '-';
                     }
                     frame.SetString(row, std::string_view(buffer + pos, sizeof(buffer) - pos));
                     return Status::Ok();
                   });
                 }));
  impl.AddScalar(
      ScalarSpec{.name = "from_base",
                 .arguments = {"varchar", "bigint"},
                 .returns = "bigint",
                 .description = "Returns the value of a string written in the given radix"},
      ScalarKernel([](std::span<const Vector> arguments, size_t rows,
                      const FunctionContext& /*context*/, Vector* result) {
        KernelFrame frame(arguments, rows, LogicalType::Bigint(), result);
        return frame.ForEachRow([&](size_t row) -> Status {
          const std::string_view text = frame.String(0, row);
          const auto radix = frame.Get<int64_t>(1, row);
          if (radix < 2 || radix > 36) {
            return SqlError(kInvalidFunctionArgument, "Radix must be between 2 and 36");
          }
          Status bad = SqlError(kInvalidFunctionArgument,
                                Format("Not a valid base-{} number: {}", radix, text));
          size_t pos = 0;
          const bool negative = !text.empty() && text[0] == '-';
          if (negative || (!text.empty() && text[0] == '+')) {
            pos = 1;
          }
          if (pos >= text.size()) {
            return bad;
          }
          int64_t value = 0;
          for (; pos < text.size(); ++pos) {
            const auto c = static_cast<char>(std::tolower(static_cast<unsigned char>(text[pos])));
            const int digit =
                c >= '0' && c <= '9' ? c - '0' : (c >= 'a' && c <= 'z' ? c - 'a' + 10 : 99);
            if (digit >= radix || __builtin_mul_overflow(value, radix, &value) ||
                __builtin_add_overflow(value, negative ? -digit : digit, &value)) {
              return bad;
            }
          }
          frame.out<int64_t>()[row] = value;
          return Status::Ok();
        });
      }));
}

// format_number: the integer part scaled by 1000s to a unit (K, M, B, T, Q)
// and shown with three significant digits at most, half up: 123456 → "123K",
// 12345 → "12.3K", 1234 → "1.23K".
std::string FormatNumber(double value) {
  static constexpr const char* kUnits[] = {"", "K", "M", "B", "T", "Q"};
  auto scaled = static_cast<double>(static_cast<int64_t>(value));
  size_t unit = 0;
  while (unit + 1 < std::size(kUnits) && std::fabs(scaled) >= 1000) {
    scaled /= 1000;
    ++unit;
  }
  const double magnitude = std::fabs(scaled);
  const int digits = magnitude < 10 ? 2 : (magnitude < 100 ? 1 : 0);
  const double factor = std::pow(10.0, digits);
  const double rounded = std::round(scaled * factor) / factor;  // Half away from zero.
  std::string number = Format("{:.{}f}", rounded, digits);
  if (number.find('.') != std::string::npos) {
    while (number.back() == '0') {
      number.pop_back();
    }
    if (number.back() == '.') {
      number.pop_back();
    }
  }
  return number + kUnits[unit];
}

void AddFormatNumber(FunctionRegistry::Impl& impl) {
  AddRowFunction(impl,
                 ScalarSpec{.name = "format_number",
                            .arguments = {"double"},
                            .returns = "varchar",
                            .description = "Formats the number with a unit symbol (K, M, B, ...)"},
                 [](KernelFrame& frame, size_t row, const FunctionContext&) {
                   frame.SetString(row, FormatNumber(frame.Get<double>(0, row)));
                   return Status::Ok();
                 });
}

}  // namespace

void RegisterMathFunctions(FunctionRegistry& registry) {
  FunctionRegistry::Impl& impl = registry.impl();
  AddIntegerAbs<int8_t>(impl, "tinyint");
  AddIntegerAbs<int16_t>(impl, "smallint");
  AddIntegerAbs<int32_t>(impl, "integer");
  AddIntegerAbs<int64_t>(impl, "bigint");
  AddIntegerRounding<int8_t>(impl, "tinyint");
  AddIntegerRounding<int16_t>(impl, "smallint");
  AddIntegerRounding<int32_t>(impl, "integer");
  AddIntegerRounding<int64_t>(impl, "bigint");
  AddUnaryFunction<int64_t, int64_t>(
      impl,
      ScalarSpec{.name = "sign",
                 .arguments = {"bigint"},
                 .returns = "bigint",
                 .description = "Returns -1, 0 or 1 as x's sign"},
      [](int64_t a) -> int64_t { return a > 0 ? 1 : (a < 0 ? -1 : 0); });
  AddFloatRounding<float>(impl, "real");
  AddFloatRounding<double>(impl, "double");
  AddDecimalRounding(impl);
  AddDoubleFunctions(impl);
  AddConstants(impl);
  AddRandom(impl);
  AddWidthBucket(impl);
  AddBaseConversions(impl);
  AddFormatNumber(impl);
  // mod(a, b) is the % operator under a function name.
  for (const ScalarOverload& overload : impl.scalars[std::string(kModulusOperator)]) {
    ScalarOverload copy = overload;
    copy.description = "Returns the remainder of n divided by m";
    copy.signature.return_text = copy.signature.arguments[0].form == TypePattern::Form::kExact
                                     ? copy.signature.return_text
                                     : "decimal";
    impl.scalars["mod"].push_back(std::move(copy));
  }
}

}  // namespace stratus::sql::functions
