#include "connectors/mysql/parquet_extract_writer.h"

#include <algorithm>
#include <string_view>
#include <utility>

#include "base/format.h"
#include "formats/parquet/parquet_writer.h"
#include "lake/lake.h"
#include "sql/vector/batch.h"
#include "sql/vector/vector.h"

namespace stratus::connectors::mysql {

ParquetExtractWriter::ParquetExtractWriter(lake::Lake& lake,
                                           std::vector<MySqlColumnInfo> columns,
                                           ParquetExtractOptions options,
                                           std::function<std::string(size_t)> uri_of)
    : lake_(lake), columns_(std::move(columns)), options_(options), uri_of_(std::move(uri_of)) {
  for (const MySqlColumnInfo& column : columns_) {
    types_.push_back(ExtractColumnTypeOf(column));
  }
  StartBatch();
}

ParquetExtractWriter::~ParquetExtractWriter() = default;

uint64_t ParquetExtractWriter::bytes_written() const {
  return closed_bytes_ + (writer_ != nullptr ? writer_->bytes_written() : 0);
}

void ParquetExtractWriter::StartBatch() {
  batch_.clear();
  for (const ExtractColumnType& type : types_) {
    batch_.emplace_back(type.type, sql::kBatchRows);
  }
  batch_rows_ = 0;
}

Status ParquetExtractWriter::AddRow(const char* const* fields, const unsigned long* lengths) {
  const size_t row = batch_rows_;
  for (size_t i = 0; i < types_.size(); ++i) {
    sql::Vector& vector = batch_[i];
    if (fields[i] == nullptr) {
      vector.SetNull(row, true);
      continue;
    }
    Status set = SetValueFromText(types_[i], std::string_view(fields[i], lengths[i]), vector, row);
    if (!set.ok()) {
      return Status::InvalidArgument(Format("column '{}': {}", columns_[i].name, set.message()));
    }
  }
  if (++batch_rows_ == sql::kBatchRows) {
    return WriteBatch();
  }
  return Status::Ok();
}

Status ParquetExtractWriter::WriteBatch() {
  if (batch_rows_ == 0) {
    return Status::Ok();
  }
  if (writer_ == nullptr) {
    STRATUS_RETURN_IF_ERROR(OpenFile());
  }
  for (sql::Vector& vector : batch_) {
    vector.set_size(batch_rows_);
  }
  STRATUS_RETURN_IF_ERROR(writer_->Write(sql::Batch(std::move(batch_), batch_rows_)));
  StartBatch();
  if (writer_->bytes_written() >= options_.file_bytes) {
    STRATUS_RETURN_IF_ERROR(CloseFile());
  }
  return Status::Ok();
}

Status ParquetExtractWriter::OpenFile() {
  std::string uri = uri_of_(uris_.size());
  STRATUS_ASSIGN_OR_RETURN(std::unique_ptr<lake::ObjectWriter> sink, lake_.CreateWriter(uri));
  std::vector<formats::parquet::ParquetColumn> columns;
  for (size_t i = 0; i < columns_.size(); ++i) {
    columns.push_back({.name = columns_[i].name, .type = types_[i].type});
  }
  formats::parquet::ParquetWriterOptions options;
  options.codec = options_.codec;
  options.row_group_bytes = std::min<uint64_t>(options.row_group_bytes, options_.file_bytes);
  options.timestamp_micros = true;
  options.created_by = "stratus extract";
  STRATUS_ASSIGN_OR_RETURN(
      writer_, formats::parquet::ParquetWriter::Make(std::move(columns), options, sink.get()));
  sinks_.push_back(std::move(sink));
  uris_.push_back(std::move(uri));
  return Status::Ok();
}

Status ParquetExtractWriter::CloseFile() {
  STRATUS_RETURN_IF_ERROR(writer_->Close());
  closed_bytes_ += writer_->bytes_written();
  writer_.reset();
  return Status::Ok();
}

Status ParquetExtractWriter::Finish() {
  STRATUS_RETURN_IF_ERROR(WriteBatch());
  if (writer_ == nullptr && uris_.empty()) {
    STRATUS_RETURN_IF_ERROR(OpenFile());
  }
  if (writer_ != nullptr) {
    STRATUS_RETURN_IF_ERROR(CloseFile());
  }
  return Status::Ok();
}

}  // namespace stratus::connectors::mysql
