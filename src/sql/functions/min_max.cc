// min(x) and max(x) over every orderable type: fixed-width values in the
// state itself, strings in a std::string the state owns, nested values as
// a Value (slow, rare).

#include <cmath>
#include <memory>
#include <optional>
#include <string>

#include "sql/functions/aggregate_internal.h"
#include "sql/functions/kernel_internal.h"
#include "sql/functions/value_compare_internal.h"
#include "sql/types/value.h"

namespace stratus::sql::functions {
namespace {

// Returns true when `candidate` should replace `current` (NaN above every number).
template <bool kMax, typename T>
bool Better(T candidate, T current) {
  if constexpr (std::is_floating_point_v<T>) {
    if (std::isnan(candidate) || std::isnan(current)) {
      return kMax ? std::isnan(candidate) && !std::isnan(current)
                  : std::isnan(current) && !std::isnan(candidate);
    }
  }
  return kMax ? candidate > current : candidate < current;
}

template <typename T>
struct FixedState {
  T value;
  bool has_value;
};

// kZoned: timestamp with time zone compares the UTC millis (value >> 12).
template <bool kMax, typename T, bool kZoned>
class FixedMinMaxKernel final : public AggregateKernel {
 public:
  size_t state_size() const override { return sizeof(FixedState<T>); }

  void Initialize(uint8_t* state) const override {
    *reinterpret_cast<FixedState<T>*>(state) = FixedState<T>{T{}, false};
  }

  Status Update(std::span<const Vector> arguments,
                size_t rows,
                uint8_t* const* states) const override {
    ArgumentData a(arguments[0]);
    const T* values = a.values<T>();
    for (size_t i = 0; i < rows; ++i) {
      if (!a.IsNull(i)) {
        Offer(values[a.Index(i)], reinterpret_cast<FixedState<T>*>(states[i]));
      }
    }
    return Status::Ok();
  }

  Status Combine(const uint8_t* source, uint8_t* target) const override {
    const auto* from = reinterpret_cast<const FixedState<T>*>(source);
    if (from->has_value) {
      Offer(from->value, reinterpret_cast<FixedState<T>*>(target));
    }
    return Status::Ok();
  }

  Status Finalize(const uint8_t* state_bytes, Vector* out, size_t row) const override {
    const auto* state = reinterpret_cast<const FixedState<T>*>(state_bytes);
    if (!state->has_value) {
      out->SetValue(row, Value::Null(out->type()));
    } else {
      out->mutable_values<T>()[row] = state->value;
    }
    return Status::Ok();
  }

 private:
  static void Offer(T value, FixedState<T>* state) {
    if (!state->has_value) {
      state->value = value;
      state->has_value = true;
      return;
    }
    if constexpr (kZoned) {
      if (Better<kMax>(value >> 12, state->value >> 12)) {
        state->value = value;
      }
    } else if (Better<kMax>(value, state->value)) {
      state->value = value;
    }
  }
};

struct StringState {
  std::string value;
  bool has_value;
};

template <bool kMax>
class StringMinMaxKernel final : public AggregateKernel {
 public:
  size_t state_size() const override { return sizeof(StringState); }

  void Initialize(uint8_t* state) const override {
    std::construct_at(reinterpret_cast<StringState*>(state), StringState{{}, false});
  }

  Status Update(std::span<const Vector> arguments,
                size_t rows,
                uint8_t* const* states) const override {
    ArgumentData a(arguments[0]);
    const auto* values = a.values<StringView>();
    for (size_t i = 0; i < rows; ++i) {
      if (!a.IsNull(i)) {
        Offer(values[a.Index(i)].view(), reinterpret_cast<StringState*>(states[i]));
      }
    }
    return Status::Ok();
  }

  Status Combine(const uint8_t* source, uint8_t* target) const override {
    const auto* from = reinterpret_cast<const StringState*>(source);
    if (from->has_value) {
      Offer(from->value, reinterpret_cast<StringState*>(target));
    }
    return Status::Ok();
  }

  Status Finalize(const uint8_t* state_bytes, Vector* out, size_t row) const override {
    const auto* state = reinterpret_cast<const StringState*>(state_bytes);
    if (!state->has_value) {
      out->SetValue(row, Value::Null(out->type()));
    } else {
      out->mutable_values<StringView>()[row] = AddString(out, state->value);
    }
    return Status::Ok();
  }

  void Destroy(uint8_t* state) const override {
    std::destroy_at(reinterpret_cast<StringState*>(state));
  }

  bool needs_destroy() const override { return true; }

  size_t OwnedBytes(const uint8_t* state) const override {
    return reinterpret_cast<const StringState*>(state)->value.capacity();
  }

