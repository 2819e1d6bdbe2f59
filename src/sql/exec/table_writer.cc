#include "sql/exec/table_writer.h"

#include <algorithm>
#include <charconv>
#include <utility>

#include <bzlib.h>
#include <zlib.h>
#include <zstd.h>

#include "base/format.h"
#include "lake/lake.h"
#include "sql/types/sql_error.h"
#include "sql/types/value.h"
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

Result<std::string> Gzip(std::string_view bytes) {
  z_stream stream{};
  if (deflateInit2(&stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) !=
      Z_OK) {
    return Status::Internal("deflateInit2 failed");
  }
  std::string out(deflateBound(&stream, bytes.size()), '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
  stream.avail_in = static_cast<uInt>(bytes.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  const int result = deflate(&stream, Z_FINISH);
  out.resize(stream.total_out);
  deflateEnd(&stream);
  if (result != Z_STREAM_END) {
    return Status::Internal("deflate did not finish");
  }
  return out;
}

Result<std::string> Zstd(std::string_view bytes) {
  std::string out(ZSTD_compressBound(bytes.size()), '\0');
  const size_t size = ZSTD_compress(out.data(), out.size(), bytes.data(), bytes.size(), 3);
  if (ZSTD_isError(size) != 0) {
    return Status::Internal(std::string("ZSTD_compress: ") + ZSTD_getErrorName(size));
  }
  out.resize(size);
  return out;
}

Result<std::string> Bzip2(std::string_view bytes) {
  // bzip2's bound: the input plus 1% plus 600 bytes.
  auto size = static_cast<unsigned int>(bytes.size() + bytes.size() / 100 + 600);
  std::string out(size, '\0');
  const int result = BZ2_bzBuffToBuffCompress(out.data(), &size, const_cast<char*>(bytes.data()),
                                              static_cast<unsigned int>(bytes.size()), 9, 0, 0);
  if (result != BZ_OK) {
    return Status::Internal("BZ2_bzBuffToBuffCompress failed: " + std::to_string(result));
  }
  out.resize(size);
  return out;
}

// Returns the file's bytes compressed as the table asks (moving *text out
// when there is nothing to do) and adds the extension to *uri.
Result<std::string> Compress(formats::text::TextCompression compression,
                             std::string* text,
                             std::string* uri) {
  switch (compression) {
    case formats::text::TextCompression::kGzip:
      *uri += ".gz";
      return Gzip(*text);
    case formats::text::TextCompression::kZstd:
      *uri += ".zst";
      return Zstd(*text);
    case formats::text::TextCompression::kBzip2:
      *uri += ".bz2";
      return Bzip2(*text);
    case formats::text::TextCompression::kNone:
      break;
  }
  return std::move(*text);
}

// Renders a nested value with Hive's collection delimiters (one level).
void AppendNested(const Value& value,
                  const formats::text::TextFormatOptions& format,
                  std::string* out) {
  const std::vector<Value>& children = value.children();
  const bool is_map = value.type().kind() == TypeKind::kMap;
  for (size_t i = 0; i < children.size(); ++i) {
    if (i > 0) {
      out->push_back(is_map && i % 2 == 1 ? format.map_key_delimiter : format.collection_delimiter);
    }
    const Value& child = children[i];
    if (child.is_null()) {
      out->append(format.null_format);
    } else if (child.type().is_string()) {
      out->append(child.string_value());
    } else {
      out->append(FormatValue(child));
    }
  }
}

std::string PathText(const Vector& column, size_t row) {
  if (column.IsNull(row)) {
    return std::string(kDefaultPartition);
  }
  const Value value = column.GetValue(row);
  return value.type().is_string() ? value.string_value() : FormatValue(value);
}

}  // namespace

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
  STRATUS_ASSIGN_OR_RETURN(
      target->format, formats::text::TextFormatOptionsFromProperties(
                          table.serde_library, table.serde_properties, table.table_properties));
  if (target->format.serde == formats::text::TextSerde::kJson) {
    return SqlError(kNotSupported, "Writing to tables with a JSON SerDe is not supported");
  }
  std::string compression = PropertyUpper(table.table_properties, "write.compression");
  if (compression.empty()) {
    compression = PropertyUpper(table.table_properties, "write_compression");
  }
  if (compression == "GZIP") {
    target->compression = formats::text::TextCompression::kGzip;
  } else if (compression == "ZSTD") {
    target->compression = formats::text::TextCompression::kZstd;
  } else if (compression == "BZIP2") {
    target->compression = formats::text::TextCompression::kBzip2;
  } else if (!compression.empty() && compression != "NONE") {
    return SqlError(kNotSupported, "Unsupported write compression: " + compression);
  }
  return target;
}

