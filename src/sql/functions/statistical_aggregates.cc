// Statistical aggregates over doubles (stddev/variance families with
// Welford's running moments, geometric_mean, covar_samp/covar_pop/corr), and
// the approximate ones: approx_distinct (exact below 4096 distinct hashes,
// then a HyperLogLog of 2048 registers: Trino's default standard error of
// 2.3%) and approx_percentile (exact, over the values kept).

#include <algorithm>
#include <cmath>
#include <cstring>
#include <span>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "sql/functions/aggregate_internal.h"
#include "sql/functions/in_place_aggregate_internal.h"
#include "sql/functions/kernel_internal.h"
#include "sql/types/sql_error.h"
#include "sql/types/value.h"

namespace stratus::sql::functions {
namespace {

struct Moments {
  int64_t count;
  double mean;
  double m2;
};

enum class Statistic : uint8_t {
  kVarianceSample,
  kVariancePopulation,
  kStddevSample,
  kStddevPopulation
};

template <Statistic kStatistic>
class MomentsKernel final : public TrivialAggregate<Moments> {
 public:
  Status Update(std::span<const Vector> arguments,
                size_t rows,
                uint8_t* const* states) const override {
    ArgumentData a(arguments[0]);
    const auto* values = a.values<double>();
    for (size_t i = 0; i < rows; ++i) {
      if (a.IsNull(i)) {
        continue;
      }
      Moments* m = &Of(states[i]);
      const double x = values[a.Index(i)];
      ++m->count;
      const double delta = x - m->mean;
      m->mean += delta / static_cast<double>(m->count);
      m->m2 += delta * (x - m->mean);
    }
    return Status::Ok();
  }

  Status Combine(const uint8_t* source, uint8_t* target) const override {
    const Moments* a = &Of(source);
    Moments* b = &Of(target);
    if (a->count == 0) {
      return Status::Ok();
    }
    if (b->count == 0) {
      *b = *a;
      return Status::Ok();
    }
    const auto n = static_cast<double>(a->count + b->count);
    const double delta = a->mean - b->mean;
    b->m2 +=
        a->m2 + delta * delta * static_cast<double>(a->count) * static_cast<double>(b->count) / n;
    b->mean += delta * static_cast<double>(a->count) / n;
    b->count += a->count;
    return Status::Ok();
  }

  Status Finalize(const uint8_t* state, Vector* out, size_t row) const override {
    const Moments* m = &Of(state);
    const bool sample =
        kStatistic == Statistic::kVarianceSample || kStatistic == Statistic::kStddevSample;
    if (m->count == 0 || (sample && m->count < 2)) {
      out->SetValue(row, Value::Null(out->type()));
      return Status::Ok();
    }
    double variance = m->m2 / static_cast<double>(sample ? m->count - 1 : m->count);
    if (kStatistic == Statistic::kStddevSample || kStatistic == Statistic::kStddevPopulation) {
      variance = std::sqrt(variance);
    }
    out->mutable_values<double>()[row] = variance;
    return Status::Ok();
  }
};

struct LogSum {
  int64_t count;
  double sum;
};

class GeometricMeanKernel final : public TrivialAggregate<LogSum> {
 public:
  Status Update(std::span<const Vector> arguments,
                size_t rows,
                uint8_t* const* states) const override {
    ArgumentData a(arguments[0]);
    const auto* values = a.values<double>();
    for (size_t i = 0; i < rows; ++i) {
      if (!a.IsNull(i)) {
        LogSum* s = &Of(states[i]);
        ++s->count;
        s->sum += std::log(values[a.Index(i)]);
      }
    }
    return Status::Ok();
  }

  Status Combine(const uint8_t* source, uint8_t* target) const override {
    const LogSum* a = &Of(source);
    LogSum* b = &Of(target);
    b->count += a->count;
    b->sum += a->sum;
    return Status::Ok();
  }

