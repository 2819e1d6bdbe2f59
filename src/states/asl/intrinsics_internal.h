#pragma once

#include <span>

#include "base/json.h"
#include "base/result.h"

namespace stratus::states::asl {

struct EvaluationContext;

// The bodies of the States.* intrinsic functions, registered by
// RegisterIntrinsics() in intrinsics.cc. Each returns InvalidArgument with a
// plain message on bad arguments; the caller turns it into
// States.IntrinsicFailure.

// intrinsics_array.cc
Result<Json> IntrinsicArray(std::span<const Json> args, const EvaluationContext& context);
Result<Json> IntrinsicArrayPartition(std::span<const Json> args, const EvaluationContext& context);
Result<Json> IntrinsicArrayContains(std::span<const Json> args, const EvaluationContext& context);
Result<Json> IntrinsicArrayRange(std::span<const Json> args, const EvaluationContext& context);
Result<Json> IntrinsicArrayGetItem(std::span<const Json> args, const EvaluationContext& context);
Result<Json> IntrinsicArrayLength(std::span<const Json> args, const EvaluationContext& context);
Result<Json> IntrinsicArrayUnique(std::span<const Json> args, const EvaluationContext& context);

// intrinsics_string.cc
Result<Json> IntrinsicFormat(std::span<const Json> args, const EvaluationContext& context);
Result<Json> IntrinsicStringSplit(std::span<const Json> args, const EvaluationContext& context);
Result<Json> IntrinsicStringToJson(std::span<const Json> args, const EvaluationContext& context);
Result<Json> IntrinsicJsonToString(std::span<const Json> args, const EvaluationContext& context);
Result<Json> IntrinsicJsonMerge(std::span<const Json> args, const EvaluationContext& context);

// intrinsics_encoding.cc
Result<Json> IntrinsicBase64Encode(std::span<const Json> args, const EvaluationContext& context);
Result<Json> IntrinsicBase64Decode(std::span<const Json> args, const EvaluationContext& context);
Result<Json> IntrinsicHash(std::span<const Json> args, const EvaluationContext& context);

// intrinsics_math.cc
Result<Json> IntrinsicMathRandom(std::span<const Json> args, const EvaluationContext& context);
Result<Json> IntrinsicMathAdd(std::span<const Json> args, const EvaluationContext& context);
Result<Json> IntrinsicUuid(std::span<const Json> args, const EvaluationContext& context);

/// Returns the integer value of `value` when it is an integral number
/// (1 or 1.0), else nullopt.
std::optional<int64_t> IntegralValue(const Json& value);

/// Renders a value the way AWS's States.Format does (Java toString of the
/// decoded JSON): strings bare, objects {a=1, b=[x, y]}.
std::string FormatArgument(const Json& value);

}  // namespace stratus::states::asl
