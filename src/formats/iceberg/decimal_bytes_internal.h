#pragma once

// Decimals as Iceberg stores them in bounds, bucket hashes and Avro
// partition values: the minimal big-endian two's complement of the
// unscaled value (Java's BigInteger.toByteArray()).

#include <string>
#include <string_view>

#include "base/result.h"
#include "sql/types/int128.h"

namespace stratus::formats::iceberg {

std::string MinimalBigEndian(sql::Int128 value);

/// Decodes 1 to 16 big-endian two's complement bytes; other lengths are Corruption.
Result<sql::Int128> ParseBigEndian(std::string_view bytes);

}  // namespace stratus::formats::iceberg
