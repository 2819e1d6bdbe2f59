// Aggregates beyond the basic five: count_if, bool_and/bool_or/every,
// arbitrary/any_value, min_by/max_by, array_agg and map_agg. Their states
// hold Values (the general, slower path): none of them is the hot path of
// a GROUP BY the way sum and count are.

#include <memory>
#include <optional>
#include <utility>
#include <vector>

#include "sql/functions/aggregate_internal.h"
#include "sql/functions/in_place_aggregate_internal.h"
#include "sql/functions/kernel_internal.h"
#include "sql/functions/value_compare_internal.h"
#include "sql/types/value.h"

namespace stratus::sql::functions {
namespace {

class CountIfKernel final : public AggregateKernel {
 public:
  size_t state_size() const override { return sizeof(int64_t); }

  void Initialize(uint8_t* state) const override { *reinterpret_cast<int64_t*>(state) = 0; }

  Status Update(std::span<const Vector> arguments,
                size_t rows,
                uint8_t* const* states) const override {
    ArgumentData a(arguments[0]);
    const auto* values = a.values<uint8_t>();
    for (size_t i = 0; i < rows; ++i) {
      if (!a.IsNull(i) && values[a.Index(i)] != 0) {
        ++*reinterpret_cast<int64_t*>(states[i]);
      }
    }
    return Status::Ok();
  }

  Status Combine(const uint8_t* source, uint8_t* target) const override {
    *reinterpret_cast<int64_t*>(target) += *reinterpret_cast<const int64_t*>(source);
    return Status::Ok();
  }

  Status Finalize(const uint8_t* state, Vector* out, size_t row) const override {
    out->mutable_values<int64_t>()[row] = *reinterpret_cast<const int64_t*>(state);
    return Status::Ok();
  }
};

// bool_and / bool_or: state 0 = no value, 1 = false, 2 = true.
template <bool kAnd>
class BoolKernel final : public AggregateKernel {
 public:
  size_t state_size() const override { return 1; }

  void Initialize(uint8_t* state) const override { *state = 0; }

  Status Update(std::span<const Vector> arguments,
                size_t rows,
                uint8_t* const* states) const override {
    ArgumentData a(arguments[0]);
    const auto* values = a.values<uint8_t>();
    for (size_t i = 0; i < rows; ++i) {
      if (!a.IsNull(i)) {
        Offer(values[a.Index(i)] != 0, states[i]);
      }
    }
    return Status::Ok();
  }

  Status Combine(const uint8_t* source, uint8_t* target) const override {
    if (*source != 0) {
      Offer(*source == 2, target);
    }
    return Status::Ok();
  }

  Status Finalize(const uint8_t* state, Vector* out, size_t row) const override {
    if (*state == 0) {
      out->SetValue(row, Value::Null(out->type()));
    } else {
      out->mutable_values<uint8_t>()[row] = *state == 2;
    }
    return Status::Ok();
  }

 private:
  static void Offer(bool value, uint8_t* state) {
    const bool current = *state == 0 ? kAnd : *state == 2;
    *state = (kAnd ? (current && value) : (current || value)) ? 2 : 1;
  }
};

// Values are large: states hold them on the heap to keep hash table slots small.
struct ArbitraryState {
  std::unique_ptr<Value> value;
};

class ArbitraryKernel final : public InPlaceAggregate<ArbitraryState> {
 public:
  Status Update(std::span<const Vector> arguments,
                size_t rows,
                uint8_t* const* states) const override {
    for (size_t i = 0; i < rows; ++i) {
      ArbitraryState& state = Of(states[i]);
      if (state.value == nullptr && !arguments[0].IsNull(i)) {
        state.value = std::make_unique<Value>(arguments[0].GetValue(i));
      }
    }
    return Status::Ok();
  }

  Status Combine(const uint8_t* source, uint8_t* target) const override {
    if (Of(target).value == nullptr && Of(source).value != nullptr) {
      Of(target).value = std::make_unique<Value>(*Of(source).value);
    }
    return Status::Ok();
  }

