#include "formats/iceberg/delete_files.h"

#include <algorithm>
#include <memory>

#include "base/format.h"
#include "formats/parquet/parquet_split_reader.h"
#include "lake/object_store.h"
#include "sql/vector/batch.h"

namespace stratus::formats::iceberg {
namespace {

Status RequireParquet(const DataFile& file) {
  std::string format = file.file_format;
  std::transform(format.begin(), format.end(), format.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  if (format != "PARQUET") {
    return Status::NotImplemented(
        fmt::format("iceberg: {} delete files ({})", file.file_format, file.file_path));
  }
  return Status::Ok();
}

}  // namespace

Result<PositionDeletes> ReadPositionDeletes(TableIo& io,
                                            std::span<const DataFile> delete_files,
                                            std::string_view only_data_file) {
  PositionDeletes out;
  for (const DataFile& file : delete_files) {
    STRATUS_RETURN_IF_ERROR(RequireParquet(file));
    STRATUS_ASSIGN_OR_RETURN(std::unique_ptr<lake::ObjectReader> source,
                             io.OpenReader(file.file_path));
    parquet::ParquetSplit split;
    split.columns = {
        parquet::ParquetColumn{.name = "file_path",
                               .type = sql::LogicalType::Varchar(),
                               .field_id = kDeleteFilePathFieldId},
        parquet::ParquetColumn{
            .name = "pos", .type = sql::LogicalType::Bigint(), .field_id = kDeletePosFieldId},
    };
    STRATUS_ASSIGN_OR_RETURN(std::unique_ptr<parquet::ParquetSplitReader> reader,
                             parquet::ParquetSplitReader::Open(*source, std::move(split)));
    sql::Batch batch;
    while (true) {
      STRATUS_ASSIGN_OR_RETURN(bool more, reader->Next(&batch));
      if (!more) {
        break;
      }
      for (size_t row = 0; row < batch.num_rows(); ++row) {
        const sql::Value path = batch.column(0).GetValue(row);
        const sql::Value pos = batch.column(1).GetValue(row);
        if (path.is_null() || pos.is_null()) {
          return Status::Corruption(
              fmt::format("iceberg: position delete file {} has a null row", file.file_path));
        }
        if (!only_data_file.empty() && path.string_value() != only_data_file) {
          continue;
        }
        out[path.string_value()].push_back(pos.int64_value());
      }
    }
  }
  for (auto& [path, positions] : out) {
    std::sort(positions.begin(), positions.end());
    positions.erase(std::unique(positions.begin(), positions.end()), positions.end());
  }
  return out;
}

Result<EqualityDeletes> ReadEqualityDeletes(TableIo& io,
                                            const DataFile& delete_file,
                                            const Schema& schema) {
  STRATUS_RETURN_IF_ERROR(RequireParquet(delete_file));
  if (delete_file.equality_ids.empty()) {
    return Status::Corruption(
        fmt::format("iceberg: equality delete file {} has no equality ids", delete_file.file_path));
  }
  EqualityDeletes out;
  out.field_ids = delete_file.equality_ids;
  parquet::ParquetSplit split;
  for (int32_t id : delete_file.equality_ids) {
    const NestedField* field = schema.FindField(id);
    if (field == nullptr) {
      return Status::Corruption(fmt::format(
          "iceberg: equality delete file {} names unknown field {}", delete_file.file_path, id));
    }
    STRATUS_ASSIGN_OR_RETURN(sql::LogicalType type, ToLogicalType(field->type));
    split.columns.push_back(
        parquet::ParquetColumn{.name = field->name, .type = std::move(type), .field_id = id});
  }
  STRATUS_ASSIGN_OR_RETURN(std::unique_ptr<lake::ObjectReader> source,
                           io.OpenReader(delete_file.file_path));
  STRATUS_ASSIGN_OR_RETURN(std::unique_ptr<parquet::ParquetSplitReader> reader,
                           parquet::ParquetSplitReader::Open(*source, std::move(split)));
  sql::Batch batch;
  while (true) {
    STRATUS_ASSIGN_OR_RETURN(bool more, reader->Next(&batch));
    if (!more) {
      break;
    }
    for (size_t row = 0; row < batch.num_rows(); ++row) {
      std::vector<sql::Value> values;
      values.reserve(batch.num_columns());
      for (size_t column = 0; column < batch.num_columns(); ++column) {
        values.push_back(batch.column(column).GetValue(row));
      }
      out.rows.push_back(std::move(values));
    }
  }
  return out;
}

}  // namespace stratus::formats::iceberg
