#pragma once

// Partition transforms (spec "Partition Transforms"): identity, year,
// month, day, hour, bucket[N], truncate[W], void, applied to sql::Values.
//
// Values and result types:
//   identity      the source value               source type
//   year/month    years/months from 1970 (int)    int
//   day           days from 1970-01-01            date
//   hour          hours from 1970-01-01 00:00     int
//   bucket[N]     (murmur3_32(bytes) & INT_MAX) % N   int
//   truncate[W]   ints/longs: v - (((v % W) + W) % W); decimals on the unscaled
//                 value; strings: the first W code points; binary: W bytes
//   void          always null                     source type
// A null source is a null result.
//
// Thread safety: value types and free functions.

#include <cstdint>
#include <string>
#include <string_view>

#include "base/result.h"
#include "formats/iceberg/schema.h"
#include "sql/types/value.h"

namespace stratus::formats::iceberg {

/// Transform kinds. Do not reorder: tests name them.
enum class TransformKind : uint8_t {
  kIdentity,
  kYear,
  kMonth,
  kDay,
  kHour,
  kBucket,
  kTruncate,
  kVoid,
};

struct Transform {
  TransformKind kind = TransformKind::kIdentity;
  /// N of bucket[N], W of truncate[W]; 0 otherwise.
  int32_t param = 0;

  /// Parses the spec's form: "identity", "bucket[16]", "truncate[10]", "day", ...
  static Result<Transform> Parse(std::string_view text);
  /// Returns the spec's form ("bucket[16]").
  std::string ToString() const;

  /// Returns the result type for a source type; a transform that does not
  /// apply to it (day of a string) is InvalidArgument.
  Result<Type> ResultType(const Type& source) const;

  /// Applies the transform to a value of the source type (read as the
  /// engine holds it: LogicalType of ToLogicalType(source)).
  Result<sql::Value> Apply(const sql::Value& value, const Type& source) const;

  /// Returns true when v1 <= v2 implies T(v1) <= T(v2) (identity, year,
  /// month, day, hour, truncate): pruning may compare transformed bounds.
  bool PreservesOrder() const;

  friend bool operator==(const Transform& a, const Transform& b) {
    return a.kind == b.kind && a.param == b.param;
  }
};

/// Murmur3 x86 32-bit with seed 0 (the spec's hash).
int32_t Murmur3Hash32(std::string_view bytes);

/// Returns the spec's bucket hash of a value of `source` type: ints and
/// longs as 8-byte little-endian longs, dates as ints, times and timestamps
/// as microseconds, strings as UTF-8, decimals as the minimal big-endian
/// two's complement of the unscaled value, uuids as 16 big-endian bytes.
Result<int32_t> BucketHash(const sql::Value& value, const Type& source);

/// Returns a partition value as Java prints it in paths and Athena in
/// "$partitions": day → "2024-01-01", month → "2024-01", year → "2024",
/// hour → "2024-01-01-10", others as text; null → "null".
std::string PartitionValueToString(const sql::Value& value, const Transform& transform);

}  // namespace stratus::formats::iceberg