  Status Finalize(const uint8_t* state, Vector* out, size_t row) const override {
    const LogSum* s = &Of(state);
    if (s->count == 0) {
      out->SetValue(row, Value::Null(out->type()));
    } else {
      out->mutable_values<double>()[row] = std::exp(s->sum / static_cast<double>(s->count));
    }
    return Status::Ok();
  }
};

struct CoMoments {
  int64_t count;
  double mean_x;
  double mean_y;
  double c2;   // sum of (x - mean_x)(y - mean_y)
  double m2x;  // sum of (x - mean_x)^2
  double m2y;
};

enum class CoStatistic : uint8_t { kCovarianceSample, kCovariancePopulation, kCorrelation };

// Arguments are (y, x), as Trino's covar_samp(y, x) and corr(y, x).
template <CoStatistic kStatistic>
class CoMomentsKernel final : public TrivialAggregate<CoMoments> {
 public:
  Status Update(std::span<const Vector> arguments,
                size_t rows,
                uint8_t* const* states) const override {
    ArgumentData y(arguments[0]);
    ArgumentData x(arguments[1]);
    for (size_t i = 0; i < rows; ++i) {
      if (x.IsNull(i) || y.IsNull(i)) {
        continue;
      }
      CoMoments one{1, x.values<double>()[x.Index(i)], y.values<double>()[y.Index(i)], 0, 0, 0};
      Merge(one, &Of(states[i]));
    }
    return Status::Ok();
  }

  Status Combine(const uint8_t* source, uint8_t* target) const override {
    Merge(Of(source), &Of(target));
    return Status::Ok();
  }

  Status Finalize(const uint8_t* state, Vector* out, size_t row) const override {
    const CoMoments* m = &Of(state);
    double result = 0;
    switch (kStatistic) {
      case CoStatistic::kCovarianceSample:
        if (m->count < 2) {
          out->SetValue(row, Value::Null(out->type()));
          return Status::Ok();
        }
        result = m->c2 / static_cast<double>(m->count - 1);
        break;
      case CoStatistic::kCovariancePopulation:
        if (m->count == 0) {
          out->SetValue(row, Value::Null(out->type()));
          return Status::Ok();
        }
        result = m->c2 / static_cast<double>(m->count);
        break;
      case CoStatistic::kCorrelation:
        if (m->count < 2 || m->m2x == 0 || m->m2y == 0) {
          out->SetValue(row, Value::Null(out->type()));
          return Status::Ok();
        }
        result = m->c2 / std::sqrt(m->m2x * m->m2y);
        break;
    }
    out->mutable_values<double>()[row] = result;
    return Status::Ok();
  }

