// The basic aggregates: count(*), count(x), sum, avg, min, max, with
// Trino's result types (sum of integers → bigint, overflow checked; sum of
// decimal(p,s) → decimal(38,s); avg of integers → double; avg of
// decimal(p,s) → decimal(p,s)).

#include <cmath>
#include <cstring>
#include <memory>
#include <optional>
#include <string>

#include "base/format.h"
#include "sql/functions/aggregate_internal.h"
#include "sql/functions/cast_internal.h"
#include "sql/functions/kernel_internal.h"
#include "sql/functions/registry_internal.h"
#include "sql/functions/value_compare_internal.h"
#include "sql/types/sql_error.h"
#include "sql/types/value.h"

namespace stratus::sql::functions {
namespace {

template <typename State>
State* StateOf(uint8_t* bytes) {
  return reinterpret_cast<State*>(bytes);
}

template <typename State>
const State* StateOf(const uint8_t* bytes) {
  return reinterpret_cast<const State*>(bytes);
}

class CountStarKernel final : public AggregateKernel {
 public:
  size_t state_size() const override { return sizeof(int64_t); }

  void Initialize(uint8_t* state) const override { *StateOf<int64_t>(state) = 0; }

  Status Update(std::span<const Vector> /*arguments*/,
                size_t rows,
                uint8_t* const* states) const override {
    for (size_t i = 0; i < rows; ++i) {
      ++*StateOf<int64_t>(states[i]);
    }
    return Status::Ok();
  }

  Status Combine(const uint8_t* source, uint8_t* target) const override {
    *StateOf<int64_t>(target) += *StateOf<int64_t>(source);
    return Status::Ok();
  }

  Status Finalize(const uint8_t* state, Vector* out, size_t row) const override {
    out->mutable_values<int64_t>()[row] = *StateOf<int64_t>(state);
    return Status::Ok();
  }
};

class CountKernel final : public AggregateKernel {
 public:
  size_t state_size() const override { return sizeof(int64_t); }

  void Initialize(uint8_t* state) const override { *StateOf<int64_t>(state) = 0; }

  Status Update(std::span<const Vector> arguments,
                size_t rows,
                uint8_t* const* states) const override {
    const Vector& input = arguments[0];
    if (input.encoding() == VectorEncoding::kFlat && input.validity() == nullptr) {
      for (size_t i = 0; i < rows; ++i) {
        ++*StateOf<int64_t>(states[i]);
      }
      return Status::Ok();
    }
    ArgumentData a(input);
    for (size_t i = 0; i < rows; ++i) {
      *StateOf<int64_t>(states[i]) += a.IsNull(i) ? 0 : 1;
    }
    return Status::Ok();
  }

  Status Combine(const uint8_t* source, uint8_t* target) const override {
    *StateOf<int64_t>(target) += *StateOf<int64_t>(source);
    return Status::Ok();
  }

  Status Finalize(const uint8_t* state, Vector* out, size_t row) const override {
    out->mutable_values<int64_t>()[row] = *StateOf<int64_t>(state);
    return Status::Ok();
  }
};

// sum and avg: a running sum of type Sum and a count.
template <typename Sum>
struct SumState {
  Sum sum;
  int64_t count;
};

Status BigintOverflow(int64_t a, int64_t b) {
  return SqlError(kNumericValueOutOfRange, Format("bigint addition overflow: {} + {}", a, b));
}

Status DecimalOverflow() {
  return SqlError(kNumericValueOutOfRange, "Decimal overflow");
}

// Adds `value` into a sum of type Sum; false on overflow.
template <typename Sum, typename In>
bool Accumulate(Sum* sum, In value) {
  if constexpr (std::is_floating_point_v<Sum>) {
    *sum += static_cast<Sum>(value);
    return true;
  } else {
    return !__builtin_add_overflow(*sum, static_cast<Sum>(value), sum);
  }
}

enum class SumResult : uint8_t { kSum, kAverage };

template <typename In, typename Sum, typename Out, SumResult kResult>
class SumKernel final : public AggregateKernel {
 public:
  explicit SumKernel(LogicalType result_type) : result_type_(std::move(result_type)) {}

  size_t state_size() const override { return sizeof(SumState<Sum>); }

