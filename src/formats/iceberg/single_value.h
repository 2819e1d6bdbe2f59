#pragma once

// Iceberg's single-value binary serialization (spec Appendix D), used for
// lower/upper bounds in manifests and partition summaries in manifest
// lists: booleans one byte, int/date 4-byte LE, long/time/timestamp(tz)
// 8-byte LE (microseconds), float/double IEEE LE, string UTF-8 bytes, uuid
// 16 big-endian bytes, fixed/binary raw bytes, decimal the minimal
// big-endian two's complement of the unscaled value.
//
// Values are as the engine holds them (ToLogicalType): timestamps in
// milliseconds (times 1000 on write, floored division on read).
//
// Thread safety: free functions.

#include <string>
#include <string_view>

#include "base/result.h"
#include "formats/iceberg/schema.h"
#include "sql/types/value.h"

namespace stratus::formats::iceberg {

/// Serializes a non-null primitive value. REQUIRES: a primitive type; a
/// value of another kind is InvalidArgument.
Result<std::string> SerializeSingleValue(const sql::Value& value, const Type& type);

/// Decodes bytes of a primitive type; a wrong length is Corruption.
Result<sql::Value> DeserializeSingleValue(std::string_view bytes, const Type& type);

}  // namespace stratus::formats::iceberg
