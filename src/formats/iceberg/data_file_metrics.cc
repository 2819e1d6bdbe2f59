#include "formats/iceberg/data_file_metrics.h"

#include <algorithm>
#include <cctype>
#include <optional>

#include "base/format.h"
#include "formats/iceberg/single_value.h"
#include "formats/iceberg/value_order_internal.h"

namespace stratus::formats::iceberg {
namespace {

size_t Utf8Length(unsigned char lead) {
  if (lead >= 0xf0) {
    return 4;
  }
  if (lead >= 0xe0) {
    return 3;
  }
  if (lead >= 0xc0) {
    return 2;
  }
  return 1;
}

// Returns the byte offsets at which the first `limit` code points end (one per code point).
std::vector<size_t> CodePointEnds(const std::string& text, size_t limit) {
  std::vector<size_t> ends;
  size_t pos = 0;
  while (pos < text.size() && ends.size() < limit) {
    pos = std::min(text.size(), pos + Utf8Length(static_cast<unsigned char>(text[pos])));
    ends.push_back(pos);
  }
  return ends;
}

std::string EncodeUtf8(uint32_t cp) {
  std::string out;
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xc0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3f)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xe0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3f)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3f)));
  } else {
    out.push_back(static_cast<char>(0xf0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3f)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3f)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3f)));
  }
  return out;
}

uint32_t DecodeUtf8(std::string_view bytes) {
  const auto lead = static_cast<unsigned char>(bytes[0]);
  const size_t length = std::min(bytes.size(), Utf8Length(lead));
  uint32_t cp = length == 1 ? lead : lead & (0xff >> (length + 1));
  for (size_t i = 1; i < length; ++i) {
    cp = (cp << 6) | (static_cast<unsigned char>(bytes[i]) & 0x3f);
  }
  return cp;
}

// Java's UnicodeUtil.truncateStringMax: the first `width` code points with the
// last incrementable one incremented; unset when none can be.
std::optional<std::string> TruncateStringMax(const std::string& text, size_t width) {
  std::vector<size_t> ends = CodePointEnds(text, width);
  if (ends.empty() || ends.back() == text.size()) {
    return text;
  }
  for (size_t i = ends.size(); i-- > 0;) {
    const size_t start = i == 0 ? 0 : ends[i - 1];
    uint32_t cp = DecodeUtf8(std::string_view(text).substr(start, ends[i] - start)) + 1;
    if (cp >= 0xd800 && cp <= 0xdfff) {
      cp = 0xe000;  // Skip the surrogate range.
    }
    if (cp <= 0x10ffff) {
      return text.substr(0, start) + EncodeUtf8(cp);
    }
  }
  return std::nullopt;
}

std::optional<std::string> TruncateBinaryMax(const std::string& bytes, size_t width) {
  if (bytes.size() <= width) {
    return bytes;
  }
  std::string out = bytes.substr(0, width);
  while (!out.empty()) {
    auto last = static_cast<unsigned char>(out.back());
    if (last < 0xff) {
      out.back() = static_cast<char>(last + 1);
      return out;
    }
    out.pop_back();
  }
  return std::nullopt;
}

struct Bounds {
  std::optional<sql::Value> lower;
  std::optional<sql::Value> upper;
  bool complete = true;  // Every row group had statistics.
  int64_t nulls = 0;
  bool nulls_complete = true;
};

Status AddBounds(const NestedField& field,
                 const Bounds& bounds,
                 int32_t truncate_length,
                 DataFile* file) {
  if (!bounds.complete || !bounds.lower.has_value() || !bounds.upper.has_value()) {
    return Status::Ok();
  }
  STRATUS_ASSIGN_OR_RETURN(std::string lower, SerializeSingleValue(*bounds.lower, field.type));
  STRATUS_ASSIGN_OR_RETURN(std::string upper, SerializeSingleValue(*bounds.upper, field.type));
  std::optional<std::string> upper_kept = upper;
  // Java keeps position delete files' file_path bounds whole, so that a
  // delete file naming one data file can be matched to it.
  if (truncate_length > 0 && field.id != kDeleteFilePathFieldId) {
    const auto width = static_cast<size_t>(truncate_length);
    if (field.type.id == TypeId::kString) {
      std::vector<size_t> ends = CodePointEnds(lower, width);
      lower = lower.substr(0, ends.empty() ? 0 : ends.back());
      upper_kept = TruncateStringMax(upper, width);
    } else if (field.type.id == TypeId::kBinary) {
      lower = lower.substr(0, std::min(lower.size(), width));
      upper_kept = TruncateBinaryMax(upper, width);
    }
  }
  file->lower_bounds[field.id] = std::move(lower);
  if (upper_kept.has_value()) {
    file->upper_bounds[field.id] = std::move(*upper_kept);
  }
  return Status::Ok();
}

// The position delete columns, which are not in the table schema.
const NestedField* DeleteColumnField(int32_t id) {
  static const NestedField file_path_field{.id = kDeleteFilePathFieldId,
                                           .name = "file_path",
                                           .required = true,
                                           .type = Type::Primitive(TypeId::kString),
                                           .doc = {}};
  static const NestedField pos_field{.id = kDeletePosFieldId,
                                     .name = "pos",
                                     .required = true,
                                     .type = Type::Primitive(TypeId::kLong),
                                     .doc = {}};
  if (id == kDeleteFilePathFieldId) {
    return &file_path_field;
  }
  return id == kDeletePosFieldId ? &pos_field : nullptr;
}

}  // namespace

