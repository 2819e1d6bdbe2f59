#pragma once

namespace stratus::states::asl {

class IntrinsicRegistry;

/// Registers every States.* intrinsic function AWS documents: States.Format,
/// StringToJson, JsonToString, Array, ArrayPartition, ArrayContains,
/// ArrayRange, ArrayGetItem, ArrayLength, ArrayUnique, Base64Encode,
/// Base64Decode, Hash, JsonMerge, MathRandom, MathAdd, StringSplit, UUID.
void RegisterIntrinsics(IntrinsicRegistry& registry);

/// Returns a registry filled by RegisterIntrinsics(), built on first use and
/// immutable afterwards (like an operation table).
const IntrinsicRegistry& BuiltinIntrinsics();

}  // namespace stratus::states::asl