 private:
  static void Offer(std::string_view value, StringState* state) {
    if (!state->has_value || (kMax ? value > state->value : value < state->value)) {
      state->value.assign(value);
      state->has_value = true;
    }
  }
};

struct ValueState {
  std::unique_ptr<Value> value;  // On the heap: a Value is large.
};

template <bool kMax>
class ValueMinMaxKernel final : public AggregateKernel {
 public:
  size_t state_size() const override { return sizeof(ValueState); }

  void Initialize(uint8_t* state) const override {
    std::construct_at(reinterpret_cast<ValueState*>(state));
  }

  Status Update(std::span<const Vector> arguments,
                size_t rows,
                uint8_t* const* states) const override {
    for (size_t i = 0; i < rows; ++i) {
      if (!arguments[0].IsNull(i)) {
        Offer(arguments[0].GetValue(i), reinterpret_cast<ValueState*>(states[i]));
      }
    }
    return Status::Ok();
  }

  Status Combine(const uint8_t* source, uint8_t* target) const override {
    const auto* from = reinterpret_cast<const ValueState*>(source);
    if (from->value != nullptr) {
      Offer(*from->value, reinterpret_cast<ValueState*>(target));
    }
    return Status::Ok();
  }

  Status Finalize(const uint8_t* state_bytes, Vector* out, size_t row) const override {
    const auto* state = reinterpret_cast<const ValueState*>(state_bytes);
    if (state->value == nullptr) {
      out->SetValue(row, Value::Null(out->type()));
    } else {
      out->SetValue(row, *state->value);
    }
    return Status::Ok();
  }

  void Destroy(uint8_t* state) const override {
    std::destroy_at(reinterpret_cast<ValueState*>(state));
  }

  bool needs_destroy() const override { return true; }

 private:
  static void Offer(const Value& value, ValueState* state) {
    bool indeterminate = false;
    if (state->value == nullptr) {
      state->value = std::make_unique<Value>(value);
      return;
    }
    const int c = CompareValues(value, *state->value, &indeterminate);
    if (kMax ? c > 0 : c < 0) {
      *state->value = value;
    }
  }
};

template <bool kMax>
std::shared_ptr<const AggregateKernel> MinMaxKernelFor(const LogicalType& type) {
  if (type.kind() == TypeKind::kTimestampWithTimeZone) {
    return std::make_shared<FixedMinMaxKernel<kMax, int64_t, true>>();
  }
  switch (type.physical_type()) {
    case PhysicalType::kBool:
      return std::make_shared<FixedMinMaxKernel<kMax, uint8_t, false>>();
    case PhysicalType::kInt8:
      return std::make_shared<FixedMinMaxKernel<kMax, int8_t, false>>();
    case PhysicalType::kInt16:
      return std::make_shared<FixedMinMaxKernel<kMax, int16_t, false>>();
    case PhysicalType::kInt32:
      return std::make_shared<FixedMinMaxKernel<kMax, int32_t, false>>();
    case PhysicalType::kInt64:
      return std::make_shared<FixedMinMaxKernel<kMax, int64_t, false>>();
    case PhysicalType::kInt128:
      return std::make_shared<FixedMinMaxKernel<kMax, Int128, false>>();
    case PhysicalType::kFloat:
      return std::make_shared<FixedMinMaxKernel<kMax, float, false>>();
    case PhysicalType::kDouble:
      return std::make_shared<FixedMinMaxKernel<kMax, double, false>>();
    case PhysicalType::kString:
      return std::make_shared<StringMinMaxKernel<kMax>>();
    default:
      return std::make_shared<ValueMinMaxKernel<kMax>>();
  }
}

}  // namespace

void RegisterMinMax(FunctionRegistry::Impl& impl) {
  impl.AddAggregate(ScalarSpec{.name = "min",
                               .arguments = {"T:orderable"},
                               .returns = "T",
                               .description = "Returns the smallest non-NULL value"},
                    [](const std::vector<LogicalType>& bound) -> Result<AggregateBinding> {
                      return AggregateBinding{.name = "min",
                                              .argument_types = bound,
                                              .return_type = bound[0],
                                              .kernel = MinMaxKernelFor<false>(bound[0])};
                    });
  impl.AddAggregate(ScalarSpec{.name = "max",
                               .arguments = {"T:orderable"},
                               .returns = "T",
                               .description = "Returns the largest non-NULL value"},
                    [](const std::vector<LogicalType>& bound) -> Result<AggregateBinding> {
                      return AggregateBinding{.name = "max",
                                              .argument_types = bound,
                                              .return_type = bound[0],
                                              .kernel = MinMaxKernelFor<true>(bound[0])};
                    });
}

}  // namespace stratus::sql::functions