  void Initialize(uint8_t* state) const override {
    *StateOf<SumState<Sum>>(state) = SumState<Sum>{Sum{0}, 0};
  }

  Status Update(std::span<const Vector> arguments,
                size_t rows,
                uint8_t* const* states) const override {
    ArgumentData a(arguments[0]);
    const In* values = a.values<In>();
    for (size_t i = 0; i < rows; ++i) {
      if (a.IsNull(i)) {
        continue;
      }
      auto* state = StateOf<SumState<Sum>>(states[i]);
      const Sum before = state->sum;
      if (!Accumulate(&state->sum, values[a.Index(i)])) {
        return OverflowError(before, static_cast<Sum>(values[a.Index(i)]));
      }
      ++state->count;
    }
    return Status::Ok();
  }

  Status Combine(const uint8_t* source, uint8_t* target) const override {
    const auto* from = StateOf<SumState<Sum>>(source);
    auto* to = StateOf<SumState<Sum>>(target);
    const Sum before = to->sum;
    if (!Accumulate(&to->sum, from->sum)) {
      return OverflowError(before, from->sum);
    }
    to->count += from->count;
    return Status::Ok();
  }

  Status Finalize(const uint8_t* state_bytes, Vector* out, size_t row) const override {
    const auto* state = StateOf<SumState<Sum>>(state_bytes);
    if (state->count == 0) {
      out->SetNull(row, true);
      return Status::Ok();
    }
    if constexpr (kResult == SumResult::kSum) {
      if constexpr (std::is_same_v<Sum, Int128>) {
        if (!FitsPrecision(state->sum, LogicalType::kMaxDecimalPrecision)) {
          return DecimalOverflow();
        }
      }
      out->mutable_values<Out>()[row] = static_cast<Out>(state->sum);
    } else if constexpr (std::is_floating_point_v<Sum>) {
      out->mutable_values<Out>()[row] =
          static_cast<Out>(state->sum / static_cast<Sum>(state->count));
    } else {
      // Decimal average: the sum divided by the count, rounded half up.
      const Int128 count = state->count;
      Int128 quotient = state->sum / count;
      const Int128 remainder = state->sum % count;
      if ((remainder < 0 ? -remainder : remainder) * 2 >= count) {
        quotient += state->sum < 0 ? -1 : 1;
      }
      out->mutable_values<Out>()[row] = static_cast<Out>(quotient);
    }
    return Status::Ok();
  }

 private:
  Status OverflowError(Sum a, Sum b) const {
    if constexpr (std::is_same_v<Sum, int64_t>) {
      return BigintOverflow(a, b);
    } else {
      return DecimalOverflow();
    }
  }