TableWriter::TableWriter(std::shared_ptr<TableWriteTarget> target)
    : target_(std::move(target)), num_partition_keys_(target_->table->partition_keys.size()) {}

TableWriter::~TableWriter() = default;

void TableWriter::AppendField(const Vector& column, size_t row, std::string* out) const {
  const formats::text::TextFormatOptions& format = target_->format;
  const bool csv = format.serde == formats::text::TextSerde::kOpenCsv;
  if (column.IsNull(row)) {
    if (!csv) {
      out->append(format.null_format);
    }
    return;
  }
  std::string_view text;
  std::string rendered;
  const PhysicalType physical = column.physical_type();
  if (physical == PhysicalType::kString) {
    text = column.values<StringView>()[row].view();
  } else if (column.type().is_integer()) {
    int64_t value = 0;
    switch (physical) {
      case PhysicalType::kInt8:
        value = column.values<int8_t>()[row];
        break;
      case PhysicalType::kInt16:
        value = column.values<int16_t>()[row];
        break;
      case PhysicalType::kInt32:
        value = column.values<int32_t>()[row];
        break;
      default:
        value = column.values<int64_t>()[row];
        break;
    }
    char digits[24];
    const auto result = std::to_chars(digits, digits + sizeof(digits), value);
    rendered.assign(digits, result.ptr);
    text = rendered;
  } else if (column.type().is_nested()) {
    AppendNested(column.GetValue(row), format, &rendered);
    text = rendered;
  } else {
    rendered = FormatValue(column.GetValue(row));
    text = rendered;
  }
  if (!csv) {
    out->append(text);
    return;
  }
  out->push_back(format.quote);
  for (const char c : text) {
    if (c == format.quote || c == format.csv_escape) {
      out->push_back(format.csv_escape);
    }
    out->push_back(c);
  }
  out->push_back(format.quote);
}

Status TableWriter::Write(const Batch& input) {
  const size_t rows = input.num_rows();
  const size_t num_data = input.num_columns() - num_partition_keys_;
  std::vector<Vector> columns;
  for (const Vector& column : input.columns()) {
    columns.push_back(column.Flatten());
  }
  const formats::text::TextFormatOptions& format = target_->format;
  const char delimiter = format.serde == formats::text::TextSerde::kOpenCsv
                             ? format.separator
                             : format.field_delimiter;
  const std::vector<catalog::ColumnDescriptor>& keys = target_->table->partition_keys;
  std::string directory;
  for (size_t row = 0; row < rows; ++row) {
    directory.clear();
    for (size_t k = 0; k < num_partition_keys_; ++k) {
      directory +=
          keys[k].name + "=" + EscapePartitionValue(PathText(columns[num_data + k], row)) + "/";
    }
    OpenFile& file = files_[directory];
    if (file.directory.empty() && !directory.empty()) {
      file.directory = directory;
      std::vector<std::string> values;
      for (size_t k = 0; k < num_partition_keys_; ++k) {
        values.push_back(PathText(columns[num_data + k], row));
      }
      std::lock_guard<std::mutex> lock(target_->mu);
      if (std::find(target_->partitions.begin(), target_->partitions.end(), values) ==
          target_->partitions.end()) {
        target_->partitions.push_back(std::move(values));
      }
    }
    for (size_t c = 0; c < num_data; ++c) {
      if (c > 0) {
        file.text.push_back(delimiter);
      }
      AppendField(columns[c], row, &file.text);
    }
    file.text.push_back('\n');
    if (file.text.size() >= kTableFileBytes) {
      STRATUS_RETURN_IF_ERROR(Flush(file));
    }
  }
  target_->rows_written.fetch_add(rows);
  return Status::Ok();
}

Status TableWriter::Flush(OpenFile& file) {
  if (file.text.empty()) {
    return Status::Ok();
  }
  std::string location = target_->table->location;
  if (!location.empty() && location.back() != '/') {
    location.push_back('/');
  }
  std::string uri = location + file.directory + target_->file_prefix + "_" +
                    std::to_string(target_->next_file.fetch_add(1));
  STRATUS_ASSIGN_OR_RETURN(std::string bytes, Compress(target_->compression, &file.text, &uri));
  file.text.clear();
  STRATUS_RETURN_IF_ERROR(target_->lake->Write(uri, bytes).status());
  return Status::Ok();
}

Status TableWriter::Finish() {
  for (auto& [directory, file] : files_) {
    STRATUS_RETURN_IF_ERROR(Flush(file));
  }
  return Status::Ok();
}

}  // namespace stratus::sql::exec