 private:
  static void Merge(const CoMoments& a, CoMoments* b) {
    if (a.count == 0) {
      return;
    }
    if (b->count == 0) {
      *b = a;
      return;
    }
    const auto na = static_cast<double>(a.count);
    const auto nb = static_cast<double>(b->count);
    const double n = na + nb;
    const double dx = a.mean_x - b->mean_x;
    const double dy = a.mean_y - b->mean_y;
    b->c2 += a.c2 + dx * dy * na * nb / n;
    b->m2x += a.m2x + dx * dx * na * nb / n;
    b->m2y += a.m2y + dy * dy * na * nb / n;
    b->mean_x += dx * na / n;
    b->mean_y += dy * na / n;
    b->count += a.count;
  }
};

uint64_t Mix(uint64_t h) {
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdULL;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53ULL;
  h ^= h >> 33;
  return h;
}

uint64_t HashBytes(const void* data, size_t size) {
  uint64_t h = 0xcbf29ce484222325ULL;
  const auto* bytes = static_cast<const unsigned char*>(data);
  for (size_t i = 0; i < size; ++i) {
    h = (h ^ bytes[i]) * 0x100000001b3ULL;
  }
  return Mix(h);
}

// Hashes row i of a vector; equal values hash alike (whatever the driver).
uint64_t HashRow(const Vector& vector, const ArgumentData& data, size_t row) {
  const size_t index = data.Index(row);
  switch (vector.physical_type()) {
    case PhysicalType::kString: {
      const std::string_view text = data.values<StringView>()[index].view();
      return HashBytes(text.data(), text.size());
    }
    case PhysicalType::kList:
    case PhysicalType::kMap:
    case PhysicalType::kStruct:
      return Mix(vector.GetValue(row).Hash());
    case PhysicalType::kFloat: {
      float value = data.values<float>()[index];
      value = value == 0 ? 0.0F : value;  // -0 and 0 are one value.
      return HashBytes(&value, sizeof(value));
    }
    case PhysicalType::kDouble: {
      double value = data.values<double>()[index];
      value = value == 0 ? 0.0 : value;
      return HashBytes(&value, sizeof(value));
    }
    default: {
      const size_t width = PhysicalTypeWidth(vector.physical_type());
      return HashBytes(data.values<uint8_t>() + index * width, width);
    }
  }
}

constexpr int kRegisterBits = 11;
constexpr size_t kRegisters = size_t{1} << kRegisterBits;
constexpr size_t kExactLimit = 4096;

struct DistinctState {
  std::unordered_set<uint64_t> exact;
  std::vector<uint8_t> registers;  // Empty while exact.
};

class ApproxDistinctKernel final : public InPlaceAggregate<DistinctState> {
 public:
  Status Update(std::span<const Vector> arguments,
                size_t rows,
                uint8_t* const* states) const override {
    ArgumentData a(arguments[0]);
    for (size_t i = 0; i < rows; ++i) {
      if (!a.IsNull(i)) {
        Add(HashRow(arguments[0], a, i), &Of(states[i]));
      }
    }
    return Status::Ok();
  }

  Status Combine(const uint8_t* source, uint8_t* target) const override {
    const DistinctState& from = Of(source);
    DistinctState& to = Of(target);
    for (uint64_t hash : from.exact) {
      Add(hash, &to);
    }
    if (!from.registers.empty()) {
      Promote(&to);
      for (size_t i = 0; i < kRegisters; ++i) {
        to.registers[i] = std::max(to.registers[i], from.registers[i]);
      }
    }
    return Status::Ok();
  }

  Status Finalize(const uint8_t* state, Vector* out, size_t row) const override {
    const DistinctState& s = Of(state);
    if (s.registers.empty()) {
      out->mutable_values<int64_t>()[row] = static_cast<int64_t>(s.exact.size());
      return Status::Ok();
    }
    double sum = 0;
    size_t zeros = 0;
    for (uint8_t r : s.registers) {
      sum += std::ldexp(1.0, -r);
      zeros += r == 0;
    }
    const auto m = static_cast<double>(kRegisters);
    double estimate = 0.7213 / (1 + 1.079 / m) * m * m / sum;
    if (estimate <= 2.5 * m && zeros > 0) {
      estimate = m * std::log(m / static_cast<double>(zeros));
    }
    out->mutable_values<int64_t>()[row] = std::llround(estimate);
    return Status::Ok();
  }

  size_t OwnedBytes(const uint8_t* state) const override {
    return Of(state).exact.size() * 16 + Of(state).registers.capacity();
  }

 private:
  static void AddToRegisters(uint64_t hash, DistinctState* state) {
    const size_t index = hash >> (64 - kRegisterBits);
    const uint64_t rest = (hash << kRegisterBits) | (uint64_t{1} << (kRegisterBits - 1));
    const auto rank = static_cast<uint8_t>(__builtin_clzll(rest) + 1);
    state->registers[index] = std::max(state->registers[index], rank);
  }

  static void Promote(DistinctState* state) {
    if (!state->registers.empty()) {
      return;
    }
    state->registers.assign(kRegisters, 0);
    for (uint64_t hash : state->exact) {
      AddToRegisters(hash, state);
    }
    state->exact.clear();
  }

