#include <cmath>

#include "base/format.h"
#include "states/asl/intrinsics_internal.h"

namespace stratus::states::asl {
namespace {

// AWS: States.ArrayRange produces at most 1,000 items.
constexpr int64_t kMaxRangeItems = 1000;

Status NotAnArray(std::string_view what) {
  return Status::InvalidArgument(Format("the {} argument must be an array", what));
}

Result<int64_t> IntegerArgument(const Json& value, std::string_view what) {
  auto integral = IntegralValue(value);
  if (!integral) {
    return Status::InvalidArgument(Format("the {} argument must be an integer", what));
  }
  return *integral;
}

}  // namespace

std::optional<int64_t> IntegralValue(const Json& value) {
  if (value.is_number_integer()) {
    return value.get<int64_t>();
  }
  if (value.is_number_float()) {
    const auto number = value.get<double>();
    if (std::isfinite(number) && std::trunc(number) == number && std::fabs(number) < 9.0e18) {
      return static_cast<int64_t>(number);
    }
  }
  return std::nullopt;
}

Result<Json> IntrinsicArray(std::span<const Json> args, const EvaluationContext& /*context*/) {
  Json out = Json::array();
  for (const Json& arg : args) {
    out.push_back(arg);
  }
  return out;
}

Result<Json> IntrinsicArrayPartition(std::span<const Json> args,
                                     const EvaluationContext& /*context*/) {
  if (!args[0].is_array()) {
    return NotAnArray("first");
  }
  STRATUS_ASSIGN_OR_RETURN(int64_t size, IntegerArgument(args[1], "second"));
  if (size <= 0) {
    return Status::InvalidArgument("the chunk size must be greater than 0");
  }
  Json out = Json::array();
  Json chunk = Json::array();
  for (const Json& item : args[0]) {
    chunk.push_back(item);
    if (static_cast<int64_t>(chunk.size()) == size) {
      out.push_back(std::move(chunk));
      chunk = Json::array();
    }
  }
  if (!chunk.empty()) {
    out.push_back(std::move(chunk));
  }
  return out;
}

Result<Json> IntrinsicArrayContains(std::span<const Json> args,
                                    const EvaluationContext& /*context*/) {
  if (!args[0].is_array()) {
    return NotAnArray("first");
  }
  for (const Json& item : args[0]) {
    if (item == args[1]) {
      return Json(true);
    }
  }
  return Json(false);
}

Result<Json> IntrinsicArrayRange(std::span<const Json> args, const EvaluationContext& /*context*/) {
  STRATUS_ASSIGN_OR_RETURN(int64_t start, IntegerArgument(args[0], "first"));
  STRATUS_ASSIGN_OR_RETURN(int64_t end, IntegerArgument(args[1], "second"));
  STRATUS_ASSIGN_OR_RETURN(int64_t step, IntegerArgument(args[2], "third"));
  if (step == 0) {
    return Status::InvalidArgument("the step must not be 0");
  }
  Json out = Json::array();
  for (int64_t value = start; step > 0 ? value <= end : value >= end; value += step) {
    if (static_cast<int64_t>(out.size()) >= kMaxRangeItems) {
      return Status::InvalidArgument(
          Format("the range would have more than {} items", kMaxRangeItems));
    }
    out.push_back(value);
  }
  return out;
}

Result<Json> IntrinsicArrayGetItem(std::span<const Json> args,
                                   const EvaluationContext& /*context*/) {
  if (!args[0].is_array()) {
    return NotAnArray("first");
  }
  STRATUS_ASSIGN_OR_RETURN(int64_t index, IntegerArgument(args[1], "second"));
  if (index < 0 || index >= static_cast<int64_t>(args[0].size())) {
    return Status::InvalidArgument(Format("the index {} is out of bounds", index));
  }
  return args[0][static_cast<size_t>(index)];
}

Result<Json> IntrinsicArrayLength(std::span<const Json> args,
                                  const EvaluationContext& /*context*/) {
  if (!args[0].is_array()) {
    return NotAnArray("first");
  }
  return Json(args[0].size());
}

Result<Json> IntrinsicArrayUnique(std::span<const Json> args,
                                  const EvaluationContext& /*context*/) {
  if (!args[0].is_array()) {
    return NotAnArray("first");
  }
  Json out = Json::array();
  for (const Json& item : args[0]) {
    bool seen = false;
    for (const Json& kept : out) {
      if (kept == item) {
        seen = true;
        break;
      }
    }
    if (!seen) {
      out.push_back(item);
    }
  }
  return out;
}

}  // namespace stratus::states::asl
