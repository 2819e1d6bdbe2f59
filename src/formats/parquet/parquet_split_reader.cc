#include "formats/parquet/parquet_split_reader.h"

#include <algorithm>
#include <cstring>
#include <span>
#include <utility>

#include "formats/parquet/column_chunk_reader_internal.h"
#include "formats/parquet/nested_column_reader_internal.h"
#include "formats/parquet/nested_schema_internal.h"
#include "formats/parquet/parquet_schema_internal.h"
#include "lake/object_store.h"
#include "sql/vector/batch.h"
#include "sql/vector/buffer.h"

namespace stratus::formats::parquet {
namespace {

constexpr size_t kTailBytes = 64 * 1024;
constexpr char kMagic[] = "PAR1";

Status ReadFully(const lake::ObjectReader& source, uint64_t offset, char* out, size_t size) {
  size_t done = 0;
  while (done < size) {
    STRATUS_ASSIGN_OR_RETURN(
        size_t n, source.ReadAt(offset + done, std::span<char>(out + done, size - done)));
    if (n == 0) {
      return Status::Corruption("parquet: file shorter than its footer says");
    }
    done += n;
  }
  return Status::Ok();
}

bool SameName(const std::string& a, const std::string& b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

}  // namespace

Result<FileMetaData> ReadParquetFooter(const lake::ObjectReader& source, size_t max_footer_bytes) {
  const uint64_t size = source.size();
  if (size < 12) {
    return Status::Corruption("parquet: file too small");
  }
  const size_t tail_size = static_cast<size_t>(std::min<uint64_t>(size, kTailBytes));
  std::string tail(tail_size, '\0');
  STRATUS_RETURN_IF_ERROR(ReadFully(source, size - tail_size, tail.data(), tail_size));
  const std::string_view magic(tail.data() + tail_size - 4, 4);
  if (magic == "PARE") {
    return Status::NotImplemented("parquet: encrypted files");
  }
  if (magic != std::string_view(kMagic, 4)) {
    return Status::Corruption("parquet: not a Parquet file (no PAR1 at the end)");
  }
  uint32_t footer_size = 0;
  std::memcpy(&footer_size, tail.data() + tail_size - 8, 4);
  if (footer_size > max_footer_bytes || footer_size > size - 12) {
    return Status::Corruption("parquet: bad footer length");
  }
  std::string footer;
  if (footer_size + 8 <= tail_size) {
    footer = tail.substr(tail_size - 8 - footer_size, footer_size);
  } else {
    footer.resize(footer_size);
    STRATUS_RETURN_IF_ERROR(ReadFully(source, size - 8 - footer_size, footer.data(), footer_size));
  }
  return DecodeFileMetaData(footer);
}

Result<std::vector<ParquetColumn>> InferColumns(const FileMetaData& metadata) {
  STRATUS_ASSIGN_OR_RETURN(std::vector<const SchemaElement*> fields, TopLevelFields(metadata));
  std::vector<ParquetColumn> columns;
  for (size_t i = 0; i < fields.size(); ++i) {
    const SchemaElement& element = *fields[i];
    const bool flat =
        element.type && element.num_children == 0 && element.repetition != Repetition::kRepeated;
    std::optional<sql::LogicalType> type =
        flat ? NaturalType(element) : NaturalNestedType(metadata, i);
    if (type) {
      columns.push_back(
          ParquetColumn{.name = element.name, .type = *type, .field_id = element.field_id});
    }
  }
  return columns;
}

Result<std::vector<RowGroupInfo>> ListRowGroups(const FileMetaData& metadata) {
  STRATUS_ASSIGN_OR_RETURN(std::vector<LeafColumn> leaves, FlattenSchema(metadata));
  std::vector<RowGroupInfo> groups;
  for (size_t i = 0; i < metadata.row_groups.size(); ++i) {
    const RowGroup& group = metadata.row_groups[i];
    RowGroupInfo info{
        .index = i, .num_rows = group.num_rows, .total_byte_size = group.total_byte_size};
    for (const LeafColumn& leaf : leaves) {
      if (leaf.nested || leaf.chunk_index >= group.columns.size() ||
          !group.columns[leaf.chunk_index].meta_data) {
        continue;
      }
      const ColumnMetaData& meta = *group.columns[leaf.chunk_index].meta_data;
      ColumnStatistics statistics{.name = leaf.name,
                                  .type = meta.type,
                                  .field_id = leaf.element->field_id,
                                  .chunk_index = leaf.chunk_index,
                                  .num_values = meta.num_values,
                                  .null_count = meta.statistics.null_count,
                                  .min_value = meta.statistics.min_value,
                                  .max_value = meta.statistics.max_value};
      if (std::optional<sql::LogicalType> type = NaturalType(*leaf.element)) {
        if (statistics.min_value) {
          statistics.min = DecodeStatistic(*leaf.element, *type, *statistics.min_value);
        }
        if (statistics.max_value) {
          statistics.max = DecodeStatistic(*leaf.element, *type, *statistics.max_value);
        }
      }
      info.columns.push_back(std::move(statistics));
    }
    groups.push_back(std::move(info));
  }
  return groups;
}

ParquetSplitReader::ParquetSplitReader(const lake::ObjectReader& source, ParquetSplit split)
    : source_(source), split_(std::move(split)) {}

ParquetSplitReader::~ParquetSplitReader() = default;

Result<std::unique_ptr<ParquetSplitReader>> ParquetSplitReader::Open(
    const lake::ObjectReader& source, ParquetSplit split) {
  std::unique_ptr<ParquetSplitReader> reader(
      new ParquetSplitReader(source, std::move(split)));  // STRATUS_LINT_ALLOW(private constructor)
  STRATUS_RETURN_IF_ERROR(reader->Resolve());
  return reader;
}

Status ParquetSplitReader::Resolve() {
  if (split_.footer != nullptr) {
    metadata_ = split_.footer;
  } else {
    STRATUS_ASSIGN_OR_RETURN(FileMetaData footer,
                             ReadParquetFooter(source_, split_.max_footer_bytes));
    metadata_ = std::make_shared<const FileMetaData>(std::move(footer));
    bytes_read_ = std::min<uint64_t>(source_.size(), kTailBytes);
  }
  STRATUS_ASSIGN_OR_RETURN(leaves_, FlattenSchema(*metadata_));
  nested_.resize(split_.columns.size());
  for (size_t c = 0; c < split_.columns.size(); ++c) {
    const ParquetColumn& column = split_.columns[c];
    if (column.type.is_nested()) {
      STRATUS_ASSIGN_OR_RETURN(std::optional<size_t> top,
                               FindTopLevelField(*metadata_, column.name, column.field_id));
      if (top) {
        std::vector<LeafColumn> leaves;
        STRATUS_ASSIGN_OR_RETURN(NestedNode node,
                                 ResolveNestedColumn(*metadata_, *top, column.type, &leaves));
        nested_[c] = std::make_unique<NestedColumnReader>(std::move(node), std::move(leaves));
      }
      column_leaf_.push_back(std::nullopt);
      continue;
    }
    std::optional<size_t> found;
    for (size_t i = 0; i < leaves_.size(); ++i) {
      const bool match = column.field_id ? leaves_[i].element->field_id == column.field_id
                                         : SameName(leaves_[i].name, column.name);
      if (match) {
        found = i;
        break;
      }
    }
    if (found) {
      STRATUS_RETURN_IF_ERROR(CheckReadable(leaves_[*found], column.type));
    }
    column_leaf_.push_back(found);
  }
  if (split_.row_groups.empty()) {
    for (size_t i = 0; i < metadata_->row_groups.size(); ++i) {
      split_.row_groups.push_back(i);
    }
  }
  for (size_t group : split_.row_groups) {
    if (group >= metadata_->row_groups.size()) {
      return Status::InvalidArgument("parquet: no row group " + std::to_string(group));
    }
  }
  readers_.resize(split_.columns.size());
  chunks_.resize(split_.columns.size());
  return Status::Ok();
}

Status ParquetSplitReader::StartRowGroup(size_t group_index) {
  const RowGroup& group = metadata_->row_groups[group_index];
  if (group.num_rows < 0) {
    return Status::Corruption("parquet: negative row count");
  }
  int64_t position = 0;
  for (size_t i = 0; i < group_index; ++i) {
    position += metadata_->row_groups[i].num_rows;
  }
  next_position_ = position;
  rows_left_ = group.num_rows;
  for (size_t c = 0; c < split_.columns.size(); ++c) {
    if (nested_[c] != nullptr) {
      STRATUS_RETURN_IF_ERROR(nested_[c]->StartRowGroup(
          group, [&](const ColumnMetaData& meta) -> Result<std::shared_ptr<sql::Buffer>> {
            std::shared_ptr<sql::Buffer> chunk;
            STRATUS_RETURN_IF_ERROR(FetchChunk(meta, &chunk));
            return chunk;
          }));
      continue;
    }
    std::shared_ptr<sql::Buffer> spare_page;
    if (readers_[c] != nullptr) {
      spare_page = readers_[c]->TakePageBuffer();
    }
    readers_[c].reset();
    if (!column_leaf_[c]) {
      continue;
    }
    const LeafColumn& leaf = leaves_[*column_leaf_[c]];
    if (leaf.chunk_index >= group.columns.size() || !group.columns[leaf.chunk_index].meta_data) {
      return Status::Corruption("parquet: row group lacks column " + leaf.name);
    }
    const ColumnMetaData& meta = *group.columns[leaf.chunk_index].meta_data;
    STRATUS_RETURN_IF_ERROR(FetchChunk(meta, &chunks_[c]));
    STRATUS_ASSIGN_OR_RETURN(
        readers_[c], ColumnChunkReader::Make(leaf, meta, split_.columns[c].type, chunks_[c]));
    readers_[c]->SetSparePageBuffer(std::move(spare_page));
  }
  return Status::Ok();
}

Status ParquetSplitReader::FetchChunk(const ColumnMetaData& meta,
                                      std::shared_ptr<sql::Buffer>* chunk_out) {
  int64_t start = meta.data_page_offset;
  if (meta.dictionary_page_offset && *meta.dictionary_page_offset > 0 &&
      *meta.dictionary_page_offset < start) {
    start = *meta.dictionary_page_offset;
  }
  const int64_t size = meta.total_compressed_size;
  if (start < 0 || size <= 0 || static_cast<uint64_t>(start) > source_.size() ||
      static_cast<uint64_t>(size) > source_.size() - static_cast<uint64_t>(start)) {
    return Status::Corruption("parquet: column chunk outside the file");
  }
  std::shared_ptr<sql::Buffer>& chunk = *chunk_out;
  if (chunk == nullptr || chunk.use_count() > 1 || chunk->size() < static_cast<size_t>(size)) {
    chunk = sql::Buffer::Allocate(static_cast<size_t>(size));
  }
  STRATUS_RETURN_IF_ERROR(ReadFully(source_, static_cast<uint64_t>(start),
                                    reinterpret_cast<char*>(chunk->data()),
                                    static_cast<size_t>(size)));
  bytes_read_ += static_cast<uint64_t>(size);
  return Status::Ok();
}

Result<bool> ParquetSplitReader::Next(sql::Batch* batch) {
  while (rows_left_ == 0) {
    if (next_group_ >= split_.row_groups.size()) {
      return false;
    }
    STRATUS_RETURN_IF_ERROR(StartRowGroup(split_.row_groups[next_group_++]));
  }
  const size_t rows = static_cast<size_t>(std::min<int64_t>(rows_left_, sql::kBatchRows));
  std::vector<sql::Vector> columns;
  columns.reserve(split_.columns.size());
  for (size_t c = 0; c < split_.columns.size(); ++c) {
    if (split_.columns[c].type.is_nested()) {
      sql::Vector vector;
      if (nested_[c] != nullptr) {
        STRATUS_RETURN_IF_ERROR(nested_[c]->Read(rows, &vector));
      } else {
        vector = NullNestedVector(split_.columns[c].type, rows);
      }
      columns.push_back(std::move(vector));
      continue;
    }
    sql::Vector vector(split_.columns[c].type, rows);
    if (readers_[c]) {
      STRATUS_RETURN_IF_ERROR(readers_[c]->Read(rows, &vector));
    } else {
      for (size_t i = 0; i < rows; ++i) {
        vector.SetNull(i, true);
      }
    }
    vector.set_size(rows);
    columns.push_back(std::move(vector));
  }
  rows_left_ -= static_cast<int64_t>(rows);
  batch_position_ = next_position_;
  next_position_ += static_cast<int64_t>(rows);
  *batch = sql::Batch(std::move(columns), rows);
  return true;
}

}  // namespace stratus::formats::parquet
