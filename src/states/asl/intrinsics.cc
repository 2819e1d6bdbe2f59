#include "states/asl/intrinsics.h"

#include "states/asl/intrinsic_registry.h"
#include "states/asl/intrinsics_internal.h"

namespace stratus::states::asl {

void RegisterIntrinsics(IntrinsicRegistry& registry) {
  // Arrays.
  registry.Register({.name = "States.Array",
                     .min_args = 0,
                     .max_args = -1,
                     .implementation = &IntrinsicArray,
                     .description = "Returns an array of its arguments.",
                     .example = "States.Array('a', 1) → [\"a\", 1]"});
  registry.Register({.name = "States.ArrayPartition",
                     .min_args = 2,
                     .max_args = 2,
                     .implementation = &IntrinsicArrayPartition,
                     .description = "Splits an array into chunks of at most N items.",
                     .example = "States.ArrayPartition([1,2,3], 2) → [[1,2],[3]]"});
  registry.Register({.name = "States.ArrayContains",
                     .min_args = 2,
                     .max_args = 2,
                     .implementation = &IntrinsicArrayContains,
                     .description = "Returns true when the array contains the value.",
                     .example = "States.ArrayContains($.list, 2) → true"});
  registry.Register({.name = "States.ArrayRange",
                     .min_args = 3,
                     .max_args = 3,
                     .implementation = &IntrinsicArrayRange,
                     .description = "Returns the integers from start to end (inclusive) by step.",
                     .example = "States.ArrayRange(1, 9, 2) → [1,3,5,7,9]"});
  registry.Register({.name = "States.ArrayGetItem",
                     .min_args = 2,
                     .max_args = 2,
                     .implementation = &IntrinsicArrayGetItem,
                     .description = "Returns the item at a zero-based index.",
                     .example = "States.ArrayGetItem([1,2,3], 1) → 2"});
  registry.Register({.name = "States.ArrayLength",
                     .min_args = 1,
                     .max_args = 1,
                     .implementation = &IntrinsicArrayLength,
                     .description = "Returns the number of items in an array.",
                     .example = "States.ArrayLength([1,2,3]) → 3"});
  registry.Register({.name = "States.ArrayUnique",
                     .min_args = 1,
                     .max_args = 1,
                     .implementation = &IntrinsicArrayUnique,
                     .description = "Removes duplicate items, keeping the first of each.",
                     .example = "States.ArrayUnique([1,1,2]) → [1,2]"});
  // Encoding and hashing.
  registry.Register(
      {.name = "States.Base64Encode",
       .min_args = 1,
       .max_args = 1,
       .implementation = &IntrinsicBase64Encode,
       .description = "Encodes a string (up to 10,000 characters) as base64.",
       .example = "States.Base64Encode('Data to encode') → \"RGF0YSB0byBlbmNvZGU=\""});
  registry.Register(
      {.name = "States.Base64Decode",
       .min_args = 1,
       .max_args = 1,
       .implementation = &IntrinsicBase64Decode,
       .description = "Decodes base64 (up to 10,000 characters) into a string.",
       .example = "States.Base64Decode('RGF0YSB0byBlbmNvZGU=') → \"Data to encode\""});
  registry.Register(
      {.name = "States.Hash",
       .min_args = 2,
       .max_args = 2,
       .implementation = &IntrinsicHash,
       .description = "Hashes data with MD5, SHA-1, SHA-256, SHA-384 or SHA-512 (hex).",
       .example = "States.Hash('input data', 'MD5') → \"812f45842bc6d66ee14572ce20db8e86\""});
  // JSON and strings.
  registry.Register({.name = "States.Format",
                     .min_args = 1,
                     .max_args = -1,
                     .implementation = &IntrinsicFormat,
                     .description = "Replaces each {} in a template with the next argument.",
                     .example = "States.Format('Hello, {}', 'world') → \"Hello, world\""});
  registry.Register({.name = "States.StringToJson",
                     .min_args = 1,
                     .max_args = 1,
                     .implementation = &IntrinsicStringToJson,
                     .description = "Parses a JSON string.",
                     .example = "States.StringToJson('{\"a\":1}') → {\"a\":1}"});
  registry.Register({.name = "States.JsonToString",
                     .min_args = 1,
                     .max_args = 1,
                     .implementation = &IntrinsicJsonToString,
                     .description = "Serializes a value to compact JSON text.",
                     .example = "States.JsonToString($.obj) → \"{\\\"a\\\":1}\""});
  registry.Register({.name = "States.JsonMerge",
                     .min_args = 3,
                     .max_args = 3,
                     .implementation = &IntrinsicJsonMerge,
                     .description = "Shallow-merges two objects; the second wins on conflicts.",
                     .example = "States.JsonMerge($.a, $.b, false)"});
  registry.Register({.name = "States.StringSplit",
                     .min_args = 2,
                     .max_args = 2,
                     .implementation = &IntrinsicStringSplit,
                     .description = "Splits a string at any of the delimiter characters.",
                     .example = "States.StringSplit('1,2,3', ',') → [\"1\",\"2\",\"3\"]"});
  // Math and identifiers.
  registry.Register(
      {.name = "States.MathRandom",
       .min_args = 2,
       .max_args = 3,
       .implementation = &IntrinsicMathRandom,
       .description = "Returns a random integer between start and end (optional seed).",
       .example = "States.MathRandom(1, 999)"});
  registry.Register({.name = "States.MathAdd",
                     .min_args = 2,
                     .max_args = 2,
                     .implementation = &IntrinsicMathAdd,
                     .description = "Adds two numbers after rounding each half up to an integer.",
                     .example = "States.MathAdd(1.5, 2) → 4"});
  registry.Register({.name = "States.UUID",
                     .min_args = 0,
                     .max_args = 0,
                     .implementation = &IntrinsicUuid,
                     .description = "Returns a version 4 UUID.",
                     .example = "States.UUID() → \"ca4c1140-dcc1-40cd-ad05-7b4aa23df4a8\""});
}

const IntrinsicRegistry& BuiltinIntrinsics() {
  // Built once, then immutable: a table, like an operation table.
  static const IntrinsicRegistry& registry = []() -> const IntrinsicRegistry& {
    static IntrinsicRegistry table;
    RegisterIntrinsics(table);
    return table;
  }();
  return registry;
}

}  // namespace stratus::states::asl
