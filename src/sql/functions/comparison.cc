// Comparison operators ($equal ... $is_distinct_from) for every comparable
// type: one signature per operator over a type variable, so mixed operands
// (integer = decimal, date < timestamp) are coerced to their common super
// type by the binder, and the kernel is picked by the bound type.

#include <algorithm>
#include <cmath>
#include <cstring>

#include "sql/functions/kernel_internal.h"
#include "sql/functions/registry_internal.h"
#include "sql/functions/value_compare_internal.h"
#include "sql/types/value.h"

namespace stratus::sql::functions {
namespace {

enum class CompareOp : uint8_t { kEqual, kNotEqual, kLess, kLessEqual, kGreater, kGreaterEqual };

int CompareBytes(std::string_view a, std::string_view b) {
  const int c = std::memcmp(a.data(), b.data(), std::min(a.size(), b.size()));
  if (c != 0) {
    return c < 0 ? -1 : 1;
  }
  return a.size() < b.size() ? -1 : (a.size() > b.size() ? 1 : 0);
}

std::string_view StripTrailingSpaces(std::string_view text) {
  while (!text.empty() && text.back() == ' ') {
    text.remove_suffix(1);
  }
  return text;
}

// How a physical type compares; `Key` extracts what is compared.
enum class Flavor : uint8_t { kPlain, kZoned, kBytes, kChar };

template <Flavor kFlavor, typename T>
int Compare3(T a, T b) {
  if constexpr (kFlavor == Flavor::kBytes) {
    return CompareBytes(a.view(), b.view());
  } else if constexpr (kFlavor == Flavor::kChar) {
    return CompareBytes(StripTrailingSpaces(a.view()), StripTrailingSpaces(b.view()));
  } else if constexpr (kFlavor == Flavor::kZoned) {
    return (a >> 12) < (b >> 12) ? -1 : ((a >> 12) > (b >> 12) ? 1 : 0);
  } else {
    return a < b ? -1 : (a > b ? 1 : 0);
  }
}

template <CompareOp kOp, Flavor kFlavor, typename T>
bool Apply(T a, T b) {
  if constexpr (kFlavor == Flavor::kPlain) {
    // Direct operators keep IEEE semantics for NaN and let loops vectorize.
    if constexpr (kOp == CompareOp::kEqual) {
      return a == b;
    } else if constexpr (kOp == CompareOp::kNotEqual) {
      return a != b;
    } else if constexpr (kOp == CompareOp::kLess) {
      return a < b;
    } else if constexpr (kOp == CompareOp::kLessEqual) {
      return a <= b;
    } else if constexpr (kOp == CompareOp::kGreater) {
      return a > b;
    } else {
      return a >= b;
    }
  } else if constexpr (kFlavor == Flavor::kBytes && kOp == CompareOp::kEqual) {
    return a == b;
  } else if constexpr (kFlavor == Flavor::kBytes && kOp == CompareOp::kNotEqual) {
    return a != b;
  } else {
    const int c = Compare3<kFlavor, T>(a, b);
    switch (kOp) {
      case CompareOp::kEqual:
        return c == 0;
      case CompareOp::kNotEqual:
        return c != 0;
      case CompareOp::kLess:
        return c < 0;
      case CompareOp::kLessEqual:
        return c <= 0;
      case CompareOp::kGreater:
        return c > 0;
      case CompareOp::kGreaterEqual:
        return c >= 0;
    }
    return false;
  }
}

template <CompareOp kOp, Flavor kFlavor, typename T>
ScalarKernel CompareKernel() {
  return [](std::span<const Vector> arguments, size_t rows, const FunctionContext& /*context*/,
            Vector* result) {
    return BinaryLoop<T, T, uint8_t>(
        arguments[0], arguments[1], rows, LogicalType::Boolean(), result,
        [](T a, T b, uint8_t* out) {
          *out = Apply<kOp, kFlavor, T>(a, b);
          return true;
        },
        [](T, T) { return Status::Ok(); });
  };
}

// Nested values: row by row through Values; NULL elements make = indeterminate (NULL).
template <CompareOp kOp>
ScalarKernel NestedCompareKernel() {
  return [](std::span<const Vector> arguments, size_t rows, const FunctionContext& /*context*/,
            Vector* result) -> Status {
    NewResult(LogicalType::Boolean(), rows, result);
    auto* out = result->mutable_values<uint8_t>();
    for (size_t i = 0; i < rows; ++i) {
      const Value a = arguments[0].GetValue(i);
      const Value b = arguments[1].GetValue(i);
      if (a.is_null() || b.is_null()) {
        result->SetNull(i, true);
        continue;
      }
      bool indeterminate = false;
      const int c = CompareValues(a, b, &indeterminate);
      if (indeterminate && (kOp == CompareOp::kEqual || kOp == CompareOp::kNotEqual) && c == 0) {
        result->SetNull(i, true);
        continue;
      }
      switch (kOp) {
        case CompareOp::kEqual:
          out[i] = c == 0;
          break;
        case CompareOp::kNotEqual:
          out[i] = c != 0;
          break;
        case CompareOp::kLess:
          out[i] = c < 0;
          break;
        case CompareOp::kLessEqual:
          out[i] = c <= 0;
          break;
        case CompareOp::kGreater:
          out[i] = c > 0;
          break;
        case CompareOp::kGreaterEqual:
          out[i] = c >= 0;
          break;
      }
    }
    return Status::Ok();
  };
}

template <CompareOp kOp>
ScalarKernel KernelFor(const LogicalType& type) {
  switch (type.kind()) {
    case TypeKind::kChar:
      return CompareKernel<kOp, Flavor::kChar, StringView>();
    case TypeKind::kTimestampWithTimeZone:
      return CompareKernel<kOp, Flavor::kZoned, int64_t>();
    case TypeKind::kArray:
    case TypeKind::kMap:
    case TypeKind::kRow:
      return NestedCompareKernel<kOp>();
    default:
      break;
  }
  switch (type.physical_type()) {
    case PhysicalType::kBool:
      return CompareKernel<kOp, Flavor::kPlain, uint8_t>();
    case PhysicalType::kInt8:
      return CompareKernel<kOp, Flavor::kPlain, int8_t>();
    case PhysicalType::kInt16:
      return CompareKernel<kOp, Flavor::kPlain, int16_t>();
    case PhysicalType::kInt32:
      return CompareKernel<kOp, Flavor::kPlain, int32_t>();
    case PhysicalType::kInt64:
      return CompareKernel<kOp, Flavor::kPlain, int64_t>();
    case PhysicalType::kInt128:
      return CompareKernel<kOp, Flavor::kPlain, Int128>();
    case PhysicalType::kFloat:
      return CompareKernel<kOp, Flavor::kPlain, float>();
    case PhysicalType::kDouble:
      return CompareKernel<kOp, Flavor::kPlain, double>();
    case PhysicalType::kString:
      return CompareKernel<kOp, Flavor::kBytes, StringView>();
    default:
      return NestedCompareKernel<kOp>();
  }
}

template <CompareOp kOp>
void AddComparison(FunctionRegistry::Impl& impl, std::string_view name, std::string_view pattern) {
  impl.AddScalar(ScalarSpec{.name = name, .arguments = {pattern, pattern}, .returns = "boolean"},
                 [name](const std::vector<LogicalType>& bound) -> Result<ScalarBinding> {
                   return ScalarBinding{.name = std::string(name),
                                        .argument_types = bound,
                                        .return_type = LogicalType::Boolean(),
                                        .kernel = KernelFor<kOp>(bound[0])};
                 });
}

// IS DISTINCT FROM: never NULL; NULL is not distinct from NULL, NaN not from NaN.
ScalarKernel DistinctKernel() {
  return [](std::span<const Vector> arguments, size_t rows, const FunctionContext& /*context*/,
            Vector* result) -> Status {
    NewResult(LogicalType::Boolean(), rows, result);
    auto* out = result->mutable_values<uint8_t>();
    for (size_t i = 0; i < rows; ++i) {
      const bool a_null = arguments[0].IsNull(i);
      const bool b_null = arguments[1].IsNull(i);
      if (a_null || b_null) {
        out[i] = a_null != b_null;
        continue;
      }
      bool indeterminate = false;
      out[i] =
          CompareValues(arguments[0].GetValue(i), arguments[1].GetValue(i), &indeterminate) != 0;
    }
    return Status::Ok();
  };
}

template <Flavor kFlavor, typename T>
ScalarKernel FastDistinctKernel() {
  return [](std::span<const Vector> arguments, size_t rows, const FunctionContext& /*context*/,
            Vector* result) -> Status {
    ArgumentData a(arguments[0]);
    ArgumentData b(arguments[1]);
    NewResult(LogicalType::Boolean(), rows, result);
    const T* av = a.values<T>();
    const T* bv = b.values<T>();
    auto* out = result->mutable_values<uint8_t>();
    for (size_t i = 0; i < rows; ++i) {
      const bool a_null = a.IsNull(i);
      const bool b_null = b.IsNull(i);
      if (a_null || b_null) {
        out[i] = a_null != b_null;
        continue;
      }
      const T x = av[a.Index(i)];
      const T y = bv[b.Index(i)];
      if constexpr (std::is_floating_point_v<T>) {
        out[i] = !(x == y || (std::isnan(x) && std::isnan(y)));
      } else {
        out[i] = Compare3<kFlavor, T>(x, y) != 0;
      }
    }
    return Status::Ok();
  };
}

ScalarKernel DistinctKernelFor(const LogicalType& type) {
  switch (type.kind()) {
    case TypeKind::kChar:
      return FastDistinctKernel<Flavor::kChar, StringView>();
    case TypeKind::kTimestampWithTimeZone:
      return FastDistinctKernel<Flavor::kZoned, int64_t>();
    default:
      break;
  }
  switch (type.physical_type()) {
    case PhysicalType::kBool:
      return FastDistinctKernel<Flavor::kPlain, uint8_t>();
    case PhysicalType::kInt8:
      return FastDistinctKernel<Flavor::kPlain, int8_t>();
    case PhysicalType::kInt16:
      return FastDistinctKernel<Flavor::kPlain, int16_t>();
    case PhysicalType::kInt32:
      return FastDistinctKernel<Flavor::kPlain, int32_t>();
    case PhysicalType::kInt64:
      return FastDistinctKernel<Flavor::kPlain, int64_t>();
    case PhysicalType::kInt128:
      return FastDistinctKernel<Flavor::kPlain, Int128>();
    case PhysicalType::kFloat:
      return FastDistinctKernel<Flavor::kPlain, float>();
    case PhysicalType::kDouble:
      return FastDistinctKernel<Flavor::kPlain, double>();
    case PhysicalType::kString:
      return FastDistinctKernel<Flavor::kBytes, StringView>();
    default:
      return DistinctKernel();
  }
}

}  // namespace

void RegisterComparisonFunctions(FunctionRegistry& registry) {
  FunctionRegistry::Impl& impl = registry.impl();
  AddComparison<CompareOp::kEqual>(impl, kEqualOperator, "T:comparable");
  AddComparison<CompareOp::kNotEqual>(impl, kNotEqualOperator, "T:comparable");
  AddComparison<CompareOp::kLess>(impl, kLessThanOperator, "T:orderable");
  AddComparison<CompareOp::kLessEqual>(impl, kLessThanOrEqualOperator, "T:orderable");
  AddComparison<CompareOp::kGreater>(impl, kGreaterThanOperator, "T:orderable");
  AddComparison<CompareOp::kGreaterEqual>(impl, kGreaterThanOrEqualOperator, "T:orderable");
  impl.AddScalar(ScalarSpec{.name = kIsDistinctFromOperator,
                            .arguments = {"T:comparable", "T:comparable"},
                            .returns = "boolean"},
                 [](const std::vector<LogicalType>& bound) -> Result<ScalarBinding> {
                   return ScalarBinding{.name = std::string(kIsDistinctFromOperator),
                                        .argument_types = bound,
                                        .return_type = LogicalType::Boolean(),
                                        .kernel = DistinctKernelFor(bound[0])};
                 });
}

int CompareValues(const Value& a, const Value& b, bool* indeterminate) {
  if (a.is_null() || b.is_null()) {
    *indeterminate = true;
    return a.is_null() == b.is_null() ? 0 : (a.is_null() ? 1 : -1);
  }
  const LogicalType& type = a.type();
  switch (type.kind()) {
    case TypeKind::kBoolean:
      return static_cast<int>(a.boolean_value()) - static_cast<int>(b.boolean_value());
    case TypeKind::kReal:
    case TypeKind::kDouble: {
      const double x = a.double_value();
      const double y = b.double_value();
      if (std::isnan(x) || std::isnan(y)) {
        return std::isnan(x) == std::isnan(y) ? 0 : (std::isnan(x) ? 1 : -1);
      }
      return x < y ? -1 : (x > y ? 1 : 0);
    }
    case TypeKind::kDecimal: {
      const Int128 x = a.decimal_value();
      const Int128 y = b.decimal_value();
      return x < y ? -1 : (x > y ? 1 : 0);
    }
    case TypeKind::kVarchar:
    case TypeKind::kVarbinary:
    case TypeKind::kJson:
      return CompareBytes(a.string_value(), b.string_value());
    case TypeKind::kChar:
      return CompareBytes(StripTrailingSpaces(a.string_value()),
                          StripTrailingSpaces(b.string_value()));
    case TypeKind::kTimestampWithTimeZone:
    case TypeKind::kTinyint:
    case TypeKind::kSmallint:
    case TypeKind::kInteger:
    case TypeKind::kBigint:
    case TypeKind::kDate:
    case TypeKind::kTimestamp:
    case TypeKind::kIntervalDayToSecond:
    case TypeKind::kIntervalYearToMonth: {
      const int64_t x = a.int64_value();
      const int64_t y = b.int64_value();
      return x < y ? -1 : (x > y ? 1 : 0);
    }
    case TypeKind::kArray:
    case TypeKind::kMap:
    case TypeKind::kRow: {
      const std::vector<Value>& x = a.children();
      const std::vector<Value>& y = b.children();
      for (size_t i = 0; i < std::min(x.size(), y.size()); ++i) {
        const int c = CompareValues(x[i], y[i], indeterminate);
        if (c != 0) {
          return c;
        }
      }
      return x.size() < y.size() ? -1 : (x.size() > y.size() ? 1 : 0);
    }
    case TypeKind::kUnknown:
      return 0;
  }
  return 0;
}

}  // namespace stratus::sql::functions
