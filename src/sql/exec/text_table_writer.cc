#include "sql/exec/text_table_writer.h"

#include <algorithm>
#include <charconv>
#include <utility>

#include <bzlib.h>
#include <zlib.h>
#include <zstd.h>

#include "lake/lake.h"
#include "sql/exec/table_writer_internal.h"
#include "sql/types/value.h"
#include "sql/types/value_format.h"

namespace stratus::sql::exec {
namespace {

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

void AppendNested(const Value& value,
                  const formats::text::TextFormatOptions& format,
                  int level,
                  std::string* out);

// Appends text, escaping the bytes a reader would split on (every nesting
// separator in use and the escape byte itself) when the table has an escape
// byte, as LazySimpleSerDe writes them.
void AppendEscaped(std::string_view text,
                   const formats::text::TextFormatOptions& format,
                   std::string* out) {
  if (!format.escape.has_value()) {
    out->append(text);
    return;
  }
  const char escape = *format.escape;
  for (const char c : text) {
    if (c == escape || c == format.field_delimiter || c == format.collection_delimiter ||
        c == format.map_key_delimiter || (c > '\0' && c < ' ' && c != '\t' && c != '\n')) {
      out->push_back(escape);
    }
    out->push_back(c);
  }
}

// One part of a nested value at nesting `level`: NULL as the null format, a
// nested value with the next separators, anything else as its text.
void AppendPart(const Value& value,
                const formats::text::TextFormatOptions& format,
                int level,
                std::string* out) {
  if (value.is_null()) {
    out->append(format.null_format);
  } else if (value.type().is_nested()) {
    AppendNested(value, format, level, out);
  } else if (value.type().is_string()) {
    AppendEscaped(value.string_value(), format, out);
  } else {
    AppendEscaped(FormatValue(value), format, out);
  }
}

// Renders a nested value with Hive's separators by nesting level (the ones
// the text reader splits on, formats::text::NestingSeparator): a struct's
// fields and an array's elements at `level`, their parts one level deeper; a
// map's entries at `level`, each key and value apart at `level` + 1 and
// their parts at `level` + 2.
void AppendNested(const Value& value,
                  const formats::text::TextFormatOptions& format,
                  int level,
                  std::string* out) {
  const std::vector<Value>& children = value.children();
  const bool is_map = value.type().kind() == TypeKind::kMap;
  const char separator = formats::text::NestingSeparator(format, level);
  const char key_separator = formats::text::NestingSeparator(format, level + 1);
  for (size_t i = 0; i < children.size(); ++i) {
    if (i > 0) {
      out->push_back(is_map && i % 2 == 1 ? key_separator : separator);
    }
    AppendPart(children[i], format, is_map ? level + 2 : level + 1, out);
  }
}

}  // namespace

TextTableWriter::TextTableWriter(std::shared_ptr<TableWriteTarget> target)
    : target_(std::move(target)), num_partition_keys_(target_->table->partition_keys.size()) {}

TextTableWriter::~TextTableWriter() = default;

void TextTableWriter::AppendField(const Vector& column, size_t row, std::string* out) const {
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
    AppendNested(column.GetValue(row), format, 1, &rendered);
    text = rendered;
  } else {
    rendered = FormatValue(column.GetValue(row));
    text = rendered;
  }
  if (!csv) {
    if (physical == PhysicalType::kString) {
      AppendEscaped(text, format, out);
    } else {
      out->append(text);
    }
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

Status TextTableWriter::Write(const Batch& input) {
  const size_t rows = input.num_rows();
  const size_t num_data = input.num_columns() - num_partition_keys_;
  std::vector<Vector> columns;
  for (const Vector& column : input.columns()) {
    columns.push_back(column.Flatten());
  }
  const formats::text::TextFormatOptions& format = target_->format;
  const size_t file_bytes = target_->file_bytes == 0 ? kTableFileBytes : target_->file_bytes;
  const char delimiter = format.serde == formats::text::TextSerde::kOpenCsv
                             ? format.separator
                             : format.field_delimiter;
  std::string directory;
  for (size_t row = 0; row < rows; ++row) {
    if (num_partition_keys_ > 0) {
      directory = PartitionOf(*target_, columns, row, false).directory;
    }
    OpenFile& file = files_[directory];
    if (file.directory.empty() && !directory.empty()) {
      PartitionOfRow partition = PartitionOf(*target_, columns, row, true);
      file.directory = directory;
      file.path_values = std::move(partition.path_values);
      file.values = std::move(partition.values);
      RecordPartition(*target_, file.path_values);
    }
    for (size_t c = 0; c < num_data; ++c) {
      if (c > 0) {
        file.text.push_back(delimiter);
      }
      AppendField(columns[c], row, &file.text);
    }
    file.text.push_back('\n');
    ++file.rows;
    if (file.text.size() >= file_bytes) {
      STRATUS_RETURN_IF_ERROR(Flush(file));
    }
  }
  target_->rows_written.fetch_add(rows);
  return Status::Ok();
}

Status TextTableWriter::Flush(OpenFile& file) {
  if (file.text.empty()) {
    return Status::Ok();
  }
  std::string uri = NextFileUri(*target_, file.directory);
  STRATUS_ASSIGN_OR_RETURN(std::string bytes, Compress(target_->compression, &file.text, &uri));
  file.text.clear();
  STRATUS_ASSIGN_OR_RETURN(lake::ObjectInfo info, target_->lake->Write(uri, bytes));
  RecordWrittenFile(*target_, WrittenFile{.uri = uri,
                                          .size_bytes = info.size,
                                          .num_rows = file.rows,
                                          .partition_path_values = file.path_values,
                                          .partition_values = file.values,
                                          .parquet_metadata = nullptr});
  file.rows = 0;
  return Status::Ok();
}

Status TextTableWriter::Finish() {
  for (auto& [directory, file] : files_) {
    STRATUS_RETURN_IF_ERROR(Flush(file));
  }
  return Status::Ok();
}

}  // namespace stratus::sql::exec
