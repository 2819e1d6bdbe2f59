#pragma once

// Reads a snapshot's rows the slow and simple way (every column of the
// snapshot's schema, deletes applied), for checking tables in tests.

#include <map>
#include <set>
#include <string>
#include <vector>

#include "formats/iceberg/delete_files.h"
#include "formats/iceberg/scan_planner.h"
#include "formats/iceberg/table_loader.h"
#include "formats/parquet/parquet_split_reader.h"
#include "lake/object_store.h"
#include "sql/vector/batch.h"

namespace stratus::formats::iceberg {

/// Returns the rows of `snapshot` with the snapshot schema's top-level columns.
inline Result<std::vector<std::vector<sql::Value>>> ReadSnapshotRows(TableIo& io,
                                                                     const TableMetadata& metadata,
                                                                     const Snapshot* snapshot) {
  const Schema& schema = SchemaForSnapshot(metadata, snapshot);
  std::vector<parquet::ParquetColumn> columns;
  std::map<int32_t, size_t> column_of_id;
  for (const NestedField& field : schema.fields) {
    STRATUS_ASSIGN_OR_RETURN(sql::LogicalType type, ToLogicalType(field.type));
    column_of_id[field.id] = columns.size();
    columns.push_back({.name = field.name, .type = type, .field_id = field.id});
  }
  STRATUS_ASSIGN_OR_RETURN(ScanPlan plan, PlanScan(io, metadata, snapshot));
  std::vector<std::vector<sql::Value>> out;
  for (const FileScanTask& task : plan.tasks) {
    std::vector<DataFile> position_files;
    for (const ManifestEntry& entry : task.position_deletes) {
      position_files.push_back(entry.data_file);
    }
    STRATUS_ASSIGN_OR_RETURN(
        PositionDeletes deleted,
        ReadPositionDeletes(io, position_files, task.data.data_file.file_path));
    const std::vector<int64_t>& positions = deleted[task.data.data_file.file_path];
    const std::set<int64_t> position_set(positions.begin(), positions.end());
    std::vector<EqualityDeletes> equality;
    for (const ManifestEntry& entry : task.equality_deletes) {
      STRATUS_ASSIGN_OR_RETURN(EqualityDeletes rows,
                               ReadEqualityDeletes(io, entry.data_file, schema));
      equality.push_back(std::move(rows));
    }
    STRATUS_ASSIGN_OR_RETURN(std::unique_ptr<lake::ObjectReader> source,
                             io.OpenReader(task.data.data_file.file_path));
    parquet::ParquetSplit split;
    split.columns = columns;
    STRATUS_ASSIGN_OR_RETURN(std::unique_ptr<parquet::ParquetSplitReader> reader,
                             parquet::ParquetSplitReader::Open(*source, split));
    sql::Batch batch;
    int64_t position = 0;
    while (true) {
      STRATUS_ASSIGN_OR_RETURN(bool more, reader->Next(&batch));
      if (!more) {
        break;
      }
      for (size_t r = 0; r < batch.num_rows(); ++r, ++position) {
        if (position_set.count(position) > 0) {
          continue;
        }
        std::vector<sql::Value> row;
        for (size_t c = 0; c < batch.num_columns(); ++c) {
          row.push_back(batch.column(c).GetValue(r));
        }
        bool dropped = false;
        for (const EqualityDeletes& deletes : equality) {
          for (const std::vector<sql::Value>& key : deletes.rows) {
            bool match = true;
            for (size_t k = 0; k < deletes.field_ids.size() && match; ++k) {
              auto it = column_of_id.find(deletes.field_ids[k]);
              match = it != column_of_id.end() && row[it->second] == key[k];
            }
            dropped = dropped || match;
          }
        }
        if (!dropped) {
          out.push_back(std::move(row));
        }
      }
    }
  }
  return out;
}

}  // namespace stratus::formats::iceberg