  static void Add(uint64_t hash, DistinctState* state) {
    if (state->registers.empty()) {
      state->exact.insert(hash);
      if (state->exact.size() > kExactLimit) {
        Promote(state);
      }
      return;
    }
    AddToRegisters(hash, state);
  }
};

struct PercentileState {
  std::vector<double> values;
  std::vector<double> percentiles;
};

// approx_percentile(x, p) and approx_percentile(x, array(p)): exact nearest-rank.
class PercentileKernel final : public InPlaceAggregate<PercentileState> {
 public:
  PercentileKernel(LogicalType type, bool array) : type_(std::move(type)), array_(array) {}

  Status Update(std::span<const Vector> arguments,
                size_t rows,
                uint8_t* const* states) const override {
    ArgumentData x(arguments[0]);
    for (size_t i = 0; i < rows; ++i) {
      if (x.IsNull(i) || arguments[1].IsNull(i)) {
        continue;
      }
      PercentileState& state = Of(states[i]);
      if (state.percentiles.empty()) {
        STRATUS_RETURN_IF_ERROR(ReadPercentiles(arguments[1].GetValue(i), &state.percentiles));
      }
      state.values.push_back(Read(x, i));
    }
    return Status::Ok();
  }

  Status Combine(const uint8_t* source, uint8_t* target) const override {
    const PercentileState& from = Of(source);
    PercentileState& to = Of(target);
    to.values.insert(to.values.end(), from.values.begin(), from.values.end());
    if (to.percentiles.empty()) {
      to.percentiles = from.percentiles;
    }
    return Status::Ok();
  }

  Status Finalize(const uint8_t* state, Vector* out, size_t row) const override {
    const PercentileState& s = Of(state);
    if (s.values.empty()) {
      out->SetValue(row, Value::Null(out->type()));
      return Status::Ok();
    }
    std::vector<double> sorted = s.values;
    std::sort(sorted.begin(), sorted.end());
    std::vector<Value> results;
    for (double p : s.percentiles) {
      const auto n = static_cast<double>(sorted.size());
      auto index = static_cast<size_t>(std::max(0.0, std::ceil(p * n) - 1));
      index = std::min(index, sorted.size() - 1);
      results.push_back(ToValue(sorted[index]));
    }
    if (array_) {
      out->SetValue(row, Value::Array(type_, results));
    } else {
      out->SetValue(row, results[0]);
    }
    return Status::Ok();
  }

 private:
  double Read(const ArgumentData& x, size_t row) const {
    const size_t index = x.Index(row);
    switch (type_.kind()) {
      case TypeKind::kBigint:
        return static_cast<double>(x.values<int64_t>()[index]);
      case TypeKind::kReal:
        return x.values<float>()[index];
      default:
        return x.values<double>()[index];
    }
  }

  Value ToValue(double value) const {
    switch (type_.kind()) {
      case TypeKind::kBigint:
        return Value::Bigint(std::llround(value));
      case TypeKind::kReal:
        return Value::Real(static_cast<float>(value));
      default:
        return Value::Double(value);
    }
  }

  static Status ReadPercentiles(const Value& value, std::vector<double>* out) {
    std::vector<Value> items =
        value.type().kind() == TypeKind::kArray ? value.children() : std::vector<Value>{value};
    for (const Value& item : items) {
      const double p = item.is_null() ? -1 : item.double_value();
      if (!(p >= 0 && p <= 1)) {
        return SqlError(kInvalidFunctionArgument, "Percentile must be between 0 and 1");
      }
      out->push_back(p);
    }
    return Status::Ok();
  }

