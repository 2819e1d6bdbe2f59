#include "formats/iceberg/delete_files.h"

#include <algorithm>
#include <memory>
#include <optional>

#include "base/format.h"
#include "formats/parquet/parquet_split_reader.h"
#include "lake/object_store.h"
#include "sql/vector/batch.h"
#include "sql/vector/string_view.h"
#include "sql/vector/vector.h"

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

// Returns false when the file_path bounds of a position delete file rule
// out `data_file` (bounds are byte-ordered; a truncated upper bound is only larger).
bool MayReference(const DataFile& file, std::string_view data_file) {
  auto lower = file.lower_bounds.find(kDeleteFilePathFieldId);
  auto upper = file.upper_bounds.find(kDeleteFilePathFieldId);
  if (lower != file.lower_bounds.end() && data_file < std::string_view(lower->second)) {
    return false;
  }
  return upper == file.upper_bounds.end() || data_file <= std::string_view(upper->second);
}

// The one data file a position delete file references, when its file_path
// bounds say so: equal lower and upper bounds leave a single value (a
// truncated bound would differ from the other one).
std::optional<std::string_view> SingleReferencedFile(const DataFile& file) {
  auto lower = file.lower_bounds.find(kDeleteFilePathFieldId);
  auto upper = file.upper_bounds.find(kDeleteFilePathFieldId);
  if (lower == file.lower_bounds.end() || upper == file.upper_bounds.end() ||
      lower->second != upper->second) {
    return std::nullopt;
  }
  return std::string_view(lower->second);
}

void SortUnique(std::vector<int64_t>* positions) {
  if (!std::is_sorted(positions->begin(), positions->end())) {
    std::sort(positions->begin(), positions->end());
  }
  positions->erase(std::unique(positions->begin(), positions->end()), positions->end());
}

Status NullRow(const DataFile& file) {
  return Status::Corruption(
      fmt::format("iceberg: position delete file {} has a null row", file.file_path));
}

}  // namespace

Result<PositionDeletes> ReadPositionDeleteFile(TableIo& io,
                                               const DataFile& file,
                                               std::string_view only_data_file) {
  PositionDeletes out;
  if (!only_data_file.empty() && !MayReference(file, only_data_file)) {
    return out;
  }
  STRATUS_RETURN_IF_ERROR(RequireParquet(file));
  const std::optional<std::string_view> single = SingleReferencedFile(file);
  STRATUS_ASSIGN_OR_RETURN(std::unique_ptr<lake::ObjectReader> source,
                           io.OpenReader(file.file_path));
  parquet::ParquetSplit split;
  if (!single.has_value()) {
    split.columns.push_back(parquet::ParquetColumn{.name = "file_path",
                                                   .type = sql::LogicalType::Varchar(),
                                                   .field_id = kDeleteFilePathFieldId});
  }
  split.columns.push_back(parquet::ParquetColumn{
      .name = "pos", .type = sql::LogicalType::Bigint(), .field_id = kDeletePosFieldId});
  STRATUS_ASSIGN_OR_RETURN(std::unique_ptr<parquet::ParquetSplitReader> reader,
                           parquet::ParquetSplitReader::Open(*source, std::move(split)));
  // One data file: only the pos column, appended whole per batch.
  std::vector<int64_t>* only = single.has_value() ? &out[std::string(*single)] : nullptr;
  sql::Batch batch;
  while (true) {
    STRATUS_ASSIGN_OR_RETURN(bool more, reader->Next(&batch));
    if (!more) {
      break;
    }
    const size_t rows = batch.num_rows();
    if (only != nullptr) {
      const sql::Vector positions = batch.column(0).Flatten();
      const auto* pos_values = positions.values<int64_t>();
      if (positions.HasNulls()) {
        return NullRow(file);
      }
      only->insert(only->end(), pos_values, pos_values + rows);
      continue;
    }
    // Flat access: delete files can hold millions of rows.
    const sql::Vector paths = batch.column(0).Flatten();
    const sql::Vector positions = batch.column(1).Flatten();
    const auto* path_values = paths.values<sql::StringView>();
    const auto* pos_values = positions.values<int64_t>();
    if (paths.HasNulls() || positions.HasNulls()) {
      return NullRow(file);
    }
    std::vector<int64_t>* current = nullptr;
    std::string_view current_path;
    for (size_t row = 0; row < rows; ++row) {
      const std::string_view path = path_values[row].view();
      // Rows come sorted by path: look the list up only when it changes
      // (a dictionary-encoded path repeats the same bytes: compared by address first).
      if (current != nullptr && path.data() == current_path.data() &&
          path.size() == current_path.size()) {
        current->push_back(pos_values[row]);
        continue;
      }
      if (!only_data_file.empty() && path != only_data_file) {
        continue;
      }
      if (current == nullptr || path != current_path) {
        current = &out[std::string(path)];
      }
      current_path = path;
      current->push_back(pos_values[row]);
    }
  }
  for (auto& [path, positions] : out) {
    SortUnique(&positions);
  }
  return out;
}

void MergePositionDeletes(PositionDeletes from, PositionDeletes* into) {
  for (auto& [path, positions] : from) {
    auto [it, inserted] = into->try_emplace(path);
    if (inserted) {
      it->second = std::move(positions);
      continue;
    }
    it->second.insert(it->second.end(), positions.begin(), positions.end());
    SortUnique(&it->second);
  }
}

Result<PositionDeletes> ReadPositionDeletes(TableIo& io,
                                            std::span<const DataFile> delete_files,
                                            std::string_view only_data_file) {
  PositionDeletes out;
  for (const DataFile& file : delete_files) {
    STRATUS_ASSIGN_OR_RETURN(PositionDeletes one, ReadPositionDeleteFile(io, file, only_data_file));
    MergePositionDeletes(std::move(one), &out);
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
