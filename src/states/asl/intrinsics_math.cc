#include <cmath>
#include <random>

#include "base/format.h"
#include "base/random.h"
#include "states/asl/errors.h"
#include "states/asl/evaluation_context.h"
#include "states/asl/intrinsics_internal.h"

namespace stratus::states::asl {
namespace {

// AWS: MathAdd and MathRandom work on 32-bit integers.
constexpr int64_t kMinInt = -2147483648LL;
constexpr int64_t kMaxInt = 2147483647LL;

// Java Math.round: halves round towards positive infinity.
std::optional<int64_t> RoundHalfUp(const Json& value) {
  if (value.is_number_integer()) {
    return value.get<int64_t>();
  }
  if (!value.is_number_float()) {
    return std::nullopt;
  }
  const auto number = value.get<double>();
  if (!std::isfinite(number)) {
    return std::nullopt;
  }
  return static_cast<int64_t>(std::floor(number + 0.5));
}

}  // namespace

Result<Json> IntrinsicMathRandom(std::span<const Json> args, const EvaluationContext& context) {
  // AWS: fractional bounds are accepted (and truncated), e.g. MathRandom(12.5, 44.51).
  auto start = RoundHalfUp(args[0]);
  auto end = RoundHalfUp(args[1]);
  if (!start || !end) {
    return Status::InvalidArgument("the start and end must be numbers");
  }
  if (args[0].is_number_float()) {
    start = static_cast<int64_t>(std::trunc(args[0].get<double>()));
  }
  if (args[1].is_number_float()) {
    end = static_cast<int64_t>(std::trunc(args[1].get<double>()));
  }
  if (*start < kMinInt || *end > kMaxInt || *start > *end) {
    return Status::InvalidArgument("the start must not be greater than the end");
  }
  const auto span = static_cast<uint64_t>(*end - *start) + 1;
  uint64_t draw = 0;
  if (args.size() == 3) {
    auto seed = IntegralValue(args[2]);
    if (!seed) {
      return Status::InvalidArgument("the seed must be an integer");
    }
    std::mt19937_64 engine(static_cast<uint64_t>(*seed));
    draw = engine() % span;
  } else {
    if (context.ids == nullptr) {
      return RuntimeError(context, "States.MathRandom needs a random source");
    }
    draw = context.ids->Uniform(span);
  }
  return Json(*start + static_cast<int64_t>(draw));
}

Result<Json> IntrinsicMathAdd(std::span<const Json> args, const EvaluationContext& /*context*/) {
  auto a = RoundHalfUp(args[0]);
  auto b = RoundHalfUp(args[1]);
  if (!a || !b) {
    return Status::InvalidArgument("both arguments must be numbers");
  }
  if (*a < kMinInt || *a > kMaxInt || *b < kMinInt || *b > kMaxInt) {
    return Status::InvalidArgument("the arguments must be 32-bit integers");
  }
  return Json(*a + *b);
}

Result<Json> IntrinsicUuid(std::span<const Json> /*args*/, const EvaluationContext& context) {
  if (context.ids == nullptr) {
    return RuntimeError(context, "States.UUID needs a random source");
  }
  return Json(context.ids->Uuid());
}

}  // namespace stratus::states::asl
