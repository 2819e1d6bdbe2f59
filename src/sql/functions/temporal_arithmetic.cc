// date/timestamp ± interval, timestamp - timestamp, and interval arithmetic.

#include <algorithm>
#include <cmath>

#include "base/format.h"
#include "sql/functions/calendar_math_internal.h"
#include "sql/functions/kernel_internal.h"
#include "sql/functions/registry_internal.h"
#include "sql/types/calendar.h"
#include "sql/types/sql_error.h"
#include "sql/types/type_names.h"

namespace stratus::sql::functions {
namespace {

Status Overflow() {
  return SqlError(kNumericValueOutOfRange, "Value out of range");
}

// Registers name(a, b) → returns with op(A, B, R*) -> bool.
template <typename A, typename B, typename R, typename Op, typename Error>
void AddBinary(FunctionRegistry::Impl& impl,
               std::string_view name,
               std::string_view a,
               std::string_view b,
               std::string_view returns,
               Op op,
               Error error) {
  const LogicalType type = *ParseTrinoType(returns);
  impl.AddScalar(
      ScalarSpec{.name = name, .arguments = {a, b}, .returns = returns},
      ScalarKernel([type, op, error](std::span<const Vector> arguments, size_t rows,
                                     const FunctionContext& /*context*/, Vector* result) {
        return BinaryLoop<A, B, R>(arguments[0], arguments[1], rows, type, result, op, error);
      }));
}

bool AddDayMillisToDate(int32_t days, int64_t millis, int32_t* out) {
  if (millis % kMillisPerDay != 0) {
    return false;
  }
  const int64_t result = days + millis / kMillisPerDay;
  *out = static_cast<int32_t>(result);
  return result == *out;
}

Status DateTimeFieldError(int32_t /*days*/, int64_t /*millis*/) {
  return SqlError(kInvalidFunctionArgument, "Cannot add hour, minutes or seconds to a date");
}

void RegisterDateOperators(FunctionRegistry::Impl& impl) {
  const auto ds = "interval day to second";
  const auto ym = "interval year to month";
  AddBinary<int32_t, int64_t, int32_t>(impl, kAddOperator, "date", ds, "date", AddDayMillisToDate,
                                       DateTimeFieldError);
  AddBinary<int64_t, int32_t, int32_t>(
      impl, kAddOperator, ds, "date", "date",
      [](int64_t millis, int32_t days, int32_t* out) {
        return AddDayMillisToDate(days, millis, out);
      },
      [](int64_t millis, int32_t days) { return DateTimeFieldError(days, millis); });
  AddBinary<int32_t, int64_t, int32_t>(
      impl, kSubtractOperator, "date", ds, "date",
      [](int32_t days, int64_t millis, int32_t* out) {
        return AddDayMillisToDate(days, -millis, out);
      },
      DateTimeFieldError);
  auto add_months = [](int32_t days, int32_t months, int32_t* out) {
    *out = static_cast<int32_t>(AddMonthsToDays(days, months));
    return true;
  };
  auto no_error = [](auto, auto) {
    return Status::Ok();
  };
  AddBinary<int32_t, int32_t, int32_t>(impl, kAddOperator, "date", ym, "date", add_months,
                                       no_error);
  AddBinary<int32_t, int32_t, int32_t>(
      impl, kAddOperator, ym, "date", "date",
      [add_months](int32_t months, int32_t days, int32_t* out) {
        return add_months(days, months, out);
      },
      no_error);
  AddBinary<int32_t, int32_t, int32_t>(
      impl, kSubtractOperator, "date", ym, "date",
      [add_months](int32_t days, int32_t months, int32_t* out) {
        return add_months(days, -months, out);
      },
      no_error);
}

void RegisterTimestampOperators(FunctionRegistry::Impl& impl) {
  const auto ds = "interval day to second";
  const auto ym = "interval year to month";
  auto overflow = [](auto, auto) {
    return Overflow();
  };
  auto add = [](int64_t a, int64_t b, int64_t* out) {
    return !__builtin_add_overflow(a, b, out);
  };
  auto subtract = [](int64_t a, int64_t b, int64_t* out) {
    return !__builtin_sub_overflow(a, b, out);
  };
  auto add_months = [](int64_t millis, int32_t months, int64_t* out) {
    *out = AddMonthsToMillis(millis, months);
    return true;
  };
  // Values are milliseconds whatever the precision: timestamp(0..2) coerce to timestamp(3).
  {
    const std::string_view timestamp = "timestamp(3)";
    AddBinary<int64_t, int64_t, int64_t>(impl, kAddOperator, timestamp, ds, timestamp, add,
                                         overflow);
    AddBinary<int64_t, int64_t, int64_t>(impl, kAddOperator, ds, timestamp, timestamp, add,
                                         overflow);
    AddBinary<int64_t, int64_t, int64_t>(impl, kSubtractOperator, timestamp, ds, timestamp,
                                         subtract, overflow);
    AddBinary<int64_t, int32_t, int64_t>(impl, kAddOperator, timestamp, ym, timestamp, add_months,
                                         overflow);
    AddBinary<int32_t, int64_t, int64_t>(
        impl, kAddOperator, ym, timestamp, timestamp,
        [add_months](int32_t months, int64_t millis, int64_t* out) {
          return add_months(millis, months, out);
        },
        overflow);
    AddBinary<int64_t, int32_t, int64_t>(
        impl, kSubtractOperator, timestamp, ym, timestamp,
        [add_months](int64_t millis, int32_t months, int64_t* out) {
          return add_months(millis, -months, out);
        },
        overflow);
    AddBinary<int64_t, int64_t, int64_t>(impl, kSubtractOperator, timestamp, timestamp, ds,
                                         subtract, overflow);
  }
  // timestamp with time zone: UTC millis << 12 | zone key.
  const auto tz = "timestamp(3) with time zone";
  auto tz_add = [](int64_t packed, int64_t millis, int64_t* out) {
    const int64_t utc = (packed >> 12) + millis;
    *out = static_cast<int64_t>((static_cast<uint64_t>(utc) << 12) |
                                static_cast<uint64_t>(packed & 0xfff));
    return true;
  };
  AddBinary<int64_t, int64_t, int64_t>(impl, kAddOperator, tz, ds, tz, tz_add, overflow);
  AddBinary<int64_t, int64_t, int64_t>(
      impl, kSubtractOperator, tz, ds, tz,
      [tz_add](int64_t packed, int64_t millis, int64_t* out) {
        return tz_add(packed, -millis, out);
      },
      overflow);
  AddBinary<int64_t, int64_t, int64_t>(
      impl, kSubtractOperator, tz, tz, ds,
      [](int64_t a, int64_t b, int64_t* out) {
        *out = (a >> 12) - (b >> 12);
        return true;
      },
      overflow);
}

template <typename T>
void RegisterIntervalOperators(FunctionRegistry::Impl& impl, std::string_view type) {
  auto overflow = [](auto, auto) {
    return Overflow();
  };
  AddBinary<T, T, T>(
      impl, kAddOperator, type, type, type,
      [](T a, T b, T* out) { return !__builtin_add_overflow(a, b, out); }, overflow);
  AddBinary<T, T, T>(
      impl, kSubtractOperator, type, type, type,
      [](T a, T b, T* out) { return !__builtin_sub_overflow(a, b, out); }, overflow);
  AddBinary<T, int64_t, T>(
      impl, kMultiplyOperator, type, "bigint", type,
      [](T a, int64_t b, T* out) { return !__builtin_mul_overflow(a, b, out); }, overflow);
  AddBinary<int64_t, T, T>(
      impl, kMultiplyOperator, "bigint", type, type,
      [](int64_t a, T b, T* out) { return !__builtin_mul_overflow(a, b, out); }, overflow);
  AddBinary<T, double, T>(
      impl, kMultiplyOperator, type, "double", type,
      [](T a, double b, T* out) {
        *out = static_cast<T>(std::llround(static_cast<double>(a) * b));
        return true;
      },
      overflow);
  AddBinary<T, double, T>(
      impl, kDivideOperator, type, "double", type,
      [](T a, double b, T* out) {
        if (b == 0) {
          return false;
        }
        *out = static_cast<T>(std::llround(static_cast<double>(a) / b));
        return true;
      },
      [](T, double) { return SqlError(kDivisionByZero, "Division by zero"); });
  const LogicalType logical = *ParseTrinoType(type);
  impl.AddScalar(ScalarSpec{.name = kNegateOperator, .arguments = {type}, .returns = type},
                 ScalarKernel([logical](std::span<const Vector> arguments, size_t rows,
                                        const FunctionContext& /*context*/, Vector* result) {
                   return UnaryLoop<T, T>(
                       arguments[0], rows, logical, result,
                       [](T a, T* out) { return !__builtin_sub_overflow(T{0}, a, out); },
                       [](T) { return Overflow(); });
                 }));
}

}  // namespace

void RegisterTemporalArithmetic(FunctionRegistry::Impl& impl) {
  RegisterDateOperators(impl);
  RegisterTimestampOperators(impl);
  RegisterIntervalOperators<int64_t>(impl, "interval day to second");
  RegisterIntervalOperators<int32_t>(impl, "interval year to month");
}

}  // namespace stratus::sql::functions