  LogicalType result_type_;
};

template <typename In, typename Sum, typename Out, SumResult kResult>
std::shared_ptr<const AggregateKernel> MakeSum(const LogicalType& result) {
  return std::make_shared<SumKernel<In, Sum, Out, kResult>>(result);
}

// Picks the sum/avg kernel for an argument type.
template <SumResult kResult>
Result<AggregateBinding> BindSum(const std::vector<LogicalType>& bound, std::string_view name) {
  const LogicalType& type = bound[0];
  AggregateBinding binding{.name = std::string(name), .argument_types = bound};
  const bool sum = kResult == SumResult::kSum;
  switch (type.kind()) {
    case TypeKind::kTinyint:
    case TypeKind::kSmallint:
    case TypeKind::kInteger:
    case TypeKind::kBigint: {
      binding.return_type = sum ? LogicalType::Bigint() : LogicalType::Double();
      auto make = [&]<typename In>() -> std::shared_ptr<const AggregateKernel> {
        if constexpr (kResult == SumResult::kSum) {
          return MakeSum<In, int64_t, int64_t, kResult>(binding.return_type);
        } else {
          return MakeSum<In, double, double, kResult>(binding.return_type);
        }
      };
      switch (type.kind()) {
        case TypeKind::kTinyint:
          binding.kernel = make.template operator()<int8_t>();
          break;
        case TypeKind::kSmallint:
          binding.kernel = make.template operator()<int16_t>();
          break;
        case TypeKind::kInteger:
          binding.kernel = make.template operator()<int32_t>();
          break;
        default:
          binding.kernel = make.template operator()<int64_t>();
          break;
      }
      return binding;
    }
    case TypeKind::kReal:
      binding.return_type = LogicalType::Real();
      binding.kernel = MakeSum<float, double, float, kResult>(binding.return_type);
      return binding;
    case TypeKind::kDouble:
      binding.return_type = LogicalType::Double();
      binding.kernel = MakeSum<double, double, double, kResult>(binding.return_type);
      return binding;
    case TypeKind::kDecimal: {
      binding.return_type =
          sum ? LogicalType::Decimal(LogicalType::kMaxDecimalPrecision, type.scale()) : type;
      const bool short_out = binding.return_type.is_short_decimal();
      if (type.is_short_decimal()) {
        binding.kernel = short_out ? MakeSum<int64_t, Int128, int64_t, kResult>(binding.return_type)
                                   : MakeSum<int64_t, Int128, Int128, kResult>(binding.return_type);
      } else {
        binding.kernel = short_out ? MakeSum<Int128, Int128, int64_t, kResult>(binding.return_type)
                                   : MakeSum<Int128, Int128, Int128, kResult>(binding.return_type);
      }
      return binding;
    }
    case TypeKind::kIntervalDayToSecond:
      binding.return_type = type;
      binding.kernel = MakeSum<int64_t, int64_t, int64_t, kResult>(binding.return_type);
      return binding;
    case TypeKind::kIntervalYearToMonth:
      binding.return_type = type;
      binding.kernel = MakeSum<int32_t, int64_t, int32_t, kResult>(binding.return_type);
      return binding;
    default:
      return SqlError(kFunctionNotFound,
                      Format("Unexpected parameters ({}) for function {}", type.ToString(), name));
  }
}

void RegisterSumAndAverage(FunctionRegistry::Impl& impl) {
  struct Row {
    std::string_view type;
    std::string_view sum;
    std::string_view average;
  };

  static constexpr Row kRows[] = {
      {"tinyint", "bigint", "double"},
      {"smallint", "bigint", "double"},
      {"integer", "bigint", "double"},
      {"bigint", "bigint", "double"},
      {"real", "real", "real"},
      {"double", "double", "double"},
      {"decimal", "decimal(38,s)", "decimal(p,s)"},
      {"interval day to second", "interval day to second", "interval day to second"},
      {"interval year to month", "interval year to month", "interval year to month"},
  };
  for (const Row& row : kRows) {
    impl.AddAggregate(ScalarSpec{.name = "sum",
                                 .arguments = {row.type},
                                 .returns = row.sum,
                                 .description = "Returns the sum of the non-NULL values"},
                      [](const std::vector<LogicalType>& bound) {
                        return BindSum<SumResult::kSum>(bound, "sum");
                      });
    impl.AddAggregate(ScalarSpec{.name = "avg",
                                 .arguments = {row.type},
                                 .returns = row.average,
                                 .description = "Returns the average of the non-NULL values"},
                      [](const std::vector<LogicalType>& bound) {
                        return BindSum<SumResult::kAverage>(bound, "avg");
                      });
  }
}

}  // namespace

void RegisterAggregateFunctions(FunctionRegistry& registry) {
  FunctionRegistry::Impl& impl = registry.impl();
  impl.AddAggregate(ScalarSpec{.name = "count",
                               .arguments = {},
                               .returns = "bigint",
                               .description = "Returns the number of rows"},
                    [](const std::vector<LogicalType>& bound) -> Result<AggregateBinding> {
                      return AggregateBinding{.name = "count",
                                              .argument_types = bound,
                                              .return_type = LogicalType::Bigint(),
                                              .kernel = std::make_shared<CountStarKernel>()};
                    });
  impl.AddAggregate(ScalarSpec{.name = "count",
                               .arguments = {"T"},
                               .returns = "bigint",
                               .description = "Returns the number of non-NULL values"},
                    [](const std::vector<LogicalType>& bound) -> Result<AggregateBinding> {
                      return AggregateBinding{.name = "count",
                                              .argument_types = bound,
                                              .return_type = LogicalType::Bigint(),
                                              .kernel = std::make_shared<CountKernel>()};
                    });
  RegisterSumAndAverage(impl);
  RegisterMinMax(impl);
  RegisterAggregateLibrary(impl);
  RegisterStatisticalAggregates(impl);
}

}  // namespace stratus::sql::functions
