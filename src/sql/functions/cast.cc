// ResolveCast: picks the kernel of CAST(from AS to) among the cast areas.

#include <utility>

#include "base/format.h"
#include "sql/functions/cast_internal.h"
#include "sql/functions/datetime_internal.h"
#include "sql/functions/function.h"
#include "sql/types/calendar.h"
#include "sql/types/sql_error.h"
#include "sql/types/value.h"

namespace stratus::sql::functions {
namespace {

ScalarKernel IdentityKernel() {
  return [](std::span<const Vector> arguments, size_t /*rows*/, const FunctionContext& /*context*/,
            Vector* result) -> Status {
    *result = arguments[0];
    return Status::Ok();
  };
}

ScalarKernel AllNullKernel(const LogicalType& to) {
  return [to](std::span<const Vector> /*arguments*/, size_t rows,
              const FunctionContext& /*context*/, Vector* result) -> Status {
    *result = Vector::Constant(Value::Null(to), rows);
    return Status::Ok();
  };
}

// Same physical layout, nothing to check: re-tag the vector with the target type.
ScalarKernel RetagKernel(const LogicalType& to) {
  return [to](std::span<const Vector> arguments, size_t rows, const FunctionContext& /*context*/,
              Vector* result) -> Status {
    ArgumentData a(arguments[0]);
    NewResult(to, rows, result);
    PropagateNulls(a, rows, result);
    a.ShareStringsWith(result);
    const size_t width = PhysicalTypeWidth(to.physical_type());
    const auto* in = a.values<uint8_t>();
    auto* out = result->mutable_values<uint8_t>();
    if (a.is_constant()) {
      for (size_t i = 0; i < rows; ++i) {
        std::memcpy(out + i * width, in, width);
      }
    } else {
      std::memcpy(out, in, rows * width);
    }
    return Status::Ok();
  };
}

template <typename In, typename Out, typename Convert>
ScalarKernel SimpleKernel(const LogicalType& to, Convert convert) {
  return [to, convert](std::span<const Vector> arguments, size_t rows,
                       const FunctionContext& /*context*/, Vector* result) -> Status {
    return UnaryLoop<In, Out>(
        arguments[0], rows, to, result,
        [&](In in, Out* out) {
          *out = convert(in);
          return true;
        },
        [](In /*in*/) { return Status::Ok(); });
  };
}

// varchar(n) → varchar(m >= n) or unbounded, char(n) → char(m >= n): nothing to convert.
bool IsWidening(const LogicalType& from, const LogicalType& to) {
  if (from.kind() == TypeKind::kVarchar && to.kind() == TypeKind::kVarchar) {
    return to.length() == LogicalType::kUnboundedLength ||
           (from.length() != LogicalType::kUnboundedLength && from.length() <= to.length());
  }
  return from.kind() == TypeKind::kChar && to.kind() == TypeKind::kChar &&
         to.length() >= from.length();
}

int64_t FloorDiv(int64_t a, int64_t b) {
  int64_t q = a / b;
  if ((a % b != 0) && ((a < 0) != (b < 0))) {
    --q;
  }
  return q;
}

// Rounds epoch milliseconds to a timestamp precision below 3 (half up).
int64_t RoundToPrecision(int64_t millis, int precision) {
  if (precision >= 3) {
    return millis;
  }
  const int64_t unit = precision == 0 ? 1000 : precision == 1 ? 100 : 10;
  return FloorDiv(millis + unit / 2, unit) * unit;
}

}  // namespace

ScalarKernel TemporalCastKernel(const LogicalType& from, const LogicalType& to) {
  const TypeKind f = from.kind();
  const TypeKind t = to.kind();
  const int precision = to.precision();
  if (f == TypeKind::kDate && t == TypeKind::kTimestamp) {
    return SimpleKernel<int32_t, int64_t>(to, [](int32_t days) { return days * kMillisPerDay; });
  }
  if (f == TypeKind::kDate && t == TypeKind::kTimestampWithTimeZone) {
    return SimpleKernel<int32_t, int64_t>(
        to, [](int32_t days) { return static_cast<int64_t>(days) * kMillisPerDay * 4096; });
  }
  if (f == TypeKind::kTimestamp && t == TypeKind::kDate) {
    return SimpleKernel<int64_t, int32_t>(
        to, [](int64_t millis) { return static_cast<int32_t>(FloorDiv(millis, kMillisPerDay)); });
  }
  if (f == TypeKind::kTimestamp && t == TypeKind::kTimestamp) {
    return SimpleKernel<int64_t, int64_t>(
        to, [precision](int64_t millis) { return RoundToPrecision(millis, precision); });
  }
  if (f == TypeKind::kTimestamp && t == TypeKind::kTimestampWithTimeZone) {
    return SimpleKernel<int64_t, int64_t>(to, [precision](int64_t millis) {
      return static_cast<int64_t>(static_cast<uint64_t>(RoundToPrecision(millis, precision)) << 12);
    });
  }
  if (f == TypeKind::kTimestampWithTimeZone && t == TypeKind::kTimestamp) {
    return SimpleKernel<int64_t, int64_t>(to, [precision](int64_t packed) {
      return RoundToPrecision(LocalMillisOf(packed), precision);
    });
  }
  if (f == TypeKind::kTimestampWithTimeZone && t == TypeKind::kDate) {
    return SimpleKernel<int64_t, int32_t>(to, [](int64_t packed) {
      return static_cast<int32_t>(FloorDiv(LocalMillisOf(packed), kMillisPerDay));
    });
  }
  if (f == TypeKind::kTimestampWithTimeZone && t == TypeKind::kTimestampWithTimeZone) {
    return SimpleKernel<int64_t, int64_t>(to, [precision](int64_t packed) {
      const int64_t millis = RoundToPrecision(packed >> 12, precision);
      return static_cast<int64_t>((static_cast<uint64_t>(millis) << 12) |
                                  static_cast<uint64_t>(packed & 0xfff));
    });
  }
  return nullptr;
}

Result<std::shared_ptr<const ScalarBinding>> ResolveCast(const LogicalType& from,
                                                         const LogicalType& to,
                                                         bool try_cast) {
  ScalarKernel kernel;
  if (from == to) {
    kernel = IdentityKernel();
  } else if (from.kind() == TypeKind::kUnknown) {
    kernel = AllNullKernel(to);
  } else if (IsWidening(from, to)) {
    kernel = RetagKernel(to);
  } else {
    kernel = NumericCastKernel(from, to, try_cast);
    if (kernel == nullptr) {
      kernel = TextCastKernel(from, to, try_cast);
    }
    if (kernel == nullptr) {
      kernel = TemporalCastKernel(from, to);
    }
    if (kernel == nullptr) {
      kernel = JsonCastKernel(from, to, try_cast);
    }
    if (kernel == nullptr) {
      kernel = NestedCastKernel(from, to, try_cast);
    }
  }
  if (kernel == nullptr) {
    return SqlError(kTypeMismatch, Format("Cannot cast {} to {}", from.ToString(), to.ToString()));
  }
  return std::make_shared<const ScalarBinding>(ScalarBinding{
      .name = "CAST",
      .argument_types = {from},
      .return_type = to,
      .kernel = std::move(kernel),
      .deterministic = true,
  });
}

}  // namespace stratus::sql::functions