std::vector<parquet::ParquetColumn> PositionDeleteColumns() {
  return {
      {.name = "file_path",
       .type = sql::LogicalType::Varchar(),
       .field_id = kDeleteFilePathFieldId},
      {.name = "pos", .type = sql::LogicalType::Bigint(), .field_id = kDeletePosFieldId},
  };
}

Result<DataFile> DataFileFromParquet(const parquet::FileMetaData& footer,
                                     const Schema& schema,
                                     DataFileOptions options) {
  DataFile file;
  file.content = options.content;
  file.file_path = std::move(options.file_path);
  file.file_format = "PARQUET";
  file.spec_id = options.spec_id;
  file.partition = std::move(options.partition);
  file.record_count = footer.num_rows;
  file.file_size_in_bytes = options.file_size_in_bytes;
  file.equality_ids = std::move(options.equality_ids);
  if (file.content == FileContent::kData) {
    file.sort_order_id = 0;
  }
  STRATUS_ASSIGN_OR_RETURN(std::vector<parquet::RowGroupInfo> groups,
                           parquet::ListRowGroups(footer));
  std::map<int32_t, Bounds> bounds;
  for (const parquet::RowGroup& group : footer.row_groups) {
    std::optional<int64_t> start;
    for (const parquet::ColumnChunk& chunk : group.columns) {
      if (chunk.meta_data.has_value()) {
        const int64_t offset =
            chunk.meta_data->dictionary_page_offset.value_or(chunk.meta_data->data_page_offset);
        start = start.has_value() ? std::min(*start, offset) : offset;
      }
    }
    if (start.has_value()) {
      file.split_offsets.push_back(*start);
    }
  }
  for (const parquet::RowGroupInfo& group : groups) {
    for (const parquet::ColumnStatistics& stats : group.columns) {
      if (!stats.field_id.has_value()) {
        continue;
      }
      const int32_t id = *stats.field_id;
      file.value_counts[id] += stats.num_values;
      Bounds& b = bounds[id];
      if (stats.null_count.has_value()) {
        b.nulls += *stats.null_count;
      } else {
        b.nulls_complete = false;
      }
      if (stats.min.has_value() && stats.max.has_value()) {
        if (!b.lower.has_value() || CompareValues(*stats.min, *b.lower) < 0) {
          b.lower = stats.min;
        }
        if (!b.upper.has_value() || CompareValues(*stats.max, *b.upper) > 0) {
          b.upper = stats.max;
        }
      } else if (stats.num_values > stats.null_count.value_or(0)) {
        b.complete = false;  // Values without statistics: no bounds.
      }
    }
    // Column sizes from the raw chunks of flat columns (nested leaves have none here).
  }
  for (size_t g = 0; g < footer.row_groups.size() && g < groups.size(); ++g) {
    const parquet::RowGroup& group = footer.row_groups[g];
    for (const parquet::ColumnStatistics& stats : groups[g].columns) {
      if (stats.field_id.has_value() && stats.chunk_index < group.columns.size() &&
          group.columns[stats.chunk_index].meta_data.has_value()) {
        file.column_sizes[*stats.field_id] +=
            group.columns[stats.chunk_index].meta_data->total_compressed_size;
      }
    }
  }
  for (const auto& [id, b] : bounds) {
    if (b.nulls_complete) {
      file.null_value_counts[id] = b.nulls;
    }
    const NestedField* field = schema.FindField(id);
    if (field == nullptr) {
      field = DeleteColumnField(id);
    }
    if (field != nullptr && field->type.is_primitive()) {
      STRATUS_RETURN_IF_ERROR(AddBounds(*field, b, options.truncate_length, &file));
    }
  }
  return file;
}

namespace {

// The ids of a nested type's element, key, value and struct fields, depth
// first: the order ParquetColumn::nested_field_ids wants.
void CollectNestedFieldIds(const Type& type, std::vector<int32_t>* out) {
  for (const NestedField& child : type.fields) {
    out->push_back(child.id);
    CollectNestedFieldIds(child.type, out);
  }
}

}  // namespace

Result<std::vector<parquet::ParquetColumn>> ParquetColumnsFor(const Schema& schema) {
  std::vector<parquet::ParquetColumn> out;
  for (const NestedField& field : schema.fields) {
    STRATUS_ASSIGN_OR_RETURN(sql::LogicalType type, ToLogicalType(field.type));
    parquet::ParquetColumn column{
        .name = field.name, .type = std::move(type), .field_id = field.id};
    CollectNestedFieldIds(field.type, &column.nested_field_ids);
    out.push_back(std::move(column));
  }
  return out;
}

parquet::ParquetWriterOptions IcebergParquetOptions(const TableMetadata& metadata) {
  parquet::ParquetWriterOptions options;
  std::string codec = metadata.Property("write.parquet.compression-codec", "zstd");
  std::transform(codec.begin(), codec.end(), codec.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (codec == "snappy") {
    options.codec = parquet::Codec::kSnappy;
  } else if (codec == "gzip") {
    options.codec = parquet::Codec::kGzip;
  } else if (codec == "lz4") {
    options.codec = parquet::Codec::kLz4Raw;
  } else if (codec == "uncompressed" || codec == "none") {
    options.codec = parquet::Codec::kUncompressed;
  } else {
    options.codec = parquet::Codec::kZstd;
  }
  options.timestamp_micros = true;
  options.created_by = "stratus (iceberg)";
  options.key_value_metadata = {IcebergSchemaKeyValue(metadata.current_schema())};
  return options;
}

parquet::KeyValue IcebergSchemaKeyValue(const Schema& schema) {
  return parquet::KeyValue{.key = "iceberg.schema", .value = SchemaToJson(schema)};
}

}  // namespace stratus::formats::iceberg