  LogicalType type_;
  bool array_;
};

template <typename Kernel>
AggregateFactory DoubleAggregate() {
  return [](const std::vector<LogicalType>& bound) -> Result<AggregateBinding> {
    return AggregateBinding{.argument_types = bound,
                            .return_type = LogicalType::Double(),
                            .kernel = std::make_shared<Kernel>()};
  };
}

}  // namespace

void RegisterStatisticalAggregates(FunctionRegistry::Impl& impl) {
  struct Named {
    std::string_view name;
    AggregateFactory factory;
    std::string_view description;
  };

  // Registers aggregates of doubles that return a double.
  const auto add_double_aggregates = [&impl](std::span<const Named> functions,
                                             const std::vector<std::string_view>& arguments) {
    for (const Named& named : functions) {
      impl.AddAggregate(ScalarSpec{.name = named.name,
                                   .arguments = arguments,
                                   .returns = "double",
                                   .description = named.description},
                        named.factory);
    }
  };

  const Named moments[] = {
      {"stddev", DoubleAggregate<MomentsKernel<Statistic::kStddevSample>>(),
       "Returns the sample standard deviation"},
      {"stddev_samp", DoubleAggregate<MomentsKernel<Statistic::kStddevSample>>(),
       "Returns the sample standard deviation"},
      {"stddev_pop", DoubleAggregate<MomentsKernel<Statistic::kStddevPopulation>>(),
       "Returns the population standard deviation"},
      {"variance", DoubleAggregate<MomentsKernel<Statistic::kVarianceSample>>(),
       "Returns the sample variance"},
      {"var_samp", DoubleAggregate<MomentsKernel<Statistic::kVarianceSample>>(),
       "Returns the sample variance"},
      {"var_pop", DoubleAggregate<MomentsKernel<Statistic::kVariancePopulation>>(),
       "Returns the population variance"},
      {"geometric_mean", DoubleAggregate<GeometricMeanKernel>(), "Returns the geometric mean"},
  };
  add_double_aggregates(moments, {"double"});
  const Named co_moments[] = {
      {"covar_samp", DoubleAggregate<CoMomentsKernel<CoStatistic::kCovarianceSample>>(),
       "Returns the sample covariance of y and x"},
      {"covar_pop", DoubleAggregate<CoMomentsKernel<CoStatistic::kCovariancePopulation>>(),
       "Returns the population covariance of y and x"},
      {"corr", DoubleAggregate<CoMomentsKernel<CoStatistic::kCorrelation>>(),
       "Returns the correlation coefficient of y and x"},
  };
  add_double_aggregates(co_moments, {"double", "double"});
  impl.AddAggregate(
      ScalarSpec{.name = "approx_distinct",
                 .arguments = {"T"},
                 .returns = "bigint",
                 .description = "Returns the approximate number of distinct values (standard "
                                "error 2.3%; exact below 4096)"},
      [](const std::vector<LogicalType>& bound) -> Result<AggregateBinding> {
        return AggregateBinding{.argument_types = bound,
                                .return_type = LogicalType::Bigint(),
                                .kernel = std::make_shared<ApproxDistinctKernel>()};
      });

  struct Percentile {
    std::string_view type;
    std::string_view array;
  };

  for (const Percentile percentile :
       {Percentile{"bigint", "array(bigint)"}, Percentile{"real", "array(real)"},
        Percentile{"double", "array(double)"}}) {
    impl.AddAggregate(ScalarSpec{.name = "approx_percentile",
                                 .arguments = {percentile.type, "double"},
                                 .returns = percentile.type,
                                 .description = "Returns the value at percentile p"},
                      [](const std::vector<LogicalType>& bound) -> Result<AggregateBinding> {
                        return AggregateBinding{
                            .argument_types = bound,
                            .return_type = bound[0],
                            .kernel = std::make_shared<PercentileKernel>(bound[0], false)};
                      });
    impl.AddAggregate(ScalarSpec{.name = "approx_percentile",
                                 .arguments = {percentile.type, "array(double)"},
                                 .returns = percentile.array,
                                 .description = "Returns the values at the percentiles"},
                      [](const std::vector<LogicalType>& bound) -> Result<AggregateBinding> {
                        return AggregateBinding{
                            .argument_types = bound,
                            .return_type = LogicalType::Array(bound[0]),
                            .kernel = std::make_shared<PercentileKernel>(bound[0], true)};
                      });
  }
}

}  // namespace stratus::sql::functions
