#include "formats/parquet/parquet_writer.h"

#include <utility>

#include "formats/parquet/column_chunk_writer_internal.h"
#include "lake/object_store.h"
#include "sql/vector/batch.h"

namespace stratus::formats::parquet {
namespace {

constexpr std::string_view kMagic = "PAR1";

// Collects the file in memory, for WriteParquet.
class StringSink final : public lake::ObjectWriter {
 public:
  Status Append(std::string_view bytes) override {
    bytes_.append(bytes);
    return Status::Ok();
  }

  Result<lake::ObjectInfo> Commit() override { return lake::ObjectInfo{.size = bytes_.size()}; }

  std::string& bytes() { return bytes_; }

 private:
  std::string bytes_;
};

}  // namespace

ParquetWriter::ParquetWriter(ParquetWriterOptions options, lake::ObjectWriter* sink)
    : options_(std::move(options)), sink_(sink) {}

ParquetWriter::~ParquetWriter() = default;

Result<std::unique_ptr<ParquetWriter>> ParquetWriter::Make(std::vector<ParquetColumn> columns,
                                                           ParquetWriterOptions options,
                                                           lake::ObjectWriter* sink) {
  if (options.page_rows == 0) {
    return Status::InvalidArgument("parquet: page_rows must be positive");
  }
  std::unique_ptr<ParquetWriter> writer(
      new ParquetWriter(std::move(options), sink));  // STRATUS_LINT_ALLOW(private constructor)
  writer->metadata_.created_by = writer->options_.created_by;
  writer->metadata_.key_value_metadata = writer->options_.key_value_metadata;
  writer->metadata_.schema.push_back(
      SchemaElement{.name = "schema", .num_children = static_cast<int32_t>(columns.size())});
  for (const ParquetColumn& column : columns) {
    STRATUS_ASSIGN_OR_RETURN(std::unique_ptr<ColumnChunkWriter> column_writer,
                             ColumnChunkWriter::Make(column, writer->options_));
    for (SchemaElement& element : column_writer->Schema()) {
      writer->metadata_.schema.push_back(std::move(element));
    }
    writer->columns_.push_back(std::move(column_writer));
  }
  STRATUS_RETURN_IF_ERROR(writer->Append(kMagic));
  return writer;
}

Status ParquetWriter::Append(std::string_view bytes) {
  STRATUS_RETURN_IF_ERROR(sink_->Append(bytes));
  offset_ += bytes.size();
  return Status::Ok();
}

Status ParquetWriter::Write(const sql::Batch& batch) {
  if (closed_) {
    return Status::FailedPrecondition("parquet: writer already closed");
  }
  if (batch.num_columns() != columns_.size()) {
    return Status::InvalidArgument("parquet: batch has " + std::to_string(batch.num_columns()) +
                                   " columns, the file " + std::to_string(columns_.size()));
  }
  size_t buffered = 0;
  for (size_t c = 0; c < columns_.size(); ++c) {
    columns_[c]->Append(batch.column(c), batch.num_rows());
    buffered += columns_[c]->buffered_bytes();
  }
  open_rows_ += static_cast<int64_t>(batch.num_rows());
  if (buffered >= options_.row_group_bytes) {
    return FlushRowGroup();
  }
  return Status::Ok();
}

Status ParquetWriter::FlushRowGroup() {
  if (open_rows_ == 0) {
    return Status::Ok();
  }
  RowGroup group{.num_rows = open_rows_};
  std::string bytes;
  for (auto& column : columns_) {
    STRATUS_RETURN_IF_ERROR(
        column->Flush(static_cast<int64_t>(offset_ + bytes.size()), &bytes, &group.columns));
    group.total_byte_size += static_cast<int64_t>(column->flushed_uncompressed_bytes());
  }
  STRATUS_RETURN_IF_ERROR(Append(bytes));
  metadata_.num_rows += open_rows_;
  metadata_.row_groups.push_back(std::move(group));
  open_rows_ = 0;
  return Status::Ok();
}

Status ParquetWriter::Close() {
  if (closed_) {
    return Status::FailedPrecondition("parquet: writer already closed");
  }
  STRATUS_RETURN_IF_ERROR(FlushRowGroup());
  closed_ = true;
  std::string footer;
  EncodeFileMetaData(metadata_, &footer);
  const auto size = static_cast<uint32_t>(footer.size());
  footer.append(reinterpret_cast<const char*>(&size), 4);
  footer.append(kMagic);
  return Append(footer);
}

Result<std::string> WriteParquet(const std::vector<ParquetColumn>& columns,
                                 const std::vector<sql::Batch>& batches,
                                 ParquetWriterOptions options) {
  StringSink sink;
  STRATUS_ASSIGN_OR_RETURN(std::unique_ptr<ParquetWriter> writer,
                           ParquetWriter::Make(columns, std::move(options), &sink));
  for (const sql::Batch& batch : batches) {
    STRATUS_RETURN_IF_ERROR(writer->Write(batch));
  }
  STRATUS_RETURN_IF_ERROR(writer->Close());
  return std::move(sink.bytes());
}

}  // namespace stratus::formats::parquet