  Status Finalize(const uint8_t* state, Vector* out, size_t row) const override {
    if (Of(state).value != nullptr) {
      out->SetValue(row, *Of(state).value);
    } else {
      out->SetValue(row, Value::Null(out->type()));
    }
    return Status::Ok();
  }
};

struct ByEntry {
  Value key;
  Value value;
};

struct ByState {
  std::unique_ptr<ByEntry> entry;
};

// min_by(x, y) / max_by(x, y): x at the least / greatest non-NULL y.
template <bool kMax>
class ByKernel final : public InPlaceAggregate<ByState> {
 public:
  Status Update(std::span<const Vector> arguments,
                size_t rows,
                uint8_t* const* states) const override {
    for (size_t i = 0; i < rows; ++i) {
      if (arguments[1].IsNull(i)) {
        continue;
      }
      Offer(arguments[1].GetValue(i), arguments[0].GetValue(i), &Of(states[i]));
    }
    return Status::Ok();
  }

  Status Combine(const uint8_t* source, uint8_t* target) const override {
    const ByState& from = Of(source);
    if (from.entry != nullptr) {
      Offer(from.entry->key, from.entry->value, &Of(target));
    }
    return Status::Ok();
  }

  Status Finalize(const uint8_t* state, Vector* out, size_t row) const override {
    if (Of(state).entry != nullptr && !Of(state).entry->value.is_null()) {
      out->SetValue(row, Of(state).entry->value);
    } else {
      out->SetValue(row, Value::Null(out->type()));
    }
    return Status::Ok();
  }

 private:
  static void Offer(const Value& key, const Value& value, ByState* state) {
    bool indeterminate = false;
    if (state->entry == nullptr) {
      state->entry = std::make_unique<ByEntry>(ByEntry{key, value});
      return;
    }
    const int c = CompareValues(key, state->entry->key, &indeterminate);
    if (kMax ? c > 0 : c < 0) {
      state->entry->key = key;
      state->entry->value = value;
    }
  }
};

struct ListState {
  std::vector<Value> values;
};

class ArrayAggKernel final : public InPlaceAggregate<ListState> {
 public:
  explicit ArrayAggKernel(LogicalType element) : element_(std::move(element)) {}

  Status Update(std::span<const Vector> arguments,
                size_t rows,
                uint8_t* const* states) const override {
    for (size_t i = 0; i < rows; ++i) {
      Of(states[i]).values.push_back(arguments[0].GetValue(i));
    }
    return Status::Ok();
  }

  Status Combine(const uint8_t* source, uint8_t* target) const override {
    const std::vector<Value>& from = Of(source).values;
    std::vector<Value>& to = Of(target).values;
    to.insert(to.end(), from.begin(), from.end());
    return Status::Ok();
  }

  Status Finalize(const uint8_t* state, Vector* out, size_t row) const override {
    if (Of(state).values.empty()) {
      out->SetValue(row, Value::Null(out->type()));
    } else {
      out->SetValue(row, Value::Array(element_, Of(state).values));
    }
    return Status::Ok();
  }

  size_t OwnedBytes(const uint8_t* state) const override {
    return Of(state).values.capacity() * sizeof(Value);
  }

 private:
  LogicalType element_;
};

struct MapState {
  std::vector<Value> keys;
  std::vector<Value> values;
};

class MapAggKernel final : public InPlaceAggregate<MapState> {
 public:
  MapAggKernel(LogicalType key, LogicalType value)
      : key_(std::move(key)), value_(std::move(value)) {}

  Status Update(std::span<const Vector> arguments,
                size_t rows,
                uint8_t* const* states) const override {
    for (size_t i = 0; i < rows; ++i) {
      if (!arguments[0].IsNull(i)) {
        Add(arguments[0].GetValue(i), arguments[1].GetValue(i), &Of(states[i]));
      }
    }
    return Status::Ok();
  }

  Status Combine(const uint8_t* source, uint8_t* target) const override {
    const MapState& from = Of(source);
    for (size_t i = 0; i < from.keys.size(); ++i) {
      Add(from.keys[i], from.values[i], &Of(target));
    }
    return Status::Ok();
  }

  Status Finalize(const uint8_t* state, Vector* out, size_t row) const override {
    if (Of(state).keys.empty()) {
      out->SetValue(row, Value::Null(out->type()));
    } else {
      out->SetValue(row, Value::Map(key_, value_, Of(state).keys, Of(state).values));
    }
    return Status::Ok();
  }

