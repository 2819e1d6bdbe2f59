// CASTs among boolean, tinyint..bigint, real, double and decimal, with
// Trino's rounding (half away from zero) and range errors.

#include <cmath>
#include <limits>

#include "base/format.h"
#include "sql/functions/cast_internal.h"
#include "sql/types/decimal.h"
#include "sql/types/java_number_format.h"
#include "sql/types/sql_error.h"

namespace stratus::sql::functions {
namespace {

enum class NumberClass : uint8_t { kBool, kInteger, kFloat, kDecimal };

struct NumberType {
  NumberClass number_class = NumberClass::kInteger;
  int precision = 0;
  int scale = 0;
  int64_t min = 0;
  int64_t max = 0;
  LogicalType type = {};
};

std::optional<NumberType> DescribeNumber(const LogicalType& type) {
  NumberType number;
  number.type = type;
  switch (type.kind()) {
    case TypeKind::kBoolean:
      number.number_class = NumberClass::kBool;
      return number;
    case TypeKind::kTinyint:
      number.min = -128;
      number.max = 127;
      return number;
    case TypeKind::kSmallint:
      number.min = std::numeric_limits<int16_t>::min();
      number.max = std::numeric_limits<int16_t>::max();
      return number;
    case TypeKind::kInteger:
      number.min = std::numeric_limits<int32_t>::min();
      number.max = std::numeric_limits<int32_t>::max();
      return number;
    case TypeKind::kBigint:
      number.min = std::numeric_limits<int64_t>::min();
      number.max = std::numeric_limits<int64_t>::max();
      return number;
    case TypeKind::kReal:
    case TypeKind::kDouble:
      number.number_class = NumberClass::kFloat;
      return number;
    case TypeKind::kDecimal:
      number.number_class = NumberClass::kDecimal;
      number.precision = type.precision();
      number.scale = type.scale();
      return number;
    default:
      return std::nullopt;
  }
}

// Rounds an unscaled decimal to an integer, half away from zero.
Int128 DecimalToInteger(Int128 value, int scale) {
  Int128 out = 0;
  RescaleDecimal(value, scale, 0, &out);
  return out;
}

double DecimalToDouble(Int128 value, int scale) {
  const Int128 limit = Int128{1} << 53;
  if (value > -limit && value < limit && scale <= 22) {
    return static_cast<double>(value) / std::pow(10.0, scale);
  }
  return std::strtod(DecimalToString(value, scale).c_str(), nullptr);
}

std::string NumberText(const NumberType& type, Int128 integer, double floating) {
  switch (type.number_class) {
    case NumberClass::kBool:
    case NumberClass::kInteger:
      return Int128ToString(integer);
    case NumberClass::kFloat:
      return type.type.kind() == TypeKind::kReal ? FormatRealJava(static_cast<float>(floating))
                                                 : FormatDoubleJava(floating);
    case NumberClass::kDecimal:
      return DecimalToString(integer, type.scale);
  }
  return {};
}

template <typename T>
constexpr bool kIsFloating = std::is_floating_point_v<T>;

// Converts one value; In and Out are physical types.
template <typename In, typename Out>
bool ConvertNumber(const NumberType& from, const NumberType& to, In in, Out* out) {
  if (to.number_class == NumberClass::kBool) {
    *out = static_cast<Out>(in != In{0});
    return true;
  }
  if constexpr (kIsFloating<In>) {
    const auto value = static_cast<double>(in);
    if constexpr (kIsFloating<Out>) {
      *out = static_cast<Out>(value);
      return true;
    } else {
      if (to.number_class == NumberClass::kDecimal) {
        if (!std::isfinite(value)) {
          return false;
        }
        const std::string text = from.type.kind() == TypeKind::kReal
                                     ? FormatDoubleJava(static_cast<double>(static_cast<float>(in)))
                                     : FormatDoubleJava(value);
        std::optional<Int128> parsed = ParseDecimal(text, to.precision, to.scale);
        if (!parsed.has_value()) {
          return false;
        }
        *out = static_cast<Out>(*parsed);
        return true;
      }
      if (std::isnan(value)) {
        return false;
      }
      const double rounded = std::round(value);
      // 2^63 is exact in double; anything at or past it does not fit an int64.
      if (rounded < -9223372036854775808.0 || rounded >= 9223372036854775808.0) {
        return false;
      }
      const auto integer = static_cast<int64_t>(rounded);
      if (integer < to.min || integer > to.max) {
        return false;
      }
      *out = static_cast<Out>(integer);
      return true;
    }
  } else {
    const auto value = static_cast<Int128>(in);  // NOLINT(bugprone-signed-char-misuse): tinyint
    const int scale = from.number_class == NumberClass::kDecimal ? from.scale : 0;
    if constexpr (kIsFloating<Out>) {
      *out =
          static_cast<Out>(scale == 0 ? static_cast<double>(value) : DecimalToDouble(value, scale));
      return true;
    } else {
      if (to.number_class == NumberClass::kDecimal) {
        Int128 rescaled = 0;
        if (!RescaleDecimal(value, scale, to.scale, &rescaled) ||
            !FitsPrecision(rescaled, to.precision)) {
          return false;
        }
        *out = static_cast<Out>(rescaled);
        return true;
      }
      const Int128 integer = scale == 0 ? value : DecimalToInteger(value, scale);
      if (integer < to.min || integer > to.max) {
        return false;
      }
      *out = static_cast<Out>(integer);
      return true;
    }
  }
}

template <typename In>
Status NumberCastError(const NumberType& from, const NumberType& to, In in) {
  Int128 integer = 0;
  double floating = 0;
  if constexpr (kIsFloating<In>) {
    floating = static_cast<double>(in);
  } else {
    integer = static_cast<Int128>(in);  // NOLINT(bugprone-signed-char-misuse): tinyint
  }
  const std::string text = NumberText(from, integer, floating);
  if (to.number_class == NumberClass::kDecimal) {
    return SqlError(
        kInvalidCastArgument,
        Format("Cannot cast {} '{}' to {}", CastTypeName(from.type), text, CastTypeName(to.type)));
  }
  if (from.number_class == NumberClass::kFloat) {
    return SqlError(kInvalidCastArgument,
                    Format("Unable to cast {} to {}", text, to.type.ToString()));
  }
  return SqlError(kNumericValueOutOfRange,
                  Format("Out of range for {}: {}", to.type.ToString(), text));
}

template <typename In, typename Out>
ScalarKernel MakeNumberKernel(const NumberType& from, const NumberType& to, bool try_cast) {
  return [from, to, try_cast](std::span<const Vector> arguments, size_t rows,
                              const FunctionContext& /*context*/, Vector* result) -> Status {
    return CastLoop<In, Out>(
        arguments[0], rows, to.type, try_cast, result,
        [&](In in, Out* out) { return ConvertNumber<In, Out>(from, to, in, out); },
        [&](In in) { return NumberCastError<In>(from, to, in); });
  };
}

template <typename In>
ScalarKernel WithTarget(const NumberType& from, const NumberType& to, bool try_cast) {
  switch (to.type.physical_type()) {
    case PhysicalType::kBool:
      return MakeNumberKernel<In, uint8_t>(from, to, try_cast);
    case PhysicalType::kInt8:
      return MakeNumberKernel<In, int8_t>(from, to, try_cast);
    case PhysicalType::kInt16:
      return MakeNumberKernel<In, int16_t>(from, to, try_cast);
    case PhysicalType::kInt32:
      return MakeNumberKernel<In, int32_t>(from, to, try_cast);
    case PhysicalType::kInt64:
      return MakeNumberKernel<In, int64_t>(from, to, try_cast);
    case PhysicalType::kInt128:
      return MakeNumberKernel<In, Int128>(from, to, try_cast);
    case PhysicalType::kFloat:
      return MakeNumberKernel<In, float>(from, to, try_cast);
    case PhysicalType::kDouble:
      return MakeNumberKernel<In, double>(from, to, try_cast);
    default:
      return nullptr;
  }
}

}  // namespace

bool RescaleDecimal(Int128 value, int from, int to, Int128* out) {
  if (to >= from) {
    return !__builtin_mul_overflow(value, PowerOfTen(to - from), out);
  }
  const Int128 divisor = PowerOfTen(from - to);
  Int128 quotient = value / divisor;
  const Int128 remainder = value % divisor;
  // Half up, away from zero: compare twice the remainder with the divisor.
  const Int128 twice = remainder < 0 ? -remainder * 2 : remainder * 2;
  if (twice >= divisor) {
    quotient += value < 0 ? -1 : 1;
  }
  *out = quotient;
  return true;
}

bool FitsPrecision(Int128 value, int precision) {
  const Int128 limit = PowerOfTen(precision);
  return value < limit && value > -limit;
}

ScalarKernel NumericCastKernel(const LogicalType& from, const LogicalType& to, bool try_cast) {
  std::optional<NumberType> source = DescribeNumber(from);
  std::optional<NumberType> target = DescribeNumber(to);
  if (!source.has_value() || !target.has_value()) {
    return nullptr;
  }
  switch (from.physical_type()) {
    case PhysicalType::kBool:
      return WithTarget<uint8_t>(*source, *target, try_cast);
    case PhysicalType::kInt8:
      return WithTarget<int8_t>(*source, *target, try_cast);
    case PhysicalType::kInt16:
      return WithTarget<int16_t>(*source, *target, try_cast);
    case PhysicalType::kInt32:
      return WithTarget<int32_t>(*source, *target, try_cast);
    case PhysicalType::kInt64:
      return WithTarget<int64_t>(*source, *target, try_cast);
    case PhysicalType::kInt128:
      return WithTarget<Int128>(*source, *target, try_cast);
    case PhysicalType::kFloat:
      return WithTarget<float>(*source, *target, try_cast);
    case PhysicalType::kDouble:
      return WithTarget<double>(*source, *target, try_cast);
    default:
      return nullptr;
  }
}

std::string CastTypeName(const LogicalType& type) {
  if (type.kind() == TypeKind::kDecimal) {
    return Format("DECIMAL({}, {})", type.precision(), type.scale());
  }
  std::string name = type.ToString();
  for (char& c : name) {
    c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  return name;
}

}  // namespace stratus::sql::functions
