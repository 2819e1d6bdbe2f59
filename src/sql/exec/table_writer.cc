#include "sql/exec/table_writer.h"

#include <algorithm>
#include <cctype>
#include <initializer_list>
#include <utility>

#include "base/format.h"
#include "sql/exec/parquet_scan.h"
#include "sql/exec/parquet_table_writer.h"
#include "sql/exec/table_writer_internal.h"
#include "sql/exec/text_table_writer.h"
#include "sql/types/sql_error.h"
#include "sql/types/value_format.h"

namespace stratus::sql::exec {
namespace {

constexpr std::string_view kDefaultPartition = "__HIVE_DEFAULT_PARTITION__";

std::string PropertyUpper(const catalog::Properties& properties, const std::string& key) {
  auto it = properties.find(key);
  if (it == properties.end()) {
    return {};
  }
  std::string value = it->second;
  std::transform(value.begin(), value.end(), value.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return value;
}

// The first of the table properties that is set, upper-cased.
std::string CompressionProperty(const catalog::Properties& properties,
                                std::initializer_list<const char*> keys) {
  for (const char* key : keys) {
    std::string value = PropertyUpper(properties, key);
    if (!value.empty()) {
      return value;
    }
  }
  return {};
}

std::string PathText(const Vector& column, size_t row) {
  if (column.IsNull(row)) {
    return std::string(kDefaultPartition);
  }
  const Value value = column.GetValue(row);
  return value.type().is_string() ? value.string_value() : FormatValue(value);
}

Status ConfigureText(const catalog::TableDescriptor& table, TableWriteTarget* target) {
  STRATUS_ASSIGN_OR_RETURN(
      target->format, formats::text::TextFormatOptionsFromProperties(
                          table.serde_library, table.serde_properties, table.table_properties));
  if (target->format.serde == formats::text::TextSerde::kJson) {
    return SqlError(kNotSupported, "Writing to tables with a JSON SerDe is not supported");
  }
  const std::string compression =
      CompressionProperty(table.table_properties, {"write.compression", "write_compression"});
  if (compression == "GZIP") {
    target->compression = formats::text::TextCompression::kGzip;
  } else if (compression == "ZSTD") {
    target->compression = formats::text::TextCompression::kZstd;
  } else if (compression == "BZIP2") {
    target->compression = formats::text::TextCompression::kBzip2;
  } else if (!compression.empty() && compression != "NONE") {
    return SqlError(kNotSupported, "Unsupported write compression: " + compression);
  }
  return Status::Ok();
}

}  // namespace

Result<formats::parquet::Codec> ParquetCodecByName(const std::string& name) {
  std::string upper = name;
  std::transform(upper.begin(), upper.end(), upper.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  if (upper.empty() || upper == "GZIP") {
    return formats::parquet::Codec::kGzip;
  }
  if (upper == "SNAPPY") {
    return formats::parquet::Codec::kSnappy;
  }
  if (upper == "ZSTD") {
    return formats::parquet::Codec::kZstd;
  }
  if (upper == "LZ4" || upper == "LZ4_RAW") {
    return formats::parquet::Codec::kLz4Raw;
  }
  if (upper == "NONE" || upper == "UNCOMPRESSED") {
    return formats::parquet::Codec::kUncompressed;
  }
  return SqlError(kNotSupported, "Unsupported Parquet write compression: " + name);
}

std::string EscapePartitionValue(const std::string& value) {
  static constexpr std::string_view kEscaped = "\"#%'*/:=?\\\x7f{[]^";
  std::string out;
  for (const char c : value) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || kEscaped.find(c) != std::string_view::npos) {
      out += Format("%{:02X}", byte);
    } else {
      out.push_back(c);
    }
  }
  return out;
}

Result<std::shared_ptr<TableWriteTarget>> MakeTableWriteTarget(
    lake::Lake* lake, const catalog::TableDescriptor& table, std::string file_prefix) {
  auto target = std::make_shared<TableWriteTarget>();
  target->lake = lake;
  target->table = &table;
  target->file_prefix = std::move(file_prefix);
  if (IsParquetTable(table.serde_library, table.input_format)) {
    target->file_format = TableFileFormat::kParquet;
    // AWS: Athena stores CTAS's write_compression for Parquet as parquet.compression.
    STRATUS_ASSIGN_OR_RETURN(
        target->parquet_codec,
        ParquetCodecByName(CompressionProperty(
            table.table_properties,
            {"parquet.compression", "write.compression", "write_compression"})));
    return target;
  }
  STRATUS_RETURN_IF_ERROR(ConfigureText(table, target.get()));
  return target;
}

Result<std::unique_ptr<TableWriter>> MakeTableWriter(std::shared_ptr<TableWriteTarget> target) {
  switch (target->file_format) {
    case TableFileFormat::kParquet:
      return std::unique_ptr<TableWriter>(std::make_unique<ParquetTableWriter>(std::move(target)));
    case TableFileFormat::kText:
      break;
  }
  return std::unique_ptr<TableWriter>(std::make_unique<TextTableWriter>(std::move(target)));
}

PartitionOfRow PartitionOf(const TableWriteTarget& target,
                           const std::vector<Vector>& columns,
                           size_t row,
                           bool with_values) {
  PartitionOfRow out;
  const std::vector<catalog::ColumnDescriptor>& keys = target.table->partition_keys;
  const size_t num_data = columns.size() - keys.size();
  for (size_t k = 0; k < keys.size(); ++k) {
    const Vector& column = columns[num_data + k];
    std::string text = PathText(column, row);
    out.directory += keys[k].name + "=" + EscapePartitionValue(text) + "/";
    if (with_values) {
      out.path_values.push_back(std::move(text));
      out.values.push_back(column.IsNull(row) ? Value::Null(column.type()) : column.GetValue(row));
    }
  }
  return out;
}

void RecordPartition(TableWriteTarget& target, const std::vector<std::string>& path_values) {
  std::lock_guard<std::mutex> lock(target.mu);
  if (std::find(target.partitions.begin(), target.partitions.end(), path_values) ==
      target.partitions.end()) {
    target.partitions.push_back(path_values);
  }
}

std::string NextFileUri(TableWriteTarget& target, const std::string& directory) {
  std::string location = target.table->location;
  if (!location.empty() && location.back() != '/') {
    location.push_back('/');
  }
  return location + directory + target.file_prefix + "_" +
         std::to_string(target.next_file.fetch_add(1));
}

void RecordWrittenFile(TableWriteTarget& target, WrittenFile file) {
  std::lock_guard<std::mutex> lock(target.mu);
  target.written_files.push_back(std::move(file));
}

}  // namespace stratus::sql::exec