 private:
  // Keeps the first value of each key.
  static void Add(const Value& key, const Value& value, MapState* state) {
    for (const Value& existing : state->keys) {
      if (existing == key) {
        return;
      }
    }
    state->keys.push_back(key);
    state->values.push_back(value);
  }

  LogicalType key_;
  LogicalType value_;
};

AggregateFactory Fixed(const std::string& name,
                       const LogicalType& type,
                       const std::shared_ptr<const AggregateKernel>& kernel) {
  return [name, type, kernel](const std::vector<LogicalType>& bound) -> Result<AggregateBinding> {
    return AggregateBinding{
        .name = name, .argument_types = bound, .return_type = type, .kernel = kernel};
  };
}

}  // namespace

void RegisterAggregateLibrary(FunctionRegistry::Impl& impl) {
  impl.AddAggregate(ScalarSpec{.name = "count_if",
                               .arguments = {"boolean"},
                               .returns = "bigint",
                               .description = "Returns the number of TRUE values"},
                    Fixed("count_if", LogicalType::Bigint(), std::make_shared<CountIfKernel>()));
  for (std::string_view name : {"bool_and", "every"}) {
    impl.AddAggregate(
        ScalarSpec{.name = name,
                   .arguments = {"boolean"},
                   .returns = "boolean",
                   .description = "Returns TRUE if every value is TRUE"},
        Fixed(std::string(name), LogicalType::Boolean(), std::make_shared<BoolKernel<true>>()));
  }
  impl.AddAggregate(
      ScalarSpec{.name = "bool_or",
                 .arguments = {"boolean"},
                 .returns = "boolean",
                 .description = "Returns TRUE if any value is TRUE"},
      Fixed("bool_or", LogicalType::Boolean(), std::make_shared<BoolKernel<false>>()));
  for (std::string_view name : {"arbitrary", "any_value"}) {
    impl.AddAggregate(ScalarSpec{.name = name,
                                 .arguments = {"T"},
                                 .returns = "T",
                                 .description = "Returns an arbitrary non-NULL value"},
                      [](const std::vector<LogicalType>& bound) -> Result<AggregateBinding> {
                        return AggregateBinding{.argument_types = bound,
                                                .return_type = bound[0],
                                                .kernel = std::make_shared<ArbitraryKernel>()};
                      });
  }
  impl.AddAggregate(ScalarSpec{.name = "min_by",
                               .arguments = {"T", "K:orderable"},
                               .returns = "T",
                               .description = "Returns x at the least y"},
                    [](const std::vector<LogicalType>& bound) -> Result<AggregateBinding> {
                      return AggregateBinding{.argument_types = bound,
                                              .return_type = bound[0],
                                              .kernel = std::make_shared<ByKernel<false>>()};
                    });
  impl.AddAggregate(ScalarSpec{.name = "max_by",
                               .arguments = {"T", "K:orderable"},
                               .returns = "T",
                               .description = "Returns x at the greatest y"},
                    [](const std::vector<LogicalType>& bound) -> Result<AggregateBinding> {
                      return AggregateBinding{.argument_types = bound,
                                              .return_type = bound[0],
                                              .kernel = std::make_shared<ByKernel<true>>()};
                    });
  impl.AddAggregate(ScalarSpec{.name = "array_agg",
                               .arguments = {"T"},
                               .returns = "array(T)",
                               .description = "Returns the values (NULLs included) as an array"},
                    [](const std::vector<LogicalType>& bound) -> Result<AggregateBinding> {
                      return AggregateBinding{.argument_types = bound,
                                              .return_type = LogicalType::Array(bound[0]),
                                              .kernel = std::make_shared<ArrayAggKernel>(bound[0]),
                                              .order_sensitive = true};
                    });
  impl.AddAggregate(ScalarSpec{.name = "map_agg",
                               .arguments = {"K:comparable", "V"},
                               .returns = "map(K,V)",
                               .description = "Returns a map of each key to its (first) value"},
                    [](const std::vector<LogicalType>& bound) -> Result<AggregateBinding> {
                      return AggregateBinding{
                          .argument_types = bound,
                          .return_type = LogicalType::Map(bound[0], bound[1]),
                          .kernel = std::make_shared<MapAggKernel>(bound[0], bound[1]),
                          .order_sensitive = true};
                    });
}

}  // namespace stratus::sql::functions
