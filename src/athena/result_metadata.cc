#include "athena/result_metadata.h"

#include <utility>

#include "sql/types/logical_type.h"
#include "storage/record_codec.h"

namespace stratus::athena {
namespace {

// Do not change: the first byte of every metadata file.
constexpr uint8_t kMetadataFormat = 1;

// The precisions Athena reports (those of its JDBC metadata).
constexpr int kVarcharPrecision = 2147483647;
constexpr int kTinyintPrecision = 3;
constexpr int kSmallintPrecision = 5;
constexpr int kIntegerPrecision = 10;
constexpr int kBigintPrecision = 19;
constexpr int kRealPrecision = 7;
constexpr int kDoublePrecision = 17;

std::string TypeName(const sql::LogicalType& type) {
  switch (type.kind()) {
    case sql::TypeKind::kUnknown:
      return "unknown";
    case sql::TypeKind::kBoolean:
      return "boolean";
    case sql::TypeKind::kTinyint:
      return "tinyint";
    case sql::TypeKind::kSmallint:
      return "smallint";
    case sql::TypeKind::kInteger:
      return "integer";
    case sql::TypeKind::kBigint:
      return "bigint";
    case sql::TypeKind::kReal:
      return "real";
    case sql::TypeKind::kDouble:
      return "double";
    case sql::TypeKind::kDecimal:
      return "decimal";
    case sql::TypeKind::kVarchar:
      return "varchar";
    case sql::TypeKind::kChar:
      return "char";
    case sql::TypeKind::kVarbinary:
      return "varbinary";
    case sql::TypeKind::kJson:
      return "json";
    case sql::TypeKind::kDate:
      return "date";
    case sql::TypeKind::kTimestamp:
      return "timestamp";
    case sql::TypeKind::kTimestampWithTimeZone:
      return "timestamp with time zone";
    case sql::TypeKind::kIntervalDayToSecond:
      return "interval day to second";
    case sql::TypeKind::kIntervalYearToMonth:
      return "interval year to month";
    case sql::TypeKind::kArray:
      return "array";
    case sql::TypeKind::kMap:
      return "map";
    case sql::TypeKind::kRow:
      return "row";
  }
  return "unknown";
}

int PrecisionOf(const sql::LogicalType& type) {
  switch (type.kind()) {
    case sql::TypeKind::kTinyint:
      return kTinyintPrecision;
    case sql::TypeKind::kSmallint:
      return kSmallintPrecision;
    case sql::TypeKind::kInteger:
      return kIntegerPrecision;
    case sql::TypeKind::kBigint:
      return kBigintPrecision;
    case sql::TypeKind::kReal:
      return kRealPrecision;
    case sql::TypeKind::kDouble:
      return kDoublePrecision;
    case sql::TypeKind::kDecimal:
    case sql::TypeKind::kTimestamp:
    case sql::TypeKind::kTimestampWithTimeZone:
      return type.precision();
    case sql::TypeKind::kVarchar:
    case sql::TypeKind::kChar:
    case sql::TypeKind::kVarbinary:
    case sql::TypeKind::kJson:
      return type.length() > 0 ? type.length() : kVarcharPrecision;
    default:
      return 0;
  }
}

}  // namespace

ResultColumnInfo ColumnInfoFor(std::string name, const sql::LogicalType& type) {
  const bool is_text =
      type.kind() == sql::TypeKind::kVarchar || type.kind() == sql::TypeKind::kChar;
  return ResultColumnInfo{
      .name = std::move(name),
      .type = TypeName(type),
      .precision = PrecisionOf(type),
      .scale = type.kind() == sql::TypeKind::kDecimal ? type.scale() : 0,
      .case_sensitive = is_text,
  };
}

std::string EncodeResultMetadata(const ResultMetadata& metadata) {
  storage::RecordWriter writer(kMetadataFormat);
  writer.Varint(static_cast<uint64_t>(metadata.format));
  writer.Int(metadata.num_rows);
  writer.Bool(metadata.update_count.has_value());
  if (metadata.update_count.has_value()) {
    writer.Int(*metadata.update_count);
  }
  writer.Varint(metadata.columns.size());
  for (const ResultColumnInfo& column : metadata.columns) {
    writer.String(column.name);
    writer.String(column.type);
    writer.Int(column.precision);
    writer.Int(column.scale);
    writer.Bool(column.case_sensitive);
  }
  writer.Varint(metadata.row_offsets.size());
  for (int64_t offset : metadata.row_offsets) {
    writer.Int(offset);
  }
  return writer.Take();
}

Result<ResultMetadata> DecodeResultMetadata(std::string_view bytes) {
  storage::RecordReader reader(bytes, "athena result metadata");
  STRATUS_RETURN_IF_ERROR(reader.Format(kMetadataFormat));
  ResultMetadata metadata;
  STRATUS_ASSIGN_OR_RETURN(uint64_t format, reader.Varint());
  if (format > static_cast<uint64_t>(ResultFileFormat::kTabText)) {
    return reader.Malformed();
  }
  metadata.format = static_cast<ResultFileFormat>(format);
  STRATUS_ASSIGN_OR_RETURN(metadata.num_rows, reader.Int());
  STRATUS_ASSIGN_OR_RETURN(bool has_update_count, reader.Bool());
  if (has_update_count) {
    STRATUS_ASSIGN_OR_RETURN(int64_t update_count, reader.Int());
    metadata.update_count = update_count;
  }
  STRATUS_ASSIGN_OR_RETURN(uint64_t num_columns, reader.Count());
  for (uint64_t i = 0; i < num_columns; ++i) {
    ResultColumnInfo column;
    STRATUS_ASSIGN_OR_RETURN(column.name, reader.String());
    STRATUS_ASSIGN_OR_RETURN(column.type, reader.String());
    STRATUS_ASSIGN_OR_RETURN(int64_t precision, reader.Int());
    STRATUS_ASSIGN_OR_RETURN(int64_t scale, reader.Int());
    column.precision = static_cast<int>(precision);
    column.scale = static_cast<int>(scale);
    STRATUS_ASSIGN_OR_RETURN(column.case_sensitive, reader.Bool());
    metadata.columns.push_back(std::move(column));
  }
  STRATUS_ASSIGN_OR_RETURN(uint64_t num_offsets, reader.Count());
  for (uint64_t i = 0; i < num_offsets; ++i) {
    STRATUS_ASSIGN_OR_RETURN(int64_t offset, reader.Int());
    metadata.row_offsets.push_back(offset);
  }
  STRATUS_RETURN_IF_ERROR(reader.End());
  return metadata;
}

}  // namespace stratus::athena
