#pragma once

#include "states/jsonata/jsonata.h"

namespace stratus {
class IdGenerator;
}  // namespace stratus

namespace stratus::states {

/// Adds the functions Step Functions provides on top of JSONata:
///   $partition(array, size)   splits an array into chunks of `size`
///   $range(start, end, step)  an array of numbers from start to end inclusive
///   $hash(data, algorithm)    hex digest: MD5, SHA-1, SHA-256, SHA-384, SHA-512
///   $random([seed])           a number in [0, 1); with a seed, a fixed one
///   $uuid()                   a version-4 UUID
///   $parse(json_string)       parses JSON text
/// Randomness ($random without a seed, $uuid) comes from `ids`.
/// REQUIRES: `ids` outlives every evaluation that uses `bindings`.
void AddAwsFunctions(JsonataBindings& bindings, IdGenerator& ids);

}  // namespace stratus::states
