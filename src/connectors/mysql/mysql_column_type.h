#pragma once

// How `stratus extract --format parquet` types a MySQL result column and
// reads the text protocol's bytes of its values (docs/formats/mysql_extract_parquet.md):
//
//   TINYINT / SMALLINT / MEDIUMINT / INT   tinyint / smallint / integer  (Parquet INT32)
//     UNSIGNED: widened one step (TINYINT UNSIGNED → smallint, INT UNSIGNED → bigint)
//   BIGINT                                 bigint (INT64); UNSIGNED → decimal(20,0)
//   DECIMAL(p,s)                           decimal(p,s); p > 38 → varchar
//   FLOAT / DOUBLE                         real / double
//   DATE                                   date
//   DATETIME / TIMESTAMP                   timestamp (TIMESTAMP(MICROS), millisecond values)
//   YEAR                                   smallint
//   BIT(1)                                 boolean; BIT(n) → bigint (the bits as an unsigned
//   number) CHAR / VARCHAR / TEXT / JSON / ENUM / SET / TIME   varchar (UTF-8) BINARY / VARBINARY /
//   BLOB / GEOMETRY   varbinary
//
// MySQL's zero dates ('0000-00-00', '0000-00-00 00:00:00') have no
// calendar day and are written as NULL.
//
// Thread safety: plain functions.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "base/result.h"
#include "sql/types/logical_type.h"

namespace stratus::sql {
class Vector;
}  // namespace stratus::sql

namespace stratus::connectors::mysql {

/// A result column as Connector/C describes it (MYSQL_FIELD's parts).
struct MySqlColumnInfo {
  std::string name = {};
  /// enum_field_types.
  int field_type = 0;
  /// UNSIGNED_FLAG, BINARY_FLAG, ...
  unsigned flags = 0;
  /// The collation id; 63 is binary.
  unsigned charset = 0;
  /// The display length (DECIMAL's precision comes from it).
  uint64_t length = 0;
  /// DECIMAL's scale; fraction digits of temporal types.
  unsigned decimals = 0;
};

/// How a column's text is read into its vector.
enum class TextValueKind : uint8_t {
  kSignedInteger,
  kUnsignedBigint,
  kBit,
  kBoolean,
  kFloat,
  kDouble,
  kDecimal,
  kDate,
  kTimestamp,
  kBytes,
};

struct ExtractColumnType {
  sql::LogicalType type = {};
  TextValueKind kind = TextValueKind::kBytes;
};

/// The column's type in the Parquet file (the table at the top).
ExtractColumnType ExtractColumnTypeOf(const MySqlColumnInfo& column);

/// Sets row `row` of the flat vector `out` (of `type.type`) from the text
/// protocol's bytes of a non-NULL value. InvalidArgument when the bytes do
/// not read as the type (the message names the value, not the column).
/// REQUIRES: row < out.capacity().
Status SetValueFromText(const ExtractColumnType& type,
                        std::string_view text,
                        sql::Vector& out,
                        size_t row);

}  // namespace stratus::connectors::mysql
